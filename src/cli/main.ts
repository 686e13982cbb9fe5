// The command-line entry: parses arguments with commander, runs one command, and maps every outcome
// to an exit code (0 ok, 1 problems found, 2 could not run). Bad input never produces a stack trace.

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { severityOf, type SeveritySetting } from '../diagnostic.js';
import { diffFormatNames, type DiffFormatName } from '../render/diff/index.js';
import { formatNames } from '../report/index.js';
import { terminalText } from '../report/terminal-text.js';
import { isBuiltInCheck, ruleIds } from '../catalogue.js';
import { didYouMean } from '../suggest.js';
import { endQuietlyWhenTheReaderGoes, write } from './output.js';
import { CannotRun, EXIT_CANNOT_RUN } from './shared.js';
import { version } from './version.js';

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give a whole number of warnings, such as 0 or 10.');
  return Number(value);
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('give a port number from 1 to 65535, such as 8080.');
  return Number(value);
}

/** `--rule id=severity`, with the severity in plan's words or ESLint's (`warn`, 0, 1, 2). */
function parseRuleSetting(value: string, previous: Record<string, SeveritySetting> = {}): Record<string, SeveritySetting> {
  const match = value.match(/^([^=]+)=(.*)$/);
  if (!match) throw new InvalidArgumentError('write it as RULE=SEVERITY, such as objective-is-smart=off.');
  const [, id = '', spelling = ''] = match;
  if (isBuiltInCheck(id)) throw new InvalidArgumentError(`\`${id}\` is a built-in check and is always an error; it cannot be configured.`);
  if (!(ruleIds as readonly string[]).includes(id)) throw new InvalidArgumentError(`there is no rule \`${id}\`.${didYouMean(id, ruleIds)} The rules are ${ruleIds.join(', ')}.`);
  const severity = severityOf(spelling);
  if (!severity) {
    throw new InvalidArgumentError(`\`${spelling}\` is not a severity: write off, warning or error (or warn, 0, 1, 2).${didYouMean(spelling, ['off', 'warning', 'error'])}`);
  }
  return { ...previous, [id]: severity };
}

interface CheckOptionsFromFlags {
  format: string;
  outputFile?: string;
  maxWarnings?: number;
  rule?: Record<string, SeveritySetting>;
  quiet?: boolean;
  cache: boolean;
  allowOutside?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  force?: boolean;
  failOnStale?: boolean;
}

