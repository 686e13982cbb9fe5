// Plan text in the documents. Prose written as Markdown becomes safe HTML (raw HTML disabled, links
// only to http(s), mailto and relative addresses, remote images as links unless allowed) and safe
// Markdown (the planner's text kept as written, with the same rules applied to it); plain text becomes
// Markdown that shows exactly that text, whatever characters it holds.

import MarkdownIt from 'markdown-it';
import type { Nodes, Parents } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

export interface ProseOptions {
  /** Keep images whose address is on another site (they load from it when the page is read). Default false. */
  remoteImages?: boolean;
}

/** A link's address is kept only when it is http(s), mailto, or relative to the site. */
export function isSafeLink(url: string): boolean {
  // Browsers ignore control characters and spaces in a scheme ("java\tscript:"), so they are ignored here too.
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase());
  return scheme === null || ['http', 'https', 'mailto'].includes(scheme[1]!);
}

/** An image address that would load from somewhere other than the site itself. */
export function isRemote(url: string): boolean {
  return /^([a-z][a-z0-9+.-]*:|[\\/]{2})/.test(url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase());
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.validateLink = isSafeLink;

const renderImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet('src') ?? '');
  if ((env as ProseOptions | undefined)?.remoteImages || !isRemote(src)) return renderImage(tokens, idx, options, env, self);
  // A remote image becomes a link to it, so reading the page asks nothing of another site.
  const alt = self.renderInlineAsText(token.children ?? [], options, env ?? {}) || src;
  return `<a href="${md.utils.escapeHtml(src)}">${md.utils.escapeHtml(alt)}</a>`;
};
md.renderer.rules.table_open = () => '<table class="nhsuk-table">\n';
md.renderer.rules.th_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet('scope', 'col');
  tokens[idx]!.attrJoin('class', 'nhsuk-table__header');
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.td_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrJoin('class', 'nhsuk-table__cell');
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.tr_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrJoin('class', 'nhsuk-table__row');
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.tbody_open = () => '<tbody class="nhsuk-table__body">\n';
md.renderer.rules.thead_open = () => '<thead class="nhsuk-table__head">\n';

export function markdownToHtml(text: string, options: ProseOptions = {}): string {
  return md.render(text, { ...options });
}

export function markdownInlineToHtml(text: string, options: ProseOptions = {}): string {
  return md.renderInline(text, { ...options });
}

/**
 * Prose for a Markdown document: the planner's Markdown exactly as written, except what could harm a
 * reader. Raw HTML is shown as text, links to other schemes (javascript:, data:, file:) keep only their
 * text, remote images become links. Code is left alone, so `<` in a code block stays `<`.
 * The edits are made at the source positions of a CommonMark (GFM) parse, so nothing else moves.
 */
export function markdownToMarkdown(text: string, options: ProseOptions = {}): string {
  // Raw HTML and autolinks start with `<`; links, images and definitions with `[`. The only other
  // links, GFM's bare addresses, are always http(s) or mailto, so they are kept. Most prose has none
  // of these, and comes back as written without the cost of a parse.
  return MAY_NEED_EDITS.test(text) ? rewriteUnsafeMarkdown(text, options) : text;
}

/** Text in which markdownToMarkdown may have something to edit. */
const MAY_NEED_EDITS = /[<[]/;

/** markdownToMarkdown's edits, made on a parse of the whole text. Exported for the test that holds the shortcut to it. */
export function rewriteUnsafeMarkdown(text: string, options: ProseOptions = {}): string {
  const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const definitions = new Map<string, string>();
  const collect = (node: Nodes) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    if ('children' in node) for (const child of node.children) collect(child);
  };
  collect(tree);

  const range = (node: Nodes): [number, number] => [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
  const rebuild = (node: Parents, from: number, to: number): string => {
    let out = '';
    let cursor = from;
    for (const child of node.children) {
      // GFM's bare-address pass can leave a node without a position; its text is copied with the gap around it.
      if (child.position === undefined) continue;
      const [start, end] = range(child);
      out += text.slice(cursor, start) + rewrite(child);
      cursor = end;
    }
    return out + text.slice(cursor, to);
  };
  const remoteAllowed = options.remoteImages === true;
  const rewrite = (node: Nodes): string => {
    const [start, end] = range(node);
    switch (node.type) {
      case 'html':
        return text.slice(start, end).replace(/</g, '&lt;');
      case 'link':
        if (!isSafeLink(node.url)) return node.children.length === 0 ? '' : rebuild(node, range(node.children[0]!)[0], range(node.children[node.children.length - 1]!)[1]);
        break;
      case 'definition':
        return isSafeLink(node.url) ? text.slice(start, end) : '';
      case 'image':
        if (isRemote(node.url) && !remoteAllowed) return isSafeLink(node.url) ? text.slice(start + 1, end) : escapeForMarkdown(node.alt ?? '');
        return text.slice(start, end);
      case 'imageReference': {
        const url = definitions.get(node.identifier);
        if (url !== undefined && isRemote(url) && !remoteAllowed) return text.slice(start + 1, end);
        return text.slice(start, end);
      }
      default:
        break;
    }
    return 'children' in node ? rebuild(node, start, end) : text.slice(start, end);
  };
  return rewrite(tree);
}

/** Leading characters that would start a heading, quote, list, rule or setext underline. */
const LINE_START = /^(\s*)([>+=-]|\d{1,9}(?=[.)]))/;
/** `&` that would start an entity such as `&amp;` or `&#60;`. */
const ENTITY = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;

/**
 * Plain text placed into a Markdown document, so that it shows as exactly that text: line breaks are
 * folded into spaces (a title cannot start a heading or a list), and every character that Markdown
 * could read as markup is escaped with a backslash (CommonMark lets any ASCII punctuation be escaped).
 * `<` becomes `&lt;`, so a viewer that allows raw HTML still shows a tag as text. Characters that
 * cannot start markup where they stand, such as `&` in "A&E" or `-` inside a word, are left alone.
 */
export function escapeForMarkdown(text: string): string {
  // Leading spaces and tabs become one space: four, or a tab, at the start of a line would make the
  // text a code block, and one keeps the text apart from what it follows.
  const folded = text.replace(/[ \t]*(?:\r\n|\r|\n)+[ \t]*/g, ' ').replace(/^[ \t]+/, ' ');
  const escaped = folded
    .replace(/[\\`*[\]#|~$]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(ENTITY, '\\&')
    .replace(/</g, '&lt;');
  return escaped.replace(LINE_START, (_all, space: string, mark: string) => (/\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`));
}

/**
 * Every character `escapeForMarkdown` may change, and every start of the text it may escape: text with
 * none of them is its own escape. Wider than the escape itself (any `&` or `_`, a line starting with
 * any digit), so that it is never narrower.
 */
const MARKDOWN_MARKUP = /[\r\n\\`*[\]#|~$_&<]/;
const MARKDOWN_LINE_START = /^[\s>+=\-0-9]/;

/** True when `escapeForMarkdown(text)` is sure to be `text` itself, told by one scan and a look at its start (false says only that it may not be). */
export function isPlainForMarkdown(text: string): boolean {
  // Two tests, as one pattern with `^` in one of its branches tries that branch at every character.
  return !MARKDOWN_MARKUP.test(text) && !MARKDOWN_LINE_START.test(text);
}

/** Plain text in a Markdown table cell: already escaped (pipes included), one line, trimmed. */
export function markdownCell(text: string): string {
  return text.trim();
}
