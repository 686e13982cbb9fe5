// Compiles a plan held in memory rather than in a folder: a scaffold before it is written, a plan read
// from a git revision, a test's fixture. Kept apart from pipeline.ts because it parses synchronously,
// and so loads the `yaml` library, which `plan check` of a clean folder never needs.

import type { Diagnostic } from './diagnostic.js';
import { parseTable } from './load/actuals-csv.js';
import { parseSource } from './load/parse-source.js';
import { planFileKind, type SourceText } from './load/plan-folder.js';
import { compileParsed, type Compilation, type CompileOptions } from './pipeline.js';

/**
 * Compiles a plan held in memory: `files` are paths relative to the plan folder with their text; the
 * Markdown files under prose/ are prose, the CSV files under actuals/ actuals, the rest YAML sources.
 * `readDiagnostics` are the files that could not be read, reported as loading a folder reports them.
 */
export function compileTexts(files: readonly SourceText[], options: CompileOptions = {}, readDiagnostics: readonly Diagnostic[] = []): Compilation {
  const ofKind = (kind: ReturnType<typeof planFileKind>) => (f: SourceText) => planFileKind(f.file) === kind;
  const sources = files.filter((f) => planFileKind(f.file) !== 'prose' && planFileKind(f.file) !== 'actuals').map((f) => parseSource(f.text, f.file));
  return compileParsed(sources, files.filter(ofKind('prose')), files.filter(ofKind('actuals')).map(parseTable), readDiagnostics.slice(), options);
}
