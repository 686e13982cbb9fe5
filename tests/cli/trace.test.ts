// `plan trace ID [DIR]`: the golden thread of one item, up to the collective aim and down to what serves it.
// Exit 0 when the thread reaches the aim, 1 when it breaks, 2 when the id is unknown.

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyPlan, fixture, hasStackTrace, removeTempDirs, replaceOnce, runPlan } from '../helpers/cli.js';

afterAll(removeTempDirs);

/** The valid plan with priority `access` pointed at an aim that does not exist, so its thread breaks there. */
function planWithBrokenThread(): string {
  const dir = copyPlan(fixture('valid'));
  replaceOnce(join(dir, 'priorities.yaml'), '    title: Improve access to care\n    aim: healthier-lives', '    title: Improve access to care\n    aim: wealthier-lives');
  return dir;
}

describe('plan trace of an objective whose thread is whole', () => {
  it('shows its owner, its priority and the collective aim, then what serves it, and exits 0', async () => {
    const result = await runPlan(['trace', 'gp-access', 'tests/fixtures/valid']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe([
      'objective `gp-access`: More GP appointments  tests/fixtures/valid/objectives.yaml:2:5',
      'Up to the collective aim:',
      '├─ is owned by `primary-care` Primary care',
      '└─ serves priority (through its portfolio) `access` Improve access to care',
      '   └─ serves the collective aim `healthier-lives` People in Tiny live longer, healthier lives. ✔',
      'Served by:',
      '└─ is served by action `extend-hours` Open surgeries on Saturday mornings',
      '✔ The golden thread reaches the collective aim.',
      '',
    ].join('\n'));
  });

  it('shows every priority an objective of an enabling workstream serves', async () => {
    const result = await runPlan(['trace', 'shared-records', 'tests/fixtures/valid']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('├─ serves priority (through its enabling workstream) `prevention` Prevent ill health\n');
    expect(result.stdout).toContain('└─ serves priority (through its enabling workstream) `access` Improve access to care\n');
  });
});

describe('plan trace of an action whose thread is broken', () => {
  it('marks where the thread breaks with ✖ and exits 1', async () => {
    // Run inside the plan folder, where its location is given from there.
    const result = await runPlan(['trace', 'extend-hours'], { cwd: planWithBrokenThread() });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe([
      'action `extend-hours`: Open surgeries on Saturday mornings  actions.yaml:2:5',
      'Up to the collective aim:',
      '└─ delivers objective `gp-access` More GP appointments',
      '   ├─ is owned by `primary-care` Primary care',
      '   └─ serves priority (through its portfolio) `access` Improve access to care',
      '      └─ serves ✖ `wealthier-lives` is not the collective aim: the thread breaks here',
      '✖ The golden thread does not reach the collective aim.',
      '',
    ].join('\n'));
  });

  it('says on stderr that the plan has errors, pointing to plan check', async () => {
    const result = await runPlan(['trace', 'extend-hours', planWithBrokenThread()]);
    expect(result.stderr).toBe('plan: the plan has 2 error(s); run `plan check` to see them.\n');
  });
});

describe('plan trace locations', () => {
  it('are paths from the working folder, as in every other output', async () => {
    const fromFixtures = await runPlan(['trace', 'gp-access', 'valid'], { cwd: fixture('.') });
    expect(fromFixtures.stdout.split('\n')[0]).toBe('objective `gp-access`: More GP appointments  valid/objectives.yaml:2:5');
  });

  it('are absolute for a plan outside the working folder', async () => {
    const dir = copyPlan(fixture('valid'));
    const result = await runPlan(['trace', 'gp-access', dir]);
    expect(result.stdout.split('\n')[0]).toBe(`objective \`gp-access\`: More GP appointments  ${dir}/objectives.yaml:2:5`);
  });
});

describe('plan trace of the collective aim', () => {
  it('lists the priorities, objectives and actions that serve it, and exits 0', async () => {
    const result = await runPlan(['trace', 'healthier-lives', 'tests/fixtures/valid']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      'the collective aim `healthier-lives`: People in Tiny live longer, healthier lives.  tests/fixtures/valid/plan.yaml:16:3',
      'Served by:',
      '├─ is served by priority `prevention` Prevent ill health',
      '│  ├─ is served by objective `smoking` Fewer people smoke',
    ]);
  });
});

describe('plan trace of a statutory duty', () => {
  it('shows the sections of each edition that cover it, marking an edition that does not', async () => {
    const result = await runPlan(['trace', 'reduce-inequalities', 'tests/fixtures/valid']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe([
      'statutory duty `reduce-inequalities`: Reduce inequalities  tests/fixtures/valid/duties.yaml:2:5',
      'Served by:',
      '├─ in Joint Forward Plan',
      '│  └─ Tackling inequalities',
      '└─ in Plan on a page ✖ not covered',
      '',
    ].join('\n'));
  });
});

describe('plan trace of an enabling workstream', () => {
  it('says the thread reaches the aim and exits 0', async () => {
    const result = await runPlan(['trace', 'digital', 'tests/fixtures/valid']);
    expect(result.stdout).toContain('└─ is an enabling workstream underpinning every priority\n');
    expect(result.stdout).not.toContain('✖');
    expect(result.code).toBe(0);
  });
});

describe('plan trace of an objective that nobody owns', () => {
  it('does not say ✔ the thread reaches the aim beneath a ✖, and exits 1', async () => {
    const result = await runPlan(['trace', 'no-owner', 'tests/fixtures/broken']);
    expect(result.stdout).toContain('├─ is owned by ✖ no portfolio: nobody owns it\n');
    expect(result.stdout).not.toContain('✔ The golden thread reaches the collective aim.');
    expect(result.code).toBe(1);
  });
});

describe('plan trace of an id that is not in the plan', () => {
  it('exits 2 and suggests the nearest id', async () => {
    const result = await runPlan(['trace', 'gp-acess', 'tests/fixtures/valid']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('plan: There is no item with the id `gp-acess` in the plan. Did you mean `gp-access`?\n      Ids are listed by `plan export`.\n');
  });

  it('exits 2 without a suggestion when no id is near', async () => {
    const result = await runPlan(['trace', 'cardiology', 'tests/fixtures/valid']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('plan: There is no item with the id `cardiology` in the plan.');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
