// A build killed (SIGKILL) at every file-system step of writing its output: after each rename and
// removal, and half-way through each write. After every kill the old output is still whole, or the
// new output is complete on disk (committed, for the next build to put in place); no file of the
// user's is lost; and the next build finishes with exactly the new output.
// PLAN_FAULT=N (a test-only hook, src/emit/fault.ts) makes the process kill itself at step N.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/emit/write-tree.js';
import { makeTempDir, repoRoot, runPlan } from '../helpers/cli.js';
import { copyOldBuild, onlyManifestLeft, outputOf, readTree, sameFiles, twoBuilds, type TwoBuilds } from './output-trees.js';

const JOURNAL = '.plan-build.journal';
const USER_FILES: Record<string, string> = {
  CNAME: 'plan.example.nhs.uk\n',
  'userstuff/notes.txt': 'Notes the communications team keeps beside the build.\n',
  'assets/our-logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
};
/** A file of the old build that the user then changed by hand. */
const EDITED = 'objectives.md';
const EDITED_TEXT = '# Objectives, as the communications team rewrote them\n';

let builds: TwoBuilds;
let runner: string;
let filesJson: string;
let expectedOld: Map<string, Buffer>;
let expectedNew: Map<string, Buffer>;
/** The name of every step, as the killed process said it. */
const stepNames: string[] = [];

