// The band of the golden thread between the priorities and the portfolios, as a table: one row per
// portfolio or enabling workstream, one column per priority, a mark where it serves that priority;
// the enabling workstreams that underpin every priority in one row that says so. Beyond a few
// priorities, each row says in words which it serves instead.

import { byNumber, type LinkedPortfolio } from '../../link/plan-graph.js';
import { numberRanges } from '../../english.js';
import { MAX_PRIORITY_COLUMNS } from '../diagram/nodes.js';
import { portfolioRef, priorityRef, type PortfolioRef } from './shared.js';
import type { SiteMap } from './site.js';

export interface MatrixRow {
  /** The row's portfolio, or for the underpinning row every enabler in it. */
  portfolios: PortfolioRef[];
  enabler: boolean;
  /** One per priority column: whether it serves that priority. Empty for a row that serves all or none. */
  cells: boolean[];
  underpinsEvery: boolean;
  servesNone: boolean;
  /** Which priorities it serves, in words, where the priorities are not columns: "1–3, 5". */
  serves: string;
}

export function threadMatrixView(map: SiteMap) {
  const plan = map.plan;
  const priorities = [...plan.priorities].sort(byNumber);
  const columns = priorities.length > 0 && priorities.length <= MAX_PRIORITY_COLUMNS;
  const rowOf = (portfolio: LinkedPortfolio): MatrixRow => {
    const served = new Set(portfolio.priorities.map((p) => p.id));
    const numbered = priorities.filter((p) => served.has(p.id) && p.item.number !== undefined).map((p) => p.item.number!);
    const named = priorities.filter((p) => served.has(p.id) && p.item.number === undefined).map((p) => p.item.title);
    return {
      portfolios: [portfolioRef(portfolio, map)],
      enabler: portfolio.item.kind === 'enabler',
      cells: columns && !portfolio.crossCutting && served.size > 0 ? priorities.map((p) => served.has(p.id)) : [],
      underpinsEvery: portfolio.crossCutting,
      servesNone: !portfolio.crossCutting && served.size === 0,
      serves: [numbered.length ? numberRanges(numbered) : '', ...named].filter(Boolean).join('; '),
    };
  };
  const own = plan.portfolios.filter((p) => !p.crossCutting).sort((a, b) => Number(a.item.kind === 'enabler') - Number(b.item.kind === 'enabler'));
  const underpinning = plan.portfolios.filter((p) => p.crossCutting);
  const rows = own.map(rowOf);
  if (underpinning.length) {
    rows.push({ portfolios: underpinning.map((p) => portfolioRef(p, map)), enabler: true, cells: [], underpinsEvery: true, servesNone: false, serves: '' });
  }
  return {
    columns,
    priorities: priorities.map(priorityRef),
    rows,
  };
}
