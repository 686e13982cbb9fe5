// The default terminal format: findings grouped by file, each with line:col, severity, message, the fix
// and the rule id, then a summary line. Colour only when the context allows it.

import { Chalk } from 'chalk';
import type { Reporter } from './reporter.js';

export const stylish: Reporter = (diagnostics, summary, context) => {
  const c = new Chalk({ level: context.colour ? 1 : 0 });
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      currentFile = d.file;
      lines.push(c.underline(context.displayPath(d.file)));
    }
    const position = `${d.line}:${d.column}`.padEnd(7) + ' ';
    const severity = d.severity === 'error' ? c.red('error  ') : c.yellow('warning');
    lines.push(`  ${c.dim(position)}${severity}  ${d.message}  ${c.dim(d.rule)}`);
    for (const consequence of d.context ?? []) lines.push(`  ${' '.repeat(17)}${c.dim('↳ ' + consequence)}`);
    if (d.hint) lines.push(`  ${' '.repeat(17)}${c.dim('→ ' + d.hint)}`);
  }
  const total = summary.errors + summary.warnings;
  const hidden = context.hiddenWarnings ?? 0;
  const where = context.planDir === '.' ? 'this plan' : context.planDir;
  if (total === 0 && hidden > 0) {
    lines.push(c.green(`✔ No errors in ${where} (${plural(hidden, 'warning')} not shown).`));
  } else if (total === 0) {
    lines.push(c.green(`✔ No problems found in ${where}.`));
  } else {
    if (lines.length) lines.push('');
    const text = `${summary.errors > 0 ? '✖' : '⚠'} ${total} ${total === 1 ? 'problem' : 'problems'} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')})`;
    lines.push(summary.errors > 0 ? c.red.bold(text) : c.yellow.bold(text));
  }
  return lines.join('\n') + '\n';
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
