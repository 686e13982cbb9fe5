// The pages of an output folder's last build, kept in the user's cache folder between runs of
// `plan build`, so a build after a small edit renders only the pages whose view changed. One file per
// output folder and audience; a file that cannot be trusted to be whole and ours is simply not used.

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, utimesSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withKnownHash } from '../emit/output-files.js';
import { cacheBase, cachesOn, ownFileBytes, removeUnused } from '../load/parse-cache.js';
import { PageKeys, type PageSource } from './page-cache.js';

/**
 * The page cache's own sub-folder of the cache folder, and the only names it writes there:
 * `<64 hex digits>.pages` (and their `.<pid>.tmp` temporaries). Pruning touches nothing else.
 */
export const PAGE_CACHE_SUBFOLDER = 'plan-page-cache-v1';
const FILE_NAME = /^[0-9a-f]{64}\.pages(\.\d+\.tmp)?$/;

/**
 * A file is the pages' text one after another, then an index of them as JSON, then a last line giving
 * the index's length in bytes: so pages are written as they are rendered, never all held at once.
 */
const FORMAT = 'plan-page-cache 2';
const KEY = /^[0-9a-f]{64}$/;
const MAX_INDEX_DIGITS = 12;

interface Index {
  format: string;
  /**
   * Each page's key, length in bytes and SHA-256, in the order of the file: a page is used only when
   * its bytes still have that hash, which the writer then records for the output file, as it is.
   */
  pages: [key: string, length: number, sha256: string][];
}

export interface PageCacheFileOptions {
  /** False with --no-cache; PLAN_CACHE=0 also switches it off. */
  enabled: boolean;
  /** The output folder. */
  out: string;
  audience: string;
  /** What every page depends on besides its view (`pageStamp` in site.ts); asked for only when the cache is on. */
  stamp: () => string;
  env?: NodeJS.ProcessEnv;
}

/** The page cache of one output folder, or undefined when the caches are switched off. */
export function openPageCacheFile(options: PageCacheFileOptions): PageCacheFile | undefined {
  const env = options.env ?? process.env;
  if (!cachesOn(options.enabled, env)) return undefined;
  const folder = join(cacheBase(env), PAGE_CACHE_SUBFOLDER);
  const name = createHash('sha256').update(`${resolve(options.out)}\0${options.audience}`).digest('hex');
  return new PageCacheFile(folder, join(folder, `${name}.pages`), options.stamp());
}

/** Where a page was found in the last build's file: its bytes from `start` to `end`, which hash to `hash`. */
interface Found {
  start: number;
  end: number;
  hash: string;
  /** The bytes, once checked against the hash. */
  checked?: Buffer;
}

export class PageCacheFile implements PageSource {
  /** How many pages were rendered rather than found, and how many were asked for: for PLAN_DEBUG and tests. */
  rendered = 0;
  asked = 0;

  private readonly last: Buffer;
  private readonly lastPages: Map<string, Found>;
  /** The keys of this build's pages so far, each once, and where a page found in the last file is. */
  private readonly kept = new Map<string, Found | undefined>();
  private writer: Writer | undefined;
  /** The new file could not be started: this build's pages are not kept. */
  private unwritable = false;

  private readonly keys: PageKeys;

  constructor(private readonly folder: string, readonly path: string, stamp: string) {
    this.keys = new PageKeys(stamp);
    const last = readPages(path);
    this.last = last?.bytes ?? Buffer.alloc(0);
    this.lastPages = last?.pages ?? new Map();
  }

  page(format: string, template: string, view: object, render: () => string): string | Buffer {
    this.asked++;
    const key = this.keys.of(format, template, view);
    if (key === undefined) return this.render(render);
    const found = this.lastPages.get(key);
    const bytes = found && this.bytesOf(found);
    if (found && !bytes) this.lastPages.delete(key); // damaged: rendered again, and the file written again
    if (this.kept.has(key)) return bytes ?? this.render(render);
    if (found && bytes) {
      this.kept.set(key, found);
      this.writer?.add(key, bytes, found.hash);
      return bytes;
    }
    // Encoded and hashed once, for the new file and for the output folder alike.
    const page = Buffer.from(this.render(render), 'utf8');
    const hash = createHash('sha256').update(page).digest('hex');
    this.kept.set(key, undefined);
    // The first page rendered starts the new file, with the pages found before it.
    this.startWriting()?.add(key, page, hash);
    return withKnownHash(page, hash);
  }

  /** Each build makes its renderers afresh: they are made only when a page is rendered. */
  renderer<R>(_format: string, make: () => R): R {
    return make();
  }

