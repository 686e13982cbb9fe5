// `plan init [DIR]`: starts a new plan in an empty folder. In a terminal it asks for the system's name,
// the plan period and the collective aim; otherwise (or with --yes) it takes them from flags and refuses,
// naming the flag, when one is missing. Every file is written whole, and a failed run leaves nothing.

import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summarise } from '../diagnostic.js';
import { writeFileWhole } from '../emit/write-file.js';
import { enclosingPlan } from '../load/find-plans.js';
import { dateSchema } from '../model/schema.js';
import { SCHEMA_FILE } from '../model/json-schema.js';
import { compileTexts } from '../compile-texts.js';
import { FIRST_PRIORITY, periodLabel, scaffoldPlan, STAND_IN_OWNER, type PlanPeriod, type ScaffoldAnswers } from '../scaffold/scaffold.js';
import { write } from './output.js';
import { planSchema, schemaText } from './schema.js';
import { listInWords } from '../english.js';
import { CannotRun, EXIT_OK, displayPath } from './shared.js';

export interface InitOptions {
  name?: string;
  period?: string;
  start?: string;
  end?: string;
  aim?: string;
  yes?: boolean;
}

/** What may already be in the folder of a new plan: a fresh git repository. */
const ALLOWED_IN_EMPTY_FOLDER = new Set(['.git']);

export async function runInit(dir: string | undefined, options: InitOptions): Promise<number> {
  const planDir = resolve(dir ?? '.');
  const shown = displayPath(planDir);
  refuseUnlessEmpty(planDir, shown);
  const interactive = !options.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const answers = interactive ? await ask(options) : fromFlags(options);

  const scaffold = scaffoldPlan(answers);
  // The scaffold must check with no errors; its gaps are warnings. A plan that did not would be a bug here.
  const texts = [...scaffold.files].map(([file, text]) => ({ file, text }));
  const { plan, diagnostics } = compileTexts(texts);
  const errors = summarise(diagnostics).errors;
  if (!plan || errors > 0) throw new Error(`the new plan has ${errors} error(s): ${diagnostics.find((d) => d.severity === 'error')?.message ?? 'it cannot be linked'}`);
  scaffold.files.set(SCHEMA_FILE, schemaText(planSchema(plan)));

  writeAll(planDir, shown, scaffold.files);
  const warnings = summarise(diagnostics).warnings;
  const inPlan = (file: string) => (shown === '.' ? file : `${shown}/${file}`);
  const lines = [
    `plan: started the plan ${plan.manifest.plan.id} in ${shown}: ${scaffold.files.size} files, with NHS England's ${scaffold.objectivesYear.replace('-', '/')} national objectives and the 17 statutory duties of a Joint Forward Plan.`,
    ...(scaffold.objectivesOutsidePeriod ? [`      The national objectives are those for ${scaffold.objectivesYear.replace('-', '/')}, the newest plan ships; check them against the guidance for ${periodLabel(answers.period)}.`] : []),
    'Next:',
    `  1. Rename the priority \`${FIRST_PRIORITY}\` and add the system's priorities (${inPlan('priorities.yaml')}).`,
    `  2. Add the portfolios (${inPlan('portfolios.yaml')}), give each objective its owner, then delete \`${STAND_IN_OWNER}\`.`,
    `  3. Run plan check${shown === '.' ? '' : ` ${shown}`}: its ${warnings} warnings are what the plan still lacks, each with how to fix it.`,
    '',
  ];
  await write(process.stderr, lines.join('\n'));
  await write(process.stdout, `${shown}\n`);
  return EXIT_OK;
}

function refuseUnlessEmpty(planDir: string, shown: string): void {
  // A plan inside another would be read by the other as part of it.
  const outer = enclosingPlan(planDir);
  if (outer !== undefined) {
    throw new CannotRun(`${shown} is inside the plan ${displayPath(outer)}, which would read the new plan's files as its own.`, 'Start the new plan in a folder outside every plan, such as plans/my-plan beside the others.');
  }
  if (!existsSync(planDir)) return;
  if (!statSync(planDir).isDirectory()) throw new CannotRun(`${shown} is a file; give plan init a new or empty folder.`);
  const entries = readdirSync(planDir).filter((name) => !ALLOWED_IN_EMPTY_FOLDER.has(name));
  if (entries.length > 0) {
    throw new CannotRun(`${shown === '.' ? 'This folder' : shown} is not empty (it holds ${entries.length === 1 ? entries[0] : `${entries.length} files and folders`}), so plan init will not write into it.`,
      'Give plan init a new or empty folder, such as: plan init plans/my-plan');
  }
}

// ---------------------------------------------------------------------------------------------------
// The answers

/** What each flag gives, for a refusal that names the missing ones. */
const FLAGS = {
  '--name': ['the name of the integrated care system', '--name "Riverside Integrated Care System"'],
  '--period': ['the years the plan covers, or --start and --end', '--period 2025-26'],
  '--aim': ['the collective aim, in one sentence', '--aim "Increase healthy life expectancy"'],
} as const;

function fromFlags(options: InitOptions): ScaffoldAnswers {
  const period = periodFromFlags(options) ?? (options.yes ? currentFinancialYear(new Date()) : undefined);
  const missing = (Object.keys(FLAGS) as (keyof typeof FLAGS)[]).filter((flag) =>
    flag === '--period' ? period === undefined : options[flag === '--name' ? 'name' : 'aim'] === undefined);
  if (missing.length > 0) {
    throw new CannotRun(`plan init cannot ask here, so it needs ${listInWords(missing)}: ${missing.map((flag) => FLAGS[flag][0]).join('; ')}.`,
      `For example: plan init plans/my-plan ${missing.map((flag) => FLAGS[flag][1]).join(' ')}`);
  }
  return { system: checkLine(options.name!, '--name'), period: period!, aim: checkLine(options.aim!, '--aim') };
}

