// The golden thread of one item as a tree: up to the collective aim (what it serves) and down to
// everything that serves it, with the place where a thread stops marked in words. Plain data: the
// CLI prints it.

import { byNumber, type LinkedItem, type LinkedObjective, type LinkedPortfolio, type LinkedPriority, type Plan } from './plan-graph.js';
import { positionNodes, progressNodes } from './position.js';
import { gapInWords, type Thread } from './thread.js';
import { PlanningYear } from './year.js';

export interface TraceNode {
  /** How this node relates to the one above it: "serves priority", "is served by action". */
  relation: string;
  item?: LinkedItem;
  /** Set where the thread stops, or where nothing serves an item that should be served: why, in words. */
  broken?: string;
  children: TraceNode[];
}

export interface Trace {
  root: LinkedItem;
  up: TraceNode[];
  down: TraceNode[];
  /** Whether the item's thread reaches the collective aim; undefined for items not on the thread (organisations, duties). */
  reachesAim: boolean | undefined;
  /** For an objective or metric with a target tracked through the year: its latest position, per organisation. */
  position: TraceNode[];
  /** For an action: its latest progress update, and the stocktake that still waits for one. */
  progress: TraceNode[];
  /** The day that position is reported at, when the plan sets one. */
  asAt: string | undefined;
}

export function traceItem(thread: Thread, item: LinkedItem): Trace {
  const onThread = item.kind !== 'organisation' && item.kind !== 'duty';
  const year = PlanningYear.of(thread.plan);
  const position = item.kind === 'objective' || item.kind === 'metric' ? positionNodes(year, item) : [];
  const progress = item.kind === 'action' ? progressNodes(year, item) : [];
  return { root: item, up: upFrom(thread, item), down: downFrom(thread, item), reachesAim: onThread ? thread.reaches(item) : undefined, position, progress, asAt: year.asAt };
}

/**
 * The item a planner means by `query`: an id, or a number for the national objective with that number
 * ("1" or "no 1"), then a local objective with it.
 */
export function findItem(plan: Plan, query: string): LinkedItem | undefined {
  const exact = plan.byId.get(query);
  if (exact) return exact;
  const number = /^(?:no[-\s.]?)?0*(\d+)$/i.exec(query.trim())?.[1];
  if (number === undefined) return undefined;
  const numbered = plan.objectives.filter((o) => o.item.number === Number(number)).sort((a, b) => (a.item.source === b.item.source ? 0 : a.item.source === 'national' ? -1 : 1));
  return numbered[0];
}

// ---- Up to the collective aim ---------------------------------------------------------------------------

function upFrom(thread: Thread, item: LinkedItem): TraceNode[] {
  switch (item.kind) {
    case 'collective_aim':
    case 'organisation':
    case 'duty':
      return [];
    case 'priority':
      return priorityUp(thread, item);
    case 'portfolio':
      return portfolioUp(thread, item);
    case 'objective':
      return objectiveUp(thread, item);
    case 'action': {
      const nodes: TraceNode[] = item.objectives.map((o) => ({ relation: 'delivers', item: o, children: objectiveUp(thread, o) }));
      for (const id of item.item.objectives) {
        if (!item.objectives.some((o) => o.id === id)) nodes.push({ relation: 'delivers objective', broken: `\`${id}\`, which does not exist`, children: [] });
      }
      if (item.item.objectives.length === 0) {
        if (item.portfolio && item.item.portfolio !== undefined) {
          nodes.push({ relation: 'belongs to (no objective named)', item: item.portfolio, children: portfolioUp(thread, item.portfolio) });
        } else {
          nodes.push({ relation: 'delivers', broken: thread.of(item).gaps.map((gap) => gapInWords(gap, item)).join('; ') || 'no objective', children: [] });
        }
      }
      return nodes;
    }
    case 'metric':
      return item.objective
        ? [{ relation: 'measures', item: item.objective, children: objectiveUp(thread, item.objective) }]
        : [{ relation: 'measures', broken: item.item.objective ? `objective \`${item.item.objective}\`, which does not exist` : 'no objective: it is not on the thread', children: [] }];
    case 'project':
      return item.portfolios.map((p) => ({ relation: 'is delivered by', item: p, children: portfolioUp(thread, p) }));
  }
}

function priorityUp(thread: Thread, priority: LinkedPriority): TraceNode[] {
  if (priority.aim) return [{ relation: 'serves', item: priority.aim, children: [] }];
  return [{ relation: 'serves', broken: thread.of(priority).gaps.map((gap) => gapInWords(gap, priority)).join('; '), children: [] }];
}

function priorityNode(thread: Thread, priority: LinkedPriority, relation: string): TraceNode {
  return { relation, item: priority, children: priorityUp(thread, priority) };
}

