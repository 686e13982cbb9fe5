// Finds and reads the source files of a plan folder: `plan.yaml` and every other *.yaml / *.yml below it,
// in a fixed order so that every run reports the same things in the same order.

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostic.js';

/** The manifest of a plan folder: the file that makes a folder a plan. */
export const MANIFEST_FILE = 'plan.yaml';

/** Folders inside a plan that never hold plan sources. */
const SKIPPED_FOLDERS = new Set(['templates', 'node_modules', 'dist']);

export interface SourceText {
  /** Path relative to the plan folder, with forward slashes. */
  file: string;
  text: string;
}

export class PlanFolderError extends Error {}

/** Lists the source files of the plan in `dir`, manifest first, then by path. Throws PlanFolderError when `dir` is not a plan. */
export function listSourceFiles(dir: string): string[] {
  let stats;
  try {
    stats = statSync(dir);
  } catch {
    throw new PlanFolderError(`There is no folder at ${dir}.`);
  }
  if (!stats.isDirectory()) throw new PlanFolderError(`${dir} is a file, not a plan folder.`);
  try {
    if (!statSync(join(dir, MANIFEST_FILE)).isFile()) throw new Error();
  } catch {
    throw new PlanFolderError(`${dir} is not a plan folder: it has no ${MANIFEST_FILE}.`);
  }
  const found: string[] = [];
  walk(dir, dir, found, 0, new Set([realpathSync(dir)]));
  found.sort((a, b) => (a === MANIFEST_FILE ? -1 : b === MANIFEST_FILE ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return found;
}

function walk(root: string, dir: string, found: string[], depth: number, visited: Set<string>): void {
  if (depth > 20) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable sub-folder is reported when its files cannot be read; here we cannot see them at all
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    // A symbolic link to a folder is followed once; `visited` stops a link loop.
    const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && isFolderLink(path));
    if (isFolder) {
      if (depth === 0 && SKIPPED_FOLDERS.has(entry.name)) continue;
      const real = realpathSync(path);
      if (visited.has(real)) continue;
      visited.add(real);
      walk(root, path, found, depth + 1, visited);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && /\.ya?ml$/i.test(entry.name)) {
      found.push(relative(root, path).split(sep).join('/'));
    }
  }
}

function isFolderLink(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a dangling link is no folder; if its name ends in .yaml, reading it reports the problem
  }
}

/** The folder of a plan whose Markdown files are prose for the documents: prose/introduction.md is `prose.introduction`. */
export const PROSE_FOLDER = 'prose';

/** The Markdown files in the plan's prose/ folder, by path relative to the plan folder, sorted. */
export function listProseFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, PROSE_FOLDER), { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.md$/i.test(e.name) && !e.name.startsWith('.'))
      .map((e) => `${PROSE_FOLDER}/${e.name}`)
      .sort();
  } catch {
    return [];
  }
}

/** Reads one source file; a file that cannot be read becomes a diagnostic, not a crash. */
export function readSource(dir: string, file: string): SourceText | Diagnostic {
  try {
    const text = readFileSync(join(dir, file), 'utf8');
    return { file, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return {
      rule: 'read-error',
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: code === 'EACCES' ? 'This file cannot be read: permission denied.' : code === 'EISDIR' ? 'This is a folder whose name ends in .yaml.' : `This file cannot be read (${code ?? 'unknown error'}).`,
      hint: 'Check that the file exists and that you may read it.',
    };
  }
}
