// `plan check --baseline FILE` for CI on a plan with known warnings: the baseline records the embedded
// plan's 122 warnings and passes it; a newly introduced warning fails the check and is shown; entries
// match by rule, subject and message, so an unrelated edit above them keeps them matching.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { copyPlan, makeTempDir, removeTempDirs, replaceOnce, repoRoot, runPlan, stylishFindings } from '../helpers/cli.js';

afterAll(removeTempDirs);

const PLAN = 'plans/staffordshire-stoke-2023-24';

let root: string;
const check = (...args: string[]) => runPlan(['check', PLAN, ...args], { cwd: root });
const baselineOf = () => JSON.parse(readFileSync(join(root, 'baseline.json'), 'utf8')) as { format: string; plans: Record<string, { rule: string; subject: string | null; message: string; count: number }[]> };
const countOf = () => Object.values(baselineOf().plans).flat().reduce((sum, entry) => sum + entry.count, 0);

/** An action with no objective, which action-serves-objective warns about. */
function addUnlinkedAction(): void {
  const file = join(root, PLAN, 'actions.yaml');
  // Done already, so it owes the stocktake nothing: its one new warning is the missing objective.
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n  - id: front-door-streaming\n    title: Stream patients at the front door\n    portfolio: uec\n    status: done\n`);
}

/** Links `cyp-ltc-programme` to objective 13, which mends two of the 122 warnings. */
function fixTwoWarnings(): void {
  replaceOnce(join(root, PLAN, 'actions.yaml'), '    portfolio: cyp-maternity\n\n  - id: cyp-complex-needs-project', '    portfolio: cyp-maternity\n    objectives: [no-13]\n\n  - id: cyp-complex-needs-project');
}

beforeEach(async () => {
  root = makeTempDir();
  copyPlan(join(repoRoot, PLAN), join(root, PLAN));
  const created = await check('--baseline', 'baseline.json', '--update-baseline');
  expect(created.code).toBe(0);
});

describe('plan check --baseline on the embedded plan', () => {
  it('is created by --update-baseline with the 122 warnings, keyed by rule, subject and message, with no line numbers', () => {
    const baseline = baselineOf();
    expect(baseline.format).toBe('plan-baseline/1');
    expect(Object.keys(baseline.plans)).toEqual([PLAN]);
    expect(countOf()).toBe(122);
    const entry = baseline.plans[PLAN]!.find((e) => e.subject === 'cyp-ltc-programme');
    expect(entry).toEqual({
      rule: 'action-serves-objective', subject: 'cyp-ltc-programme', count: 1,
      message: 'Action "Design and Implement Long Term Conditions Programme (Diabetes…" (`cyp-ltc-programme`) names no objective it delivers; it reaches the collective aim only through portfolio "Children and Young People / Maternity" (`cyp-maternity`).',
    });
    for (const e of baseline.plans[PLAN]!) expect(Object.keys(e).sort()).toEqual(['count', 'message', 'rule', 'subject']);
  });

  it('passes the plan with its 122 warnings, and says they are in the baseline', async () => {
    const result = await check('--baseline', 'baseline.json');
    expect(result).toMatchObject({ code: 0, stdout: `✔ No new problems in ${PLAN} (122 in the baseline).\n`, stderr: '' });
  });

  it('fails on a newly introduced warning, and shows it', async () => {
    addUnlinkedAction();
    const result = await check('--baseline', 'baseline.json');
    expect(result.code).toBe(1);
    expect(stylishFindings(result.stdout).map((f) => `${f.severity} ${f.rule} ${f.message}`)).toEqual([
      'warning action-serves-objective Action "Stream patients at the front door" (`front-door-streaming`) names no objective it delivers; it reaches the collective aim only through portfolio "Urgent & Emergency Care" (`uec`).',
    ]);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('⚠ 1 new problem (0 errors, 1 warning; 122 in the baseline)');
    expect(result.stderr).toBe('plan: 1 warning is not in the baseline baseline.json.\n');
  });

  it('lists only the new finding in the json format too', async () => {
    addUnlinkedAction();
    const result = await check('--baseline', 'baseline.json', '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { subject: string }[]; summary: unknown };
    expect(report.diagnostics.map((d) => d.subject)).toEqual(['front-door-streaming']);
    expect(report.summary).toEqual({ errors: 0, warnings: 1 });
  });

  it('still matches after an unrelated edit moves every line', async () => {
    const file = join(root, PLAN, 'actions.yaml');
    writeFileSync(file, `# A comment that moves every line below it.\n\n${readFileSync(file, 'utf8')}`);
    expect((await check('--baseline', 'baseline.json')).code).toBe(0);
  });

  it('reports a finding that is gone as stale on stderr, without failing', async () => {
    fixTwoWarnings();
    const result = await check('--baseline', 'baseline.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`✔ No new problems in ${PLAN} (120 in the baseline).\n`);
    expect(result.stderr.split('\n')).toEqual([
      'plan: 2 findings in the baseline baseline.json are gone (fixed, or reworded):',
      `      ${PLAN}: action-serves-objective cyp-ltc-programme: Action "Design and Implement Long Term Conditions Programme (Diabetes…" (\`cyp-ltc-programme\`) names no objective it delivers; it reaches the collective aim only through portfolio "Children and Young People / Maternity" (\`cyp-maternity\`).`,
      `      ${PLAN}: objective-has-action no-13: No action serves national objective 13: Make progress towards the national safety ambition to reduce… (\`no-13\`).`,
      '      Drop them from the baseline with: plan check --baseline baseline.json --update-baseline',
      '',
    ]);
  });

  it('fails on a stale entry when asked to, with --fail-on-stale', async () => {
    fixTwoWarnings();
    expect((await check('--baseline', 'baseline.json', '--fail-on-stale')).code).toBe(1);
  });

  it('only shrinks on --update-baseline: gone findings are dropped, new ones are not added', async () => {
    fixTwoWarnings();
    addUnlinkedAction();
    const result = await check('--baseline', 'baseline.json', '--update-baseline');
    expect(result.code).toBe(1);
    expect(stylishFindings(result.stdout).map((f) => f.message)).toEqual([expect.stringContaining('(`front-door-streaming`)')]);
    expect(result.stderr).toBe('plan: the baseline baseline.json now records 120 findings.\nplan: 1 warning is not in the baseline baseline.json; the baseline only shrinks unless --force is given.\n');
    expect(countOf()).toBe(120);
  });

  it('grows with --update-baseline --force, and then passes', async () => {
    addUnlinkedAction();
    const result = await check('--baseline', 'baseline.json', '--update-baseline', '--force');
    expect(result).toMatchObject({ code: 0, stderr: 'plan: the baseline baseline.json now records 123 findings.\n' });
    expect(countOf()).toBe(123);
    expect((await check('--baseline', 'baseline.json')).code).toBe(0);
  });

  it('names each plan from the baseline file\'s folder, so it matches from wherever plan runs', async () => {
    const result = await runPlan(['check', '--baseline', '../../baseline.json'], { cwd: join(root, PLAN) });
    expect(result).toMatchObject({ code: 0, stdout: '✔ No new problems in this plan (122 in the baseline).\n' });
  });

  it('writes the same bytes for the same findings', async () => {
    const first = readFileSync(join(root, 'baseline.json'), 'utf8');
    await check('--baseline', 'baseline.json', '--update-baseline', '--force');
    expect(readFileSync(join(root, 'baseline.json'), 'utf8')).toBe(first);
  });
});

