// Every objective serves at least one system priority that reaches the collective aim, named on it or
// inherited from its owner.

import { nameOf } from '../link/plan-graph.js';
import { gapInWords } from '../link/thread.js';
import { defineRule } from './rule.js';

export const objectiveServesPriority = defineRule({
  id: 'objective-serves-priority',
  description: 'Every objective serves at least one system priority, its own or its owning portfolio\'s.',
  defaultSeverity: 'error',
  rationale:
    'The golden thread runs from each objective to a system priority. An objective that serves no priority cannot show how it helps the collective aim.',
  messages: {
    none: '{{name}} serves no system priority that reaches the collective aim: {{why}}.',
    noneAlso: 'serves no system priority that reaches the collective aim',
  },
  check({ plan, thread }, report) {
    const offered = thread.reaching(plan.priorities).map((p) => p.id);
    for (const objective of plan.objectives) {
      const gaps = thread.priorityGaps(objective);
      if (gaps.length === 0) continue;
      const listed = (objective.item.priorities ?? []).length > 0;
      report({
        // A gap in the thread above the objective is reported where it is; this is what follows from it.
        item: objective, path: listed ? ['priorities'] : [], because: gaps, messageId: 'none', consequenceId: 'noneAlso',
        data: { name: nameOf(objective), why: gaps.map((gap) => gapInWords(gap, objective)).join('; ') },
        hint: offered.length
          ? `Add \`priorities:\` to the objective${objective.owner ? ` or to its owner \`${objective.owner.id}\`` : ''}, naming one or more of: ${offered.join(', ')}.`
          : plan.aim ? 'No priority of the plan reaches the collective aim yet: give a priority `aim:` first.' : 'Add `collective_aim:` to plan.yaml first: no priority can reach an aim the plan does not have.',
      });
    }
  },
});
