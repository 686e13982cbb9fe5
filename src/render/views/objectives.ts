// Every objective: owner, priorities, target, deadline, SMART status and the actions serving it.

import { byNumberThenId, type Plan } from '../../link/plan-graph.js';
import { objectiveRow } from './shared.js';

export function objectivesView(plan: Plan) {
  const rows = plan.objectives.map((o) => ({ o, row: objectiveRow(o, plan) }));
  const national = rows.filter((r) => r.o.item.source === 'national').sort((a, b) => byNumberThenId(a.o, b.o)).map((r) => r.row);
  const local = rows.filter((r) => r.o.item.source === 'local').sort((a, b) => byNumberThenId(a.o, b.o)).map((r) => r.row);
  return { title: 'Objectives', national, local, total: rows.length };
}
