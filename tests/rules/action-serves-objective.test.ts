import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, findingsOf, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'action-serves-objective';

/** An action linked only to its portfolio: the thread reaches the aim, but through no objective. */
const portfolioOnly = yaml`
  actions:
    - id: front-door-triage
      title: Stream patients at the emergency department front door
      portfolio: urgent-care
`;

/** An action with neither objectives nor a portfolio: its thread stops here. */
const loose = yaml`
  actions:
    - id: front-door-triage
      title: Stream patients at the emergency department front door
`;

const FRONT_DOOR = 'Action "Stream patients at the emergency department front door" (`front-door-triage`)';

describe('action-serves-objective', () => {
  it('reports an action linked only to a portfolio, at the action, as a warning', () => {
    const finding = onlyFindingOf(compileFixture({ test: portfolioOnly }), RULE);
    expect(finding).toMatchObject({
      rule: RULE,
      severity: 'warning',
      subject: 'front-door-triage',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: `${FRONT_DOOR} names no objective it delivers; it reaches the collective aim only through portfolio "Urgent and emergency care" (\`urgent-care\`).`,
      hint: 'Add `objectives:` naming what it delivers; its portfolio owns ae-4-hours.',
    });
  });

  it('offers in its hint only the portfolio\'s objectives that reach the collective aim', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            title: Tackle inequalities in outcomes and access
        objectives:
          - id: community-response
            title: Respond to urgent community referrals within two hours
            source: local
            portfolio: urgent-care
            priorities: [tackle-inequalities]
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            portfolio: urgent-care
      `,
    });
    expect(onlyFindingOf(compilation, RULE).hint).toBe('Add `objectives:` naming what it delivers; its portfolio owns ae-4-hours.');
  });

  it('reports an action with neither objectives nor a portfolio, saying it names neither', () => {
    expect(onlyFindingOf(compileFixture({ test: loose }), RULE)).toMatchObject({
      line: 2,
      column: 5,
      message: `${FRONT_DOOR} names no objective it delivers, and names no portfolio either.`,
      hint: 'Add `objectives:` naming the objective(s) it delivers, adding a local objective if none fits.',
    });
  });

  it('is the one finding for an action with neither objectives nor a portfolio, telling that it does not reach the aim', () => {
    const compilation = compileFixture({ test: loose });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual([RULE]);
    expect(onlyFindingOf(compilation, RULE).context).toEqual(['So it does not reach the collective aim.']);
  });

  it('reports an action with neither objectives nor a portfolio as an error, as its broken thread is one', () => {
    expect(onlyFindingOf(compileFixture({ test: loose }), RULE).severity).toBe('error');
  });

  it('treats `objectives: []` like no objectives', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: []
            portfolio: urgent-care
      `,
    });
    expect(onlyFindingOf(compilation, RULE).subject).toBe('front-door-triage');
  });

  it('passes an action that names the objective it delivers', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours]
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('leaves an objective id that does not exist to the unknown-reference check', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hour]
      `,
    });
    expect(findingsOf(compilation, RULE)).toEqual([]);
    expect(onlyFindingOf(compilation, 'unknown-reference').subject).toBe('front-door-triage');
  });

  it('does not claim the action reaches the aim through a portfolio that serves no priority', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: workforce
            name: Workforce
        actions:
          - id: staff-passports
            title: Introduce digital staff passports
            portfolio: workforce
      `,
    });
    expect(onlyFindingOf(compilation, RULE).message).toBe('Action "Introduce digital staff passports" (`staff-passports`) names no objective it delivers.');
    expect(onlyFindingOf(compilation, RULE).hint).toBe('Add `objectives:` naming the objective(s) it delivers, adding a local objective if none fits.');
  });

  describeConfiguration(RULE, portfolioOnly, 'error');
});
