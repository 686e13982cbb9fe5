// The five rules of the planning year, each firing on a fixture that shows it and silent on a clean one.

import { describe, expect, it } from 'vitest';
import { compileFixture, expectPasses, findingsOf, onlyFindingOf, yaml, YEAR_MANIFEST } from '../helpers/plan-fixture.js';

// An objective "at least 95% by March 2024", a trust, and the base plan's action.
const base = yaml`
  organisations:
    - id: trust
      name: Example Hospitals NHS Trust
      short_name: Example Hospitals
      type: nhs_trust
  objectives:
    - id: diagnostics
      title: Diagnostic tests within six weeks
      source: national
      portfolio: urgent-care
      target:
        measure: Patients tested within six weeks
        value: 95
        comparison: at_least
        unit: '%'
        by: 2024-03-31
  actions:
    - id: diagnostic-hubs
      title: Open community diagnostic hubs
      objectives: [diagnostics]
  progress:
    - action: diagnostic-hubs
      date: 2024-03-28
      status: on_track
      update: Two hubs open.
    - action: same-day-emergency-care
      date: 2024-03-28
      status: on_track
      update: Open at both sites.
`;

const trajectory = (values: string, extra = '') => `${base}trajectories:\n  - target: diagnostics\n    organisation: trust\n${extra}    values:\n${values}`;
const march = 'target,organisation,period,value\ndiagnostics,trust,2024-03,95.2\nae-4-hours,trust,2024-03,77\n';

function compile(test: string, csv = march, manifest = YEAR_MANIFEST) {
  return compileFixture({ manifest, test, files: { 'actuals/performance.csv': csv } });
}

/** `off` in plan.yaml silences a rule, and `error` there is the severity it reports at. */
function describeConfiguration(rule: string, failing: string, csv = march): void {
  describe('configuration', () => {
    it('is silenced by `off` in plan.yaml `rules:`', () => {
      expect(findingsOf(compile(failing, csv, `${YEAR_MANIFEST}rules:\n  ${rule}: off\n`), rule)).toEqual([]);
    });

    it('reports at the severity plan.yaml gives it', () => {
      expect(onlyFindingOf(compile(failing, csv, `${YEAR_MANIFEST}rules:\n  ${rule}: error\n`), rule).severity).toBe('error');
    });
  });
}

describe('trajectory-ends-at-target', () => {
  const RULE = 'trajectory-ends-at-target';
  const short = trajectory('      2024-01: 90\n      2024-02: 91\n      2024-03: 93\n');

  it('reports a planned trajectory whose last value does not reach the target, at that value', () => {
    expect(onlyFindingOf(compile(short), RULE)).toMatchObject({
      severity: 'warning', subject: 'diagnostics', file: 'test.yaml', line: 36, column: 16,
      message: 'National objective "Diagnostic tests within six weeks" (`diagnostics`): the planned trajectory for Example Hospitals ends at 93% in 2024-03, which does not reach the target of at least 95%.',
    });
  });

  it('reports a period outside the plan period, at its key', () => {
    const late = trajectory('      2024-03: 95\n      2024-04: 96\n');
    expect(onlyFindingOf(compile(late, march, YEAR_MANIFEST.replace('end: 2028-03-31', 'end: 2024-03-31')), RULE)).toMatchObject({
      line: 35, column: 7, message: expect.stringContaining('plans 2024-04, which is outside the plan period (2023-04-01 to 2024-03-31)'),
    });
  });

  it('passes a trajectory that ends at its target', () => {
    expectPasses(compile(trajectory('      2024-01: 90\n      2024-02: 93\n      2024-03: 95\n')), RULE);
  });

  it('passes a forecast that ends short: a forecast may expect a miss', () => {
    expectPasses(compile(trajectory('      2024-03: 93\n', '    kind: forecast\n')), RULE);
  });

  describeConfiguration(RULE, short);
});

