// Suspect links on the embedded plan: `plan review --all` adds the fingerprints in one command;
// changing the target of `no-01` makes the action and the metric that serve it suspect; `plan review
// no-01` clears them. A real diff of the files shows that only fingerprint lines changed.

import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPlan, makeTempDir, removeTempDirs, replaceOnce, repoRoot, runPlan, stylishFindings, writePlan } from '../helpers/cli.js';

afterAll(removeTempDirs);

const EMBEDDED = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');

/** The lines `git diff` shows added (+) and removed (-) between two versions of a file, without context. */
function changedLines(before: string, after: string): string[] {
  const result = spawnSync('git', ['diff', '--no-index', '--no-color', '--unified=0', before, after], { encoding: 'utf8' });
  expect(result.status, result.stderr).not.toBe(2);
  return result.stdout.split('\n').filter((line) => /^[+-]/.test(line) && !/^(\+\+\+|---) /.test(line));
}

/** A copy of a plan folder's files, to diff against later. */
function snapshot(plan: string): string {
  const copy = join(makeTempDir('plan-before-'), 'plan');
  cpSync(plan, copy, { recursive: true });
  return copy;
}

const FINGERPRINT_LINE = /^\+ {6}no-\d\d: [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/;

describe('plan review --all on the embedded plan, which has no fingerprints', () => {
  let plan: string;
  let before: string;
  let result: Awaited<ReturnType<typeof runPlan>>;

  beforeAll(async () => {
    plan = copyPlan(EMBEDDED);
    before = snapshot(plan);
    result = await runPlan(['review', '--all', plan]);
  });

  it('records a fingerprint for every link from an action or metric to an objective, and says where', () => {
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('✔ Recorded 9 reviews in 2 files.');
    expect(lines).toContain(`${join(plan, 'actions.yaml')}:61:5  action \`uec-ae-4-hours\` reviewed against objective \`no-01\` (its first review)`);
    expect(lines).toContain(`${join(plan, 'metrics.yaml')}:8:5  metric \`metric-ae-4-hours\` reviewed against objective \`no-01\` (its first review)`);
  });

  it('only adds `reviewed:` lines to the files: a diff shows nothing else', () => {
    for (const file of ['actions.yaml', 'metrics.yaml']) {
      const changed = changedLines(join(before, file), join(plan, file));
      expect(changed.length).toBeGreaterThan(0);
      for (const line of changed) expect(line).toMatch(/^\+ {4}reviewed:$|^\+ {6}no-\d\d: [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    }
    for (const file of ['plan.yaml', 'objectives.yaml', 'duties.yaml', 'portfolios.yaml']) expect(changedLines(join(before, file), join(plan, file))).toEqual([]);
  });

  it('leaves plan check as it was: the same 122 warnings', async () => {
    const check = await runPlan(['check', plan]);
    expect(check.stdout.trimEnd().split('\n').at(-1)).toBe('⚠ 122 problems (0 errors, 122 warnings)');
  });
});

describe('a changed target makes the links to it suspect until they are reviewed', () => {
  let plan: string;

  beforeAll(async () => {
    plan = copyPlan(EMBEDDED);
    expect((await runPlan(['review', '--all', plan])).code).toBe(0);
    replaceOnce(join(plan, 'objectives.yaml'), '      value: 76\n      comparison: at_least\n      unit: "%"\n      by: 2024-03-31 # "by March 2024"', '      value: 78\n      comparison: at_least\n      unit: "%"\n      by: 2024-03-31 # "by March 2024"');
  });

  it('warns on the action and the metric that serve no-01, naming the target as what changed', async () => {
    const check = await runPlan(['check', plan]);
    const suspect = stylishFindings(check.stdout).filter((f) => f.rule === 'link-is-reviewed');
    const objective = 'national objective 1: Improve A&E waiting times so that no less than 76% of patients are… (`no-01`)';
    expect(suspect.map((f) => `${f.file.slice(plan.length + 1)}:${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([
      `actions.yaml:70:14 warning Action "76% of patients seen within 4 hours in A&E" (\`uec-ae-4-hours\`) was reviewed against ${objective}, whose target changed since.`,
      `metrics.yaml:17:14 warning Metric "Patients seen within 4 hours in A&E" (\`metric-ae-4-hours\`) was reviewed against ${objective}, whose target changed since.`,
    ]);
    // Beside the two suspect links, UHNM's planned 76.4% for March 2024 no longer ends at the target of 78%.
    expect(check.stdout.trimEnd().split('\n').at(-1)).toBe('⚠ 125 problems (0 errors, 125 warnings)');
  });

  it('plan review no-01 clears them, rewriting only the two fingerprint lines', async () => {
    const before = snapshot(plan);
    const review = await runPlan(['review', 'no-01', plan]);
    expect(review).toMatchObject({ code: 0, stderr: '' });
    expect(review.stdout).toBe([
      `${join(plan, 'actions.yaml')}:65:5  action \`uec-ae-4-hours\` reviewed against objective \`no-01\` (its target had changed)`,
      `${join(plan, 'metrics.yaml')}:8:5  metric \`metric-ae-4-hours\` reviewed against objective \`no-01\` (its target had changed)`,
      '✔ Recorded 2 reviews in 2 files.',
      '',
    ].join('\n'));
    for (const file of ['actions.yaml', 'metrics.yaml']) {
      const changed = changedLines(join(before, file), join(plan, file));
      expect(changed).toHaveLength(2);
      expect(changed[0]).toMatch(/^- {6}no-01: /);
      expect(changed[1]).toMatch(FINGERPRINT_LINE);
      expect(changed[1]!.slice(1, 13)).toBe(changed[0]!.slice(1, 13));
    }
    const check = await runPlan(['check', plan]);
    expect(stylishFindings(check.stdout).filter((f) => f.rule === 'link-is-reviewed')).toEqual([]);
    // The trajectory that no longer ends at the changed target is left for the planners to mend.
    expect(check.stdout.trimEnd().split('\n').at(-1)).toBe('⚠ 123 problems (0 errors, 123 warnings)');
  });

  it('says so when every review asked for is already up to date, and writes nothing', async () => {
    const before = snapshot(plan);
    const review = await runPlan(['review', 'no-01', plan]);
    expect(review).toMatchObject({ code: 0, stdout: '✔ Nothing to record: 2 reviews already up to date.\n' });
    expect(changedLines(join(before, 'actions.yaml'), join(plan, 'actions.yaml'))).toEqual([]);
  });
});

describe('plan review of a portfolio, and of one action', () => {
  it('--portfolio reviews the links to the objectives a portfolio owns and from its actions', async () => {
    const plan = copyPlan(EMBEDDED);
    const review = await runPlan(['review', '--portfolio', 'uec', plan]);
    expect(review.code).toBe(0);
    expect(review.stdout.trimEnd().split('\n').map((line) => line.replace(/^\S+ {2}/, ''))).toEqual([
      'action `uec-ae-4-hours` reviewed against objective `no-01` (its first review)',
      'action `uec-bed-occupancy` reviewed against objective `no-03` (its first review)',
      'metric `metric-ae-4-hours` reviewed against objective `no-01` (its first review)',
      'metric `metric-bed-occupancy` reviewed against objective `no-03` (its first review)',
      '✔ Recorded 4 reviews in 2 files.',
    ]);
  });

  it('an action\'s id reviews its links and removes its review of an objective it no longer serves', async () => {
    const plan = writePlan({
      'plan.yaml': 'plan:\n  id: p\n  title: P\n  system: S\n  period: { start: 2024-04-01, end: 2025-03-31 }\ncollective_aim:\n  id: aim\n  statement: Healthier lives\n',
      'system.yaml': [
        'priorities:\n  - { id: pr, title: Prevention, aim: aim }',
        'portfolios:\n  - { id: pf, name: Primary care, priorities: [pr] }',
        'objectives:\n  - { id: o1, title: One, source: local, portfolio: pf }\n  - { id: o2, title: Two, source: local, portfolio: pf }',
        'actions:\n  - id: a\n    title: Act\n    objectives: [o1]\n    reviewed:\n      o2: 1111-2222-3333-4444 # reviewed when it served o2\n',
      ].join('\n'),
    });
    const review = await runPlan(['review', 'a'], { cwd: plan });
    expect(review.stdout).toBe([
      'system.yaml:9:5  action `a` reviewed against objective `o1` (its first review)',
      'system.yaml:13:7  action `a`: its review against `o2`, which it does not serve, is removed',
      '✔ Recorded 1 review in 1 file.',
      '',
    ].join('\n'));
    expect(readFileSync(join(plan, 'system.yaml'), 'utf8')).toMatch(/\n {4}reviewed:\n {6}o1: [0-9a-f-]{19}\n$/);
  });
});

describe('plan review that cannot record (exit 2)', () => {
  it('refuses an id that is not in the plan, offering close matches', async () => {
    const review = await runPlan(['review', 'no-1', EMBEDDED]);
    expect(review).toMatchObject({ code: 2, stdout: '' });
    expect(review.stderr).toBe('plan: There is no action, metric or objective with the id `no-1` in the plan.\n      Close matches: `no-10`, `no-11`, `no-12`, `no-13`, `no-14`.\n');
  });

  it('refuses a portfolio given as an id, pointing at --portfolio', async () => {
    const review = await runPlan(['review', 'uec', EMBEDDED]);
    expect(review).toMatchObject({ code: 2, stdout: '' });
    expect(review.stderr).toBe('plan: `uec` is portfolio `uec`; plan review records the reviews of actions, metrics and objectives.\n      To review every link of the portfolio: plan review --portfolio uec\n');
  });

  it('refuses to guess what to review', async () => {
    const review = await runPlan(['review', EMBEDDED]);
    expect(review.code).toBe(2);
    expect(review.stderr).toContain('plan: Say which links to review');
    expect((await runPlan(['review', '--all', 'no-01', EMBEDDED])).stderr).toContain('plan: Give ids, --portfolio or --all: one of them.');
  });

  it('refuses a plan with a YAML error, and writes nothing', async () => {
    const plan = copyPlan(EMBEDDED);
    replaceOnce(join(plan, 'metrics.yaml'), '  - id: metric-ae-4-hours\n', '  - id: metric-ae-4-hours\n\tname: tabbed\n');
    const before = snapshot(plan);
    const review = await runPlan(['review', '--all', plan]);
    expect(review).toMatchObject({ code: 2, stdout: '' });
    expect(review.stderr).toContain('yaml-syntax');
    expect(review.stderr).toContain('plan: Reviews cannot be recorded while the plan has these errors in how it is written; nothing was written.');
    expect(changedLines(join(before, 'actions.yaml'), join(plan, 'actions.yaml'))).toEqual([]);
  });
});
