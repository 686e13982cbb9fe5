// The statutory-duty matrix: one row per duty, one column per edition, each cell saying how that
// edition meets the duty: the sections that cover it, unchanged from the last edition, not covered,
// or not yet a duty (a duty a later edition adds, which is new in that edition).

import type { SiteMap } from './site.js';

export function dutiesView(map: SiteMap) {
  const plan = map.plan;
  return {
    title: 'Matrix of statutory duties',
    editions: plan.editions.map((e) => ({ id: e.id, title: e.title })),
    duties: plan.duties.map((d) => ({
      id: d.id,
      title: d.item.title,
      requirement: d.item.requirement ?? null,
      covered: d.coverage.some((c) => c.sections.length > 0),
      cells: d.coverage.map((c) => ({ status: c.status, sections: c.written, isNew: c.isNew })),
    })),
    uncovered: map.team ? plan.duties.filter((d) => !d.coverage.some((c) => c.sections.length > 0)).length : 0,
  };
}

/** The date the matrix carries: its latest edition's, since the matrix shows that edition. */
export function dutiesDate(map: SiteMap): string | undefined {
  return map.plan.editions.at(-1)?.published;
}
