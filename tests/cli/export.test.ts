// `plan export [DIR]`: the compiled plan as JSON on stdout, every item with its resolved links and the
// place in the source it came from. Errors go to stderr and set exit code 1; the JSON is still printed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanExport } from '../../src/render/plan-export.js';
import { fixture, runPlan, stylishFindings } from '../helpers/cli.js';

const COLLECTIONS = ['priorities', 'portfolios', 'objectives', 'actions', 'metrics', 'organisations', 'duties', 'projects'] as const;

async function exportOf(dir: string): Promise<PlanExport> {
  const result = await runPlan(['export', dir]);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as PlanExport;
}

/** Looks an item up by id, failing the test (not throwing a TypeError) when it is missing. */
function byId<T extends { id: string }>(items: readonly T[], id: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id} in [${items.map((i) => i.id).join(', ')}]`);
  return item;
}

describe('plan export of a valid plan', () => {
  it('exits 0 and prints the plan, its principles, its aim, every collection and the planning year', async () => {
    const plan = await exportOf('tests/fixtures/valid');
    expect(Object.keys(plan)).toEqual(['format', 'plan', 'principles', 'collective_aim', ...COLLECTIONS, 'year']);
    expect(plan.principles).toBeNull();
    expect(plan.format).toBe('plan-compiled/1');
    expect(plan.plan.editions.map((e) => e.id)).toEqual(['jfp', 'summary']);
    expect(plan.priorities.map((p) => p.id)).toEqual(['prevention', 'access']);
    expect(plan.portfolios.map((p) => p.id)).toEqual(['primary-care', 'public-health', 'digital']);
    expect(plan.objectives.map((o) => o.id)).toEqual(['gp-access', 'smoking', 'shared-records']);
    expect(plan.actions.map((a) => a.id)).toEqual(['extend-hours', 'stop-smoking-service', 'connect-practices']);
    expect(plan.duties.map((d) => d.id)).toEqual(['reduce-inequalities']);
    expect([plan.metrics, plan.organisations, plan.projects]).toEqual([[], [], []]);
  });

  it('gives the collective aim with the priorities that serve it', async () => {
    const plan = await exportOf('tests/fixtures/valid');
    expect(plan.collective_aim).toMatchObject({ id: 'healthier-lives', priorities: ['prevention', 'access'] });
  });

  it('resolves an objective\'s owner, its actions, and the priorities it inherits from its portfolio', async () => {
    const plan = await exportOf('tests/fixtures/valid');
    expect(byId(plan.objectives, 'gp-access')).toMatchObject({
      portfolio: 'primary-care',
      priorities: ['access'],
      priorities_from: 'portfolio',
      actions: ['extend-hours'],
    });
  });

  it('gives an objective of an enabling workstream every priority', async () => {
    const plan = await exportOf('tests/fixtures/valid');
    expect(byId(plan.objectives, 'shared-records')).toMatchObject({ portfolio: 'digital', priorities: ['prevention', 'access'], priorities_from: 'enabler' });
    expect(byId(plan.portfolios, 'digital')).toMatchObject({ kind: 'enabler', cross_cutting: true, priorities: ['prevention', 'access'] });
  });

  it('scores each objective SMART, with no gaps in a valid plan', async () => {
    const plan = await exportOf('tests/fixtures/valid');
    for (const objective of plan.objectives) {
      expect(objective.smart, objective.id).toEqual({ specific: true, measurable: true, relevant: true, timely: true, gaps: [] });
    }
  });

  it('says each action reaches the aim, and names the portfolio it inherits from its objective', async () => {
    const plan = await exportOf('tests/fixtures/valid');
    expect(plan.actions.map((a) => [a.id, a.objectives, a.portfolio, a.reaches_aim])).toEqual([
      ['extend-hours', ['gp-access'], 'primary-care', true],
      ['stop-smoking-service', ['smoking'], 'public-health', true],
      ['connect-practices', ['shared-records'], 'digital', true],
    ]);
  });

  it('gives a duty\'s coverage for every edition and whether it is covered', async () => {
    const plan = await exportOf('tests/fixtures/valid');
    expect(byId(plan.duties, 'reduce-inequalities')).toMatchObject({
      coverage: { jfp: ['Tackling inequalities'], summary: [] },
      covered: true,
    });
  });

  it('locates every item at the line and column of its first key in its file', async () => {
    const plan = await exportOf('tests/fixtures/valid');
    type Located = { id: string; location: { file: string; line: number; column: number } };
    const items: Located[] = [plan.collective_aim!, ...COLLECTIONS.flatMap((name): Located[] => plan[name])];
    expect(items.length).toBeGreaterThan(10);
    for (const { id, location } of items) {
      const sourceLine = readFileSync(join(fixture('valid'), location.file), 'utf8').split('\n')[location.line - 1] ?? '';
      expect(sourceLine.slice(location.column - 1), `${id} at ${location.file}:${location.line}:${location.column}`).toBe(`id: ${id}`);
    }
  });

  it('locates an item in the file it came from', async () => {
    const plan = await exportOf('tests/fixtures/valid');
    expect(byId(plan.objectives, 'shared-records').location).toEqual({ file: 'objectives.yaml', line: 22, column: 5 });
    expect(plan.collective_aim?.location).toEqual({ file: 'plan.yaml', line: 16, column: 3 });
  });
});

describe('plan export of a broken plan', () => {
  it('still prints the plan as JSON, and exits 1', async () => {
    const result = await runPlan(['export', 'tests/fixtures/broken']);
    expect(result.code).toBe(1);
    const plan = JSON.parse(result.stdout) as PlanExport;
    expect(plan.plan.id).toBe('broken-ics');
  });

  it('lists the errors, and only the errors, on stderr', async () => {
    const result = await runPlan(['export', 'broken'], { cwd: fixture('.') });
    expect(stylishFindings(result.stderr).map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`)).toEqual([
      'broken/metrics.yaml:5:16 error unknown-reference',
      'broken/metrics.yaml:9:15 error schema',
      'broken/more-actions.yaml:3:9 error duplicate-id',
      'broken/objectives.yaml:12:5 error objective-has-owner',
    ]);
    expect(result.stderr.endsWith('✖ 4 problems (4 errors, 0 warnings)\n')).toBe(true);
  });

  it('leaves out an item that failed its schema and keeps the first of two with the same id', async () => {
    const result = await runPlan(['export', 'tests/fixtures/broken']);
    const plan = JSON.parse(result.stdout) as PlanExport;
    expect(plan.metrics.map((m) => m.id)).toEqual(['four-hour-performance']);
    expect(plan.actions.filter((a) => a.id === 'triage')).toEqual([
      expect.objectContaining({ title: 'Triage at the front door', location: { file: 'actions.yaml', line: 2, column: 5 } }),
    ]);
  });

  it('gives null for a reference that does not resolve', async () => {
    const result = await runPlan(['export', 'tests/fixtures/broken']);
    const plan = JSON.parse(result.stdout) as PlanExport;
    expect(byId(plan.metrics, 'four-hour-performance').objective).toBeNull();
    expect(byId(plan.objectives, 'no-owner').portfolio).toBeNull();
  });
});
