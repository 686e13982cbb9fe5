import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, findingsOf, MANIFEST, MANIFEST_LINES, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'objective-is-smart';

/** An objective with an owner and a priority (its owner's) but no target: it fails M and T. */
const notSmart = yaml`
  objectives:
    - id: bed-occupancy
      title: Reduce general and acute bed occupancy
      source: national
      portfolio: urgent-care
`;

// The plan period of the base plan runs from 2023-04-01 to 2028-03-31.

const BED_OCCUPANCY = 'National objective "Reduce general and acute bed occupancy" (`bed-occupancy`)';

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
    expect(onlyFindingOf(compileFixture({ test: notSmart }), RULE)).toMatchObject({
      rule: RULE,
      severity: 'warning',
      subject: 'bed-occupancy',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: `${BED_OCCUPANCY} is not SMART: it fails M and T (M: no measure, value or unit; T: no deadline).`,
    });
  });

  it('says in its hint how to mend each failing letter, for that objective and that plan period', () => {
    expect(onlyFindingOf(compileFixture({ test: notSmart }), RULE).hint).toBe(
      'For M, add `target.measure` (what is counted), `target.value` (the figure, as a number) and `target.unit` (such as % or minutes). ' +
        'For T, add `target.by` with a date between 2023-04-01 and 2028-03-31.',
    );
  });

  it('fails M alone when the target has no measure, and asks only for the measure', () => {
    const finding = onlyFindingOf(compileFixture({
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
    }), RULE);
    expect(finding.message).toBe(`${BED_OCCUPANCY} is not SMART: it fails M (M: no measure).`);
    expect(finding.hint).toBe('For M, add `target.measure` (what is counted).');
  });

  it('fails M alone when the target has no numeric value, and asks only for the value', () => {
    const finding = onlyFindingOf(compileFixture({
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
    }), RULE);
    expect(finding.message).toBe(`${BED_OCCUPANCY} is not SMART: it fails M (M: no value).`);
    expect(finding.hint).toBe('For M, add `target.value` (the figure, as a number).');
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

  it('fails M alone when the target has no unit, and asks only for the unit', () => {
    const finding = onlyFindingOf(compileFixture({
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
    }), RULE);
    expect(finding.message).toBe(`${BED_OCCUPANCY} is not SMART: it fails M (M: no unit).`);
    expect(finding.hint).toBe('For M, add `target.unit` (such as % or minutes).');
  });

  it('names in each objective\'s hint only the letters that objective fails', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target: { measure: General and acute bed occupancy, value: 92, by: 2024-03-31 }
          - id: ambulance-handovers
            title: Hand ambulance patients over within 45 minutes
            source: national
            portfolio: urgent-care
            target: { measure: Handovers within 45 minutes, value: 100, unit: '%' }
      `,
    });
    const hints = Object.fromEntries(findingsOf(compilation, RULE).map((f) => [f.subject, f.hint]));
    expect(hints).toEqual({
      'bed-occupancy': 'For M, add `target.unit` (such as % or minutes).',
      'ambulance-handovers': 'For T, add `target.by` with a date between 2023-04-01 and 2028-03-31.',
    });
  });

  describe('S and R, which fail only through a gap in the thread', () => {
    it('leaves S of an objective with no owner to the objective-has-owner finding, as context', () => {
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
      expect(findingsOf(compilation, RULE)).toEqual([]);
      expect(onlyFindingOf(compilation, 'objective-has-owner').context).toEqual(['So it fails S of SMART (S: no owning portfolio).']);
    });

    it('leaves R of an objective whose owner serves no priority to the portfolio-serves-priority finding, as context', () => {
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
      expect(findingsOf(compilation, RULE)).toEqual([]);
      expect(onlyFindingOf(compilation, 'portfolio-serves-priority').context).toContain(
        'So local objective "Cut the nurse vacancy rate" (`nurse-vacancies`) fails R of SMART (R: no priority that reaches the collective aim).',
      );
    });

    it('reports S on its own, with how to mend it, when objective-has-owner is off', () => {
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
      }, { ruleOverrides: { 'objective-has-owner': 'off' } });
      expect(onlyFindingOf(compilation, RULE)).toMatchObject({
        line: 2,
        column: 5,
        message: `${BED_OCCUPANCY} is not SMART: it fails S (S: no owning portfolio).`,
        hint: 'For S, give it an owner in `portfolio:`.',
      });
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
      message: `${BED_OCCUPANCY} is not SMART: it fails T (T: no deadline).`,
      hint: 'For T, add `target.by` with a date between 2023-04-01 and 2028-03-31.',
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
      message: `${BED_OCCUPANCY} is not SMART: it fails T (T: the deadline 2028-04-01 is after the plan ends (2023-04-01 to 2028-03-31)).`,
      hint: 'For T, set `target.by` inside the plan period, or add a milestone for this plan\'s period.',
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
    expect(onlyFindingOf(compilation, RULE).message).toBe(
      `${BED_OCCUPANCY} is not SMART: it fails T (T: the deadline 2023-03-31 is before the plan starts (2023-04-01 to 2028-03-31)).`,
    );
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

