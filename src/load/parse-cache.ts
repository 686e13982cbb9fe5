// A cache of parsed source files, keyed by each file's path and exact text (as ESLint's and Prettier's
// caches are): a file that has not changed since the last run is not parsed again. The YAML parser is
// the slowest step of every command, and a planner runs `plan check` and `plan build` over and over on
// files that mostly have not changed. Entries live in the user's cache folder, never in the plan.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yamlPackage from 'yaml/package.json' with { type: 'json' };
import packageJson from '../../package.json' with { type: 'json' };
import type { ParsedSource } from './parse-source.js';

/**
 * Anything that changes what parsing produces must change this, so old entries are never read: the
 * versions, and the size and time of the code itself, so a rebuilt plan never reads an older build's entries.
 */
const CACHE_FORMAT = `plan ${packageJson.version}; yaml ${yamlPackage.version}; parsed-source 2; ${codeStamp()}`;

function codeStamp(): string {
  try {
    const stats = statSync(fileURLToPath(import.meta.url));
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'unknown';
  }
}
/** Entries unused for this long are removed. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export interface ParseCache {
  get(file: string, text: string): ParsedSource | undefined;
  set(file: string, text: string, parsed: ParsedSource): void;
  /** Removes entries unused for a month; run after a run that wrote entries. */
  prune(): void;
}

/** The cache folder: PLAN_CACHE_DIR, else $XDG_CACHE_HOME/plan, else ~/.cache/plan. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PLAN_CACHE_DIR) return env.PLAN_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'plan', 'parsed');
}

/** The cache, or undefined when it is switched off (PLAN_CACHE=0 or --no-cache). */
export function openParseCache(enabled: boolean, env: NodeJS.ProcessEnv = process.env): ParseCache | undefined {
  if (!enabled || env.PLAN_CACHE === '0') return undefined;
  return new FolderCache(cacheFolder(env));
}

class FolderCache implements ParseCache {
  private wrote = false;

  constructor(private readonly folder: string) {}

  get(file: string, text: string): ParsedSource | undefined {
    const path = this.pathOf(file, text);
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as ParsedSource;
      if (parsed.file !== file || !Array.isArray(parsed.lineStarts) || !Array.isArray(parsed.diagnostics)) return undefined;
      const now = new Date();
      utimesSync(path, now, now); // used: keep it
      return parsed;
    } catch {
      return undefined; // missing, unreadable or corrupt: parse the file instead
    }
  }

  set(file: string, text: string, parsed: ParsedSource): void {
    const json = serialise(parsed);
    if (json === undefined) return;
    const path = this.pathOf(file, text);
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(temporary, json);
      renameSync(temporary, path);
      this.wrote = true;
    } catch {
      rmSync(temporary, { force: true }); // a cache that cannot be written is no cache, not an error
    }
  }

  prune(): void {
    if (!this.wrote) return;
    const oldest = Date.now() - MAX_AGE_MS;
    try {
      for (const shard of readdirSync(this.folder)) {
        for (const name of readdirSync(join(this.folder, shard))) {
          const path = join(this.folder, shard, name);
          if (statSync(path).mtimeMs < oldest) rmSync(path, { force: true });
        }
      }
    } catch {
      // another run pruning at the same time, or an unreadable folder: nothing to do
    }
  }

  private pathOf(file: string, text: string): string {
    const key = createHash('sha256').update(CACHE_FORMAT).update('\0').update(file).update('\0').update(text).digest('hex');
    return join(this.folder, key.slice(0, 2), `${key.slice(2)}.json`);
  }
}

/**
 * JSON of a parsed file, or undefined when JSON cannot hold it exactly (YAML's .nan and .inf, which
 * JSON would turn into null): such a file is simply parsed every time.
 */
function serialise(parsed: ParsedSource): string | undefined {
  let exact = true;
  const json = JSON.stringify(parsed, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) exact = false;
    return value;
  });
  return exact ? json : undefined;
}
