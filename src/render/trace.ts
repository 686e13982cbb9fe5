// The golden thread of one item as a tree: up to the collective aim (what it serves) and down to
// everything that serves it, with the place where a thread breaks marked in words.

import type { LinkedAction, LinkedItem, LinkedObjective, LinkedPortfolio, LinkedPriority, Plan } from '../link/plan-graph.js';
import { describeItem } from '../link/plan-graph.js';
import { locate } from '../model/locate.js';

export interface TraceNode {
  /** e.g. "serves priority `uec`" */
  relation: string;
  item?: LinkedItem;
  /** Set where the thread breaks: what is missing. */
  broken?: string;
  children: TraceNode[];
}

export interface Trace {
  root: LinkedItem;
  up: TraceNode[];
  down: TraceNode[];
  /** True when every upward path reaches the collective aim (always true for the aim itself). */
  reachesAim: boolean;
}

export function traceItem(plan: Plan, item: LinkedItem): Trace {
  const up = upFrom(item, plan);
  const down = downFrom(item);
  // An objective nobody owns breaks the thread (objective-has-owner) even when its priorities reach the aim.
  const ownerMissing = item.kind === 'objective' && !item.owner;
  return { root: item, up, down, reachesAim: item.kind === 'collective_aim' || (up.length > 0 && reaches(up) && !ownerMissing) };
}

/** Whether some path through these nodes reaches the aim and none of the required links is broken. */
function reaches(nodes: TraceNode[]): boolean {
  return nodes.some((n) => n.broken === undefined && (n.item?.kind === 'collective_aim' || reaches(n.children)));
}

function upFrom(item: LinkedItem, plan: Plan): TraceNode[] {
  switch (item.kind) {
    case 'collective_aim':
      return [];
    case 'priority':
      return [priorityUp(item)];
    case 'portfolio':
      return portfolioUp(item, plan);
    case 'objective':
      return objectiveUp(item);
    case 'action':
      return actionUp(item, plan);
    case 'metric':
      return item.objective
        ? [{ relation: 'measures', item: item.objective, children: objectiveUp(item.objective) }]
        : [{ relation: 'measures', broken: item.item.objective ? `objective \`${item.item.objective}\` does not exist` : 'no objective: the thread stops here', children: [] }];
    case 'organisation':
      return [];
    case 'duty':
      return [];
    case 'project':
      return item.portfolios.map((p) => ({ relation: 'is delivered by', item: p, children: portfolioUp(p, plan) }));
  }
}

function priorityUp(priority: LinkedPriority): TraceNode {
  if (priority.aim) return { relation: 'serves priority', item: priority, children: [{ relation: 'serves the collective aim', item: priority.aim, children: [] }] };
  return {
    relation: 'serves priority', item: priority,
    children: [{ relation: 'serves', broken: priority.item.aim ? `\`${priority.item.aim}\` is not the collective aim: the thread breaks here` : 'no collective aim: the thread breaks here', children: [] }],
  };
}

function portfolioUp(portfolio: LinkedPortfolio, plan: Plan): TraceNode[] {
  if (portfolio.crossCutting) {
    const aim = plan.aim ? [{ relation: 'and so serves the collective aim', item: plan.aim, children: [] }] : [];
    return [{ relation: 'is an enabling workstream underpinning every priority', children: aim }];
  }
  if (portfolio.priorities.length === 0) return [{ relation: 'serves', broken: 'no system priority: the thread breaks here', children: [] }];
  return portfolio.priorities.map(priorityUp);
}

function objectiveUp(objective: LinkedObjective): TraceNode[] {
  const nodes: TraceNode[] = [];
  nodes.push(objective.owner
    ? { relation: 'is owned by', item: objective.owner, children: [] }
    : { relation: 'is owned by', broken: objective.item.portfolio ? `\`${objective.item.portfolio}\`, which does not exist` : 'no portfolio: nobody owns it', children: [] });
  if (objective.priorities.length === 0) {
    nodes.push({ relation: 'serves', broken: 'no system priority: the thread breaks here', children: [] });
  } else {
    const from = objective.prioritiesFrom === 'portfolio' ? ' (through its portfolio)' : objective.prioritiesFrom === 'enabler' ? ' (through its enabling workstream)' : '';
    for (const priority of objective.priorities) {
      const node = priorityUp(priority);
      nodes.push({ ...node, relation: `serves priority${from}` });
    }
  }
  return nodes;
}

function actionUp(action: LinkedAction, plan: Plan): TraceNode[] {
  const nodes: TraceNode[] = action.objectives.map((o) => ({ relation: 'delivers objective', item: o, children: objectiveUp(o) }));
  for (const missing of action.item.objectives.filter((id) => !action.objectives.some((o) => o.id === id))) {
    nodes.push({ relation: 'delivers objective', broken: `\`${missing}\`, which does not exist`, children: [] });
  }
  if (action.item.objectives.length === 0) {
    if (action.portfolio) nodes.push({ relation: 'belongs to (no objective named)', item: action.portfolio, children: portfolioUp(action.portfolio, plan) });
    else nodes.push({ relation: 'delivers', broken: 'no objective and no portfolio: the thread breaks here', children: [] });
  }
  return nodes;
}

