// Every portfolio serves at least one system priority; a cross-cutting enabling workstream serves them all.

import { nameOf } from '../link/plan-graph.js';
import { defineRule } from './rule.js';

export const portfolioServesPriority = defineRule({
  id: 'portfolio-serves-priority',
  description: 'Every portfolio and enabling workstream serves at least one system priority.',
  defaultSeverity: 'warning',
  rationale:
    'Objectives inherit their priorities from the portfolio that owns them, so a portfolio that serves no priority leaves its objectives to name their own, and shows no link of its own to the collective aim.',
  messages: {
    none: '{{name}} serves no system priority.',
  },
  check({ plan, thread }, report) {
    const offered = thread.reaching(plan.priorities).map((p) => p.id);
    for (const portfolio of plan.portfolios) {
      const gap = thread.of(portfolio).gaps.find((g) => g.reason === 'portfolio-serves-no-priority' && g.item === portfolio);
      if (!gap) continue;
      const enabler = portfolio.item.kind === 'enabler';
      report({
        item: portfolio, reports: gap, messageId: 'none', data: { name: nameOf(portfolio) },
        hint: `${offered.length ? `Add \`priorities:\` naming one or more of: ${offered.join(', ')}` : 'No priority of the plan reaches the collective aim yet: give a priority `aim:` first'}${enabler ? '; or leave `priorities:` out so the enabler underpins every priority' : ''}.`,
      });
    }
  },
});
