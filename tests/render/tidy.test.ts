// The pass that tidies every rendered page: spaces and tabs at line ends dropped, runs of blank lines
// made one, one newline at the end. It replaced two regular-expression replaces, and must say the same.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentRenderer, tidy, tidyParts } from '../../src/render/engine.js';
import { makeTempDir } from '../helpers/cli.js';

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

  it('gives the same text in parts, each line whole in one part', () => {
    fc.assert(fc.property(templateOutput, (text) => {
      const parts = tidyParts(text);
      expect(parts.join('')).toBe(byReplaces(text));
      // Every part but the first begins a line: with the line break before it.
      for (const part of parts.slice(1)) expect(part.startsWith('\n')).toBe(true);
    }), { numRuns: 20000 });
  });
});

describe('tidy of a text given in pieces', () => {
  /** A text cut into pieces anywhere, some of them empty. */
  const inPieces = fc.array(templateOutput, { maxLength: 6 });

  it('gives what tidy gives of the pieces joined, for any text cut anywhere', () => {
    fc.assert(fc.property(inPieces, (pieces) => {
      const parts = tidyParts(pieces);
      expect(parts.join('')).toBe(byReplaces(pieces.join('')));
      for (const part of parts.slice(1)) expect(part.startsWith('\n')).toBe(true);
    }), { numRuns: 20000 });
  });

  it('keeps the lines inside one piece as slices of it, and copies only a line that runs across pieces', () => {
    const list = 'row one\nrow two  \n\n\nrow three\n';
    const parts = tidyParts(['# Title\n\n', list, 'and an end ', 'that runs on\n\n']);
    expect(parts.join('')).toBe('# Title\n\nrow one\nrow two\n\nrow three\nand an end that runs on\n');
    expect(parts).toContain('\nrow three');
    expect(parts).toContain('\nand an end that runs on');
  });
});

describe('a page rendered in parts', () => {
  it('is the page rendered whole, tables tidied in each part', () => {
    const dir = makeTempDir('plan-parts-');
    mkdirSync(join(dir, 'md'), { recursive: true });
    writeFileSync(join(dir, 'md', 'page.hbs'), '# {{title}}   \n\n\n{{#each rows}}\n| {{name}} |  {{#if note}}{{note}}{{/if}}  |   \n{{/each}}\n\n\nEnd\t\n\n');
    const renderer = new DocumentRenderer('md', [dir], { words: {} });
    const view = { title: 'A *plan*', rows: [{ name: 'one', note: 'n' }, { name: 'two' }, { name: 'three' }] };
    const whole = renderer.render('page', view);
    const parts = renderer.renderParts('page', view);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.join('')).toBe(whole);
    expect(whole).toBe('# A \\*plan\\*\n\n| one |  n  |\n| two | |\n| three | |\n\nEnd\n');
  });
});
