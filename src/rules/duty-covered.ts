// Every statutory duty of the Joint Forward Plan is covered by at least one edition.

import { nameOf } from '../link/plan-graph.js';
import { defineRule } from './rule.js';

export const dutyCovered = defineRule({
  id: 'duty-covered',
  description: 'Every statutory duty is covered by a section of at least one edition of the plan.',
  defaultSeverity: 'error',
  rationale:
    'The Health and Care Act 2022 and NHS England\'s guidance say what a Joint Forward Plan must include. A duty no edition covers is a legal gap in the plan.',
  messages: {
    uncovered: '{{name}} is covered by no edition of the plan.',
  },
  check({ plan }, report) {
    for (const duty of plan.duties) {
      if (duty.coverage.some((c) => c.sections.length > 0)) continue;
      report({
        item: duty, path: ['coverage'], messageId: 'uncovered', data: { name: nameOf(duty) },
        hint: plan.editions.length
          ? `Under \`coverage:\`, list the sections that meet it for an edition (${plan.editions.map((e) => e.id).join(', ')}).`
          : 'List the plan\'s editions under `plan.editions`, then the sections that meet this duty under `coverage:`.',
      });
    }
  },
});
