import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, findingsOf, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'objective-has-owner';

const unowned = yaml`
  objectives:
    - id: cancer-faster-diagnosis
      title: Tell patients whether they have cancer within 28 days
      source: national
      priorities: [prevention]
  actions:
    - id: community-diagnostic-centres
      title: Open community diagnostic centres
      objectives: [cancer-faster-diagnosis]
`;

describe('objective-has-owner', () => {
  it('reports an objective with no `portfolio`, at the objective, as an error', () => {
    const finding = onlyFindingOf(compileFixture({ test: unowned }), RULE);
    expect(finding).toMatchObject({
      rule: RULE,
      severity: 'error',
      subject: 'cancer-faster-diagnosis',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: 'Objective `cancer-faster-diagnosis` has no owning portfolio.',
    });
    expect(finding.hint).toContain('urgent-care');
  });

  it('reports a misspelt owner at the `portfolio` value and suggests the nearest portfolio', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: cancer-faster-diagnosis
            title: Tell patients whether they have cancer within 28 days
            source: national
            portfolio: urgent-cars
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      severity: 'error',
      subject: 'cancer-faster-diagnosis',
      file: 'test.yaml',
      line: 5,
      column: 16,
      message:
        'Objective `cancer-faster-diagnosis` names `urgent-cars` as its owner, but there is no portfolio or enabling workstream with that id. Did you mean `urgent-care`?',
    });
    // The rule owns this reference, so the link phase does not report it a second time.
    expect(findingsOf(compilation, 'unknown-reference')).toEqual([]);
  });

  it('suggests nothing when no portfolio id is near the one written', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: cancer-faster-diagnosis
            title: Tell patients whether they have cancer within 28 days
            source: national
            portfolio: elective-recovery
      `,
    });
    const finding = onlyFindingOf(compilation, RULE);
    expect(finding.message).toContain('names `elective-recovery` as its owner');
    expect(finding.message).not.toContain('Did you mean');
  });

  it('reports an owner that is an item of another kind, such as a priority', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: cancer-faster-diagnosis
            title: Tell patients whether they have cancer within 28 days
            source: national
            portfolio: prevention
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({ line: 5, column: 16, subject: 'cancer-faster-diagnosis' });
    expect(onlyFindingOf(compilation, RULE).message).toContain('names `prevention` as its owner');
  });

  it('passes an objective owned by a portfolio', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: cancer-faster-diagnosis
            title: Tell patients whether they have cancer within 28 days
            source: national
            portfolio: urgent-care
      `,
    });
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
