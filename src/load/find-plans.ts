// Finds the plan folders a command is about, as ESLint finds its configuration: from inside a plan, up
// to the nearest folder holding plan.yaml; from a folder above plans, every plan below it.

import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { compareText } from '../diagnostic.js';
import { MANIFEST_FILE } from './plan-folder.js';

/** The folder below which plans are looked for first: a repository of plans keeps them there. */
export const PLANS_FOLDER = 'plans';

/** How deep below the starting folder plans are looked for, and how many folders at most. */
export const SEARCH_DEPTH = 6;
export const SEARCH_FOLDERS = 10_000;

/** Folders never searched for plans: tools' and build outputs', and hidden ones (`.git`). */
const NOT_SEARCHED = new Set(['node_modules', 'dist']);

/** What a search from one path found. Paths are absolute. */
export type PlanSearch =
  /** One or more plan folders, in path order. */
  | { kind: 'found'; plans: string[] }
  /** The path does not exist. */
  | { kind: 'missing'; path: string }
  /** The path is a file (other than a plan.yaml, which stands for its folder). */
  | { kind: 'file'; path: string }
  /** The folder's plan.yaml is not a file. */
  | { kind: 'manifest-not-a-file'; path: string }
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
export function findPlans(start: string, cwd = process.cwd()): PlanSearch {
  let path = resolve(cwd, start);
  const stats = statOf(path);
  if (!stats) return { kind: 'missing', path };
  if (!stats.isDirectory()) {
    if (basename(path) !== MANIFEST_FILE) return { kind: 'file', path };
    path = dirname(path);
  }
  for (let folder = path; ; folder = dirname(folder)) {
    const manifest = statOf(join(folder, MANIFEST_FILE));
    if (manifest?.isFile()) return { kind: 'found', plans: [folder] };
    // Said of the folder given; a folder named plan.yaml further up is no plan, and the search goes on.
    if (manifest && folder === path) return { kind: 'manifest-not-a-file', path: folder };
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
    if (statOf(join(path, MANIFEST_FILE))?.isFile()) plans.push(path);
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
