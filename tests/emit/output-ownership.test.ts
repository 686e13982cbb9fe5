// What `plan build` may touch in its output folder: only the files its `.plan-build` manifest lists,
// and only while they hold what plan wrote. Everything else there is the user's and survives every
// build; the folder itself (a link, a mount point, its owner and mode) is written into, never replaced.

import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPlan, fixture, hasStackTrace, makeTempDir, runPlan } from '../helpers/cli.js';
import { onlyManifestLeft, readTree } from './output-trees.js';

const valid = fixture('valid');
const freshOut = () => join(makeTempDir('plan-out-'), 'site');
const build = (out: string, plan = valid, ...flags: string[]) => runPlan(['build', plan, '--out', out, ...flags]);

describe('the .plan-build manifest', () => {
  it('lists every file the build wrote with the sha256 of its content', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, '.plan-build'), 'utf8')) as { format: string; files: Record<string, string> };
    expect(manifest.format).toBe('plan-build/1');
    const written = [...readTree(out).keys()].filter((p) => p !== '.plan-build');
    expect(Object.keys(manifest.files)).toEqual(written.sort());
    const { createHash } = await import('node:crypto');
    for (const [path, hash] of Object.entries(manifest.files)) expect(createHash('sha256').update(readFileSync(join(out, path))).digest('hex'), path).toBe(hash);
  });
});

