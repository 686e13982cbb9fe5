// Recording reviews rewrites only the fingerprints of `reviewed:`: every other character of the file,
// comments, quotes, blank lines and line endings, is left as it was.

import { describe, expect, it } from 'vitest';
import { recordReviews, ReviewEditError, type ReviewEdit } from '../../src/emit/record-reviews.js';

const FP = '1111-2222-3333-4444';
const NEW = 'aaaa-bbbb-cccc-dddd';

/** An edit of the action `id` in `text`, found where its mapping starts (its `{`, or its first key), as the plan records it. */
function edit(text: string, id: string, set: Record<string, string>, remove: string[] = []): ReviewEdit {
  const flow = text.indexOf(`{ id: ${id}`);
  const at = flow >= 0 ? flow : text.indexOf(`id: ${id}`);
  expect(at).toBeGreaterThanOrEqual(0);
  return { collection: 'actions', id, at, set, remove };
}

describe('recording reviews in a source file', () => {
  it('adds `reviewed:` after the last line of an action, after the comment on that line', () => {
    const text = '# Actions.\nactions:\n  - id: a\n    title: First   # as written\n    objectives: [no-01] # the main one\n\n  # The next one.\n  - id: b\n    title: Second\n';
    expect(recordReviews(text, [edit(text, 'a', { 'no-01': NEW })])).toBe(
      '# Actions.\nactions:\n  - id: a\n    title: First   # as written\n    objectives: [no-01] # the main one\n    reviewed:\n      no-01: aaaa-bbbb-cccc-dddd\n\n  # The next one.\n  - id: b\n    title: Second\n',
    );
  });

  it('adds `reviewed:` after a block of Markdown, which ends with its own line break', () => {
    const text = 'actions:\n  - id: a\n    objectives:\n      - no-01\n    description: |\n      Line one.\n\n      Line two.\n  - id: b\n';
    expect(recordReviews(text, [edit(text, 'a', { 'no-01': NEW })])).toBe(
      'actions:\n  - id: a\n    objectives:\n      - no-01\n    description: |\n      Line one.\n\n      Line two.\n    reviewed:\n      no-01: aaaa-bbbb-cccc-dddd\n  - id: b\n',
    );
  });

  it('rewrites only a fingerprint that is already there, in the same quotes', () => {
    const text = `actions:\n  - id: a\n    objectives: [no-01, no-02]\n    reviewed:\n      no-01: '${FP}'   # checked in May\n      no-02: ${FP}\n`;
    expect(recordReviews(text, [edit(text, 'a', { 'no-01': NEW })])).toBe(
      `actions:\n  - id: a\n    objectives: [no-01, no-02]\n    reviewed:\n      no-01: '${NEW}'   # checked in May\n      no-02: ${FP}\n`,
    );
  });

  it('adds a review beside the others, and removes one of an objective no longer served', () => {
    const text = `actions:\n  - id: a\n    objectives: [no-01, no-03]\n    reviewed:\n      no-01: ${FP}\n      no-02: ${FP}\n`;
    expect(recordReviews(text, [edit(text, 'a', { 'no-03': NEW }, ['no-02'])])).toBe(
      `actions:\n  - id: a\n    objectives: [no-01, no-03]\n    reviewed:\n      no-01: ${FP}\n      no-03: ${NEW}\n`,
    );
  });

  it('removes `reviewed:` whole when no review is left in it', () => {
    const text = `actions:\n  - id: a\n    reviewed:\n      no-02: ${FP}\n    # a comment below stays\n  - id: b\n`;
    expect(recordReviews(text, [edit(text, 'a', {}, ['no-02'])])).toBe('actions:\n  - id: a\n    # a comment below stays\n  - id: b\n');
  });

  it('writes into a mapping on one line as one', () => {
    const text = `actions:\n  - { id: a, objectives: [no-01, no-02], reviewed: { no-01: ${FP} } }\n  - { id: b, objectives: [no-01] }\n`;
    const edits = [edit(text, 'a', { 'no-01': NEW, 'no-02': NEW }), edit(text, 'b', { 'no-01': NEW })];
    expect(recordReviews(text, edits)).toBe(
      `actions:\n  - { id: a, objectives: [no-01, no-02], reviewed: { no-01: ${NEW}, no-02: ${NEW} } }\n  - { id: b, objectives: [no-01], reviewed: { no-01: ${NEW} } }\n`,
    );
  });

  it('writes a one-line `reviewed:` again whole when reviews leave it and others come', () => {
    const text = `actions:\n  - id: a\n    objectives: [no-01]\n    reviewed: { no-02: ${FP}, no-03: ${FP} }  # old\n`;
    expect(recordReviews(text, [edit(text, 'a', { 'no-01': NEW }, ['no-02', 'no-03'])])).toBe(`actions:\n  - id: a\n    objectives: [no-01]\n    reviewed: { no-01: ${NEW} }  # old\n`);
  });

  it('puts new reviews in the place of the old ones when every old one goes', () => {
    const text = `actions:\n  - id: a\n    objectives: [no-01]\n    reviewed:\n      no-02: ${FP} # old\n    status: done\n`;
    expect(recordReviews(text, [edit(text, 'a', { 'no-01': NEW }, ['no-02'])])).toBe(`actions:\n  - id: a\n    objectives: [no-01]\n    reviewed:\n      no-01: ${NEW}\n    status: done\n`);
  });

  it('keeps Windows line endings, a byte-order mark and four-space indents', () => {
    const text = '\ufeffactions:\r\n    -   id: a\r\n        objectives: [no-01]\r\n';
    const edits = [{ ...edit(text.slice(1), 'a', { 'no-01': NEW }) }];
    expect(recordReviews(text, edits)).toBe('\ufeffactions:\r\n    -   id: a\r\n        objectives: [no-01]\r\n        reviewed:\r\n          no-01: aaaa-bbbb-cccc-dddd\r\n');
  });

  it('refuses an action that a YAML alias repeats elsewhere, since an edit would change both', () => {
    const text = 'actions:\n  - &same\n    id: a\n    objectives: [no-01]\nmore: [*same]\n';
    expect(() => recordReviews(text, [edit(text, 'a', { 'no-01': NEW })])).toThrow(new ReviewEditError('`a` is repeated elsewhere with a YAML alias'));
  });

  it('refuses an action that is no longer where the plan read it', () => {
    const text = 'actions:\n  - id: a\n    objectives: [no-01]\n';
    expect(() => recordReviews(text, [{ ...edit(text, 'a', { 'no-01': NEW }), id: 'b' }])).toThrow('action `b` is no longer where plan read it');
  });
});
