// plan build keeps the pages it rendered in the user's cache folder, and a later build into the same
// folder renders only the pages whose view changed: with output byte for byte as a build without it.

import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGE_CACHE_SUBFOLDER } from '../../src/render/page-cache-file.js';
import { copyPlan, fixture, makeTempDir, removeTempDirs, replaceOnce, repoRoot, runPlan, type CliResult } from '../helpers/cli.js';
import { filesUnder } from '../helpers/site-text.js';

afterAll(removeTempDirs);

const EMBEDDED = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');

/** Builds a plan with a page cache in `cache`, and says how many pages it rendered of how many (from its PLAN_DEBUG line). */
async function build(plan: string, out: string, cache: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<CliResult & { rendered?: number; pages?: number }> {
  const result = await runPlan(['build', plan, '--out', out, '--quiet', ...args], { env: { PLAN_CACHE_DIR: cache, PLAN_DEBUG: '1', ...env } });
  const counted = /^plan: page cache .*: rendered (\d+) of (\d+) pages$/m.exec(result.stderr);
  return { ...result, ...(counted ? { rendered: Number(counted[1]), pages: Number(counted[2]) } : {}) };
}

/** Builds a plan as a planner does, without PLAN_DEBUG, so stderr is what they see. */
function quietBuild(plan: string, out: string, cache: string, args: string[] = []): Promise<CliResult> {
  return runPlan(['build', plan, '--out', out, '--quiet', ...args], { env: { PLAN_CACHE_DIR: cache } });
}

/** Every file of an output folder, by path. */
function folderFiles(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((path) => [path, readFileSync(join(dir, path), 'latin1')]));
}

function cacheFiles(cache: string): string[] {
  const folder = join(cache, PAGE_CACHE_SUBFOLDER);
  return existsSync(folder) ? readdirSync(folder).map((name) => join(folder, name)) : [];
}

/** The one page-cache file in `cache`. */
function cacheFile(cache: string): string {
  const files = cacheFiles(cache);
  expect(files).toHaveLength(1);
  return files[0]!;
}

/** Whether the page cache keeps a file of the output: the pages, and plan.json. */
function kept(path: string): boolean {
  return /\.(md|html)$/.test(path) || path === 'plan.json';
}

/** A build without any cache into a folder of its own, to compare with. */
async function freshBuild(plan: string, args: string[] = []): Promise<Map<string, string>> {
  const out = join(makeTempDir(), 'site');
  expect((await runPlan(['build', plan, '--out', out, '--quiet', '--no-cache', ...args])).code).toBe(0);
  return folderFiles(out);
}