beforeAll(async () => {
  builds = await twoBuilds();
  const dir = makeTempDir('plan-fault-runner-');
  runner = join(dir, 'write-output-runner.mjs');
  await build({ entryPoints: [join(repoRoot, 'tests', 'emit', 'write-output-runner.ts')], outfile: runner, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  filesJson = join(dir, 'files.json');
  writeFileSync(filesJson, JSON.stringify(Object.fromEntries([...builds.newFiles].map(([path, content]) => [path, Buffer.from(content).toString('base64')]))));
  const user = new Map(Object.entries(USER_FILES).map(([path, text]) => [path, Buffer.from(text)]));
  expectedOld = new Map([...builds.oldFiles, ...user, [EDITED, Buffer.from(EDITED_TEXT)]]);
  expectedNew = new Map([...[...builds.newFiles].map(([path, content]) => [path, Buffer.from(content)] as const), ...user, [`${EDITED}.kept`, Buffer.from(EDITED_TEXT)]]);
}, 120_000);

/** A copy of the old build, with the user's own files added and one of plan's files changed by hand. */
function oldOutputWithUserFiles(): string {
  const out = join(makeTempDir('plan-fault-'), 'site');
  copyOldBuild(builds, out);
  for (const [path, text] of Object.entries(USER_FILES)) {
    mkdirSync(join(out, path, '..'), { recursive: true });
    writeFileSync(join(out, path), text);
  }
  writeFileSync(join(out, EDITED), EDITED_TEXT);
  return out;
}

/** The state a kill may leave: the old output whole, or the new output complete on disk under a journal. */
function expectOldOrCommittedNew(out: string, step: string): void {
  const tree = readTree(out);
  for (const [path, text] of Object.entries(USER_FILES)) expect(tree.get(path)?.toString(), `${path} after a kill ${step}`).toBe(text);
  const edited = tree.get(EDITED)?.toString() === EDITED_TEXT || tree.get(`${EDITED}.kept`)?.toString() === EDITED_TEXT;
  expect(edited, `the user's ${EDITED} after a kill ${step}`).toBe(true);
  if (!existsSync(join(out, JOURNAL))) {
    const visible = outputOf(tree);
    expect(sameFiles(visible, expectedOld) || sameFiles(visible, expectedNew), `the complete old or the complete new output after a kill ${step}`).toBe(true);
    return;
  }
  // Committed: every new file is whole, either in place or in the staging folder the journal names.
  const journal = JSON.parse(readFileSync(join(out, JOURNAL), 'utf8')) as { id: string; place: string[] };
  expect(journal.place, `the journal after a kill ${step} lists the files to put in place in order of path`).toEqual([...journal.place].sort());
  const staged = join(out, `.plan-build.staging-${journal.id}`);
  for (const [path, content] of builds.newFiles) {
    const inPlace = tree.get(path)?.equals(Buffer.from(content)) ?? false;
    const inStaging = existsSync(join(staged, path)) && readFileSync(join(staged, path)).equals(Buffer.from(content));
    expect(inPlace || inStaging, `${path} of the new output after a kill ${step}`).toBe(true);
  }
}

function expectNewOutput(out: string, after: string): void {
  const visible = outputOf(readTree(out));
  expect([...visible.keys()].sort(), after).toEqual([...expectedNew.keys()].sort());
  expect(sameFiles(visible, expectedNew), after).toBe(true);
  expect(onlyManifestLeft(out), `only the manifest of plan's own files is left ${after}`).toBe(true);
  const manifest = JSON.parse(readFileSync(join(out, '.plan-build'), 'utf8')) as { files: Record<string, string> };
  expect(Object.keys(manifest.files).sort()).toEqual([...builds.newFiles.keys()].sort());
}

function runEmit(out: string, fault?: number) {
  return spawnSync(process.execPath, [runner, out, filesJson], { encoding: 'utf8', env: { ...process.env, PLAN_FAULT: fault === undefined ? '' : String(fault) } });
}

describe('the emit phase killed at every file-system step', () => {
  it('leaves the old output or the complete new one, keeps every user file, and the next run finishes the new output', async () => {
    for (let step = 1; step < 1000; step++) {
      const out = oldOutputWithUserFiles();
      const killed = runEmit(out, step);
      if (killed.status === 0) break; // the run had fewer steps than this: every step has been tried
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      const name = /killed at step \d+, (.*)$/m.exec(killed.stderr)?.[1] ?? `step ${step}`;
      stepNames[step] = name;
      expectOldOrCommittedNew(out, name);
      // The next run, in this process: the same code a build runs.
      await writeOutput(out, builds.newFiles, 'replace');
      expectNewOutput(out, `after the run that followed a kill ${name}`);
      for (const entry of readdirSync(join(out, '..'))) expect(entry).toBe('site');
    }
    // Every changed file is a step twice (half-written, then written), and again when it is moved into
    // place; a file the new build makes exactly as the old one did is left where it is, and is no step.
    // The user's edit of EDITED counts as a change: what is in place is no longer what plan wrote.
    const changed = [...builds.newFiles.keys()].filter((path) => path === EDITED || !builds.oldFiles.get(path)?.equals(Buffer.from(builds.newFiles.get(path)!)));
    const unchanged = [...builds.newFiles.keys()].filter((path) => !changed.includes(path));
    expect(changed.length).toBeGreaterThan(0);
    expect(unchanged.length).toBeGreaterThan(0);
    expect(stepNames.filter(Boolean).length).toBeGreaterThan(3 * changed.length);
    expect(stepNames.filter((n) => unchanged.some((path) => n === `half-way through writing ${path}` || n === `after putting ${path} in place`))).toEqual([]);
    expect(stepNames.some((n) => n.startsWith('half-way through writing'))).toBe(true);
    expect(stepNames.some((n) => n.startsWith('after moving'))).toBe(true);
    expect(stepNames.some((n) => n.startsWith('after removing portfolios/mental-health'))).toBe(true);
  }, 600_000);
});

describe('a run killed while it completes an interrupted one', () => {
  it('is completed in turn by the run after it', async () => {
    const commit = stepNames.indexOf('after committing the journal');
    expect(commit, 'the emit test above ran first and named the steps').toBeGreaterThan(0);
    for (let second = 1; second <= 12; second++) {
      const out = oldOutputWithUserFiles();
      expect(runEmit(out, commit + 3).signal).toBe('SIGKILL');
      const again = runEmit(out, second);
      expect(again.signal, again.stderr).toBe('SIGKILL');
      expectOldOrCommittedNew(out, `in the run after, ${/killed at step \d+, (.*)$/m.exec(again.stderr)?.[1]}`);
      await writeOutput(out, builds.newFiles, 'replace');
      expectNewOutput(out, `after two interrupted runs (the second killed at its step ${second})`);
    }
  }, 120_000);
});

describe('plan build killed part-way through writing its output', () => {
  it('is completed by the next plan build, whichever step it was killed at', async () => {
    const total = stepNames.length - 1;
    expect(total, 'the emit test above ran first and counted the steps').toBeGreaterThan(10);
    const commit = stepNames.indexOf('after committing the journal');
    const midWrite = stepNames.findIndex((n) => /^half-way through writing (?!the )/.test(n ?? ''));
    const chosen = [...new Set([1, midWrite, commit - 1, commit, Math.floor((commit + total) / 2), total])].filter((s) => s >= 1 && s <= total);
    for (const step of chosen) {
      const out = oldOutputWithUserFiles();
      const killed = await runPlan(['build', builds.newPlan, '--out', out], { env: { PLAN_FAULT: String(step) } });
      expect(killed.code, `plan build with PLAN_FAULT=${step}: ${killed.stderr}`).toBe(null);
      expectOldOrCommittedNew(out, stepNames[step]!);
      const interrupted = existsSync(join(out, JOURNAL));
      const next = await runPlan(['build', builds.newPlan, '--out', out]);
      expect(next.code, next.stderr).toBe(0);
      if (interrupted) expect(next.stderr).toContain('was interrupted; its output was put in place first');
      expectNewOutput(out, `after plan build was killed ${stepNames[step]}`);
    }
  }, 300_000);
});
