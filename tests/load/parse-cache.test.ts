// The parse cache: an unchanged file is read back exactly as it was parsed, a changed one is parsed
// again, a damaged cache is ignored, and the cache can be switched off.

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/load/load-plan.js';
import { CACHE_SUBFOLDER, cacheFolder } from '../../src/load/parse-cache.js';
import { parseSource } from '../../src/load/parse-source.js';
import { compilePlan } from '../../src/pipeline.js';
import { exportPlan } from '../../src/render/plan-export.js';
import { copyInstallation, copyPlan, copyPlanForAnyone, fixture, makeTempDir, removeTempDirs, runPlan } from '../helpers/cli.js';

afterAll(removeTempDirs);

/** Every file in the cache folder. */
function entries(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('the parse cache', () => {
  let folder: string;
  const saved = { dir: process.env.PLAN_CACHE_DIR, on: process.env.PLAN_CACHE };

  beforeEach(() => {
    folder = makeTempDir('plan-cache-test-');
    process.env.PLAN_CACHE_DIR = folder;
    delete process.env.PLAN_CACHE;
  });
  afterEach(() => {
    if (saved.dir === undefined) delete process.env.PLAN_CACHE_DIR;
    else process.env.PLAN_CACHE_DIR = saved.dir;
    if (saved.on === undefined) delete process.env.PLAN_CACHE;
    else process.env.PLAN_CACHE = saved.on;
  });

  it('lives in a sub-folder of its own inside PLAN_CACHE_DIR when it is set, else inside the user\'s cache folder', () => {
    expect(cacheFolder({ PLAN_CACHE_DIR: '/x/y' })).toBe(join('/x/y', CACHE_SUBFOLDER));
    expect(cacheFolder({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'plan', CACHE_SUBFOLDER));
  });

  describe('clean-up of old entries', () => {
    const longAgo = new Date(Date.now() - 60 * 24 * 60 * 60 * 1000);
    /** A file of the user's, last changed 60 days ago. */
    const oldFile = (path: string, text = 'x') => {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      utimesSync(path, longAgo, longAgo);
      return path;
    };

    it('never removes a user\'s old files elsewhere in PLAN_CACHE_DIR, even in folders named like its own shards', async () => {
      const kept = [oldFile(join(folder, 'Docs', 't.txt')), oldFile(join(folder, 'ab', 'notes.json')), oldFile(join(folder, 'old.txt'))];
      await loadPlan(copyPlan(fixture('valid')));
      for (const path of kept) expect(existsSync(path), path).toBe(true);
    });

    it('removes only its own entries unused for a month, and never follows a symbolic link', async () => {
      const ownOld = oldFile(join(cacheFolder(), 'ab', `${'c'.repeat(62)}.json`), '{}');
      const strayName = oldFile(join(cacheFolder(), 'ab', 'readme.txt'));
      const outside = oldFile(join(makeTempDir('plan-cache-outside-'), 'victim', `${'d'.repeat(62)}.json`), '{}');
      symlinkSync(join(outside, '..'), join(cacheFolder(), 'cd'));
      await loadPlan(copyPlan(fixture('valid')));
      expect(existsSync(ownOld)).toBe(false);
      expect(existsSync(strayName)).toBe(true);
      expect(existsSync(outside)).toBe(true);
    });

    it('leaves a user\'s old file in PLAN_CACHE_DIR alone when run from the command line', async () => {
      const cache = makeTempDir('plan-cache-cli-');
      const file = oldFile(join(cache, 'Docs', 't.txt'));
      expect((await runPlan(['check', fixture('valid')], { env: { PLAN_CACHE_DIR: cache } })).code).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe('x');
    });
  });

  it('stores one entry per file, and gives back exactly what parsing gave', async () => {
    const plan = fixture('broken');
    const first = await loadPlan(plan);
    expect(entries(folder)).toHaveLength(first.files.length);
    const second = await loadPlan(plan);
    expect(JSON.parse(JSON.stringify(second.files))).toEqual(JSON.parse(JSON.stringify(first.files)));
    // What the cache gives back compiles to the same diagnostics and export as a fresh parse.
    const cold = await compilePlan(plan, { cache: false });
    const warm = await compilePlan(plan);
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    expect(exportPlan(warm.plan!)).toEqual(exportPlan(cold.plan!));
  });

  it('parses a file again when its text has changed', async () => {
    const plan = copyPlan(fixture('valid'));
    await loadPlan(plan);
    const path = join(plan, 'objectives.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/title: .*/, 'title: A new title'));
    const loaded = await loadPlan(plan);
    const objectives = loaded.files.find((f) => f.file === 'objectives.yaml')!;
    expect(JSON.stringify(objectives.value)).toContain('A new title');
  });

  it('ignores a damaged entry and parses the file', async () => {
    const plan = fixture('valid');
    await loadPlan(plan);
    for (const entry of entries(folder)) writeFileSync(entry, '{"not": "a parsed file"');
    const loaded = await loadPlan(plan);
    const fresh = readdirSync(plan).filter((f) => f.endsWith('.yaml')).sort()
      .map((f) => parseSource(readFileSync(join(plan, f), 'utf8'), f));
    expect(JSON.parse(JSON.stringify([...loaded.files].sort((a, b) => a.file.localeCompare(b.file))))).toEqual(JSON.parse(JSON.stringify(fresh.sort((a, b) => a.file.localeCompare(b.file)))));
  });

  it('does not cache a file holding a value JSON cannot keep (.nan), so it is always parsed', async () => {
    const plan = copyPlan(fixture('valid'));
    writeFileSync(join(plan, 'extra.yaml'), 'metrics:\n  - id: odd\n    name: Odd\n    target: .nan\n');
    await loadPlan(plan);
    const loaded = await loadPlan(plan);
    const extra = loaded.files.find((f) => f.file === 'extra.yaml')!;
    expect(Number.isNaN((extra.value as { metrics: { target: number }[] }).metrics[0]!.target)).toBe(true);
    expect(entries(folder)).toHaveLength(loaded.files.length - 1);
  });

  it('is switched off by PLAN_CACHE=0', async () => {
    process.env.PLAN_CACHE = '0';
    await loadPlan(fixture('valid'));
    expect(entries(folder)).toEqual([]);
  });

  it('is simply not used when plan may not even look into its folder', async () => {
    const cache = makeTempDir('plan-cache-closed-');
    // Root may look anywhere, so as root the run is made as the user nobody, for whom the folder is closed.
    const user = process.getuid?.() === 0 ? 65534 : undefined;
    chmodSync(cache, 0o700);
    if (user === undefined) chmodSync(cache, 0o000);
    // As another user, plan runs from a copy that user can read: the repository may be closed to them.
    const installation = copyInstallation();
    chmodSync(join(installation.lib, '..'), 0o755);
    const plan = copyPlanForAnyone(fixture('valid'));
    try {
      const result = await runPlan(['check', plan], { env: { PLAN_CACHE_DIR: cache }, user, launcher: installation.launcher });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    } finally {
      chmodSync(cache, 0o700);
    }
    expect(entries(cache)).toEqual([]);
  });

  it('is switched off by --no-cache on the command line', async () => {
    const cache = makeTempDir('plan-cache-cli-');
    const result = await runPlan(['check', fixture('valid'), '--no-cache'], { env: { PLAN_CACHE_DIR: cache } });
    expect(result.code).toBe(0);
    expect(entries(cache)).toEqual([]);
    const cached = await runPlan(['check', fixture('valid')], { env: { PLAN_CACHE_DIR: cache } });
    expect(cached.code).toBe(0);
    expect(entries(cache).length).toBeGreaterThan(0);
  });
});
