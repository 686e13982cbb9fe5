// Text in the diagram: widths estimated without a browser, wrapping to a box, and XML escaping. Plan
// text is untrusted, so every string written into the SVG goes through `xml`.

// There is no browser to measure text, so widths are estimated from Helvetica's advance widths (Arial
// has the same metrics), with a margin for Frutiger and for the fallbacks readers may have instead: DejaVu
// Sans, the usual sans-serif on Linux, runs about 14% wider than Arial.

/** Advance widths of ASCII 32..126 in thousandths of an em. */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const SAFETY = 1.16;
const BOLD = 1.1;

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  const ascii = code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32] : undefined;
  if (ascii !== undefined) return ascii;
  if (char === '…' || char === '—') return 1000;
  if (char === '✖') return 850;
  if (code >= 0x2e80) return 1000; // CJK and other wide scripts
  return 600;
}

export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const char of text) units += charWidth(char);
  return (units / 1000) * size * SAFETY * (bold ? BOLD : 1);
}

/**
 * Breaks text into at most `maxLines` lines of at most `maxWidth`; the last line ends in "…" when text
 * is left over. A word too long for a line is broken inside the word. Linear in the part of the text
 * that is shown, however long the text is.
 */
export function wrapText(text: string, maxWidth: number, size: number, maxLines: number, bold = false): string[] {
  const scale = (size * SAFETY * (bold ? BOLD : 1)) / 1000;
  const limit = maxWidth / scale; // in thousandths of an em
  const spaceWidth = charWidth(' ');
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  let more = false;
  const words = text.split(' ');
  outer: for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    if (word === '') continue;
    // Measured only as far as a line: a longer word is broken below, however long it is.
    let wordWidth = 0;
    for (const char of word) {
      wordWidth += charWidth(char);
      if (wordWidth > limit) break;
    }
    if (line && lineWidth + spaceWidth + wordWidth <= limit) {
      line += ` ${word}`;
      lineWidth += spaceWidth + wordWidth;
      continue;
    }
    if (line) {
      if (lines.length + 1 >= maxLines) {
        more = true;
        break;
      }
      lines.push(line);
      line = '';
      lineWidth = 0;
    }
    // A word wider than a line is broken inside the word, as many pieces as there are lines left.
    let piece = '';
    let pieceWidth = 0;
    for (const char of word) {
      const width = charWidth(char);
      if (piece && pieceWidth + width > limit) {
        if (lines.length + 1 >= maxLines) {
          line = piece;
          lineWidth = pieceWidth;
          more = true;
          break outer;
        }
        lines.push(piece);
        piece = '';
        pieceWidth = 0;
      }
      piece += char;
      pieceWidth += width;
    }
    line = piece;
    lineWidth = pieceWidth;
  }
  if (!more) {
    if (line) lines.push(line);
    return lines;
  }
  lines.push(withEllipsis(line, limit));
  return lines;
}

/** The longest start of `line` that fits with "…" after it, cut at a word when that loses little. */
function withEllipsis(line: string, limit: number): string {
  const room = limit - charWidth('…');
  let width = 0;
  let end = 0;
  for (const char of line) {
    width += charWidth(char);
    if (width > room) break;
    end += char.length;
  }
  let cut = line.slice(0, end);
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** Removes characters XML 1.0 forbids (control characters, lone surrogates) and collapses white space. */
export function clean(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Plan text is untrusted: every string written into the SVG goes through here. */
export function xml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Coordinates to one decimal place, so the output is byte-identical wherever it is built. */
export function num(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
