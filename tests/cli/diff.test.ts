// `plan diff OLD [NEW] [DIR]` on a git repository the tests build, one commit per change: a target
// raised, an action added, a duty's coverage removed, an id renamed. And between two plan folders.
// Exit codes: 0 no change, 1 changes, 2 could not compare.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, makeTempDir, removeTempDirs, runPlan, writePlan } from '../helpers/cli.js';
import { makeGitRepo, type GitRepo } from '../helpers/git-repo.js';

afterAll(removeTempDirs);

const PLAN = 'plans/tiny';

const manifest = `plan:
  id: tiny-ics
  title: Tiny ICS Joint Forward Plan
  system: Tiny Integrated Care System
  period:
    start: 2024-04-01
    end: 2026-03-31
  editions:
    - id: jfp-2024
      title: Joint Forward Plan 2024
    - id: jfp-2025
      title: Joint Forward Plan 2025 refresh
collective_aim:
  id: healthier-lives
  statement: People in Tiny live longer, healthier lives.
`;

/** system.yaml, with the figure of `gp-access`, the id of the second objective and any further actions. */
const system = (figure: string, objectiveId: string, moreActions = '') => `priorities:
  - id: access
    title: Improve access to care
    aim: healthier-lives
portfolios:
  - id: primary-care
    name: Primary care
    priorities: [access]
  # An enabling workstream with no priorities underpins them all.
  - id: digital
    name: Digital
    kind: enabler
objectives:
  - id: gp-access
    title: More GP appointments
    source: national
    portfolio: primary-care
    target:
      measure: GP appointments a month
${figure}
  - id: ${objectiveId}
    title: Every practice shares care records
    source: local
    portfolio: digital
    target:
      measure: Practices sharing records
      value: 40
      unit: practices
      by: 2025-12-31
actions:
  - id: extend-hours
    title: Open surgeries on Saturday mornings
    objectives: [gp-access]
  - id: connect-practices
    title: Connect every practice to the shared care record
    objectives: [${objectiveId}]
${moreActions}`;

const firstFigure = '      value: 50000\n      unit: appointments\n      by: 2025-03-31';
const raisedFigure = '      value: 55000\n      unit: appointments\n      by: 2026-03-31';
const onlineAction = '  - id: gp-online\n    title: Book GP appointments online\n    objectives: [gp-access]\n';

const duties = (laterCoverage: string) => `duties:
  - id: reduce-inequalities
    title: Reduce inequalities in access and outcomes
    coverage:
      jfp-2024: [Tackling inequalities]
${laterCoverage}`;

/** The plan's files at each of the five commits, v1 to v5. */
const versions: Record<string, string>[] = [
  { 'plan.yaml': manifest, 'system.yaml': system(firstFigure, 'shared-records'), 'duties.yaml': duties('      jfp-2025: [Fair shares for every town]\n') },
  { 'system.yaml': system(raisedFigure, 'shared-records') },
  { 'system.yaml': system(raisedFigure, 'shared-records', onlineAction) },
  { 'duties.yaml': duties('') },
  { 'system.yaml': system(raisedFigure, 'shared-care-records', onlineAction) },
];

const inPlan = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([name, text]) => [`${PLAN}/${name}`, text]));

let repo: GitRepo;
/** The first seven digits of each tag's commit, as the output shows them. */
const short: Record<string, string> = {};

beforeAll(() => {
  repo = makeGitRepo();
  repo.commit({ 'README.md': 'Our plans.\n' }, 'Start the repository');
  repo.git('tag', 'v0');
  versions.forEach((files, index) => {
    repo.commit(inPlan(files), `Version ${index + 1}`);
    repo.git('tag', `v${index + 1}`);
  });
  for (let v = 0; v <= versions.length; v++) short[`v${v}`] = repo.git('rev-parse', '--short=7', `v${v}`);
});

const diff = (...args: string[]) => runPlan(['diff', ...args], { cwd: repo.root });

/** The changes from v1 to v5, in the lines stylish and markdown share. */
const allChanges = {
  added: '`gp-online` "Book GP appointments online"',
  renamed: 'objective `shared-records` is now `shared-care-records` "Every practice shares care records"',
  changed: 'objective `gp-access` target 50000 appointments → 55000 appointments, by 2025-03-31 → 2026-03-31',
  coverage: 'statutory duty `reduce-inequalities` no longer covered by `jfp-2025` (was in "Fair shares for every town")',
  counts: '1 added, 0 removed, 1 renamed, 1 changed; 0 threads broken, 0 mended; 1 duty coverage change',
};

/** The stylish body of the changes from v1 to v5, after the line naming the versions. */
const allChangesStylish = [
  '',
  'Added',
  `  + action ${allChanges.added}`,
  '',
  'Renamed',
  `  ~ ${allChanges.renamed}`,
  '',
  'Changed',
  `  ~ ${allChanges.changed}`,
  '',
  'Duty coverage',
  `  ~ ${allChanges.coverage}`,
  '',
  `${allChanges.counts}.`,
  '',
];

