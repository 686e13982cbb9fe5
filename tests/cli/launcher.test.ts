// How bin/plan runs the bundled CLI: through V8's code cache of each bundle, made when plan is built and
// made again by a run that finds it missing, damaged or turned down by V8, and never a different answer
// or a word to the planner for it; and what the bundles find beside them in lib/.

import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyInstallation, copyPlan, copyPlanForAnyone, fixture, hasStackTrace, makeTempDir, repoRoot, runPlan, type Installation } from '../helpers/cli.js';

const BUILD_LENGTH = 32;
// A copy any user can read: one test runs plan as another user.
const CHECK = ['check', copyPlanForAnyone(fixture('warnings-only')), '--format', 'json'];

/** The name of the build a bundle of lib/ starts with. */
function buildOf(bundle: string): string {
  const name = /^"use strict";var PLAN_BUILD="([0-9a-f]{32})"/.exec(readFileSync(bundle, 'latin1'))?.[1];
  if (name === undefined) throw new Error(`${bundle} does not name its build`);
  return name;
}

/** `plan check` of the fixture as the repository's own CLI answers it. */
const expected = runPlan(CHECK);

/** Runs the check from an installation; expects the repository's answer, and not a word on stderr. */
async function checkAnswersAsBefore(installation: Installation, user?: number): Promise<void> {
  const run = await runPlan(CHECK, { launcher: installation.launcher, user });
  const before = await expected;
  expect(run.stderr).toBe('');
  expect(run.code).toBe(before.code);
  expect(run.stdout).toBe(before.stdout);
  expect(JSON.parse(run.stdout).summary.warnings).toBeGreaterThan(0);
}

/** What bin/plan says of the code cache under PLAN_DEBUG=1. */
async function cacheReport(installation: Installation, args = CHECK): Promise<string> {
  return (await runPlan(args, { launcher: installation.launcher, env: { PLAN_DEBUG: '1' } })).stderr;
}

describe('the code cache', () => {
  it('is made by the build beside each bundle, and starts with the name of the build, which the bundles share', () => {
    const lib = join(repoRoot, 'lib');
    const build = buildOf(join(lib, 'check.cjs'));
    expect(buildOf(join(lib, 'plan.cjs'))).toBe(build);
    expect(buildOf(join(lib, 'build.cjs'))).toBe(build);
    for (const name of ['check', 'build', 'plan']) {
      const cache = readFileSync(join(lib, `${name}.code-cache`));
      expect(cache.toString('latin1', 0, BUILD_LENGTH), name).toBe(build);
      expect(cache.length, name).toBeGreaterThan(100_000);
    }
  });

  it('is used by plan check, help and the version from the check\'s bundle, by plan build from its own, and by every other command from the whole CLI\'s', async () => {
    for (const args of [CHECK, ['--version'], ['help', 'build']]) {
      const run = await runPlan(args, { env: { PLAN_DEBUG: '1' } });
      expect(run.stderr, args.join(' ')).toBe(`plan: code cache ${join(repoRoot, 'lib', 'check.code-cache')}: used\n`);
    }
    const build = await runPlan(['build', copyPlan(fixture('warnings-only')), '--out', join(makeTempDir(), 'site'), '--quiet'], { env: { PLAN_DEBUG: '1' } });
    expect(build.code, build.stderr).toBe(0);
    // A build also says, after it, how many pages it rendered rather than found in the page cache.
    expect(build.stderr).toMatch(new RegExp(`^plan: code cache ${escapeRegExp(join(repoRoot, 'lib', 'build.code-cache'))}: used\\nplan: page cache .*: rendered \\d+ of \\d+ pages\\n$`));
    const schema = await runPlan(['schema'], { env: { PLAN_DEBUG: '1' } });
    expect(schema.code).toBe(0);
    expect(schema.stderr).toBe(`plan: code cache ${join(repoRoot, 'lib', 'plan.code-cache')}: used\n`);
  });

  it('is not needed: plan answers as before without it, and makes it again as the run ends', async () => {
    const installation = copyInstallation();
    const cache = join(installation.lib, 'check.code-cache');
    rmSync(cache);
    await checkAnswersAsBefore(installation);
    expect(readFileSync(cache).toString('latin1', 0, BUILD_LENGTH)).toBe(buildOf(join(installation.lib, 'check.cjs')));
    expect(await cacheReport(installation)).toBe(`plan: code cache ${cache}: used\n`);
  });

  it('of random bytes is not read: plan answers as before, and replaces it', async () => {
    const installation = copyInstallation();
    const cache = join(installation.lib, 'check.code-cache');
    writeFileSync(cache, randomBytes(50_000));
    expect(await cacheReport(installation)).toBe(`plan: code cache ${cache}: none for this build\nplan: code cache ${cache}: made again\n`);
    await checkAnswersAsBefore(installation);
    expect(await cacheReport(installation)).toBe(`plan: code cache ${cache}: used\n`);
  });

  it('that V8 turns down (here the cache of the other bundle) is replaced, and plan answers as before', async () => {
    const installation = copyInstallation();
    const cache = join(installation.lib, 'check.code-cache');
    writeFileSync(cache, readFileSync(join(installation.lib, 'plan.code-cache')));
    const turnedDown = await runPlan(CHECK, { launcher: installation.launcher, env: { PLAN_DEBUG: '1' } });
    expect(turnedDown.stderr).toBe(`plan: code cache ${cache}: turned down by V8\nplan: code cache ${cache}: made again\n`);
    expect(turnedDown.stdout).toBe((await expected).stdout);
    expect(await cacheReport(installation)).toBe(`plan: code cache ${cache}: used\n`);
    await checkAnswersAsBefore(installation);
  });

  it('is not written, nor anything else, into a lib/ plan cannot write: plan answers as before and says nothing', async () => {
    const installation = copyInstallation();
    rmSync(join(installation.lib, 'check.code-cache'));
    const files = readdirSync(installation.lib).sort();
    // Root may write anywhere, so as root the run is made as the user nobody.
    const user = process.getuid?.() === 0 ? 65534 : undefined;
    const root = join(installation.lib, '..');
    for (const folder of [root, join(root, 'bin')]) chmodSync(folder, 0o755);
    chmodSync(installation.lib, 0o555);
    try {
      await checkAnswersAsBefore(installation, user);
      expect(readdirSync(installation.lib).sort()).toEqual(files);
    } finally {
      chmodSync(installation.lib, 0o755);
    }
  });
});