describe('plan check --baseline that cannot run (exit 2)', () => {
  it('refuses a baseline file that is not there, saying how to make one', async () => {
    const result = await check('--baseline', 'missing.json');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('plan: There is no baseline file missing.json.\n      Record the findings of now in it with: plan check --baseline missing.json --update-baseline\n');
  });

  it('refuses a file that is not a plan baseline', async () => {
    writeFileSync(join(root, 'baseline.json'), '{"format": "eslint-suppressions", "plans": {}}\n');
    const wrong = await check('--baseline', 'baseline.json');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('plan: baseline.json is not a plan baseline (`"format": "plan-baseline/1"`) at `format`');
    writeFileSync(join(root, 'baseline.json'), '{ not json');
    const broken = await check('--baseline', 'baseline.json');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('plan: baseline.json is not a plan baseline: it is not valid JSON');
  });

  it('refuses --update-baseline, --fail-on-stale and --force without what they go with', async () => {
    expect((await check('--update-baseline')).stderr).toBe('plan: --update-baseline needs --baseline FILE.\n      For example: plan check --baseline plan-baseline.json --update-baseline\n');
    expect((await check('--fail-on-stale')).code).toBe(2);
    expect((await check('--baseline', 'baseline.json', '--force')).stderr).toBe('plan: --force goes with --update-baseline: it lets the baseline grow.\n');
  });

  it('refuses to write a baseline where the plan would read it as a source', async () => {
    const result = await check('--baseline', `${PLAN}/baseline.yaml`, '--update-baseline');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is inside the plan folder ${PLAN}, which would read it back as part of the plan.`);
  });
});