  /**
   * Puts this build's pages in place of the last build's, after a build that went well: written again
   * only when a page was rendered or one of the last build's was not asked for.
   */
  save(): void {
    if (!this.writer && !this.unwritable && this.kept.size === this.lastPages.size) {
      touch(this.path);
      return;
    }
    if (this.startWriting()?.finish()) removeUnused(this.folder, FILE_NAME);
    this.writer = undefined;
  }

  /** The new file, started with the pages kept so far from the last one. */
  private startWriting(): Writer | undefined {
    if (this.writer || this.unwritable) return this.writer;
    this.writer = Writer.open(this.folder, this.path);
    if (!this.writer) this.unwritable = true;
    for (const [key, found] of this.kept) if (found?.checked) this.writer?.add(key, found.checked, found.hash);
    return this.writer;
  }

  /** Leaves the last build's file as it was (after a build that failed, or once saved). */
  close(): void {
    this.writer?.abandon();
    this.writer = undefined;
  }

  private render(render: () => string): string {
    this.rendered++;
    return render();
  }

  /**
   * A page found in the last file, as its bytes there (a build writes them as they are), or undefined
   * when they no longer have the hash the file's index gives them.
   */
  private bytesOf(found: Found): Buffer | undefined {
    if (found.checked) return found.checked;
    const bytes = this.last.subarray(found.start, found.end);
    if (createHash('sha256').update(bytes).digest('hex') !== found.hash) return undefined;
    return (found.checked = withKnownHash(bytes, found.hash));
  }
}

/** The pages of a file and where each is, or undefined for a file that is missing, damaged, another version's or not ours. */
function readPages(path: string): { bytes: Buffer; pages: Map<string, Found> } | undefined {
  let bytes: Buffer | undefined;
  try {
    bytes = ownFileBytes(path);
  } catch {
    return undefined;
  }
  if (bytes === undefined) return undefined;
  const lastLine = bytes.lastIndexOf(0x0a);
  const digits = bytes.toString('latin1', lastLine + 1);
  if (lastLine < 0 || !/^\d+$/.test(digits) || digits.length > MAX_INDEX_DIGITS) return undefined;
  const indexStart = lastLine - Number(digits);
  if (indexStart < 0) return undefined;
  let index: Index;
  try {
    index = JSON.parse(bytes.toString('utf8', indexStart, lastLine)) as Index;
  } catch {
    return undefined;
  }
  if (index === null || typeof index !== 'object' || index.format !== FORMAT || !Array.isArray(index.pages)) return undefined;
  const pages = new Map<string, Found>();
  let at = 0;
  for (const entry of index.pages) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !KEY.test(entry[0]) || !Number.isSafeInteger(entry[1]) || entry[1] < 0 || typeof entry[2] !== 'string' || !KEY.test(entry[2])) return undefined;
    pages.set(entry[0], { start: at, end: at + entry[1], hash: entry[2] });
    at += entry[1];
  }
  if (at !== indexStart) return undefined;
  touch(path);
  return { bytes, pages };
}

/** Marks a file used, so pruning keeps it. */
function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // missing, or not ours to touch: it is written again when it is needed
  }
}

/** A new file of pages, written into a temporary file beside its place and renamed into it whole. */
class Writer {
  private readonly pages: Index['pages'] = [];
  private failed = false;

  private constructor(private readonly fd: number, private readonly temporary: string, private readonly path: string) {}

  /** A writer, or undefined when the folder cannot be written: a cache that cannot be written is no cache, not an error. */
  static open(folder: string, path: string): Writer | undefined {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(folder, { recursive: true });
      rmSync(temporary, { force: true }); // left by a run of this process id that was killed
      return new Writer(openSync(temporary, 'wx', 0o600), temporary, path);
    } catch {
      return undefined;
    }
  }

  /** Adds a page, whose bytes have the SHA-256 `hash`. */
  add(key: string, bytes: Buffer, hash: string): void {
    if (this.failed) return;
    this.pages.push([key, bytes.length, hash]);
    this.write(bytes);
  }

  /** Puts the file in place; false when it could not be written. */
  finish(): boolean {
    const index: Index = { format: FORMAT, pages: this.pages };
    const json = Buffer.from(JSON.stringify(index), 'utf8');
    this.write(json);
    this.write(Buffer.from(`\n${json.length}`, 'latin1'));
    if (this.failed) {
      this.abandon();
      return false;
    }
    try {
      closeSync(this.fd);
      renameSync(this.temporary, this.path);
      return true;
    } catch {
      this.remove();
      return false;
    }
  }

  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.remove();
  }

  private write(bytes: Buffer): void {
    if (this.failed) return;
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    } catch {
      this.failed = true; // a full disk: the last build's file stays as it was
    }
  }

  private remove(): void {
    try {
      rmSync(this.temporary, { force: true });
    } catch {
      // nothing of ours there
    }
  }
}
