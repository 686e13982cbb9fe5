// `plan export [DIR]`: the compiled plan as JSON on stdout (errors go to stderr and set exit code 1), or
// with `--format xlsx` the plan's workbook, one sheet per collection, for `plan import` to read back.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { summarise } from '../diagnostic.js';
import { writeFileWhole } from '../emit/write-file.js';
import { PlanningYear } from '../link/year.js';
import { compilePlan } from '../pipeline.js';
import { exportPlan } from '../render/plan-export.js';
import { write } from './output.js';
import { printErrors } from './report-context.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, displayPath, findPlanFolder } from './shared.js';

export interface ExportOptions {
  cache?: boolean;
  allowOutside?: boolean;
  format?: string;
  /** Write to this file instead of stdout (json), or instead of `<plan id>.xlsx` (xlsx). */
  outputFile?: string;
}

export async function runExport(dir: string | undefined, options: ExportOptions = {}): Promise<number> {
  const planDir = findPlanFolder(dir, 'plan export').dir;
  const { plan, diagnostics } = await compilePlan(planDir, { cache: options.cache ?? true, allowOutside: options.allowOutside ?? false });
  await printErrors(planDir, diagnostics);
  if (!plan) throw new CannotRun('The plan cannot be read well enough to export it.');
  const errors = summarise(diagnostics).errors;
  if (options.format === 'xlsx') {
    if (errors > 0) {
      await write(process.stderr, `plan: the plan has ${errors} error(s), so no workbook was written; fix them first (plan check lists them).\n`);
      return EXIT_PROBLEMS;
    }
    const { planWorkbook } = await import('../sheets/write-workbook.js');
    const { readActualsFiles, readSourceDocuments } = await import('../sheets/sources.js');
    const { planIds } = await import('./schema.js');
    const year = PlanningYear.of(plan);
    const awaited = plan.actions.flatMap((action) => {
      const quarter = year.awaitedUpdate(action);
      return quarter ? [{ action: action.id, quarter: quarter.label }] : [];
    });
    const file = options.outputFile ?? `${plan.manifest.plan.id}.xlsx`;
    const { actionsShown } = await import('../sheets/columns.js');
    writeOutput(file, await planWorkbook(readSourceDocuments(planDir), readActualsFiles(planDir), planIds(plan), { awaited, actions: actionsShown(plan), inTheYear: plan.manifest.year !== undefined }));
    await write(process.stdout, `${displayPath(resolve(file))}\n`);
    return EXIT_OK;
  }
  const json = JSON.stringify(exportPlan(plan), null, 2) + '\n';
  if (options.outputFile !== undefined) writeOutput(options.outputFile, json);
  else await write(process.stdout, json);
  return errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** Writes the export whole, refusing a folder. */
function writeOutput(file: string, content: string | Uint8Array): void {
  const path = resolve(file);
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // a new file
  }
  if (folder) throw new CannotRun(`${file} is a folder; give the name of a file to write the export to.`, 'For example: --output-file plan.xlsx');
  try {
    writeFileWhole(path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CannotRun(`The export cannot be written to ${file}${code ? ` (${code})` : ''}.`, 'Check that the folders on the way to it exist and can be written to.');
  }
}
