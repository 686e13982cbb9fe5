import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'objective-has-action';

const undelivered = yaml`
  objectives:
    - id: ambulance-handovers
      title: Hand ambulance patients over within 45 minutes
      source: national
      portfolio: urgent-care
`;

describe('objective-has-action', () => {
  it('reports an objective that no action serves, at the objective, as a warning', () => {
    const finding = onlyFindingOf(compileFixture({ test: undelivered }), RULE);
    expect(finding).toMatchObject({
      rule: RULE,
      severity: 'warning',
      subject: 'ambulance-handovers',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: 'No action serves national objective "Hand ambulance patients over within 45 minutes" (`ambulance-handovers`).',
      hint: 'Add an action with `objectives: [ambulance-handovers]`, or add `ambulance-handovers` to an existing action\'s `objectives`.',
    });
  });

  it('passes an objective that an action names in `objectives`', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: ambulance-handovers
            title: Hand ambulance patients over within 45 minutes
            source: national
            portfolio: urgent-care
        actions:
          - id: handover-cohorting
            title: Cohort ambulance patients awaiting handover
            objectives: [ambulance-handovers]
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('passes an objective served by an action in another file', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours]
      `,
    });
    expectPasses(compilation, RULE);
    expect(compilation.plan?.objectives.find((o) => o.id === 'ae-4-hours')?.actions.map((a) => a.id)).toEqual([
      'same-day-emergency-care',
      'front-door-triage',
    ]);
  });

  it('does not count an action of the same portfolio that names no objective', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: ambulance-handovers
            title: Hand ambulance patients over within 45 minutes
            source: national
            portfolio: urgent-care
        actions:
          - id: handover-cohorting
            title: Cohort ambulance patients awaiting handover
            portfolio: urgent-care
      `,
    });
    expect(onlyFindingOf(compilation, RULE).subject).toBe('ambulance-handovers');
  });

  it('does not count an action that misspells the objective\'s id', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: ambulance-handovers
            title: Hand ambulance patients over within 45 minutes
            source: national
            portfolio: urgent-care
        actions:
          - id: handover-cohorting
            title: Cohort ambulance patients awaiting handover
            objectives: [ambulance-handover]
      `,
    });
    expect(onlyFindingOf(compilation, RULE).subject).toBe('ambulance-handovers');
    expect(onlyFindingOf(compilation, 'unknown-reference').message).toContain('Did you mean `ambulance-handovers`?');
  });

  describeConfiguration(RULE, undelivered, 'error');
});