function downFrom(item: LinkedItem): TraceNode[] {
  const actionLeaf = (a: LinkedAction): TraceNode => ({ relation: 'is served by action', item: a, children: [] });
  const objectiveDown = (o: LinkedObjective): TraceNode => ({
    relation: 'is served by objective', item: o,
    children: o.actions.length ? o.actions.map(actionLeaf) : [{ relation: 'is served by', broken: 'no action', children: [] }],
  });
  switch (item.kind) {
    case 'collective_aim':
      return item.priorities.map((p) => ({ relation: 'is served by priority', item: p, children: p.objectives.map(objectiveDown) }));
    case 'priority':
      return [
        ...item.portfolios.map((p) => ({ relation: 'is listed by portfolio', item: p as LinkedItem, children: [] })),
        ...item.objectives.map(objectiveDown),
      ];
    case 'portfolio': {
      const loose = item.actions.filter((a) => a.objectives.length === 0);
      return [...item.objectives.map((o) => ({ ...objectiveDown(o), relation: 'owns objective' })), ...loose.map((a) => ({ relation: 'runs action (no objective named)', item: a as LinkedItem, children: [] }))];
    }
    case 'objective':
      return [...item.actions.map(actionLeaf), ...item.metrics.map((m) => ({ relation: 'is measured by metric', item: m as LinkedItem, children: [] }))];
    case 'organisation':
      return item.actions.map((a) => ({ relation: 'owns action', item: a as LinkedItem, children: [] }));
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

export interface TraceFormat {
  colour?: (kind: 'broken' | 'ok' | 'dim', text: string) => string;
  /** A source file (relative to the plan folder) as the reader should see it; as it is by default. */
  shownFile?: (file: string) => string;
  /** Makes plan text (titles, ids, sections, the path) safe where it is printed; as it is by default. */
  planText?: (text: string) => string;
}

/** Renders a trace as an indented tree of plain text, one item a line. */
export function formatTrace(trace: Trace, options: TraceFormat = {}): string {
  const paint = options.colour ?? ((_kind, text) => text);
  // Applied to each piece of plan text before colour is added, so that colour is the only escape code.
  const safe = options.planText ?? ((text) => text);
  const lines: string[] = [];
  const root = trace.root;
  lines.push(`${safe(label(root))}  ${paint('dim', safe(where(root, options.shownFile ?? ((file) => file))))}`);
  const section = (title: string, nodes: TraceNode[]) => {
    if (nodes.length === 0) return;
    lines.push(`${title}`);
    nodes.forEach((n, i) => emit(n, '', i === nodes.length - 1));
  };
  const emit = (node: TraceNode, prefix: string, last: boolean) => {
    const branch = last ? '└─ ' : '├─ ';
    const relation = safe(node.relation);
    const text = node.broken !== undefined
      ? `${relation} ${paint('broken', `✖ ${safe(node.broken)}`)}`
      : node.item
        ? `${relation} ${safe(itemText(node.item))}${node.item.kind === 'collective_aim' ? ` ${paint('ok', '✔')}` : ''}`
        : relation;
    lines.push(`${prefix}${branch}${text}`);
    const childPrefix = prefix + (last ? '   ' : '│  ');
    node.children.forEach((c, i) => emit(c, childPrefix, i === node.children.length - 1));
  };
  section('Up to the collective aim:', trace.up);
  section('Served by:', trace.down);
  if (root.kind !== 'collective_aim' && root.kind !== 'organisation' && root.kind !== 'duty') {
    lines.push(trace.reachesAim ? paint('ok', '✔ The golden thread reaches the collective aim.') : paint('broken', '✖ The golden thread does not reach the collective aim.'));
  }
  return lines.join('\n') + '\n';
}

function itemText(item: LinkedItem): string {
  const name = titleOf(item);
  return `\`${item.id}\`${name ? ` ${name}` : ''}`;
}

function label(item: LinkedItem): string {
  const name = titleOf(item);
  return `${describeItem(item)}${name ? `: ${name}` : ''}`;
}

function titleOf(item: LinkedItem): string {
  switch (item.kind) {
    case 'collective_aim':
      return item.item.statement;
    case 'portfolio':
    case 'organisation':
      return item.item.name;
    case 'metric':
      return item.item.name;
    default:
      return item.item.title;
  }
}

function where(item: LinkedItem, shownFile: (file: string) => string): string {
  const l = locate(item.item.at);
  return `${shownFile(l.file)}:${l.line}:${l.column}`;
}
