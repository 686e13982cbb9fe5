// Escapes the non-ASCII characters that esbuild leaves in regular expression literals (its ASCII output
// escapes strings, templates and names, but not these), so that a bundle is plain ASCII and bin/plan can
// read it as Latin-1: no UTF-8 decoding, and V8 holds it as a one-byte string.
import { tokenizer } from 'acorn';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The bundle's source with every non-ASCII character of a regular expression literal written as `\uXXXX`.
 * acorn's tokenizer tells a regular expression from a division as its parser does, at a quarter of the
 * parser's time; tests/build/code-cache.test.ts checks that the bundles come out plain ASCII.
 */
export function escapeRegExpLiterals(source) {
  if (!NON_ASCII.test(source)) return source;
  let escaped = '';
  let from = 0;
  for (const token of tokenizer(source, { ecmaVersion: 'latest', sourceType: 'script' })) {
    if (token.type.label !== 'regexp') continue;
    const literal = source.slice(token.start, token.end);
    if (!NON_ASCII.test(literal)) continue;
    escaped += source.slice(from, token.start) + escapeRegExp(literal);
    from = token.end;
  }
  return escaped + source.slice(from);
}

/**
 * `\uXXXX` means the same code unit as the character it replaces, in and out of a character class, and
 * with the `u` or `v` flag a pair of escaped surrogates is one code point as the character was. After a
 * backslash (an identity escape, `\…`) only `uXXXX` is added, so that it stays one escape.
 */
function escapeRegExp(literal) {
  let out = '';
  let backslashes = 0;
  for (let i = 0; i < literal.length; i++) {
    const unit = literal.charCodeAt(i);
    out += unit > 0x7f ? `${backslashes % 2 === 1 ? '' : '\\'}u${unit.toString(16).toUpperCase().padStart(4, '0')}` : literal[i];
    backslashes = literal[i] === '\\' ? backslashes + 1 : 0;
  }
  return out;
}
