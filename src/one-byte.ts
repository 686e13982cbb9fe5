// Text kept one byte a character where it can be. V8 holds a string in one of two ways: one byte a
// character, when every character is Latin-1, or two. A string cut from a file that has a single
// character beyond Latin-1 anywhere in it (a ✖, a curly quote) is held in two bytes a character however
// plain it is, and so is every page it goes into: twice the memory, and twice the copying, for every page
// of a big build. A copy made through Latin-1 is held in one byte.

/** Whether `text` has a character beyond Latin-1. */
const BEYOND_LATIN_1 = /[^\u0000-\u00ff]/;

/** The buffer short texts are copied through; a longer one has a buffer of its own. */
const POOL_LENGTH = 64 * 1024;
let pool: Buffer | undefined;

/** `text` itself, or, where every character of it is Latin-1, a copy V8 holds one byte a character. */
export function oneByte(text: string): string {
  if (text.length === 0 || BEYOND_LATIN_1.test(text)) return text;
  if (text.length > POOL_LENGTH) return Buffer.from(text, 'latin1').toString('latin1');
  pool ??= Buffer.allocUnsafe(POOL_LENGTH);
  const length = pool.write(text, 0, 'latin1');
  return pool.toString('latin1', 0, length);
}

/**
 * Whether the strings cut from `source` may be held in two bytes a character though they need only
 * one: when it has a character beyond Latin-1 anywhere. Then they are worth `oneByte`.
 */
export function cutFromWideText(source: string): boolean {
  return BEYOND_LATIN_1.test(source);
}
