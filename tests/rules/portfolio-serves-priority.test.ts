import { describe, expect, it } from 'vitest';
import { compileFixture, describeConfiguration, expectPasses, findingsOf, MANIFEST, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'portfolio-serves-priority';

/** A portfolio that lists no priorities. */
const priorityless = yaml`
  portfolios:
    - id: community-services
      name: Community services
`;

/** A portfolio that lists no priorities, owning an objective that one action serves. */
const prioritylessOwner = yaml`
  portfolios:
    - id: community-services
      name: Community services
  objectives:
    - id: community-response
      title: Respond to urgent community referrals within two hours
      source: local
      portfolio: community-services
      target:
        measure: Referrals answered within two hours
        value: 70
        unit: '%'
        by: 2025-03-31
  actions:
    - id: two-hour-response
      title: Staff a two-hour community response team
      objectives: [community-response]
`;

describe('portfolio-serves-priority', () => {
  it('reports a portfolio that lists no priorities, at the portfolio', () => {
    expect(onlyFindingOf(compileFixture({ test: priorityless }), RULE)).toMatchObject({
      severity: 'warning',
      subject: 'community-services',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: 'Portfolio "Community services" (`community-services`) serves no system priority.',
      hint: 'Add `priorities:` naming one or more of: prevention.',
    });
  });

  it('leaves a portfolio whose listed priorities do not exist to the one unknown-reference finding', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: community-services
            name: Community services
            priorities: [prevnetion]
      `,
    });
    expect(findingsOf(compilation, RULE)).toEqual([]);
    expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({
      line: 4,
      column: 18,
      message: 'There is no priority with the id `prevnetion`. Did you mean `prevention`?',
    });
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
    expect(finding.message).toBe('Enabling workstream "Estates" (`estates`) serves no system priority.');
    expect(finding.hint).toBe('Add `priorities:` naming one or more of: prevention; or leave `priorities:` out so the enabler underpins every priority.');
  });

  it('offers in its hint only priorities that reach the collective aim', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            title: Tackle inequalities in outcomes and access
        portfolios:
          - id: community-services
            name: Community services
      `,
    });
    expect(onlyFindingOf(compilation, RULE).hint).toBe('Add `priorities:` naming one or more of: prevention.');
  });

  it('offers no priority at all when none reaches the collective aim, and says to mend one first', () => {
    const compilation = compileFixture({
      system: yaml`
        priorities:
          - id: prevention
            title: Prevent ill health
      `,
      test: priorityless,
    });
    expect(onlyFindingOf(compilation, RULE).hint).toBe('No priority of the plan reaches the collective aim yet: give a priority `aim:` first.');
  });

  it('is the one finding for a portfolio with no priorities, telling what it cuts off as context', () => {
    const compilation = compileFixture({ test: prioritylessOwner });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual([RULE]);
    expect(onlyFindingOf(compilation, RULE).context).toEqual([
      'So local objective "Respond to urgent community referrals within two hours" (`community-response`) serves no system priority that reaches the collective aim.',
      'So action "Staff a two-hour community response team" (`two-hour-response`) does not reach the collective aim.',
      'So local objective "Respond to urgent community referrals within two hours" (`community-response`) fails R of SMART (R: no priority that reaches the collective aim).',
    ]);
  });

  it('becomes an error when what it cuts off is an error, so one message never hides an error behind a warning', () => {
    const finding = onlyFindingOf(compileFixture({ test: prioritylessOwner }), RULE);
    expect(finding.severity).toBe('error');
  });

  it('stays a warning when only warnings follow from it', () => {
    const manifest = `${MANIFEST}rules:\n  objective-serves-priority: warning\n  action-traces-to-aim: warning\n`;
    const compilation = compileFixture({ manifest, test: prioritylessOwner });
    expect(onlyFindingOf(compilation, RULE).severity).toBe('warning');
  });

  it('leaves its consequences standing on their own, with their full messages, when it is switched off', () => {
    const compilation = compileFixture({ test: prioritylessOwner }, { ruleOverrides: { [RULE]: 'off' } });
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject, d.severity])).toEqual([
      ['objective-is-smart', 'community-response', 'warning'],
      ['objective-serves-priority', 'community-response', 'error'],
      ['action-traces-to-aim', 'two-hour-response', 'error'],
    ]);
    expect(onlyFindingOf(compilation, 'objective-serves-priority').message).toBe(
      'Local objective "Respond to urgent community referrals within two hours" (`community-response`) serves no system priority that reaches the collective aim: portfolio "Community services" (`community-services`) serves no system priority.',
    );
    expect(onlyFindingOf(compilation, 'action-traces-to-aim').message).toBe(
      'Action "Staff a two-hour community response team" (`two-hour-response`) does not reach the collective aim: the thread stops where portfolio "Community services" (`community-services`) serves no system priority.',
    );
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
