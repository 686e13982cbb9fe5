// The stocktake document: every action, grouped by portfolio, with its latest progress update (status
// in words, the update, its date and who reported it) and whether it has answered the stocktake due.

import { dateInWords } from '../../model/period.js';
import type { LinkedAction, LinkedPortfolio, Plan } from '../../link/plan-graph.js';
import { PlanningYear } from '../../link/year.js';
import type { ProgressStatus } from '../../model/year-schema.js';
import { termsOf } from './site.js';
import { withArticle } from '../../english.js';

const progressWords: Record<ProgressStatus, string> = {
  not_started: 'Not started', on_track: 'On track', at_risk: 'At risk', off_track: 'Off track', done: 'Done', stopped: 'Stopped',
};
const progressTags: Record<ProgressStatus, string> = {
  not_started: 'grey', on_track: 'green', at_risk: 'yellow', off_track: 'red', done: 'blue', stopped: 'grey',
};

/** Marks that end a title but not a heading. */
const END_MARKS = new Set(['.', ',', ';', ':', '!']);

/** A title without the full stops and other marks at its end (looked for from the end, as most titles have none). */
export function withoutEndMarks(title: string): string {
  let end = title.length;
  while (end > 0 && END_MARKS.has(title[end - 1]!)) end--;
  return end === title.length ? title : title.slice(0, end);
}

export function stocktakeView(plan: Plan) {
  const year = PlanningYear.of(plan);
  const due = year.dueStocktake();
  const actionView = (action: LinkedAction) => {
    const status = year.stocktake(action);
    const updates = year.progressOf(action);
    const latestDate = updates[0]?.record.date;
    // Every update of the latest report date: a report may come in several parts.
    const latest = updates.filter((u) => u.record.date === latestDate && u.quarter.label === updates[0]!.quarter.label);
    return {
      id: action.id,
      title: action.item.title,
      // A heading ends without a full stop, as the documents' other headings do.
      heading: withoutEndMarks(action.item.title),
      upToDate: status.upToDate,
      updates: latest.map((u) => ({
        statusWords: u.record.status ? progressWords[u.record.status] : 'Status not reported',
        tag: u.record.status ? progressTags[u.record.status] : 'grey',
        quarter: u.quarter.label,
        quarterGiven: u.record.quarter !== undefined,
        reportedOn: dateInWords(u.record.date),
        reportedBy: u.record.reported_by,
        update: u.record.update,
        source: u.record.source,
      })),
    };
  };
  const terms = termsOf(plan.manifest.plan.terms);
  const groups: { name: string; kind: string; actions: ReturnType<typeof actionView>[] }[] = [];
  const inGroup = new Set<LinkedAction>();
  const live = (a: LinkedAction) => !a.standIn;
  for (const portfolio of plan.portfolios.filter((p: LinkedPortfolio) => !p.standIn)) {
    const actions = portfolio.actions.filter(live);
    for (const a of actions) inGroup.add(a);
    if (actions.length) groups.push({ name: portfolio.item.name, kind: portfolio.item.kind === 'enabler' ? terms.Enabler : terms.Portfolio, actions: actions.map(actionView) });
  }
  const rest = plan.actions.filter((a) => live(a) && !inGroup.has(a));
  if (rest.length) groups.push({ name: `Not tied to ${withArticle(terms.portfolio)}`, kind: '', actions: rest.map(actionView) });
  const all = groups.flatMap((g) => g.actions);
  return {
    title: 'Stocktake',
    asAt: year.asAt ? dateInWords(year.asAt) : undefined,
    due: due ? { quarter: due.label, end: dateInWords(due.end) } : undefined,
    stocktakes: year.stocktakes().map((q) => q.label),
    reported: all.filter((a) => a.updates.length > 0).length,
    upToDate: all.filter((a) => a.upToDate).length,
    total: all.length,
    groups,
  };
}
