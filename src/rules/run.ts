// Runs every rule that is not switched off, at the severity configuration gives it.

import type { Diagnostic, SeveritySetting } from '../diagnostic.js';
import type { Plan } from '../link/plan-graph.js';
import { locate } from '../model/locate.js';
import { didYouMean } from '../suggest.js';
import { builtInChecks, rules } from './index.js';
import { findingLocation, formatMessage } from './rule.js';

export type RuleSettings = Record<string, SeveritySetting>;

/** Merges the manifest's `rules:` with overrides (from the command line), reporting unknown rule ids. */
export function resolveSettings(plan: Plan, overrides: RuleSettings = {}): { settings: RuleSettings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const settings: RuleSettings = {};
  for (const rule of rules) settings[rule.id] = rule.defaultSeverity;
  const ruleIds = rules.map((r) => r.id);
  for (const [id, severity] of Object.entries(plan.manifest.rules)) {
    if (ruleIds.includes(id)) {
      settings[id] = severity;
    } else {
      const builtIn = builtInChecks.some((c) => c.id === id);
      diagnostics.push({
        rule: 'config', severity: 'error', ...locate(plan.manifest.at, ['rules', id], { key: true }),
        message: builtIn
          ? `\`${id}\` is a built-in check and is always an error; it cannot be configured.`
          : `There is no rule \`${id}\`.${didYouMean(id, ruleIds)}`,
        hint: `The rules are: ${ruleIds.join(', ')}.`,
      });
    }
  }
  Object.assign(settings, overrides);
  return { settings, diagnostics };
}

export function runRules(plan: Plan, settings: RuleSettings): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = settings[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    rule.check(plan, (finding) => {
      const template = rule.messages[finding.messageId] ?? finding.messageId;
      diagnostics.push({
        rule: rule.id,
        severity,
        ...findingLocation(finding),
        message: formatMessage(template, finding.data),
        ...(finding.hint ? { hint: finding.hint } : {}),
        subject: finding.item.id,
      });
    });
  }
  return diagnostics;
}