describe('files the user adds to the output folder', () => {
  it('keeps a CNAME file and a userstuff/ folder in place across a rebuild', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    writeFileSync(join(out, 'CNAME'), 'plan.example.nhs.uk\n');
    mkdirSync(join(out, 'userstuff', 'deep'), { recursive: true });
    writeFileSync(join(out, 'userstuff', 'deep', 'notes.txt'), 'ours');
    writeFileSync(join(out, 'assets', 'our-logo.svg'), '<svg/>');
    const result = await build(out);
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'CNAME'), 'utf8')).toBe('plan.example.nhs.uk\n');
    expect(readFileSync(join(out, 'userstuff', 'deep', 'notes.txt'), 'utf8')).toBe('ours');
    expect(readFileSync(join(out, 'assets', 'our-logo.svg'), 'utf8')).toBe('<svg/>');
    expect(result.stderr).not.toContain('CNAME');
  });

  it('moves a file the user changed after plan wrote it aside to <name>.kept, and says so', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const fresh = readFileSync(join(out, 'index.md'));
    writeFileSync(join(out, 'index.md'), 'my own front page\n');
    const result = await build(out);
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'index.md.kept'), 'utf8')).toBe('my own front page\n');
    expect(readFileSync(join(out, 'index.md')).equals(fresh)).toBe(true);
    expect(result.stderr).toContain('index.md was changed after plan wrote it: it is kept as');
    expect(result.stderr).toContain('index.md.kept');
  });

  it('keeps a changed file that the new build no longer makes, and drops it from the manifest', async () => {
    const plan = copyPlan(valid);
    const portfolios = readFileSync(join(plan, 'portfolios.yaml'), 'utf8');
    writeFileSync(join(plan, 'portfolios.yaml'), `${portfolios}  - id: mental-health\n    name: Mental health\n    priorities: [access]\n`);
    const out = freshOut();
    expect((await build(out, plan)).code).toBe(0);
    writeFileSync(join(out, 'portfolios', 'mental-health.md'), 'notes on the old page\n');
    writeFileSync(join(plan, 'portfolios.yaml'), portfolios);
    const result = await build(out, plan);
    expect(result.code).toBe(0);
    expect(existsSync(join(out, 'portfolios', 'mental-health.html'))).toBe(false); // unchanged: plan's to remove
    expect(readFileSync(join(out, 'portfolios', 'mental-health.md'), 'utf8')).toBe('notes on the old page\n');
    expect(result.stderr).toContain('mental-health.md was changed after plan wrote it: it is kept as it is');
    const manifest = JSON.parse(readFileSync(join(out, '.plan-build'), 'utf8')) as { files: Record<string, string> };
    expect(manifest.files['portfolios/mental-health.md']).toBeUndefined();
  });

  it('gives a .plan-build copied into a folder of the user\'s no right to delete or replace anything there', async () => {
    const built = freshOut();
    expect((await build(built)).code).toBe(0);
    const out = freshOut();
    mkdirSync(join(out, 'portfolios'), { recursive: true });
    writeFileSync(join(out, 'index.html'), '<p>the user\'s own page</p>');
    writeFileSync(join(out, 'portfolios', 'digital.md'), 'the user\'s notes');
    writeFileSync(join(out, 'budget.xlsx'), 'numbers');
    writeFileSync(join(out, '.plan-build'), readFileSync(join(built, '.plan-build')));
    const result = await build(out);
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'index.html.kept'), 'utf8')).toBe('<p>the user\'s own page</p>');
    expect(readFileSync(join(out, 'portfolios', 'digital.md.kept'), 'utf8')).toBe('the user\'s notes');
    expect(readFileSync(join(out, 'budget.xlsx'), 'utf8')).toBe('numbers');
    expect(result.stderr).toContain('index.html was changed after plan wrote it: it is kept as');
  });

  it('treats an older plan\'s text marker as listing nothing, so every file is kept', async () => {
    const out = freshOut();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, '.plan-build'), 'This folder is written by `plan build` and replaced whole by each build.\n');
    writeFileSync(join(out, 'summary.html'), 'an old summary');
    expect((await build(out)).code).toBe(0);
    expect(readFileSync(join(out, 'summary.html.kept'), 'utf8')).toBe('an old summary');
  });

  it('moves aside a folder named .plan-build rather than fail on it at every build', async () => {
    const out = freshOut();
    mkdirSync(join(out, '.plan-build'), { recursive: true });
    writeFileSync(join(out, '.plan-build', 'notes.txt'), 'notes');
    const result = await build(out);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(out, '.plan-build.kept', 'notes.txt'), 'utf8')).toBe('notes');
    expect(JSON.parse(readFileSync(join(out, '.plan-build'), 'utf8')).format).toBe('plan-build/1');
  });

  it('never writes through a symbolic link inside the output folder: the link is moved aside', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const elsewhere = makeTempDir('plan-elsewhere-');
    writeFileSync(join(elsewhere, 'plan.css'), 'not plan\'s');
    rmSync(join(out, 'assets'), { recursive: true });
    symlinkSync(elsewhere, join(out, 'assets'));
    expect((await build(out)).code).toBe(0);
    expect(readFileSync(join(elsewhere, 'plan.css'), 'utf8')).toBe('not plan\'s');
    expect(lstatSync(join(out, 'assets.kept')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(out, 'assets')).isDirectory()).toBe(true);
  });

  it('with errors, leaves no temporary file in the output folder, even when a folder of the user\'s is in the gap report\'s place', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    rmSync(join(out, 'gaps.html'));
    mkdirSync(join(out, 'gaps.html'));
    writeFileSync(join(out, 'gaps.html', 'mine.txt'), 'mine');
    const broken = copyPlan(valid);
    const objectives = readFileSync(join(broken, 'objectives.yaml'), 'utf8');
    writeFileSync(join(broken, 'objectives.yaml'), objectives.replace(/^(\s*)portfolio: .*$/m, ''));
    expect((await build(out, broken)).code).toBe(1);
    expect(onlyManifestLeft(out)).toBe(true);
    expect(readdirSync(out, { recursive: true }).filter((n) => String(n).includes('tmp'))).toEqual([]);
    expect(readFileSync(join(out, 'gaps.html.kept', 'mine.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'gaps.html'), 'utf8')).toContain('the other documents were not rebuilt');
  });
});

