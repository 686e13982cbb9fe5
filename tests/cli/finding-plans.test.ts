// How every command finds its plans, as ESLint finds its configuration: from a subfolder of a plan, up to
// its plan.yaml; from a folder above plans, all of them; several folders in one call, each of them.
// `check` and `build` take several plans; `trace` and `export` need exactly one and say so.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPlan, fixture, makeTempDir, runPlan, stylishFindings } from '../helpers/cli.js';

/** A repository holding plans/north (valid), plans/south (broken) and plans/east (warnings only), each with an empty prose/ folder. */
function repository(): string {
  const root = makeTempDir();
  copyPlan(fixture('valid'), join(root, 'plans', 'north'));
  copyPlan(fixture('broken'), join(root, 'plans', 'south'));
  copyPlan(fixture('warnings-only'), join(root, 'plans', 'east'));
  for (const plan of ['north', 'south', 'east']) mkdirSync(join(root, 'plans', plan, 'prose'));
  return root;
}

describe('from a subfolder of a plan', () => {
  it('check walks up to the folder holding plan.yaml', async () => {
    const root = repository();
    const result = await runPlan(['check'], { cwd: join(root, 'plans', 'east', 'prose') });
    expect(result.code).toBe(0);
    // The plan's files are outside the working folder, so they are given as absolute paths.
    expect(stylishFindings(result.stdout).map((f) => f.file)).toEqual([join(root, 'plans/east/objectives.yaml'), join(root, 'plans/east/objectives.yaml')]);
  });

  it('trace and export find the same plan', async () => {
    const root = repository();
    const trace = await runPlan(['trace', 'gp-access'], { cwd: join(root, 'plans', 'north', 'prose') });
    expect(trace.code).toBe(0);
    expect(trace.stdout.split("\n")[0]).toBe(`National objective "More GP appointments" (\`gp-access\`)  ${join(root, "plans/north/objectives.yaml")}:2:5`);
    const exported = await runPlan(['export'], { cwd: join(root, 'plans', 'north', 'prose') });
    expect(JSON.parse(exported.stdout)).toMatchObject({ plan: { id: 'tiny-ics' } });
  });
});

