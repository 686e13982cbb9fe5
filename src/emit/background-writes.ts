// Writes the big new files of a build, and hashes them, on a thread of their own while the main thread
// goes on making the next page: at 50,000 actions a build writes 260 MB, whose sha256 and copy into
// the system's file cache otherwise cost the main thread a tenth of the build. Each file is encoded on
// the main thread (its text lives there) into a ring of shared memory, which the writer thread reads
// in place and which is used again once its file is written, so the memory is bounded.
// The thread starts with the first such file after the build's first 16 million characters: a small
// plan's build has none and starts no thread.

import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { encodeInto, utf8Length, type TextParts } from './output-files.js';

/** A file at least this long (in UTF-16 units) is written in the background; a smaller one costs more to hand over than to write. */
export const BACKGROUND_MIN_LENGTH = 256 * 1024;

/**
 * A build starts writing in the background once it has made this much (in UTF-16 units): the thread
 * takes 20 to 30 ms to start, more than a small plan's whole build spends writing (the embedded plan's
 * is 3 MB), while a big plan's first pages are past this in a fraction of its build.
 */
export const BACKGROUND_AFTER_LENGTH = 16 * 1024 * 1024;

/** Whether a file of `length` is written in the background, when the build has made `sofar` before it. */
export function inBackground(length: number, sofar: number): boolean {
  return length >= BACKGROUND_MIN_LENGTH && sofar >= BACKGROUND_AFTER_LENGTH;
}

/**
 * The shared memory files are encoded into: a next file waits for the oldest while the bytes it needs
 * are being written. Small, as it adds to a big build's peak memory: the thread writes 16 MB in less
 * time than the main thread takes to make a big page.
 */
const RING_BYTES = 16 * 1024 * 1024;

/**
 * The writer thread: for each file, opens it as a new file (`wx`), writes the bytes and closes it, and
 * answers with their sha256, or with the error's code and message. Plain JavaScript, run from this text,
 * so it needs no file of its own beside the bundle.
 */
const WRITER = `
const { parentPort } = require('node:worker_threads');
const { closeSync, openSync, writeSync } = require('node:fs');
const { createHash } = require('node:crypto');
parentPort.on('message', ({ id, path, memory, start, size }) => {
  const bytes = new Uint8Array(memory, start, size);
  try {
    const fd = openSync(path, 'wx');
    try {
      for (let written = 0; written < size; ) written += writeSync(fd, bytes, written, size - written);
    } finally {
      closeSync(fd);
    }
    parentPort.postMessage({ id, hash: createHash('sha256').update(bytes).digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: { code: error.code, message: error.message } });
  }
});
`;

interface Job {
  /** Where its bytes are: in the ring, or a block of their own. */
  memory: SharedArrayBuffer;
  start: number;
  size: number;
  hashed: (hash: string) => void;
  done: Promise<void>;
  finish: () => void;
}

export class BackgroundWrites {
  private worker: Worker | undefined;
  /** The files being written, oldest first: the thread writes them in the order they were given. */
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private failure: { error: unknown } | undefined;
  /** The shared memory files are encoded into, one after another, going round. */
  private ring: SharedArrayBuffer | undefined;
  private head = 0;

  /** @param ringBytes the size of the ring of shared memory (tests make it small, to go round it) */
  constructor(private readonly ringBytes = RING_BYTES) {}

  /**
   * Writes `content` (text, whole or in parts) as the new file `target` (it must not exist) and gives its sha256 (hex) to
   * `hashed` once both are done. Throws the failure of an earlier file, if one failed.
   */
  async write(target: string, content: string | TextParts, hashed: (hash: string) => void): Promise<void> {
    this.throwIfFailed();
    const size = utf8Length(content);
    let memory: SharedArrayBuffer;
    let start = 0;
    if (size > this.ringBytes) {
      // A file bigger than the ring has memory of its own, and waits for the ring to be written first.
      while (this.jobs.size > 0) await this.oldest();
      memory = new SharedArrayBuffer(size);
    } else {
      memory = this.ring ??= new SharedArrayBuffer(this.ringBytes);
      if (this.head + size > this.ringBytes) this.head = 0;
      start = this.head;
      // The thread writes in order, so the bytes this file needs are free once the files in them are written.
      while ([...this.jobs.values()].some((job) => job.memory === memory && job.start < start + size && start < job.start + job.size)) await this.oldest();
      this.head = start + size;
    }
    this.throwIfFailed();
    encodeInto(content, Buffer.from(memory, start, size));
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const id = this.nextId++;
    this.jobs.set(id, { memory, start, size, hashed, done, finish });
    this.thread().postMessage({ id, path: target, memory, start, size });
  }

  /** Waits for every file to be written; throws the first failure, if any. */
  async finish(): Promise<void> {
    await this.settle();
    this.throwIfFailed();
  }

  /** Waits for every write to end, whatever became of it, and stops the thread: before the staging folder is removed. */
  async settle(): Promise<void> {
    while (this.jobs.size > 0) await this.oldest();
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private oldest(): Promise<void> {
    return this.jobs.values().next().value!.done;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Worker(WRITER, { eval: true });
    worker.on('message', ({ id, hash, error }: { id: number; hash?: string; error?: { code?: string; message: string } }) => {
      const job = this.jobs.get(id);
      if (!job) return;
      this.jobs.delete(id);
      if (error) this.failure ??= { error: Object.assign(new Error(error.message), { code: error.code }) };
      else job.hashed(hash!);
      job.finish();
    });
    // A thread that cannot run fails every write still waiting.
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => this.failAll(new Error('the thread writing the output stopped')));
    this.worker = worker;
    return worker;
  }

  private failAll(error: unknown): void {
    if (this.jobs.size === 0) return;
    this.failure ??= { error };
    for (const job of this.jobs.values()) job.finish();
    this.jobs.clear();
  }
}