describe('the output folder itself', () => {
  it('writes through a symbolic link given as --out into its target, and leaves the link a link', async () => {
    const target = freshOut();
    expect((await build(target)).code).toBe(0);
    const link = join(makeTempDir('plan-link-'), 'site');
    symlinkSync(target, link);
    const plan = copyPlan(valid);
    writeFileSync(join(plan, 'plan.yaml'), readFileSync(join(plan, 'plan.yaml'), 'utf8').replace('system: Tiny ICS', 'system: Tiny ICS, renamed'));
    expect((await build(link, plan)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(target, 'index.md'), 'utf8')).toContain('Tiny ICS, renamed');
  });

  it('keeps an existing folder\'s owner, group and mode (2770)', async () => {
    const out = freshOut();
    mkdirSync(out);
    chmodSync(out, 0o2770);
    const canChown = process.getuid?.() === 0;
    if (canChown) chownSync(out, 1234, 1234);
    expect((await build(out)).code).toBe(0);
    const stats = statSync(out);
    expect(stats.mode & 0o7777).toBe(0o2770);
    if (canChown) expect([stats.uid, stats.gid]).toEqual([1234, 1234]);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('leaves alone the user\'s items beside the folder named like an older plan\'s temporaries', async () => {
    const out = freshOut();
    const beside = join(out, '..');
    mkdirSync(join(beside, '.site.plan-tmp-42'), { recursive: true });
    writeFileSync(join(beside, '.site.plan-tmp-42', 'draft.md'), 'draft');
    writeFileSync(join(beside, '.site.plan-old-7'), 'old notes');
    expect((await build(out)).code).toBe(0);
    expect((await build(out)).code).toBe(0);
    expect(readFileSync(join(beside, '.site.plan-tmp-42', 'draft.md'), 'utf8')).toBe('draft');
    expect(readFileSync(join(beside, '.site.plan-old-7'), 'utf8')).toBe('old notes');
  });

  it('builds into a mount point, which cannot be renamed', async () => {
    const out = freshOut();
    mkdirSync(out);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'plan-test', out]);
    if (mounted.status !== 0) {
      // Without permission to mount, the test cannot make its mount point; say so rather than pass.
      expect.soft(mounted.status, `mount failed: ${mounted.stderr}`).toBe(0);
      return;
    }
    try {
      expect((await build(out)).code).toBe(0);
      const again = await build(out);
      expect(again.code, again.stderr).toBe(0);
      expect(existsSync(join(out, 'index.html'))).toBe(true);
    } finally {
      spawnSync('umount', [out]);
    }
  });
});

describe('two builds into the same folder', () => {
  it('run one after the other: both succeed and the folder holds one complete build', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const before = readTree(out);
    const [first, second] = await Promise.all([build(out), build(out)]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const after = readTree(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);
  });

  it('the second waits while the first holds the lock, then writes its output', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const before = readFileSync(join(out, 'index.md'), 'utf8');
    const plan = copyPlan(valid);
    writeFileSync(join(plan, 'plan.yaml'), readFileSync(join(plan, 'plan.yaml'), 'utf8').replace('system: Tiny ICS', 'system: Tiny ICS, rebuilt'));
    // This test process stands in for a first build that is still writing: its process is alive.
    writeFileSync(join(out, '.plan-build.lock'), JSON.stringify({ format: 'plan-build-lock/1', host: hostname(), pid: process.pid, id: 'fedcba9876543210' }));
    let finished = false;
    const second = build(out, plan).then((result) => {
      finished = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(finished, 'the second build finished while the lock was held').toBe(false);
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toBe(before);
    rmSync(join(out, '.plan-build.lock'));
    const result = await second;
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain('Tiny ICS, rebuilt');
    expect(onlyManifestLeft(out)).toBe(true);
  });

  it('a lock left by a build that died does not block the next build', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(out, '.plan-build.lock'), JSON.stringify({ format: 'plan-build-lock/1', host: hostname(), pid: Number(dead.stdout), id: '0123456789abcdef' }));
    const result = await build(out);
    expect(result.code, result.stderr).toBe(0);
    expect(onlyManifestLeft(out)).toBe(true);
  });
});

