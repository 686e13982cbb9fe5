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
      message: 'Action `front-door-triage` names no objective it delivers; it reaches the aim only through portfolio `urgent-care`.',
      hint: 'Add `objectives:` naming what it delivers; its portfolio owns ae-4-hours.',
    });
  });

  it('reports an action with neither objectives nor a portfolio', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 2,
      column: 5,
      message: 'Action `front-door-triage` names no objective it delivers.',
    });
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
    expect(onlyFindingOf(compilation, 'action-traces-to-aim').subject).toBe('staff-passports');
    expect(onlyFindingOf(compilation, RULE).message).not.toContain('reaches the aim');
  });

  describeConfiguration(RULE, portfolioOnly, 'error');
});
