// Every portfolio serves at least one system priority; a cross-cutting enabling workstream serves them all.

import { defineRule } from './rule.js';

export const portfolioServesPriority = defineRule({
  id: 'portfolio-serves-priority',
  description: 'Every portfolio and enabling workstream serves at least one system priority.',
  defaultSeverity: 'warning',
  rationale:
    'Objectives inherit their priorities from the portfolio that owns them, so a portfolio that serves no priority leaves its objectives to name their own, and shows no link of its own to the collective aim.',
  messages: {
    none: '{{kind}} `{{id}}` ({{name}}) serves no system priority.',
  },
  check(plan, report) {
    for (const portfolio of plan.portfolios) {
      if (portfolio.crossCutting || portfolio.priorities.length > 0) continue;
      const listed = portfolio.item.priorities ?? [];
      report({
        item: portfolio, path: listed.length > 0 ? ['priorities'] : [], messageId: 'none',
        data: { kind: portfolio.item.kind === 'enabler' ? 'Enabling workstream' : 'Portfolio', id: portfolio.id, name: portfolio.item.name },
        hint: `Add \`priorities:\` naming one or more of: ${plan.priorities.map((p) => p.id).join(', ') || '(no priorities defined yet)'}${portfolio.item.kind === 'enabler' ? '; or leave `priorities:` out so the enabler underpins every priority' : ''}.`,
      });
    }
  },
});