describe('plan check of several plans', () => {
  it('from the repository root checks every plan under ./plans and exits with the worst code', async () => {
    const result = await runPlan(['check'], { cwd: repository() });
    expect(result.code).toBe(1);
    expect(new Set(stylishFindings(result.stdout).map((f) => f.file.split('/').slice(0, 2).join('/')))).toEqual(new Set(['plans/east', 'plans/south']));
  });

  it('given as several folders (plan check plans/*) checks each', async () => {
    const root = repository();
    const result = await runPlan(['check', 'plans/east', 'plans/north'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ No problems found in plans/north.\n');
    expect(result.stdout).toContain('⚠ 2 problems in plans/east (0 errors, 2 warnings)\n');
  });

  it('in stylish, names each plan with its counts, then one summary of all', async () => {
    const result = await runPlan(['check'], { cwd: repository() });
    const summaries = result.stdout.split('\n').filter((line) => /^[✔✖⚠] /.test(line));
    expect(summaries).toEqual([
      '⚠ 2 problems in plans/east (0 errors, 2 warnings)',
      '✔ No problems found in plans/north.',
      '✖ 4 problems in plans/south (4 errors, 0 warnings)',
      '✖ 6 problems in 3 plans (4 errors, 2 warnings)',
    ]);
  });

  it('in json, is one document listing the plans, with every diagnostic and one summary', async () => {
    const result = await runPlan(['check', '--format', 'json'], { cwd: repository() });
    const report = JSON.parse(result.stdout) as { plans: string[]; diagnostics: { file: string }[]; summary: unknown };
    expect(report.plans).toEqual(['plans/east', 'plans/north', 'plans/south']);
    expect(report.diagnostics).toHaveLength(6);
    expect(report.diagnostics[0]?.file).toBe('plans/east/objectives.yaml');
    expect(report.summary).toEqual({ errors: 4, warnings: 2 });
  });

  it('in sarif, is one log with one run holding every result', async () => {
    const result = await runPlan(['check', '--format', 'sarif'], { cwd: repository() });
    const log = JSON.parse(result.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results).toHaveLength(6);
    expect(log.runs[0]?.results[5]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('plans/south/objectives.yaml');
  });

  it('counts the warnings of every plan together for --max-warnings', async () => {
    const root = repository();
    const result = await runPlan(['check', 'plans/east', 'plans/east', 'plans/north', '--max-warnings', '1'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('plan: 2 warnings is more than --max-warnings 1.\n');
  });

  it('checks a plan named twice only once', async () => {
    const root = repository();
    const result = await runPlan(['check', 'plans/east', 'plans/east/prose', '--format', 'json'], { cwd: root });
    expect((JSON.parse(result.stdout) as { plans: string[] }).plans).toEqual(['plans/east']);
  });

  it('refuses (exit 2) a path that is neither a plan nor holds one, before checking any', async () => {
    const root = repository();
    const result = await runPlan(['check', 'plans/north', 'plans/nowhere'], { cwd: root });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.split('\n')[0]).toBe('plan: There is no folder plans/nowhere.');
  });
});

describe('plan trace and plan export with several plans', () => {
  it('trace refuses (exit 2), listing the plans', async () => {
    const result = await runPlan(['trace', 'gp-access'], { cwd: repository() });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('plan: There are 3 plans here (plans/east, plans/north, plans/south); say which one.\n      For example: plan trace gp-access plans/east\n');
  });

  it('export refuses (exit 2), listing the plans', async () => {
    const result = await runPlan(['export'], { cwd: repository() });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('plan: There are 3 plans here (plans/east, plans/north, plans/south); say which one.\n      For example: plan export plans/east\n');
  });

  it('export of a folder holding several plans refuses too, naming that folder', async () => {
    const result = await runPlan(['export', 'plans'], { cwd: repository() });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('plan: There are 3 plans in plans (plans/east, plans/north, plans/south); say which one.');
  });
});

describe('plan build of several plans', () => {
  it('builds each into dist/<plan id>, and exits with the worst code', async () => {
    const root = makeTempDir();
    copyPlan(fixture('valid'), join(root, 'plans', 'north'));
    copyPlan(fixture('warnings-only'), join(root, 'plans', 'east'));
    const result = await runPlan(['build'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('dist/warnings-only/index.html\ndist/tiny-ics/index.html\n');
    expect(existsSync(join(root, 'dist', 'tiny-ics', 'index.html'))).toBe(true);
    expect(existsSync(join(root, 'dist', 'warnings-only', 'index.html'))).toBe(true);
  });

  it('from a subfolder of a plan, builds into dist/ in the plan folder, not in the subfolder', async () => {
    const root = repository();
    const result = await runPlan(['build'], { cwd: join(root, 'plans', 'north', 'prose') });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${join(root, 'plans', 'north', 'dist', 'tiny-ics', 'index.html')}\n`);
    expect(existsSync(join(root, 'plans', 'north', 'prose', 'dist'))).toBe(false);
  });

  it('exits 1 when one of them has errors, still building the others', async () => {
    const root = repository();
    const result = await runPlan(['build'], { cwd: root });
    expect(result.code).toBe(1);
    expect(existsSync(join(root, 'dist', 'tiny-ics', 'index.html'))).toBe(true);
  });

  it('refuses --out with several plans (exit 2), building nothing', async () => {
    const root = repository();
    const result = await runPlan(['build', '--out', 'site'], { cwd: root });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.split('\n')[0]).toBe('plan: --out names one folder, but there are 3 plans (plans/east, plans/north, plans/south).');
    expect(existsSync(join(root, 'site'))).toBe(false);
  });

  it('refuses two plans with the same id (exit 2), building neither', async () => {
    const root = makeTempDir();
    copyPlan(fixture('valid'), join(root, 'plans', 'north'));
    copyPlan(fixture('valid'), join(root, 'plans', 'south'));
    const result = await runPlan(['build'], { cwd: root });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.split('\n')[0]).toBe('plan: plans/north and plans/south would both be built into dist/tiny-ics: they have the same plan id.');
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });
});
