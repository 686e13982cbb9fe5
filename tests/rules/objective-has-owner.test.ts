import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, findingsOf, MANIFEST, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'objective-has-owner';

/** An objective with no `portfolio:`, and nothing else wrong with it; no action serves it. */
const unowned = yaml`
  objectives:
    - id: cancer-faster-diagnosis
      title: Tell patients whether they have cancer within 28 days
      source: national
      priorities: [prevention]
      target:
        measure: Patients told within 28 days of referral
        value: 75
        unit: '%'
        by: 2025-03-31
`;

/** A sound objective and the action that serves it, with `portfolio:` written as given. */
function servedObjective(portfolio: string): string {
  return yaml`
    objectives:
      - id: cancer-faster-diagnosis
        title: Tell patients whether they have cancer within 28 days
        source: national
        ${portfolio}
        target:
          measure: Patients told within 28 days of referral
          value: 75
          unit: '%'
          by: 2025-03-31
    actions:
      - id: community-diagnostic-centres
        title: Open community diagnostic centres
        objectives: [cancer-faster-diagnosis]
  `;
}

const CANCER = 'National objective "Tell patients whether they have cancer within 28 days" (`cancer-faster-diagnosis`)';

describe('objective-has-owner', () => {
  it('reports an objective with no `portfolio`, at the objective, as an error', () => {
    expect(onlyFindingOf(compileFixture({ test: unowned }), RULE)).toMatchObject({
      rule: RULE,
      severity: 'error',
      subject: 'cancer-faster-diagnosis',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: `${CANCER} has no owning portfolio.`,
      hint: 'Add `portfolio:` with the id of the portfolio or enabling workstream that owns it: urgent-care.',
    });
  });

  it('is the one finding when an objective\'s `portfolio:` is removed, telling what follows as context', () => {
    const compilation = compileFixture({ test: servedObjective('') });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual([RULE]);
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      severity: 'error',
      message: `${CANCER} has no owning portfolio.`,
      context: [
        'So it serves no system priority that reaches the collective aim.',
        'So action "Open community diagnostic centres" (`community-diagnostic-centres`) does not reach the collective aim.',
        'So it fails S and R of SMART (S: no owning portfolio; R: no priority that reaches the collective aim).',
      ],
    });
  });

  it('reports a misspelt owner at the `portfolio` value and suggests the nearest portfolio', () => {
    const compilation = compileFixture({ test: servedObjective('portfolio: urgent-cars') });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      severity: 'error',
      subject: 'cancer-faster-diagnosis',
      file: 'test.yaml',
      line: 5,
      column: 16,
      message: `${CANCER} names \`urgent-cars\` as its owner, but there is no portfolio or enabling workstream with that id. Did you mean \`urgent-care\`?`,
      hint: 'Use the id of a portfolio or enabling workstream: urgent-care.',
    });
  });

  it('is the one finding for a misspelt owner: the link phase does not report the reference as well', () => {
    const compilation = compileFixture({ test: servedObjective('portfolio: urgent-cars') });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual([RULE]);
    expect(onlyFindingOf(compilation, RULE).context).toEqual([
      'So it serves no system priority that reaches the collective aim.',
      'So action "Open community diagnostic centres" (`community-diagnostic-centres`) does not reach the collective aim.',
      'So it fails S and R of SMART (S: no owning portfolio; R: no priority that reaches the collective aim).',
    ]);
  });

  it('warns that the portfolio it suggests does not reach the collective aim either, and offers only one that does', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: community-services
            name: Community services
        objectives:
          - id: community-response
            title: Respond to urgent community referrals within two hours
            source: local
            portfolio: community-service
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      message: 'Local objective "Respond to urgent community referrals within two hours" (`community-response`) names `community-service` as its owner, but there is no portfolio or enabling workstream with that id. Did you mean `community-services`? It does not reach the collective aim yet either.',
      hint: 'Use the id of a portfolio or enabling workstream: urgent-care.',
    });
  });

  it('offers no owner when no portfolio of the plan reaches the collective aim', () => {
    const compilation = compileFixture({
      system: yaml`
        priorities:
          - id: prevention
            title: Prevent ill health
        portfolios:
          - id: urgent-care
            name: Urgent and emergency care
            priorities: [prevention]
      `,
      test: unowned,
    });
    expect(onlyFindingOf(compilation, RULE).hint).toBe(
      'Add `portfolio:` with the id of the portfolio or enabling workstream that owns it (no portfolio of the plan reaches the collective aim yet).',
    );
  });

  it('suggests nothing when no portfolio id is near the one written', () => {
    const finding = onlyFindingOf(compileFixture({ test: servedObjective('portfolio: elective-recovery') }), RULE);
    expect(finding.message).toBe(`${CANCER} names \`elective-recovery\` as its owner, but there is no portfolio or enabling workstream with that id.`);
  });

  it('reports an owner that is an item of another kind, such as a priority', () => {
    const compilation = compileFixture({ test: servedObjective('portfolio: prevention') });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 5,
      column: 16,
      subject: 'cancer-faster-diagnosis',
      message: `${CANCER} names \`prevention\` as its owner, but \`prevention\` is a priority, not a portfolio or enabling workstream.`,
    });
    expect(findingsOf(compilation, 'unknown-reference')).toEqual([]);
  });

  it('reports as an error, whatever its setting, when an action\'s thread stops at it', () => {
    const manifest = `${MANIFEST}rules:\n  ${RULE}: warning\n`;
    const finding = onlyFindingOf(compileFixture({ manifest, test: servedObjective('') }), RULE);
    expect(finding.severity).toBe('error');
  });

  it('passes an objective owned by a portfolio', () => {
    const compilation = compileFixture({ test: servedObjective('portfolio: urgent-care') });
    expectPasses(compilation, RULE);
    expect(compilation.plan?.objectives.find((o) => o.id === 'cancer-faster-diagnosis')?.owner?.id).toBe('urgent-care');
  });

  it('passes an objective owned by an enabling workstream', () => {
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
      `,
    });
    expectPasses(compilation, RULE);
  });

  describeConfiguration(RULE, unowned, 'warning');
});
