// GitHub Actions workflow commands: each finding becomes an annotation on its file and line in a pull request.

import { summarise } from '../diagnostic.js';
import { findingsOf, type Reporter } from './reporter.js';
import { terminalText } from './terminal-text.js';

export const github: Reporter = (plans) => {
  const diagnostics = findingsOf(plans);
  const summary = summarise(diagnostics);
  const lines = diagnostics.map((d) => {
    const command = d.severity === 'error' ? 'error' : 'warning';
    const properties = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}`;
    const message = [d.message, ...(d.context ?? []), ...(d.hint ? [d.hint] : [])].join(' ');
    return `::${command} ${properties}::${escapeData(withVisibleControls(message))}`;
  });
  lines.push(`plan check: ${summary.errors} error(s), ${summary.warnings} warning(s)`);
  return lines.join('\n') + '\n';
};

/**
 * The log shows the message's line as it is, escape codes included, so they are made visible as on a
 * terminal; line breaks are kept, for escapeData to encode as the annotation's own.
 */
function withVisibleControls(text: string): string {
  return text.split(/(\r\n|\r|\n)/).map((part, index) => (index % 2 === 1 ? part : terminalText(part))).join('');
}

// As specified by the runner's toolkit (command.ts): data escapes %, CR, LF; properties also : and ,.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
