// What a reader of a built page sees and where its links go, read from the files a build wrote: the
// text of an HTML page (with the titles and labels a screen reader or a tooltip shows) or of a Markdown
// page (without its link targets), and every link of either.

import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The text of an HTML page: its content, and the title, alt and aria-label attributes a reader meets. */
export function htmlText(html: string): string {
  const withoutCode = html.replace(/<(style|script)\b[\s\S]*?<\/\1>/gi, ' ');
  const labels = [...withoutCode.matchAll(/\s(?:title|alt|aria-label)="([^"]*)"/g)].map((m) => m[1]);
  // Inline elements run on with the words around them; every other tag parts words.
  const content = withoutCode.replace(/<\/?(?:a|strong|em|b|i|span|code|abbr)\b[^>]*>/g, '').replace(/<[^>]+>/g, ' ');
  return decode(`${content} ${labels.join(' ')}`).replace(/\s+/g, ' ');
}

/** The text of a Markdown page: link and image targets and HTML anchors left out, their words kept. */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/<a id="[^"]*"><\/a>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<br>/g, ' ')
    .replace(/\s+/g, ' ');
}

/** Every link target of an HTML page: href and src attributes. */
export function htmlLinks(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decode(m[1]!));
}

/** Every link target of a Markdown page. */
export function markdownLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]*)\)/g)].map((m) => m[1]!);
}

/** Every file under a folder, relative to it with `/`, sorted. */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return found;
}