describe('plan diff between two revisions', () => {
  it('tells a changed target field by field, and exits 1', async () => {
    const result = await diff('v1', 'v2');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toBe([
      `Changes to plans/tiny from \`v1\` (${short.v1}) to \`v2\` (${short.v2}):`,
      '',
      'Changed',
      '  ~ objective `gp-access` target 50000 appointments → 55000 appointments, by 2025-03-31 → 2026-03-31',
      '',
      '0 added, 0 removed, 0 renamed, 1 changed; 0 threads broken, 0 mended; 0 duty coverage changes.',
      '',
    ].join('\n'));
  });

  it('tells an added action', async () => {
    const result = await diff('v2', 'v3');
    expect(result.stdout.split('\n').slice(1, 5)).toEqual(['', 'Added', `  + action ${allChanges.added}`, '']);
  });

  it('tells a duty coverage removed from an edition', async () => {
    const result = await diff('v3', 'v4');
    expect(result.stdout.split('\n').slice(1, 5)).toEqual(['', 'Duty coverage', `  ~ ${allChanges.coverage}`, '']);
  });

  it('tells a renamed id as a rename, and not the action whose reference changed only by the rename', async () => {
    const result = await diff('v4', 'v5');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toBe([
      `Changes to plans/tiny from \`v4\` (${short.v4}) to \`v5\` (${short.v5}):`,
      '',
      'Renamed',
      `  ~ ${allChanges.renamed}`,
      '',
      '0 added, 0 removed, 1 renamed, 0 changed; 0 threads broken, 0 mended; 0 duty coverage changes.',
      '',
    ].join('\n'));
  });

  it('tells every change across several commits in the stylish format', async () => {
    const result = await diff('v1', 'v5');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toBe([`Changes to plans/tiny from \`v1\` (${short.v1}) to \`v5\` (${short.v5}):`, ...allChangesStylish].join('\n'));
  });

  it('writes a pull-request comment in the markdown format', async () => {
    const result = await diff('v1', 'v5', '--format', 'markdown');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toBe([
      '### Plan changes',
      '',
      `Changes to plans/tiny from \`v1\` (${short.v1}) to \`v5\` (${short.v5}): ${allChanges.counts}.`,
      '',
      '**Added**',
      '',
      `- action ${allChanges.added}`,
      '',
      '**Renamed**',
      '',
      `- ${allChanges.renamed}`,
      '',
      '**Changed**',
      '',
      `- ${allChanges.changed}`,
      '',
      '**Duty coverage**',
      '',
      `- ${allChanges.coverage}`,
      '',
    ].join('\n'));
  });

  it('gives the changes as data in the json format (plan-diff/1)', async () => {
    const result = await diff('v1', 'v5', '--format', 'json');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      format: 'plan-diff/1',
      old: { folder: 'plans/tiny', revision: 'v1', commit: repo.git('rev-parse', 'v1') },
      new: { folder: 'plans/tiny', revision: 'v5', commit: repo.git('rev-parse', 'v5') },
      summary: { added: 1, removed: 0, renamed: 1, changed: 1, threads_broken: 0, threads_mended: 0, duty_coverage: 1, year_settings: 0, year_records: 0, actuals_added: 0, actuals_changed: 0, actuals_removed: 0, positions_changed: 0 },
      added: [{ kind: 'action', id: 'gp-online', title: 'Book GP appointments online', reaches_aim: true }],
      removed: [],
      renamed: [{ kind: 'objective', from: 'shared-records', to: 'shared-care-records', title: 'Every practice shares care records' }],
      changed: [
        {
          kind: 'objective', id: 'gp-access', title: 'More GP appointments',
          changes: [
            { field: 'target', from: { value: 50000, comparison: null, unit: 'appointments' }, to: { value: 55000, comparison: null, unit: 'appointments' }, text: 'target 50000 appointments → 55000 appointments' },
            { field: 'target.by', from: '2025-03-31', to: '2026-03-31', text: 'by 2025-03-31 → 2026-03-31' },
          ],
        },
      ],
      threads: [],
      duty_coverage: [
        { duty: 'reduce-inequalities', title: 'Reduce inequalities in access and outcomes', edition: 'jfp-2025', from: ['Fair shares for every town'], to: [], text: 'no longer covered by `jfp-2025` (was in "Fair shares for every town")' },
      ],
      year: { settings: [], records: [], actuals: { added: [], changed: [], removed: [] }, positions: [] },
    });
  });

  it('takes branch names, and finds the plan from the folder it is run in', async () => {
    const result = await runPlan(['diff', 'v1', 'main'], { cwd: join(repo.root, PLAN) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe([`Changes to . from \`v1\` (${short.v1}) to \`main\` (${short.v5}):`, ...allChangesStylish].join('\n'));
  });

  it('says there is no change, and exits 0, between two revisions of the same plan', async () => {
    const result = await diff('v5', 'HEAD', PLAN);
    expect(result).toEqual({ code: 0, stdout: `✔ No changes to plans/tiny from \`v5\` (${short.v5}) to \`HEAD\` (${short.v5}).\n`, stderr: '', timedOut: false });
  });
});

