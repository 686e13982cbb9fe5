// Spreads the parsing of many source files over worker threads. The YAML parser is single-threaded and
// the floor of a check's time, so a plan split across many files is parsed on every core at once.

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { ParsedSource } from './located.js';
import { parseSources } from './parse-events.js';
import type { SourceText } from './plan-folder.js';

/** node:worker_threads, loaded only for a plan big enough to parse on worker threads: most runs start none. */
const workerThreads = (): typeof import('node:worker_threads') => createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');

/** Below this much YAML, starting workers costs more than it saves. */
const MIN_BYTES_FOR_WORKERS = 1_500_000;

export function shouldUseWorkers(texts: readonly SourceText[]): boolean {
  if (texts.length < 2 || availableParallelism() < 2 || process.env.PLAN_WORKERS === '0') return false;
  let bytes = 0;
  for (const t of texts) bytes += t.text.length;
  return bytes >= MIN_BYTES_FOR_WORKERS;
}

export async function parseInWorkers(texts: readonly SourceText[]): Promise<ParsedSource[]> {
  const workerUrl = workerEntry();
  const count = Math.min(availableParallelism(), texts.length);
  // Deal the files out by size so each worker gets about the same amount of YAML.
  const batches: { index: number; text: SourceText }[][] = Array.from({ length: count }, () => []);
  const loads = new Array<number>(count).fill(0);
  const order = texts.map((text, index) => ({ index, text })).sort((a, b) => b.text.text.length - a.text.text.length);
  for (const item of order) {
    let lightest = 0;
    for (let i = 1; i < count; i++) if (loads[i]! < loads[lightest]!) lightest = i;
    batches[lightest]!.push(item);
    loads[lightest]! += item.text.text.length;
  }
  const results = new Array<ParsedSource>(texts.length);
  // The main thread takes one batch itself rather than sitting idle.
  const [own, ...others] = batches;
  const place = (batch: { index: number }[], parsed: ParsedSource[]): void => parsed.forEach((p, i) => (results[batch[i]!.index] = p));
  const running = others.map((batch) => runWorker(workerUrl, batch.map((b) => b.text))
    // A worker that could not start (for example when run from the TypeScript sources) is not fatal.
    .catch(() => parseSources(batch.map((b) => b.text)))
    .then((parsed) => place(batch, parsed)));
  place(own ?? [], await parseSources((own ?? []).map((b) => b.text)));
  await Promise.all(running);
  return results;
}

/** The bundled worker sits in lib/, beside the bundle this code runs from. */
function workerEntry(): URL {
  return new URL('./parse-worker.js', import.meta.url);
}

function runWorker(url: URL, texts: SourceText[]): Promise<ParsedSource[]> {
  return new Promise((resolve, reject) => {
    const parsed = new Array<ParsedSource>(texts.length);
    const worker = new (workerThreads().Worker)(url, { workerData: texts });
    worker.on('message', (message: { index: number; parsed: ParsedSource } | { done: true }) => {
      if ('done' in message) {
        resolve(parsed);
        void worker.terminate();
      } else {
        parsed[message.index] = message.parsed;
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`parse worker stopped with code ${code}`));
    });
  });
}
