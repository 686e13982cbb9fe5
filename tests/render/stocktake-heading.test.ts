// An action's title as a stocktake heading: without the full stop or other marks it ends with.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutEndMarks } from '../../src/render/views/stocktake.js';

describe('withoutEndMarks', () => {
  it('drops what the replace of /[.,;:!]+$/ dropped, for any title', () => {
    const title = fc.string({ unit: fc.constantFrom('a', ' ', '.', ',', ';', ':', '!', '?', '\n', 'é'), maxLength: 12 });
    fc.assert(fc.property(title, (text) => {
      expect(withoutEndMarks(text)).toBe(text.replace(/[.,;:!]+$/, ''));
    }), { numRuns: 5000 });
  });

  it('keeps a title that ends in a word, or a question', () => {
    expect(withoutEndMarks('Open two virtual wards.')).toBe('Open two virtual wards');
    expect(withoutEndMarks('Open two virtual wards')).toBe('Open two virtual wards');
    expect(withoutEndMarks('Who owns discharge?')).toBe('Who owns discharge?');
    expect(withoutEndMarks('...')).toBe('');
  });
});
