// Plain text in Markdown output shows as exactly that text: checked by rendering the escaped text
// with markdown-it (raw HTML allowed, as the most permissive viewer would) for arbitrary strings.

import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeForMarkdown, isPlainForMarkdown, isSafeLink, markdownToMarkdown, rewriteUnsafeMarkdown } from '../../src/render/markdown.js';

// GitHub-style viewers also turn bare http(s) addresses into links; that shows the same text, so it is left out here.
const viewer = new MarkdownIt({ html: true, linkify: false });
/** What a reader sees: the text, folded onto one line as the escaper promises, with Markdown's outer spaces dropped. */
const shown = (text: string) => viewer.utils.escapeHtml(text.replace(/[ \t]*(\r\n|\r|\n)+[ \t]*/g, ' ').replace(/^[ \t]+|[ \t]+$/g, ''));
/** Text made mostly of the characters Markdown gives a meaning to. */
const markdownish = fc.string({
  unit: fc.oneof(fc.constantFrom(...'\\`*_{}[]()#+-.!|~<>&$=:;"\'/ \t\n\r1aZ'), fc.constantFrom('&amp;', '&#60;', '&lt;', 'http://x.example', 'javascript:', '***', '```', '---', '1.', '- ', '# ', '> ')),
  maxLength: 40,
});

describe('isPlainForMarkdown', () => {
  it('is true only of text that escapeForMarkdown leaves as it is, for any text', () => {
    const anyText = fc.oneof(markdownish, fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }));
    fc.assert(fc.property(anyText, (text) => {
      if (isPlainForMarkdown(text)) expect(escapeForMarkdown(text)).toBe(text);
    }), { numRuns: 5000 });
  });

  it('is true of ordinary names and sentences, which then need no escape at all', () => {
    for (const text of ['Reduce waiting times for frail people', 'Tier two: 76% by March 2026.', 'Stoke-on-Trent', 'Urgent and Emergency Care']) expect(isPlainForMarkdown(text)).toBe(true);
    for (const text of ['A&E', 'no_01', '1. First', ' leading', 'line\nbreak', 'a|b', '<b>', '# heading']) expect(isPlainForMarkdown(text)).toBe(false);
  });
});

describe('escapeForMarkdown', () => {
  it('renders as exactly its text in a list item, for any text', () => {
    fc.assert(fc.property(markdownish, (text) => {
      const html = viewer.render(`- ${escapeForMarkdown(text)}`);
      const content = shown(text);
      expect(html).toBe(content === '' ? '<ul>\n<li></li>\n</ul>\n' : `<ul>\n<li>${content}</li>\n</ul>\n`);
    }), { numRuns: 2000 });
  });

  it('drops outer spaces and tabs, so text that starts with them is never read as a code block', () => {
    expect(viewer.render(`- ${escapeForMarkdown('\t\t&amp;')}`)).toBe('<ul>\n<li>&amp;amp;</li>\n</ul>\n');
    expect(viewer.render(escapeForMarkdown('        indented'))).toBe('<p>indented</p>\n');
  });

  it('renders as exactly its text in a heading, for any text', () => {
    fc.assert(fc.property(markdownish.filter((t) => shown(t) !== ''), (text) => {
      expect(viewer.render(`## ${escapeForMarkdown(text)}`)).toBe(`<h2>${shown(text)}</h2>\n`);
    }), { numRuns: 2000 });
  });

  it('leaves ordinary text readable: "A&E", hyphens, full stops and intra-word underscores', () => {
    expect(escapeForMarkdown('A&E waits - 76% by 2024. no_01')).toBe('A&E waits - 76% by 2024. no_01');
  });

  it('folds a line break, so a title cannot start a heading', () => {
    expect(escapeForMarkdown('Title\n# Injected')).toBe('Title \\# Injected');
  });
});

describe('links in prose', () => {
  it('keeps http(s), mailto and relative addresses, and no other scheme', () => {
    for (const url of ['https://www.england.nhs.uk/', 'http://x.example', 'mailto:icb@nhs.net', 'objectives.md', '#aim', '/docs/a.pdf']) expect(isSafeLink(url), url).toBe(true);
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd']) expect(isSafeLink(url), url).toBe(false);
  });

  it('in Markdown output, a javascript: link keeps only its text, and the rest of the prose is as written', () => {
    const prose = 'See [the plan](https://x.example/plan) and [this](javascript:alert(1)), *as written*.\n\n```\nif a < b\n```\n';
    expect(markdownToMarkdown(prose)).toBe('See [the plan](https://x.example/plan) and this, *as written*.\n\n```\nif a < b\n```\n');
  });
});

describe('prose with nothing to edit', () => {
  // Markdown's own characters and the pieces of bare addresses (www., schemes, @), without `<` or `[`.
  const piece = fc.constantFrom('a', 'B', ' ', '\n', '\n\n', '*', '_', '`', '```', '#', '>', '-', '1.', '|', '~', '!', '(', ')', ']', '&amp;', '\\',
    ':', '/', '.', '@', 'www.', 'http://', 'https://', 'mailto:', 'xmpp:', 'XMPP:', 'javascript:', 'ftp://', 'x.example', 'nhs.net');
  const prose = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

  it('comes back exactly as the full parse would give it', () => {
    fc.assert(fc.property(prose, (text) => {
      expect(markdownToMarkdown(text)).toBe(rewriteUnsafeMarkdown(text));
    }), { numRuns: 2000 });
  });

  it('keeps text that the bare-address pass leaves without a position, once', () => {
    expect(rewriteUnsafeMarkdown('\n\nwww.')).toBe('\n\nwww.');
    expect(rewriteUnsafeMarkdown('\n\nwww. and [a](javascript:x)')).toBe('\n\nwww. and a');
  });
});