describe('the bundled CLI', () => {
  it('says in plain words that it is missing, when lib/ has not been built', async () => {
    const installation = copyInstallation();
    rmSync(installation.lib, { recursive: true });
    for (const args of [CHECK, ['build']]) {
      const run = await runPlan(args, { launcher: installation.launcher });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('plan: the compiled CLI is missing; run `npm install` or `npm run build` first.\n');
      expect(hasStackTrace(run.stderr)).toBe(false);
    }
  });

  it('shares the parse cache between plan check and plan build, which run from different bundles', async () => {
    const cacheDir = makeTempDir('plan-shared-cache-');
    const entries = (): string[] => readdirSync(cacheDir, { recursive: true }).map(String).filter((name) => name.endsWith('.json')).sort();
    const plan = fixture('warnings-only');
    expect((await runPlan(['check', plan], { env: { PLAN_CACHE_DIR: cacheDir } })).code).toBe(0);
    const written = entries();
    expect(written.length).toBeGreaterThan(3);
    expect((await runPlan(['build', plan, '--out', join(makeTempDir(), 'site'), '--quiet'], { env: { PLAN_CACHE_DIR: cacheDir } })).code).toBe(0);
    expect(entries()).toEqual(written);
  });

  it('keys the parse cache by its build, so plan built from other code never reads an older build\'s entries', async () => {
    const cacheDir = makeTempDir('plan-rebuilt-cache-');
    const entries = (): number => readdirSync(cacheDir, { recursive: true }).map(String).filter((name) => name.endsWith('.json')).length;
    const plan = fixture('warnings-only');
    await runPlan(['check', plan], { env: { PLAN_CACHE_DIR: cacheDir } });
    const first = entries();
    const installation = copyInstallation();
    const bundle = join(installation.lib, 'check.cjs');
    const source = readFileSync(bundle, 'latin1');
    writeFileSync(bundle, source.replace(buildOf(bundle), 'f'.repeat(BUILD_LENGTH)), 'latin1');
    await runPlan(['check', plan], { launcher: installation.launcher, env: { PLAN_CACHE_DIR: cacheDir } });
    expect(entries()).toBe(2 * first);
  });

  it.skipIf(availableParallelism() < 2)('parses a big plan on worker threads that it starts from lib/parse-worker.js', async () => {
    const installation = copyInstallation();
    // The copy's worker notes that it started, then is the real one.
    renameSync(join(installation.lib, 'parse-worker.js'), join(installation.lib, 'parse-worker-real.js'));
    const log = join(makeTempDir(), 'workers.log');
    writeFileSync(join(installation.lib, 'parse-worker.js'), `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, 'started\\n');\nawait import('./parse-worker-real.js');\n`);
    // Workers start for 1.5 MB of YAML or more, in two files or more: long comments make it so.
    const plan = copyPlan(fixture('warnings-only'));
    for (const file of ['objectives.yaml', 'portfolios.yaml']) appendFileSync(join(plan, file), `${'# padding to make the plan big enough for worker threads\n'.repeat(15_000)}`);
    const args = ['check', plan, '--format', 'json', '--no-cache'];
    const onOneThread = await runPlan(args, { env: { PLAN_WORKERS: '0' } });
    const withWorkers = await runPlan(args, { launcher: installation.launcher });
    expect(withWorkers.stderr).toBe('');
    expect(withWorkers.stdout).toBe(onOneThread.stdout);
    expect(readFileSync(log, 'utf8')).toMatch(/^(started\n)+$/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
