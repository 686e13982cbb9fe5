// Every objective: owner, priorities, target, deadline and the actions serving it; on the team's site
// also its SMART status.

import { byNumber } from '../../link/plan-graph.js';
import type { Thread } from '../../link/thread.js';
import { objectiveRow } from './shared.js';
import type { SiteMap } from './site.js';

export function objectivesView(thread: Thread, map: SiteMap) {
  const rows = thread.plan.objectives.map((o) => ({ o, row: objectiveRow(o, thread, map) }));
  const national = rows.filter((r) => r.o.item.source === 'national').sort((a, b) => byNumber(a.o, b.o)).map((r) => r.row);
  const local = rows.filter((r) => r.o.item.source === 'local').sort((a, b) => byNumber(a.o, b.o)).map((r) => r.row);
  return { title: 'Objectives', national, local, total: rows.length };
}
