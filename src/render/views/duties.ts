// The Joint Forward Plan's statutory-duty matrix: one row per duty, one column per edition.

import type { Plan } from '../../link/plan-graph.js';
import { formatDate } from '../engine.js';

export function dutiesView(plan: Plan) {
  return {
    title: 'Matrix of statutory duties',
    editions: plan.editions.map((e) => ({ id: e.id, title: e.title, published: formatDate(e.published) })),
    duties: plan.duties.map((d) => ({
      id: d.id,
      title: d.item.title,
      requirement: d.item.requirement ?? null,
      covered: d.coverage.some((c) => c.sections.length > 0),
      coverage: d.coverage.map((c) => ({ edition: c.edition.title, sections: c.sections, covered: c.sections.length > 0 })),
    })),
    uncovered: plan.duties.filter((d) => !d.coverage.some((c) => c.sections.length > 0)).length,
  };
}
