import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

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
      message: 'Portfolio "Mental health, learning disabilities and autism" (`mental-health`) owns no objective.',
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

  it('counts an objective with a schema error as owned, so only the schema error is reported', () => {
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
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject])).toEqual([['schema', 'talking-therapies']]);
    expect(compilation.plan?.portfolios.find((p) => p.id === 'mental-health')?.objectives.map((o) => o.id)).toEqual(['talking-therapies']);
  });

  describeConfiguration(RULE, empty, 'error');
});
