// The load phase: plan folder on disk -> parsed source files with positions. The YAML parser is the
// slowest step of a check, so files unchanged since the last run come from the parse cache, and the
// rest of a big plan is parsed on worker threads.

import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostic.js';
import { loadActuals, type ParsedTable } from './actuals-csv.js';
import { openParseCache, type ParseCache } from './parse-cache.js';
import type { FileModel, ParsedSource } from './located.js';
import { parseSources } from './parse-events.js';
import { listProseFiles, listSourceFiles, readSource, type ReadOptions, type SourceText } from './plan-folder.js';
import { parseInWorkers, shouldUseWorkers } from './worker-pool.js';

export interface LoadedPlan {
  dir: string;
  files: ParsedSource[];
  /** Markdown files of the plan's prose/ folder. */
  prose: SourceText[];
  /** The CSV files of the plan's actuals/ folder. */
  actuals: ParsedTable[];
  diagnostics: Diagnostic[];
  /**
   * Keeps what validation made of a file parsed in this run, beside its parse in the parse cache;
   * a no-op for a file that came from the cache, and undefined when the cache is off.
   */
  keepModel?: (file: ParsedSource, model: FileModel) => void;
  /** With `digest`: a hash of the name and text of every file read, which is all the compiled plan is made from. */
  digest?: string;
}

export interface LoadOptions extends ReadOptions {
  /** Use the parse cache (default true; PLAN_CACHE=0 also switches it off). */
  cache?: boolean;
  /** A parse cache to use instead of the one in the user's cache folder, such as one held in memory by `plan serve`. */
  parseCache?: ParseCache;
  /** Work out `digest`. */
  digest?: boolean;
}

export async function loadPlan(dir: string, options: LoadOptions = {}): Promise<LoadedPlan> {
  const diagnostics: Diagnostic[] = [];
  const readAll = (names: readonly string[]): SourceText[] => {
    const texts: SourceText[] = [];
    for (const name of names) {
      const read = readSource(dir, name, options);
      if ('text' in read) texts.push(read);
      else diagnostics.push(read);
    }
    return texts;
  };
  const texts = readAll(listSourceFiles(dir, options));
  const prose = readAll(listProseFiles(dir));
  const cache = options.parseCache ?? openParseCache(options.cache ?? true);
  const files = new Array<ParsedSource>(texts.length);
  const missing: { index: number; text: SourceText }[] = [];
  texts.forEach((text, index) => {
    const cached = cache?.get(text.file, text.text);
    if (cached) files[index] = cached;
    else missing.push({ index, text });
  });
  const toParse = missing.map((m) => m.text);
  const parsed = shouldUseWorkers(toParse) ? await parseInWorkers(toParse) : await parseSources(toParse);
  const parsedNow = new Map<ParsedSource, SourceText>();
  parsed.forEach((result, i) => {
    const { index, text } = missing[i]!;
    files[index] = result;
    cache?.set(text.file, text.text, result);
    parsedNow.set(result, text);
  });
  cache?.prune();
  const actuals = loadActuals(dir, options);
  for (const d of actuals.diagnostics) diagnostics.push(d);
  const keepModel = cache && ((file: ParsedSource, model: FileModel) => {
    const text = parsedNow.get(file);
    if (text) cache.keep(text.file, text.text, model);
  });
  const digest = options.digest ? digestOf([['source', texts], ['prose', prose], ['actuals', actuals.tables]]) : undefined;
  return { dir, files, prose, actuals: actuals.tables, diagnostics, ...(keepModel ? { keepModel } : {}), ...(digest ? { digest } : {}) };
}

/** A hash of each file's kind, name and text, in the order they were read. */
function digestOf(groups: [kind: string, files: readonly { file: string; text: string }[]][]): string {
  const hash = createHash('sha256');
  for (const [kind, files] of groups) {
    for (const { file, text } of files) hash.update(`${kind}\0${file}\0${text.length}\0`).update(text);
  }
  return hash.digest('hex');
}
