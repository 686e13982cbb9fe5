// What the golden-thread diagram shows, before any geometry: the aim, the priorities (one column
// each), and one row per portfolio or enabling workstream with the priorities it serves and the
// objectives it owns (or, for a plan with too many to draw, their count). Where a thread is broken,
// it says so as the golden thread (link/thread.ts) says.

import {
  byNumber,
  type LinkedObjective,
  type LinkedPortfolio,
  type LinkedPriority,
} from '../../link/plan-graph.js';
import { gapInWords, type Thread } from '../../link/thread.js';

/** An item whose thread up to the collective aim breaks at the item itself. */
export interface BrokenThread {
  id: string;
  kind: 'priority' | 'portfolio' | 'objective';
  /** What is missing, as drawn on the node: "no owner", "no priority", "no aim". */
  missing: string[];
  /** The same in sentences, for the tooltip and the description. */
  why: string[];
}

/** Where the thread breaks at this item itself, as the gap report says; undefined where it does not. */
export function brokenAt(thread: Thread, item: LinkedPriority | LinkedPortfolio | LinkedObjective): BrokenThread | undefined {
  const missing: string[] = [];
  const why: string[] = [];
  if (item.kind === 'priority') {
    if (item.aim) return undefined;
    missing.push('no aim');
    for (const gap of thread.of(item).gaps) why.push(gapInWords(gap, item));
  } else if (item.kind === 'portfolio') {
    if (item.crossCutting || item.priorities.length > 0) return undefined;
    missing.push('no priority');
    for (const gap of thread.of(item).gaps) why.push(gapInWords(gap, item));
  } else {
    const ownerGaps = thread.ownerGaps(item);
    if (ownerGaps.length) {
      missing.push('no owner');
      for (const gap of ownerGaps) why.push(gapInWords(gap, item));
    }
    if (item.priorities.length === 0) {
      missing.push('no priority');
      const own = thread.priorityGaps(item).filter((gap) => !ownerGaps.some((g) => g.reason === gap.reason && g.item === gap.item));
      if (own.length === 0) why.push('so it serves no system priority');
      for (const gap of own) why.push(gapInWords(gap, item));
    }
  }
  return missing.length ? { id: item.id, kind: item.kind, missing, why } : undefined;
}

/**
 * Above this many objectives one box each would make a diagram nobody can read, so each row counts
 * its objectives instead; each is listed on its portfolio's page.
 */
export const MAX_OBJECTIVE_NODES = 80;

/**
 * Up to this many priorities, each is a column and a row marks the ones it serves; beyond it, a row
 * says which it serves in words, and the priorities are listed beneath the aim.
 */
export const MAX_PRIORITY_COLUMNS = 6;

export interface PriorityColumn {
  priority: LinkedPriority;
  broken: BrokenThread | undefined;
}

export interface ObjectiveEntry {
  objective: LinkedObjective;
  broken: BrokenThread | undefined;
}

/**
 * One row of the diagram: a portfolio or enabling workstream with its objectives; the enabling
 * workstreams that underpin every priority and own no objective, together; or the objectives nobody owns.
 */
export interface ThreadRow {
  kind: 'portfolio' | 'enabler' | 'underpinning' | 'unowned';
  /** The row's portfolio or enabler; for `underpinning`, each of them. */
  portfolios: LinkedPortfolio[];
  /** The priorities it serves, by id, or `all` for an enabling workstream that underpins every priority. */
  serves: ReadonlySet<string> | 'all';
  broken: BrokenThread | undefined;
  objectives: ObjectiveEntry[];
}

export interface ThreadModel {
  priorities: PriorityColumn[];
  rows: ThreadRow[];
  /** Each row counts its objectives instead of drawing them. */
  summarised: boolean;
  /** The priorities are columns (otherwise each row says in words which it serves). */
  columns: boolean;
}

/**
 * The rows in the order a reader meets them: portfolios, then enabling workstreams with priorities of
 * their own, then those that underpin every priority (each that owns objectives, then the rest
 * together), then the objectives nobody owns.
 */
export function threadModel(thread: Thread): ThreadModel {
  const plan = thread.plan;
  const priorities = [...plan.priorities].sort(byNumber).map((priority) => ({ priority, broken: brokenAt(thread, priority) }));
  const entries = (objectives: readonly LinkedObjective[]): ObjectiveEntry[] => [...objectives].sort(byNumber).map((objective) => ({ objective, broken: brokenAt(thread, objective) }));
  const rowOf = (portfolio: LinkedPortfolio): ThreadRow => ({
    kind: portfolio.item.kind === 'enabler' ? 'enabler' : 'portfolio',
    portfolios: [portfolio],
    serves: portfolio.crossCutting ? 'all' : new Set(portfolio.priorities.map((p) => p.id)),
    broken: brokenAt(thread, portfolio),
    objectives: entries(portfolio.objectives),
  });
  const group = (p: LinkedPortfolio): number => (p.item.kind === 'portfolio' ? 0 : p.crossCutting ? 2 : 1);
  const ordered = plan.portfolios.map((portfolio, index) => ({ portfolio, index })).sort((a, b) => group(a.portfolio) - group(b.portfolio) || a.index - b.index).map((e) => e.portfolio);
  const rows: ThreadRow[] = [];
  const underpinning: LinkedPortfolio[] = [];
  for (const portfolio of ordered) {
    if (portfolio.crossCutting && portfolio.objectives.length === 0) underpinning.push(portfolio);
    else rows.push(rowOf(portfolio));
  }
  if (underpinning.length) rows.push({ kind: 'underpinning', portfolios: underpinning, serves: 'all', broken: undefined, objectives: [] });
  const unowned = plan.objectives.filter((o) => !o.owner);
  if (unowned.length) rows.push({ kind: 'unowned', portfolios: [], serves: new Set(), broken: undefined, objectives: entries(unowned) });
  return {
    priorities,
    rows,
    summarised: plan.objectives.length > MAX_OBJECTIVE_NODES,
    columns: priorities.length > 0 && priorities.length <= MAX_PRIORITY_COLUMNS,
  };
}
