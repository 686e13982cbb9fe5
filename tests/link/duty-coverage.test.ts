// A duty's coverage, edition by edition: sections, `unchanged` (the last edition's sections stand),
// `[]` or left out (not covered), and `since` for a duty a later edition adds; and the mistakes one
// can make writing it, each reported where it is written.

import { describe, expect, it } from 'vitest';
import { compileFixture, findingsOf, yaml } from '../helpers/plan-fixture.js';

function coverageOf(test: string) {
  const compilation = compileFixture({ test });
  const duty = compilation.plan!.duties[0]!;
  return { compilation, duty, cells: duty.coverage.map((c) => ({ edition: c.edition.id, status: c.status, sections: c.sections, isNew: c.isNew })) };
}

describe('statutory duty coverage', () => {
  it('reads a list of sections as covered by that edition, and an edition left out as not covered', () => {
    const { cells } = coverageOf(yaml`
      duties:
        - id: quality
          title: Duty to improve quality of services
          coverage:
            jfp-2023: [Quality assurance and improvement]
    `);
    expect(cells).toEqual([
      { edition: 'jfp-2023', status: 'covered', sections: ['Quality assurance and improvement'], isNew: false },
      { edition: 'jfp-2024', status: 'not_covered', sections: [], isNew: false },
    ]);
  });

  it('reads `unchanged` as the last edition\'s sections still standing, and `[]` as not covered', () => {
    const unchanged = coverageOf(yaml`
      duties:
        - id: choice
          title: Duty as to patient choice
          coverage:
            jfp-2023: [Personalised care]
            jfp-2024: unchanged
    `);
    expect(unchanged.cells[1]).toEqual({ edition: 'jfp-2024', status: 'unchanged', sections: ['Personalised care'], isNew: false });
    const empty = coverageOf(yaml`
      duties:
        - id: choice
          title: Duty as to patient choice
          coverage:
            jfp-2023: [Personalised care]
            jfp-2024: []
    `);
    expect(empty.cells[1]).toEqual({ edition: 'jfp-2024', status: 'not_covered', sections: [], isNew: false });
  });

  it('shows a duty added by a later edition as not yet a duty before it, and new in it', () => {
    const { compilation, cells } = coverageOf(yaml`
      duties:
        - id: digital
          title: Digital and data
          since: jfp-2024
          coverage:
            jfp-2024: [Digital]
    `);
    expect(compilation.diagnostics.filter((d) => d.rule !== 'objective-has-action')).toEqual([]);
    expect(cells).toEqual([
      { edition: 'jfp-2023', status: 'not_a_duty', sections: [], isNew: false },
      { edition: 'jfp-2024', status: 'covered', sections: ['Digital'], isNew: true },
    ]);
  });

  it('reports `unchanged` in a duty\'s first edition, which has nothing to be unchanged from', () => {
    const { compilation } = coverageOf(yaml`
      duties:
        - id: choice
          title: Duty as to patient choice
          coverage:
            jfp-2023: unchanged
    `);
    const [finding] = findingsOf(compilation, 'schema');
    expect(finding).toMatchObject({ file: 'test.yaml', line: 5, message: '`coverage.jfp-2023` of statutory duty `choice` is `unchanged`, but it is the duty\'s first edition: there is no earlier edition for it to be unchanged from.' });
  });

  it('reports coverage given for an edition before the duty\'s `since`', () => {
    const { compilation } = coverageOf(yaml`
      duties:
        - id: digital
          title: Digital and data
          since: jfp-2024
          coverage:
            jfp-2023: [Digital]
            jfp-2024: [Digital]
    `);
    expect(findingsOf(compilation, 'schema').map((d) => [d.line, d.message])).toEqual([
      [6, 'Statutory duty `digital` gives coverage for `jfp-2023`, an edition before it became a duty (`since: jfp-2024`).'],
    ]);
  });

  it('reports a `since` that names no edition, with the nearest one', () => {
    const { compilation } = coverageOf(yaml`
      duties:
        - id: digital
          title: Digital and data
          since: jfp-204
          coverage:
            jfp-2024: [Digital]
    `);
    const [finding] = findingsOf(compilation, 'unknown-reference');
    expect(finding).toMatchObject({ line: 4, message: 'Statutory duty `digital` is a duty `since: jfp-204`, which is not an edition of the plan. Did you mean `jfp-2024`?' });
  });

  it('reports a misspelt `unchanged` plainly, with the spelling it means', () => {
    const { compilation } = coverageOf(yaml`
      duties:
        - id: choice
          title: Duty as to patient choice
          coverage:
            jfp-2023: [Personalised care]
            jfp-2024: unchaged
    `);
    const [finding] = findingsOf(compilation, 'schema');
    expect(finding?.message).toBe('`coverage.jfp-2024` of statutory duty `choice` is the text "unchaged", which is not allowed here. Did you mean `unchanged`?');
    expect(finding?.hint).toContain('`unchanged` when the edition changes nothing');
  });
});
