// Words and other text copied to be held one byte a character must come back as exactly the same text.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneByte } from '../../src/one-byte.js';

describe('oneByte', () => {
  it('gives back the same text, for any text', () => {
    const latin1 = fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 40 });
    fc.assert(fc.property(fc.oneof(latin1, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 })), (text) => {
      expect(oneByte(text)).toBe(text);
    }), { numRuns: 5000 });
  });

  it('gives the same text for a word cut from a file with a character beyond Latin-1, and for text with one', () => {
    const file = 'notGiven: Not given at all in this plan\nmark: ✖\n';
    const word = file.slice(10, 39);
    expect(oneByte(word)).toBe('Not given at all in this plan');
    expect(oneByte('✖ failed')).toBe('✖ failed');
    expect(oneByte('café ½')).toBe('café ½');
    // Longer than the buffer short texts go through, and one after another through it.
    const long = `${'é'.repeat(70_000)}${file.slice(10, 39)}`;
    expect(oneByte(long)).toBe(long);
    expect([oneByte('first text'), oneByte('second')]).toEqual(['first text', 'second']);
  });
});
