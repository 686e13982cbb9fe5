// Small view pieces that several documents show the same way: an objective's row, a target in words,
// how an item is named where a reader expects a number or a title (never its id).

import { formatNumber, withUnit } from '../../english.js';
import type { LinkedObjective, LinkedPortfolio, LinkedPriority } from '../../link/plan-graph.js';
import type { Thread } from '../../link/thread.js';
import { comparisonOf, type Comparison, type Target } from '../../model/schema.js';
import { formatDate, remembered } from '../engine.js';
import type { SiteMap } from './site.js';

export { formatNumber } from '../../english.js';

/** A figure with its unit: "76%", "34 minutes", "1,700 adults", "3.9 per 1,000 births". */
export function figureText(value: number, unit: string | undefined): string {
  return withUnit(formatNumber(value), unit);
}

/** A figure with the way it points: "at least 76%", "at most 30 minutes", "none (0 patients)". */
export function directedFigure(value: number, unit: string | undefined, comparison: Comparison): string {
  const figure = figureText(value, unit);
  if (comparison === 'at_most') return value === 0 ? `none (${figure})` : `at most ${figure}`;
  return `at least ${figure}`;
}

/** A range with its unit and the way it points: "at most 12–15 per million under-18s"; inside it when no comparison is written. */
function directedRange(range: { from: number; to: number }, unit: string | undefined, comparison: Comparison | undefined): string {
  const figure = withUnit(`${formatNumber(range.from)}–${formatNumber(range.to)}`, unit);
  return comparison === 'at_most' ? `at most ${figure}` : comparison === 'at_least' ? `at least ${figure}` : figure;
}

type Figured = { value?: number | undefined; range?: { from: number; to: number } | undefined; comparison?: Comparison | undefined; unit?: string | undefined };

/** One figure of a target in words, or undefined when it gives none; fields it leaves out are `target`'s. */
function figureOfTarget(figure: Figured, target: Target): string | undefined {
  const unit = figure.unit ?? target.unit;
  const comparison = figure.comparison ?? target.comparison;
  if (figure.range) return directedRange(figure.range, unit, comparison);
  if (figure.value === undefined) return undefined;
  return directedFigure(figure.value, unit, comparisonOf({ value: figure.value, baseline: target.baseline, comparison }));
}

/**
 * An objective's target in words: "Patients seen within four hours in A&E: at least 76%"; a target of
 * several parts names each ("Adults ...: at most 30 per million adults; Under-18s ...: at most 12–15 per
 * million under-18s"), figures by date say when ("at least 50% by 30 September 2023 and at least 100% by
 * 31 March 2024"), and a national figure is named as one.
 */
export function targetText(target: Target | undefined): string {
  if (!target) return '';
  const pieces: string[] = [];
  const byDate = [target, ...(target.parts ?? []).filter((p) => p.measure === undefined)].flatMap((figure) => {
    const text = figureOfTarget(figure, target);
    const by = figure === target ? undefined : (figure as { by?: string }).by;
    return text ? [by && by !== target.by ? `${text} by ${formatDate(by)}` : text] : [];
  });
  if (byDate.length > 0) pieces.push(target.measure ? `${target.measure}: ${byDate.join(' and ')}` : byDate.join(' and '));
  for (const part of (target.parts ?? []).filter((p) => p.measure !== undefined)) {
    const text = figureOfTarget(part, target);
    if (text) pieces.push(`${part.measure}: ${text}${part.by && part.by !== target.by ? ` by ${formatDate(part.by)}` : ''}`);
  }
  const national = target.national ? figureOfTarget({ ...target.national, comparison: target.comparison }, target) : undefined;
  if (national) pieces.push(`${pieces.length === 0 && target.measure ? `${target.measure}: ` : ''}${national} (the national figure)`);
  return pieces.join('; ');
}

/** A link to a portfolio's page, or only its name where the site has no page for it. */
export interface PortfolioRef {
  id: string;
  name: string;
  path: string | null;
}

export function portfolioRef(portfolio: LinkedPortfolio, map: SiteMap): PortfolioRef {
  return { id: portfolio.id, name: portfolio.item.name, path: map.portfolioPath(portfolio) };
}

/** A priority as a list shows it: its number when it has one, and its title. */
export interface PriorityRef {
  id: string;
  number: number | null;
  title: string;
}

