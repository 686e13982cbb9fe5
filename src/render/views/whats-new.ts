// "What's new since <edition>": what the latest edition of the plan changed, in a reader's words. The
// duties from the plan's own matrix (the latest edition's column against the one before it); the rest
// from a diff against the plan as the previous edition published it, when that edition records its
// git revision. Titles and figures only: no ids, no findings, so it can go on the public site.

import { diffPlans } from '../../diff/plan-diff.js';
import { byNumber, type LinkedItem, type LinkedObjective, type Plan } from '../../link/plan-graph.js';
import type { Target } from '../../model/schema.js';
import { formatDate } from '../engine.js';
import { targetText } from './shared.js';
import type { SiteMap } from './site.js';

/** The plan as the previous edition published it, read from that edition's `revision`. */
export interface PreviousEdition {
  plan: Plan;
}

export interface DutyNews {
  /** Duties that are duties of the plan from this edition on. */
  added: string[];
  /** Duties this edition covers with sections other than the last edition's, and those sections. */
  updated: { title: string; sections: string[] }[];
  /** Duties this edition lists again with the very sections the last edition gave. */
  restated: string[];
  /** Duties the last edition covered that this one does not. */
  dropped: string[];
  /** How many duties this edition leaves as the last edition had them. */
  unchanged: number;
}

export interface NewsGroup {
  heading: string;
  lines: string[];
}

export interface WhatsNewView {
  /** The previous edition's title: "What's new since <since>". */
  since: string;
  /** The latest edition's title. */
  edition: string;
  duties: DutyNews | null;
  /** What changed in the plan itself, by kind; empty without a previous edition's revision. */
  changes: NewsGroup[];
}

/** The plan's latest edition and the one before it; undefined for a plan of fewer than two editions. */
function lastTwoEditions(plan: Plan) {
  const editions = plan.manifest.plan.editions;
  if (editions.length < 2) return undefined;
  return { previous: editions[editions.length - 2]!, latest: editions[editions.length - 1]! };
}

/** What the latest edition changed in the statutory duties, from the matrix's last two columns. */
export function dutyNews(plan: Plan): DutyNews | null {
  if (!lastTwoEditions(plan) || plan.duties.length === 0) return null;
  const news: DutyNews = { added: [], updated: [], restated: [], dropped: [], unchanged: 0 };
  for (const duty of plan.duties) {
    const latest = duty.coverage.at(-1)!;
    const previous = duty.coverage.at(-2)!;
    if (latest.isNew) news.added.push(duty.item.title);
    else if (latest.status === 'covered' && sameSections(latest.written, previous.sections)) news.restated.push(duty.item.title);
    else if (latest.status === 'covered') news.updated.push({ title: duty.item.title, sections: latest.written });
    else if (latest.status === 'unchanged') news.unchanged++;
    else if (latest.status === 'not_covered' && previous.sections.length > 0) news.dropped.push(duty.item.title);
  }
  return news;
}

function sameSections(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((section, i) => section === b[i]);
}

/**
 * "What's new since" the previous edition, or null when the plan has fewer than two editions or
 * nothing to tell.
 * @param previous the plan as the previous edition published it, when that edition records its revision
 */
export function whatsNewView(map: SiteMap, previous?: PreviousEdition): WhatsNewView | null {
  const editions = lastTwoEditions(map.plan);
  if (!editions) return null;
  const duties = dutyNews(map.plan);
  const changes = previous ? planNews(previous.plan, map) : [];
  if (!duties && changes.length === 0) return null;
  return { since: editions.previous.title, edition: editions.latest.title, duties, changes };
}

