// The benchmark of `plan check` (and `plan build` when it exists). `npm run bench` builds lib/ first,
// then runs this with tsx. It builds nothing itself.
//
// For each size of synthetic plan (bench/generate.ts) it generates the plan into a temporary folder and
// measures, each in its own child process, several times, interleaved so that a busy machine slows all
// of them alike:
//   - the floor: `node bench/yaml-floor.mjs DIR`, the `yaml` library alone parsing every file in one
//     thread (its in-process parse time is the floor the target is set against);
//   - `node bin/plan check DIR --format json`: wall time, CPU time and peak RSS (through
//     bench/rss-probe.mjs, preloaded with --import), exit code 1 (the plan has deliberate breaks), and
//     JSON that parses and holds the deliberate breaks.
// Plus bare `node -e 0` against the embedded plan; side by side, round after round, bare node, the
// embedded plan's check and its build (cold and warm) and a 1,000-action plan of one file per kind
// (the shape Doorstop was timed on); a phase-by-phase profile at 50,000 actions (bench/phases.ts),
// `plan check` with worker threads off at 50,000, `plan build` up to 50,000, and a build of 5,000
// priorities. The hand-written section on where the time goes is kept from one run to the next.
//
// It prints a table and writes docs/PERFORMANCE.md. Options:
//   --sizes 1000,5000     sizes to run (default 1000,5000,10000,50000,100000)
//   --reps N              repetitions at every size (default: more for small sizes, fewer for big ones)
//   --no-write            do not write docs/PERFORMANCE.md
//   --strict              exit 1 when a target fails (a broken run always exits 1)
//   --keep                keep the generated plans (their folders are printed)
//   --build-limit S       stop a `plan build` run after S seconds (default 60); it then counts as failed
//   --only findings       run only the many-findings case, and update its lines in docs/PERFORMANCE.md
//   --only year           run only the planning year's case (bench/year.ts), and update its section
//   --only serve          run only the `plan serve` latency case (bench/serve.ts) and replace only its section

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generatePlan, type GeneratedPlan } from './generate.js';
import type { PhaseReport } from './phases.js';
import { benchServeCase, serveSection, SERVE_TARGETS, withServeSection } from './serve.js';
import { benchYear, updateYearInDoc, withYearSection, yearSection, yearSectionOf } from './year.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = process.execPath;
/** bin/plan of a private copy of lib/ taken when the bench starts (see snapshotCli); set in main. */
let BIN = join(ROOT, 'bin', 'plan');
const PROBE = pathToFileURL(fileURLToPath(new URL('./rss-probe.mjs', import.meta.url))).href;
const FLOOR = fileURLToPath(new URL('./yaml-floor.mjs', import.meta.url));
const PHASES = fileURLToPath(new URL('./phases.ts', import.meta.url));
const EMBEDDED = join(ROOT, 'plans', 'staffordshire-stoke-2023-24');
const DOC = join(ROOT, 'docs', 'PERFORMANCE.md');
const SEED = 1;
const STARTUP_REPS = 15;

const TARGETS = {
  /** The embedded plan's cold `plan check`, in bare `node -e 0` starts. */
  embeddedVsBareNode: 2,
  /** The embedded plan's `plan build`, cold or warm, in bare `node -e 0` starts. */
  embeddedBuildVsBareNode: 4,
  /** 1,000 actions, cold: `plan check` and `plan build` as a share of Doorstop's times (DOORSTOP). */
  vsDoorstop: 0.25,
  checkVsFloor: 0.7,
  checkPeakMB: 500,
  /** A plan 10 times the size may take at most this many times as long (1,000 → 10,000 → 100,000 actions). */
  tenfoldGrowth: 10.5,
  buildMs: 6_000,
  buildPeakMB: 800,
  /** `plan build` of a plan of `priorities` priorities stays under priorityBuildMs. */
  priorities: 5_000,
  priorityBuildMs: 10_000,
  /** `plan check` of a plan with this many findings stays under findingsMs. */
  findings: 100_000,
  findingsMs: 10_000,
  /** The size the ratio, memory and build targets are set at. */
  atActions: 50_000,
};

/**
 * Doorstop, the nearest open-source peer, on a plan of the same shape (1,000 actions, 100 objectives,
 * 4 priorities, one file per kind), timed on this machine beside plan as whole processes, medians of
 * several runs. Doorstop cannot be installed here any more, so these are the reference.
 */
const DOORSTOP = { checkMs: 1_390, publishMarkdownMs: 2_640, publishHtmlMs: 6_030 };
// 21 rounds: the embedded plan's cases take a few hundred milliseconds, and a machine shared with other work spreads
// them by as much; fewer rounds made their medians move by a tenth from one run of the bench to the next.
const SIDE_BY_SIDE_ROUNDS = 21;

const DEFAULT_SIZES = [1_000, 5_000, 10_000, 50_000, 100_000];
function defaultReps(actions: number): number {
  if (actions <= 1_000) return 7;
  if (actions <= 10_000) return 5;
  if (actions <= 50_000) return 3;
  return 2;
}

// ---------------------------------------------------------------------------------------------------
// Running children

interface Run {
  wallMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the probe: peak RSS (MB) and CPU time (user + system, ms, all threads). */
  peakMB?: number;
  cpuMs?: number;
}

let probeDir = '';

/** The parse cache the bench uses when it measures warm runs: its own, so a planner's cache is not touched. */
let benchCacheDir = '';

/** Every run is cold (parse cache off) unless it asks for PLAN_CACHE=1: the floor comparisons need real parsing. */
function benchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PLAN_CACHE: '0', PLAN_CACHE_DIR: benchCacheDir, ...extra };
  delete env.FORCE_COLOR;
  return env;
}

/** The environment and arguments of a child run; with `probe`, node preloads the probe that records peak memory and CPU. */
function prepareRun(args: readonly string[], options: { probe?: boolean; env?: Record<string, string> }): { env: NodeJS.ProcessEnv; argv: string[]; probeFile: string | undefined } {
  const env = benchEnv(options.env);
  const argv = [...args];
  if (!options.probe) return { env, argv, probeFile: undefined };
  const probeFile = join(probeDir, 'probe.json');
  rmSync(probeFile, { force: true });
  env.PLAN_BENCH_PROBE_FILE = probeFile;
  argv.unshift('--import', PROBE);
  return { env, argv, probeFile };
}

/** Adds what the probe recorded (peak memory, CPU time) to a finished run. */
function readProbe(probeFile: string | undefined, result: Run): void {
  if (!probeFile || !existsSync(probeFile)) return;
  const probe = JSON.parse(readFileSync(probeFile, 'utf8')) as { maxRSS: number; user: number; system: number };
  result.peakMB = probe.maxRSS / 1024;
  result.cpuMs = (probe.user + probe.system) / 1000;
}

