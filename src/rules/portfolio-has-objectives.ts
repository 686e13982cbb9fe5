// Every portfolio owns at least one objective. Enabling workstreams are exempt: they support the
// portfolios' objectives rather than owning their own.

import { nameOf } from '../link/plan-graph.js';
import { defineRule } from './rule.js';

export const portfolioHasObjectives = defineRule({
  id: 'portfolio-has-objectives',
  description: 'Every portfolio (not enabling workstream) owns at least one objective.',
  defaultSeverity: 'warning',
  rationale: 'A portfolio that owns no objective has nothing it is held to account for in the plan, however much work it does.',
  messages: {
    none: '{{name}} owns no objective.',
  },
  check({ plan }, report) {
    for (const portfolio of plan.portfolios) {
      if (portfolio.item.kind !== 'portfolio' || portfolio.objectives.length > 0) continue;
      report({
        item: portfolio, messageId: 'none', data: { name: nameOf(portfolio) },
        hint: `Give an objective \`portfolio: ${portfolio.id}\`, or add a local objective for what the portfolio will deliver.`,
      });
    }
  },
});
