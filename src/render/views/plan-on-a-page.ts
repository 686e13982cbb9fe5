// The plan on a page: the collective aim and why, the priorities that serve it, the objectives and
// actions (as the documents count them) by the portfolio that owns them, and the collective effort
// that delivers them: the portfolios and enabling workstreams and the principles that underpin them.

import { listInWords, plural } from '../../english.js';
import { byNumber } from '../../link/plan-graph.js';
import { MAX_OBJECTIVE_NODES } from '../diagram/nodes.js';
import { countsFromOne, formatNumber, numberList, portfolioRef, priorityRef } from './shared.js';
import type { SiteMap } from './site.js';
import { threadMatrixView } from './thread-matrix.js';

/** One count of the plan: the figure the documents state, else what the plan lists; and what it lists. */
interface Count {
  count: number;
  listed: number;
  /** True when the documents state a figure that is not what the plan lists. */
  differs: boolean;
}

function countOf(stated: number | undefined, listed: number): Count {
  return { count: stated ?? listed, listed, differs: stated !== undefined && stated !== listed };
}

export function planOnAPageView(map: SiteMap) {
  const plan = map.plan;
  const info = plan.manifest.plan;
  const prose = plan.manifest.prose;
  const terms = map.terms;
  const summarised = plan.objectives.length > MAX_OBJECTIVE_NODES;
  const stated = info.stated_counts;
  const national = plan.objectives.filter((o) => o.item.source === 'national').length;
  const priorities = [...plan.priorities].sort(byNumber).map((p) => ({ ...priorityRef(p), description: p.item.description ?? null }));
  const enablers = plan.portfolios.filter((p) => p.item.kind === 'enabler');
  const objectives = [
    { ...countOf(stated.national_objectives, national), one: 'national objective', many: 'national objectives' },
    { ...countOf(stated.local_objectives, plan.objectives.length - national), one: 'local objective', many: 'local objectives' },
  ];
  const actions = { ...countOf(stated.actions, plan.actions.length), one: 'action', many: 'actions' };
  // The documents may count national actions, which the plan does not tell apart from its own.
  const nationalActions = stated.national_actions !== undefined ? { count: stated.national_actions, listed: 0, differs: true, one: 'national action', many: 'national actions' } : undefined;
  const counted = [...objectives, nationalActions ?? actions];
  const listed = [...objectives, actions];
  return {
    title: 'Plan on a page',
    // 2100000 is written "2,100,000"; "1.2 million" stays as the plan words it.
    population: info.population === undefined ? null : typeof info.population === 'number' ? formatNumber(info.population) : info.population,
    system: info.system,
    vision: info.vision ?? null,
    prose: {
      plan_on_a_page: prose.plan_on_a_page ?? null,
      priorities_intro: prose.priorities_intro ?? null,
      objectives_intro: prose.objectives_intro ?? null,
      collective_effort: prose.collective_effort ?? null,
    },
    aim: plan.aim ? { id: plan.aim.id, statement: plan.aim.item.statement, measure: plan.aim.item.measure ?? null, rationale: plan.aim.item.rationale ?? null } : null,
    priorities,
    prioritiesOrdered: countsFromOne(priorities),
    counts: {
      heading: listInWords(counted.filter((c) => c.count > 0).map((c) => plural(c.count, c.one, c.many))),
      // On the team's site, what the plan lists, where the documents state other figures.
      listed: counted.some((c) => c.differs) ? listInWords(listed.filter((c) => c.listed > 0).map((c) => plural(c.listed, c.one, c.many))) : null,
      // "7 portfolios and 9 enabling workstreams", in the plan's own terms.
      units: listInWords([
        [plan.portfolios.length - enablers.length, terms.portfolio, terms.portfolios] as const,
        [enablers.length, terms.enabler, terms.enablers] as const,
      ].filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many))),
    },
    portfolios: plan.portfolios.filter((p) => map.team || p.objectives.length > 0).map((p) => ({
      ...portfolioRef(p, map),
      enabler: p.item.kind === 'enabler',
      kind: p.item.kind === 'enabler' ? terms.enabler : terms.portfolio,
      priorities: numberList([...p.priorities].sort(byNumber)),
      crossCutting: p.crossCutting,
      objectives: summarised ? [] : [...p.objectives].sort(byNumber).map((o) => ({ id: o.id, number: o.item.number ?? null, title: o.item.title })),
      objectiveCount: p.objectives.length,
    })),
    // A plan with hundreds of objectives counts each portfolio's, which its page lists.
    summarised,
    matrix: threadMatrixView(map),
    matrixId: 'matrix',
    enablers: enablers.map((p) => ({ ...portfolioRef(p, map), description: p.item.description ?? null })),
    principles: plan.manifest.principles ?? null,
    unowned: map.team ? plan.objectives.filter((o) => !o.owner).map((o) => ({ id: o.id, title: o.item.title })) : [],
  };
}
