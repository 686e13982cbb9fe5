// The front page: the plan's period and vision, the collective aim, the documents and portfolios of
// the site, the headline figures of how well the plan hangs together, and the diagram.

import type { Plan } from '../../link/plan-graph.js';
import { formatDate } from '../engine.js';
import { headlines } from './gaps.js';
import { documents, portfolioPath } from './site.js';

export function indexView(plan: Plan) {
  const info = plan.manifest.plan;
  return {
    period: `${formatDate(info.period.start)} to ${formatDate(info.period.end)}`,
    vision: info.vision ?? null,
    aim: plan.aim ? { statement: plan.aim.item.statement } : null,
    documents: [...documents, { path: 'portfolios', title: 'Portfolios', description: 'One page for each portfolio and enabling workstream.' }],
    portfolios: plan.portfolios.map((p) => ({ name: p.item.name, path: portfolioPath(p.id), enabler: p.item.kind === 'enabler' })),
    headlines: headlines(plan),
  };
}
