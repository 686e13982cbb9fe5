import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, findingsOf, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'action-traces-to-aim';

// Every finding of this rule follows from a gap that another check reports: it is told under that
// finding, and stands on its own, with its full message, only when the check that owns the gap is off.

/** An action with neither objectives nor a portfolio: action-serves-objective owns that gap. */
const loose = yaml`
  actions:
    - id: front-door-triage
      title: Stream patients at the emergency department front door
`;

/** An action whose one objective serves a priority that names no aim: priority-serves-aim owns that gap. */
const belowAimlessPriority = yaml`
  priorities:
    - id: grow-workforce
      title: Grow the workforce
  objectives:
    - id: nurse-vacancies
      title: Cut the nurse vacancy rate
      source: local
      portfolio: urgent-care
      priorities: [grow-workforce]
  actions:
    - id: international-recruitment
      title: Recruit nurses internationally
      objectives: [nurse-vacancies]
`;

/** An action linked only to a portfolio that serves no priority: portfolio-serves-priority owns that gap. */
const belowPrioritylessPortfolio = yaml`
  portfolios:
    - id: workforce
      name: Workforce
  actions:
    - id: staff-passports
      title: Introduce digital staff passports
      portfolio: workforce
`;

const FRONT_DOOR = 'Action "Stream patients at the emergency department front door" (`front-door-triage`)';
const RECRUITMENT = 'Action "Recruit nurses internationally" (`international-recruitment`)';
const PASSPORTS = 'Action "Introduce digital staff passports" (`staff-passports`)';

