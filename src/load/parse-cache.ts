// A cache of parsed source files, keyed by each file's path and exact text (as ESLint's and Prettier's
// caches are): a file that has not changed since the last run is not parsed again. The YAML parser is
// the slowest step of every command, and a planner runs `plan check` and `plan build` over and over on
// files that mostly have not changed. Entries live in the user's cache folder, never in the plan.

import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYamlPackage from 'js-yaml/package.json' with { type: 'json' };
import yamlPackage from 'yaml/package.json' with { type: 'json' };
import packageJson from '../../package.json' with { type: 'json' };
import type { FileModel, ParsedSource } from './located.js';

/**
 * Anything that changes what parsing produces must change this, so old entries are never read: the
 * versions, and the code itself, so plan built from other code never reads another build's entries.
 */
const CACHE_FORMAT = `plan ${packageJson.version}; yaml ${yamlPackage.version}; js-yaml ${jsYamlPackage.version}; parsed-source 3; ${codeStamp()}`;

/** The name of the build, a hash of the code of lib/, set in each bundle by scripts/build.mjs; not set in the sources. */
declare const PLAN_BUILD: string | undefined;

/** The bundles share their build's name, so plan check and plan build read each other's entries; the sources stamp their own file. */
export function codeStamp(): string {
  if (typeof PLAN_BUILD === 'string') return PLAN_BUILD;
  try {
    const stats = statSync(fileURLToPath(import.meta.url));
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'unknown';
  }
}
/** Entries unused for this long are removed. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The cache's own sub-folder of the cache folder, and the only names it writes there: shards of two
 * hex digits holding `<62 hex digits>.json` entries (and their `.<pid>.tmp` temporaries). Pruning
 * touches nothing else, so a cache folder shared with anything else never loses a file to it.
 */
export const CACHE_SUBFOLDER = 'plan-parse-cache-v1';
const SHARD_NAME = /^[0-9a-f]{2}$/;
const ENTRY_NAME = /^[0-9a-f]{62}\.json(\.\d+\.tmp)?$/;

export interface ParseCache {
  get(file: string, text: string): ParsedSource | undefined;
  set(file: string, text: string, parsed: ParsedSource): void;
  /**
   * Adds to the entry of a file parsed in this run what validation made of it (a file that broke no
   * rule), so the next run neither parses nor validates it. Called before anything else can change
   * the model's objects.
   */
  keep(file: string, text: string, model: FileModel): void;
  /** Removes entries unused for a month; run after a run that wrote entries. */
  prune(): void;
}

/** The folder plan's caches live in: PLAN_CACHE_DIR, else $XDG_CACHE_HOME/plan, else ~/.cache/plan. */
export function cacheBase(env: NodeJS.ProcessEnv = process.env): string {
  return env.PLAN_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'plan');
}

/** Where the entries live: CACHE_SUBFOLDER inside the cache folder. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheBase(env), CACHE_SUBFOLDER);
}

/** Whether plan's caches are on: --no-cache (`enabled` false) and PLAN_CACHE=0 switch them off. */
export function cachesOn(enabled: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return enabled && env.PLAN_CACHE !== '0';
}

/** The cache, or undefined when it is switched off (PLAN_CACHE=0 or --no-cache). */
export function openParseCache(enabled: boolean, env: NodeJS.ProcessEnv = process.env): ParseCache | undefined {
  if (!cachesOn(enabled, env)) return undefined;
  return new FolderCache(cacheFolder(env));
}

class FolderCache implements ParseCache {
  private wrote = false;
  /** The JSON of each entry written in this run, so `keep` need not write the parse as JSON again. */
  private readonly written = new Map<string, string>();

  constructor(private readonly folder: string) {}

