// SARIF 2.1.0 for code scanning: one run, one rule entry per rule and built-in check, one result per
// finding, located relative to the working folder (%SRCROOT%) and fingerprinted so that a finding keeps
// its identity when lines move.

import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostic.js';
import { fromWorkingFolder, type Reporter } from './reporter.js';

/** The key of plan's fingerprint; a new version gets a new key, so old and new never compare. */
const FINGERPRINT = 'planFinding/v1';

export const sarif: Reporter = (plans, context) => {
  // The package is not published, so there is no public page to point to: no informationUri or helpUri.
  const ruleEntries = context.catalogue.map((entry) => ({
    id: entry.id,
    name: toPascal(entry.id),
    shortDescription: { text: entry.description },
    ...(entry.rationale ? { fullDescription: { text: entry.rationale } } : {}),
    help: {
      text: entry.rationale ? `${entry.description} ${entry.rationale}` : entry.description,
      markdown: `${entry.rationale ? `**${entry.description}**\n\n${entry.rationale}` : entry.description}\n\nSee docs/${entry.docs}.`,
    },
    defaultConfiguration: { level: entry.defaultSeverity === 'error' ? 'error' : 'warning' },
  }));
  const index = new Map(ruleEntries.map((r, i) => [r.id, i]));
  const fingerprints = new Fingerprints();
  const results = plans.flatMap((plan) => plan.diagnostics.map((d) => ({
    ruleId: d.rule,
    ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: [d.message, ...(d.context ?? []), ...(d.hint ? [d.hint] : [])].join(' ') },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(fromWorkingFolder(plan, d.file)),
          region: { startLine: d.line, startColumn: d.column },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT]: fingerprints.of(plan.dir, d) },
    ...(d.subject ? { properties: { subject: d.subject } } : {}),
  })));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'plan', version: context.version, rules: ruleEntries } },
        originalUriBaseIds: { '%SRCROOT%': { uri: context.workingFolderUri } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

/**
 * A finding's identity across commits: its plan, rule, subject (or file, for a finding about no one
 * item) and message, never its line, so that editing above it does not make it a new alert. Places
 * quoted in a message (`at actions.yaml:2:9`) lose their numbers for the same reason. Findings alike in
 * all of these are told apart by their order, as GitHub does for its own line hashes.
 */
class Fingerprints {
  private readonly seen = new Map<string, number>();

  of(planDir: string, d: Diagnostic): string {
    const message = d.message.replace(/:\d+:\d+\b/g, '');
    const identity = [planDir, d.rule, d.subject ?? d.file, message].join('\u0000');
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 32);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  }
}

/** A path under the working folder is relative to %SRCROOT%; one outside it is an absolute file: URI. */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function toPascal(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
