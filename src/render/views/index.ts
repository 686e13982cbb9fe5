// The front page: the plan's period and vision, the collective aim, the documents and portfolios of
// the site, and on the team's site the headline figures of how well the plan hangs together.

import { formatDate } from '../engine.js';
import { headlines } from './gaps.js';
import { byNumber } from '../../link/plan-graph.js';
import { countsFromOne, portfolioRef, priorityRef } from './shared.js';
import type { SiteMap } from './site.js';
import { threadMatrixView } from './thread-matrix.js';

export function indexView(map: SiteMap) {
  const plan = map.plan;
  const info = plan.manifest.plan;
  const priorities = [...plan.priorities].sort(byNumber).map((p) => ({ ...priorityRef(p), description: null }));
  return {
    period: `${formatDate(info.period.start)} to ${formatDate(info.period.end)}`,
    vision: info.vision ?? null,
    aim: plan.aim ? { statement: plan.aim.item.statement } : null,
    documents: [...map.documents, { path: 'portfolios', title: map.terms.Portfolios, description: `One page for each ${map.terms.portfolio} and ${map.terms.enabler}.` }],
    portfolios: plan.portfolios.filter((p) => map.hasPage(p)).map((p) => ({ ...portfolioRef(p, map), enabler: p.item.kind === 'enabler' })),
    priorities,
    prioritiesOrdered: countsFromOne(priorities),
    matrix: threadMatrixView(map),
    matrixId: 'matrix',
    headlines: map.team ? headlines(plan) : [],
  };
}