async function ask(options: InitOptions): Promise<ScaffoldAnswers> {
  const { input } = await import('@inquirer/prompts');
  try {
    const system = options.name !== undefined ? checkLine(options.name, '--name') : await input({
      message: 'The name of the integrated care system:',
      validate: (value) => lineProblem(value) ?? true,
    });
    const period = periodFromFlags(options) ?? parsePeriod(await input({
      message: 'The years the plan covers (2025-26 for one financial year, 2025-30 for five):',
      default: periodText(currentFinancialYear(new Date())),
      validate: (value) => periodProblem(value) ?? true,
    }))!;
    const aim = options.aim !== undefined ? checkLine(options.aim, '--aim') : await input({
      message: 'The collective aim, in one sentence:',
      validate: (value) => lineProblem(value) ?? true,
    });
    return { system: system.trim(), period, aim: aim.trim() };
  } catch (error) {
    // Ctrl-C or Ctrl-D at a question.
    if (error instanceof Error && error.name === 'ExitPromptError') throw new CannotRun('plan init was stopped before it wrote anything.');
    throw error;
  }
}

/** What is wrong with a line of text a planner gave, or undefined. */
function lineProblem(value: string): string | undefined {
  if (value.trim() === '') return 'Write something here.';
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) return 'Write it on one line, without control characters.';
  if (value.length > 300) return 'Write it in at most 300 characters.';
  return undefined;
}

function checkLine(value: string, flag: string): string {
  const problem = lineProblem(value);
  if (problem) throw new CannotRun(`${flag} cannot be used as it is: ${problem}`);
  return value.trim();
}

/** `--period 2025-26` (one financial year), `2025-30` (five), or `--start` and `--end` as dates. */
function periodFromFlags(options: InitOptions): PlanPeriod | undefined {
  if (options.period !== undefined && (options.start !== undefined || options.end !== undefined)) {
    throw new CannotRun('Give either --period or --start and --end, not both.', 'For example: --period 2025-26, or --start 2025-04-01 --end 2026-03-31');
  }
  if (options.period !== undefined) {
    const problem = periodProblem(options.period);
    if (problem) throw new CannotRun(`--period ${options.period} is not a plan period: ${problem}`);
    return parsePeriod(options.period);
  }
  if (options.start === undefined && options.end === undefined) return undefined;
  if (options.start === undefined || options.end === undefined) throw new CannotRun(`Give --${options.start === undefined ? 'start' : 'end'} too: a plan period has a start and an end.`, 'For example: --start 2025-04-01 --end 2026-03-31');
  for (const [flag, value] of [['--start', options.start], ['--end', options.end]] as const) {
    if (!dateSchema.safeParse(value).success) throw new CannotRun(`${flag} ${value} is not a date: write it YYYY-MM-DD, such as 2025-04-01.`);
  }
  if (options.end < options.start) throw new CannotRun(`--end ${options.end} is before --start ${options.start}.`);
  return { start: options.start, end: options.end };
}

const PERIOD = /^(\d{4})[-/](\d{2}|\d{4})$/;

function periodProblem(text: string): string | undefined {
  const match = PERIOD.exec(text.trim());
  if (!match) return 'write the first and last years as 2025-26 (one financial year, April to March) or 2025-30 (five).';
  const period = parsePeriod(text)!;
  if (period.end <= period.start) return 'the last year must come after the first, as in 2025-26.';
  if (Number(period.end.slice(0, 4)) - Number(period.start.slice(0, 4)) > 10) return 'a plan covers at most ten years.';
  return undefined;
}

/** NHS financial years: 2025-26 is 1 April 2025 to 31 March 2026. */
function parsePeriod(text: string): PlanPeriod | undefined {
  const match = PERIOD.exec(text.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2]!.length === 4 ? Number(match[2]) : Math.floor(start / 100) * 100 + Number(match[2]) + (Number(match[2]) < start % 100 ? 100 : 0);
  return { start: `${start}-04-01`, end: `${end}-03-31` };
}

function periodText(period: PlanPeriod): string {
  return `${period.start.slice(0, 4)}-${period.end.slice(2, 4)}`;
}

/** The NHS financial year a day falls in. */
function currentFinancialYear(today: Date): PlanPeriod {
  const year = today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
  return { start: `${year}-04-01`, end: `${year + 1}-03-31` };
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** Writes every file, each whole; when one cannot be written, removes what it wrote and the folders it made. */
function writeAll(planDir: string, shown: string, files: ReadonlyMap<string, string>): void {
  const madeFolder = !existsSync(planDir);
  const written: string[] = [];
  try {
    mkdirSync(planDir, { recursive: true });
    for (const [file, text] of files) {
      const path = join(planDir, file);
      writeFileWhole(path, text);
      written.push(path);
    }
  } catch (error) {
    for (const path of written) rmSync(path, { force: true });
    rmSync(join(planDir, '.plan'), { recursive: true, force: true });
    if (madeFolder) removeEmptyFolder(planDir);
    const code = (error as NodeJS.ErrnoException).code;
    throw new CannotRun(`The new plan cannot be written in ${shown}${code ? ` (${code})` : ''}; nothing was left there.`, 'Check that the folder can be written to.');
  }
}

function removeEmptyFolder(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // something else was written there meanwhile: it is not ours to remove
  }
}
