// Every objective names an owning portfolio or enabling workstream that exists.

import { withArticle } from '../english.js';
import { kindNouns, nameOf } from '../link/plan-graph.js';
import { didYouMean } from '../suggest.js';
import { defineRule } from './rule.js';

export const objectiveHasOwner = defineRule({
  id: 'objective-has-owner',
  description: 'Every objective names an owning portfolio or enabling workstream that exists.',
  defaultSeverity: 'error',
  rationale:
    'An objective nobody owns is an objective nobody delivers. Each national and local objective is aligned to one portfolio or enabling workstream, which answers for it.',
  messages: {
    missing: '{{name}} has no owning portfolio.',
    wrongKind: '{{name}} names `{{portfolio}}` as its owner, but `{{portfolio}}` is {{kind}}, not a portfolio or enabling workstream.',
    unknown: '{{name}} names `{{portfolio}}` as its owner, but there is no portfolio or enabling workstream with that id.{{suggestion}}',
  },
  check({ plan, thread }, report) {
    const owners = thread.reaching(plan.portfolios).map((p) => p.id);
    const choices = owners.length ? `: ${owners.join(', ')}` : ' (no portfolio of the plan reaches the collective aim yet)';
    for (const objective of plan.objectives) {
      const [gap] = thread.ownerGaps(objective);
      if (!gap) continue;
      const name = nameOf(objective);
      const named = objective.item.portfolio;
      if (named === undefined) {
        report({
          item: objective, reports: gap, messageId: 'missing', data: { name },
          hint: `Add \`portfolio:\` with the id of the portfolio or enabling workstream that owns it${choices}.`,
        });
        continue;
      }
      const other = plan.byId.get(named);
      const hint = `Use the id of a portfolio or enabling workstream${choices}.`;
      if (other) {
        report({ item: objective, path: ['portfolio'], reports: gap, messageId: 'wrongKind', data: { name, portfolio: named, kind: other.kind === 'collective_aim' ? 'the collective aim' : withArticle(kindNouns[other.kind]) }, hint });
      } else {
        const suggestion = didYouMean(named, plan.portfolios.map((p) => p.id), (match) => (owners.includes(match) ? undefined : 'It does not reach the collective aim yet either.'));
        report({ item: objective, path: ['portfolio'], reports: gap, messageId: 'unknown', data: { name, portfolio: named, suggestion }, hint });
      }
    }
  },
});
