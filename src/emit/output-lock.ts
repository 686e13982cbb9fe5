// One build at a time per output folder: an exclusive lock file inside it naming the build that holds
// it (host, process id, a random id). A second build waits for the first to finish; a lock left by a
// build that died (its process is gone) is taken over at once, so an interrupted build never blocks
// the next one.

import { linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EmitError } from './emit-error.js';
import { afterStep } from './fault.js';

export const LOCK_FILE = '.plan-build.lock';
const LOCK_FORMAT = 'plan-build-lock/1';
/** How long a build waits for another one writing to the same folder. */
const WAIT_MS = 60_000;
const POLL_MS = 100;
/** A lock file that cannot be read is taken for a crashed build's only after this long. */
const UNREADABLE_STALE_MS = 10_000;

interface LockOwner {
  format: string;
  host: string;
  pid: number;
  id: string;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (owner.format === LOCK_FORMAT && typeof owner.pid === 'number' && typeof owner.id === 'string' && typeof owner.host === 'string') return owner as LockOwner;
  } catch {
    // missing, or not a lock we wrote
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock's owner is a process of this machine that no longer runs. */
export function ownerIsGone(owner: { host: string; pid: number }): boolean {
  return owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Creates the lock file whole or not at all: written beside, then linked into place (link fails if it exists). */
function tryCreate(root: string, owner: LockOwner): boolean {
  const lock = join(root, LOCK_FILE);
  const text = JSON.stringify(owner) + '\n';
  const beside = join(root, `${LOCK_FILE}-${owner.id}`);
  writeFileSync(beside, text, { flag: 'wx' });
  try {
    linkSync(beside, lock);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    // A file system without hard links: an exclusive create is the next best thing.
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw again;
    }
    writeSync(fd, text);
    closeSync(fd);
    return true;
  } finally {
    unlinkSync(beside);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface HeldLock {
  release(): void;
  /** The ids of builds that died holding the lock: whatever they left under those ids is proven theirs. */
  deadBuilds: string[];
}

/** Takes the output folder's lock, waiting for another build to finish. */
export async function lockOutput(root: string, id: string, shownOut: string): Promise<HeldLock> {
  const lock = join(root, LOCK_FILE);
  const owner: LockOwner = { format: LOCK_FORMAT, host: hostname(), pid: process.pid, id };
  const started = Date.now();
  const deadBuilds: string[] = [];
  for (;;) {
    if (tryCreate(root, owner)) break;
    const holder = readOwner(lock);
    const stale = holder ? ownerIsGone(holder) : ageMs(lock) > UNREADABLE_STALE_MS;
    if (stale) {
      // Removed only if it is still the same dead build's lock, not one a third build took meanwhile.
      const again = readOwner(lock);
      if (again?.id === holder?.id) {
        try {
          unlinkSync(lock);
          if (holder) deadBuilds.push(holder.id);
        } catch {
          // another build removed it first
        }
      }
      continue;
    }
    if (Date.now() - started > WAIT_MS) {
      const who = holder ? `process ${holder.pid} on ${holder.host}` : 'a build whose lock file cannot be read';
      throw new EmitError(
        `Another plan build (${who}) has been writing to ${shownOut} for over a minute, so this one stopped without writing anything.`,
        `Wait for it to finish and build again. If no build is running, delete ${shownOut}/${LOCK_FILE}.`,
      );
    }
    await sleep(POLL_MS);
  }
  afterStep('taking the lock');
  const release = () => {
    if (readOwner(lock)?.id !== id) return;
    try {
      unlinkSync(lock);
    } catch {
      // already gone: nothing to release
    }
  };
  return { release, deadBuilds };
}
