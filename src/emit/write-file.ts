// Writes one file whole: into a temporary file beside it, then renamed over it, so a reader never finds
// half a file and a failed write leaves an earlier file as it was.

import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` to `path`, creating the folders above it. A symbolic link is written through,
 * into its target. `mode` is the new file's; by default a file it replaces keeps its mode. Throws
 * the file system's error, having removed the temporary file.
 */
export function writeFileWhole(path: string, content: string | Uint8Array, mode?: number): void {
  const existing = statOf(path);
  const target = existing ? realpathSync(path) : path;
  const temporary = join(dirname(target), `.${basename(target)}.plan-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(temporary, content, { flag: 'wx', mode: mode ?? (existing ? existing.mode & 0o7777 : 0o666) });
    renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
}

/** Clean-up after a failed write must not hide why it failed (it fails too when the folder is not there). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing was written there
  }
}

function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
