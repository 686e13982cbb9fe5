// What a rule is: an id, a one-line description, a default severity, message templates it owns, and a
// check that asks the golden thread about the linked plan and reports findings. Rules report; they
// never print, and never import each other: what they share is in link/thread.ts.

import type { RuleId } from '../catalogue.js';
import type { Severity, SourceLocation } from '../diagnostic.js';
import type { LinkedItem, Plan } from '../link/plan-graph.js';
import type { Gap, Thread } from '../link/thread.js';
import type { PlanningYear } from '../link/year.js';
import { locate, type FieldPath } from '../model/locate.js';

export interface Finding {
  /** The item concerned; the finding is placed at it (or at `path` inside it). Absent: the plan itself, at plan.yaml. */
  item?: LinkedItem;
  /** Where inside the item to point, e.g. ['portfolio']; the item itself when absent or not in the source. */
  path?: FieldPath;
  /** Point at the key of the last step of `path` rather than its value (useful when the value is missing). */
  key?: boolean;
  /** A place given outright, for what is not an item of the plan: a cell of an actuals file, a value of a trajectory. */
  at?: SourceLocation;
  /** The id the finding is about, when it has no `item`. */
  subject?: string;
  /** Which of the rule's message templates to use. */
  messageId: string;
  /** Values for the template's {{placeholders}}. */
  data?: Record<string, string | number>;
  hint?: string;
  /** This finding reports this gap in the thread: what follows from the gap is told under it. */
  reports?: Gap;
  /**
   * This finding only follows from these gaps: it is told under the finding that reports them, and
   * stands on its own only when nothing does (the rule that would is switched off).
   */
  because?: readonly Gap[];
  /**
   * With `because`: the message template of what follows, as told under the finding of the cause:
   * a predicate ("does not reach the collective aim") that reads after "So it" or "So <item>".
   */
  consequenceId?: string;
}

/** What a rule's check may ask: the plan, and the one place that answers questions about its thread. */
export interface RuleContext {
  plan: Plan;
  thread: Thread;
  year: PlanningYear;
}

export interface Rule<Messages extends string = string> {
  id: RuleId;
  description: string;
  defaultSeverity: Severity;
  /** Rationale shown in SARIF help and the docs: why the rule exists. */
  rationale: string;
  messages: Record<Messages, string>;
  check(context: RuleContext, report: (finding: Finding & { messageId: Messages }) => void): void;
}

/** Fills {{name}} placeholders; a missing value is left visible rather than silently dropped. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : whole));
}

export function findingLocation(finding: Finding, plan: Plan): SourceLocation {
  if (finding.at) return finding.at;
  return locate(finding.item ? finding.item.item.at : plan.manifest.at, finding.path ?? [], { key: finding.key ?? false });
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
