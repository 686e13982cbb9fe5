import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, findingsOf, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'portfolio-has-objectives';

const empty = yaml`
  portfolios:
    - id: mental-health
      name: Mental health, learning disabilities and autism
      priorities: [prevention]
`;

describe('portfolio-has-objectives', () => {
  it('reports a portfolio that owns no objective, at the portfolio, as a warning', () => {
    const finding = onlyFindingOf(compileFixture({ test: empty }), RULE);
    expect(finding).toMatchObject({
      rule: RULE,
      severity: 'warning',
      subject: 'mental-health',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: 'Portfolio `mental-health` (Mental health, learning disabilities and autism) owns no objective.',
    });
    expect(finding.hint).toContain('`portfolio: mental-health`');
  });

  it('passes a portfolio that owns an objective', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: mental-health
            name: Mental health, learning disabilities and autism
            priorities: [prevention]
        objectives:
          - id: talking-therapies
            title: Increase the number of adults completing a course of talking therapy
            source: national
            portfolio: mental-health
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('exempts an enabling workstream that owns no objective', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: digital
            name: Digital and data
            kind: enabler
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('does not count an objective that only shares the portfolio\'s priorities', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: mental-health
            name: Mental health, learning disabilities and autism
            priorities: [prevention]
        objectives:
          - id: talking-therapies
            title: Increase the number of adults completing a course of talking therapy
            source: national
            portfolio: urgent-care
            priorities: [prevention]
      `,
    });
    expect(onlyFindingOf(compilation, RULE).subject).toBe('mental-health');
  });

  it('stays quiet when the objective it owns is left out for a schema error, which is reported instead', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: mental-health
            name: Mental health, learning disabilities and autism
            priorities: [prevention]
        objectives:
          - id: talking-therapies
            title: Increase the number of adults completing a course of talking therapy
            source: nationwide
            portfolio: mental-health
      `,
    });
    expect(onlyFindingOf(compilation, 'schema').subject).toBe('talking-therapies');
    expect(findingsOf(compilation, RULE)).toEqual([]);
  });

  describeConfiguration(RULE, empty, 'error');
});
