// What every command shares: finding the plan folder, exit codes, and turning failures into plain messages.

import { statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findPlans, PLANS_FOLDER, SEARCH_FOLDERS } from '../load/find-plans.js';
import { MANIFEST_FILE } from '../load/plan-folder.js';

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
 * the plans find-plans finds there (the nearest plan.yaml up, else the plans below); each plan once.
 */
export function findPlanDirs(paths: readonly string[], cwd = process.cwd()): string[] {
  const found: string[] = [];
  for (const path of paths.length > 0 ? paths : [undefined]) {
    for (const plan of plansAt(path, cwd)) if (!found.includes(plan)) found.push(plan);
  }
  return found;
}

/**
 * The one plan folder of a command that works on one plan (`trace`, `export`): found as for
 * findPlanDirs, and refused, naming them, when there are several. `usage` starts the example in the
 * refusal, e.g. `plan trace ID`.
 */
export function findPlanDir(dir: string | undefined, usage: string, cwd = process.cwd()): string {
  const plans = plansAt(dir, cwd);
  if (plans.length > 1) {
    const shown = plans.map((plan) => displayPath(plan, cwd));
    throw new CannotRun(`There are ${plans.length} plans ${dir === undefined ? 'here' : `in ${dir}`} (${shown.join(', ')}); say which one.`, `For example: ${usage} ${shown[0]}`);
  }
  return plans[0]!;
}

function plansAt(dir: string | undefined, cwd: string): string[] {
  const search = findPlans(dir ?? '.', cwd);
  const giveTheFolder = `Give the plan folder, for example: plan check ${PLANS_FOLDER}/my-plan`;
  switch (search.kind) {
    case 'found':
      return search.plans;
    case 'missing':
      throw new CannotRun(`There is no folder ${dir ?? '.'}.`, 'Check the path, or run the command from inside the plan folder.');
    case 'file':
      throw new CannotRun(`${dir} is a file; give the folder that holds ${MANIFEST_FILE}.`);
    case 'manifest-not-a-file': {
      // The folder as it was typed, when it is the one given.
      const where = dir !== undefined && resolve(cwd, dir) === search.path ? `${dir}/${MANIFEST_FILE}` : displayPath(join(search.path, MANIFEST_FILE), cwd);
      throw new CannotRun(`${where} is ${kindOfNonFile(join(search.path, MANIFEST_FILE))}; the manifest must be a file.`);
    }
    case 'too-many-folders':
      throw new CannotRun(`There are too many folders below ${dir ?? 'this folder'} to look through for plans (more than ${SEARCH_FOLDERS}).`, giveTheFolder);
    case 'none':
      if (dir === undefined) {
        throw new CannotRun(`No plan folder found: ${MANIFEST_FILE} is not in this folder or a folder above it, and there is no plan below it.`, giveTheFolder);
      }
      throw new CannotRun(`${dir} is not a plan folder: it has no ${MANIFEST_FILE}, and there is no plan above or below it.`, `A plan folder holds ${MANIFEST_FILE} and the plan's other .yaml files.`);
  }
}

/** What a path that is not an ordinary file is, in words: "a folder", "a named pipe (FIFO)". */
function kindOfNonFile(path: string): string {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'a folder' : stats.isFIFO() ? 'a named pipe (FIFO)' : 'not an ordinary file';
  } catch {
    return 'not an ordinary file';
  }
}

/** A path as the user would type it from the working folder: relative to it, or absolute when outside it; with `/`. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  const shown = rel === '' ? '.' : isWithin(path, cwd) ? rel : path;
  return shown.split(sep).join('/');
}

/** Whether `path` is the folder `dir` or anywhere inside it. */
export function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/** Whether an argument names a plan folder (any existing folder, or a plan.yaml standing for its folder) rather than an id or a revision. */
export function isPlanPath(arg: string, cwd = process.cwd()): boolean {
  try {
    const stats = statSync(resolve(cwd, arg));
    return stats.isDirectory() || basename(arg) === MANIFEST_FILE;
  } catch {
    return false;
  }
}
