// Writes one file whole: into a temporary file beside it, then renamed over it, so a reader never finds
// half a file and a failed write leaves an earlier file as it was.

import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` to `target` (whose symbolic links the caller has resolved), creating the folders
 * above it; `mode` is the new file's, such as the mode of the file it replaces. Throws the file
 * system's error, having removed the temporary file.
 */
export function writeFileWhole(target: string, content: string | Uint8Array, mode = 0o666): void {
  const temporary = join(dirname(target), `.${basename(target)}.plan-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(temporary, content, { flag: 'wx', mode });
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