describe('the page cache of plan build', () => {
  it('lets a second build of the embedded plan render no page, with output byte-identical to a --no-cache build', async () => {
    const cache = makeTempDir();
    const out = join(makeTempDir(), 'site');
    const first = await build(EMBEDDED, out, cache);
    expect(first.code).toBe(0);
    expect(first.rendered).toBe(first.pages);
    expect(first.pages).toBeGreaterThan(50);
    const second = await build(EMBEDDED, out, cache);
    expect(second.code).toBe(0);
    expect(second.rendered).toBe(0);
    expect(second.pages).toBe(first.pages);
    expect(folderFiles(out)).toEqual(await freshBuild(EMBEDDED));
  });

  describe.each(readdirSync(join(repoRoot, 'tests', 'fixtures')).sort())('for the %s fixture', (name) => {
    it('gives the same output from its pages found as from a build without the cache', async () => {
      const fresh = join(makeTempDir(), 'site');
      const plain = await runPlan(['build', fixture(name), '--out', fresh, '--quiet', '--no-cache']);
      // A plan with errors writes only its gap report, which the page cache does not keep.
      if (plain.code !== 0) return;
      const cache = makeTempDir();
      const out = join(makeTempDir(), 'site');
      expect((await build(fixture(name), out, cache)).code).toBe(0);
      const second = await build(fixture(name), out, cache);
      expect(second.code).toBe(0);
      expect(second.rendered).toBe(0);
      expect(folderFiles(out)).toEqual(folderFiles(fresh));
    });
  });

  it('re-renders only the pages that show an edited objective, and they are as a fresh build makes them', async () => {
    const plan = copyPlan(EMBEDDED);
    const cache = makeTempDir();
    const out = join(makeTempDir(), 'site');
    expect((await build(plan, out, cache)).code).toBe(0);
    const before = folderFiles(out);
    replaceOnce(join(plan, 'objectives.yaml'), 'so that no less than 76% of patients are seen within four hours', 'so that no fewer than 76% of patients are seen within four hours');
    const second = await build(plan, out, cache);
    expect(second.code).toBe(0);
    const after = folderFiles(out);
    const changedPages = [...after].filter(([path, text]) => kept(path) && before.get(path) !== text).map(([path]) => path);
    expect(changedPages.length).toBeGreaterThan(0);
    expect(changedPages.every((path) => after.get(path)!.includes('no fewer than 76%'))).toBe(true);
    expect(changedPages).toContain('plan.json');
    expect(second.rendered).toBe(changedPages.length);
    expect(second.rendered).toBeLessThan(second.pages!);
    expect(after).toEqual(await freshBuild(plan));
  });

  it('re-renders the performance page whose chart shows an edited actual, and it is as a fresh build makes it', async () => {
    const plan = copyPlan(fixture('planning-year'));
    const cache = makeTempDir();
    const out = join(makeTempDir(), 'site');
    expect((await build(plan, out, cache)).code).toBe(0);
    const before = folderFiles(out);
    // A value only a chart, its data table and the latest position show.
    replaceOnce(join(plan, 'actuals', 'ae.csv'), 'riverside-hospitals,ae-4-hours,2024-04,73.8,', 'riverside-hospitals,ae-4-hours,2024-04,71.8,');
    const second = await build(plan, out, cache);
    expect(second.code).toBe(0);
    const after = folderFiles(out);
    const changedPages = [...after].filter(([path, text]) => kept(path) && before.get(path) !== text).map(([path]) => path);
    expect(changedPages.filter((path) => path.startsWith('performance/')).length).toBeGreaterThan(0);
    expect(changedPages.filter((path) => path.startsWith('performance/')).every((path) => after.get(path)!.includes(path.endsWith('.md') ? '71\\.8%' : '71.8%'))).toBe(true);
    expect(changedPages).toContain('plan.json');
    expect(second.rendered).toBe(changedPages.length);
    expect(after).toEqual(await freshBuild(plan));
  });

  it('keeps plan.json by every file the plan is compiled from, so a file renamed, added or edited makes it again', async () => {
    const plan = copyPlan(fixture('planning-year'));
    const cache = makeTempDir();
    const out = join(makeTempDir(), 'site');
    expect((await build(plan, out, cache)).code).toBe(0);
    const planJson = () => readFileSync(join(out, 'plan.json'), 'utf8');
    const changes: [string, () => void][] = [
      // Each source's location in plan.json names its file.
      ['a source renamed', () => renameSync(join(plan, 'trajectories.yaml'), join(plan, 'year.yaml'))],
      ['an actuals file added', () => writeFileSync(join(plan, 'actuals', 'more.csv'), 'target,organisation,period,value\nae-4-hours,valley-trust,2024-05,74.1\n')],
      ['an actuals file edited', () => replaceOnce(join(plan, 'actuals', 'more.csv'), '74.1', '74.2')],
    ];
    for (const [what, change] of changes) {
      const before = planJson();
      change();
      const again = await build(plan, out, cache);
      expect(again.code, what).toBe(0);
      expect(planJson(), what).not.toBe(before);
      expect(planJson(), what).toBe((await freshBuild(plan)).get('plan.json'));
      // Built once more unchanged, it is found, not made.
      expect((await build(plan, out, cache)).rendered, what).toBe(0);
    }
  });

  describe('renders every page again', () => {
    it('when the plan\'s own template changes', async () => {
      const plan = copyPlan(EMBEDDED);
      const template = join(plan, 'templates', 'html', 'index.hbs');
      mkdirSync(join(plan, 'templates', 'html'), { recursive: true });
      writeFileSync(template, `${readFileSync(join(repoRoot, 'templates', 'html', 'index.hbs'), 'utf8')}<p>First words</p>\n`);
      const cache = makeTempDir();
      const out = join(makeTempDir(), 'site');
      expect((await build(plan, out, cache)).code).toBe(0);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('First words');
      replaceOnce(template, 'First words', 'Second words');
      const second = await build(plan, out, cache);
      expect(second.code).toBe(0);
      expect(second.rendered).toBe(second.pages);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Second words');
      expect(folderFiles(out)).toEqual(await freshBuild(plan));
    });

    it('when the plan\'s words.yaml changes', async () => {
      const plan = copyPlan(EMBEDDED);
      const cache = makeTempDir();
      const out = join(makeTempDir(), 'site');
      expect((await build(plan, out, cache)).code).toBe(0);
      const builtIn = readFileSync(join(repoRoot, 'templates', 'words.yaml'), 'utf8');
      const [, key, value] = /^(\w+): (.+)$/m.exec(builtIn)!;
      mkdirSync(join(plan, 'templates'), { recursive: true });
      writeFileSync(join(plan, 'templates', 'words.yaml'), `${key}: ${JSON.stringify(`Our own ${value}`)}\n`);
      const second = await build(plan, out, cache);
      expect(second.code).toBe(0);
      expect(second.rendered).toBe(second.pages);
      expect(folderFiles(out)).toEqual(await freshBuild(plan));
    });

    it('when --allow-remote-images is given or left out', async () => {
      const cache = makeTempDir();
      const out = join(makeTempDir(), 'site');
      expect((await build(EMBEDDED, out, cache)).code).toBe(0);
      const allowed = await build(EMBEDDED, out, cache, ['--allow-remote-images']);
      expect(allowed.code).toBe(0);
      expect(allowed.rendered).toBe(allowed.pages);
      expect(folderFiles(out)).toEqual(await freshBuild(EMBEDDED, ['--allow-remote-images']));
      const again = await build(EMBEDDED, out, cache);
      expect(again.rendered).toBe(again.pages);
    });
  });

  it('is neither read nor written with --no-cache or PLAN_CACHE=0', async () => {
    const cache = makeTempDir();
    const out = join(makeTempDir(), 'site');
    for (const run of [() => build(EMBEDDED, out, cache, ['--no-cache']), () => build(EMBEDDED, out, cache, [], { PLAN_CACHE: '0' })]) {
      const result = await run();
      expect(result.code).toBe(0);
      expect(result.rendered).toBeUndefined();
      expect(cacheFiles(cache)).toEqual([]);
    }
    expect((await build(EMBEDDED, out, cache)).code).toBe(0);
    const file = cacheFile(cache);
    // A build that read the file would mark it used; one that wrote it would change it.
    const longAgo = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, longAgo, longAgo);
    const bytes = readFileSync(file);
    for (const run of [() => build(EMBEDDED, out, cache, ['--no-cache']), () => build(EMBEDDED, out, cache, [], { PLAN_CACHE: '0' })]) {
      expect((await run()).code).toBe(0);
      expect(statSync(file).mtimeMs).toBe(longAgo.getTime());
      expect(readFileSync(file).equals(bytes)).toBe(true);
    }
  });

  const damage: [string, (file: string) => void][] = [
    ['truncated', (file) => writeFileSync(file, readFileSync(file).subarray(0, Math.floor(statSync(file).size / 2)))],
    ['changed in one byte of a page', (file) => {
      const bytes = readFileSync(file);
      bytes[100] = bytes[100] === 0x41 ? 0x42 : 0x41;
      writeFileSync(file, bytes);
    }],
    ['not a page cache at all', (file) => writeFileSync(file, 'not pages\n12')],
    ['empty', (file) => writeFileSync(file, '')],
    ['another user\'s, or unreadable', (file) => {
      // Root reads any file, so as root the file is given to the user nobody instead.
      if (process.getuid?.() === 0) chownSync(file, 65534, 65534);
      else writeFileSync(file, readFileSync(file), { mode: 0o000 });
    }],
  ];
  it.each(damage)('ignores a page-cache file that is %s, and replaces it with a good one', async (_how, harm) => {
    const cache = makeTempDir();
    const out = join(makeTempDir(), 'site');
    expect((await build(EMBEDDED, out, cache)).code).toBe(0);
    const file = cacheFile(cache);
    harm(file);
    const result = await quietBuild(EMBEDDED, out, cache);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(folderFiles(out)).toEqual(await freshBuild(EMBEDDED));
    expect(cacheFile(cache)).toBe(file);
    expect((await build(EMBEDDED, out, cache)).rendered).toBe(0);
  });

  it('still refuses a plan template that is a link outside the plan, though the cache holds its page from before the link was made', async () => {
    const plan = copyPlan(EMBEDDED);
    const template = join(plan, 'templates', 'html', 'index.hbs');
    const text = readFileSync(join(repoRoot, 'templates', 'html', 'index.hbs'), 'utf8');
    mkdirSync(join(plan, 'templates', 'html'), { recursive: true });
    writeFileSync(template, text);
    const cache = makeTempDir();
    const out = join(makeTempDir(), 'site');
    expect((await build(plan, out, cache)).code).toBe(0);
    const outside = join(makeTempDir(), 'index.hbs');
    writeFileSync(outside, text);
    rmSync(template);
    symlinkSync(outside, template);
    const withoutCache = await quietBuild(plan, out, cache, ['--no-cache']);
    expect(withoutCache.code).toBe(2);
    expect(withoutCache.stderr).toContain('outside the plan folder');
    const withCache = await quietBuild(plan, out, cache);
    expect(withCache.code).toBe(2);
    expect(withCache.stderr).toBe(withoutCache.stderr);
  });
});