  get(file: string, text: string): ParsedSource | undefined {
    const path = this.pathOf(file, text);
    try {
      const bytes = ownFileBytes(path);
      if (bytes === undefined) return undefined;
      const parsed = JSON.parse(bytes.toString('utf8')) as ParsedSource;
      if (parsed.file !== file || !Array.isArray(parsed.lineStarts) || !Array.isArray(parsed.diagnostics)) return undefined;
      const now = new Date();
      utimesSync(path, now, now); // used: keep it
      return parsed;
    } catch {
      return undefined; // missing, unreadable or corrupt: parse the file instead
    }
  }

  set(file: string, text: string, parsed: ParsedSource): void {
    const json = exactJson(parsed);
    if (json === undefined) return;
    const path = this.pathOf(file, text);
    if (this.write(path, json)) this.written.set(path, json);
  }

  keep(file: string, text: string, model: FileModel): void {
    const path = this.pathOf(file, text);
    const json = this.written.get(path);
    this.written.delete(path);
    const modelJson = json === undefined ? undefined : exactJson(model);
    // The entry's JSON is an object ending in `}`: the model is added as its last member.
    if (json !== undefined && modelJson !== undefined) this.write(path, `${json.slice(0, -1)},"model":${modelJson}}`);
  }

  /** Writes an entry whole or not at all: a temporary file renamed into place. */
  private write(path: string, json: string): boolean {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(temporary, json, { flag: 'wx' });
      renameSync(temporary, path);
      this.wrote = true;
      return true;
    } catch {
      // A cache that cannot be written is no cache, not an error, even in a folder plan may not look into.
      try {
        rmSync(temporary, { force: true });
      } catch {
        // nothing of ours there
      }
      return false;
    }
  }

  prune(): void {
    if (!this.wrote) return;
    // lstat, never stat: a symbolic link is not an entry, and is never followed.
    for (const shard of listing(this.folder)) {
      const shardPath = join(this.folder, shard);
      if (SHARD_NAME.test(shard) && isKind(shardPath, 'folder')) removeUnused(shardPath, ENTRY_NAME);
    }
  }

  private pathOf(file: string, text: string): string {
    const key = createHash('sha256').update(CACHE_FORMAT).update('\0').update(file).update('\0').update(text).digest('hex');
    return join(this.folder, key.slice(0, 2), `${key.slice(2)}.json`);
  }
}

/** Removes the files of `folder` named like `name` that have not been used for a month, and nothing else. */
export function removeUnused(folder: string, name: RegExp): void {
  const oldest = Date.now() - MAX_AGE_MS;
  for (const entry of listing(folder)) {
    const path = join(folder, entry);
    if (!name.test(entry) || !isKind(path, 'file')) continue;
    try {
      if (lstatSync(path).mtimeMs < oldest) rmSync(path, { force: true });
    } catch {
      // another run pruning at the same time: nothing to do
    }
  }
}

function listing(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return []; // missing or unreadable: nothing of ours to prune
  }
}

function isKind(path: string, kind: 'file' | 'folder'): boolean {
  try {
    const stats = lstatSync(path);
    return kind === 'file' ? stats.isFile() : stats.isDirectory();
  } catch {
    return false;
  }
}

/**
 * The bytes of a regular file of the user's own, read whole and never through a link; undefined for
 * anything else, or for a file that shrank while it was read. In a cache folder shared with others
 * (PLAN_CACHE_DIR), someone else's entry could hold any plan or page, and what validation made of a
 * file is not validated again. Throws when the file cannot be opened.
 */
export function ownFileBytes(path: string): Buffer | undefined {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || (process.getuid !== undefined && stats.uid !== process.getuid())) return undefined;
    const bytes = Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const count = readSync(fd, bytes, read, bytes.length - read, read);
      if (count === 0) return undefined;
      read += count;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * JSON of a parsed file or a model, or undefined when JSON cannot hold it exactly (YAML's .nan and
 * .inf, which JSON would turn into null, or a value left undefined, which it would drop): such a file
 * is simply parsed, or validated, every time.
 */
function exactJson(value: unknown): string | undefined {
  let exact = true;
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if ((typeof item === 'number' && !Number.isFinite(item)) || item === undefined) exact = false;
    return item;
  });
  return exact ? json : undefined;
}
