import { describe, expect, it } from 'vitest';
import { describeConfiguration, compileFixture, expectPasses, MANIFEST, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

const RULE = 'duty-covered';

// The base plan has two editions, jfp-2023 and jfp-2024.

const uncovered = yaml`
  duties:
    - id: health-inequalities
      title: Reduce inequalities in access and outcomes
      requirement: One of the general duties of an ICB that the plan must explain how it will discharge (NHS Act 2006, s14Z52(2)(b)).
`;

describe('duty-covered', () => {
  it('reports a duty with no coverage, at the duty, as an error', () => {
    const finding = onlyFindingOf(compileFixture({ test: uncovered }), RULE);
    expect(finding).toMatchObject({
      rule: RULE,
      severity: 'error',
      subject: 'health-inequalities',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: 'Statutory duty "Reduce inequalities in access and outcomes" (`health-inequalities`) is covered by no edition of the plan.',
      hint: 'Under `coverage:`, list the sections that meet it for an edition (jfp-2023, jfp-2024).',
    });
  });

  it('reports a duty whose editions list no sections, at its `coverage`', () => {
    const compilation = compileFixture({
      test: yaml`
        duties:
          - id: health-inequalities
            title: Reduce inequalities in access and outcomes
            coverage:
              jfp-2023: []
              jfp-2024: []
      `,
    });
    expect(onlyFindingOf(compilation, RULE)).toMatchObject({ subject: 'health-inequalities', line: 5, column: 7 });
  });

  it('passes a duty covered by the first edition', () => {
    const compilation = compileFixture({
      test: yaml`
        duties:
          - id: health-inequalities
            title: Reduce inequalities in access and outcomes
            coverage:
              jfp-2023: [Our population, Tackling inequalities]
      `,
    });
    expectPasses(compilation, RULE);
  });

  it('passes a duty covered only by the second edition', () => {
    const compilation = compileFixture({
      test: yaml`
        duties:
          - id: health-inequalities
            title: Reduce inequalities in access and outcomes
            coverage:
              jfp-2023: []
              jfp-2024: [Tackling inequalities]
      `,
    });
    expectPasses(compilation, RULE);
    expect(compilation.plan?.duties[0]?.coverage.map((c) => [c.edition.id, c.sections])).toEqual([
      ['jfp-2023', []],
      ['jfp-2024', ['Tackling inequalities']],
    ]);
  });

  it('does not count coverage given for an edition the plan does not have', () => {
    const compilation = compileFixture({
      test: yaml`
        duties:
          - id: health-inequalities
            title: Reduce inequalities in access and outcomes
            coverage:
              jfp-2025: [Tackling inequalities]
      `,
    });
    expect(onlyFindingOf(compilation, RULE).subject).toBe('health-inequalities');
    expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({
      line: 5,
      column: 7,
      message: 'Statutory duty `health-inequalities` gives coverage for `jfp-2025`, which is not an edition of the plan. Did you mean `jfp-2023`?',
    });
  });

  it('asks for editions when the plan lists none', () => {
    const manifest = MANIFEST.replace(/ {2}editions:\n(?: {4}.*\n)+/, '');
    expect(manifest).not.toContain('editions');
    const finding = onlyFindingOf(compileFixture({ manifest, test: uncovered }), RULE);
    expect(finding.hint).toBe('List the plan\'s editions under `plan.editions`, then the sections that meet this duty under `coverage:`.');
  });

  describeConfiguration(RULE, uncovered, 'warning');
});
