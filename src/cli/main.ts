// The command-line entry: parses arguments with commander, runs one command, and maps every outcome
// to an exit code (0 ok, 1 problems found, 2 could not run). Bad input never produces a stack trace.

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { severityOf, type SeveritySetting } from '../diagnostic.js';
import { PlanFolderError } from '../load/plan-folder.js';
import { formatNames } from '../report/index.js';
import { terminalText } from '../report/terminal-text.js';
import { isBuiltInCheck, ruleIds } from '../catalogue.js';
import { didYouMean } from '../suggest.js';
import { endQuietlyWhenTheReaderGoes } from './output.js';
import { CannotRun, EXIT_CANNOT_RUN } from './shared.js';
import { version } from './version.js';

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give a whole number of warnings, such as 0 or 10.');
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
  $ plan check                                  check the plan this folder is in, or every plan below it
  $ plan check plans/staffordshire-stoke-2023-24 --format github
  $ plan trace no-01                            show the golden thread of national objective 1
  $ plan build --out site                       write the documents to ./site

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 could not run.
Documentation: docs/cli.md, docs/language.md and docs/rules/.`);

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
    .addHelpText('after', `
Examples:
  $ plan check plans/staffordshire-stoke-2023-24
  $ plan check plans/*                                 several plans; the exit code is the worst
  $ plan check --format compact                        one line per finding, for editors' problem matchers
  $ plan check --format json > findings.json
  $ plan check --format github --max-warnings 0        in a GitHub Actions workflow
  $ plan check --format sarif -o plan.sarif            for code scanning
  $ plan check --rule objective-is-smart=off`)
    .action(async (dirs: string[], options: { format: string; outputFile?: string; maxWarnings?: number; rule?: Record<string, SeveritySetting>; quiet?: boolean; cache: boolean }) => {
      const { runCheck } = await import('./check.js');
      process.exitCode = await runCheck(dirs, options);
    });

  program
    .command('trace')
    .description('show the golden thread of one item: up to the collective aim and down to what serves it')
    .argument('<ID>', 'the id of any item: the aim, a priority, portfolio, objective, action, metric, ...')
    .argument('[DIR]', 'the plan folder (default: the plan this folder is in, else the one plan below it)')
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .addHelpText('after', `
Exit code 0 when the thread reaches the collective aim, 1 when it breaks, 2 when the id is unknown.

Examples:
  $ plan trace no-01
  $ plan trace uec plans/staffordshire-stoke-2023-24`)
    .action(async (id: string, dir: string | undefined, options: { cache: boolean }) => {
      const { runTrace } = await import('./trace.js');
      process.exitCode = await runTrace(id, dir, options);
    });

  program
    .command('export')
    .description('print the compiled plan as JSON: every item with its resolved links and source location')
    .argument('[DIR]', 'the plan folder (default: the plan this folder is in, else the one plan below it)')
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .addHelpText('after', `
Exit code 1 (with the JSON still printed) when the plan has errors; they are listed on stderr.

Examples:
  $ plan export > plan.json
  $ plan export plans/staffordshire-stoke-2023-24 | jq '.objectives[] | select(.portfolio == null)'`)
    .action(async (dir: string | undefined, options: { cache: boolean }) => {
      const { runExport } = await import('./export.js');
      process.exitCode = await runExport(dir, options);
    });

  program
    .command('build')
    .description('check the plan, then write its documents (Markdown and HTML), diagram, plan.json and gap report')
    .argument('[DIR...]', 'plan folders, found as for check; each is built into dist/<plan id>')
    .option('-o, --out <folder>', 'where to write the documents (default: dist/<plan id>, or dist/<plan id>-public)')
    .option('--pdf', 'also print each public document to PDF (into pdf/ of the public site), with Chromium')
    .addOption(new Option('--for <audience>', 'who the site is for: team (every document, the gap report, findings, and the public site in public/) or public (only what is published)').choices(['team', 'public']).default('team'))
    .option('-q, --quiet', 'print only the path of the front page')
    .option('--rule <rule=severity>', 'set a rule\'s severity for this build, as for check; repeatable', parseRuleSetting)
    .option('--no-cache', 'parse every file again, ignoring the parse cache')
    .addHelpText('after', `
With errors, only the gap report (gaps.md, gaps.html, gaps.json) is written, the rest of an earlier
build is left as it was, and the exit code is 1; with --for public nothing is written. Output is
written to a temporary folder and moved into place only when complete. It prints the path of index.html.

Examples:
  $ plan build                                         every plan found, each into dist/<plan id>
  $ plan build plans/staffordshire-stoke-2023-24 --out site
  $ plan build --for public                            the public site alone, into dist/<plan id>-public
  $ plan build --for public --pdf                      and each of its documents as a PDF, in pdf/`)
    .action(async (dirs: string[], options: { out?: string; quiet?: boolean; rule?: Record<string, SeveritySetting>; cache: boolean; for: 'team' | 'public'; pdf?: boolean }) => {
      const { runBuild } = await import('./build.js');
      process.exitCode = await runBuild(dirs, options);
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
  if (error instanceof PlanFolderError) {
    process.stderr.write(`plan: ${terminalText(error.message)}\n`);
    return EXIT_CANNOT_RUN;
  }
  const message = terminalText(error instanceof Error ? error.message : String(error));
  process.stderr.write(`plan: internal error: ${message}\n      This is a bug in plan, not in your plan; please report it with the command you ran.\n`);
  if (process.env.PLAN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT_CANNOT_RUN;
}

void main(process.argv);
