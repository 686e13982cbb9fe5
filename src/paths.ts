// Paths as a planner types them: every path plan shows is relative to the working folder, or absolute
// when outside it, with `/` on every system.

import { isAbsolute, relative, sep } from 'node:path';

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
