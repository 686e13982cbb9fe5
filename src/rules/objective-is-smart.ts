// Objectives are SMART: Specific, Measurable, Relevant and Timely (Achievable needs judgement, not data).

import { listInWords } from '../english.js';
import { nameOf } from '../link/plan-graph.js';
import type { SmartFailure } from '../link/thread.js';
import { defineRule } from './rule.js';

const lettersOf = (failures: readonly SmartFailure[]): string => listInWords(failures.map((f) => f.letter));
const reasonsOf = (failures: readonly SmartFailure[]): string => failures.map((f) => `${f.letter}: ${f.reason}`).join('; ');

export const objectiveIsSmart = defineRule({
  id: 'objective-is-smart',
  description: 'Every objective is Specific, Measurable, Relevant and Timely.',
  defaultSeverity: 'warning',
  rationale:
    'A SMART objective can be tracked through the year: it has an owner, a numeric target with a unit, a link to a priority, and a deadline within the plan period. The letters that fail show what to add.',
  messages: {
    notSmart: '{{name}} is not SMART: it fails {{letters}} ({{reasons}}).',
    alsoNotSmart: '{{name}} is not SMART: it fails {{letters}} ({{reasons}}).',
    alsoNotSmartAlso: 'fails {{letters}} of SMART ({{reasons}})',
  },
  check({ plan, thread }, report) {
    for (const objective of plan.objectives) {
      const { failures } = thread.smart(objective);
      if (failures.length === 0) continue;
      const name = nameOf(objective);
      // S and R fail when the owner or the priorities are missing: that gap has its own finding.
      const own = failures.filter((f) => !f.because);
      const inherited = failures.filter((f) => f.because);
      if (own.length > 0) {
        const onlyTimely = own.every((f) => f.letter === 'T');
        report({
          item: objective, path: onlyTimely ? (objective.item.target?.by ? ['target', 'by'] : ['target']) : [], key: !objective.item.target?.by,
          messageId: 'notSmart', data: { name, letters: lettersOf(own), reasons: reasonsOf(own) },
          hint: `${own.map((f) => `For ${f.letter}, ${f.fix}`).join('. ')}.`,
        });
      }
      if (inherited.length > 0) {
        report({
          item: objective, because: inherited.flatMap((f) => f.because ?? []), messageId: 'alsoNotSmart', consequenceId: 'alsoNotSmartAlso',
          data: { name, letters: lettersOf(inherited), reasons: reasonsOf(inherited) },
          hint: `${inherited.map((f) => `For ${f.letter}, ${f.fix}`).join('. ')}.`,
        });
      }
    }
  },
});
