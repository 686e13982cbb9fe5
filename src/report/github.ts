// GitHub Actions workflow commands: each finding becomes an annotation on its file and line in a pull request.

import { summarise } from '../diagnostic.js';
import { findingsOf, type Reporter } from './reporter.js';

export const github: Reporter = (plans) => {
  const diagnostics = findingsOf(plans);
  const summary = summarise(diagnostics);
  const lines = diagnostics.map((d) => {
    const command = d.severity === 'error' ? 'error' : 'warning';
    const properties = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}`;
    const message = d.hint ? `${d.message} ${d.hint}` : d.message;
    return `::${command} ${properties}::${escapeData(message)}`;
  });
  lines.push(`plan check: ${summary.errors} error(s), ${summary.warnings} warning(s)`);
  return lines.join('\n') + '\n';
};

// As specified by the runner's toolkit (command.ts): data escapes %, CR, LF; properties also : and ,.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
