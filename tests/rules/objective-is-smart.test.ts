import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, MANIFEST, MANIFEST_LINES, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'objective-is-smart';

/** An objective with an owner but no target: not SMART. */
const notSmart = yaml`
  objectives:
    - id: bed-occupancy
      title: Reduce general and acute bed occupancy
      source: national
      portfolio: urgent-care
`;

// The plan period of the base plan runs from 2023-04-01 to 2028-03-31.

const smart = yaml`
  objectives:
    - id: bed-occupancy
      title: Reduce general and acute bed occupancy
      source: national
      portfolio: urgent-care
      target:
        measure: General and acute bed occupancy
        value: 92
        unit: '%'
        by: 2024-03-31
`;

describe('objective-is-smart', () => {
  it('passes an objective with an owner, a measure, a value, a unit, a priority (here its owner\'s) and a deadline in the plan period', () => {
    expectPasses(compileFixture({ test: smart }), RULE);
  });

  it('reports an objective with no target, at the objective, as a warning naming the failing letters', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      rule: RULE,
      severity: 'warning',
      subject: 'bed-occupancy',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message:
        'Objective `bed-occupancy` is not SMART: it fails M and T (M: missing a measure, a numeric target value and a unit; T: no deadline (`target.by`)).',
    });
  });

  it('fails S alone when the objective has no owning portfolio', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            priorities: [prevention]
            target:
              measure: General and acute bed occupancy
              value: 92
              unit: '%'
              by: 2024-03-31
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 2,
      column: 5,
      message: 'Objective `bed-occupancy` is not SMART: it fails S (S: no owning portfolio).',
    });
  });

  it('fails M alone when the target has no measure', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              value: 92
              unit: '%'
              by: 2024-03-31
      `,
    });
    expect(onlyFindingOf(compilation, RULE).message).toBe('Objective `bed-occupancy` is not SMART: it fails M (M: missing a measure).');
  });

  it('fails M alone when the target has no numeric value', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              measure: General and acute bed occupancy
              unit: '%'
              by: 2024-03-31
      `,
    });
    expect(onlyFindingOf(compilation, RULE).message).toBe('Objective `bed-occupancy` is not SMART: it fails M (M: missing a numeric target value).');
  });

  it('counts a target value of 0 as a value', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: never-events
            title: Eliminate never events
            source: local
            portfolio: urgent-care
            target:
              measure: Never events reported
              value: 0
              unit: events a year
              by: 2024-03-31
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('fails M alone when the target has no unit', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              measure: General and acute bed occupancy
              value: 92
              by: 2024-03-31
      `,
    });
    expect(onlyFindingOf(compilation, RULE).message).toBe('Objective `bed-occupancy` is not SMART: it fails M (M: missing a unit).');
  });

  it('fails R alone when the objective serves no priority', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: workforce
            name: Workforce
        objectives:
          - id: nurse-vacancies
            title: Cut the nurse vacancy rate
            source: local
            portfolio: workforce
            target:
              measure: Registered nurse vacancy rate
              value: 8
              unit: '%'
              by: 2025-03-31
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 5,
      column: 5,
      message: 'Objective `nurse-vacancies` is not SMART: it fails R (R: serves no system priority).',
    });
  });

  it('counts the priorities an objective takes from a cross-cutting enabler as relevant', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: digital
            name: Digital and data
            kind: enabler
        objectives:
          - id: shared-care-record
            title: Give every clinician the shared care record
            source: local
            portfolio: digital
            target:
              measure: Clinicians with access to the shared care record
              value: 95
              unit: '%'
              by: 2025-03-31
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('fails T alone when the target has no deadline, pointing at `target:`', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              measure: General and acute bed occupancy
              value: 92
              unit: '%'
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 6,
      column: 5,
      message: 'Objective `bed-occupancy` is not SMART: it fails T (T: no deadline (`target.by`)).',
    });
  });

  it('fails T alone when the deadline is after the plan period, pointing at `by`', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              measure: General and acute bed occupancy
              value: 92
              unit: '%'
              by: 2028-04-01
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 10,
      column: 11,
      message: 'Objective `bed-occupancy` is not SMART: it fails T (T: deadline 2028-04-01 is outside the plan period 2023-04-01 to 2028-03-31).',
    });
  });

  it('fails T alone when the deadline is before the plan period', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              measure: General and acute bed occupancy
              value: 92
              unit: '%'
              by: 2023-03-31
      `,
    });
    expect(onlyFindingOf(compilation, RULE).message).toContain('T: deadline 2023-03-31 is outside the plan period');
  });

  it('accepts deadlines on the first and the last day of the plan period', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target: { measure: Bed occupancy, value: 92, unit: '%', by: 2023-04-01 }
          - id: ambulance-handovers
            title: Hand ambulance patients over within 45 minutes
            source: national
            portfolio: urgent-care
            target: { measure: Handovers within 45 minutes, value: 100, unit: '%', by: 2028-03-31 }
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('lists every failing letter, in SMART order, with one reason each', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
      `,
    });
    expect(onlyFindingOf(compilation, RULE).message).toBe(
      'Objective `bed-occupancy` is not SMART: it fails S, M, R and T (S: no owning portfolio; M: missing a measure, a numeric target value and a unit; R: serves no system priority; T: no deadline (`target.by`)).',
    );
  });

  describeConfiguration(RULE, notSmart, 'error');

  it('ignores a misspelt rule id in `rules:`, reporting it as a config error at the key with the rule it means', () => {
    const manifest = MANIFEST + yaml`
      rules:
        objective-is-smrt: off
    `;
    const compilation = compileFixture({ manifest, test: notSmart });
    expect(onlyFindingOf(compilation, 'config')).toMatchObject({
      severity: 'error',
      file: 'plan.yaml',
      line: MANIFEST_LINES + 2,
      column: 3,
      message: 'There is no rule `objective-is-smrt`. Did you mean `objective-is-smart`?',
    });
    // The misspelt setting changes nothing: the rule still runs at its default severity.
    expect(onlyFindingOf(compilation, RULE).severity).toBe('warning');
  });
});