/** What changed between the previous edition's plan and this one, grouped by what a reader knows them as. */
function planNews(before: Plan, map: SiteMap): NewsGroup[] {
  const after = map.plan;
  // The summary tells what changed in the plan's items; the planning year is not part of it.
  const diff = diffPlans(before, after, { year: false });
  const terms = map.terms;
  const added = (kind: LinkedItem['kind']) => diff.added.filter((i) => i.kind === kind).map((i) => i.id);
  const removed = (kind: LinkedItem['kind']) => diff.removed.filter((i) => i.kind === kind).map((i) => i.id);
  const titled = (plan: Plan, kind: LinkedItem['kind'], ids: string[]) => ids.map((id) => plan.byId.get(id)).filter((i): i is LinkedItem => i?.kind === kind);
  const titles = (items: LinkedItem[]) => items.map(publicTitle);
  const groups: NewsGroup[] = [];
  const group = (heading: string, lines: string[]) => {
    if (lines.length > 0) groups.push({ heading, lines });
  };

  const aimChanged = diff.changed.some((c) => c.kind === 'collective_aim' && c.changes.some((f) => f.field === 'statement'));
  if (aimChanged && after.aim) group('Our collective aim', [`Our collective aim is now: ${after.aim.item.statement}`]);
  group('New priorities', titles(titled(after, 'priority', added('priority'))));
  group('Priorities no longer in the plan', titles(titled(before, 'priority', removed('priority'))));
  group(`New ${terms.portfolios}`, titles(titled(after, 'portfolio', added('portfolio'))));
  group(`${terms.Portfolios} no longer in the plan`, titles(titled(before, 'portfolio', removed('portfolio'))));

  const newObjectives = titled(after, 'objective', added('objective')) as LinkedObjective[];
  group('New objectives', [...newObjectives].sort(byNumber).map((o) => withTarget(o)));
  group('Objectives no longer in the plan', titles([...(titled(before, 'objective', removed('objective')) as LinkedObjective[])].sort(byNumber)));
  const changedObjectives = diff.changed.filter((c) => c.kind === 'objective')
    .map((c) => ({ now: after.byId.get(c.id) as LinkedObjective | undefined, then: before.byId.get(c.id) as LinkedObjective | undefined }))
    .filter((pair): pair is { now: LinkedObjective; then: LinkedObjective } => pair.now !== undefined && pair.then !== undefined)
    .sort((a, b) => byNumber(a.now, b.now));
  group('Objectives that changed', changedObjectives.map(({ now, then }) => objectiveChange(then, now, map)).filter((line): line is string => line !== undefined));

  const actionsAdded = added('action').length;
  const actionsRemoved = removed('action').length;
  if (actionsAdded + actionsRemoved > 0) {
    const parts = [...(actionsAdded ? [`${actionsAdded} new ${actionsAdded === 1 ? 'action' : 'actions'}`] : []), ...(actionsRemoved ? [`${actionsRemoved} ${actionsRemoved === 1 ? 'action' : 'actions'} no longer in the plan`] : [])];
    group('Actions', [`${parts.join(', and ')}.`]);
  }
  return groups;
}

/** An item as a reader knows it: a numbered objective or priority with its number, else its title. */
function publicTitle(item: LinkedItem): string {
  switch (item.kind) {
    case 'objective':
    case 'priority':
      return item.item.number !== undefined ? `${item.item.number}. ${item.item.title}` : item.item.title;
    case 'portfolio':
      return item.item.name;
    default:
      return 'title' in item.item ? String(item.item.title) : item.id;
  }
}

function withTarget(objective: LinkedObjective): string {
  const target = targetText(objective.item.target);
  const by = objective.item.target?.by ? ` by ${formatDate(objective.item.target.by)}` : '';
  return target ? `${publicTitle(objective)} (target: ${target}${by})` : publicTitle(objective);
}

/** What a reader would see changed in one objective, or undefined when nothing they see did. */
function objectiveChange(then: LinkedObjective, now: LinkedObjective, map: SiteMap): string | undefined {
  const parts: string[] = [];
  if (then.item.title !== now.item.title) parts.push(`it was “${then.item.title}”`);
  // The measure is said only when it changed: "its target is now at least 80% (it was at least 77%)".
  const sameMeasure = then.item.target?.measure === now.item.target?.measure;
  const shown = (target: Target | undefined) => (sameMeasure && target ? targetText({ ...target, measure: undefined }) : targetText(target));
  const targetThen = shown(then.item.target);
  const targetNow = shown(now.item.target);
  if (targetThen !== targetNow) parts.push(targetNow ? `its target is now ${targetNow}${targetThen ? ` (it was ${targetThen})` : ''}` : 'it no longer has a target');
  const byThen = then.item.target?.by;
  const byNow = now.item.target?.by;
  if (byThen !== byNow) parts.push(byNow ? `its deadline is now ${formatDate(byNow)}${byThen ? ` (it was ${formatDate(byThen)})` : ''}` : 'it no longer has a deadline');
  if (then.owner?.id !== now.owner?.id && now.owner) parts.push(`it is now owned by the ${now.owner.item.name} ${now.owner.item.kind === 'enabler' ? map.terms.enabler : map.terms.portfolio}`);
  if (parts.length === 0) return undefined;
  return `${publicTitle(now)}: ${parts.join('; ')}.`;
}
