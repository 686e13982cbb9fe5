// Small view pieces that several documents show the same way: an objective's row, a target in words,
// how an item is named where a reader expects a number or a title (never its id).

import type { LinkedObjective, LinkedPortfolio, LinkedPriority } from '../../link/plan-graph.js';
import type { Thread } from '../../link/thread.js';
import type { Target } from '../../model/schema.js';
import { formatDate } from '../engine.js';
import type { SiteMap } from './site.js';

/** 50000000 -> "50,000,000"; decimals kept as written. */
export function formatNumber(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction !== undefined ? `${grouped}.${fraction}` : grouped;
}

export function targetText(target: Target | undefined): string {
  if (!target || target.value === undefined) return '';
  const unit = target.unit ?? '';
  const number = formatNumber(target.value);
  const figure = unit === '%' ? `${number}%` : `${number}${unit ? ` ${unit}` : ''}`;
  const value = target.comparison === 'at_least' ? `at least ${figure}` : target.comparison === 'at_most' ? `at most ${figure}` : figure;
  return target.measure ? `${value} (${target.measure})` : value;
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
    prioritiesFrom: objective.prioritiesFrom === 'portfolio' ? 'through its portfolio' : objective.prioritiesFrom === 'enabler' ? 'as an enabling workstream' : '',
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
