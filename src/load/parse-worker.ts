// Worker-thread entry: parses the source files it is given and posts the plain results back.

import { parentPort, workerData } from 'node:worker_threads';
import { parseSource } from './parse-source.js';
import type { SourceText } from './plan-folder.js';

const texts = workerData as SourceText[];
parentPort?.postMessage(texts.map((t) => parseSource(t.text, t.file)));
