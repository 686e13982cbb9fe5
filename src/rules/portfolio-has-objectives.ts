// Every portfolio owns at least one objective. Enabling workstreams are exempt: they support the
// portfolios' objectives rather than owning their own.

import { defineRule } from './rule.js';

export const portfolioHasObjectives = defineRule({
  id: 'portfolio-has-objectives',
  description: 'Every portfolio (not enabling workstream) owns at least one objective.',
  defaultSeverity: 'warning',
  rationale: 'A portfolio that owns no objective has nothing it is held to account for in the plan, however much work it does.',
  messages: {
    none: 'Portfolio `{{id}}` ({{name}}) owns no objective.',
  },
  check(plan, report) {
    for (const portfolio of plan.portfolios) {
      if (portfolio.item.kind !== 'portfolio' || portfolio.objectives.length > 0) continue;
      // An objective left out for a schema error may be the one it owns; that error is reported already.
      if ([...plan.invalid.values()].some((i) => i.collection === 'objectives' && i.value.portfolio === portfolio.id)) continue;
      report({
        item: portfolio, messageId: 'none', data: { id: portfolio.id, name: portfolio.item.name },
        hint: `Give an objective \`portfolio: ${portfolio.id}\`, or add a local objective for what the portfolio will deliver.`,
      });
    }
  },
});
