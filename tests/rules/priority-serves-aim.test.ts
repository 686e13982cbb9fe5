import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, findingsOf, MANIFEST, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'priority-serves-aim';

const aimless = yaml`
  priorities:
    - id: tackle-inequalities
      title: Tackle inequalities in outcomes and access
`;

/** plan.yaml without its `collective_aim:` section. */
const manifestWithoutAim = MANIFEST.slice(0, MANIFEST.indexOf('collective_aim:'));

describe('priority-serves-aim', () => {
  it('reports a priority with no `aim`, at the priority, as an error', () => {
    const finding = onlyFindingOf(compileFixture({ test: aimless }), RULE);
    expect(finding).toMatchObject({
      rule: RULE,
      severity: 'error',
      subject: 'tackle-inequalities',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: 'Priority "Tackle inequalities in outcomes and access" (`tackle-inequalities`) does not say which aim it serves.',
      hint: 'Add `aim: healthier-lives` to the priority.',
    });
  });

  it('reports a misspelt aim at the `aim` value and suggests the collective aim', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            title: Tackle inequalities in outcomes and access
            aim: healthy-lives
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 4,
      column: 10,
      message: 'Priority "Tackle inequalities in outcomes and access" (`tackle-inequalities`) serves `healthy-lives`, which is not the plan\'s collective aim. Did you mean `healthier-lives`?',
      hint: 'Write `aim: healthier-lives`.',
    });
    // The rule owns this reference: the link phase does not report it as well.
    expect(findingsOf(compilation, 'unknown-reference')).toEqual([]);
  });

  it('names the priority by its number when it has one', () => {
    const finding = onlyFindingOf(compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            number: 3
            title: Tackle inequalities in outcomes and access
      `,
    }), RULE);
    expect(finding.message).toBe('Priority 3: Tackle inequalities in outcomes and access (`tackle-inequalities`) does not say which aim it serves.');
  });

  it('reports an aim that names another item, such as a priority', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            title: Tackle inequalities in outcomes and access
            aim: prevention
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 4,
      column: 10,
      message: 'Priority "Tackle inequalities in outcomes and access" (`tackle-inequalities`) serves `prevention`, which is not the plan\'s collective aim.',
    });
  });

  it('tells what the wrong aim cuts off under its one finding: the portfolio, objective and action beneath it', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            title: Tackle inequalities in outcomes and access
            aim: healthy-lives
        portfolios:
          - id: community-services
            name: Community services
            priorities: [tackle-inequalities]
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
      `,
    });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual([RULE]);
    expect(onlyFindingOf(compilation, RULE).context).toEqual([
      'So local objective "Respond to urgent community referrals within two hours" (`community-response`) serves no system priority that reaches the collective aim.',
      'So action "Staff a two-hour community response team" (`two-hour-response`) does not reach the collective aim.',
      'So local objective "Respond to urgent community referrals within two hours" (`community-response`) fails R of SMART (R: no priority that reaches the collective aim).',
    ]);
  });

  it('reports a plan with no collective aim once, at plan.yaml, however many priorities it has', () => {
    const compilation = compileFixture({ manifest: manifestWithoutAim, test: aimless });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      severity: 'error',
      file: 'plan.yaml',
      line: 1,
      column: 1,
      message: 'The plan has no collective aim, so none of its 2 system priorities can serve one.',
      hint: 'Add `collective_aim:` with `id` and `statement` to plan.yaml, and name its id in each priority\'s `aim:`.',
    });
  });

  it('tells every objective and action cut off by the missing collective aim under that one finding', () => {
    const compilation = compileFixture({ manifest: manifestWithoutAim, test: aimless });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual([RULE]);
    expect(onlyFindingOf(compilation, RULE).context).toEqual([
      'So national objective "Patients seen within four hours in A&E" (`ae-4-hours`) serves no system priority that reaches the collective aim.',
      'So action "Open same day emergency care at every acute site" (`same-day-emergency-care`) does not reach the collective aim.',
      'So national objective "Patients seen within four hours in A&E" (`ae-4-hours`) fails R of SMART (R: no priority that reaches the collective aim).',
    ]);
  });

  it('passes a priority that names the collective aim', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            title: Tackle inequalities in outcomes and access
            aim: healthier-lives
      `,
    });
    expectPasses(compilation, RULE);
    expect(compilation.plan?.aim?.priorities.map((p) => p.id)).toEqual(['prevention', 'tackle-inequalities']);
  });

  describeConfiguration(RULE, aimless, 'warning');
});
