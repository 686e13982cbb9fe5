// `plan import FILE.xlsx [DIR]`: what a workbook from `plan export --format xlsx` changed, written back
// into the plan's YAML files, value by value. Nothing is written while any cell cannot be read.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { summarise } from '../diagnostic.js';
import { writeFileWhole } from '../emit/write-file.js';
import { compilePlan } from '../pipeline.js';
import { recordNouns } from '../model/schema.js';
import { terminalText } from '../report/terminal-text.js';
import { applyActuals } from '../sheets/apply-actuals.js';
import { applyWorkbook, type LeftOut } from '../sheets/apply-changes.js';
import { actionsShown } from '../sheets/columns.js';
import { readWorkbook, WorkbookError, type CellProblem } from '../sheets/read-workbook.js';
import { readActualsFiles, readSourceDocuments } from '../sheets/sources.js';
import { plural } from '../english.js';
import { write } from './output.js';
import { printErrors } from './report-context.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, displayPath, findPlanFolder } from './shared.js';

/** A workbook bigger than this is refused before it is read: a plan's workbook is a few hundred kilobytes. */
const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

export async function runImport(file: string, dir: string | undefined, options: { cache?: boolean } = {}): Promise<number> {
  const data = readWorkbookFile(file);
  const planDir = findPlanFolder(dir, `plan import ${file}`).dir;
  const { plan, diagnostics } = await compilePlan(planDir, { cache: options.cache ?? true });
  const errors = summarise(diagnostics).errors;
  if (errors > 0) {
    await printErrors(planDir, diagnostics);
    await write(process.stderr, `plan: the plan has ${errors} error(s), so nothing was imported; fix them first (plan check lists them).\n`);
    return EXIT_PROBLEMS;
  }
  let workbook;
  try {
    workbook = await readWorkbook(data, plan ? actionsShown(plan) : undefined);
  } catch (error) {
    if (error instanceof WorkbookError) throw new CannotRun(`${file}: ${error.message}.`, 'Give plan import a workbook written by plan export --format xlsx.');
    throw error;
  }
  const yaml = applyWorkbook(readSourceDocuments(planDir), workbook.rows, workbook.sheets);
  const csv = applyActuals(readActualsFiles(planDir), workbook.rows, workbook.sheets);
  const problems = [...workbook.problems, ...yaml.problems, ...csv.problems];
  if (problems.length > 0) {
    await write(process.stderr, `${problems.map(problemText).join('')}plan: nothing was written: ${problems.length === 1 ? 'a cell' : `${problems.length} cells`} of ${file} cannot be read into the plan.\n`);
    return EXIT_PROBLEMS;
  }
  const changed = new Map([...yaml.changed, ...csv.changed]);
  const counts = new Map([...yaml.counts, ...csv.counts]);
  for (const [path, text] of changed) {
    const target = join(planDir, path);
    try {
      // A new file (progress.yaml, assessments.yaml) gets the mode of plan.yaml.
      writeFileWhole(target, text, statSync(existsSync(target) ? target : join(planDir, 'plan.yaml')).mode & 0o7777);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CannotRun(`${displayPath(target)} cannot be written${code ? ` (${code})` : ''}.`, 'Check that the plan\'s files can be written to.');
    }
  }
  const lines: string[] = [];
  const inFiles = (byFile: ReadonlyMap<string, number>) => [...byFile].map(([path, count]) => `${displayPath(join(planDir, path))} (${count})`).join(', ');
  if (changed.size === 0) lines.push(`plan: ${file} holds the plan as it is: nothing to change.`);
  if (counts.size > 0) {
    const values = [...counts.values()].reduce((a, b) => a + b, 0);
    lines.push(`plan: ${values === 1 ? '1 value' : `${values} values`} changed, in ${inFiles(counts)}.`);
  }
  for (const [collection, byFile] of yaml.added) {
    const noun = recordNouns[collection];
    const count = [...byFile.values()].reduce((a, b) => a + b, 0);
    lines.push(`plan: ${count === 1 ? `1 ${noun}` : `${count} ${noun}s`} added, in ${inFiles(byFile)}.`);
  }
  lines.push(...leftOutText(yaml.notInWorkbook.filter((left) => left.sheet.key[0] === 'id'), 'item', (left) => `\`${left.name}\``));
  lines.push(...leftOutText(yaml.notInWorkbook.filter((left) => left.sheet.collection === 'trajectories'), 'trajectory', (left) => left.name));
  lines.push(...leftOutText(yaml.notInWorkbook.filter((left) => left.sheet.collection === 'assessments'), 'assessment', (left) => left.name));
  lines.push(...leftOutText(yaml.notInWorkbook.filter((left) => left.sheet.collection === 'progress'), 'progress update', (left) => left.name));
  lines.push(...leftOutText(csv.notInWorkbook, 'actual', (left) => left.name));
  await write(process.stderr, `${terminalText(lines.join('\n'))}\n`);
  return EXIT_OK;
}

/** What the workbook's sheets leave out, and that it stays: `The workbook leaves out one item (`no-03`): it is left as it is; …`. */
function leftOutText(left: readonly LeftOut[], noun: string, name: (left: LeftOut) => string): string[] {
  if (left.length === 0) return [];
  const one = left.length === 1;
  const listed = `${left.slice(0, 5).map(name).join(', ')}${left.length > 5 ? ', …' : ''}`;
  const what = one ? `one ${noun}` : plural(left.length, noun, noun === 'trajectory' ? 'trajectories' : undefined);
  return [`      The workbook leaves out ${what} (${listed}): ${one ? 'it is left as it is' : 'they are left as they are'}; plan import removes nothing.`];
}

function problemText(problem: CellProblem): string {
  return `${terminalText(`${problem.cell}: ${problem.message}`)}\n${problem.hint ? `  → ${terminalText(problem.hint)}\n` : ''}`;
}

function readWorkbookFile(file: string): Buffer {
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new CannotRun(`${file} is not a file; give plan import the workbook to read.`);
    size = stats.size;
  } catch (error) {
    if (error instanceof CannotRun) throw error;
    throw new CannotRun(`There is no file ${file}.`, 'Check the path of the workbook.');
  }
  if (size > MAX_WORKBOOK_BYTES) throw new CannotRun(`${file} is ${Math.round(size / 1024 / 1024)} MB, too big to be a plan's workbook (at most ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB).`);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CannotRun(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
  }
}
