// Every objective is served by at least one action.

import { nameOf } from '../link/plan-graph.js';
import { defineRule } from './rule.js';

export const objectiveHasAction = defineRule({
  id: 'objective-has-action',
  description: 'Every objective is served by at least one action.',
  defaultSeverity: 'warning',
  rationale: 'An objective that no action serves has no plan to deliver it: the golden thread has nothing beneath it.',
  messages: {
    none: 'No action serves {{name}}.',
  },
  check({ plan }, report) {
    for (const objective of plan.objectives) {
      if (objective.actions.length > 0) continue;
      report({
        item: objective, messageId: 'none', data: { name: nameOf(objective).replace(/^./, (c) => c.toLowerCase()) },
        hint: `Add an action with \`objectives: [${objective.id}]\`, or add \`${objective.id}\` to an existing action's \`objectives\`.`,
      });
    }
  },
});
