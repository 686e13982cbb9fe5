// Small view pieces that several documents show the same way: an objective's row, a target in words.

import type { LinkedObjective } from '../../link/plan-graph.js';
import type { Thread } from '../../link/thread.js';
import type { Target } from '../../model/schema.js';
import { formatDate } from '../engine.js';
import { portfolioPath } from './site.js';

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


export interface ObjectiveRow {
  id: string;
  number: number | null;
  label: string;
  title: string;
  source: string;
  area: string;
  owner: { id: string; name: string; path: string } | null;
  priorities: { id: string; number: number | null; title: string }[];
  prioritiesFrom: string;
  target: string;
  deadline: string;
  smart: { letters: string; passes: boolean; gaps: string[] };
  actions: { id: string; title: string }[];
  metrics: { id: string; name: string }[];
}

export function objectiveRow(objective: LinkedObjective, thread: Thread): ObjectiveRow {
  const { failures } = thread.smart(objective);
  // The letters that fail, in SMART order, e.g. "M, T".
  const letters = failures.map((f) => f.letter).join(', ');
  return {
    id: objective.id,
    number: objective.item.number ?? null,
    label: objective.item.number !== undefined ? String(objective.item.number) : objective.id,
    title: objective.item.title,
    source: objective.item.source === 'national' ? 'National' : 'Local',
    area: objective.item.area ?? '',
    owner: objective.owner ? { id: objective.owner.id, name: objective.owner.item.name, path: portfolioPath(objective.owner.id) } : null,
    priorities: objective.priorities.map((p) => ({ id: p.id, number: p.item.number ?? null, title: p.item.title })),
    prioritiesFrom: objective.prioritiesFrom === 'portfolio' ? 'through its portfolio' : objective.prioritiesFrom === 'enabler' ? 'as an enabling workstream' : '',
    target: targetText(objective.item.target),
    deadline: formatDate(objective.item.target?.by),
    smart: { letters, passes: failures.length === 0, gaps: failures.map((f) => `${f.letter}: ${f.reason}`) },
    actions: objective.actions.map((a) => ({ id: a.id, title: a.item.title })),
    metrics: objective.metrics.map((m) => ({ id: m.id, name: m.item.name })),
  };
}

/** Numbers when every item has one ("1, 3, 4"), otherwise ids. */
export function numberList(items: readonly { id: string; item: { number?: number | undefined } }[]): string {
  return items.map((i) => (i.item.number !== undefined ? String(i.item.number) : i.id)).join(', ');
}