describe('plan diff REV, against the working tree', () => {
  it('says there is no change when the plan folder is as committed', async () => {
    const result = await diff('HEAD');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`✔ No changes to plans/tiny from \`HEAD\` (${short.v5}) to the working tree.\n`);
  });

  it('tells what was changed in the plan folder and not committed', async () => {
    const changedRepo = makeGitRepo();
    changedRepo.commit(inPlan({ ...versions[0], ...versions[1] }), 'The plan');
    writePlan({ 'system.yaml': system(raisedFigure, 'shared-records', onlineAction) }, join(changedRepo.root, PLAN));
    const result = await runPlan(['diff', 'HEAD'], { cwd: changedRepo.root });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      `Changes to plans/tiny from \`HEAD\` (${changedRepo.git('rev-parse', '--short=7', 'HEAD')}) to the working tree:`,
      '',
      'Added',
      `  + action ${allChanges.added}`,
      '',
      '1 added, 0 removed, 0 renamed, 0 changed; 0 threads broken, 0 mended; 0 duty coverage changes.',
      '',
    ]);
  });

  it('reads the committed actuals files, and tells a month added and where the target stands now', async () => {
    const yearRepo = makeGitRepo();
    const organisation = 'organisations:\n  - id: tiny-icb\n    name: Tiny ICB\n    type: icb\n';
    const february = 'target,organisation,period,value\ngp-access,tiny-icb,2025-01,48000\ngp-access,tiny-icb,2025-02,49000\n';
    yearRepo.commit(inPlan({ ...versions[0], 'organisations.yaml': organisation, 'actuals/appointments.csv': february }), 'The plan and its actuals to February');
    writePlan({ 'actuals/appointments.csv': `${february}gp-access,tiny-icb,2025-03,50400\n` }, join(yearRepo.root, PLAN));
    const result = await runPlan(['diff', 'HEAD'], { cwd: yearRepo.root });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      `Changes to plans/tiny from \`HEAD\` (${yearRepo.git('rev-parse', '--short=7', 'HEAD')}) to the working tree:`,
      '',
      'Measured values',
      '  + 2025-03: 1 measured value, of 1 target for 1 organisation',
      '',
      'Where targets stand',
      '  ✔ objective `gp-access` for `tiny-icb` not met → met: measured 50,400 appointments in March 2025, against at least 50,000 appointments',
      '',
      '0 added, 0 removed, 0 renamed, 0 changed; 0 threads broken, 0 mended; 0 duty coverage changes; planning year: 0 changes to how it reports and its records, 1 measured value added, 0 changed, 0 removed, 1 position changed.',
      '',
    ]);
  });
});

describe('plan diff between two plan folders', () => {
  it('needs no repository, and tells the same changes as between the revisions', async () => {
    const root = makeTempDir();
    writePlan(versions[0]!, join(root, 'before'));
    writePlan(Object.assign({}, ...versions), join(root, 'after'));
    const result = await runPlan(['diff', 'before', 'after'], { cwd: root });
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toBe(['Changes from before to after:', ...allChangesStylish].join('\n'));
  });

  it('compares a folder with a revision of the same plan', async () => {
    const result = await diff('v1', PLAN);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe([`Changes to plans/tiny from \`v1\` (${short.v1}) to the working tree:`, ...allChangesStylish].join('\n'));
  });
});

describe('plan diff that cannot compare (exit 2)', () => {
  it('refuses a revision outside a git repository', async () => {
    const root = makeTempDir();
    writePlan(versions[0]!, join(root, 'plan'));
    const result = await runPlan(['diff', 'main'], { cwd: join(root, 'plan') });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('plan: . is not in a git repository, so `main` cannot be read as a revision of it.\n      Give two plan folders to compare, or run plan diff in a git repository.\n');
  });

  it('refuses an unknown revision, naming the nearest branch or tag', async () => {
    const result = await diff('mainn');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('plan: `mainn` is neither a plan folder nor a revision of this git repository. Did you mean `main`?\n      Give a branch, a tag or a commit id (git log --oneline lists commits), or the path of a plan folder.\n');
  });

  it('refuses a revision at which the plan folder does not exist', async () => {
    const result = await diff('v0', 'v1');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`plan: The plan folder plans/tiny is not there at \`v0\` (${short.v0}): that commit has no plans/tiny/plan.yaml.\n      Give a revision at which the plan was in this folder, or give the plan folder to compare (plan diff OLD NEW DIR).\n`);
  });

  it('refuses a revision that git would read as an option, even after --', async () => {
    const result = await diff('--', '--output=written-by-git', 'v1');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('plan: `--output=written-by-git` is neither a plan folder nor a revision of this git repository.');
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(existsSync(join(repo.root, 'written-by-git'))).toBe(false);
  });

  it('refuses one plan folder alone, which has nothing to compare with', async () => {
    const result = await diff(PLAN);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('plan: plans/tiny is a plan folder, and there is nothing to compare it with.');
  });
});
