// Every system priority serves the plan's one collective aim.

import { nearest } from '../suggest.js';
import { defineRule } from './rule.js';

export const priorityServesAim = defineRule({
  id: 'priority-serves-aim',
  description: 'Every system priority names the plan\'s collective aim in `aim`.',
  defaultSeverity: 'error',
  rationale:
    'The plan has one collective aim that every part of the system contributes to; a priority that serves some other end breaks the golden thread for every objective beneath it.',
  messages: {
    missing: 'Priority `{{id}}` does not say which aim it serves.',
    unknown: 'Priority `{{id}}` serves `{{aim}}`, which is not the plan\'s collective aim.{{suggestion}}',
    noAim: 'Priority `{{id}}` cannot serve the collective aim: plan.yaml defines no `collective_aim`.',
  },
  check(plan, report) {
    for (const priority of plan.priorities) {
      if (priority.aim) continue;
      if (!plan.aim) {
        report({ item: priority, messageId: 'noAim', data: { id: priority.id }, hint: 'Add `collective_aim:` with `id` and `statement` to plan.yaml.' });
      } else if (priority.item.aim === undefined) {
        report({ item: priority, messageId: 'missing', data: { id: priority.id }, hint: `Add \`aim: ${plan.aim.id}\` to the priority.` });
      } else {
        const match = nearest(priority.item.aim, [plan.aim.id]);
        report({
          item: priority, path: ['aim'], messageId: 'unknown',
          data: { id: priority.id, aim: priority.item.aim, suggestion: match ? ` Did you mean \`${match}\`?` : '' },
          hint: `Write \`aim: ${plan.aim.id}\`.`,
        });
      }
    }
  },
});
