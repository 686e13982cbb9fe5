// Small view pieces that several documents show the same way: an objective's row, a target in words,
// how an item is named where a reader expects a number or a title (never its id).

import type { LinkedObjective, LinkedPortfolio, LinkedPriority } from '../../link/plan-graph.js';
import type { Thread } from '../../link/thread.js';
import { comparisonOf, type Comparison, type Target } from '../../model/schema.js';
import { formatDate } from '../engine.js';
import type { SiteMap } from './site.js';

/** 50000000 -> "50,000,000"; decimals kept as written. */
export function formatNumber(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction !== undefined ? `${grouped}.${fraction}` : grouped;
}

/** A figure with its unit: "76%", "34 minutes", "1,700 adults", "3.9 per 1,000 births". */
export function figureText(value: number, unit: string | undefined): string {
  const number = formatNumber(value);
  if (!unit) return number;
  if (unit === '%') return `${number}%`;
  return `${number} ${unit.replace(/\bper (\d{4,})\b/g, (_, digits: string) => `per ${formatNumber(Number(digits))}`)}`;
}

/** A figure with the way it points: "at least 76%", "at most 30 minutes", "none (0 patients)". */
export function directedFigure(value: number, unit: string | undefined, comparison: Comparison): string {
  const figure = figureText(value, unit);
  if (comparison === 'at_most') return value === 0 ? `none (${figure})` : `at most ${figure}`;
  return `at least ${figure}`;
}

/** An objective's target in words: "Patients seen within four hours in A&E: at least 76%". */
export function targetText(target: Target | undefined): string {
  if (!target || target.value === undefined) return '';
  const figure = directedFigure(target.value, target.unit, comparisonOf(target));
  return target.measure ? `${target.measure}: ${figure}` : figure;
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

export function objectiveRow(objective: LinkedObjective, thread: Thread, map: SiteMap): ObjectiveRow {
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
    actions: objective.actions.map((a) => ({ id: a.id, title: a.item.title })),
    metrics: objective.metrics.map((m) => ({ id: m.id, name: m.item.name })),
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
