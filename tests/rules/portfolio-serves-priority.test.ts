import { describe, expect, it } from 'vitest';
import { compileFixture, describeConfiguration, expectPasses, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'portfolio-serves-priority';

/** A portfolio that lists no priorities. */
const priorityless = yaml`
  portfolios:
    - id: community-services
      name: Community services
`;

describe('portfolio-serves-priority', () => {
  it('reports a portfolio that lists no priorities, at the portfolio', () => {
    expect(onlyFindingOf(compileFixture({ test: priorityless }), RULE)).toMatchObject({
      severity: 'warning',
      subject: 'community-services',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: 'Portfolio `community-services` (Community services) serves no system priority.',
    });
  });

  it('points at `priorities:` when none of the priorities it lists exists', () => {
    const finding = onlyFindingOf(compileFixture({
      test: yaml`
        portfolios:
          - id: community-services
            name: Community services
            priorities: [prevnetion]
      `,
    }), RULE);
    expect(finding).toMatchObject({ line: 4, column: 17 });
  });

  it('reports an enabling workstream with an empty `priorities: []`', () => {
    const finding = onlyFindingOf(compileFixture({
      test: yaml`
        portfolios:
          - id: estates
            name: Estates
            kind: enabler
            priorities: []
      `,
    }), RULE);
    expect(finding.message).toBe('Enabling workstream `estates` (Estates) serves no system priority.');
    expect(finding.hint).toContain('leave `priorities:` out so the enabler underpins every priority');
  });

  it('passes a portfolio that lists a priority', () => {
    expectPasses(compileFixture(), RULE);
  });

  it('passes an enabling workstream with no `priorities:` field: it underpins every priority', () => {
    expectPasses(compileFixture({
      test: yaml`
        portfolios:
          - id: digital
            name: Digital and data
            kind: enabler
      `,
    }), RULE);
  });

  describeConfiguration(RULE, priorityless, 'error');
});
