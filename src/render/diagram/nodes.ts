// The diagram's contents: one box per aim, priority, portfolio and objective (or one per owner when
// there are too many objectives), in their order within each column, the lines between them, and where
// a thread is broken, as the golden thread (link/thread.ts) says.

import {
  byNumber,
  type LinkedItem,
  type LinkedObjective,
  type LinkedPortfolio,
  type LinkedPriority,
} from '../../link/plan-graph.js';
import { gapInWords, type Thread } from '../../link/thread.js';
import { clean, wrapText } from './text.js';

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

export const BODY = 14;
export const BODY_LINE = 18;
export const SMALL = 12;
export const SMALL_LINE = 16;
export const PAD_X = 10;
export const PAD_Y = 8;
export const TAG_HEIGHT = 20;
export const TAG_GAP = 6;
export const RADIUS = 4;
export const NODE_GAP = 10;
/** Extra space between one owner's objectives and the next owner's, so each group reads as one. */
export const GROUP_GAP = 14;
/** Space between the frame of the underpinning enablers and the enablers inside it. */
export const FRAME_PAD = 8;

export type Column = 0 | 1 | 2 | 3;

/** The four columns of the golden thread, from the aim at the left to the objectives at the right. */
export const COLUMNS: readonly { header: string; width: number; maxLines: number }[] = [
  { header: 'Collective aim', width: 220, maxLines: 12 },
  { header: 'System priorities', width: 200, maxLines: 3 },
  { header: 'Portfolios and enabling workstreams', width: 220, maxLines: 2 },
  { header: 'Objectives', width: 360, maxLines: 2 },
];

const columnWidth = (column: Column): number => COLUMNS[column]?.width ?? 0;

export interface DiagramNode {
  /** Unique within the diagram; items are prefixed so a placeholder can never clash with an item id. */
  key: string;
  item: LinkedItem | undefined;
  kind: 'aim' | 'priority' | 'portfolio' | 'enabler' | 'objective' | 'missing' | 'frame';
  column: Column;
  caption: string | undefined;
  lines: string[];
  /** Drawn in bold before the first line: an objective's number. */
  lead: string | undefined;
  /** The node's full text, shown on hover and read as the name of its link. */
  tooltip: string;
  broken: BrokenThread | undefined;
  width: number;
  height: number;
  /** For the frame of the enablers that underpin every priority: the enablers, each `dy` below its top. */
  members: { node: DiagramNode; dy: number }[];
}

export interface DiagramEdge {
  source: string;
  target: string;
  style: 'thread' | 'underpins' | 'broken';
}

const itemKey = (id: string): string => `item:${id}`;
const NO_AIM_KEY = 'missing:aim';
const NO_OWNER_KEY = 'missing:owner';

/**
 * Above this many objectives one box each would make a diagram nobody can read (and a layout that takes
 * minutes), so each owner's objectives are drawn as one box that counts them.
 */
export const MAX_OBJECTIVE_NODES = 80;
const FRAME_KEY = 'frame:underpins';
const FRAME_HEADER = 'Enabling workstreams that underpin every priority';

interface NodeFields {
  key: string;
  item: LinkedItem | undefined;
  kind: DiagramNode['kind'];
  column: Column;
  caption?: string;
  text: string;
  lead?: string;
  tooltip: string;
  broken?: BrokenThread;
  /** Narrower than the column, for a node inside a frame. */
  width?: number;
}

function makeNode(fields: NodeFields): DiagramNode {
  const column = COLUMNS[fields.column];
  const width = fields.width ?? column?.width ?? 0;
  const text = fields.lead ? `${fields.lead} ${fields.text}` : fields.text;
  const lines = wrapText(clean(text), width - 2 * PAD_X, BODY, column?.maxLines ?? 2, fields.kind === 'missing');
  const height = 2 * PAD_Y + (fields.caption ? SMALL_LINE + 2 : 0) + lines.length * BODY_LINE + (fields.broken ? TAG_GAP + TAG_HEIGHT : 0);
  // The lead is drawn in bold only when wrapping kept it whole at the start of the first line.
  const lead = fields.lead && lines[0]?.startsWith(`${fields.lead} `) ? fields.lead : undefined;
  return {
    key: fields.key, item: fields.item, kind: fields.kind, column: fields.column, caption: fields.caption, lines, lead,
    tooltip: fields.tooltip, broken: fields.broken, width, height, members: [],
  };
}

