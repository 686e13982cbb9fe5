// A process that runs only the emit phase of `plan build`: it writes the files of a JSON file map
// (path -> base64) into OUT exactly as a build does, one at a time. The fault-injection tests kill it
// with PLAN_FAULT at every step, which a full build (that first renders every document) would make too
// slow to test.
//   node write-output-runner.mjs OUT FILES.json

import { readFileSync } from 'node:fs';
import { writeOutput } from '../../src/emit/write-tree.js';

const [out, filesJson] = process.argv.slice(2);
const encoded = JSON.parse(readFileSync(filesJson!, 'utf8')) as Record<string, string>;
/** The files one at a time, and not in order of path, as a build's render hands them over. */
function* files(): Generator<readonly [string, Buffer]> {
  for (const path of Object.keys(encoded).reverse()) yield [path, Buffer.from(encoded[path]!, 'base64')];
}
const result = await writeOutput(out!, files(), 'replace');
process.stdout.write(JSON.stringify(result) + '\n');
