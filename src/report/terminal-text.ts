// Plan text made harmless for a terminal or a CI log. Control characters become visible marks, so plan
// text cannot move the cursor, erase or recolour a line, start a GitHub workflow command on a line of
// its own, or reorder what a reader sees with bidirectional overrides.

import type { Diagnostic } from '../diagnostic.js';

/**
 * What is replaced: line breaks (CR, LF, NEL, the Unicode line and paragraph separators), every other
 * C0 and C1 control character and DEL, and the bidirectional embeddings, overrides and isolates.
 */
const UNSAFE = /\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ANY_UNSAFE = new RegExp(UNSAFE.source);

/** A line break, shown where it was, so that the text stays on one line. */
const LINE_BREAK = '⏎';

/**
 * The text with every unsafe character made visible: ESC as ␛ (and the other C0 controls as their
 * Unicode control pictures, ␀ to ␟, DEL as ␡), a line break as ⏎, a tab as a space, and a C1 control
 * or bidirectional control as <U+202E>. Everything else, every letter and symbol of any script, is
 * kept as it is.
 */
export function terminalText(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (unsafe) => {
    if (unsafe === '\r\n' || unsafe === '\n' || unsafe === '\r' || unsafe === '\u0085' || unsafe === '\u2028' || unsafe === '\u2029') return LINE_BREAK;
    if (unsafe === '\t') return ' ';
    const code = unsafe.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '␡';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/**
 * A path for a line of its own in human-readable output: made safe as plan text, and starting with
 * `./` when it would otherwise start with a space or a colon, since a CI runner reads a line that
 * starts with `::` (after any spaces) as a workflow command.
 */
export function terminalPath(path: string): string {
  const safe = terminalText(path);
  return /^[\s:]/.test(safe) ? `./${safe}` : safe;
}

/** A finding ready for a human-readable format: its message, what follows from it, advice and file made safe. */
export function terminalFinding(d: Diagnostic): Diagnostic {
  return {
    ...d,
    file: terminalPath(d.file),
    message: terminalText(d.message),
    ...(d.hint !== undefined ? { hint: terminalText(d.hint) } : {}),
    ...(d.context !== undefined ? { context: d.context.map(terminalText) } : {}),
  };
}