/** One frame around the enablers that underpin every priority, so one line from the aim stands for all of them. */
function makeFrame(enablers: DiagramNode[]): DiagramNode {
  const width = columnWidth(2);
  const lines = wrapText(FRAME_HEADER, width - 2 * PAD_X, BODY, 3, true);
  let dy = PAD_Y + lines.length * BODY_LINE + 6;
  const members = enablers.map((node) => {
    const member = { node, dy };
    dy += node.height + NODE_GAP;
    return member;
  });
  return {
    key: FRAME_KEY, item: undefined, kind: 'frame', column: 2, caption: undefined, lines, lead: undefined,
    tooltip: FRAME_HEADER, broken: undefined,
    width, height: dy - NODE_GAP + FRAME_PAD, members,
  };
}

function tooltipOf(name: string, broken: BrokenThread | undefined): string {
  return broken ? `${name}. Broken thread: ${broken.why.join('; ')}.` : name;
}

/**
 * The order of the portfolio column, top to bottom: portfolios, then enabling workstreams, each placed by
 * the mean position of the priorities it serves (fewer crossings) and then as the plan lists them; then
 * the enablers that underpin everything; then, at the foot beside the other breaks, those serving nothing.
 */
function portfolioOrder(portfolios: readonly LinkedPortfolio[], priorities: readonly LinkedPriority[]): LinkedPortfolio[] {
  const position = new Map(priorities.map((p, i) => [p.id, i]));
  const group = (p: LinkedPortfolio): number => (p.crossCutting ? 2 : p.priorities.length === 0 ? 3 : p.item.kind === 'portfolio' ? 0 : 1);
  const centre = (p: LinkedPortfolio): number =>
    p.priorities.length ? p.priorities.reduce((sum, q) => sum + (position.get(q.id) ?? 0), 0) / p.priorities.length : 0;
  return portfolios
    .map((portfolio, index) => ({ portfolio, index }))
    .sort((a, b) => group(a.portfolio) - group(b.portfolio) || centre(a.portfolio) - centre(b.portfolio) || a.index - b.index)
    .map(({ portfolio }) => portfolio);
}

