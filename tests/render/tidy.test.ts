// The pass that tidies every rendered page: spaces and tabs at line ends dropped, runs of blank lines
// made one, one newline at the end. It replaced two regular-expression replaces, and must say the same.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tidy } from '../../src/render/engine.js';

/** What the page tidier did before, in two replaces: the definition the one pass is held to. */
const byReplaces = (text: string) => text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
/** Text made mostly of what a template leaves between lines. */
const templateOutput = fc.string({ unit: fc.constantFrom('\n', '\n', ' ', '\t', 'a', '|', '\r', '\u00a0', '\u2028', 'é', '\n\n\n'), maxLength: 60 });

describe('tidy', () => {
  it('gives what the two replaces gave, for any text', () => {
    fc.assert(fc.property(templateOutput, (text) => {
      expect(tidy(text)).toBe(byReplaces(text));
    }), { numRuns: 20000 });
  });

  it('drops spaces and tabs at the ends of lines and keeps one blank line between paragraphs', () => {
    expect(tidy('# Title  \n\n\n\t\n  \nText\t\n\n\n')).toBe('# Title\n\nText\n');
  });

  it('keeps up to two line breaks at the start, as the replaces did', () => {
    expect(tidy('\n\n\n\nText')).toBe('\n\nText\n');
  });
});
