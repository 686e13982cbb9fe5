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
      'National objective "More GP appointments" (`gp-access`)  tests/fixtures/valid/objectives.yaml:2:5',
      'Up to the collective aim:',
      '├─ is owned by portfolio "Primary care" (`primary-care`)',
      '└─ serves (through its portfolio) priority "Improve access to care" (`access`)',
      '   └─ serves the collective aim "People in Tiny live longer, healthier lives." (`healthier-lives`) ✔',
      'Served by:',
      '└─ is served by action "Open surgeries on Saturday mornings" (`extend-hours`)',
      '✔ The golden thread reaches the collective aim.',
      '',
    ].join('\n'));
  });

  it('shows every priority an objective of an enabling workstream serves', async () => {
    const result = await runPlan(['trace', 'shared-records', 'tests/fixtures/valid']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('├─ serves (through its enabling workstream) priority "Prevent ill health" (`prevention`)\n');
    expect(result.stdout).toContain('└─ serves (through its enabling workstream) priority "Improve access to care" (`access`)\n');
  });
});

describe('plan trace of an action whose thread is broken', () => {
  it('marks where the thread breaks with ✖ and exits 1', async () => {
    // Run inside the plan folder, where its location is given from there.
    const result = await runPlan(['trace', 'extend-hours'], { cwd: planWithBrokenThread() });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(1)).toEqual([
      'Up to the collective aim:',
      '└─ delivers national objective "More GP appointments" (`gp-access`)',
      '   ├─ is owned by portfolio "Primary care" (`primary-care`)',
      '   └─ serves (through its portfolio) priority "Improve access to care" (`access`)',
      '      └─ serves ✖ it names `wealthier-lives` as its aim, which is not the plan\'s collective aim',
      '✖ The golden thread does not reach the collective aim.',
      '',
    ]);
    expect(result.stdout.split("\n")[0]).toBe("Action \"Open surgeries on Saturday mornings\" (`extend-hours`)  actions.yaml:2:5");
  });

  it('says on stderr that the plan has errors, pointing to plan check', async () => {
    const result = await runPlan(['trace', 'extend-hours', planWithBrokenThread()]);
    expect(result.stderr).toBe('plan: the plan has 1 error(s); run `plan check` to see them.\n');
  });
});

describe('plan trace locations', () => {
  it('are paths from the working folder, as in every other output', async () => {
    const fromFixtures = await runPlan(['trace', 'gp-access', 'valid'], { cwd: fixture('.') });
    expect(fromFixtures.stdout.split('\n')[0]).toBe('National objective "More GP appointments" (`gp-access`)  valid/objectives.yaml:2:5');
  });

  it('are absolute for a plan outside the working folder', async () => {
    const dir = copyPlan(fixture('valid'));
    const result = await runPlan(['trace', 'gp-access', dir]);
    expect(result.stdout.split('\n')[0]).toBe(`National objective "More GP appointments" (\`gp-access\`)  ${dir}/objectives.yaml:2:5`);
  });
});

