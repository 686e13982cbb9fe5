// Every reviewed link still holds: the objective has not changed since the action or metric that serves
// it was last reviewed against it.

import { listInWords } from '../english.js';
import { nameOf } from '../link/plan-graph.js';
import { reviewedLinks, reviewsWithoutLink } from '../link/review.js';
import { defineRule } from './rule.js';

const lowerFirst = (text: string) => text.replace(/^./, (c) => c.toLowerCase());

export const linkIsReviewed = defineRule({
  id: 'link-is-reviewed',
  description: 'Every reviewed link from an action or metric to an objective still matches the objective.',
  defaultSeverity: 'warning',
  rationale:
    'When an objective\'s title, target, deadline or owner changes, the actions and metrics that serve it were planned against something else: each may no longer deliver, or measure, what the objective now asks. Until someone checks it, the link is suspect.',
  messages: {
    changed: '{{from}} was reviewed against {{objective}}, whose {{fields}} changed since.',
    withoutLink: '{{from}} records a review against `{{id}}`, which it does not serve.',
  },
  check({ plan }, report) {
    for (const link of reviewedLinks(plan)) {
      // An objective with a schema error is only partly read: its fingerprint would be wrong.
      if (link.changed.length === 0 || link.objective.standIn) continue;
      report({
        item: link.from, path: ['reviewed', link.objective.id], messageId: 'changed',
        data: { from: nameOf(link.from), objective: lowerFirst(nameOf(link.objective)), fields: listInWords([...link.changed]) },
        hint: `Check that the ${link.from.kind} still ${link.from.kind === 'action' ? 'serves' : 'measures'} the objective as it now reads, then record that: \`plan review ${link.from.id}\`.`,
      });
    }
    for (const item of [...plan.actions, ...plan.metrics]) {
      for (const id of reviewsWithoutLink(item)) {
        report({
          item, path: ['reviewed', id], key: true, messageId: 'withoutLink', data: { from: nameOf(item), id },
          hint: `Remove \`${id}\` from its \`reviewed:\`, or run \`plan review ${item.id}\`, which keeps only the reviews of what it serves.`,
        });
      }
    }
  },
});
