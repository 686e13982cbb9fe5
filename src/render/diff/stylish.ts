// `plan diff --format stylish`, for people at a terminal: a line naming the versions, the changes in
// parts (added, removed, renamed, changed, golden thread, duty coverage), then the counts.

import { Chalk } from 'chalk';
import { countsInWords, diffSections, versionsInWords, type DiffLine } from '../../diff/diff-words.js';
import { hasChanges } from '../../diff/plan-diff.js';
import { terminalText } from '../../report/terminal-text.js';
import type { DiffFormatter } from './formatter.js';

export const stylish: DiffFormatter = (report, { colour }) => {
  const c = new Chalk({ level: colour ? 1 : 0 });
  const versions = terminalText(versionsInWords(report));
  if (!hasChanges(report.diff)) return `${c.green(`✔ No changes ${versions}.`)}\n`;
  const paint: Record<DiffLine['mark'], (text: string) => string> = { '+': c.green, '-': c.red, '~': c.yellow, '✖': c.red, '✔': c.green };
  const lines = [`Changes ${versions}:`, ''];
  for (const section of diffSections(report.diff)) {
    lines.push(c.bold(section.title));
    for (const line of section.lines) lines.push(`  ${paint[line.mark](line.mark)} ${terminalText(line.text)}`);
    lines.push('');
  }
  lines.push(countsInWords(report.diff).replace(/^./, (first) => first.toUpperCase()) + '.');
  return lines.join('\n') + '\n';
};
