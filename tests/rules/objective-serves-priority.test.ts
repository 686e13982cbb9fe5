import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, findingsOf, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'objective-serves-priority';

/**
 * A portfolio that lists no priorities owns an objective that lists none either. The gap is the
 * portfolio's, so portfolio-serves-priority reports it; this rule's finding stands on its own only
 * when that rule is switched off.
 */
const noPriorityAnywhere = yaml`
  portfolios:
    - id: workforce
      name: Workforce
  objectives:
    - id: nurse-vacancies
      title: Cut the nurse vacancy rate
      source: local
      portfolio: workforce
`;

const NURSE_VACANCIES = 'Local objective "Cut the nurse vacancy rate" (`nurse-vacancies`)';

describe('objective-serves-priority', () => {
  describe('when the gap is an owner that serves no priority', () => {
    it('is told under the owner\'s portfolio-serves-priority finding, not as a finding of its own', () => {
      const compilation = compileFixture({ test: noPriorityAnywhere });
      expect(findingsOf(compilation, RULE)).toEqual([]);
      expect(onlyFindingOf(compilation, 'portfolio-serves-priority').context).toContain(
        `So local objective "Cut the nurse vacancy rate" (\`nurse-vacancies\`) serves no system priority that reaches the collective aim.`,
      );
    });

    it('stands on its own, at the objective, as an error, when portfolio-serves-priority is off', () => {
      const compilation = compileFixture({ test: noPriorityAnywhere }, { ruleOverrides: { 'portfolio-serves-priority': 'off' } });
      expect(onlyFindingOf(compilation, RULE)).toMatchObject({
        rule: RULE,
        severity: 'error',
        subject: 'nurse-vacancies',
        file: 'test.yaml',
        line: 5,
        column: 5,
        message: `${NURSE_VACANCIES} serves no system priority that reaches the collective aim: portfolio "Workforce" (\`workforce\`) serves no system priority.`,
        hint: 'Add `priorities:` to the objective or to its owner `workforce`, naming one or more of: prevention.',
      });
    });

    it('says the same of an enabling workstream with `priorities: []`: an empty list is not cross-cutting', () => {
      const compilation = compileFixture({
        test: yaml`
          portfolios:
            - id: digital
              name: Digital and data
              kind: enabler
              priorities: []
          objectives:
            - id: shared-care-record
              title: Give every clinician the shared care record
              source: local
              portfolio: digital
        `,
      }, { ruleOverrides: { 'portfolio-serves-priority': 'off' } });
      expect(onlyFindingOf(compilation, RULE)).toMatchObject({
        subject: 'shared-care-record',
        line: 7,
        column: 5,
        message: 'Local objective "Give every clinician the shared care record" (`shared-care-record`) serves no system priority that reaches the collective aim: enabling workstream "Digital and data" (`digital`) serves no system priority.',
      });
    });
  });

  describe('when the gap is a missing owner', () => {
    const ownerless = yaml`
      objectives:
        - id: nurse-vacancies
          title: Cut the nurse vacancy rate
          source: local
    `;

    it('is told under the objective-has-owner finding', () => {
      const compilation = compileFixture({ test: ownerless });
      expect(findingsOf(compilation, RULE)).toEqual([]);
      expect(onlyFindingOf(compilation, 'objective-has-owner').context).toContain('So it serves no system priority that reaches the collective aim.');
    });

    it('stands on its own when objective-has-owner is off, saying it has no owner and offering only the objective\'s own `priorities:`', () => {
      const compilation = compileFixture({ test: ownerless }, { ruleOverrides: { 'objective-has-owner': 'off' } });
      expect(onlyFindingOf(compilation, RULE)).toMatchObject({
        line: 2,
        column: 5,
        message: `${NURSE_VACANCIES} serves no system priority that reaches the collective aim: it has no owner.`,
        hint: 'Add `priorities:` to the objective, naming one or more of: prevention.',
      });
    });
  });

  it('is told under the unknown-reference finding, the one finding for a misspelt priority', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: nurse-vacancies
            title: Cut the nurse vacancy rate
            source: local
            portfolio: urgent-care
            priorities: [preventon]
            target: { measure: Registered nurse vacancy rate, value: 8, unit: '%', by: 2025-03-31 }
        actions:
          - id: international-recruitment
            title: Recruit nurses internationally
            objectives: [nurse-vacancies]
      `,
    });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual(['unknown-reference']);
    expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({
      line: 6,
      column: 18,
      message: 'There is no priority with the id `preventon`. Did you mean `prevention`?',
      context: [
        'So it serves no system priority that reaches the collective aim.',
        'So action "Recruit nurses internationally" (`international-recruitment`) does not reach the collective aim.',
        'So it fails R of SMART (R: no priority that reaches the collective aim).',
      ],
    });
  });

  describe('when the priority it lists names no aim', () => {
    const listsAimlessPriority = yaml`
      priorities:
        - id: tackle-inequalities
          title: Tackle inequalities in outcomes and access
      objectives:
        - id: nurse-vacancies
          title: Cut the nurse vacancy rate
          source: local
          portfolio: urgent-care
          priorities: [tackle-inequalities]
    `;

    it('is told under the priority\'s priority-serves-aim finding', () => {
      const compilation = compileFixture({ test: listsAimlessPriority });
      expect(findingsOf(compilation, RULE)).toEqual([]);
      expect(onlyFindingOf(compilation, 'priority-serves-aim').context).toContain(
        `So local objective "Cut the nurse vacancy rate" (\`nurse-vacancies\`) serves no system priority that reaches the collective aim.`,
      );
    });

    it('standing on its own, points at `priorities:` and offers only priorities that reach the aim', () => {
      const compilation = compileFixture({ test: listsAimlessPriority }, { ruleOverrides: { 'priority-serves-aim': 'off' } });
      expect(onlyFindingOf(compilation, RULE)).toMatchObject({
        line: 9,
        column: 17,
        message: `${NURSE_VACANCIES} serves no system priority that reaches the collective aim: priority "Tackle inequalities in outcomes and access" (\`tackle-inequalities\`) names no collective aim.`,
        hint: 'Add `priorities:` to the objective or to its owner `urgent-care`, naming one or more of: prevention.',
      });
    });
  });

  it('offers no priority when none reaches the collective aim, and says to mend one first', () => {
    const compilation = compileFixture({
      system: yaml`
        priorities:
          - id: prevention
            title: Prevent ill health
      `,
      test: noPriorityAnywhere,
    }, { ruleOverrides: { 'portfolio-serves-priority': 'off' } });
    expect(onlyFindingOf(compilation, RULE).hint).toBe('No priority of the plan reaches the collective aim yet: give a priority `aim:` first.');
  });

  it('passes an objective that lists a priority of its own', () => {
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
            priorities: [prevention]
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('passes an objective that lists no priorities but inherits its owner\'s', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: ambulance-handovers
            title: Hand ambulance patients over within 45 minutes
            source: national
            portfolio: urgent-care
      `,
    });
    expectPasses(compilation, RULE);
    const objective = compilation.plan?.objectives.find((o) => o.id === 'ambulance-handovers');
    expect(objective?.prioritiesFrom).toBe('portfolio');
    expect(objective?.priorities.map((p) => p.id)).toEqual(['prevention']);
  });

  it('takes only the objective\'s own priorities when it lists some, not its owner\'s as well', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            title: Tackle inequalities in outcomes and access
            aim: healthier-lives
        objectives:
          - id: ambulance-handovers
            title: Hand ambulance patients over within 45 minutes
            source: national
            portfolio: urgent-care
            priorities: [tackle-inequalities]
      `,
    });
    expectPasses(compilation, RULE);
    const objective = compilation.plan?.objectives.find((o) => o.id === 'ambulance-handovers');
    expect(objective?.prioritiesFrom).toBe('objective');
    expect(objective?.priorities.map((p) => p.id)).toEqual(['tackle-inequalities']);
  });

  it('passes an objective owned by an enabler that lists no priorities: a cross-cutting enabler serves every priority', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            title: Tackle inequalities in outcomes and access
            aim: healthier-lives
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
    const objective = compilation.plan?.objectives.find((o) => o.id === 'shared-care-record');
    expect(objective?.prioritiesFrom).toBe('enabler');
    expect(objective?.priorities.map((p) => p.id)).toEqual(['prevention', 'tackle-inequalities']);
  });

  it('reads `priorities: []` as absent, so the objective takes its owner\'s priorities', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: ambulance-handovers
            title: Hand ambulance patients over within 45 minutes
            source: national
            portfolio: urgent-care
            priorities: []
      `,
    });
    expect(findingsOf(compilation, RULE)).toEqual([]);
    expect(compilation.plan?.objectives.find((o) => o.id === 'ambulance-handovers')?.prioritiesFrom).toBe('portfolio');
  });

  describeConfiguration(RULE, noPriorityAnywhere, 'warning', { 'portfolio-serves-priority': 'off' });
});
