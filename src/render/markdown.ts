// Markdown written in the plan (prose fields, descriptions) turned into safe HTML: raw HTML is disabled,
// so plan text can never inject markup; tables get NHS classes and header scopes for accessibility.

import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

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

export function markdownToHtml(text: string): string {
  return md.render(text);
}

export function markdownInlineToHtml(text: string): string {
  return md.renderInline(text);
}

/**
 * Plan text placed into a Markdown document: `<` becomes an entity, so a viewer that allows raw HTML
 * still shows a tag as text. `&` and `>` are left alone: they cannot open markup, and "A&E" stays readable.
 */
export function escapeForMarkdown(text: string): string {
  return text.replace(/</g, '&lt;');
}

/** Plain text placed in a Markdown table cell: one line, pipes escaped. */
export function markdownCell(text: string): string {
  return escapeForMarkdown(text).replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();
}
