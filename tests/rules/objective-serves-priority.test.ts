import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, findingsOf, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'objective-serves-priority';

/** A portfolio that lists no priorities owns an objective that lists none either. */
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

describe('objective-serves-priority', () => {
  it('reports an objective whose owner lists no priorities either, at the objective, as an error', () => {
    const finding = onlyFindingOf(compileFixture({ test: noPriorityAnywhere }), RULE);
    expect(finding).toMatchObject({
      rule: RULE,
      severity: 'error',
      subject: 'nurse-vacancies',
      file: 'test.yaml',
      line: 5,
      column: 5,
      message: 'Objective `nurse-vacancies` serves no system priority: it lists no priorities, and its owner `workforce` lists none either.',
    });
    expect(finding.hint).toContain('portfolio `workforce`');
    expect(finding.hint).toContain('prevention');
  });

  it('reports an objective with neither priorities nor an owner to take them from', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: nurse-vacancies
            title: Cut the nurse vacancy rate
            source: local
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 2,
      column: 5,
      message: 'Objective `nurse-vacancies` serves no system priority: it lists no priorities and has no owning portfolio to take them from.',
    });
  });

  it('reports an objective whose listed priorities do not exist at its `priorities`, beside the unknown reference', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: nurse-vacancies
            title: Cut the nurse vacancy rate
            source: local
            portfolio: urgent-care
            priorities: [preventon]
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({
      line: 6,
      column: 17,
      message: 'Objective `nurse-vacancies` serves no system priority: none of the priorities it lists exists.',
    });
    expect(onlyFindingOf(compilation, 'unknown-reference').message).toContain('Did you mean `prevention`?');
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

  it('reports an objective owned by an enabler with `priorities: []`: an empty list is not cross-cutting', () => {
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
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({ subject: 'shared-care-record', line: 7, column: 5 });
    expect(onlyFindingOf(compilation, RULE).message).toContain('its owner `digital` lists none either');
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

  describeConfiguration(RULE, noPriorityAnywhere, 'warning');
});
