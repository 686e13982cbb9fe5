// `plan export [DIR]`: the compiled plan as JSON on stdout. Errors go to stderr and set exit code 1.

import { join } from 'node:path';
import { summarise } from '../diagnostic.js';
import { compilePlan } from '../pipeline.js';
import { exportPlan } from '../render/plan-export.js';
import { stylish } from '../report/stylish.js';
import { rules } from '../rules/index.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, displayPath, findPlanDir, useColour, write } from './shared.js';
import { version } from './version.js';

export async function runExport(dir: string | undefined, options: { cache?: boolean } = {}): Promise<number> {
  const planDir = findPlanDir(dir);
  const { plan, diagnostics } = await compilePlan(planDir, { cache: options.cache ?? true });
  const summary = summarise(diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    await write(process.stderr, stylish(errors, summarise(errors), {
      planDir: displayPath(planDir), displayPath: (f) => displayPath(join(planDir, f)), colour: useColour(process.stderr), rules, version,
    }));
  }
  if (!plan) throw new CannotRun('The plan cannot be read well enough to export it.');
  await write(process.stdout, JSON.stringify(exportPlan(plan), null, 2) + '\n');
  return summary.errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
