// A baseline of known findings, for CI on a plan that starts with many (ESLint's suppressions model):
// each entry is a rule, a subject and a message with a count, never a line, so editing an unrelated
// line leaves it matching. Findings it records are suppressed; any other finding is new.

import * as z from 'zod/mini';
import { compareText, type Diagnostic } from '../diagnostic.js';

export const BASELINE_FORMAT = 'plan-baseline/1';

const entrySchema = z.strictObject({
  rule: z.string(),
  subject: z.nullable(z.string()),
  message: z.string(),
  count: z.int().check(z.positive()),
});

export const baselineSchema = z.strictObject({
  format: z.literal(BASELINE_FORMAT),
  /** Plan folder (from the baseline file's folder, with `/`) -> its known findings. */
  plans: z.record(z.string(), z.array(entrySchema)),
});

export type BaselineEntry = z.infer<typeof entrySchema>;
export type Baseline = z.infer<typeof baselineSchema>;

const keyOf = (d: { rule: string; subject?: string | null | undefined; message: string }) => `${d.rule}\u0000${d.subject ?? ''}\u0000${d.message}`;

/** What a baseline makes of one plan's findings. */
export interface BaselineMatch {
  /** Findings the baseline does not record: these fail the check. */
  fresh: Diagnostic[];
  /** How many findings it suppressed. */
  suppressed: number;
  /** Entries that matched fewer findings than their count, with the number left over. */
  stale: BaselineEntry[];
}

/** Each entry suppresses up to `count` findings with its rule, subject and message; any beyond are new. */
export function matchBaseline(entries: readonly BaselineEntry[], diagnostics: readonly Diagnostic[]): BaselineMatch {
  const left = new Map<string, number>();
  for (const entry of entries) left.set(keyOf(entry), (left.get(keyOf(entry)) ?? 0) + entry.count);
  const fresh: Diagnostic[] = [];
  let suppressed = 0;
  for (const d of diagnostics) {
    const remaining = left.get(keyOf(d)) ?? 0;
    if (remaining > 0) {
      left.set(keyOf(d), remaining - 1);
      suppressed++;
    } else {
      fresh.push(d);
    }
  }
  const stale: BaselineEntry[] = [];
  for (const entry of entries) {
    const remaining = left.get(keyOf(entry)) ?? 0;
    if (remaining <= 0) continue;
    const unmatched = Math.min(remaining, entry.count);
    stale.push({ ...entry, count: unmatched });
    left.set(keyOf(entry), remaining - unmatched);
  }
  return { fresh, suppressed, stale };
}

/** The entries that record these findings, one per rule, subject and message, in a fixed order. */
export function entriesOf(diagnostics: readonly Diagnostic[]): BaselineEntry[] {
  const byKey = new Map<string, BaselineEntry>();
  for (const d of diagnostics) {
    const entry = byKey.get(keyOf(d));
    if (entry) entry.count++;
    else byKey.set(keyOf(d), { rule: d.rule, subject: d.subject ?? null, message: d.message, count: 1 });
  }
  return [...byKey.values()].sort(byRuleSubjectMessage);
}

function byRuleSubjectMessage(a: BaselineEntry, b: BaselineEntry): number {
  return compareText(a.rule, b.rule) || compareText(a.subject ?? '', b.subject ?? '') || compareText(a.message, b.message);
}

/** The entries a shrinking update keeps: each at most as many as it still matches, and none new. */
export function shrunk(entries: readonly BaselineEntry[], diagnostics: readonly Diagnostic[]): BaselineEntry[] {
  const found = new Map(entriesOf(diagnostics).map((entry) => [keyOf(entry), entry.count]));
  const kept: BaselineEntry[] = [];
  for (const entry of entries) {
    const available = found.get(keyOf(entry)) ?? 0;
    const count = Math.min(entry.count, available);
    if (count > 0) kept.push({ ...entry, count });
    found.set(keyOf(entry), available - count);
  }
  return kept.sort(byRuleSubjectMessage);
}

/** The text of a baseline file: its plans and entries in a fixed order, so the same findings give the same bytes. */
export function baselineText(baseline: Baseline): string {
  const plans = Object.fromEntries(Object.keys(baseline.plans).sort(compareText).map((plan) => [plan, baseline.plans[plan]!]));
  return JSON.stringify({ format: BASELINE_FORMAT, plans }, null, 2) + '\n';
}
