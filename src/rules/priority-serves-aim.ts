// Every system priority serves the plan's one collective aim.

import { nameOf } from '../link/plan-graph.js';
import { didYouMean } from '../suggest.js';
import { defineRule } from './rule.js';

export const priorityServesAim = defineRule({
  id: 'priority-serves-aim',
  description: 'Every system priority names the plan\'s collective aim in `aim`.',
  defaultSeverity: 'error',
  rationale:
    'The plan has one collective aim that every part of the system contributes to; a priority that serves some other end breaks the golden thread for every objective beneath it.',
  messages: {
    missing: '{{name}} does not say which aim it serves.',
    unknown: '{{name}} serves `{{aim}}`, which is not the plan\'s collective aim.{{suggestion}}',
    noAim: 'The plan has no collective aim, so none of its {{count}} system priorities can serve one.',
  },
  check({ plan, thread }, report) {
    if (!plan.aim) {
      if (plan.priorities.length === 0) return;
      report({
        reports: { reason: 'plan-has-no-aim', item: undefined }, messageId: 'noAim', data: { count: plan.priorities.length },
        hint: 'Add `collective_aim:` with `id` and `statement` to plan.yaml, and name its id in each priority\'s `aim:`.',
      });
      return;
    }
    const aimId = plan.aim.id;
    for (const priority of plan.priorities) {
      const [gap] = thread.of(priority).gaps;
      if (!gap) continue;
      if (priority.item.aim === undefined) {
        report({ item: priority, reports: gap, messageId: 'missing', data: { name: nameOf(priority) }, hint: `Add \`aim: ${aimId}\` to the priority.` });
      } else {
        report({
          item: priority, path: ['aim'], reports: gap, messageId: 'unknown',
          data: { name: nameOf(priority), aim: priority.item.aim, suggestion: didYouMean(priority.item.aim, [aimId]) },
          hint: `Write \`aim: ${aimId}\`.`,
        });
      }
    }
  },
});
