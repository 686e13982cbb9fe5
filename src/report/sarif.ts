// SARIF 2.1.0 for code scanning: one run, one rule entry per rule and built-in check, one result per finding.

import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Reporter } from './reporter.js';

export const sarif: Reporter = (diagnostics, _summary, context) => {
  const ruleEntries = context.catalogue.map((entry) => ({
    id: entry.id,
    name: toPascal(entry.id),
    shortDescription: { text: entry.description },
    ...(entry.rationale ? { fullDescription: { text: entry.rationale } } : {}),
    help: {
      text: entry.rationale ? `${entry.description} ${entry.rationale}` : entry.description,
      markdown: `${entry.rationale ? `**${entry.description}**\n\n${entry.rationale}` : entry.description}\n\nSee docs/${entry.docs}.`,
    },
    helpUri: `docs/${entry.docs}`,
    defaultConfiguration: { level: entry.defaultSeverity === 'error' ? 'error' : 'warning' },
  }));
  const index = new Map(ruleEntries.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'plan', informationUri: 'https://www.npmjs.com/package/plan', version: context.version, rules: ruleEntries } },
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: [d.message, ...(d.context ?? []), ...(d.hint ? [d.hint] : [])].join(' ') },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(context.displayPath(d.file)),
                region: { startLine: d.line, startColumn: d.column },
              },
            },
          ],
          ...(d.subject ? { properties: { subject: d.subject } } : {}),
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

/** A path under the working folder is relative to %SRCROOT%; one outside it is an absolute file: URI. */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: encodeURI(path), uriBaseId: '%SRCROOT%' };
}

function toPascal(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
