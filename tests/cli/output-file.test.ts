// `plan check -o FILE` (`--output-file`), as ESLint and Spectral have it: the report goes to the file,
// whole or not at all, and nothing else to stdout; the exit code is the run's.

import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPlan, fixture, hasStackTrace, makeTempDir, runPlan } from '../helpers/cli.js';

const BROKEN = fixture('broken');

describe('plan check --output-file', () => {
  it('writes the report to the file, prints nothing on stdout, and exits with the code of the run', async () => {
    const dir = makeTempDir();
    const result = await runPlan(['check', BROKEN, '--format', 'json', '--output-file', 'findings.json'], { cwd: dir });
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: '' });
    const report = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as { summary: unknown };
    expect(report.summary).toEqual({ errors: 4, warnings: 0 });
  });

  it('writes exactly what stdout would have had', async () => {
    const dir = makeTempDir();
    const printed = await runPlan(['check', BROKEN, '--format', 'sarif'], { cwd: dir });
    await runPlan(['check', BROKEN, '--format', 'sarif', '-o', 'plan.sarif'], { cwd: dir });
    expect(readFileSync(join(dir, 'plan.sarif'), 'utf8')).toBe(printed.stdout);
  });

  it('creates the folders above the file', async () => {
    const dir = makeTempDir();
    const result = await runPlan(['check', fixture('valid'), '-o', 'reports/plan/check.txt'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'reports', 'plan', 'check.txt'), 'utf8')).toMatch(/^✔ No problems found in /);
  });

  it('replaces an earlier report whole, keeping its mode, and leaves no temporary file beside it', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'findings.json'), 'an earlier, much longer report '.repeat(1000));
    chmodSync(join(dir, 'findings.json'), 0o640);
    await runPlan(['check', BROKEN, '-f', 'json', '-o', 'findings.json'], { cwd: dir });
    expect(JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8'))).toHaveProperty('diagnostics');
    expect(statSync(join(dir, 'findings.json')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['findings.json']);
  });

  it('writes through a symbolic link into the file it points to', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'report.json'), '');
    symlinkSync(join('real', 'report.json'), join(dir, 'link.json'));
    await runPlan(['check', BROKEN, '-f', 'json', '-o', 'link.json'], { cwd: dir });
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'real', 'report.json'), 'utf8'))).toHaveProperty('diagnostics');
  });

  it('writes no colour into the file, even with FORCE_COLOR', async () => {
    const dir = makeTempDir();
    await runPlan(['check', BROKEN, '-o', 'report.txt'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    const text = readFileSync(join(dir, 'report.txt'), 'utf8');
    expect(text).toContain('broken/metrics.yaml');
    expect(text).not.toContain('\u001b[');
  });

  it('still says on stderr why --max-warnings failed the run', async () => {
    const dir = makeTempDir();
    const result = await runPlan(['check', fixture('warnings-only'), '--max-warnings', '0', '-o', 'report.txt'], { cwd: dir });
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: 'plan: 2 warnings is more than --max-warnings 0.\n' });
  });

  it('refuses a folder (exit 2), writing nothing', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'reports'));
    const result = await runPlan(['check', BROKEN, '-o', 'reports'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.split('\n')[0]).toBe('plan: reports is a folder; give the name of a file to write the report to.');
    expect(readdirSync(join(dir, 'reports'))).toEqual([]);
  });

  it('refuses (exit 2) a path under a file, in plain words', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'notes.txt'), 'kept');
    const result = await runPlan(['check', BROKEN, '-o', 'notes.txt/report.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.stderr.split('\n')[0]).toMatch(/^plan: The report cannot be written to notes\.txt\/report\.json \(E[A-Z]+\)\.$/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('kept');
  });

  it('refuses (exit 2) a .yaml or .md file inside the plan folder, which the plan would read back', async () => {
    const plan = copyPlan(BROKEN);
    for (const name of ['findings.yaml', 'prose/findings.md']) {
      const result = await runPlan(['check', '-o', name], { cwd: plan });
      expect(result.code, name).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(`plan: ${name} is inside this plan folder, which would read it back as part of the plan.`);
      expect(existsSync(join(plan, name)), name).toBe(false);
    }
  });

  it('writes a report with another ending inside the plan folder', async () => {
    const plan = copyPlan(BROKEN);
    const result = await runPlan(['check', '-f', 'json', '-o', 'findings.json'], { cwd: plan });
    expect(result.code).toBe(1);
    expect(existsSync(join(plan, 'findings.json'))).toBe(true);
  });
});
