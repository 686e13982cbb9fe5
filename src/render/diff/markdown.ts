// `plan diff --format markdown`, for a pull-request comment: a heading, the versions, the changes in
// parts and the counts. Plan text is escaped for Markdown; ids are shown as code.

import { countsInWords, diffSections, versionsInWords } from '../../diff/diff-words.js';
import { hasChanges } from '../../diff/plan-diff.js';
import { formatNumber } from '../../english.js';
import { terminalText } from '../../report/terminal-text.js';
import { escapeForMarkdown } from '../markdown.js';
import type { DiffFormatter } from './formatter.js';

/**
 * Plain diff text as Markdown: an id in backticks becomes code, everything else shows as exactly that
 * text. Control characters are first made visible as on a terminal (ESC as ␛, a line break as ⏎), since
 * the comment is as often read where it is printed as where it is posted.
 */
function markdownText(text: string): string {
  return text
    .split(/(`[A-Za-z0-9][A-Za-z0-9._-]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : escapeForMarkdown(terminalText(part))))
    .join('');
}

/**
 * The lines each part shows at most. GitHub takes a comment of at most 65,536 characters: a month of
 * actuals for a thousand targets can move thousands of positions, and a comment too long is refused
 * whole. The lines left out are counted, and the other formats give them all.
 */
export const MARKDOWN_LINES_PER_PART = 30;

export const markdown: DiffFormatter = (report) => {
  const versions = markdownText(versionsInWords(report));
  const lines = ['### Plan changes', ''];
  if (!hasChanges(report.diff)) return [...lines, `No changes ${versions}.`, ''].join('\n');
  lines.push(`Changes ${versions}: ${markdownText(countsInWords(report.diff))}.`, '');
  for (const section of diffSections(report.diff)) {
    lines.push(`**${section.title}**`, '');
    for (const line of section.lines.slice(0, MARKDOWN_LINES_PER_PART)) lines.push(`- ${line.mark === '✖' || line.mark === '✔' ? `${line.mark} ` : ''}${markdownText(line.text)}`);
    const more = section.lines.length - MARKDOWN_LINES_PER_PART;
    if (more > 0) lines.push(`- … and ${formatNumber(more)} more: \`plan diff\` on a terminal, or with \`--format json\`, lists them all.`);
    lines.push('');
  }
  return lines.join('\n');
};
