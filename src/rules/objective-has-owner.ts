// Every objective names an owning portfolio or enabling workstream that exists.

import { nearest } from '../suggest.js';
import { defineRule } from './rule.js';

export const objectiveHasOwner = defineRule({
  id: 'objective-has-owner',
  description: 'Every objective names an owning portfolio or enabling workstream that exists.',
  defaultSeverity: 'error',
  rationale:
    'An objective nobody owns is an objective nobody delivers. Each national and local objective is aligned to one portfolio or enabling workstream, which answers for it.',
  messages: {
    missing: 'Objective `{{id}}` has no owning portfolio.',
    wrongKind: 'Objective `{{id}}` names `{{portfolio}}` as its owner, but `{{portfolio}}` is a {{kind}}, not a portfolio or enabling workstream.',
    unknown: 'Objective `{{id}}` names `{{portfolio}}` as its owner, but there is no portfolio or enabling workstream with that id.{{suggestion}}',
  },
  check(plan, report) {
    const portfolioIds = plan.portfolios.map((p) => p.id);
    const choices = portfolioIds.length ? `: ${portfolioIds.join(', ')}` : '';
    for (const objective of plan.objectives) {
      if (objective.owner) continue;
      const named = objective.item.portfolio;
      if (named === undefined) {
        report({
          item: objective, messageId: 'missing', data: { id: objective.id },
          hint: `Add \`portfolio:\` with the id of the portfolio or enabling workstream that owns it${choices}.`,
        });
      } else if (plan.invalid.has(named)) {
        continue; // the owner is there but broken, and its own error is reported
      } else {
        const other = plan.byId.get(named);
        if (other) {
          report({
            item: objective, path: ['portfolio'], messageId: 'wrongKind', data: { id: objective.id, portfolio: named, kind: other.kind.replace('_', ' ') },
            hint: `Use the id of a portfolio or enabling workstream${choices}.`,
          });
          continue;
        }
        const match = nearest(named, portfolioIds);
        report({
          item: objective, path: ['portfolio'], messageId: 'unknown',
          data: { id: objective.id, portfolio: named, suggestion: match ? ` Did you mean \`${match}\`?` : '' },
          hint: `Use the id of a portfolio or enabling workstream${choices}.`,
        });
      }
    }
  },
});
