// Writes a build's output atomically: everything goes into a temporary folder beside OUT, which
// replaces OUT only once complete. A build that fails, is interrupted or cannot write leaves the
// earlier OUT as it was, and nothing outside OUT is ever deleted. A marker file says a folder is
// ours, so plan never replaces a folder of someone else's files.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

import type { OutputFiles } from './output-files.js';

export const MARKER_FILE = '.plan-build';
const MARKER_TEXT = 'This folder is written by `plan build` and replaced whole by each build.\n';

export class EmitError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Refuses an output folder that a build must not replace. */
export function checkOutputFolder(out: string, planDir: string): void {
  const full = resolve(out);
  if (isInside(resolve(planDir), full)) {
    throw new EmitError(`The output folder ${out} holds the plan itself; a build would replace it.`, 'Choose a folder outside the plan, such as dist/.');
  }
  if (isInside(process.cwd(), full)) {
    throw new EmitError(`The output folder ${out} is the current folder or holds it.`, 'Choose a sub-folder such as dist/my-plan.');
  }
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) throw new EmitError(`The output path ${out} is a file, not a folder.`, 'Choose another --out, or remove the file.');
  const entries = readdirSync(full);
  if (entries.length > 0 && !entries.includes(MARKER_FILE)) {
    throw new EmitError(`The output folder ${out} already holds files that plan did not write.`, 'Choose an empty or new folder; plan replaces only folders it wrote itself.');
  }
}

function writeAll(root: string, files: OutputFiles): void {
  const made = new Set<string>();
  for (const path of [...files.keys()].sort()) {
    const target = join(root, ...path.split('/'));
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(target, files.get(path)!);
  }
}

function removeStale(parent: string, base: string): void {
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(`.${base}.plan-tmp-`) || name.startsWith(`.${base}.plan-old-`)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Replaces OUT with exactly `files` (plus the marker, and whatever `beforeSwap` adds to the new folder,
 * such as PDFs printed from its pages), or leaves OUT untouched on any failure.
 */
export async function replaceFolder(out: string, files: OutputFiles, beforeSwap?: (folder: string) => Promise<void>): Promise<void> {
  const full = resolve(out);
  const parent = dirname(full);
  const base = basename(full);
  const temporary = join(parent, `.${base}.plan-tmp-${process.pid}`);
  const old = join(parent, `.${base}.plan-old-${process.pid}`);
  try {
    mkdirSync(parent, { recursive: true });
    removeStale(parent, base);
    mkdirSync(temporary);
    writeAll(temporary, files);
    writeFileSync(join(temporary, MARKER_FILE), MARKER_TEXT);
    if (beforeSwap) await beforeSwap(temporary);
    if (existsSync(full)) {
      renameSync(full, old);
      try {
        renameSync(temporary, full);
      } catch (cause) {
        renameSync(old, full);
        throw cause;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temporary, full);
    }
  } catch (cause) {
    rmSync(temporary, { recursive: true, force: true });
    throw asEmitError(cause, out);
  }
}

/** Writes some files into OUT in place, each atomically (write beside, then rename), leaving the rest of OUT as it was. */
export function updateFiles(out: string, files: OutputFiles): void {
  const full = resolve(out);
  try {
    mkdirSync(full, { recursive: true });
    if (!existsSync(join(full, MARKER_FILE))) writeFileSync(join(full, MARKER_FILE), MARKER_TEXT);
    for (const path of [...files.keys()].sort()) {
      const target = join(full, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      const temporary = `${target}.plan-tmp-${process.pid}`;
      writeFileSync(temporary, files.get(path)!);
      renameSync(temporary, target);
    }
  } catch (cause) {
    throw asEmitError(cause, out);
  }
}

function asEmitError(cause: unknown, out: string): EmitError {
  if (cause instanceof EmitError) return cause;
  const code = (cause as NodeJS.ErrnoException).code;
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'the disk is read-only' : (cause as Error).message;
  return new EmitError(`Could not write the output to ${out}: ${reason}. Any earlier output there is unchanged.`, 'Check that you can write to that folder, or choose another with --out.');
}

