// Finds the plan folders a command is about, as ESLint finds its configuration: from inside a plan, up
// to the nearest folder holding plan.yaml; from a folder above plans, every plan below it.

import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { compareText } from '../diagnostic.js';
import { displayPath } from '../paths.js';
import { MANIFEST_FILE, manifestOf, planFolder, type PlanFolder } from './plan-folder.js';

/** The folder below which plans are looked for first: a repository of plans keeps them there. */
export const PLANS_FOLDER = 'plans';

/** How deep below the starting folder plans are looked for, and how many folders at most. */
export const SEARCH_DEPTH = 6;
export const SEARCH_FOLDERS = 10_000;

/** Folders never searched for plans: tools' and build outputs', and hidden ones (`.git`). */
const NOT_SEARCHED = new Set(['node_modules', 'dist']);

/** What a search from one path found: one or more plan folders, in path order, or why there are none, in words. */
export type PlanSearch = { kind: 'found'; plans: PlanFolder[] } | { kind: 'problem'; message: string; hint?: string };

/**
 * The plans that `start` (a path as the user typed it, or undefined for the working folder) is about,
 * or a plain message saying why there are none: see `findPlans`.
 */
export function searchPlans(start: string | undefined, cwd = process.cwd()): PlanSearch {
  const found = findPlans(start ?? '.', cwd);
  const giveTheFolder = `Give the plan folder, for example: plan check ${PLANS_FOLDER}/my-plan`;
  switch (found.kind) {
    case 'found':
      return { kind: 'found', plans: found.plans.map(planFolder) };
    case 'missing':
      return { kind: 'problem', message: `There is no folder ${start ?? '.'}.`, hint: 'Check the path, or run the command from inside the plan folder.' };
    case 'file':
      return { kind: 'problem', message: `${start} is a file; give the folder that holds ${MANIFEST_FILE}.` };
    case 'manifest-not-a-file': {
      // The folder as it was typed, when it is the one given.
      const where = start !== undefined && resolve(cwd, start) === found.path ? `${start}/${MANIFEST_FILE}` : displayPath(join(found.path, MANIFEST_FILE), cwd);
      return { kind: 'problem', message: `${where} is ${found.what}; the manifest must be a file.` };
    }
    case 'too-many-folders':
      return { kind: 'problem', message: `There are too many folders below ${start ?? 'this folder'} to look through for plans (more than ${SEARCH_FOLDERS}).`, hint: giveTheFolder };
    case 'none':
      return start === undefined
        ? { kind: 'problem', message: `No plan folder found: ${MANIFEST_FILE} is not in this folder or a folder above it, and there is no plan below it.`, hint: giveTheFolder }
        : { kind: 'problem', message: `${start} is not a plan folder: it has no ${MANIFEST_FILE}, and there is no plan above or below it.`, hint: `A plan folder holds ${MANIFEST_FILE} and the plan's other .yaml files.` };
  }
}

/** Whether an argument names a plan folder (any existing folder, or a plan.yaml standing for its folder) rather than an id or a revision. */
export function isPlanPath(arg: string, cwd = process.cwd()): boolean {
  const stats = statOf(resolve(cwd, arg));
  return stats !== undefined && (stats.isDirectory() || basename(arg) === MANIFEST_FILE);
}

/**
 * The plan folder that holds `dir` (above it, not `dir` itself), up to the root of its repository or
 * of the file system: a plan started there would be read by that plan as part of it.
 */
export function enclosingPlan(dir: string): string | undefined {
  for (let folder = dirname(resolve(dir)); ; folder = dirname(folder)) {
    if (manifestOf(folder).state === 'file') return folder;
    if (statOf(join(folder, '.git')) || dirname(folder) === folder) return undefined;
  }
}

/** What a search from one path found. Paths are absolute. */
export type Found =
  /** One or more plan folders, in path order. */
  | { kind: 'found'; plans: string[] }
  /** The path does not exist. */
  | { kind: 'missing'; path: string }
  /** The path is a file (other than a plan.yaml, which stands for its folder). */
  | { kind: 'file'; path: string }
  /** The folder's plan.yaml is not a file: `what` it is instead. */
  | { kind: 'manifest-not-a-file'; path: string; what: string }
  /** No plan at the path, above it or below it. */
  | { kind: 'none'; path: string }
  /** The folders below are too many to search. */
  | { kind: 'too-many-folders'; path: string };

/**
 * The plans that `start` (a folder, or a plan.yaml) is about, in this order of preference:
 * 1. the nearest folder holding plan.yaml, from `start` up to the root of its repository (the first
 *    folder holding `.git`) or of the file system;
 * 2. every plan below `start/plans`;
 * 3. every plan anywhere below `start`, at most SEARCH_DEPTH folders down.
 * The search below never enters a plan folder (its folders are part of it), hidden folders,
 * node_modules or dist.
 */
export function findPlans(start: string, cwd = process.cwd()): Found {
  let path = resolve(cwd, start);
  const stats = statOf(path);
  if (!stats) return { kind: 'missing', path };
  if (!stats.isDirectory()) {
    if (basename(path) !== MANIFEST_FILE) return { kind: 'file', path };
    path = dirname(path);
  }
  for (let folder = path; ; folder = dirname(folder)) {
    const manifest = manifestOf(folder);
    if (manifest.state === 'file') return { kind: 'found', plans: [folder] };
    // Said of the folder given; a folder named plan.yaml further up is no plan, and the search goes on.
    if (manifest.state === 'not-a-file' && folder === path) return { kind: 'manifest-not-a-file', path: folder, what: manifest.kind };
    if (statOf(join(folder, '.git')) || dirname(folder) === folder) break;
  }
  const budget = { folders: SEARCH_FOLDERS };
  const plansFolder = join(path, PLANS_FOLDER);
  for (const root of statOf(plansFolder)?.isDirectory() ? [plansFolder, path] : [path]) {
    const plans: string[] = [];
    searchBelow(root, 0, plans, new Set([realPathOf(root)]), budget);
    if (budget.folders < 0) return { kind: 'too-many-folders', path };
    if (plans.length > 0) return { kind: 'found', plans: plans.sort((a, b) => compareText(relative(path, a).split(sep).join('/'), relative(path, b).split(sep).join('/'))) };
  }
  return { kind: 'none', path };
}

function searchBelow(folder: string, depth: number, plans: string[], visited: Set<string>, budget: { folders: number }): void {
  if (depth >= SEARCH_DEPTH || --budget.folders < 0) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return; // a folder that cannot be read holds no plan we can check
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || NOT_SEARCHED.has(entry.name)) continue;
    const path = join(folder, entry.name);
    // A link to a folder is followed once; `visited` stops a loop of links.
    if (!entry.isDirectory() && !(entry.isSymbolicLink() && statOf(path)?.isDirectory())) continue;
    const real = realPathOf(path);
    if (visited.has(real)) continue;
    visited.add(real);
    if (manifestOf(path).state === 'file') plans.push(path);
    else searchBelow(path, depth + 1, plans, visited, budget);
  }
}

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
