// Runs the built CLI (bin/plan -> lib/) as a child process, the way a planner or a CI job runs it, and
// makes throw-away plan folders for tests that need to change or break a plan.

import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The root of the repository. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The launcher the package installs as `plan`. */
export const planBin = join(repoRoot, 'bin', 'plan');

/** A folder under tests/fixtures. */
export function fixture(name: string): string {
  return join(repoRoot, 'tests', 'fixtures', name);
}

export interface CliResult {
  /** The exit code; null when the process was killed (for example after `timeoutMs`). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the run took longer than `timeoutMs` and was killed: a hang. */
  timedOut: boolean;
}

export interface CliOptions {
  /** Working directory of the run; the repository root when not given. */
  cwd?: string;
  /** Extra environment; `undefined` removes a variable. NO_COLOR=1 is set unless overridden. */
  env?: Record<string, string | undefined>;
  /** Kill the run after this long. */
  timeoutMs?: number;
  /**
   * What reads plan's stdout. `closed`: nobody, the pipe is closed before plan writes anything. A shell
   * command (such as `head -1`): plan's stdout is piped into it, as in `plan export | head -1`; `stdout`
   * is then what the command prints, and `code` is still plan's own exit code.
   */
  stdoutReader?: 'closed' | string;
  /** Another copy of bin/plan to run (see copyInstallation); the repository's own when not given. */
  launcher?: string;
  /** Run as this user id (and the group of the same number), as a test run by root can. */
  user?: number;
}

/** Variables of the test runner's own environment that would change what plan prints. */
const INHERITED_BUT_IGNORED = ['NO_COLOR', 'FORCE_COLOR', 'PLAN_DEBUG', 'PLAN_WORKERS'];

let testCacheDir: string | undefined;

/** Runs `node bin/plan ...args` without a shell and collects its output. */
export function runPlan(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of INHERITED_BUT_IGNORED) delete env[name];
  env.NO_COLOR = '1';
  // The parse cache is on, as for a planner, but in a folder of this test file's own.
  testCacheDir ??= makeTempDir('plan-cache-');
  env.PLAN_CACHE_DIR = testCacheDir;
  delete env.PLAN_CACHE;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const reader = options.stdoutReader;
  const launcher = options.launcher ?? planBin;
  // The arguments reach bash as its own "$@", never through the command text.
  const [command, commandArgs]: [string, string[]] = reader !== undefined && reader !== 'closed'
    ? ['bash', ['-c', `"$0" "$@" | ${reader}; exit "\${PIPESTATUS[0]}"`, process.execPath, launcher, ...args]]
    : [process.execPath, [launcher, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: options.cwd ?? repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      ...(options.user === undefined ? {} : { uid: options.user, gid: options.user }),
    });
    // Closed at once, long before plan (a new Node process) gets to write: every write then meets EPIPE.
    if (reader === 'closed') child.stdout.destroy();
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), timedOut });
    });
  });
}

const tempDirs: string[] = [];

/** A fresh, empty folder under the system's temporary folder. Remove them all with `removeTempDirs`. */
export function makeTempDir(prefix = 'plan-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export interface Installation {
  /** Its bin/plan, to pass as `launcher` to runPlan. */
  launcher: string;
  /** Its lib/: the bundles and their code caches. */
  lib: string;
}

/**
 * A copy of the built CLI (bin/ and lib/) in a fresh temporary folder, beside links to the repository's
 * package.json, node_modules, templates and reference data: for tests that change or break lib/, which
 * other tests run in parallel from the repository's own copy.
 */
export function copyInstallation(): Installation {
  const root = makeTempDir('plan-installation-');
  for (const name of ['bin', 'lib']) cpSync(join(repoRoot, name), join(root, name), { recursive: true });
  for (const name of ['package.json', 'node_modules', 'templates', 'reference']) symlinkSync(join(repoRoot, name), join(root, name));
  return { launcher: join(root, 'bin', 'plan'), lib: join(root, 'lib') };
}

/**
 * A copy of a plan that any user can read, for a test that runs plan as another user (root's tests run
 * as nobody): the repository itself may sit in a folder only its owner can enter.
 */
export function copyPlanForAnyone(source: string): string {
  const dir = makeTempDir('plan-for-anyone-');
  const plan = copyPlan(source, join(dir, 'plan'));
  const open = (path: string): void => {
    if (statSync(path).isDirectory()) {
      chmodSync(path, 0o755);
      for (const name of readdirSync(path)) open(join(path, name));
    } else {
      chmodSync(path, 0o644);
    }
  };
  open(dir);
  return plan;
}

/** Copies a plan folder to a fresh temporary folder (or to `target`), so a test can change it; returns the copy. */
export function copyPlan(source: string, target = join(makeTempDir(), 'plan')): string {
  cpSync(source, target, { recursive: true });
  return target;
}

/** Writes a plan folder from file names and contents (text or raw bytes); returns its path. */
export function writePlan(files: Record<string, string | Uint8Array>, dir = join(makeTempDir(), 'plan')): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** Replaces exactly one occurrence of `from` in a file; fails loudly if it is not there exactly once. */
export function replaceOnce(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected exactly one ${JSON.stringify(from)} in ${path}, found ${count}`);
  writeFileSync(path, text.replace(from, to));
}

/** Removes every folder made by makeTempDir, copyPlan and writePlan so far. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// Registered while the importing test file is collected, so every file that uses these helpers cleans
// up after itself even if it never calls removeTempDirs. After-hooks run last-registered first, so this
// one runs after the file's own afterAll hooks, which may still read the folders.
afterAll(removeTempDirs);

/** One finding as the stylish format prints it. */
export interface StylishFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  rule: string;
}

/** Reads the findings back out of stylish output: a file header, then `  line:col  severity  message  rule`. */
export function stylishFindings(stdout: string): StylishFinding[] {
  const findings: StylishFinding[] = [];
  let file = '';
  for (const line of stdout.split('\n')) {
    const finding = /^ {2}(\d+):(\d+) +(error|warning) +(.*) {2}(\S+)$/.exec(line);
    if (finding) {
      const [, row, column, severity, message, rule] = finding;
      findings.push({ file, line: Number(row), column: Number(column), severity: severity!, message: message!, rule: rule! });
    } else if (line !== '' && !line.startsWith(' ') && !/^[✔✖⚠]/.test(line)) {
      file = line;
    }
  }
  return findings;
}

/** `file:line:col severity rule` for each finding: a compact view to compare against. */
export function locatedRules(stdout: string): string[] {
  return stylishFindings(stdout).map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`);
}

/** True when the text shows a JavaScript stack trace or an uncaught error's name. */
export function hasStackTrace(text: string): boolean {
  return text.includes('    at ') || text.includes('Error:');
}
