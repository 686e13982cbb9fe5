// Every objective serves at least one system priority, named on it or inherited from its owner.

import { defineRule } from './rule.js';

export const objectiveServesPriority = defineRule({
  id: 'objective-serves-priority',
  description: 'Every objective serves at least one system priority, its own or its owning portfolio\'s.',
  defaultSeverity: 'error',
  rationale:
    'The golden thread runs from each objective to a system priority. An objective that serves no priority cannot show how it helps the collective aim.',
  messages: {
    none: 'Objective `{{id}}` serves no system priority: {{why}}.',
  },
  check(plan, report) {
    for (const objective of plan.objectives) {
      if (objective.priorities.length > 0) continue;
      // An owner left out for a schema error cannot lend its priorities; its own error is reported.
      if (!objective.owner && objective.item.portfolio !== undefined && plan.invalid.has(objective.item.portfolio)) continue;
      let why: string;
      const listed = objective.item.priorities ?? [];
      if (listed.length > 0) why = 'none of the priorities it lists exists';
      else if (!objective.owner && objective.item.portfolio !== undefined) why = `it lists no priorities, and its owner \`${objective.item.portfolio}\` does not exist to take them from`;
      else if (!objective.owner) why = 'it lists no priorities and has no owning portfolio to take them from';
      else why = `it lists no priorities, and its owner \`${objective.owner.id}\` lists none either`;
      report({
        item: objective, path: (objective.item.priorities ?? []).length > 0 ? ['priorities'] : [], messageId: 'none', data: { id: objective.id, why },
        hint: `Add \`priorities:\` to the objective${objective.owner ? ` or to portfolio \`${objective.owner.id}\`` : ''}, naming one or more of: ${plan.priorities.map((p) => p.id).join(', ') || '(no priorities defined yet)'}.`,
      });
    }
  },
});
