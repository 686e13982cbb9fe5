// The plain values of the plan language that every schema shares: ids, dates, one-line text and
// Markdown. Kept apart from the collections so the planning year's schemas (year-schema.ts) and the
// plan's (schema.ts) read them from one place.

import * as z from 'zod/mini';

// zod's JIT builds a validator function per schema with `new Function`; for a command that runs for a
// fraction of a second that costs more than it saves (measured: first validation 12 -> 8 ms, and faster at
// 50,000 actions too).
z.config({ jitless: true });

export const idSchema = z.string().check(
  z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, {
    error: 'must be an id: letters, digits, `-`, `_` or `.`, starting with a letter or digit, at most 100 characters',
  }),
);

/** A calendar date written YYYY-MM-DD that exists (no 31 February). */
export const dateSchema = z.iso.date({ error: 'must be a date written YYYY-MM-DD, such as 2024-03-31' });

/** The longest a one-line text field (a title, a name, a statement) may be: a public limit (docs/language.md). */
export const MAX_TEXT_LENGTH = 1_000;

export const text = z.string().check(z.trim(), z.minLength(1, { error: 'must not be empty' }), z.maxLength(MAX_TEXT_LENGTH));
/** Prose that is rendered as Markdown (raw HTML is not allowed in it). */
export const markdown = z.string();
