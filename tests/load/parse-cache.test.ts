// The parse cache: an unchanged file is read back exactly as it was parsed, a changed one is parsed
// again, a damaged cache is ignored, and the cache can be switched off.

import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/load/load-plan.js';
import { MemoryParseCache } from '../../src/load/memory-cache.js';
import { CACHE_SUBFOLDER, cacheFolder, openParseCache } from '../../src/load/parse-cache.js';
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

/** Gives each test of the suite a cache folder of its own, with the cache on; returns the current one. */
function eachWithCacheFolder(prefix: string): () => string {
  let folder = '';
  const saved = { dir: process.env.PLAN_CACHE_DIR, on: process.env.PLAN_CACHE };
  beforeEach(() => {
    folder = makeTempDir(prefix);
    process.env.PLAN_CACHE_DIR = folder;
    delete process.env.PLAN_CACHE;
  });
  afterEach(() => {
    if (saved.dir === undefined) delete process.env.PLAN_CACHE_DIR;
    else process.env.PLAN_CACHE_DIR = saved.dir;
    if (saved.on === undefined) delete process.env.PLAN_CACHE;
    else process.env.PLAN_CACHE = saved.on;
  });
  return () => folder;
}

describe('the parse cache', () => {
  const cacheDir = eachWithCacheFolder('plan-cache-test-');
  let folder: string;
  beforeEach(() => {
    folder = cacheDir();
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

/** An entry of the cache, as far as these tests look into it. */
interface Entry {
  file: string;
  model?: Record<string, Record<string, unknown>[]>;
}

describe('what validation made of a file, kept beside its parse', () => {
  const cacheDir = eachWithCacheFolder('plan-model-cache-test-');

  /** Each entry, by the file it is of. */
  function entriesByFile(): Map<string, { path: string; entry: Entry }> {
    return new Map(entries(cacheDir()).map((path) => {
      const entry = JSON.parse(readFileSync(path, 'utf8')) as Entry;
      return [entry.file, { path, entry }];
    }));
  }

  /** Rewrites the entry of `file` after `change` has had its way with it. */
  function changeEntry(file: string, change: (entry: Entry) => void): void {
    const found = entriesByFile().get(file)!;
    change(found.entry);
    writeFileSync(found.path, JSON.stringify(found.entry));
  }

  it('is kept for each file that broke no rule of the language, and not for the manifest nor a file with a fault', async () => {
    await compilePlan(fixture('broken'));
    const kept = entriesByFile();
    expect(kept.size).toBe(7);
    expect(kept.get('metrics.yaml')!.entry.model).toBeUndefined(); // a schema error
    expect(kept.get('plan.yaml')!.entry.model).toBeUndefined();
    // A finding of a rule or of linking is about the plan, not the file's language: the model is kept.
    expect(Object.keys(kept.get('objectives.yaml')!.entry.model!)).toEqual(['objectives']);
    expect(Object.keys(kept.get('more-actions.yaml')!.entry.model!)).toEqual(['actions']);
    // It is the items as the schemas gave them: the defaults filled in, without their places in the file.
    const objective = kept.get('objectives.yaml')!.entry.model!.objectives![0]!;
    expect(objective).not.toHaveProperty('at');
  });

  it('is what the next run reads, in place of validating the file again', async () => {
    const plan = fixture('valid');
    await compilePlan(plan);
    changeEntry('objectives.yaml', (entry) => { entry.model!.objectives![0]!.title = 'Read from the cache'; });
    const warm = await compilePlan(plan);
    const objective = warm.plan!.objectives.find((o) => o.id === 'gp-access')!;
    expect(objective.item.title).toBe('Read from the cache');
    // Its place is worked out from the parse, as a validated item's is.
    const cold = await compilePlan(plan, { cache: false });
    expect(objective.item.at).toEqual(cold.plan!.objectives.find((o) => o.id === 'gp-access')!.item.at);
  });

  it('gives a run the same plan and findings as validating every file again, on plans of every shape', async () => {
    for (const name of ['valid', 'broken', 'planning-year', 'place-boards', 'hundreds', 'warnings-only']) {
      const plan = fixture(name);
      const cold = await compilePlan(plan, { cache: false });
      await compilePlan(plan);
      expect([...entriesByFile().values()].some((found) => found.entry.model !== undefined), name).toBe(true);
      const warm = await compilePlan(plan);
      expect(warm.diagnostics, name).toEqual(cold.diagnostics);
      expect(exportPlan(warm.plan!), name).toEqual(exportPlan(cold.plan!));
    }
  });

  it('is not read when it does not fit the file, which is then validated', async () => {
    const plan = fixture('valid');
    const cold = await compilePlan(plan, { cache: false });
    const damages: [string, (entry: Entry) => void][] = [
      ['an item too few', (entry) => { entry.model!.objectives!.pop(); }],
      ['a collection the file does not have', (entry) => { entry.model!.actions = [{ id: 'not-in-the-file', title: 'Not in the file' }]; }],
      ['a collection missing', (entry) => { delete entry.model!.objectives; }],
      ['an item that is not a mapping', (entry) => { (entry.model!.objectives as unknown[])[0] = 'an objective'; }],
      ['not a mapping at all', (entry) => { (entry as { model: unknown }).model = ['objectives']; }],
    ];
    for (const [what, damage] of damages) {
      await compilePlan(plan);
      changeEntry('objectives.yaml', damage);
      const warm = await compilePlan(plan);
      expect(warm.diagnostics, what).toEqual(cold.diagnostics);
      expect(exportPlan(warm.plan!), what).toEqual(exportPlan(cold.plan!));
      for (const path of entries(cacheDir())) rmSync(path);
    }
  });

  it('is not read from an entry that is a link, nor from one another user owns', async () => {
    const plan = fixture('valid');
    await compilePlan(plan);
    changeEntry('objectives.yaml', (entry) => { entry.model!.objectives![0]!.title = 'Someone else\'s title'; });
    const { path } = entriesByFile().get('objectives.yaml')!;
    const title = async () => (await compilePlan(plan)).plan!.objectives.find((o) => o.id === 'gp-access')!.item.title;
    expect(await title()).toBe('Someone else\'s title'); // the user's own entry is read
    const elsewhere = join(makeTempDir(), 'entry.json');
    writeFileSync(elsewhere, readFileSync(path));
    rmSync(path);
    symlinkSync(elsewhere, path);
    expect(await title()).toBe('More GP appointments');
    if (process.getuid?.() === 0) {
      rmSync(path);
      writeFileSync(path, readFileSync(elsewhere));
      chownSync(path, 65534, 65534);
      expect(await title()).toBe('More GP appointments');
    }
  });

  it('is read once: a parse held in memory by plan serve is validated again for the next build, which comes out the same', async () => {
    const plan = fixture('planning-year');
    await compilePlan(plan);
    const memory = new MemoryParseCache(openParseCache(true));
    const first = await compilePlan(plan, { parseCache: memory });
    const second = await compilePlan(plan, { parseCache: memory });
    expect(memory.misses).toBe(0);
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(exportPlan(second.plan!)).toEqual(exportPlan(first.plan!));
    // The second build's items are its own, not the objects the first build's phases were given.
    expect(second.plan!.objectives[0]!.item).not.toBe(first.plan!.objectives[0]!.item);
  });
});
