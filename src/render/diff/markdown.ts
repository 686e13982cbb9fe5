// `plan diff --format markdown`, for a pull-request comment: a heading, the versions, the changes in
// parts and the counts. Plan text is escaped for Markdown; ids are shown as code.

import { countsInWords, diffSections, versionsInWords } from '../../diff/diff-words.js';
import { hasChanges } from '../../diff/plan-diff.js';
import { escapeForMarkdown } from '../markdown.js';
import type { DiffFormatter } from './formatter.js';

/** Plain diff text as Markdown: an id in backticks becomes code, everything else shows as exactly that text. */
function markdownText(text: string): string {
  return text
    .split(/(`[A-Za-z0-9][A-Za-z0-9._-]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : escapeForMarkdown(part)))
    .join('');
}

export const markdown: DiffFormatter = (report) => {
  const versions = markdownText(versionsInWords(report));
  const lines = ['### Plan changes', ''];
  if (!hasChanges(report.diff)) return [...lines, `No changes ${versions}.`, ''].join('\n');
  lines.push(`Changes ${versions}: ${markdownText(countsInWords(report.diff))}.`, '');
  for (const section of diffSections(report.diff)) {
    lines.push(`**${section.title}**`, '');
    for (const line of section.lines) lines.push(`- ${line.mark === '✖' || line.mark === '✔' ? `${line.mark} ` : ''}${markdownText(line.text)}`);
    lines.push('');
  }
  return lines.join('\n');
};
