// Worker-thread entry: parses the source files it is given and posts the plain results back.

import { parentPort, workerData } from 'node:worker_threads';
import { parseCleanSource } from './parse-events.js';
import type { ParsedSource } from './located.js';
import type { SourceText } from './plan-folder.js';

// One message per file, so neither thread holds every parsed file of the batch twice at once.
const texts = workerData as SourceText[];
// `yaml` is loaded only if a file needs it, as on the main thread.
let parseSource: ((text: string, file: string) => ParsedSource) | undefined;
for (const [index, t] of texts.entries()) {
  let parsed = parseCleanSource(t.text, t.file);
  if (!parsed) {
    parseSource ??= (await import('./parse-source.js')).parseSource;
    parsed = parseSource(t.text, t.file);
  }
  parentPort?.postMessage({ index, parsed });
}
parentPort?.postMessage({ done: true });
