// Every actual is for a target, part and organisation of the plan: a row that names something the plan
// does not have is measured for nothing, and its value would be lost without a word.

import { cellOf } from '../model/actuals.js';
import { partIdsOf } from '../link/targets.js';
import { didYouMean } from '../suggest.js';
import { defineRule } from './rule.js';

export const actualRefersToPlan = defineRule({
  id: 'actual-refers-to-plan',
  description: 'Every actual names an objective or metric, a part and an organisation that the plan has.',
  defaultSeverity: 'error',
  rationale:
    'Actuals are exported from spreadsheets and national statistics, whose codes drift from the plan\'s ids. A row for an id the plan does not know counts towards nothing, so it is reported with the nearest id rather than dropped.',
  messages: {
    unknownTarget: 'This actual is for `{{id}}`, but the plan has no objective or metric with that id.{{suggestion}}',
    unknownPart: 'This actual is for part `{{part}}` of `{{id}}`, which has no such part.{{suggestion}}',
    unknownOrganisation: 'This actual is for the organisation `{{id}}`, which the plan does not list.{{suggestion}}',
  },
  check({ plan }, report) {
    const holders = [...plan.objectives, ...plan.metrics].map((h) => h.id);
    const organisations = plan.organisations.map((o) => o.id);
    for (const actual of plan.year.unresolvedActuals) {
      const holder = plan.byId.get(actual.target);
      if (!holder || (holder.kind !== 'objective' && holder.kind !== 'metric')) {
        report({
          at: cellOf(actual, 'target'), subject: actual.target, messageId: 'unknownTarget', data: { id: actual.target, suggestion: didYouMean(actual.target, holders) },
          hint: 'Write the id of the objective or metric whose target the value measures, as the plan writes it.',
        });
      } else if (actual.part !== undefined && !partIdsOf(holder).includes(actual.part)) {
        const parts = partIdsOf(holder);
        report({
          at: cellOf(actual, 'part'), subject: actual.target, messageId: 'unknownPart', data: { id: actual.target, part: actual.part, suggestion: didYouMean(actual.part, parts) },
          hint: parts.length ? `Its parts are: ${parts.join(', ')}.` : 'Its target has no parts: leave the `part` cell empty.',
        });
      }
      if (!organisations.includes(actual.organisation)) {
        report({
          at: cellOf(actual, 'organisation'), subject: actual.target, messageId: 'unknownOrganisation', data: { id: actual.organisation, suggestion: didYouMean(actual.organisation, organisations) },
          hint: `Use the id of an organisation listed under \`organisations:\`${organisations.length ? ` (${organisations.slice(0, 12).join(', ')})` : ''}, or add the organisation to the plan.`,
        });
      }
    }
  },
});