function run(args: readonly string[], options: { probe?: boolean; env?: Record<string, string> } = {}): Run {
  const { env, argv, probeFile } = prepareRun(args, options);
  const start = performance.now();
  const child = spawnSync(NODE, argv, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = performance.now() - start;
  if (child.error) throw child.error;
  const result: Run = { wallMs, code: child.status, stdout: child.stdout, stderr: child.stderr };
  readProbe(probeFile, result);
  return result;
}

/**
 * Like run, but asynchronous with a time limit (SIGKILL when it runs out), and on Linux it follows the
 * child's peak RSS in /proc/PID/status (VmHWM) while it runs, so a killed run still has a memory figure.
 */
function runLimited(args: readonly string[], limitMs: number, options: { probe?: boolean; env?: Record<string, string> } = {}): Promise<Run & { timedOut: boolean; hwmMB: number | undefined }> {
  const { env, argv, probeFile } = prepareRun(args, options);
  return new Promise((resolveRun, rejectRun) => {
    const start = performance.now();
    const child = spawn(NODE, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let hwmKB: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const poll = (): void => {
      try {
        const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) hwmKB = Math.max(hwmKB ?? 0, Number(match[1]));
      } catch {
        // no /proc (not Linux), or the child has just exited
      }
    };
    const poller = setInterval(poll, 200);
    const killer = setTimeout(() => {
      timedOut = true;
      poll();
      child.kill('SIGKILL');
    }, limitMs);
    child.on('error', (error) => {
      clearInterval(poller);
      clearTimeout(killer);
      rejectRun(error);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      clearInterval(poller);
      clearTimeout(killer);
      const result: Run & { timedOut: boolean; hwmMB: number | undefined } = { wallMs, code, stdout, stderr, timedOut, hwmMB: hwmKB === undefined ? undefined : hwmKB / 1024 };
      readProbe(probeFile, result);
      resolveRun(result);
    });
  });
}

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function max(values: readonly (number | undefined)[]): number {
  return Math.max(...values.filter((v): v is number => v !== undefined));
}

const problems: string[] = [];
function problem(message: string): void {
  problems.push(message);
  process.stderr.write(`bench: ${message}\n`);
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

// ---------------------------------------------------------------------------------------------------
// What each measurement gives

interface FloorRun {
  files: number;
  bytes: number;
  parseMs: number;
  readMs: number;
  wallMs: number;
  peakMB: number | undefined;
}

type CheckRun = Run & { summary: CheckSummary };

interface CheckSummary {
  errors: number;
  warnings: number;
  rules: Set<string>;
  subjects: Set<string>;
}

interface SizeResult {
  actions: number;
  objectives: number;
  files: number;
  mb: number;
  reps: number;
  generateMs: number;
  floorParseMs: number;
  floorWallMs: number;
  floorPeakMB: number;
  checkMs: number;
  checkRuns: number[];
  checkCpuMs: number;
  checkPeakMB: number;
  errors: number;
  warnings: number;
  ratio: number;
  /** Median check time per 1,000 actions. */
  perThousand: number;
  /** The fastest check run: the one least disturbed by other work on a shared machine. */
  fastestMs: number;
  fastestPerThousand: number;
  cpuPerThousand: number;
  noWorkers?: { checkMs: number; cpuMs: number; peakMB: number };
}

function floorRun(dir: string): FloorRun | undefined {
  const r = run([FLOOR, dir], { probe: true });
  if (r.code !== 0) {
    problem(`the yaml floor failed on ${dir} (exit ${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
    return undefined;
  }
  const out = JSON.parse(r.stdout) as { files: number; bytes: number; parseMs: number; readMs: number };
  return { ...out, wallMs: r.wallMs, peakMB: r.peakMB };
}

/** Runs `plan check DIR --format json`; checks the exit code and the JSON. */
function checkRun(dir: string, expectCodes: readonly number[], env?: Record<string, string>, probe = true): CheckRun | undefined {
  const r = run([BIN, 'check', dir, '--format', 'json'], { probe, ...(env ? { env } : {}) });
  if (r.code === null || !expectCodes.includes(r.code)) {
    problem(`plan check ${dir} exited ${r.code}, expected ${expectCodes.join(' or ')}: ${r.stderr.trim().slice(0, 500)}`);
    return undefined;
  }
  try {
    const parsed = JSON.parse(r.stdout) as { diagnostics: { rule: string; severity: string; subject: string | null }[]; summary: { errors: number; warnings: number } };
    if (!Array.isArray(parsed.diagnostics) || typeof parsed.summary?.errors !== 'number') throw new Error('not the documented shape');
    const summary: CheckSummary = { errors: parsed.summary.errors, warnings: parsed.summary.warnings, rules: new Set(), subjects: new Set() };
    for (const d of parsed.diagnostics) {
      summary.rules.add(d.rule);
      if (d.subject) summary.subjects.add(`${d.rule}:${d.subject}`);
    }
    return { ...r, summary };
  } catch (error) {
    problem(`plan check ${dir} printed output that is not the JSON report (${(error as Error).message}): ${r.stdout.slice(0, 200)}`);
    return undefined;
  }
}

/** The deliberate breaks must each be reported, or the plan is not exercising the rules. */
function verifyBreaks(plan: GeneratedPlan, summary: CheckSummary): void {
  const b = plan.breaks;
  const expected: [string, string | undefined][] = [
    ['objective-has-owner', b.objectiveWithoutPortfolio],
    // Its consequence, that the action does not reach the aim, is told beneath this finding, not apart.
    ['unknown-reference', b.actionWithMissingObjective],
    ['duty-covered', b.uncoveredDuty],
    ['action-serves-objective', b.actionsWithoutObjectives[0]],
  ];
  for (const [rule, subject] of expected) {
    if (subject !== undefined && !summary.subjects.has(`${rule}:${subject}`)) problem(`plan check did not report ${rule} for ${subject} at ${plan.counts.actions} actions`);
  }
  if (!summary.rules.has('objective-is-smart')) problem(`plan check reported no objective-is-smart warnings at ${plan.counts.actions} actions`);
}

function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `plan-bench-${label}-`));
}

// ---------------------------------------------------------------------------------------------------

interface Options {
  sizes: number[];
  reps: number | undefined;
  write: boolean;
  strict: boolean;
  keep: boolean;
  buildLimitMs: number;
  /** Run only this case. */
  only: 'findings' | 'serve' | 'year' | undefined;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { sizes: DEFAULT_SIZES, reps: undefined, write: true, strict: false, keep: false, buildLimitMs: 60_000, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg.startsWith('--sizes')) options.sizes = value().split(',').map((s) => Number(s.replace(/_/g, '').replace(/k$/i, '000')));
    else if (arg.startsWith('--reps')) options.reps = Number(value());
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--strict') options.strict = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg.startsWith('--build-limit')) options.buildLimitMs = Number(value()) * 1000;
    else if (arg.startsWith('--only')) {
      const only = value();
      if (only !== 'serve' && only !== 'findings' && only !== 'year') throw new Error('--only takes one case: findings, serve or year');
      options.only = only;
    }
    else throw new Error(`unknown option ${arg}; see the top of bench/run.ts`);
  }
  if (options.sizes.some((s) => !Number.isInteger(s) || s < 10)) throw new Error('--sizes takes whole numbers of actions, at least 10');
  if (!(options.buildLimitMs > 0)) throw new Error('--build-limit takes a number of seconds');
  if (options.reps !== undefined && (!Number.isInteger(options.reps) || options.reps < 1)) throw new Error('--reps takes a whole number, at least 1');
  options.sizes = [...new Set(options.sizes)].sort((a, b) => a - b);
  return options;
}

function machine(): Record<string, string> {
  let yamlVersion = '?';
  let zodVersion = '?';
  try {
    yamlVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'yaml', 'package.json'), 'utf8')) as { version: string }).version;
    zodVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'zod', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // versions are informative only
  }
  return {
    cpus: `${cpus().length} (${availableParallelism()} available to Node), ${cpus()[0]?.model.trim() ?? 'unknown model'}`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    libraries: `yaml ${yamlVersion}, zod ${zodVersion}`,
  };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'lib', 'plan.cjs'))) {
    log('bench: lib/plan.cjs is missing; run `npm run bench` (which builds first) or `npm run build`.');
    return 2;
  }
  probeDir = tempDir('probe');
  const cleanup: string[] = [probeDir];
  const snapshot = snapshotCli();
  cleanup.push(snapshot);
  // Ctrl-C: the child gets the signal too and ends; then remove what the bench made.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  BIN = join(snapshot, 'bin', 'plan');
  if (options.only === 'year') {
    try {
      log('bench: the planning year: 1,000 targets, 60,000 rows of actuals');
      const year = benchYear(BIN, log);
      process.stdout.write(`\n${yearSection(year)}`);
      if (options.write) updateYearInDoc(DOC, year);
      return 0;
    } finally {
      for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
    }
  }
  if (options.only === 'findings') {
    try {
      const findings = benchFindings(cleanup);
      process.stdout.write(findingsText(findings));
      if (options.write) updateFindingsInDoc(findings);
      return problems.length > 0 ? 1 : 0;
    } finally {
      for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
    }
  }
  if (options.only === 'serve') {
    try {
      const section = await benchServe(cleanup);
      if (options.write) {
        writeFileSync(DOC, withServeSection(readFileSync(DOC, 'utf8'), section));
        log(`bench: wrote the plan serve section of ${DOC}`);
      }
      return problems.length > 0 ? 1 : 0;
    } finally {
      for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
    }
  }
  const began = performance.now();
  const loadBefore = loadavg();
  const info = machine();
  log(`bench: ${info.cpus}; ${info.memory}; node ${info.node}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);

  try {
    // --- Start-up: bare node against the embedded plan ------------------------------------------------
    const embeddedIsReal = existsSync(join(EMBEDDED, 'plan.yaml'));
    let embeddedDir = EMBEDDED;
    let embeddedLabel = 'plans/staffordshire-stoke-2023-24';
    if (!embeddedIsReal) {
      embeddedDir = tempDir('standin');
      cleanup.push(embeddedDir);
      generatePlan(embeddedDir, { actions: 250, seed: SEED });
      embeddedLabel = 'stand-in: synthetic plan of 250 actions (plans/staffordshire-stoke-2023-24 does not exist yet)';
    }
    log(`bench: start-up: bare node vs plan check ${embeddedLabel}`);
    // The plan's manifest alone: what a check costs before the plan's size counts.
    const manifestOnly = tempDir('manifest-only');
    cleanup.push(manifestOnly);
    cpSync(join(embeddedDir, 'plan.yaml'), join(manifestOnly, 'plan.yaml'));
    const bare: number[] = [];
    const versions: number[] = [];
    const manifestRuns: number[] = [];
    const embedded: CheckRun[] = [];
    run(['-e', '0']);
    run([BIN, '--version']);
    checkRun(manifestOnly, [0, 1]);
    checkRun(embeddedDir, [0, 1]);
    for (let i = 0; i < STARTUP_REPS; i++) {
      bare.push(run(['-e', '0']).wallMs);
      // Loads the CLI and reads no plan: what start-up alone costs.
      const v = run([BIN, '--version']);
      if (v.code === 0) versions.push(v.wallMs);
      else problem(`plan --version exited ${v.code}: ${v.stderr.trim().slice(0, 300)}`);
      // Without the probe, as bare node runs without it: at this scale its millisecond would show.
      const m = checkRun(manifestOnly, [0, 1], undefined, false);
      if (m) manifestRuns.push(m.wallMs);
      const r = checkRun(embeddedDir, [0, 1], undefined, false);
      if (r) embedded.push(r);
    }
    // Warm: the same check with the parse cache, as a planner's second and later runs are.
    benchCacheDir = tempDir('parse-cache');
    cleanup.push(benchCacheDir);
    const warm: number[] = [];
    checkRun(embeddedDir, [0, 1], { PLAN_CACHE: '1' }, false);
    for (let i = 0; i < STARTUP_REPS; i++) {
      const r = checkRun(embeddedDir, [0, 1], { PLAN_CACHE: '1' }, false);
      if (r) warm.push(r.wallMs);
    }
    const bareMs = median(bare);
    const embeddedMs = median(embedded.map((r) => r.wallMs));
    const warmMs = median(warm);
    const embeddedPeakMB = checkRun(embeddedDir, [0, 1])?.peakMB ?? NaN;
    const embeddedFiles = embeddedIsReal ? countYaml(embeddedDir) : undefined;
    const embeddedSummary = embedded[0]?.summary;
    const startup = {
      label: embeddedLabel,
      real: embeddedIsReal,
      bareMs,
      bareRuns: bare,
      versionMs: median(versions),
      versionRuns: versions,
      manifestMs: median(manifestRuns),
      manifestRuns,
      embeddedMs,
      embeddedRuns: embedded.map((r) => r.wallMs),
      warmMs,
      warmRuns: warm,
      warmRatio: warmMs / bareMs,
      embeddedPeakMB,
      ratio: embeddedMs / bareMs,
      files: embeddedFiles,
      errors: embeddedSummary?.errors,
      warnings: embeddedSummary?.warnings,
    };
    log(`  bare node ${bareMs.toFixed(0)} ms; plan --version ${startup.versionMs.toFixed(0)} ms; plan.yaml alone ${startup.manifestMs.toFixed(0)} ms; plan check ${embeddedMs.toFixed(0)} ms cold, ${warmMs.toFixed(0)} ms warm; ratio ${startup.ratio.toFixed(2)} cold, ${startup.warmRatio.toFixed(2)} warm (target < ${TARGETS.embeddedVsBareNode})`);

    // --- Side by side ----------------------------------------------------------------------------------
    const sideBySide = benchSideBySide(cleanup);

    // --- Sizes ------------------------------------------------------------------------------------------
    const results: SizeResult[] = [];
    let phases: PhaseReport | undefined;
    let phasesActions: number | undefined;
    for (const actions of options.sizes) {
      const reps = options.reps ?? defaultReps(actions);
      const dir = tempDir(String(actions));
      if (!options.keep) cleanup.push(dir);
      const g0 = performance.now();
      const plan = generatePlan(dir, { actions, seed: SEED });
      const generateMs = performance.now() - g0;
      log(`bench: ${actions} actions: ${plan.files.length} files, ${(plan.bytes / 1e6).toFixed(1)} MB in ${dir} (generated in ${generateMs.toFixed(0)} ms); ${reps} runs each`);
      if (actions <= 10_000) {
        floorRun(dir); // warm-up runs, not counted
        checkRun(dir, [1]);
      }
      const floors: FloorRun[] = [];
      const checks: CheckRun[] = [];
      const noWorkers: CheckRun[] = [];
      const withNoWorkers = actions === TARGETS.atActions;
      for (let i = 0; i < reps; i++) {
        const f = floorRun(dir);
        if (f) floors.push(f);
        const c = checkRun(dir, [1]);
        if (c) {
          checks.push(c);
          if (i === 0) verifyBreaks(plan, c.summary);
        }
        if (withNoWorkers) {
          const n = checkRun(dir, [1], { PLAN_WORKERS: '0' });
          if (n) noWorkers.push(n);
        }
        log(`  run ${i + 1}: yaml floor ${f ? `${f.parseMs.toFixed(0)} ms parse, ${f.wallMs.toFixed(0)} ms process` : 'failed'}; ` +
          `check ${c ? `${c.wallMs.toFixed(0)} ms, ${c.cpuMs?.toFixed(0)} ms CPU, ${c.peakMB?.toFixed(0)} MB` : 'failed'}` +
          (withNoWorkers ? `; check with PLAN_WORKERS=0 ${noWorkers.at(-1)?.wallMs.toFixed(0) ?? '?'} ms, ${noWorkers.at(-1)?.peakMB?.toFixed(0) ?? '?'} MB` : ''));
      }
      if (floors.length === 0 || checks.length === 0) continue;
      const checkMs = median(checks.map((c) => c.wallMs));
      const floorParseMs = median(floors.map((f) => f.parseMs));
      const first = checks[0]!.summary;
      const result: SizeResult = {
        actions,
        objectives: plan.counts.objectives,
        files: plan.files.length,
        mb: plan.bytes / 1e6,
        reps,
        generateMs,
        floorParseMs,
        floorWallMs: median(floors.map((f) => f.wallMs)),
        floorPeakMB: max(floors.map((f) => f.peakMB)),
        checkMs,
        checkRuns: checks.map((c) => c.wallMs),
        checkCpuMs: median(checks.map((c) => c.cpuMs ?? NaN)),
        checkPeakMB: max(checks.map((c) => c.peakMB)),
        errors: first.errors,
        warnings: first.warnings,
        ratio: checkMs / floorParseMs,
        perThousand: checkMs / (actions / 1000),
        fastestMs: Math.min(...checks.map((c) => c.wallMs)),
        fastestPerThousand: Math.min(...checks.map((c) => c.wallMs)) / (actions / 1000),
        cpuPerThousand: median(checks.map((c) => c.cpuMs ?? NaN)) / (actions / 1000),
      };
      if (noWorkers.length > 0) {
        result.noWorkers = { checkMs: median(noWorkers.map((n) => n.wallMs)), cpuMs: median(noWorkers.map((n) => n.cpuMs ?? NaN)), peakMB: max(noWorkers.map((n) => n.peakMB)) };
      }
      results.push(result);
      log(`  median: floor ${floorParseMs.toFixed(0)} ms; check ${checkMs.toFixed(0)} ms (ratio ${result.ratio.toFixed(2)}); ${result.perThousand.toFixed(1)} ms per 1,000 actions; peak ${result.checkPeakMB.toFixed(0)} MB`);

      if (actions === TARGETS.atActions || (phases === undefined && actions === options.sizes.at(-1))) {
        log(`bench: ${actions} actions: phase profile (bench/phases.ts, one thread)`);
        const p = run(['--expose-gc', '--import', 'tsx', PHASES, dir, '--json']);
        if (p.code === 0) {
          phases = JSON.parse(p.stdout) as PhaseReport;
          phasesActions = actions;
        } else {
          problem(`bench/phases.ts failed (exit ${p.code}): ${p.stderr.trim().slice(0, 500)}`);
        }
      }
      if (!options.keep) rmSync(dir, { recursive: true, force: true });
    }

    // --- plan build -------------------------------------------------------------------------------------
    const build = await benchBuild(cleanup, options);
    const priorities = await benchPriorities(cleanup, options);

    // --- Many findings -----------------------------------------------------------------------------------
    const findings = benchFindings(cleanup);

    // --- plan serve -------------------------------------------------------------------------------------
    const serve = await benchServe(cleanup);

    // --- Report -----------------------------------------------------------------------------------------
    const loadAfter = loadavg();
    const report = renderReport({ info, loadBefore, loadAfter, startup, sideBySide, results, phases, phasesActions, build, priorities, findings, totalMs: performance.now() - began, problems });
    report.markdown = withServeSection(report.markdown, serve);
    process.stdout.write(report.table);
    if (options.write) {
      // The hand-written profile section and the planning year's (measured only with --only year) are kept.
      const previous = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
      const year = yearSectionOf(previous);
      const doc = withProfileSection(report.markdown, previous);
      writeFileSync(DOC, year === undefined ? doc : withYearSection(doc, year));
      log(`bench: wrote ${DOC}`);
    }
    if (problems.length > 0) {
      log(`bench: ${problems.length} problem(s) made some measurements invalid; see above.`);
      return 1;
    }
    if (options.strict && report.failed > 0) return 1;
    return 0;
  } finally {
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  }
}

/** `plan serve` on the embedded plan and on 5,000 actions: save-to-page latency, as bench/serve.ts measures it. */
async function benchServe(cleanup: string[]): Promise<string> {
  const before = loadavg();
  const load = before.map((l) => l.toFixed(2)).join(', ');
  const results = [];
  try {
    const embedded = tempDir('serve-embedded');
    cleanup.push(embedded);
    log('bench: plan serve on the embedded plan');
    results.push(await benchServeCase({ node: NODE, bin: BIN, source: EMBEDDED, work: join(embedded, 'plan'), label: 'embedded plan', targetMs: SERVE_TARGETS.embeddedMs, reps: 15, env: benchEnv() }));
    const synthetic = tempDir('serve-5000');
    cleanup.push(synthetic);
    generatePlan(join(synthetic, 'source'), { actions: 5_000, seed: SEED, breaks: false });
    log('bench: plan serve on 5,000 actions');
    results.push(await benchServeCase({ node: NODE, bin: BIN, source: join(synthetic, 'source'), work: join(synthetic, 'plan'), label: 'synthetic, 5,000 actions', targetMs: SERVE_TARGETS.fiveThousandMs, reps: 9, env: benchEnv() }));
  } catch (error) {
    problem(`plan serve: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const r of results) log(`  ${r.label}: save to page ${r.runs.map((v) => v.toFixed(0)).join(', ')} ms`);
  return serveSection(results, { load, busy: before[0]! > availableParallelism() });
}

/**
 * Copies bin/plan and lib/ to bench/.cli-PID/ and runs that copy: `npm run build` empties lib/ before
 * writing it again, so a build run elsewhere during the bench would otherwise break runs or mix two
 * versions of the code in one table. The copy sits inside the project so the bundle still finds the
 * templates and node_modules by walking up from itself, as it does from lib/.
 */
function snapshotCli(): string {
  const dir = join(ROOT, 'bench', `.cli-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, 'lib'), join(dir, 'lib'), { recursive: true });
  // bin/package.json too: it makes bin/plan CommonJS.
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  return dir;
}

function countYaml(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) n += countYaml(join(dir, entry.name));
    else if (/\.ya?ml$/i.test(entry.name)) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Side by side: bare node, the embedded plan's check and builds, and the 1,000-action plan shaped as the
// Doorstop comparison was, each run once per round, round after round, so a busy machine slows all alike.

interface SideBySideCase {
  label: string;
  runs: number[];
  cpu: number[];
  peakMB: number;
}

interface SideBySide {
  rounds: number;
  bare: SideBySideCase;
  version: SideBySideCase;
  embeddedCheck: SideBySideCase;
  embeddedBuildCold: SideBySideCase;
  embeddedBuildWarm: SideBySideCase;
  doorstopShapeCheck: SideBySideCase;
  doorstopShapeBuild: SideBySideCase;
}

function benchSideBySide(cleanup: string[]): SideBySide {
  const work = tempDir('side-by-side');
  cleanup.push(work);
  const doorstopShape = join(work, 'plan-1000');
  // Without the deliberate breaks, so that the same plan is both checked and built.
  generatePlan(doorstopShape, { actions: 1_000, seed: SEED, breaks: false, layout: 'per-kind' });
  const cases: [keyof Omit<SideBySide, 'rounds'>, string, string[], readonly number[], Record<string, string>?][] = [
    ['bare', '`node -e 0`', ['-e', '0'], [0]],
    ['version', '`plan --version`', [BIN, '--version'], [0]],
    ['embeddedCheck', 'embedded plan: `plan check --format json --no-cache`', [BIN, 'check', EMBEDDED, '--format', 'json', '--no-cache'], [0, 1]],
    ['embeddedBuildCold', 'embedded plan: `plan build --no-cache`', [BIN, 'build', EMBEDDED, '--out', join(work, 'out-cold'), '--quiet', '--no-cache'], [0]],
    ['embeddedBuildWarm', 'embedded plan: `plan build`, warm parse and page caches', [BIN, 'build', EMBEDDED, '--out', join(work, 'out-warm'), '--quiet'], [0], { PLAN_CACHE: '1' }],
    ['doorstopShapeCheck', '1,000 actions, one file per kind: `plan check --format json --no-cache`', [BIN, 'check', doorstopShape, '--format', 'json', '--no-cache'], [0, 1]],
    ['doorstopShapeBuild', '1,000 actions, one file per kind: `plan build --no-cache`', [BIN, 'build', doorstopShape, '--out', join(work, 'out-1000'), '--quiet', '--no-cache'], [0]],
  ];
  const result = { rounds: SIDE_BY_SIDE_ROUNDS } as SideBySide;
  for (const [key, label] of cases) result[key] = { label, runs: [], cpu: [], peakMB: NaN };
  log(`bench: side by side: ${cases.length} cases, ${SIDE_BY_SIDE_ROUNDS} rounds (and one not counted, which also fills the parse and page caches and the output folders)`);
  for (let round = 0; round <= SIDE_BY_SIDE_ROUNDS; round++) {
    for (const [key, , args, codes, env] of cases) {
      // Probed on the first counted round only: at this scale the probe's own millisecond would show.
      const probe = round === 1;
      const r = run(args, { probe, ...(env ? { env } : {}) });
      if (r.code === null || !codes.includes(r.code)) {
        problem(`${args.slice(1).join(' ')} exited ${r.code}: ${r.stderr.trim().slice(0, 300)}`);
        continue;
      }
      if (round === 0) continue;
      result[key].runs.push(r.wallMs);
      if (probe) {
        result[key].peakMB = r.peakMB ?? NaN;
        result[key].cpu.push(r.cpuMs ?? NaN);
      }
    }
  }
  const ms = (c: SideBySideCase) => int(median(c.runs));
  log(`  bare node ${ms(result.bare)} ms; embedded check ${ms(result.embeddedCheck)} ms, build ${ms(result.embeddedBuildCold)} ms cold, ${ms(result.embeddedBuildWarm)} ms warm; 1,000 actions check ${ms(result.doorstopShapeCheck)} ms, build ${ms(result.doorstopShapeBuild)} ms`);
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Thousands of priorities: the diagram and the views must grow linearly with them too.

interface PrioritiesResult {
  /** One entry per number of priorities, smallest first. */
  sizes: { priorities: number; ms: number; runs: number[]; peakMB: number; timedOut: boolean; outMB: number }[];
  limitMs: number;
}

async function benchPriorities(cleanup: string[], options: Options): Promise<PrioritiesResult> {
  const result: PrioritiesResult = { sizes: [], limitMs: options.buildLimitMs };
  for (const priorities of [TARGETS.priorities / 10, TARGETS.priorities]) {
    const dir = tempDir(`priorities-${priorities}`);
    cleanup.push(dir);
    generatePlan(dir, { actions: 1_000, seed: SEED, breaks: false, priorities });
    const runs: (Run & { timedOut: boolean; hwmMB: number | undefined })[] = [];
    let outMB = NaN;
    for (let i = 0; i < 2; i++) {
      const out = join(dir, '..', `priorities-${priorities}-out-${i}`);
      cleanup.push(out);
      const r = await runLimited([BIN, 'build', dir, '--out', out, '--quiet', '--no-cache'], options.buildLimitMs, { probe: true });
      if (!r.timedOut && r.code !== 0) {
        problem(`plan build of ${priorities} priorities exited ${r.code}: ${r.stderr.trim().slice(0, 300)}`);
        break;
      }
      runs.push(r);
      if (!r.timedOut) outMB = folderSize(out).bytes / 1e6;
      rmSync(out, { recursive: true, force: true });
      if (r.timedOut) break;
    }
    if (runs.length === 0) continue;
    const timedOut = runs.some((r) => r.timedOut);
    result.sizes.push({ priorities, ms: timedOut ? options.buildLimitMs : median(runs.map((r) => r.wallMs)), runs: runs.map((r) => r.wallMs), peakMB: max(runs.map((r) => r.peakMB ?? r.hwmMB)), timedOut, outMB });
    log(`bench: plan build, 1,000 actions and ${priorities} priorities: ${runs.map((r) => (r.timedOut ? 'stopped' : `${r.wallMs.toFixed(0)} ms`)).join(', ')}`);
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// plan build, only when the command exists

interface BuildRun {
  actions: number;
  ms: number;
  runs: number[];
  cpuMs: number | undefined;
  peakMB: number | undefined;
  /** True when the run was killed at the time limit: ms is then the limit, peakMB the peak seen until then. */
  timedOut: boolean;
  outFiles: number;
  outMB: number;
  /** A build with the parse cache warm (after a check or an earlier build of the same files). */
  warmMs: number | undefined;
  warmPeakMB: number | undefined;
}

interface BuildResult {
  available: boolean;
  reason?: string;
  limitMs: number;
  /** One entry per size, smallest first; the last is the one the targets are set on. */
  sizes: BuildRun[];
}

const BUILD_SIZES = [1_000, 5_000, TARGETS.atActions];
/**
 * Runs of the build at the size the target is set on: three, so that its median is a run's own time,
 * not the mean of two, as the first build of a round is often the slowest by half a second.
 */
const LARGEST_BUILD_RUNS = 3;

async function benchBuild(cleanup: string[], options: Options): Promise<BuildResult> {
  const limitMs = options.buildLimitMs;
  // `plan build --help` exits 0 even without a build command (commander then prints the program's help),
  // so the command exists only when the help is the build command's own.
  const help = run([BIN, 'build', '--help']);
  if (help.code !== 0 || !/^Usage: plan build\b/m.test(help.stdout)) {
    log('bench: plan build does not exist yet; skipped');
    return { available: false, limitMs, sizes: [], reason: '`plan build --help` does not show the build command, so `plan build` was not measured.' };
  }
  const largest = options.sizes.at(-1)!;
  const sizes = BUILD_SIZES.filter((n) => n <= largest);
  if (sizes.length === 0) sizes.push(largest);
  const result: BuildResult = { available: true, limitMs, sizes: [] };
  for (const actions of sizes) {
    const dir = tempDir(`build-${actions}`);
    const outRoot = tempDir('build-out');
    cleanup.push(dir, outRoot);
    // Without the deliberate breaks: with errors, plan build writes only the gap report.
    generatePlan(dir, { actions, seed: SEED, breaks: false });
    const reps = actions === sizes.at(-1) ? (options.reps ?? LARGEST_BUILD_RUNS) : 1;
    log(`bench: plan build at ${actions} actions (plan without deliberate errors), up to ${reps} run(s), each stopped after ${limitMs / 1000} s`);
    const runs: (Run & { timedOut: boolean; hwmMB: number | undefined })[] = [];
    let outFiles = 0;
    let outBytes = 0;
    for (let i = 0; i < reps; i++) {
      const out = join(outRoot, `site-${i}`);
      const r = await runLimited([BIN, 'build', dir, '--out', out, '--quiet'], limitMs, { probe: true });
      if (!r.timedOut && r.code !== 0) {
        problem(`plan build at ${actions} actions exited ${r.code}: ${r.stderr.trim().slice(0, 500)}`);
        break;
      }
      runs.push(r);
      if (!r.timedOut) ({ files: outFiles, bytes: outBytes } = folderSize(out));
      log(r.timedOut
        ? `  run ${i + 1}: stopped after ${(limitMs / 1000).toFixed(0)} s, peak RSS so far ${r.hwmMB?.toFixed(0) ?? '?'} MB`
        : `  run ${i + 1}: ${r.wallMs.toFixed(0)} ms, ${r.cpuMs?.toFixed(0)} ms CPU, ${r.peakMB?.toFixed(0)} MB; wrote ${outFiles} files, ${(outBytes / 1e6).toFixed(1)} MB`);
      rmSync(out, { recursive: true, force: true });
      // Another run would not change the verdict: stop when this one is far over the target or was stopped.
      if (r.timedOut || r.wallMs > 2 * TARGETS.buildMs) break;
    }
    if (runs.length === 0) continue;
    const timedOut = runs.some((r) => r.timedOut);
    // Warm: one build fills the parse cache (as a `plan check` before it would), the next is measured.
    let warm: (Run & { timedOut: boolean }) | undefined;
    if (!timedOut) {
      const fill = await runLimited([BIN, 'build', dir, '--out', join(outRoot, 'warm'), '--quiet'], limitMs, { env: { PLAN_CACHE: '1' } });
      if (!fill.timedOut && fill.code === 0) {
        warm = await runLimited([BIN, 'build', dir, '--out', join(outRoot, 'warm'), '--quiet'], limitMs, { probe: true, env: { PLAN_CACHE: '1' } });
        log(`  warm (parse cache): ${warm.wallMs.toFixed(0)} ms, ${warm.peakMB?.toFixed(0)} MB`);
      }
      rmSync(join(outRoot, 'warm'), { recursive: true, force: true });
    }
    result.sizes.push({
      actions,
      ms: timedOut ? limitMs : median(runs.map((r) => r.wallMs)),
      runs: runs.map((r) => r.wallMs),
      cpuMs: timedOut ? undefined : median(runs.map((r) => r.cpuMs ?? NaN)),
      peakMB: max(runs.map((r) => r.peakMB ?? r.hwmMB)),
      timedOut,
      outFiles,
      outMB: outBytes / 1e6,
      warmMs: warm && !warm.timedOut && warm.code === 0 ? warm.wallMs : undefined,
      warmPeakMB: warm?.peakMB,
    });
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { files, bytes };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = folderSize(path);
      files += sub.files;
      bytes += sub.bytes;
    } else {
      files++;
      bytes += statSync(path).size;
    }
  }
  return { files, bytes };
}

// ---------------------------------------------------------------------------------------------------
// The report

// ---------------------------------------------------------------------------------------------------
// Many findings: a plan whose every objective names a portfolio that does not exist, so each objective
// gives three findings (no owner, with its consequence that it serves no priority told beneath it; no action; not SMART);
// the check must list them all, in time linear in their number.

interface FindingsResult {
  objectives: number;
  findings: number;
  ms: number;
  runs: number[];
  peakMB: number;
}

function benchFindings(cleanup: string[]): FindingsResult {
  const objectives = Math.ceil(TARGETS.findings / 3);
  const dir = tempDir('findings');
  cleanup.push(dir);
  writeFileSync(join(dir, 'plan.yaml'), 'plan:\n  id: findings\n  title: Many findings\n  system: Bench ICS\n  period:\n    start: 2024-04-01\n    end: 2025-03-31\n');
  writeFileSync(join(dir, 'objectives.yaml'), `objectives:\n${Array.from({ length: objectives }, (_, i) => `  - id: o-${i}\n    title: Objective ${i}\n    source: local\n    portfolio: missing\n`).join('')}`);
  log(`bench: ${int(objectives)} objectives naming a missing portfolio: plan check --format json`);
  const runs: CheckRun[] = [];
  for (let i = 0; i < 3; i++) {
    const r = checkRun(dir, [1]);
    if (r) runs.push(r);
    log(`  run ${i + 1}: ${r ? `${int(r.wallMs)} ms, ${int(r.summary.errors + r.summary.warnings)} findings, ${int(r.peakMB ?? NaN)} MB` : 'failed'}`);
  }
  const first = runs[0]?.summary;
  const findings = first ? first.errors + first.warnings : 0;
  if (first && findings < TARGETS.findings) problem(`the many-findings plan gave ${findings} findings, fewer than ${TARGETS.findings}`);
  return { objectives, findings, ms: median(runs.map((r) => r.wallMs)), runs: runs.map((r) => r.wallMs), peakMB: max(runs.map((r) => r.peakMB)) };
}

function findingsTarget(f: FindingsResult): { name: string; measured: string; pass: boolean | undefined } {
  return {
    name: `${int(TARGETS.findings)} findings: \`plan check\` under ${TARGETS.findingsMs / 1000} s`,
    measured: f.runs.length === 0 ? 'not measured' : `${int(f.ms)} ms for ${int(f.findings)} findings`,
    pass: f.runs.length === 0 ? undefined : f.ms < TARGETS.findingsMs,
  };
}

function findingsSection(f: FindingsResult): string[] {
  return [
    `## ${int(TARGETS.findings)} findings`, '',
    `A plan of ${int(f.objectives)} objectives, each naming a portfolio that does not exist, checked with \`plan check --format json\`: ${int(f.findings)} findings (each objective has no owner, which also means it serves no priority, told beneath it; has no action; and fails SMART). Median of ${f.runs.length} runs: **${int(f.ms)} ms** (runs: ${f.runs.map(int).join(', ')} ms), peak ${int(f.peakMB)} MB; target under ${TARGETS.findingsMs / 1000} s.`, '',
  ];
}

function findingsText(f: FindingsResult): string {
  return `\n${int(TARGETS.findings)} findings: ${int(f.ms)} ms for ${int(f.findings)} findings (runs ${f.runs.map(int).join(', ')} ms), peak ${int(f.peakMB)} MB; target < ${TARGETS.findingsMs / 1000} s: ${f.ms < TARGETS.findingsMs ? 'pass' : 'FAIL'}\n`;
}

/** `--only findings`: replaces the case's target row and section in docs/PERFORMANCE.md, leaving the rest of the last full run. */
function updateFindingsInDoc(f: FindingsResult): void {
  let doc = readFileSync(DOC, 'utf8');
  const target = findingsTarget(f);
  const row = `| ${target.name} | ${target.measured} | ${target.pass === undefined ? 'not measured' : verdict(target.pass)} |`;
  const rowStart = `| ${int(TARGETS.findings)} findings:`;
  const lines = doc.split('\n');
  const existing = lines.findIndex((l) => l.startsWith(rowStart));
  if (existing >= 0) lines[existing] = row;
  else lines.splice(lines.findIndex((l, i) => i > lines.indexOf('## Targets') + 3 && !l.startsWith('|')), 0, row);
  doc = lines.join('\n');
  const section = `${findingsSection(f).join('\n')}\n`;
  const heading = `## ${int(TARGETS.findings)} findings`;
  const at = doc.indexOf(heading);
  if (at >= 0) doc = doc.slice(0, at) + section + doc.slice(doc.indexOf('\n## ', at + heading.length) + 1);
  else doc = doc.replace('## Start-up', `${section}## Start-up`);
  writeFileSync(DOC, doc);
  log(`bench: updated the many-findings lines of ${DOC}`);
}

interface ReportInput {
  info: Record<string, string>;
  loadBefore: number[];
  loadAfter: number[];
  startup: { label: string; real: boolean; bareMs: number; bareRuns: number[]; versionMs: number; versionRuns: number[]; manifestMs: number; manifestRuns: number[]; embeddedMs: number; embeddedRuns: number[]; warmMs: number; warmRuns: number[]; warmRatio: number; embeddedPeakMB: number; ratio: number; files: number | undefined; errors: number | undefined; warnings: number | undefined };
  sideBySide: SideBySide;
  results: SizeResult[];
  priorities: PrioritiesResult;
  phases: PhaseReport | undefined;
  phasesActions: number | undefined;
  build: BuildResult;
  findings: FindingsResult;
  totalMs: number;
  problems: string[];
}

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : '–');
const dec = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const verdict = (pass: boolean): string => (pass ? 'pass' : '**FAIL**');

function table(head: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(align.map((a) => (a === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n') + '\n';
}

function plainTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').replace(/\*/g, '').length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.replace(/\*/g, '').padStart(widths[i]!)).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n') + '\n';
}

/** Each size with the size a tenth of it: how much longer the fastest check took, and the yaml parse floor. */
function tenfoldSteps(results: readonly SizeResult[]): { from: SizeResult; to: SizeResult; factor: number; floorFactor: number }[] {
  return results.flatMap((to) => {
    const from = results.find((r) => r.actions * 10 === to.actions);
    return from ? [{ from, to, factor: to.fastestMs / from.fastestMs, floorFactor: to.floorParseMs / from.floorParseMs }] : [];
  });
}

/** The section written by hand from the profiles, kept from one run of the bench to the next. */
const PROFILE_START = '<!-- where the time goes: written by hand from node --cpu-prof profiles; the bench keeps it -->';
const PROFILE_END = '<!-- end of where the time goes -->';
const PROFILE_PLACEHOLDER = '## Where the time goes\n\n(Profile a build with `node --cpu-prof` on a bundle built with `PLAN_NO_MINIFY=1`, and write here what it shows.)';

/** `doc` with the hand-written profile section of `previous` in place of its placeholder. */
function withProfileSection(doc: string, previous: string): string {
  const start = previous.indexOf(PROFILE_START);
  const end = previous.indexOf(PROFILE_END);
  if (start < 0 || end < start) return doc;
  const at = doc.indexOf(PROFILE_START);
  const to = doc.indexOf(PROFILE_END);
  return doc.slice(0, at) + previous.slice(start, end + PROFILE_END.length) + doc.slice(to + PROFILE_END.length);
}

function sideBySideSection(side: SideBySide): string[] {
  const row = (c: SideBySideCase): string[] => [c.label, int(median(c.runs)), dec(median(c.runs) / median(side.bare.runs)), int(c.cpu[0] ?? NaN), int(c.peakMB), c.runs.map(int).join(', ')];
  return [
    '## Side by side', '',
    `Each case once per round, in turn, for ${side.rounds} rounds after one that is not counted (it fills the parse and page caches for the warm build and makes the output folders, so every build replaces an earlier one, as a planner's does). Times are medians of wall time, start-up included; CPU and peak memory are from one probed run. The 1,000-action plan has the shape Doorstop was timed on: 1,000 actions, 100 objectives, 4 priorities, one YAML file per kind (\`bench/generate.ts --one-file-per-kind\`); Doorstop took ${int(DOORSTOP.checkMs)} ms for \`doorstop -F\`, ${int(DOORSTOP.publishMarkdownMs)} ms to publish Markdown and ${int(DOORSTOP.publishHtmlMs)} ms to publish HTML, where \`plan build\` writes both.`, '',
    table(['case', 'ms (median)', '× bare node', 'CPU (ms)', 'peak MB', 'all runs (ms)'],
      [side.bare, side.version, side.embeddedCheck, side.embeddedBuildCold, side.embeddedBuildWarm, side.doorstopShapeCheck, side.doorstopShapeBuild].map(row), ['l', 'r', 'r', 'r', 'r', 'l']),
  ];
}

function prioritiesSection(p: PrioritiesResult): string[] {
  if (p.sizes.length === 0) return [];
  const [few, many] = p.sizes;
  const lines = [
    '## Thousands of priorities', '',
    `\`plan build --no-cache\` of a plan of 1,000 actions with ${p.sizes.map((s) => int(s.priorities)).join(' and ')} priorities, those past the fourth shared out among the portfolios in turn (\`bench/generate.ts --priorities N\`), so the priority-by-portfolio table, the priority cards and the diagram each have thousands of rows. Medians of 2 runs; each stopped after ${int(p.limitMs / 1000)} s.`, '',
    table(['priorities', 'build (ms)', 'runs (ms)', 'peak MB', 'MB written'], p.sizes.map((s) => [int(s.priorities), s.timedOut ? `> ${int(p.limitMs)} (stopped)` : int(s.ms), s.runs.map(int).join(', '), int(s.peakMB), dec(s.outMB, 1)]), ['r', 'r', 'l', 'r', 'r']),
  ];
  if (few && many && !few.timedOut && !many.timedOut) {
    lines.push(`Ten times the priorities took ${dec(many.ms / few.ms)}× the time and wrote ${dec(many.outMB / few.outMB)}× the bytes.`, '');
  }
  return lines;
}

function renderReport(input: ReportInput): { markdown: string; table: string; failed: number } {
  const { info, startup, results, phases, build } = input;
  const at = results.find((r) => r.actions === TARGETS.atActions);

  // Targets, in the order the performance issue sets them
  const targets: { name: string; measured: string; pass: boolean | undefined }[] = [];
  const side = input.sideBySide;
  const sideMs = (c: SideBySideCase): number => median(c.runs);
  const bareMs = sideMs(side.bare);
  const doorstopTarget = (name: string, c: SideBySideCase, doorstopMs: number, what: string) => ({
    name: `1,000 actions, cold: \`${name}\` at most ${TARGETS.vsDoorstop}× ${what} (${int(doorstopMs)} ms, so ${int(TARGETS.vsDoorstop * doorstopMs)} ms)`,
    measured: `${int(sideMs(c))} ms = ${dec(sideMs(c) / doorstopMs)}× (bare node ${int(bareMs)} ms)`,
    pass: c.runs.length > 0 ? sideMs(c) <= TARGETS.vsDoorstop * doorstopMs : undefined,
  });
  targets.push(doorstopTarget('plan check', side.doorstopShapeCheck, DOORSTOP.checkMs, 'Doorstop\'s `doorstop -F`'));
  targets.push(doorstopTarget('plan build', side.doorstopShapeBuild, DOORSTOP.publishMarkdownMs, 'Doorstop\'s `doorstop publish --markdown`'));
  const bareTarget = (name: string, c: SideBySideCase, times: number) => ({
    name: `Embedded plan: ${name} within ${times}× bare \`node -e 0\``,
    measured: `${int(sideMs(c))} ms vs ${int(bareMs)} ms = ${dec(sideMs(c) / bareMs)}×`,
    pass: c.runs.length > 0 ? sideMs(c) <= times * bareMs : undefined,
  });
  targets.push(bareTarget('`plan check`, cold (`--no-cache`)', side.embeddedCheck, TARGETS.embeddedVsBareNode));
  targets.push(bareTarget('`plan build`, cold (`--no-cache`)', side.embeddedBuildCold, TARGETS.embeddedBuildVsBareNode));
  targets.push(bareTarget('`plan build`, warm parse and page caches', side.embeddedBuildWarm, TARGETS.embeddedBuildVsBareNode));
  targets.push({
    name: `${int(TARGETS.atActions)} actions, cold, on ${cpus().length} cores: \`plan check\` within ${TARGETS.checkVsFloor}× the one-thread yaml parse`,
    measured: at ? `${int(at.checkMs)} ms vs ${int(at.floorParseMs)} ms = ${dec(at.ratio)}×` : 'not run',
    pass: at ? at.ratio <= TARGETS.checkVsFloor : undefined,
  });
  targets.push({
    name: `${int(TARGETS.atActions)} actions: \`plan check\` peak memory under ${TARGETS.checkPeakMB} MB`,
    measured: at ? `${int(at.checkPeakMB)} MB` : 'not run',
    pass: at ? at.checkPeakMB < TARGETS.checkPeakMB : undefined,
  });
  const buildAt = build.sizes.find((b) => b.actions === TARGETS.atActions);
  if (buildAt) {
    const time = buildAt.timedOut ? `did not finish in ${int(build.limitMs / 1000)} s (stopped)` : `${int(buildAt.ms)} ms`;
    targets.push({ name: `${int(TARGETS.atActions)} actions: \`plan build\` under ${TARGETS.buildMs / 1000} s, cold (\`--no-cache\`)`, measured: time, pass: !buildAt.timedOut && buildAt.ms < TARGETS.buildMs });
    targets.push({
      name: `${int(TARGETS.atActions)} actions: \`plan build\` peak memory under ${TARGETS.buildPeakMB} MB`,
      measured: `${int(buildAt.peakMB ?? NaN)} MB${buildAt.timedOut ? ' when stopped' : ''}`,
      pass: buildAt.timedOut ? ((buildAt.peakMB ?? 0) >= TARGETS.buildPeakMB ? false : undefined) : (buildAt.peakMB ?? Infinity) < TARGETS.buildPeakMB,
    });
  } else {
    targets.push({ name: `${int(TARGETS.atActions)} actions: \`plan build\` under ${TARGETS.buildMs / 1000} s and ${TARGETS.buildPeakMB} MB`, measured: build.reason ?? 'not run at this size', pass: undefined });
  }
  // Judged on the fastest run at each size: on a shared machine it is the one least disturbed by other work.
  const growth = tenfoldSteps(results);
  const worst = growth.reduce<(typeof growth)[number] | undefined>((w, g) => (w === undefined || g.factor > w.factor ? g : w), undefined);
  targets.push({
    name: `Growth: a plan 10× the size takes at most ${TARGETS.tenfoldGrowth}× the time (\`plan check\`, fastest run, ${int(1_000)} → ${int(10_000)} → ${int(100_000)} actions)`,
    measured: growth.length > 0
      ? growth.map((g) => `${int(g.from.actions)} → ${int(g.to.actions)}: ${dec(g.factor)}× (the yaml parse floor ${dec(g.floorFactor)}×)`).join('; ')
      : 'needs sizes 10× apart',
    pass: worst ? worst.factor <= TARGETS.tenfoldGrowth : undefined,
  });
  const many = input.priorities.sizes.find((p) => p.priorities === TARGETS.priorities);
  targets.push({
    name: `${int(TARGETS.priorities)} priorities (and 1,000 actions): \`plan build\` under ${TARGETS.priorityBuildMs / 1000} s`,
    measured: many ? (many.timedOut ? `did not finish in ${int(input.priorities.limitMs / 1000)} s (stopped)` : `${int(many.ms)} ms, ${int(many.peakMB)} MB`) : 'not run',
    pass: many ? !many.timedOut && many.ms < TARGETS.priorityBuildMs : undefined,
  });
  targets.push(findingsTarget(input.findings));
  const failed = targets.filter((t) => t.pass === false).length;

  const sizeHead = ['actions', 'files', 'MB of YAML', 'yaml parse floor (ms)', 'check (ms)', 'check ÷ floor', 'fastest check (ms)', 'ms per 1,000 actions', 'fastest: ms per 1,000', 'CPU ms per 1,000', 'peak MB', 'errors / warnings', `ratio < ${TARGETS.checkVsFloor}`, `peak < ${TARGETS.checkPeakMB} MB`, '10× growth'];
  const sizeRows = results.map((r) => {
    const step = growth.find((g) => g.to === r);
    const targetSize = r.actions === TARGETS.atActions;
    return [
      int(r.actions), String(r.files), dec(r.mb, 1), int(r.floorParseMs), int(r.checkMs), dec(r.ratio), int(r.fastestMs), int(r.perThousand),
      int(r.fastestPerThousand), int(r.cpuPerThousand), int(r.checkPeakMB), `${r.errors} / ${r.warnings}`,
      targetSize ? verdict(r.ratio < TARGETS.checkVsFloor) : `(${r.ratio < TARGETS.checkVsFloor ? 'under' : 'over'})`,
      targetSize ? verdict(r.checkPeakMB < TARGETS.checkPeakMB) : `(${r.checkPeakMB < TARGETS.checkPeakMB ? 'under' : 'over'})`,
      step === undefined ? '–' : `${dec(step.factor)}× ${verdict(step.factor <= TARGETS.tenfoldGrowth)}`,
    ];
  });
  const sizeAlign: ('l' | 'r')[] = sizeHead.map(() => 'r');

  const targetRows = targets.map((t) => [t.name, t.measured, t.pass === undefined ? 'not measured' : verdict(t.pass)]);

  // Plain text for the terminal
  let text = '\n';
  text += `Start-up: bare node ${int(startup.bareMs)} ms; plan --version ${int(startup.versionMs)} ms; check of plan.yaml alone ${int(startup.manifestMs)} ms; plan check ${startup.label}: ${int(startup.embeddedMs)} ms (${dec(startup.ratio)}×)\n\n`;
  text += plainTable(sizeHead, sizeRows);
  if (at?.noWorkers) text += `\nAt ${int(at.actions)} actions with PLAN_WORKERS=0: ${int(at.noWorkers.checkMs)} ms, ${int(at.noWorkers.cpuMs)} ms CPU, ${int(at.noWorkers.peakMB)} MB (with workers: ${int(at.checkMs)} ms, ${int(at.checkCpuMs)} ms CPU, ${int(at.checkPeakMB)} MB)\n`;
  if (phases) text += `\nPhases at ${int(input.phasesActions ?? 0)} actions (one thread): ${phases.phases.map((p) => `${p.phase} ${int(p.ms)} ms`).join('; ')}\n`;
  text += build.available
    ? `\nplan build: ${build.sizes.map((b) => `${int(b.actions)} actions ${b.timedOut ? `stopped after ${int(build.limitMs / 1000)} s` : `${int(b.ms)} ms`}, ${int(b.peakMB ?? NaN)} MB peak`).join('; ')}\n`
    : `\nplan build: ${build.reason}\n`;
  text += '\nTargets:\n' + targetRows.map((r) => `  ${(r[2] ?? '').replace(/\*/g, '').padEnd(12)} ${r[0]!.replace(/`/g, '')}: ${r[1]}`).join('\n') + '\n';
  text += `\nWhole bench: ${dec(input.totalMs / 1000, 0)} s; load average before ${input.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${input.loadAfter.map((l) => l.toFixed(2)).join(' ')}\n`;

  // Markdown for docs/PERFORMANCE.md
  const md: string[] = [];
  md.push('# Performance', '');
  md.push('<!-- Written by `npm run bench` (bench/run.ts). Edit bench/run.ts, not this file: the next run replaces it. -->', '');
  md.push('How fast `plan check` is, how it grows with the size of a plan, and how much memory it needs, measured against the targets set for it. Every figure here is from the last run of `npm run bench` on the machine described below.', '');
  const busy = Math.max(input.loadBefore[0] ?? 0, input.loadAfter[0] ?? 0) > cpus().length;
  if (busy) md.push(`> **The machine was busy during this run** (load average up to ${dec(Math.max(input.loadBefore[0] ?? 0, input.loadAfter[0] ?? 0))} on ${cpus().length} CPUs): other work competed for the CPUs, so times are inflated and noisier than on an idle machine. The floor and the check were run in turn, so their ratio suffers less than the absolute times.`, '');
  md.push('## Targets', '');
  md.push(table(['target', 'measured', 'result'], targetRows, ['l', 'l', 'l']));
  md.push(...sideBySideSection(side));
  md.push(PROFILE_START, PROFILE_PLACEHOLDER, PROFILE_END, '');
  md.push('## `plan check` by size of plan', '');
  md.push(`Synthetic plans from \`bench/generate.ts\` (seed ${SEED}). Times are medians of several runs (${results.map((r) => `${r.reps} at ${int(r.actions)}`).join(', ')}); peak MB is the largest of them.`, '');
  md.push(table(sizeHead, sizeRows, sizeAlign));
  md.push('- **yaml parse floor**: the `yaml` library alone (`parseDocument` with its defaults on each file, one after another, one thread), timed inside its own process: the floor a check cannot go much below without replacing the parser.');
  md.push('- **check**: the wall time of `node bin/plan check DIR --format json` as a child process, start-up included. **check ÷ floor** is the ratio the target is set on; below 1 means the check, which parses big plans on worker threads, beat the one-thread parse alone.');
  md.push(`- **ms per 1,000 actions**: check time divided by thousands of actions, for the median run, for the fastest run, and for CPU time. Start-up is a fixed cost, so in a check that grows linearly this falls or stays level as plans grow; a rise means the check grows faster than linearly. **10× growth** is how many times longer the fastest check took than the fastest at a tenth of the size (the runs least disturbed by other work on a shared machine); the target allows ${TARGETS.tenfoldGrowth}×.`);
  md.push('- **check CPU**: user + system time of all the process\'s threads (worker threads and the garbage collector\'s helpers included); more than the wall time means several cores were busy.');
  md.push('- **errors / warnings**: what the check reported. Every plan has the same few deliberate errors; the SMART warnings grow with the plan.');
  md.push('- A ratio or peak in brackets is for information: the target is set at ' + int(TARGETS.atActions) + ' actions.', '');
  if (at?.noWorkers) {
    md.push('### Worker threads', '');
    md.push(`The same ${int(at.actions)}-action plan with worker threads switched off (\`PLAN_WORKERS=0\`, same runs, interleaved):`, '');
    md.push(table(['', 'check (ms)', 'CPU (ms)', 'peak MB'], [
      ['with worker threads (default)', int(at.checkMs), int(at.checkCpuMs), int(at.checkPeakMB)],
      ['`PLAN_WORKERS=0` (one thread)', int(at.noWorkers.checkMs), int(at.noWorkers.cpuMs), int(at.noWorkers.peakMB)],
    ], ['l', 'r', 'r', 'r']));
  }
  if (phases) {
    md.push(`### Where the time goes at ${int(input.phasesActions ?? 0)} actions`, '');
    md.push(`\`bench/phases.ts\` runs the compiler's phases from \`src/\` one after another on one thread (through tsx, with a full garbage collection after each phase so the heap figure is what the phase keeps). The \`yaml\` library's parse is run alone and inside \`parseWithYaml\` (which also walks the document into plain data and a tree of positions), and then \`parseSource\`, which reads every clean file from js-yaml's events instead; the structured clone is what moving parsed files from a worker thread to the main thread costs. Peak RSS of this one-thread run: ${int(phases.peakRssMB)} MB. The parsed files come to ${dec(phases.parsedJsonMB, 1)} MB as JSON, ${Math.round(phases.locationsShare * 100)}% of it source positions.`, '');
    md.push(table(['phase', 'ms', 'heap after (MB)', 'RSS after (MB)', 'note'], phases.phases.map((p) => [p.phase, int(p.ms), int(p.heapMB), int(p.rssMB), p.note ?? '']), ['l', 'r', 'r', 'r', 'l']));
  }
  const findings: string[] = [];
  if (at?.noWorkers) {
    const dt = at.checkMs - at.noWorkers.checkMs;
    const dm = at.checkPeakMB - at.noWorkers.peakMB;
    const dc = at.checkCpuMs - at.noWorkers.cpuMs;
    findings.push(`At ${int(at.actions)} actions, worker threads made the check ${dt >= 0 ? `${int(dt)} ms slower` : `${int(-dt)} ms faster`} (median), used ${int(Math.abs(dc))} ms ${dc >= 0 ? 'more' : 'less'} CPU and ${int(Math.abs(dm))} MB ${dm >= 0 ? 'more' : 'less'} peak memory than one thread (\`PLAN_WORKERS=0\`: ${int(at.noWorkers.peakMB)} MB, ${at.noWorkers.peakMB < TARGETS.checkPeakMB ? 'under' : 'over'} the ${TARGETS.checkPeakMB} MB target).`);
  }
  if (phases) {
    const ms = (name: string): number => phases.phases.find((p) => p.phase.startsWith(name))?.ms ?? NaN;
    const pipeline = ms('list + read') + ms('parseSource') + ms('validate') + ms('link') + ms('rules') + ms('sort') + ms('json');
    findings.push(`On one thread, parsing (\`parseSource\`: js-yaml's events into plain data and positions) is ${Math.round((ms('parseSource') / pipeline) * 100)}% of the pipeline's ${int(pipeline)} ms; validation ${Math.round((ms('validate') / pipeline) * 100)}%, linking ${Math.round((ms('link') / pipeline) * 100)}%, the rules ${Math.round((ms('rules') / pipeline) * 100)}%. Moving parsed files between threads (a structured clone) costs ${int(ms('structured clone'))} ms for the whole plan.`);
    findings.push(`The fast path (\`parseSource\`, js-yaml's events) read the plan in ${int(ms('parseSource'))} ms, where the \`yaml\` library's parse alone took ${int(ms('yaml parseDocument'))} ms and with its walk ${int(ms('parseWithYaml'))} ms: ${dec(ms('parseWithYaml') / ms('parseSource'), 1)}× faster, with the same data and positions.`);
    findings.push(`Source positions are ${Math.round(phases.locationsShare * 100)}% of the parsed data (${dec(phases.parsedJsonMB, 1)} MB as JSON); the heap holds ${int(phases.phases.find((p) => p.phase.startsWith('parseSource'))?.heapMB ?? NaN)} MB once the files are parsed.`);
  }
  if (findings.length > 0) {
    md.push('### What the numbers say', '');
    for (const f of findings) md.push(`- ${f}`);
    md.push('');
  }
  md.push(...findingsSection(input.findings));
  md.push('## Start-up', '');
  md.push(`\`plan check\` on ${startup.real ? `the embedded plan, \`${startup.label}\`${startup.files !== undefined ? ` (${startup.files} files)` : ''}` : `a ${startup.label}`}, against bare \`node -e 0\`; medians of ${startup.embeddedRuns.length} interleaved runs each.`, '');
  md.push(table(['', 'ms (median)', 'all runs (ms)'], [
    ['`node -e 0`', int(startup.bareMs), startup.bareRuns.map(int).join(', ')],
    ['`plan --version` (loads the CLI, reads no plan)', int(startup.versionMs), startup.versionRuns.map(int).join(', ')],
    ['`plan check --format json` on the plan\'s `plan.yaml` alone', int(startup.manifestMs), startup.manifestRuns.map(int).join(', ')],
    ['`plan check --format json` on the whole plan, cold (`PLAN_CACHE=0`)', int(startup.embeddedMs), startup.embeddedRuns.map(int).join(', ')],
    ['`plan check --format json` on the whole plan, warm (parse cache)', int(startup.warmMs), startup.warmRuns.map(int).join(', ')],
  ], ['l', 'r', 'l']));
  md.push(`Of the check's ${int(startup.embeddedMs)} ms (medians): ${int(startup.bareMs)} ms is Node.js itself; ${int(startup.versionMs - startup.bareMs)} ms loading the CLI (\`plan --version\` minus bare node); ${int(startup.manifestMs - startup.versionMs)} ms the check command's fixed cost, mostly loading its code (zod, yaml) and a first, cold parse and validation (the manifest alone minus \`--version\`); and ${int(startup.embeddedMs - startup.manifestMs)} ms what the rest of the plan adds, mostly the YAML parse, which runs cold (not yet optimised by the JIT) in a short run. The target allows ${int(TARGETS.embeddedVsBareNode * startup.bareMs)} ms.`, '');
  md.push(`With the parse cache, which every run after the first uses, the check takes ${int(startup.warmMs)} ms (${dec(startup.warmRatio)}×): an unchanged file is read from the cache instead of parsed.`, '');
  md.push(`Ratio ${dec(startup.ratio)}× cold (target under ${TARGETS.embeddedVsBareNode}×); peak ${int(startup.embeddedPeakMB)} MB; the check reported ${startup.errors ?? '?'} errors and ${startup.warnings ?? '?'} warnings.`, '');
  md.push('## `plan build`', '');
  if (build.available && build.sizes.length > 0) {
    md.push(`\`node bin/plan build DIR --out OUT --quiet\` on plans generated without the deliberate errors (with errors, \`plan build\` writes only the gap report). One run at the smaller sizes; at the largest, up to ${LARGEST_BUILD_RUNS} runs (fewer when one is far over the target). Each run is stopped after ${int(build.limitMs / 1000)} s; the peak memory of a stopped run is the kernel's high-water mark (VmHWM) read while it ran.`, '');
    md.push(table(['actions', 'build, cold (ms)', 'build, warm cache (ms)', 'runs (ms)', 'CPU (ms)', 'peak MB', 'ms per 1,000 actions', 'files written', 'MB written'], build.sizes.map((b) => [
      int(b.actions),
      b.timedOut ? `> ${int(build.limitMs)} (stopped)` : int(b.ms),
      b.warmMs === undefined ? '–' : int(b.warmMs),
      b.timedOut ? '–' : b.runs.map(int).join(', '),
      b.cpuMs === undefined ? '–' : int(b.cpuMs),
      `${int(b.peakMB ?? NaN)}${b.timedOut ? ' (when stopped)' : ''}`,
      b.timedOut ? `> ${int(b.ms / (b.actions / 1000))}` : int(b.ms / (b.actions / 1000)),
      b.timedOut ? '–' : String(b.outFiles),
      b.timedOut ? '–' : dec(b.outMB, 1),
    ]), ['r', 'r', 'r', 'l', 'r', 'r', 'r', 'r', 'r']));
    const checkAt = input.results.find((r) => r.actions === build.sizes.at(-1)?.actions);
    if (checkAt) md.push(`A build first checks the plan: \`plan check\` alone takes ${int(checkAt.checkMs)} ms at ${int(checkAt.actions)} actions in this run (the yaml parse floor ${int(checkAt.floorParseMs)} ms), so that much of the build's time is the check.`, '');
  } else if (build.available) {
    md.push('`plan build` exists but could not be measured; see the problems below.', '');
  } else {
    md.push(`Not measured: ${build.reason} The bench runs it automatically once \`node bin/plan build --help\` prints the build command's own help (commander exits 0 for \`build --help\` even when there is no such command, so the exit code alone does not tell).`, '');
  }
  md.push(...prioritiesSection(input.priorities));
  md.push('## How it is measured', '');
  md.push('- `bench/generate.ts` writes a synthetic plan with a seeded PRNG (mulberry32): the same seed gives byte-identical files. The shape follows a real integrated care system plan: one collective aim, 4 priorities serving it, 7 portfolios and 2 enabling workstreams, one objective per ten actions (one file per portfolio; about 15% without a full SMART target), actions serving 1–2 objectives (files of 2,000 actions, so the parse can be spread over worker threads), a metric for every fifth objective, 14 organisations, 9 statutory duties with coverage over two editions, and projects. A few deliberate breaks give the rules work, and `plan check` must exit 1 and report each of them: an objective with no portfolio, an action naming an objective that does not exist, a duty no edition covers, and five actions linked only to a portfolio. The side-by-side cases use the same generator with one file per kind (\`--one-file-per-kind\`), and the priorities case with thousands of priorities (\`--priorities N\`).');
  md.push('- Every measurement is a separate child process started with `spawnSync` and timed from spawn to exit, so start-up is included. The CLI run is a copy of `bin/plan` and `lib/` taken when the bench starts (in `bench/.cli-PID/`, removed at the end), so a rebuild during the bench cannot change or break it. The floor and the check are run in turn (floor, check, floor, check, …) so that a busy machine slows both alike; small sizes get one unrecorded warm-up run first.');
  md.push('- Peak memory and CPU time come from `bench/rss-probe.mjs`, preloaded with `node --import`: at exit it records `process.resourceUsage()` (`maxRSS` is the peak resident set size of the whole process, worker threads included). The start-up runs (bare node, `--version` and the timed checks of the embedded plan) go without it, and one extra probed run gives the embedded plan\'s memory.');
  md.push('- The machine may be shared: the load average before and after the run is given below. Compare ratios rather than absolute times between machines.', '');
  md.push('## Machine', '');
  md.push(table(['', ''], [
    ['CPUs', info.cpus ?? ''],
    ['memory', info.memory ?? ''],
    ['Node.js', info.node ?? ''],
    ['platform', info.platform ?? ''],
    ['libraries', info.libraries ?? ''],
    ['load average (1, 5, 15 min) before / after', `${input.loadBefore.map((l) => l.toFixed(2)).join(', ')} / ${input.loadAfter.map((l) => l.toFixed(2)).join(', ')}`],
    ['whole bench', `${dec(input.totalMs / 1000, 0)} s`],
  ], ['l', 'l']));
  if (input.problems.length > 0) {
    md.push('## Problems in this run', '');
    for (const p of input.problems) md.push(`- ${p}`);
    md.push('');
  }
  md.push('## Reproduce', '');
  md.push('```sh');
  md.push('npm run bench                                  # builds lib/, runs everything (6–8 minutes on 2 quiet cores), rewrites this file');
  md.push('npx tsx bench/run.ts --sizes 1000,10000 --no-write   # a quick look, after npm run build');
  md.push('npx tsx bench/run.ts --only serve             # only the plan serve case; replaces only its section');
  md.push('npx tsx bench/generate.ts /tmp/plan-50k --actions 50000   # one synthetic plan to try things on');
  md.push('npx tsx bench/generate.ts /tmp/plan-1k --actions 1000 --one-file-per-kind --no-breaks   # the shape Doorstop was timed on');
  md.push('PLAN_NO_MINIFY=1 npm run build && node --cpu-prof bin/plan build /tmp/plan-1k --out /tmp/site --no-cache   # a profile to read');
  md.push('node --expose-gc --import tsx bench/phases.ts /tmp/plan-50k   # time each phase of a check');
  md.push('```', '');
  return { markdown: md.join('\n'), table: text, failed };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
