import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'action-traces-to-aim';

const loose = yaml`
  actions:
    - id: front-door-triage
      title: Stream patients at the emergency department front door
`;

describe('action-traces-to-aim', () => {
  it('reports an action with neither objectives nor a portfolio, at the action, as an error', () => {
    const finding = onlyFindingOf(compileFixture({ test: loose }), RULE);
    expect(finding).toMatchObject({
      rule: RULE,
      severity: 'error',
      subject: 'front-door-triage',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: 'Action `front-door-triage` does not reach the collective aim: the thread stops at the action: it serves no objective and names no portfolio.',
    });
  });

  it('reports where the thread stops when the objective serves no priority', () => {
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
        actions:
          - id: international-recruitment
            title: Recruit nurses internationally
            objectives: [nurse-vacancies]
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      subject: 'international-recruitment',
      line: 10,
      column: 5,
      message: 'Action `international-recruitment` does not reach the collective aim: the thread stops at objective `nurse-vacancies`, which serves no priority.',
      hint: 'Give objective `nurse-vacancies` a priority (or an owner that has priorities).',
    });
  });

  it('reports where the thread stops when the priority serves no aim', () => {
    const compilation = compileFixture({
      test: yaml`
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
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 11,
      message:
        'Action `international-recruitment` does not reach the collective aim: the thread reaches objective `nurse-vacancies` and priority `grow-workforce`, but stops there: no collective aim is served.',
      hint: 'Give priority `grow-workforce` the collective aim in `aim:`.',
    });
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
    });
    const message = onlyFindingOf(compilation, RULE).message;
    expect(message).toContain('objective `nurse-vacancies`, which serves no priority');
    expect(message).toContain('objective `nurse-retention`, which serves no priority');
  });

  it('reports an action whose objectives all do not exist, beside the unknown reference', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hour]
      `,
    });
    expect(onlyFindingOf(compilation, RULE).message).toBe(
      'Action `front-door-triage` does not reach the collective aim: the thread stops at the action: none of the objectives it names (ae-4-hour) exists.',
    );
    expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({ line: 4, column: 18 });
  });

  it('reports an action with only a portfolio that serves no priority', () => {
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
    expect(onlyFindingOf(compilation, RULE).message).toBe(
      'Action `staff-passports` does not reach the collective aim: the thread stops at portfolio `workforce`: the action serves no objective, and its portfolio serves no priority.',
    );
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
    });
    expect(onlyFindingOf(compilation, RULE).message).toBe(
      'Action `staff-passports` does not reach the collective aim: the thread stops at priority `grow-workforce`, which serves no collective aim.',
    );
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
    });
    expect(onlyFindingOf(compilation, RULE).message).toContain('stops at objective `nurse-vacancies`');
  });

  describeConfiguration(RULE, loose, 'warning');
});