describe('actual-on-trajectory', () => {
  const RULE = 'actual-on-trajectory';
  const planned = trajectory('      2024-02: 94\n      2024-03: 95\n', '    tolerance: 1\n');

  it('reports an actual that falls short of its trajectory by more than the tolerance, at its value', () => {
    const csv = 'target,organisation,period,value\ndiagnostics,trust,2024-02,92.5\ndiagnostics,trust,2024-03,95.2\nae-4-hours,trust,2024-03,77\n';
    expect(onlyFindingOf(compile(planned, csv), RULE)).toMatchObject({
      severity: 'warning', file: 'actuals/performance.csv', line: 2, column: 27,
      message: 'National objective "Diagnostic tests within six weeks" (`diagnostics`): Example Hospitals measured 92.5% in 2024-02, 1.5% short of its planned trajectory of 94%; the tolerance is 1%.',
    });
  });

  it('passes an actual within the tolerance, and one better than planned', () => {
    const csv = 'target,organisation,period,value\ndiagnostics,trust,2024-02,93.2\ndiagnostics,trust,2024-03,97\nae-4-hours,trust,2024-03,77\n';
    expectPasses(compile(planned, csv), RULE);
  });

  it('takes the plan\'s relative tolerance when the trajectory gives none', () => {
    const csv = 'target,organisation,period,value\ndiagnostics,trust,2024-02,92.5\ndiagnostics,trust,2024-03,95.2\nae-4-hours,trust,2024-03,77\n';
    const manifest = `${YEAR_MANIFEST}  tolerance_percent: 2\n`;
    expectPasses(compile(trajectory('      2024-02: 94\n      2024-03: 95\n'), csv, manifest), RULE);
  });

  it('judges a period against the planned trajectory where there is one, and against a forecast where only it has the period', () => {
    const both = `${planned}  - target: diagnostics\n    organisation: trust\n    kind: forecast\n    tolerance: 1\n    values:\n      2024-01: 80\n      2024-02: 90\n`;
    // 2024-02: 92.5 is short of the plan's 94, but not of the forecast's 90; 2024-01 has only the forecast, 78 short of its 80.
    const csv = 'target,organisation,period,value\ndiagnostics,trust,2024-01,78\ndiagnostics,trust,2024-02,92.5\ndiagnostics,trust,2024-03,95.2\nae-4-hours,trust,2024-03,77\n';
    expect(findingsOf(compile(both, csv), RULE).map((d) => [d.line, d.message.replace(/^.*: /, '')])).toEqual([
      [2, 'Example Hospitals measured 78% in 2024-01, 2% short of its forecast trajectory of 80%; the tolerance is 1%.'],
      [3, 'Example Hospitals measured 92.5% in 2024-02, 1.5% short of its planned trajectory of 94%; the tolerance is 1%.'],
    ]);
  });

  describeConfiguration(RULE, planned, 'target,organisation,period,value\ndiagnostics,trust,2024-02,92.5\ndiagnostics,trust,2024-03,95.2\nae-4-hours,trust,2024-03,77\n');
});

describe('target-has-current-actual', () => {
  const RULE = 'target-has-current-actual';

  it('reports a target with no actual for the latest complete month, at its target', () => {
    const csv = 'target,organisation,period,value\ndiagnostics,trust,2024-02,95.2\nae-4-hours,trust,2024-03,77\n';
    expect(onlyFindingOf(compile(base, csv), RULE)).toMatchObject({
      severity: 'warning', subject: 'diagnostics', file: 'test.yaml', line: 11, column: 5,
      message: 'National objective "Diagnostic tests within six weeks" (`diagnostics`) has no actual for March 2024, the latest complete month at 8 April 2024, for Example Hospitals (the latest is for February 2024).',
    });
  });

  it('asks for the latest complete quarter of a target whose trajectory is by quarters', () => {
    const quarterly = trajectory("      '2023/24 Q3': 94\n      '2023/24 Q4': 95\n");
    const csv = 'target,organisation,period,value\ndiagnostics,trust,2023/24 Q3,95.2\nae-4-hours,trust,2024-03,77\n';
    expect(onlyFindingOf(compile(quarterly, csv), RULE).message).toContain('has no actual for 2023/24 Q4 (January to March 2024), the latest complete quarter');
  });

  it('passes targets with an actual for the latest complete period', () => {
    expectPasses(compile(base), RULE);
  });

  it('says nothing when the plan sets no `year.as_at`', () => {
    expect(findingsOf(compileFixture({ test: base }), RULE)).toEqual([]);
  });

  describeConfiguration(RULE, base, 'target,organisation,period,value\ndiagnostics,trust,2024-02,95.2\nae-4-hours,trust,2024-03,77\n');
});

describe('actual-refers-to-plan', () => {
  const RULE = 'actual-refers-to-plan';
  const typo = `${march}diagnostic,trust,2024-02,94\n`;

  it('reports a row for an objective or metric the plan does not have, with the nearest id', () => {
    expect(onlyFindingOf(compile(base, typo), RULE)).toMatchObject({ severity: 'error', line: 4, column: 1, message: 'This actual is for `diagnostic`, but the plan has no objective or metric with that id. Did you mean `diagnostics`?' });
  });

  it('passes rows that all name the plan\'s targets and organisations', () => {
    expectPasses(compile(base), RULE);
  });

  it('can be made a warning in plan.yaml', () => {
    expect(onlyFindingOf(compile(base, typo, `${YEAR_MANIFEST}rules:\n  ${RULE}: warning\n`), RULE).severity).toBe('warning');
  });
});

describe('stocktake-up-to-date', () => {
  const RULE = 'stocktake-up-to-date';
  const behind = base.replace('    date: 2024-03-28\n    status: on_track\n    update: Two hubs open.', '    date: 2023-12-20\n    status: at_risk\n    update: One hub delayed.');

  it('reports an action whose latest update is for an earlier stocktake, at the action', () => {
    expect(onlyFindingOf(compile(behind), RULE)).toMatchObject({
      severity: 'warning', subject: 'diagnostic-hubs', file: 'test.yaml', line: 18, column: 5,
      message: 'Action "Open community diagnostic hubs" (`diagnostic-hubs`) has no progress update for the 2023/24 Q4 stocktake, due by 31 March 2024 (the latest is for 2023/24 Q3, dated 20 December 2023).',
    });
  });

  it('passes an action that is done, with no update', () => {
    expectPasses(compile(behind.replace('    objectives: [diagnostics]\n', '    objectives: [diagnostics]\n    status: done\n')), RULE);
  });

  it('passes when every action has an update for the stocktake due', () => {
    expectPasses(compile(base), RULE);
  });

  describeConfiguration(RULE, behind);
});
