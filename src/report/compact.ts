// One line per finding, `file:line:col: severity message [rule]`, as compilers print them: what editors'
// problem matchers and `grep` read best. Then one summary line, which no matcher mistakes for a finding.
// Plan text is made safe (terminal-text.ts), so a line break in it cannot start a line of its own.

import { summarise } from '../diagnostic.js';
import { findingsOf, plural, type Reporter } from './reporter.js';
import { terminalFinding } from './terminal-text.js';

export const compact: Reporter = (plans) => {
  const diagnostics = findingsOf(plans);
  const lines = diagnostics.map(terminalFinding).map((d) => {
    const message = [d.message, ...(d.context ?? []), ...(d.hint ? [d.hint] : [])].join(' ');
    return `${d.file}:${d.line}:${d.column}: ${d.severity} ${message} [${d.rule}]`;
  });
  const { errors, warnings } = summarise(diagnostics);
  lines.push(`${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`);
  return lines.join('\n') + '\n';
};
