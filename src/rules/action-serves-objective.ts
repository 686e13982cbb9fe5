// An action names at least one objective it delivers.

import { breakOf } from './action-traces-to-aim.js';
import { defineRule } from './rule.js';

export const actionServesObjective = defineRule({
  id: 'action-serves-objective',
  description: 'Every action names at least one objective it delivers.',
  defaultSeverity: 'warning',
  rationale:
    'An action linked only to a portfolio reaches the aim through that portfolio\'s priorities, but no objective, target or deadline says what it is for. Linking it to the objective it delivers completes the golden thread.',
  messages: {
    none: 'Action `{{id}}` names no objective it delivers{{via}}.',
  },
  check(plan, report) {
    for (const action of plan.actions) {
      if (action.item.objectives.length > 0) continue;
      // Only say the action reaches the aim through its portfolio when it really does.
      const via = action.portfolio && breakOf(action) === undefined ? `; it reaches the aim only through portfolio \`${action.portfolio.id}\`` : '';
      const candidates = action.portfolio?.objectives.map((o) => o.id) ?? [];
      report({
        item: action, messageId: 'none', data: { id: action.id, via },
        hint: candidates.length
          ? `Add \`objectives:\` naming what it delivers; its portfolio owns ${candidates.join(', ')}.`
          : 'Add `objectives:` naming the objective(s) it delivers, adding a local objective if none fits.',
      });
    }
  },
});