/** The nodes, in their order top to bottom within each column, and the edges between them. */
export function describeNodes(thread: Thread): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const plan = thread.plan;
  const priorities = [...plan.priorities].sort(byNumber);
  const portfolios = portfolioOrder(plan.portfolios, priorities);
  const rank = new Map(portfolios.map((p, i) => [p.id, i]));
  // Objectives grouped by owner in the owners' order, so each portfolio's objectives sit beside it.
  const objectives = [...plan.objectives].sort(
    (a, b) => (rank.get(a.owner?.id ?? '') ?? rank.size) - (rank.get(b.owner?.id ?? '') ?? rank.size) || byNumber(a, b),
  );

  const aimKey = plan.aim ? itemKey(plan.aim.id) : NO_AIM_KEY;
  nodes.push(plan.aim
    ? makeNode({ key: aimKey, item: plan.aim, kind: 'aim', column: 0, caption: 'Collective aim', text: plan.aim.item.statement, tooltip: `Collective aim: ${clean(plan.aim.item.statement)}` })
    : makeNode({ key: aimKey, item: undefined, kind: 'missing', column: 0, text: '✖ No collective aim', tooltip: 'The plan has no collective aim: add collective_aim to plan.yaml.' }));

  for (const priority of priorities) {
    const broken = brokenAt(thread, priority);
    const caption = priority.item.number !== undefined ? `Priority ${priority.item.number}` : 'Priority';
    nodes.push(makeNode({
      key: itemKey(priority.id), item: priority, kind: 'priority', column: 1, caption, text: priority.item.title,
      tooltip: tooltipOf(`${caption}: ${clean(priority.item.title)}`, broken), ...(broken ? { broken } : {}),
    }));
    if (priority.aim) edges.push({ source: aimKey, target: itemKey(priority.id), style: 'thread' });
  }

  const underpinning: DiagramNode[] = [];
  for (const portfolio of portfolios) {
    const broken = brokenAt(thread, portfolio);
    const enabler = portfolio.item.kind === 'enabler';
    const key = itemKey(portfolio.id);
    if (portfolio.crossCutting) {
      underpinning.push(makeNode({
        key, item: portfolio, kind: 'enabler', column: 2, text: portfolio.item.name, width: columnWidth(2) - 2 * FRAME_PAD,
        tooltip: `Enabling workstream, underpinning every priority: ${clean(portfolio.item.name)}`,
      }));
      continue;
    }
    const caption = enabler ? 'Enabling workstream' : 'Portfolio';
    nodes.push(makeNode({
      key, item: portfolio, kind: enabler ? 'enabler' : 'portfolio', column: 2, caption, text: portfolio.item.name,
      tooltip: tooltipOf(`${caption}: ${clean(portfolio.item.name)}`, broken), ...(broken ? { broken } : {}),
    }));
    for (const priority of [...portfolio.priorities].sort(byNumber)) edges.push({ source: itemKey(priority.id), target: key, style: 'thread' });
  }
  if (underpinning.length) {
    // The frame takes the place the underpinning enablers had in the column: after the other enablers.
    const at = nodes.findIndex((n) => n.column === 2 && n.broken !== undefined);
    nodes.splice(at === -1 ? nodes.length : at, 0, makeFrame(underpinning));
    edges.push({ source: aimKey, target: FRAME_KEY, style: 'underpins' });
  }

  // Objectives nobody owns hang from one placeholder in the portfolio column, so they gather in one place.
  const unowned = objectives.filter((o) => !o.owner).length;
  if (unowned) {
    nodes.push(makeNode({
      key: NO_OWNER_KEY, item: undefined, kind: 'missing', column: 2, text: '✖ No owner',
      tooltip: `${unowned} ${unowned === 1 ? 'objective has' : 'objectives have'} no owning portfolio or enabling workstream.`,
    }));
  }

  if (objectives.length > MAX_OBJECTIVE_NODES) {
    summariseObjectives(thread, objectives, nodes, edges);
    return { nodes, edges };
  }
  for (const objective of objectives) {
    const broken = brokenAt(thread, objective);
    const lead = objective.item.number !== undefined ? String(objective.item.number) : undefined;
    const name = `${lead ? `${lead} ` : ''}${clean(objective.item.title)} (objective${objective.owner ? ` of ${clean(objective.owner.item.name)}` : ''})`;
    nodes.push(makeNode({
      key: itemKey(objective.id), item: objective, kind: 'objective', column: 3, text: objective.item.title,
      ...(lead ? { lead } : {}), tooltip: tooltipOf(name, broken), ...(broken ? { broken } : {}),
    }));
    edges.push(objective.owner
      ? { source: itemKey(objective.owner.id), target: itemKey(objective.id), style: 'thread' }
      : { source: NO_OWNER_KEY, target: itemKey(objective.id), style: 'broken' });
  }
  return { nodes, edges };
}

/** One box per owner counting its objectives, and one for the objectives nobody owns. */
function summariseObjectives(thread: Thread, objectives: readonly LinkedObjective[], nodes: DiagramNode[], edges: DiagramEdge[]): void {
  const byOwner = new Map<string, LinkedObjective[]>();
  for (const objective of objectives) {
    const key = objective.owner ? itemKey(objective.owner.id) : NO_OWNER_KEY;
    if (!byOwner.has(key)) byOwner.set(key, []);
    byOwner.get(key)!.push(objective);
  }
  for (const [owner, owned] of byOwner) {
    const unowned = owner === NO_OWNER_KEY;
    const broken = owned.filter((o) => brokenAt(thread, o) !== undefined).length;
    const text = `${owned.length} ${owned.length === 1 ? 'objective' : 'objectives'}${broken ? `, ${broken} with a broken thread` : ''}`;
    nodes.push(makeNode({
      key: `summary:${owner}`, item: undefined, kind: unowned ? 'missing' : 'objective', column: 3, text: unowned ? `✖ ${text}` : text,
      tooltip: unowned ? `${text}: no portfolio owns them.` : `${text}. Each is listed on its portfolio's page.`,
    }));
    edges.push({ source: owner, target: `summary:${owner}`, style: unowned ? 'broken' : 'thread' });
  }
}