describe('an output path that cannot be used', () => {
  it('--out under a file: exit 2 with a plain message, not an internal error', async () => {
    const dir = makeTempDir('plan-file-parent-');
    writeFileSync(join(dir, 'afile.txt'), 'x');
    const result = await build(join(dir, 'afile.txt', 'sub'));
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('internal error');
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.stderr).toContain('afile.txt is a file, not a folder');
  });

  it('a 300-character folder name: exit 2 with a plain message, not an internal error', async () => {
    const result = await build(join(makeTempDir('plan-long-'), 'x'.repeat(300)));
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain('name in that path is too long');
  });

  it('--out inside the plan folder: exit 2, as the next build would read it back', async () => {
    const plan = copyPlan(valid);
    const result = await build(join(plan, 'prose'), plan);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is inside the plan folder');
    expect(existsSync(join(plan, 'prose'))).toBe(false);
  });

  it('the plan\'s own dist/ folder is allowed: plan never reads it', async () => {
    const plan = copyPlan(valid);
    const result = await runPlan(['build', '--quiet'], { cwd: plan });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(plan, 'dist', 'tiny-ics', 'index.html'))).toBe(true);
    expect((await runPlan(['check'], { cwd: plan })).code).toBe(0);
  });
});

describe('a rebuild', () => {
  it('leaves a file whose content has not changed where it is, and replaces one that has', async () => {
    const plan = copyPlan(valid);
    const out = freshOut();
    expect((await build(out, plan)).code).toBe(0);
    const before = (path: string) => ({ ino: statSync(join(out, path)).ino, mtimeMs: statSync(join(out, path)).mtimeMs });
    const unchanged = before('assets/plan.css');
    const index = before('index.md');
    const manifestText = readFileSync(join(plan, 'plan.yaml'), 'utf8');
    writeFileSync(join(plan, 'plan.yaml'), manifestText.replace('statement: People in Tiny live longer, healthier lives.', 'statement: People in Tiny live longer, healthier lives (revised).'));
    expect((await build(out, plan)).code).toBe(0);
    expect(before('assets/plan.css')).toEqual(unchanged);
    expect(before('index.md').ino).not.toBe(index.ino);
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain('(revised)');
    expect(onlyManifestLeft(out)).toBe(true);
  });

  it('replaces an unchanged file that the user has edited since, keeping their copy aside', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const fresh = readFileSync(join(out, 'assets', 'plan.css'));
    writeFileSync(join(out, 'assets', 'plan.css'), 'body { color: hotpink }\n');
    const result = await build(out);
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'assets', 'plan.css'))).toEqual(fresh);
    expect(readFileSync(join(out, 'assets', 'plan.css.kept'), 'utf8')).toBe('body { color: hotpink }\n');
  });

  it('replaces an unchanged file that the user has edited to the same size, one byte in the middle of a large one', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const path = join(out, 'assets', 'nhsuk-frontend.min.css');
    const fresh = readFileSync(path);
    expect(fresh.length).toBeGreaterThan(100_000);
    const edited = Buffer.from(fresh);
    const middle = fresh.length >> 1;
    edited[middle] = edited[middle] === 0x20 ? 0x0a : 0x20;
    writeFileSync(path, edited);
    expect((await build(out)).code).toBe(0);
    expect(readFileSync(path).equals(fresh)).toBe(true);
    expect(readFileSync(`${path}.kept`).equals(edited)).toBe(true);
  });

  it('replaces an unchanged file that the user has replaced by a link to a copy of itself', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const path = join(out, 'assets', 'plan.css');
    const copy = join(makeTempDir('plan-elsewhere-'), 'plan.css');
    cpSync(path, copy);
    rmSync(path);
    symlinkSync(copy, path);
    expect((await build(out)).code).toBe(0);
    expect(lstatSync(path).isFile()).toBe(true);
    expect(lstatSync(`${path}.kept`).isSymbolicLink()).toBe(true);
  });

  it('never reads an unchanged file through a folder the user replaced with a link', async () => {
    const out = freshOut();
    expect((await build(out)).code).toBe(0);
    const elsewhere = makeTempDir('plan-elsewhere-');
    cpSync(join(out, 'assets'), elsewhere, { recursive: true });
    rmSync(join(out, 'assets'), { recursive: true });
    symlinkSync(elsewhere, join(out, 'assets'));
    expect((await build(out)).code).toBe(0);
    expect(lstatSync(join(out, 'assets')).isDirectory()).toBe(true);
    expect(lstatSync(join(out, 'assets.kept')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(out, 'assets', 'plan.css'))).toBe(true);
    expect(readFileSync(join(elsewhere, 'plan.css'))).toEqual(readFileSync(join(out, 'assets', 'plan.css')));
  });
});
