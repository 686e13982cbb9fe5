// A test-only hook for plan's own fault-injection tests: with PLAN_FAULT=N in the environment, the
// process kills itself (SIGKILL, as a power cut or `kill -9` would) at the Nth file-system step of
// writing the output, or half-way through the write that is that step. Unset, it does nothing.

import { closeSync, openSync, writeSync } from 'node:fs';

const target = Number(process.env.PLAN_FAULT ?? '');
/** True when a fault is armed: every write is then made on the main thread, one step after another, so the Nth step is always the same one. */
export const faultArmed = Number.isInteger(target) && target > 0;
let steps = 0;

function die(step: string): never {
  // Said on stderr so a failing test names the step it killed the build at.
  writeSync(2, `plan: PLAN_FAULT=${target}: killed at step ${target}, ${step}\n`);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: the process was killed'); // SIGKILL is not delivered synchronously on every platform
}

/** Marks that a file-system step (a rename, a removal, a folder made) has just been done. */
export function afterStep(step: string): void {
  if (faultArmed && ++steps === target) die(`after ${step}`);
}

/** Writes a new file (it must not exist); as a fault step, it may be cut off half-way. */
export function writeNewFile(path: string, content: string | Buffer, step: string): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const fd = openSync(path, 'wx');
  try {
    if (faultArmed && ++steps === target) {
      writeSync(fd, bytes, 0, bytes.length >> 1);
      die(`half-way through writing ${step}`);
    }
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
  afterStep(`writing ${step}`);
}
