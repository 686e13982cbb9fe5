// What every command shares: finding the plan folder, exit codes, and turning failures into plain messages.

import { searchPlans } from '../load/find-plans.js';
import type { PlanFolder } from '../load/plan-folder.js';
import { displayPath } from '../paths.js';

/** Exit codes, a public contract (docs/cli.md). */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_CANNOT_RUN = 2;

/** A failure that stops a command before it can do its job: printed as one plain line, exit 2. */
export class CannotRun extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/**
 * The plan folders a command is about: for each path given, or for the working folder when none is,
 * the plans load finds there (the nearest plan.yaml up, else the plans below); each plan once.
 */
export function findPlanFolders(paths: readonly string[], cwd = process.cwd()): PlanFolder[] {
  const found: PlanFolder[] = [];
  for (const path of paths.length > 0 ? paths : [undefined]) {
    for (const plan of plansAt(path, cwd)) if (!found.some((f) => f.dir === plan.dir)) found.push(plan);
  }
  return found;
}

/**
 * The one plan folder of a command that works on one plan (`trace`, `export`): found as for
 * findPlanFolders, and refused, naming them, when there are several. `usage` starts the example in
 * the refusal, e.g. `plan trace ID`.
 */
export function findPlanFolder(dir: string | undefined, usage: string, cwd = process.cwd()): PlanFolder {
  const plans = plansAt(dir, cwd);
  if (plans.length > 1) {
    const shown = plans.map((plan) => displayPath(plan.dir, cwd));
    throw new CannotRun(`There are ${plans.length} plans ${dir === undefined ? 'here' : `in ${dir}`} (${shown.join(', ')}); say which one.`, `For example: ${usage} ${shown[0]}`);
  }
  return plans[0]!;
}

function plansAt(dir: string | undefined, cwd: string): PlanFolder[] {
  const search = searchPlans(dir, cwd);
  if (search.kind === 'problem') throw new CannotRun(search.message, search.hint);
  return search.plans;
}

export { displayPath, isWithin } from '../paths.js';
export { isPlanPath } from '../load/find-plans.js';
