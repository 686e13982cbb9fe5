// Where a check's time and memory go, phase by phase, on one thread: imports the compiler's phases from
// src/ (through tsx) and runs them in order on a plan folder, timing each and reading the heap after it.
//
//   node --expose-gc --import tsx bench/phases.ts PLAN_DIR [--json]
//
// Phases: list and read the files; the `yaml` library's parse alone (parseDocument with the options
// parseWithYaml uses), then parseWithYaml whole (that parse plus the walk into plain data and the
// position tree), which is how a file that the fast path does not take is read; parseSource, the path
// every clean file takes (js-yaml's events into the same data and positions); a structured clone of the
// parsed files (what the worker pool pays to move results back to the main thread); validate (zod);
// link; rules; sort; the JSON report. Each parse runs after a warm-up on the first three files; only
// parseSource's results are fed to the later phases, as in the real pipeline.

import { performance } from 'node:perf_hooks';
import { LineCounter, parseDocument } from 'yaml';
import { sortDiagnostics, type Diagnostic } from '../src/diagnostic.js';
import { link } from '../src/link/link.js';
import { parseSource, parseWithYaml } from '../src/load/parse-source.js';
import { listSourceFiles, readSource, type SourceText } from '../src/load/plan-folder.js';
import { validateSources } from '../src/model/validate.js';
import { json } from '../src/report/json.js';
import { catalogue } from '../src/cli/report-context.js';
import { resolveSettings, runRules } from '../src/rules/run.js';

export interface PhaseTiming {
  phase: string;
  ms: number;
  /** Heap in use after the phase (after a full GC when --expose-gc is given), in MB. */
  heapMB: number;
  /** Resident set size after the phase, in MB. */
  rssMB: number;
  note?: string;
}

export interface PhaseReport {
  dir: string;
  files: number;
  bytes: number;
  phases: PhaseTiming[];
  /** Peak resident set size of the whole run, in MB. */
  peakRssMB: number;
  /** Sizes of the data handed between phases, in MB of JSON (a proxy for what structured clone moves). */
  parsedJsonMB: number;
  locationsShare: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;

function measure<T>(phases: PhaseTiming[], phase: string, run: () => T, note?: string): T {
  const t0 = performance.now();
  const value = run();
  const ms = performance.now() - t0;
  gc?.();
  const mem = process.memoryUsage();
  phases.push({ phase, ms, heapMB: mem.heapUsed / MB, rssMB: mem.rss / MB, ...(note ? { note } : {}) });
  return value;
}

export function profilePhases(dir: string): PhaseReport {
  const phases: PhaseTiming[] = [];
  const texts = measure(phases, 'list + read files', () => {
    const out: SourceText[] = [];
    for (const name of listSourceFiles(dir)) {
      const read = readSource(dir, name);
      if ('text' in read) out.push(read);
    }
    return out;
  });
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);

  // Warm the parsers up on a few files first, so no timed parse pays for the JIT alone.
  for (const t of texts.slice(0, 3)) {
    parseSource(t.text, t.file);
    parseWithYaml(t.text, t.file);
  }

  measure(phases, 'yaml parseDocument only', () => {
    for (const t of texts) {
      parseDocument(t.text, { lineCounter: new LineCounter(), uniqueKeys: false, prettyErrors: false, strict: true, version: '1.2' });
    }
  }, 'the options parseWithYaml uses; documents dropped');

  measure(phases, 'parseWithYaml (yaml parse + walk)', () => texts.map((t) => parseWithYaml(t.text, t.file)).length, 'how a file the fast path does not take is read; walk = this - parse');

  const parsed = measure(phases, 'parseSource (js-yaml events)', () => texts.map((t) => parseSource(t.text, t.file)), 'the path every clean file takes');

  let parsedJson = 0;
  let locationsJson = 0;
  for (const p of parsed) {
    const v = JSON.stringify(p.value)?.length ?? 0;
    const l = JSON.stringify(p.locations).length;
    parsedJson += v + l;
    locationsJson += l;
  }

  measure(phases, 'structured clone of parsed files', () => structuredClone(parsed).length,
    'what postMessage costs to move worker results to the main thread (serialise + deserialise)');

  const validated = measure(phases, 'validate (zod)', () => validateSources(parsed));
  const linked = measure(phases, 'link', () => link(validated.sources));
  const diagnostics: Diagnostic[] = [...validated.diagnostics, ...linked.diagnostics];
  measure(phases, 'rules', () => {
    if (!linked.plan) return;
    const { settings, diagnostics: config } = resolveSettings(linked.plan, {});
    for (const d of [...config, ...runRules(linked.plan, settings, linked.referenceFindings)]) diagnostics.push(d);
  });
  measure(phases, 'sort diagnostics', () => sortDiagnostics(diagnostics));
  measure(phases, 'json report', () => json([{ dir, diagnostics, hiddenWarnings: 0 }], { colour: false, catalogue, version: 'bench', workingFolderUri: 'file:///' }).length,
    `${diagnostics.length} diagnostics`);

  return {
    dir,
    files: texts.length,
    bytes,
    phases,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    parsedJsonMB: parsedJson / MB,
    locationsShare: parsedJson > 0 ? locationsJson / parsedJson : 0,
  };
}

function main(argv: string[]): void {
  const dir = argv.find((a) => !a.startsWith('-'));
  if (!dir) {
    process.stderr.write('usage: node --expose-gc --import tsx bench/phases.ts PLAN_DIR [--json]\n');
    process.exit(2);
  }
  const report = profilePhases(dir);
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  process.stdout.write(`${report.dir}: ${report.files} files, ${(report.bytes / 1e6).toFixed(1)} MB of YAML${gc ? '' : ' (run with --expose-gc for exact heap figures)'}\n`);
  for (const p of report.phases) {
    process.stdout.write(`  ${p.phase.padEnd(34)} ${p.ms.toFixed(0).padStart(7)} ms   heap ${p.heapMB.toFixed(0).padStart(5)} MB   rss ${p.rssMB.toFixed(0).padStart(5)} MB${p.note ? `   (${p.note})` : ''}\n`);
  }
  process.stdout.write(`  peak RSS ${report.peakRssMB.toFixed(0)} MB; parsed data as JSON ${report.parsedJsonMB.toFixed(1)} MB, ${(report.locationsShare * 100).toFixed(0)}% of it positions\n`);
}

if (process.argv[1] !== undefined && /phases\.ts$/.test(process.argv[1])) main(process.argv.slice(2));
