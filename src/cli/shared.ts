// What every command shares: finding the plan folder, exit codes, and turning failures into plain messages.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
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
 * The plan folder: DIR when given; else the working directory if it holds plan.yaml; else the single
 * plan folder under ./plans.
 */
export function findPlanDir(dir: string | undefined, cwd = process.cwd()): string {
  if (dir !== undefined) {
    const full = resolve(cwd, dir);
    if (!existsSync(full)) throw new CannotRun(`There is no folder ${dir}.`, 'Check the path, or run the command from inside the plan folder.');
    if (!statSync(full).isDirectory()) throw new CannotRun(`${dir} is a file; give the folder that holds ${MANIFEST_FILE}.`);
    const manifest = existsSync(join(full, MANIFEST_FILE)) ? statSync(join(full, MANIFEST_FILE)) : undefined;
    if (manifest && !manifest.isFile()) {
      const kind = manifest.isDirectory() ? 'a folder' : manifest.isFIFO() ? 'a named pipe (FIFO)' : 'not an ordinary file';
      throw new CannotRun(`${dir}/${MANIFEST_FILE} is ${kind}; the manifest must be a file.`);
    }
    if (!existsSync(join(full, MANIFEST_FILE))) throw new CannotRun(`${dir} is not a plan folder: it has no ${MANIFEST_FILE}.`, `A plan folder holds ${MANIFEST_FILE} and the plan's other .yaml files.`);
    return full;
  }
  if (existsSync(join(cwd, MANIFEST_FILE))) return cwd;
  const plans = join(cwd, 'plans');
  const candidates = existsSync(plans) && statSync(plans).isDirectory()
    ? readdirSync(plans, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(plans, e.name, MANIFEST_FILE))).map((e) => e.name).sort()
    : [];
  if (candidates.length === 1) return join(plans, candidates[0]!);
  if (candidates.length > 1) {
    throw new CannotRun(`There are ${candidates.length} plans under ./plans (${candidates.join(', ')}); say which one.`, `For example: plan check plans/${candidates[0]}`);
  }
  throw new CannotRun(`No plan folder found: ${MANIFEST_FILE} is not in this folder and there is no plan under ./plans.`, 'Give the plan folder, for example: plan check plans/my-plan');
}

/** A path as the user would type it from the working directory. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  return shown.split(sep).join('/');
}

export function useColour(stream: NodeJS.WriteStream): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Writes text and resolves once it has been handed to the OS, so a piped big output is not cut by exit. */
export function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolveWrite) => {
    if (stream.write(text)) resolveWrite();
    else stream.once('drain', () => resolveWrite());
  });
}
