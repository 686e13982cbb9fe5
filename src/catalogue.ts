// The catalogue of diagnostics: every code a Diagnostic can carry. The built-in checks are made while
// loading, modelling and linking (always errors, never configurable); the rules are listed by id here
// and defined one file each in rules/. Reporters and the gap report read descriptions from here,
// through their context, so a code is described once.

import type { Severity } from './diagnostic.js';

export const builtInChecks = [
  { id: 'read-error', description: 'A source file cannot be read.' },
  { id: 'yaml-syntax', description: 'A source file is not valid YAML, or repeats a key in one mapping.' },
  { id: 'yaml-structure', description: 'A source file is not a mapping of collections.' },
  { id: 'unknown-key', description: 'A key is not part of the plan language (usually a typo).' },
  { id: 'schema', description: 'A value is missing or of the wrong type.' },
  { id: 'duplicate-id', description: 'Two items share an id.' },
  { id: 'unknown-reference', description: 'A reference names an id that does not exist, or an item of the wrong kind.' },
  { id: 'config', description: 'The `rules:` settings name a rule or severity that does not exist.' },
] as const;

/** The rules, in the order they are documented; each is defined in rules/<id>.ts. */
export const ruleIds = [
  'objective-has-owner',
  'objective-serves-priority',
  'priority-serves-aim',
  'portfolio-serves-priority',
  'action-traces-to-aim',
  'action-serves-objective',
  'objective-is-smart',
  'objective-has-action',
  'portfolio-has-objectives',
  'duty-covered',
  'link-is-reviewed',
  'trajectory-ends-at-target',
  'actual-on-trajectory',
  'target-has-current-actual',
  'actual-refers-to-plan',
  'stocktake-up-to-date',
] as const;

export type BuiltInCheckId = (typeof builtInChecks)[number]['id'];
export type RuleId = (typeof ruleIds)[number];
export type DiagnosticCode = BuiltInCheckId | RuleId;

export function isRuleId(id: string): id is RuleId {
  return (ruleIds as readonly string[]).includes(id);
}

export function isBuiltInCheck(id: string): id is BuiltInCheckId {
  return builtInChecks.some((check) => check.id === id);
}

/** What a reporter or document may say about a code. */
export interface CatalogueEntry {
  id: DiagnosticCode;
  description: string;
  /** Why it matters; rules have one. */
  rationale?: string;
  defaultSeverity: Severity;
  configurable: boolean;
  /** The documentation page, relative to the repository's docs/ folder. */
  docs: string;
}

export const builtInEntries: readonly CatalogueEntry[] = builtInChecks.map((check) => ({
  id: check.id,
  description: check.description,
  defaultSeverity: 'error',
  configurable: false,
  docs: `rules/built-in-checks.md#${check.id}`,
}));
