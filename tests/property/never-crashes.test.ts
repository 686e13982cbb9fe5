// Bad input never crashes: whatever text a plan file holds, compiling it gives diagnostics, never an
// exception, and every diagnostic points at a real line and column of the file it names.

import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileTexts } from '../../src/compile-texts.js';
import { MANIFEST } from '../helpers/plan-fixture.js';

/** Compiles the base manifest plus one source file, and checks every diagnostic's place exists. */
function compilesWithLocatedDiagnostics(sourceText: string): void {
  const files = [
    { file: 'plan.yaml', text: MANIFEST },
    { file: 'source.yaml', text: sourceText },
  ];
  const { diagnostics } = compileTexts(files);
  for (const d of diagnostics) {
    const text = files.find((f) => f.file === d.file)?.text;
    expect(text, `diagnostic names a file that does not exist: ${d.file}`).toBeDefined();
    const lines = text!.split('\n');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual((lines[d.line - 1] ?? '').length + 1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const collection = fc.constantFrom('priorities', 'portfolios', 'objectives', 'actions', 'metrics', 'organisations', 'duties', 'projects', 'objectivs');
const field = fc.constantFrom('id', 'title', 'name', 'source', 'portfolio', 'priorities', 'objectives', 'target', 'value', 'by', 'aim', 'kind', 'coverage', 'owner', 'due', '__proto__', 'constructor', 'x');
const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('2024-03-31', 'no-01', 'uec', '76%'));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(field, tie('node'), { maxKeys: 4 })),
})).node;

describe('compiling arbitrary input', () => {
  it('never throws on arbitrary text, and locates every diagnostic in the file', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => compilesWithLocatedDiagnostics(text)), { numRuns: 300, seed: 20261122 });
  });

  it('never throws on YAML-like text made of plan keys, indentation and punctuation', () => {
    const token = fc.constantFrom('objectives:', 'actions:', '  - id: a', '    title: t', '    portfolio: p', '  -', ': ', '[', ']', '{', '}', '&x', '*x', '!!str', '#', '"', "'", '|', '>', '\t', ' ', '\n', '---', '? ', 'no-01', '76%');
    fc.assert(fc.property(fc.array(token, { maxLength: 40 }), (tokens) => compilesWithLocatedDiagnostics(tokens.join(''))), { numRuns: 300, seed: 20261122 });
  });

  it('never throws on well-formed YAML of arbitrary shape under plan collection names', () => {
    fc.assert(
      fc.property(fc.dictionary(collection, fc.array(value, { maxLength: 4 }), { maxKeys: 3 }), (doc) => compilesWithLocatedDiagnostics(stringify(doc))),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
