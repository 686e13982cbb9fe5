// The plan on a page: the collective aim, the priorities that serve it, the portfolios and the
// objectives each owns.

import { byNumber } from '../../link/plan-graph.js';
import { numberList, portfolioRef, priorityRef } from './shared.js';
import type { SiteMap } from './site.js';

export function planOnAPageView(map: SiteMap) {
  const plan = map.plan;
  const national = plan.objectives.filter((o) => o.item.source === 'national').length;
  return {
    title: 'Plan on a page',
    population: plan.manifest.plan.population !== undefined ? String(plan.manifest.plan.population) : null,
    system: plan.manifest.plan.system,
    vision: plan.manifest.plan.vision ?? null,
    aim: plan.aim ? { id: plan.aim.id, statement: plan.aim.item.statement, measure: plan.aim.item.measure ?? null, rationale: plan.aim.item.rationale ?? null } : null,
    priorities: [...plan.priorities].sort(byNumber).map((p) => ({ ...priorityRef(p), description: p.item.description ?? null })),
    counts: { national, local: plan.objectives.length - national, actions: plan.actions.length, portfolios: plan.portfolios.filter((p) => p.item.kind === 'portfolio').length, enablers: plan.portfolios.filter((p) => p.item.kind === 'enabler').length },
    portfolios: plan.portfolios.filter((p) => map.team || p.objectives.length > 0).map((p) => ({
      ...portfolioRef(p, map),
      enabler: p.item.kind === 'enabler',
      priorities: numberList([...p.priorities].sort(byNumber)),
      crossCutting: p.crossCutting,
      objectives: [...p.objectives].sort(byNumber).map((o) => ({ id: o.id, number: o.item.number ?? null, title: o.item.title })),
    })),
    unowned: map.team ? plan.objectives.filter((o) => !o.owner).map((o) => ({ id: o.id, title: o.item.title })) : [],
  };
}