describe('action-traces-to-aim', () => {
  describe('told under the finding of the gap it follows from', () => {
    it('under action-serves-objective, for an action with neither objectives nor a portfolio', () => {
      const compilation = compileFixture({ test: loose });
      expect(compilation.diagnostics.map((d) => d.rule)).toEqual(['action-serves-objective']);
      expect(onlyFindingOf(compilation, 'action-serves-objective').context).toEqual(['So it does not reach the collective aim.']);
    });

    it('under priority-serves-aim, for an action whose objective serves a priority that names no aim', () => {
      const compilation = compileFixture({ test: belowAimlessPriority });
      expect(findingsOf(compilation, RULE)).toEqual([]);
      expect(onlyFindingOf(compilation, 'priority-serves-aim').context).toContain(`So ${lowerFirst(RECRUITMENT)} does not reach the collective aim.`);
    });

    it('under objective-has-owner, for an action whose objective has no owner', () => {
      const compilation = compileFixture({
        test: yaml`
          objectives:
            - id: nurse-vacancies
              title: Cut the nurse vacancy rate
              source: local
          actions:
            - id: international-recruitment
              title: Recruit nurses internationally
              objectives: [nurse-vacancies]
        `,
      });
      expect(findingsOf(compilation, RULE)).toEqual([]);
      expect(onlyFindingOf(compilation, 'objective-has-owner').context).toContain(`So ${lowerFirst(RECRUITMENT)} does not reach the collective aim.`);
    });

    it('under portfolio-serves-priority, for an action linked only to a portfolio that serves no priority', () => {
      const compilation = compileFixture({ test: belowPrioritylessPortfolio });
      expect(findingsOf(compilation, RULE)).toEqual([]);
      expect(onlyFindingOf(compilation, 'portfolio-serves-priority').context).toEqual([`So ${lowerFirst(PASSPORTS)} does not reach the collective aim.`]);
    });

    it('under the unknown reference, as the one finding for an action whose objective is misspelt', () => {
      const compilation = compileFixture({
        test: yaml`
          actions:
            - id: front-door-triage
              title: Stream patients at the emergency department front door
              objectives: [ae-4-hour]
        `,
      });
      expect(compilation.diagnostics.map((d) => d.rule)).toEqual(['unknown-reference']);
      expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({
        line: 4,
        column: 18,
        message: 'There is no objective with the id `ae-4-hour`. Did you mean `ae-4-hours`?',
        context: ['So it does not reach the collective aim.'],
      });
    });

    it('under the unknown reference to a misspelt portfolio, for an action that names no objective', () => {
      const compilation = compileFixture({
        test: yaml`
          actions:
            - id: front-door-triage
              title: Stream patients at the emergency department front door
              portfolio: urgent-cars
        `,
      });
      expect(findingsOf(compilation, RULE)).toEqual([]);
      expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({
        line: 4,
        column: 16,
        context: ['So it does not reach the collective aim.'],
      });
    });
  });

  describe('on its own, when the check that owns the gap is off', () => {
    it('reports an action with neither objectives nor a portfolio, at the action, as an error', () => {
      const compilation = compileFixture({ test: loose }, { ruleOverrides: { 'action-serves-objective': 'off' } });
      expect(onlyFindingOf(compilation, RULE)).toMatchObject({
        rule: RULE,
        severity: 'error',
        subject: 'front-door-triage',
        file: 'test.yaml',
        line: 2,
        column: 5,
        message: `${FRONT_DOOR} does not reach the collective aim: the thread stops where it names no objective and no portfolio.`,
        hint: 'Add `objectives:` to action `front-door-triage`, naming what it delivers.',
      });
    });

    it('says where the thread stops when a priority above it names no aim', () => {
      const compilation = compileFixture({ test: belowAimlessPriority }, { ruleOverrides: { 'priority-serves-aim': 'off' } });
      expect(onlyFindingOf(compilation, RULE)).toMatchObject({
        subject: 'international-recruitment',
        line: 11,
        column: 5,
        message: `${RECRUITMENT} does not reach the collective aim: the thread stops where priority "Grow the workforce" (\`grow-workforce\`) names no collective aim.`,
      });
    });

    it('says how to mend the thread, rather than pointing to a finding that is switched off', () => {
      const compilation = compileFixture({ test: belowAimlessPriority }, { ruleOverrides: { 'priority-serves-aim': 'off' } });
      const hint = onlyFindingOf(compilation, RULE).hint;
      expect(hint).not.toContain('its own finding');
      expect(hint).toContain('grow-workforce');
    });

    it('says where each objective\'s thread stops when none of them reaches the aim', () => {
      const compilation = compileFixture({
        test: yaml`
          objectives:
            - id: nurse-vacancies
              title: Cut the nurse vacancy rate
              source: local
            - id: nurse-retention
              title: Keep more nurses in their first two years
              source: local
          actions:
            - id: international-recruitment
              title: Recruit nurses internationally
              objectives: [nurse-vacancies, nurse-retention]
        `,
      }, { ruleOverrides: { 'objective-has-owner': 'off' } });
      expect(onlyFindingOf(compilation, RULE).message).toBe(
        `${RECRUITMENT} does not reach the collective aim: the thread stops where local objective "Cut the nurse vacancy rate" (\`nurse-vacancies\`) has no owner; ` +
          'and where local objective "Keep more nurses in their first two years" (`nurse-retention`) has no owner.',
      );
    });

    it('reports an action with only a portfolio that serves no priority', () => {
      const compilation = compileFixture({ test: belowPrioritylessPortfolio }, { ruleOverrides: { 'portfolio-serves-priority': 'off' } });
      expect(onlyFindingOf(compilation, RULE)).toMatchObject({
        message: `${PASSPORTS} does not reach the collective aim: the thread stops where portfolio "Workforce" (\`workforce\`) serves no system priority.`,
        hint: 'Give portfolio `workforce` `priorities:` naming the system priorities it serves.',
      });
    });

    it('reports an action with only a portfolio whose priorities serve no aim', () => {
      const compilation = compileFixture({
        test: yaml`
          priorities:
            - id: grow-workforce
              title: Grow the workforce
          portfolios:
            - id: workforce
              name: Workforce
              priorities: [grow-workforce]
          actions:
            - id: staff-passports
              title: Introduce digital staff passports
              portfolio: workforce
        `,
      }, { ruleOverrides: { 'priority-serves-aim': 'off' } });
      expect(onlyFindingOf(compilation, RULE).message).toBe(
        `${PASSPORTS} does not reach the collective aim: the thread stops where priority "Grow the workforce" (\`grow-workforce\`) names no collective aim.`,
      );
    });

    it('does not fall back to the portfolio when the action names objectives that do not reach the aim', () => {
      const compilation = compileFixture({
        test: yaml`
          objectives:
            - id: nurse-vacancies
              title: Cut the nurse vacancy rate
              source: local
          actions:
            - id: front-door-triage
              title: Stream patients at the emergency department front door
              objectives: [nurse-vacancies]
              portfolio: urgent-care
        `,
      }, { ruleOverrides: { 'objective-has-owner': 'off' } });
      expect(onlyFindingOf(compilation, RULE).message).toBe(
        `${FRONT_DOOR} does not reach the collective aim: the thread stops where local objective "Cut the nurse vacancy rate" (\`nurse-vacancies\`) has no owner.`,
      );
    });
  });

  it('passes an action that reaches the aim through its objective', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours]
      `,
    });
    expectPasses(compilation, RULE);
    expect(compilation.diagnostics).toEqual([]);
  });

  it('passes an action with no objectives whose portfolio reaches the aim (action-serves-objective warns instead)', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            portfolio: urgent-care
      `,
    });
    expectPasses(compilation, RULE);
    expect(onlyFindingOf(compilation, 'action-serves-objective').subject).toBe('front-door-triage');
  });

  it('passes an action with no objectives whose portfolio is a cross-cutting enabler', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: digital
            name: Digital and data
            kind: enabler
        actions:
          - id: cyber-security
            title: Meet the data security standard in every trust
            portfolio: digital
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('passes an action when one of its objectives reaches the aim, even if another does not', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: nurse-vacancies
            title: Cut the nurse vacancy rate
            source: local
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [nurse-vacancies, ae-4-hours]
      `,
    });
    expectPasses(compilation, RULE);
  });

  describeConfiguration(RULE, loose, 'warning', { 'action-serves-objective': 'off' });
});

/** A name as it reads mid-sentence, after "So". */
function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
