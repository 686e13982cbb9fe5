// The floor of a check's time: the `yaml` library alone parsing every source file of a plan, one file
// after another, in one thread. bench/run.ts runs this as a child process, the same way it runs
// `plan check`, and compares the two.
//
//   node bench/yaml-floor.mjs PLAN_DIR   ->  one line of JSON: files, bytes, readMs, parseMs, totalMs
//
// It finds the files as `plan check` does (every *.yaml / *.yml below the folder, skipping dot entries and
// the templates, node_modules and dist folders at the top) and calls `parseDocument(text)` with the
// library's defaults on each. It keeps no document, so the garbage collector can reclaim them as it goes.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/yaml-floor.mjs PLAN_DIR\n');
  process.exit(2);
}

const SKIPPED = new Set(['templates', 'node_modules', 'dist']);
function walk(folder, depth, found) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!(depth === 0 && SKIPPED.has(entry.name))) walk(path, depth + 1, found);
    } else if (/\.ya?ml$/i.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}

const start = performance.now();
const paths = walk(dir, 0, []).sort();
let bytes = 0;
let readMs = 0;
let parseMs = 0;
let errors = 0;
for (const path of paths) {
  const t0 = performance.now();
  const text = readFileSync(path, 'utf8');
  const t1 = performance.now();
  const doc = parseDocument(text);
  const t2 = performance.now();
  readMs += t1 - t0;
  parseMs += t2 - t1;
  bytes += Buffer.byteLength(text);
  errors += doc.errors.length;
}
const totalMs = performance.now() - start;
process.stdout.write(JSON.stringify({ files: paths.length, bytes, readMs, parseMs, totalMs, errors }) + '\n');
process.exitCode = errors > 0 ? 1 : 0;
