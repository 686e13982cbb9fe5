// The default terminal format: findings grouped by file, each with line:col, severity, message, the fix
// and the rule id, then a summary line; with several plans, a summary line for each plan and one for all.
// Colour only when the context allows it; plan text never brings its own (terminal-text.ts).

import { Chalk, type ChalkInstance } from 'chalk';
import { summarise } from '../diagnostic.js';
import { findingsOf, plural, type PlanFindings, type Reporter } from './reporter.js';
import { terminalFinding, terminalText } from './terminal-text.js';

export const stylish: Reporter = (plans, context) => {
  const c = new Chalk({ level: context.colour ? 1 : 0 });
  const lines: string[] = [];
  for (const plan of plans) {
    const found = findingLines(plan, c);
    if (found.length > 0) {
      for (const line of found) lines.push(line);
      lines.push('');
    }
    if (plans.length > 1) lines.push(summaryLine([plan], nameOf(plan), true, c), '');
  }
  // With one plan the findings' paths already say where they are; with several, each count names its plans.
  if (plans.length > 1) lines.push(summaryLine(plans, `${plans.length} plans`, true, c));
  else lines.push(summaryLine(plans, plans[0] ? nameOf(plans[0]) : 'this plan', false, c));
  return lines.join('\n') + '\n';
};

/** One plan's findings, grouped by file with a blank line between files. */
function findingLines(plan: PlanFindings, c: ChalkInstance): string[] {
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const d of findingsOf([plan]).map(terminalFinding)) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      currentFile = d.file;
      lines.push(c.underline(d.file));
    }
    const position = `${d.line}:${d.column}`.padEnd(7) + ' ';
    const severity = d.severity === 'error' ? c.red('error  ') : c.yellow('warning');
    lines.push(`  ${c.dim(position)}${severity}  ${d.message}  ${c.dim(d.rule)}`);
    for (const consequence of d.context ?? []) lines.push(`  ${' '.repeat(17)}${c.dim('↳ ' + consequence)}`);
    if (d.hint) lines.push(`  ${' '.repeat(17)}${c.dim('→ ' + d.hint)}`);
  }
  return lines;
}

/** The counts of these plans; `where` names them, said beside the counts too when `named`. */
function summaryLine(plans: readonly PlanFindings[], where: string, named: boolean, c: ChalkInstance): string {
  const summary = summarise(plans.flatMap((plan) => plan.diagnostics));
  const hidden = plans.reduce((sum, plan) => sum + plan.hiddenWarnings, 0);
  const suppressed = plans.reduce((sum, plan) => sum + (plan.suppressed ?? 0), 0);
  const total = summary.errors + summary.warnings;
  const inBaseline = suppressed > 0 ? `${suppressed} in the baseline` : '';
  if (total === 0 && hidden > 0) return c.green(`✔ No ${suppressed > 0 ? 'new ' : ''}errors in ${where} (${[`${plural(hidden, 'warning')} not shown`, inBaseline].filter(Boolean).join('; ')}).`);
  if (total === 0 && suppressed > 0) return c.green(`✔ No new problems in ${where} (${inBaseline}).`);
  if (total === 0) return c.green(`✔ No problems found in ${where}.`);
  const counts = [`${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`, inBaseline].filter(Boolean).join('; ');
  const text = `${summary.errors > 0 ? '✖' : '⚠'} ${plural(total, suppressed > 0 ? 'new problem' : 'problem')}${named ? ` in ${where}` : ''} (${counts})`;
  return summary.errors > 0 ? c.red.bold(text) : c.yellow.bold(text);
}

function nameOf(plan: PlanFindings): string {
  return plan.dir === '.' ? 'this plan' : terminalText(plan.dir);
}
