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
      message: 'Priority `tackle-inequalities` does not say which aim it serves.',
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
      message: 'Priority `tackle-inequalities` serves `healthy-lives`, which is not the plan\'s collective aim. Did you mean `healthier-lives`?',
    });
    // The rule owns this reference: the link phase does not report it as well.
    expect(findingsOf(compilation, 'unknown-reference')).toEqual([]);
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
      message: 'Priority `tackle-inequalities` serves `prevention`, which is not the plan\'s collective aim.',
    });
  });

  it('reports every priority when plan.yaml defines no collective aim', () => {
    const compilation = compileFixture({ manifest: manifestWithoutAim, test: aimless });
    const findings = findingsOf(compilation, RULE);
    expect(findings.map((f) => [f.subject, f.file, f.line, f.column])).toEqual([
      ['prevention', 'system.yaml', 2, 5],
      ['tackle-inequalities', 'test.yaml', 2, 5],
    ]);
    expect(findings[0]?.message).toBe('Priority `prevention` cannot serve the collective aim: plan.yaml defines no `collective_aim`.');
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
