// An action names at least one objective it delivers.

import { nameOf } from '../link/plan-graph.js';
import { defineRule } from './rule.js';

export const actionServesObjective = defineRule({
  id: 'action-serves-objective',
  description: 'Every action names at least one objective it delivers.',
  defaultSeverity: 'warning',
  rationale:
    'An action linked only to a portfolio reaches the aim through that portfolio\'s priorities, but no objective, target or deadline says what it is for. Linking it to the objective it delivers completes the golden thread.',
  messages: {
    none: '{{name}} names no objective it delivers{{via}}.',
  },
  check({ plan, thread }, report) {
    for (const action of plan.actions) {
      if (action.item.objectives.length > 0) continue;
      const portfolio = action.item.portfolio !== undefined ? action.portfolio : undefined;
      // Only say the action reaches the aim through its portfolio when it really does.
      const via = portfolio && thread.reaches(action)
        ? `; it reaches the collective aim only through ${nameOf(portfolio).replace(/^./, (c) => c.toLowerCase())}`
        : action.item.portfolio === undefined ? ', and names no portfolio either' : '';
      const candidates = thread.reaching(portfolio?.objectives ?? []).map((o) => o.id);
      report({
        item: action, messageId: 'none', data: { name: nameOf(action), via },
        // With no portfolio either, this is where the action's thread stops.
        ...(action.item.portfolio === undefined ? { reports: { reason: 'action-names-nothing', item: action } } : {}),
        hint: candidates.length
          ? `Add \`objectives:\` naming what it delivers; its portfolio owns ${candidates.join(', ')}.`
          : 'Add `objectives:` naming the objective(s) it delivers, adding a local objective if none fits.',
      });
    }
  },
});
