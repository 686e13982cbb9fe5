// Objectives are SMART: Specific, Measurable, Relevant and Timely (Achievable needs judgement, not data).

import type { LinkedObjective, Plan } from '../link/plan-graph.js';
import { defineRule, listInWords } from './rule.js';

export interface SmartResult {
  specific: boolean;
  measurable: boolean;
  relevant: boolean;
  timely: boolean;
  /** One short reason per failing letter, e.g. "M: no numeric target value". */
  reasons: string[];
}

/** Scores one objective; the documents show this per objective, the rule reports the failures. */
export function assessSmart(objective: LinkedObjective, plan: Plan): SmartResult {
  const reasons: string[] = [];
  const target = objective.item.target;
  const specific = objective.item.title.trim().length > 0 && objective.owner !== undefined;
  if (!specific) reasons.push('S: no owning portfolio');
  const missing: string[] = [];
  if (!target?.measure) missing.push('a measure');
  if (target?.value === undefined) missing.push('a numeric target value');
  if (!target?.unit) missing.push('a unit');
  const measurable = missing.length === 0;
  if (!measurable) reasons.push(`M: missing ${listInWords(missing)}`);
  const relevant = objective.priorities.length > 0;
  if (!relevant) reasons.push('R: serves no system priority');
  const { start, end } = plan.manifest.plan.period;
  let timely = false;
  if (!target?.by) reasons.push('T: no deadline (`target.by`)');
  else if (target.by < start || target.by > end) reasons.push(`T: deadline ${target.by} is outside the plan period ${start} to ${end}`);
  else timely = true;
  return { specific, measurable, relevant, timely, reasons };
}

export const objectiveIsSmart = defineRule({
  id: 'objective-is-smart',
  description: 'Every objective is Specific, Measurable, Relevant and Timely.',
  defaultSeverity: 'warning',
  rationale:
    'A SMART objective can be tracked through the year: it has an owner, a numeric target with a unit, a link to a priority, and a deadline within the plan period. The letters that fail show what to add.',
  messages: {
    notSmart: 'Objective `{{id}}` is not SMART: it fails {{letters}} ({{reasons}}).',
  },
  check(plan, report) {
    for (const objective of plan.objectives) {
      const result = assessSmart(objective, plan);
      if (result.reasons.length === 0) continue;
      const letters = result.reasons.map((r) => r.charAt(0));
      report({
        // When only T fails, point at the deadline (or at `target:` when it has none).
        item: objective, path: result.measurable && result.specific && result.relevant ? (objective.item.target?.by ? ['target', 'by'] : ['target']) : [],
        key: !objective.item.target?.by, messageId: 'notSmart',
        data: { id: objective.id, letters: listInWords(letters), reasons: result.reasons.join('; ') },
        hint: 'Give the objective an owning `portfolio`, a `target` with `measure`, numeric `value`, `unit` and a `by` date within the plan period, and at least one priority. Where the source documents give no figure, leave it out: this warning is the gap.',
      });
    }
  },
});
