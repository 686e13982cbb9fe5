// Runs every rule that is not switched off, at the severity configuration gives it, and makes one
// message of each mistake: a finding that only follows from a gap reported elsewhere is told under
// that finding, and a finding that touches a stand-in (an item with a schema error) is dropped.

import { isBuiltInCheck, ruleIds } from '../catalogue.js';
import type { Diagnostic, SeveritySetting } from '../diagnostic.js';
import { referenceKey } from '../link/link.js';
import { nameOf, type LinkedItem, type Plan } from '../link/plan-graph.js';
import { gapKey, linkReportedGaps, Thread, type Gap } from '../link/thread.js';
import { PlanningYear } from '../link/year.js';
import { locate } from '../model/locate.js';
import { didYouMean } from '../suggest.js';
import { rules } from './index.js';
import { findingLocation, formatMessage } from './rule.js';

export type RuleSettings = Record<string, SeveritySetting>;

/** Merges the manifest's `rules:` with overrides (from the command line), reporting unknown rule ids. */
export function resolveSettings(plan: Plan, overrides: RuleSettings = {}): { settings: RuleSettings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const settings: RuleSettings = {};
  for (const rule of rules) settings[rule.id] = rule.defaultSeverity;
  for (const [id, severity] of Object.entries(plan.manifest.rules)) {
    if ((ruleIds as readonly string[]).includes(id)) {
      settings[id] = severity;
    } else {
      diagnostics.push({
        rule: 'config', severity: 'error', ...locate(plan.manifest.at, ['rules', id], { key: true }),
        message: isBuiltInCheck(id)
          ? `\`${id}\` is a built-in check and is always an error; it cannot be configured.`
          : `There is no rule \`${id}\`.${didYouMean(id, ruleIds)}`,
        hint: `The rules are: ${ruleIds.join(', ')}.`,
      });
    }
  }
  Object.assign(settings, overrides);
  return { settings, diagnostics };
}

/** How many ids a consequence shared by many items names before it says how many more there are. */
const MAX_NAMED = 8;

interface Reported {
  diagnostic: Diagnostic;
  reports: Gap | undefined;
  because: readonly Gap[];
  /** What to say under the finding of the cause: "So it …" or "So action X …". */
  consequence: { item: LinkedItem | undefined; predicate: string } | undefined;
}

/**
 * @param referenceFindings the link phase's unknown-reference findings by item and field, under which
 *   a thread that stops at such a reference is told
 */
export function runRules(plan: Plan, settings: RuleSettings, referenceFindings: ReadonlyMap<string, Diagnostic> = new Map()): Diagnostic[] {
  const thread = new Thread(plan);
  const year = PlanningYear.of(plan);
  const reported: Reported[] = [];
  for (const rule of rules) {
    const severity = settings[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    rule.check({ plan, thread, year }, (finding) => {
      if (finding.item?.standIn || finding.because?.some((gap) => gap.reason === 'stand-in')) return;
      const template = rule.messages[finding.messageId] ?? finding.messageId;
      reported.push({
        diagnostic: {
          rule: rule.id,
          severity,
          ...findingLocation(finding, plan),
          message: formatMessage(template, finding.data),
          ...(finding.hint ? { hint: finding.hint } : {}),
          ...(finding.item ? { subject: finding.item.id } : finding.subject !== undefined ? { subject: finding.subject } : {}),
        },
        reports: finding.reports,
        because: finding.because ?? [],
        consequence: finding.consequenceId !== undefined
          ? { item: finding.item, predicate: formatMessage(rule.messages[finding.consequenceId] ?? finding.consequenceId, finding.data) }
          : undefined,
      });
    });
  }

  const roots = new Map<string, Diagnostic>();
  for (const r of reported) if (r.reports) roots.set(gapKey(r.reports), r.diagnostic);
  const rootOf = (gap: Gap): Diagnostic | undefined => {
    const field = linkReportedGaps[gap.reason];
    return field !== undefined && gap.item ? referenceFindings.get(referenceKey(gap.item.id, field)) : roots.get(gapKey(gap));
  };

  const standing: Diagnostic[] = [];
  const own = new Map<string, Diagnostic>();
  for (const r of reported) {
    if (r.because.length > 0) continue;
    standing.push(r.diagnostic);
    own.set(`${r.diagnostic.rule}\u0000${r.diagnostic.subject ?? ''}`, r.diagnostic);
  }
  const folded = new Map<Diagnostic, Reported[]>();
  for (const r of reported) {
    if (r.because.length === 0) continue;
    const root = r.because.map(rootOf).find((d) => d !== undefined);
    // With nothing reporting its cause, a consequence joins its own rule's finding on the item, or stands alone.
    const into = root ?? own.get(`${r.diagnostic.rule}\u0000${r.diagnostic.subject ?? ''}`);
    if (!into) {
      standing.push(r.diagnostic);
      continue;
    }
    if (!folded.has(into)) folded.set(into, []);
    folded.get(into)!.push(r);
    // One message for one mistake must never hide an error behind a warning.
    if (r.diagnostic.severity === 'error') into.severity = 'error';
  }
  for (const [root, consequences] of folded) root.context = contextLines(root, consequences);
  return standing;
}


/**
 * What follows from a finding, one line per kind of consequence: "So it serves no system priority …",
 * "So action X does not reach …", or for many items alike "So each of these 31 objectives serves …: `a`, `b`, … and 23 more."
 */
function contextLines(root: Diagnostic, consequences: readonly Reported[]): string[] {
  const groups = new Map<string, Reported[]>();
  for (const c of consequences) {
    const key = c.consequence ? `${c.diagnostic.rule}\u0000${c.consequence.item?.kind ?? ''}\u0000${c.consequence.predicate}` : `\u0000${c.diagnostic.message}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(c);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    if (!first.consequence) {
      lines.push(first.diagnostic.message);
      continue;
    }
    const { item, predicate } = first.consequence;
    if (group.length === 1 || !item) {
      // Joined to its own rule's finding on the same item (its cause unreported), it adds to it rather than follows from it.
      if (item && item.id === root.subject && first.diagnostic.rule === root.rule) {
        lines.push(`It also ${predicate}.`);
        continue;
      }
      const who = !item || item.id === root.subject ? 'it' : nameOf(item).replace(/^./, (c) => c.toLowerCase());
      lines.push(`So ${who} ${predicate}.`);
      continue;
    }
    const ids = group.slice(0, MAX_NAMED).map((c) => `\`${c.consequence!.item!.id}\``);
    const more = group.length > MAX_NAMED ? ` and ${group.length - MAX_NAMED} more` : '';
    lines.push(`So each of these ${group.length} ${pluralNouns[item.kind]} ${predicate}: ${ids.join(', ')}${more}.`);
  }
  return lines;
}

const pluralNouns: Record<LinkedItem['kind'], string> = {
  collective_aim: 'aims',
  priority: 'priorities',
  portfolio: 'portfolios',
  objective: 'objectives',
  action: 'actions',
  metric: 'metrics',
  organisation: 'organisations',
  duty: 'statutory duties',
  project: 'projects',
};
