import { describe, expect, it } from 'vitest';
import { reviewFingerprint } from '../../src/link/review.js';
import { BASE_SYSTEM, compileFixture, describeConfiguration, expectPasses, findingsOf, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'link-is-reviewed';

// The base plan's objective `ae-4-hours`: 76% by 2024-03-31, owned by `urgent-care`.
const AE = { id: 'ae-4-hours', title: 'Patients seen within four hours in A&E', source: 'national' as const, portfolio: 'urgent-care', target: { measure: 'Patients seen within four hours of arrival', value: 76, unit: '%', by: '2024-03-31' } };
const current = reviewFingerprint(AE);
/** The fingerprint the objective had when its target was 70% by 2023-03-31, under another owner. */
const reviewedWhenItWas70 = reviewFingerprint({ ...AE, portfolio: 'planned-care', target: { ...AE.target, value: 70, by: '2023-03-31' } });

/** An action serving `ae-4-hours`, with `reviewed:` written as given. */
const action = (reviewed: string) => yaml`
  actions:
    - id: handover-cohorting
      title: Cohort patients awaiting ambulance handover
      objectives: [ae-4-hours]
      ${reviewed}
`;

describe('link-is-reviewed', () => {
  it('reports a link whose objective changed since its review, at the fingerprint, naming what changed', () => {
    const finding = onlyFindingOf(compileFixture({ test: action(`reviewed: { ae-4-hours: ${reviewedWhenItWas70} }`) }), RULE);
    expect(finding).toMatchObject({
      rule: RULE,
      severity: 'warning',
      subject: 'handover-cohorting',
      file: 'test.yaml',
      line: 5,
      column: 29,
      message: 'Action "Cohort patients awaiting ambulance handover" (`handover-cohorting`) was reviewed against national objective "Patients seen within four hours in A&E" (`ae-4-hours`), whose target, deadline and owner changed since.',
      hint: 'Check that the action still serves the objective as it now reads, then record that: `plan review handover-cohorting`.',
    });
  });

  it('passes a link whose fingerprint matches the objective as it is', () => {
    expectPasses(compileFixture({ test: action(`reviewed: { ae-4-hours: ${current} }`) }), RULE);
  });

  it('passes a link that was never reviewed, so a plan without fingerprints is not flooded', () => {
    expectPasses(compileFixture({ test: action('') }), RULE);
  });

  it('does not count a title reflowed over several lines as a change', () => {
    const reflowed = BASE_SYSTEM.replace('title: Patients seen within four hours in A&E', 'title: >-\n      Patients seen within\n      four hours in A&E');
    expectPasses(compileFixture({ system: reflowed, test: action(`reviewed: { ae-4-hours: ${current} }`) }), RULE);
  });

  it('does not count a change of the baseline, which is not what the link was planned against', () => {
    const withBaseline = BASE_SYSTEM.replace('      value: 76\n', '      baseline: 71\n      value: 76\n');
    expectPasses(compileFixture({ system: withBaseline, test: action(`reviewed: { ae-4-hours: ${current} }`) }), RULE);
  });

  it('reports a metric whose objective changed since its review', () => {
    const metric = `metrics:\n  - id: waits\n    name: Four-hour waits\n    objective: ae-4-hours\n    reviewed:\n      ae-4-hours: ${reviewedWhenItWas70}\n`;
    expect(onlyFindingOf(compileFixture({ test: metric }), RULE)).toMatchObject({
      subject: 'waits', line: 6, column: 19,
      message: 'Metric "Four-hour waits" (`waits`) was reviewed against national objective "Patients seen within four hours in A&E" (`ae-4-hours`), whose target, deadline and owner changed since.',
      hint: 'Check that the metric still measures the objective as it now reads, then record that: `plan review waits`.',
    });
  });

  it('reports a review kept for an objective the action no longer serves, at its key', () => {
    const finding = onlyFindingOf(compileFixture({ test: action(`reviewed: { ae-4-hours: ${current}, ambulance-handovers: ${current} }`) }), RULE);
    expect(finding).toMatchObject({
      line: 5, column: 50,
      message: 'Action "Cohort patients awaiting ambulance handover" (`handover-cohorting`) records a review against `ambulance-handovers`, which it does not serve.',
      hint: 'Remove `ambulance-handovers` from its `reviewed:`, or run `plan review handover-cohorting`, which keeps only the reviews of what it serves.',
    });
  });

  it('leaves the review of a misspelt objective id to unknown-reference', () => {
    const misspelt = yaml`
      actions:
        - id: handover-cohorting
          title: Cohort patients awaiting ambulance handover
          objectives: [ae-4-hour]
          reviewed: { ae-4-hour: ${current} }
    `;
    const compilation = compileFixture({ test: misspelt });
    expect(findingsOf(compilation, RULE)).toEqual([]);
    expect(findingsOf(compilation, 'unknown-reference')).toHaveLength(1);
  });

  it('says nothing of a link to an objective with a schema error, whose fingerprint cannot be known', () => {
    const broken = BASE_SYSTEM.replace('      value: 76\n', '      value: seventy-six\n');
    const compilation = compileFixture({ system: broken, test: action(`reviewed: { ae-4-hours: ${reviewedWhenItWas70} }`) });
    expect(findingsOf(compilation, RULE)).toEqual([]);
  });

  it('refuses a fingerprint that plan review did not write, as a schema error', () => {
    const compilation = compileFixture({ test: action('reviewed: { ae-4-hours: 3fa2c1e }') });
    expect(onlyFindingOf(compilation, 'schema').message).toContain('must be a review fingerprint as `plan review` writes it, such as 3fa2-c1e0-7b9d-05e4');
  });

  describeConfiguration(RULE, action(`reviewed: { ae-4-hours: ${reviewedWhenItWas70} }`), 'error');
});
