// `plan export [DIR]`: the compiled plan as JSON on stdout. Errors go to stderr and set exit code 1.

import { summarise } from '../diagnostic.js';
import { compilePlan } from '../pipeline.js';
import { exportPlan } from '../render/plan-export.js';
import { write } from './output.js';
import { printErrors } from './report-context.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, findPlanFolder } from './shared.js';

export async function runExport(dir: string | undefined, options: { cache?: boolean; allowOutside?: boolean } = {}): Promise<number> {
  const planDir = findPlanFolder(dir, 'plan export').dir;
  const { plan, diagnostics } = await compilePlan(planDir, { cache: options.cache ?? true, allowOutside: options.allowOutside ?? false });
  await printErrors(planDir, diagnostics);
  if (!plan) throw new CannotRun('The plan cannot be read well enough to export it.');
  await write(process.stdout, JSON.stringify(exportPlan(plan), null, 2) + '\n');
  return summarise(diagnostics).errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