describe('plan trace of the collective aim', () => {
  it('lists the priorities, objectives and actions that serve it, and exits 0', async () => {
    const result = await runPlan(['trace', 'healthier-lives', 'tests/fixtures/valid']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe([
      'The collective aim "People in Tiny live longer, healthier lives." (`healthier-lives`)  tests/fixtures/valid/plan.yaml:16:3',
      'Served by:',
      '├─ is served by priority "Prevent ill health" (`prevention`)',
      '│  └─ is served by portfolio "Public health" (`public-health`)',
      '│     └─ owns local objective "Fewer people smoke" (`smoking`)',
      '│        └─ is served by action "Run a stop smoking service in every town" (`stop-smoking-service`)',
      '├─ is served by priority "Improve access to care" (`access`)',
      '│  └─ is served by portfolio "Primary care" (`primary-care`)',
      '│     └─ owns national objective "More GP appointments" (`gp-access`)',
      '│        └─ is served by action "Open surgeries on Saturday mornings" (`extend-hours`)',
      '└─ is underpinned by enabling workstream "Digital" (`digital`)',
      '   └─ owns local objective "Every practice shares care records" (`shared-records`)',
      '      └─ is served by action "Connect every practice to the shared care record" (`connect-practices`)',
      '',
    ].join('\n'));
  });

  it('marks a priority that nothing serves with ✖, as it marks an objective that no action serves', async () => {
    const dir = copyPlan(fixture('valid'));
    replaceOnce(join(dir, 'portfolios.yaml'), '    priorities: [prevention]', '    priorities: [access]');
    const result = await runPlan(['trace', 'healthier-lives', dir]);
    expect(result.stdout).toContain([
      '├─ is served by priority "Prevent ill health" (`prevention`)',
      '│  └─ is served by ✖ nothing: no portfolio or objective serves this priority',
    ].join('\n'));
  });
});

describe('plan trace of a priority', () => {
  it('shows the aim above it, and below it the portfolios, objectives and enablers that serve it', async () => {
    const result = await runPlan(['trace', 'access', 'tests/fixtures/valid']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe([
      'Priority "Improve access to care" (`access`)  tests/fixtures/valid/priorities.yaml:5:5',
      'Up to the collective aim:',
      '└─ serves the collective aim "People in Tiny live longer, healthier lives." (`healthier-lives`) ✔',
      'Served by:',
      '├─ is served by portfolio "Primary care" (`primary-care`)',
      '│  └─ owns national objective "More GP appointments" (`gp-access`)',
      '│     └─ is served by action "Open surgeries on Saturday mornings" (`extend-hours`)',
      '└─ is underpinned by enabling workstream "Digital" (`digital`)',
      '✔ The golden thread reaches the collective aim.',
      '',
    ].join('\n'));
  });
});

describe('plan trace of a portfolio', () => {
  it('shows every objective it owns with what serves each, and the actions that name no objective', async () => {
    const result = await runPlan(['trace', 'uec']);
    expect(result.code).toBe(0);
    const below = result.stdout.slice(result.stdout.indexOf('Served by:\n'));
    expect(below).toContain('├─ owns national objective 1: ');
    expect(below).toContain('│  ├─ is served by action "76% of patients seen within 4 hours in A&E" (`uec-ae-4-hours`)\n');
    expect(below).toContain('│  └─ is served by ✖ no action\n');
    expect(below).toContain('├─ runs (no objective named) action "Capital Investment Case" (`uec-capital-investment-case`)\n');
  });
});

describe('plan trace of a number', () => {
  it('finds the national objective with that number', async () => {
    const result = await runPlan(['trace', '1']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^National objective 1: Improve A&E waiting times .* \(`no-01`\)  /);
  });
});

describe('plan trace of a statutory duty', () => {
  it('shows the sections of each edition that cover it, marking an edition that does not', async () => {
    const result = await runPlan(['trace', 'reduce-inequalities', 'tests/fixtures/valid']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe([
      'Statutory duty "Reduce inequalities" (`reduce-inequalities`)  tests/fixtures/valid/duties.yaml:2:5',
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
    expect(result.stdout).toContain('├─ is owned by ✖ nobody: it names no portfolio\n');
    expect(result.stdout).not.toContain('✔ The golden thread reaches the collective aim.');
    expect(result.code).toBe(1);
  });
});

describe('plan trace of an id that is not in the plan', () => {
  it('exits 2 and suggests the nearest id', async () => {
    const result = await runPlan(['trace', 'gp-acess', 'tests/fixtures/valid']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('plan: There is no item with the id `gp-acess` in the plan.\n      Close matches: `gp-access`.\n');
  });

  it('lists several close matches when several are near', async () => {
    const result = await runPlan(['trace', 'no-0', 'plans/staffordshire-stoke-2023-24']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[1]).toBe('      Close matches: `no-01`, `no-02`, `no-03`, `no-04`, `no-05`.');
  });

  it('exits 2 without a suggestion when no id is near', async () => {
    const result = await runPlan(['trace', 'cardiology', 'tests/fixtures/valid']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('plan: There is no item with the id `cardiology` in the plan.');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});

describe('plan trace of a target the plan tracks through its year', () => {
  it('shows its latest position per organisation, measured and assessed named apart', async () => {
    const result = await runPlan(['trace', 'no-01', 'plans/staffordshire-stoke-2023-24']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const latest = result.stdout.slice(result.stdout.indexOf('Latest position')).split('\n').slice(0, 4);
    expect(latest).toEqual([
      'Latest position, at 8 April 2024:',
      '├─ ICB: no data: no measured value (no actual has been recorded); no actual yet for March 2024',
      '└─ UHNM: no data: no measured value (no actual has been recorded); no actual yet for March 2024',
      '   └─ assessed met ("compliant") by Staffordshire and Stoke-on-Trent ICS on 23 February 2023, of the planned position 76.4% in March 2024',
    ]);
  });
});

describe('plan trace of an action in the planning year', () => {
  it('shows its latest progress update, and how many came before it', async () => {
    const result = await runPlan(['trace', 'maternity-neonatal-delivery-plan', 'plans/staffordshire-stoke-2023-24']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.slice(result.stdout.indexOf('Progress, at')).split('\n').slice(0, 2)).toEqual([
      'Progress, at 8 April 2024:',
      '└─ latest update, for 2024/25 Q1: reported on 8 April 2024: **Theme 1** Listening to, and working with, women and families with compassion (3 earlier updates)',
    ]);
  });

  it('says when it has no update and the stocktake due still waits for one', async () => {
    const result = await runPlan(['trace', 'uec-ae-4-hours', 'plans/staffordshire-stoke-2023-24']);
    expect(result.stdout.slice(result.stdout.indexOf('Progress, at')).split('\n').slice(0, 3)).toEqual([
      'Progress, at 8 April 2024:',
      '├─ no progress update yet',
      '└─ the 2023/24 Q4 stocktake, due by 31 March 2024, still waits for an update',
    ]);
  });

  it('shows no progress for an action of a plan that reports no year', async () => {
    const result = await runPlan(['trace', 'extend-hours', 'tests/fixtures/valid']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('Progress');
  });
});

