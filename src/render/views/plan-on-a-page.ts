// The plan on a page: the collective aim, the priorities that serve it, the portfolios and the
// objectives each owns, and the golden-thread diagram.

import { byNumber, type Plan } from '../../link/plan-graph.js';
import { portfolioPath } from './site.js';

export function planOnAPageView(plan: Plan) {
  const national = plan.objectives.filter((o) => o.item.source === 'national').length;
  return {
    title: 'Plan on a page',
    population: plan.manifest.plan.population !== undefined ? String(plan.manifest.plan.population) : null,
    system: plan.manifest.plan.system,
    vision: plan.manifest.plan.vision ?? null,
    aim: plan.aim ? { id: plan.aim.id, statement: plan.aim.item.statement, measure: plan.aim.item.measure ?? null, rationale: plan.aim.item.rationale ?? null } : null,
    priorities: [...plan.priorities].sort(byNumber).map((p) => ({ id: p.id, number: p.item.number ?? null, title: p.item.title, description: p.item.description ?? null })),
    counts: { national, local: plan.objectives.length - national, actions: plan.actions.length, portfolios: plan.portfolios.filter((p) => p.item.kind === 'portfolio').length, enablers: plan.portfolios.filter((p) => p.item.kind === 'enabler').length },
    portfolios: plan.portfolios.map((p) => ({
      id: p.id,
      name: p.item.name,
      path: portfolioPath(p.id),
      enabler: p.item.kind === 'enabler',
      priorities: [...p.priorities].sort(byNumber).map((q) => q.item.number !== undefined ? String(q.item.number) : q.id),
      crossCutting: p.crossCutting,
      objectives: [...p.objectives].sort(byNumber).map((o) => ({ id: o.id, label: o.item.number !== undefined ? String(o.item.number) : o.id, title: o.item.title })),
    })),
    unowned: plan.objectives.filter((o) => !o.owner).map((o) => ({ id: o.id, title: o.item.title })),
  };
}
