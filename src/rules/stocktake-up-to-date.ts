// Every action reports its progress at each stocktake: by the day the plan reports at (`year.as_at`),
// an action that is still under way has an update for the latest stocktake that has fallen due.

import { dateInWords } from '../model/period.js';
import { nameOf } from '../link/plan-graph.js';
import { defineRule } from './rule.js';

export const stocktakeUpToDate = defineRule({
  id: 'stocktake-up-to-date',
  description: 'Every action under way has a progress update for the latest stocktake that has fallen due.',
  defaultSeverity: 'warning',
  rationale:
    'The quarterly stocktake is how portfolios assess where they are against their planned deliverables. An action with no update for the stocktake that has fallen due is one nobody has said anything about since; it may be on track, or not.',
  messages: {
    overdue: '{{name}} has no progress update for the {{quarter}} stocktake, due by {{due}}{{latest}}.',
  },
  check({ plan, year }, report) {
    const due = year.dueStocktake();
    if (!due) return;
    for (const action of plan.actions) {
      if (!year.awaitedUpdate(action)) continue;
      const { latest } = year.stocktake(action);
      report({
        item: action, messageId: 'overdue',
        data: { name: nameOf(action), quarter: due.label, due: dateInWords(due.end), latest: latest ? ` (the latest is for ${latest.quarter.label}, dated ${dateInWords(latest.record.date)})` : ' (it has none yet)' },
        hint: `Add a progress update under \`progress:\` with \`action: ${action.id}\`, \`date:\`, \`quarter: ${due.label}\`, \`status:\` and \`update:\`.`,
      });
    }
  },
});
