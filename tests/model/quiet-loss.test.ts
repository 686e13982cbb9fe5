// Input that used to vanish without a word or hang later phases: `__proto__` as a key of a mapping of names,
// portfolio ids that differ only in capitals (one page would overwrite the other on Windows and macOS), and
// one-line text fields of any length.

import { describe, expect, it } from 'vitest';
import { MANIFEST, MANIFEST_LINES, compileFixture, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

describe('`__proto__` as a key', () => {
  it('under `rules:` is reported, as `constructor` is', () => {
    const finding = onlyFindingOf(compileFixture({ manifest: `${MANIFEST}rules:\n  __proto__: off\n` }), 'config');
    expect(finding).toMatchObject({ file: 'plan.yaml', line: MANIFEST_LINES + 2, column: 3, message: 'There is no rule `__proto__`.' });
  });

  it('under `prose:` is reported, not dropped', () => {
    const finding = onlyFindingOf(compileFixture({ manifest: `${MANIFEST}prose:\n  introduction: Hello.\n  __proto__: Lost words.\n` }), 'schema');
    expect(finding).toMatchObject({ file: 'plan.yaml', line: MANIFEST_LINES + 3, column: 3, message: '`__proto__` is not a name a template can use for prose.' });
  });

  it('under a duty\'s `coverage:` is reported as no edition, as `constructor` is', () => {
    const test = yaml`
      duties:
        - id: d1
          title: Duty one
          coverage:
            jfp-2023: [Section 2]
            __proto__: [Section 3]
    `;
    const compilation = compileFixture({ test });
    const findings = compilation.diagnostics.filter((d) => d.rule === 'unknown-reference');
    expect(findings.map((d) => [d.line, d.column, d.message])).toEqual([[6, 7, 'Statutory duty `d1` gives coverage for `__proto__`, which is not an edition of the plan.']]);
    const constructor = compileFixture({ test: test.replace('__proto__', 'constructor') }).diagnostics.filter((d) => d.rule === 'unknown-reference');
    expect(constructor.map((d) => [d.line, d.column])).toEqual([[6, 7]]);
  });

  it('under an action\'s `reviewed:` is reported, where `constructor` is a review of nothing it serves', () => {
    const test = yaml`
      actions:
        - id: a1
          title: Action one
          objectives: [ae-4-hours]
          reviewed:
            __proto__: 1111-2222-3333-4444
    `;
    const finding = onlyFindingOf(compileFixture({ test }), 'schema');
    expect(finding).toMatchObject({ line: 6, column: 7, subject: 'a1', message: 'Action `a1` records a review against `__proto__`, which is not an objective id.' });
    const constructor = onlyFindingOf(compileFixture({ test: test.replace('__proto__', 'constructor') }), 'link-is-reviewed');
    expect([constructor.line, constructor.column]).toEqual([6, 7]);
  });
});

describe('portfolio ids that differ only in capitals', () => {
  it('are reported at the second, naming the first', () => {
    const test = yaml`
      portfolios:
        - id: Urgent-Care
          name: Urgent care, again
          priorities: [prevention]
    `;
    const finding = onlyFindingOf(compileFixture({ test }), 'duplicate-id');
    expect(finding).toMatchObject({ file: 'test.yaml', line: 2, column: 9, subject: 'Urgent-Care' });
    expect(finding.message).toBe('The portfolio id `Urgent-Care` differs from `urgent-care` (system.yaml:6:9) only in capitals; their pages would be the same file on Windows and macOS.');
  });
});

describe('the length of a one-line text field', () => {
  it('a 39,000-character title is reported with its length and the limit of 1,000', () => {
    const test = `objectives:\n  - id: long\n    title: ${'x'.repeat(39_000)}\n    source: local\n    portfolio: urgent-care\n`;
    const finding = onlyFindingOf(compileFixture({ test }), 'schema');
    expect(finding).toMatchObject({ file: 'test.yaml', line: 3, column: 12, subject: 'long' });
    expect(finding.message).toBe('`title` of objective `long` is 39,000 characters long; it may be at most 1,000.');
  });

  it('a title of exactly 1,000 characters is accepted', () => {
    const test = `objectives:\n  - id: long\n    title: ${'x'.repeat(1_000)}\n    source: local\n    portfolio: urgent-care\n`;
    expect(compileFixture({ test }).diagnostics.filter((d) => d.rule === 'schema')).toEqual([]);
  });
});