function portfolioUp(thread: Thread, portfolio: LinkedPortfolio): TraceNode[] {
  if (portfolio.crossCutting) {
    const aim = thread.plan.aim
      ? [{ relation: 'and so serves', item: thread.plan.aim, children: [] }]
      : [{ relation: 'serves', broken: 'the plan has no collective aim', children: [] }];
    return [{ relation: 'is an enabling workstream underpinning every priority', children: aim }];
  }
  if (portfolio.priorities.length === 0) return [{ relation: 'serves', broken: thread.of(portfolio).gaps.map((gap) => gapInWords(gap, portfolio)).join('; '), children: [] }];
  return [...portfolio.priorities].sort(byNumber).map((p) => priorityNode(thread, p, 'serves'));
}

function objectiveUp(thread: Thread, objective: LinkedObjective): TraceNode[] {
  const nodes: TraceNode[] = [];
  nodes.push(objective.owner
    ? { relation: 'is owned by', item: objective.owner, children: [] }
    : { relation: 'is owned by', broken: objective.item.portfolio === undefined ? 'nobody: it names no portfolio' : `\`${objective.item.portfolio}\`, which does not exist`, children: [] });
  if (objective.priorities.length === 0) {
    nodes.push({ relation: 'serves', broken: thread.priorityGaps(objective).map((gap) => gapInWords(gap, objective)).join('; '), children: [] });
    return nodes;
  }
  const from = objective.prioritiesFrom === 'portfolio' ? ' (through its portfolio)' : objective.prioritiesFrom === 'enabler' ? ' (through its enabling workstream)' : '';
  for (const priority of objective.priorities) nodes.push(priorityNode(thread, priority, `serves${from}`));
  return nodes;
}

// ---- Down to what serves it -----------------------------------------------------------------------------

const nothing = (what: string): TraceNode => ({ relation: 'is served by', broken: what, children: [] });

function objectiveDown(objective: LinkedObjective, relation: string): TraceNode {
  const children: TraceNode[] = [
    ...objective.actions.map((a): TraceNode => ({ relation: 'is served by', item: a, children: [] })),
    ...objective.metrics.map((m): TraceNode => ({ relation: 'is measured by', item: m, children: [] })),
  ];
  return { relation, item: objective, children: objective.actions.length ? children : [nothing('no action'), ...children] };
}

function portfolioDown(portfolio: LinkedPortfolio): TraceNode[] {
  const nodes: TraceNode[] = [...portfolio.objectives].sort(byNumber).map((o) => objectiveDown(o, 'owns'));
  for (const action of portfolio.actions) {
    if (action.objectives.length === 0) nodes.push({ relation: 'runs (no objective named)', item: action, children: [] });
  }
  for (const project of portfolio.projects) nodes.push({ relation: 'delivers', item: project, children: [] });
  return nodes;
}

function priorityDown(priority: LinkedPriority): TraceNode[] {
  const nodes: TraceNode[] = priority.portfolios.map((p) => ({ relation: 'is served by', item: p, children: portfolioDown(p) }));
  // Objectives that name the priority themselves; the rest are under their portfolio above, or under
  // the enabling workstream that underpins every priority.
  for (const objective of [...priority.objectives].sort(byNumber)) {
    if (objective.prioritiesFrom === 'objective' && !(objective.owner && priority.portfolios.includes(objective.owner))) nodes.push(objectiveDown(objective, 'is served by'));
  }
  return nodes.length ? nodes : [nothing('nothing: no portfolio or objective serves this priority')];
}

function downFrom(thread: Thread, item: LinkedItem): TraceNode[] {
  switch (item.kind) {
    case 'collective_aim': {
      const nodes: TraceNode[] = [...item.priorities].sort(byNumber).map((p) => ({ relation: 'is served by', item: p, children: priorityDown(p) }));
      for (const enabler of thread.plan.portfolios.filter((p) => p.crossCutting)) {
        nodes.push({ relation: 'is underpinned by', item: enabler, children: portfolioDown(enabler) });
      }
      return nodes.length ? nodes : [nothing('nothing: no priority serves the collective aim')];
    }
    case 'priority': {
      const nodes = priorityDown(item);
      for (const enabler of thread.plan.portfolios.filter((p) => p.crossCutting)) nodes.push({ relation: 'is underpinned by', item: enabler, children: [] });
      return nodes;
    }
    case 'portfolio': {
      const nodes = portfolioDown(item);
      return nodes.length ? nodes : [nothing('nothing: it owns no objective and runs no action')];
    }
    case 'objective':
      return objectiveDown(item, '').children;
    case 'organisation':
      return item.actions.map((a) => ({ relation: 'owns', item: a, children: [] }));
    case 'duty':
      return item.coverage.map((c) => ({
        relation: `in ${c.edition.title}`,
        ...(c.sections.length ? {} : { broken: 'not covered' }),
        children: c.sections.map((s) => ({ relation: s, children: [] })),
      }));
    default:
      return [];
  }
}
