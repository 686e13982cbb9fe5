// The load phase: plan folder on disk -> parsed source files with positions. Big plans are parsed on
// worker threads, since the YAML parser is the slowest step of a check.

import type { Diagnostic } from '../diagnostic.js';
import { parseSource, type ParsedSource } from './parse-source.js';
import { listSourceFiles, readSource, type SourceText } from './plan-folder.js';
import { parseInWorkers, shouldUseWorkers } from './worker-pool.js';

export interface LoadedPlan {
  dir: string;
  files: ParsedSource[];
  diagnostics: Diagnostic[];
}

export async function loadPlan(dir: string): Promise<LoadedPlan> {
  const names = listSourceFiles(dir);
  const texts: SourceText[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const read = readSource(dir, name);
    if ('text' in read) texts.push(read);
    else diagnostics.push(read);
  }
  const files = shouldUseWorkers(texts) ? await parseInWorkers(texts) : texts.map((t) => parseSource(t.text, t.file));
  return { dir, files, diagnostics };
}