export function buildProgram(): Command {
  const program = new Command();
  // Set before the commands are added, so that every command inherits them.
  program.exitOverride();
  program.configureOutput({
    writeErr: (text) => process.stderr.write(text),
    outputError: (text, write) => write(`plan: ${text.replace(/^error: /, '')}`),
  });
  program
    .name('plan')
    .description('The planning compiler for NHS integrated care systems: checks that a plan written as YAML hangs together (the golden thread) and builds its published documents.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    .addHelpText('after', `
Examples:
  $ plan init plans/my-plan                     start a new plan
  $ plan check                                  check the plan this folder is in, or every plan below it
  $ plan check plans/staffordshire-stoke-2023-24 --format github
  $ plan trace no-01                            show the golden thread of national objective 1
  $ plan build --out site                       write the documents to ./site
  $ plan serve                                  preview the site as you edit, at http://127.0.0.1:PORT/

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 could not run.
Documentation: docs/cli.md, docs/language.md and docs/rules/.`);

  program
    .command('init')
    .description('start a new plan in an empty folder: the manifest, a file per collection, the national objectives and the statutory duties')
    .argument('[DIR]', 'the folder of the new plan, new or empty (default: this folder)')
    .option('--name <name>', 'the name of the integrated care system, such as "Riverside Integrated Care System"')
    .option('--period <years>', 'the years the plan covers: 2025-26 (one financial year) or 2025-30 (five)')
    .option('--start <date>', 'the first day of the plan period, YYYY-MM-DD (with --end, instead of --period)')
    .option('--end <date>', 'the last day of the plan period, YYYY-MM-DD')
    .option('--aim <sentence>', 'the collective aim, in one sentence')
    .option('-y, --yes', 'ask nothing: take the flags, and the current financial year when --period is not given')
    .addHelpText('after', `
In a terminal it asks for what the flags do not give; otherwise a missing --name or --aim (or --period,
without --yes) is refused with exit code 2. It refuses a folder that is not empty.

Examples:
  $ plan init plans/riverside
  $ plan init plans/riverside --name "Riverside Integrated Care System" --period 2025-26 --aim "Increase healthy life expectancy"`)
    .action(async (dir: string | undefined, options: { name?: string; period?: string; start?: string; end?: string; aim?: string; yes?: boolean }) => {
      const { runInit } = await import('./init.js');
      process.exitCode = await runInit(dir, options);
    });

  program
    .command('check')
    .description('check the plan: schema, references, the golden thread, SMART objectives, duty coverage')
    .argument('[DIR...]', 'plan folders, or folders above plans (default: the plan this folder is in, else every plan below it)')
    .addOption(new Option('-f, --format <format>', 'how to print the findings').choices(formatNames).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to this file (whole, or not at all) instead of stdout')
    .option('--max-warnings <n>', 'also fail (exit 1) when there are more than n warnings', parseCount)
    .option('--rule <rule=severity>', 'set a rule\'s severity for this run: off, warning or error (or warn, 0, 1, 2); repeatable', parseRuleSetting)
    .option('-q, --quiet', 'print errors only')
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .option('--allow-outside', 'also read sources and prose that symbolic links lead to outside the plan folder')
    .option('--baseline <file>', 'leave out the findings this baseline file records, and fail (exit 1) on any other')
    .option('--update-baseline', 'with --baseline: write the file (created with every finding; an existing one only shrinks)')
    .option('--force', 'with --update-baseline: also record new findings, so the baseline may grow')
    .option('--fail-on-stale', 'with --baseline: also fail when a finding it records is gone')
    .addHelpText('after', `
Examples:
  $ plan check plans/staffordshire-stoke-2023-24
  $ plan check plans/*                                 several plans; the exit code is the worst
  $ plan check --format compact                        one line per finding, for editors' problem matchers
  $ plan check --format json > findings.json
  $ plan check --format github --max-warnings 0        in a GitHub Actions workflow
  $ plan check --format sarif -o plan.sarif            for code scanning
  $ plan check --rule objective-is-smart=off
  $ plan check --baseline plan-baseline.json --update-baseline   record today's findings
  $ plan check --baseline plan-baseline.json                     in CI: fail only on new ones`)
    .action(async (dirs: string[], options: CheckOptionsFromFlags) => {
      const { runCheck } = await import('./check.js');
      process.exitCode = await runCheck(dirs, options);
    });

  program
    .command('trace')
    .description('show the golden thread of one item: up to the collective aim and down to what serves it')
    .argument('<ID>', 'the id of any item: the aim, a priority, portfolio, objective, action, metric, ...')
    .argument('[DIR]', 'the plan folder (default: the plan this folder is in, else the one plan below it)')
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .option('--allow-outside', 'also read sources and prose that symbolic links lead to outside the plan folder')
    .addHelpText('after', `
Exit code 0 when the thread reaches the collective aim, 1 when it breaks, 2 when the id is unknown.

Examples:
  $ plan trace no-01
  $ plan trace uec plans/staffordshire-stoke-2023-24`)
    .action(async (id: string, dir: string | undefined, options: { cache: boolean; allowOutside?: boolean }) => {
      const { runTrace } = await import('./trace.js');
      process.exitCode = await runTrace(id, dir, options);
    });

  program
    .command('export')
    .description('print the compiled plan as JSON (every item with its resolved links and source location), or write its workbook')
    .argument('[DIR]', 'the plan folder (default: the plan this folder is in, else the one plan below it)')
    .addOption(new Option('-f, --format <format>', 'json, or xlsx: a workbook with a sheet each for objectives, actions and metrics, and for the trajectories, assessments, progress updates and actuals the plan has').choices(['json', 'xlsx']).default('json'))
    .option('-o, --output-file <file>', 'write to this file (default: stdout for json, <plan id>.xlsx for xlsx)')
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .option('--allow-outside', 'also read sources and prose that symbolic links lead to outside the plan folder')
    .addHelpText('after', `
Exit code 1 when the plan has errors; they are listed on stderr (the JSON is still printed; no workbook is written).

Examples:
  $ plan export > plan.json
  $ plan export plans/staffordshire-stoke-2023-24 | jq '.objectives[] | select(.portfolio == null)'
  $ plan export --format xlsx -o plan.xlsx           edit it in a spreadsheet, then: plan import plan.xlsx`)
    .action(async (dir: string | undefined, options: { cache: boolean; allowOutside?: boolean; format: string; outputFile?: string }) => {
      const { runExport } = await import('./export.js');
      process.exitCode = await runExport(dir, options);
    });

  program
    .command('import')
    .description('write what a workbook from plan export --format xlsx changed back into the plan\'s YAML files')
    .argument('<FILE>', 'the workbook (.xlsx)')
    .argument('[DIR]', 'the plan folder (default: the plan this folder is in, else the one plan below it)')
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .addHelpText('after', `
Only the values that changed are written, each in its place: comments, order and layout stay as they are.
A cell that cannot be read is reported with its sheet and cell, and then nothing is written (exit 1).

Examples:
  $ plan import plan.xlsx
  $ plan import ~/Downloads/plan.xlsx plans/staffordshire-stoke-2023-24`)
    .action(async (file: string, dir: string | undefined, options: { cache: boolean }) => {
      const { runImport } = await import('./import.js');
      process.exitCode = await runImport(file, dir, options);
    });

  program
    .command('diff')
    .description('show what changed between two versions of a plan: items, fields, golden threads, duty coverage')
    .argument('<OLD>', 'the earlier version: a plan folder, or a git revision of the plan (a branch, tag or commit)')
    .argument('[NEW]', 'the later version, likewise (default: the plan folder as it is now, the working tree)')
    .argument('[DIR]', 'the plan folder whose revisions are compared (default: the folder given as OLD or NEW, else the plan this folder is in)')
    .addOption(new Option('-f, --format <format>', 'how to print the changes').choices(diffFormatNames).default('stylish'))
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .option('--allow-outside', 'also read sources and prose that symbolic links lead to outside the plan folder')
    .addHelpText('after', `
Exit code 0 when nothing changed, 1 when something did, 2 when the versions cannot be compared.

Examples:
  $ plan diff main                                     main against the working tree, as git diff main
  $ plan diff v2023 HEAD                               two revisions of the plan this folder is in
  $ plan diff main plans/staffordshire-stoke-2023-24   that plan folder at main against it as it is now
  $ plan diff old-copy new-copy                        two plan folders
  $ plan diff origin/main --format markdown            a pull-request comment`)
    .action(async (oldVersion: string, newVersion: string | undefined, dir: string | undefined, options: { format: DiffFormatName; cache: boolean; allowOutside?: boolean }) => {
      const { runDiff } = await import('./diff.js');
      process.exitCode = await runDiff(oldVersion, newVersion, dir, options);
    });

  program
    .command('review')
    .description('record that links from actions and metrics to objectives were reviewed: writes the fingerprints in reviewed:')
    .argument('[ID...]', 'actions or metrics (their links), or objectives (every link to them); the last may be the plan folder')
    .option('--portfolio <id>', 'every link to an objective the portfolio owns, or from an action of the portfolio')
    .option('--all', 'every link of the plan (the way to add fingerprints to a plan that has none)')
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .option('--allow-outside', 'also read sources and prose that symbolic links lead to outside the plan folder')
    .addHelpText('after', `
Only the fingerprints in reviewed: are written; every other character of the files stays as it is.
Exit code 0 when the reviews are recorded (or already were), 2 when they cannot be.

Examples:
  $ plan review no-01                        every action and metric that serves objective no-01
  $ plan review uec-ae-4-hours               the links of one action
  $ plan review --portfolio uec
  $ plan review --all plans/staffordshire-stoke-2023-24`)
    .action(async (ids: string[], options: { portfolio?: string; all?: boolean; cache: boolean; allowOutside?: boolean }) => {
      const { runReview } = await import('./review.js');
      process.exitCode = await runReview(ids, options);
    });

  program
    .command('build')
    .description('check the plan, then write its documents (Markdown and HTML), diagram, plan.json and gap report')
    .argument('[DIR...]', 'plan folders, found as for check; each is built into dist/<plan id>')
    .option('-o, --out <folder>', 'where to write the documents (default: dist/<plan id>, or dist/<plan id>-public)')
    .option('--pdf', 'also print each public document to PDF (into pdf/ of the public site), with Chromium')
    .addOption(new Option('--for <audience>', 'who the site is for: team (every document, the gap report, findings, and the public site in public/) or public (only what is published)').choices(['team', 'public']).default('team'))
    .option('-q, --quiet', 'print only the path of the front page')
    .option('--allow-remote-images', 'keep images in prose that load from other sites (by default they become links)')
    .option('--rule <rule=severity>', 'set a rule\'s severity for this build, as for check; repeatable', parseRuleSetting)
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .option('--allow-outside', 'also read sources and prose that symbolic links lead to outside the plan folder')
    .addHelpText('after', `
With errors, only the gap report (gaps.md, gaps.html, gaps.json) is written, the rest of an earlier
build is left as it was, and the exit code is 1; with --for public nothing is written. Files plan did
not write in the output folder are kept; one in the way of a new file is moved aside to NAME.kept. An
interrupted build is completed by the next. It prints the path of index.html.

Examples:
  $ plan build                                         every plan found, each into dist/<plan id>
  $ plan build plans/staffordshire-stoke-2023-24 --out site
  $ plan build --for public                            the public site alone, into dist/<plan id>-public
  $ plan build --for public --pdf                      and each of its documents as a PDF, in pdf/`)
    .action(async (dirs: string[], options: { out?: string; quiet?: boolean; rule?: Record<string, SeveritySetting>; cache: boolean; allowOutside?: boolean; allowRemoteImages?: boolean; for: 'team' | 'public'; pdf?: boolean }) => {
      const { runBuild } = await import('./build.js');
      process.exitCode = await runBuild(dirs, options);
    });

  program
    .command('serve')
    .description('preview the plan\'s site on this computer: built again on every save, open pages reload, errors shown in the page')
    .argument('[DIR]', 'the plan folder (default: the plan this folder is in, else the one plan below it)')
    .option('-p, --port <port>', 'the port to serve on, on 127.0.0.1 (default: a free one)', parsePort)
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .addHelpText('after', `
It prints the address to open (http://127.0.0.1:PORT/) and opens nothing itself. The site is built into
a temporary folder, removed when Ctrl-C stops the preview.

Examples:
  $ plan serve
  $ plan serve plans/staffordshire-stoke-2023-24 --port 8080`)
    .action(async (dir: string | undefined, options: { port?: number; cache: boolean }) => {
      const { runServe } = await import('./serve.js');
      process.exitCode = await runServe(dir, options);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the plan language, for editors: key descriptions, types, and the plan\'s own ids')
    .argument('[DIR]', 'a plan folder: references then offer its ids (default: the schema of the language alone)')
    .option('-w, --write', 'write it to the plan\'s .plan/schema.json, where the files plan init writes point')
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .addHelpText('after', `
Examples:
  $ plan schema > plan.schema.json                     the language alone
  $ plan schema plans/my-plan --write                  refresh the plan's .plan/schema.json after adding items`)
    .action(async (dir: string | undefined, options: { write?: boolean; cache: boolean }) => {
      const { runSchema } = await import('./schema.js');
      process.exitCode = await runSchema(dir, options);
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  endQuietlyWhenTheReaderGoes();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
  // The command is done: end once what it wrote has reached the OS, rather than when the event loop is
  // empty. By then V8 has often begun marking the heap, in steps it would finish first: 20 to 40 ms of
  // a build.
  await Promise.all([write(process.stdout, ''), write(process.stderr, '')]);
  process.exit();
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0.
    return error.exitCode === 0 ? 0 : EXIT_CANNOT_RUN;
  }
  // Messages quote paths, ids and titles, so they are made safe for the terminal like all plan text.
  if (error instanceof CannotRun) {
    process.stderr.write(`plan: ${terminalText(error.message)}\n${error.hint ? `      ${terminalText(error.hint)}\n` : ''}`);
    return EXIT_CANNOT_RUN;
  }
  const message = terminalText(error instanceof Error ? error.message : String(error));
  process.stderr.write(`plan: internal error: ${message}\n      This is a bug in plan, not in your plan; please report it with the command you ran.\n`);
  if (process.env.PLAN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT_CANNOT_RUN;
}

void main(process.argv);