export function priorityRef(priority: LinkedPriority): PriorityRef {
  return { id: priority.id, number: priority.item.number ?? null, title: priority.item.title };
}

export interface ObjectiveRow {
  id: string;
  number: number | null;
  title: string;
  source: string;
  area: string;
  owner: PortfolioRef | null;
  priorities: PriorityRef[];
  prioritiesFrom: string;
  target: string;
  deadline: string;
  /** On the team's site only. */
  smart: { letters: string; passes: boolean; gaps: string[] } | null;
  actions: { id: string; title: string }[];
  metrics: { id: string; name: string }[];
}

/**
 * A value worked out once for each item and then shared: the pages of both sites that show it are
 * given the same one. Views are never changed once made (the Markdown escape copies what it changes),
 * so sharing is safe, and a big plan's pages do not each make their own copy of thousands of rows.
 */
export function sharedFor<K extends object, V>(make: (key: K) => V): (key: K) => V {
  return remembered(make, new WeakMap<K, V>());
}

/** The actions serving an objective, as every page lists them. */
const actionsOf = sharedFor((objective: LinkedObjective) => objective.actions.map((a) => ({ id: a.id, title: a.item.title })));
/** The metrics of an objective, as every page lists them. */
const metricsOf = sharedFor((objective: LinkedObjective) => objective.metrics.map((m) => ({ id: m.id, name: m.item.name })));
/** The rows of a site's objectives, by the site and then the objective: its objectives page and its portfolio pages show the same. */
const siteRows = new WeakMap<SiteMap, { thread: Thread; rows: WeakMap<LinkedObjective, ObjectiveRow> }>();

/** An objective as the documents of a site show it; the same row for every page of the site that shows it. */
export function objectiveRow(objective: LinkedObjective, thread: Thread, map: SiteMap): ObjectiveRow {
  let site = siteRows.get(map);
  // A site is asked with one thread; another thread starts its rows afresh.
  if (site === undefined || site.thread !== thread) {
    site = { thread, rows: new WeakMap() };
    siteRows.set(map, site);
  }
  let row = site.rows.get(objective);
  if (row === undefined) {
    row = newObjectiveRow(objective, thread, map);
    site.rows.set(objective, row);
  }
  return row;
}

function newObjectiveRow(objective: LinkedObjective, thread: Thread, map: SiteMap): ObjectiveRow {
  const { failures } = thread.smart(objective);
  return {
    id: objective.id,
    number: objective.item.number ?? null,
    title: objective.item.title,
    source: objective.item.source === 'national' ? 'National' : 'Local',
    area: objective.item.area ?? '',
    owner: objective.owner ? portfolioRef(objective.owner, map) : null,
    priorities: objective.priorities.map(priorityRef),
    prioritiesFrom: objective.prioritiesFrom === 'portfolio' ? `through its ${map.terms.portfolio}` : objective.prioritiesFrom === 'enabler' ? `as ${map.terms.enablerWithArticle}` : '',
    target: targetText(objective.item.target),
    deadline: formatDate(objective.item.target?.by),
    // The letters that fail, in SMART order, e.g. "M, T".
    smart: map.team ? { letters: failures.map((f) => f.letter).join(', '), passes: failures.length === 0, gaps: failures.map((f) => `${f.letter}: ${f.reason}`) } : null,
    actions: actionsOf(objective),
    metrics: metricsOf(objective),
  };
}

/**
 * Items as a reader names them in a list: "1, 3, 4" when every one has a number; otherwise each by its
 * number or, where it has none, its title: "2; Reduce waiting times". Never an id.
 */
export function numberList(items: readonly { item: { number?: number | undefined; title: string } }[]): string {
  const numbered = items.every((i) => i.item.number !== undefined);
  return items.map((i) => (i.item.number !== undefined ? String(i.item.number) : i.item.title)).join(numbered ? ', ' : '; ');
}

/**
 * Whether numbered items can be an ordered list as they stand: numbered 1, 2, 3… in order. Otherwise
 * a document writes each number itself, so that no format renumbers them.
 */
export function countsFromOne(items: readonly { number: number | null }[]): boolean {
  return items.length > 0 && items.every((item, i) => item.number === i + 1);
}
