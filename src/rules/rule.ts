// What a rule is: an id, a one-line description, a default severity, message templates it owns, and a
// check that walks the linked plan and reports findings. Rules report; they never print.

import type { Position, Severity } from '../diagnostic.js';
import type { FieldPath } from '../model/locate.js';
import { locate } from '../model/locate.js';
import type { LinkedItem, Plan } from '../link/plan-graph.js';

export interface Finding {
  /** The item concerned; the finding is placed at it (or at `path` inside it). */
  item: LinkedItem;
  /** Where inside the item to point, e.g. ['portfolio']; the item itself when absent or not in the source. */
  path?: FieldPath;
  /** Point at the key of the last step of `path` rather than its value (useful when the value is missing). */
  key?: boolean;
  /** Which of the rule's message templates to use. */
  messageId: string;
  /** Values for the template's {{placeholders}}. */
  data?: Record<string, string | number>;
  hint?: string;
}

export interface Rule<Messages extends string = string> {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Rationale shown in SARIF help and the docs: why the rule exists. */
  rationale: string;
  messages: Record<Messages, string>;
  check(plan: Plan, report: (finding: Finding & { messageId: Messages }) => void): void;
}

/** Fills {{name}} placeholders; a missing value is left visible rather than silently dropped. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

export function findingLocation(finding: Finding): { file: string } & Position {
  return locate(finding.item.item.at, finding.path ?? [], { key: finding.key ?? false });
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** Joins names as English: "a", "a and b", "a, b and c". */
export function listInWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
