// Worker-thread entry: parses the source files it is given and posts the plain results back.

import { parentPort, workerData } from 'node:worker_threads';
import { parseSource } from './parse-source.js';
import type { SourceText } from './plan-folder.js';

// One message per file, so neither thread holds every parsed file of the batch twice at once.
const texts = workerData as SourceText[];
texts.forEach((t, index) => parentPort?.postMessage({ index, parsed: parseSource(t.text, t.file) }));
parentPort?.postMessage({ done: true });
