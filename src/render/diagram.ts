// The golden-thread diagram: the collective aim, the system priorities, the portfolios and enabling
// workstreams, and the objectives, as one standalone SVG laid out by ELK at build time (no browser).
// A broken thread is drawn dashed and named in words on the node, so the diagram never relies on colour alone.

import elkjs, { type ElkExtendedEdge, type ElkNode, type ElkPoint } from 'elkjs/lib/elk.bundled.js';
import {
  byNumberThenId,
  type LinkedItem,
  type LinkedObjective,
  type LinkedPortfolio,
  type LinkedPriority,
  type Plan,
} from '../link/plan-graph.js';

// elkjs is CommonJS typed as an ES module: its constructor is both the module itself and its `default`,
// and only `default` has the right type under NodeNext (and works from Node, esbuild and vitest alike).
const ELK = elkjs.default;

export interface ThreadDiagramOptions {
  /** The address of an item's page; where it returns undefined the node is drawn without a link. */
  href: (item: LinkedItem) => string | undefined;
  /** The diagram's accessible title; by default "The golden thread of <plan title>". */
  title?: string;
}

/** An item whose thread up to the collective aim breaks at the item itself. */
export interface BrokenThread {
  id: string;
  kind: 'priority' | 'portfolio' | 'objective';
  /** What is missing, as drawn on the node: "no owner", "no priority", "no aim". */
  missing: string[];
  /** The same in sentences, for the tooltip and the description. */
  why: string[];
}

export interface DiagramStats {
  priorities: number;
  /** Portfolios and enabling workstreams together. */
  portfolios: number;
  objectives: number;
  broken: BrokenThread[];
}

/** What the diagram shows, counted: the numbers its description gives. */
export function diagramStats(plan: Plan): DiagramStats {
  return {
    priorities: plan.priorities.length,
    portfolios: plan.portfolios.length,
    objectives: plan.objectives.length,
    broken: [...plan.priorities.map(priorityBreaks), ...plan.portfolios.map(portfolioBreaks), ...plan.objectives.map(objectiveBreaks)].filter(
      (b): b is BrokenThread => b !== undefined,
    ),
  };
}

// The same definitions as the rules priority-serves-aim, objective-has-owner and objective-serves-priority,
// so the diagram and the gap report never disagree about what is broken.
function priorityBreaks(priority: LinkedPriority): BrokenThread | undefined {
  if (priority.aim) return undefined;
  const named = priority.item.aim;
  const why = named === undefined ? 'it names no collective aim' : `it names \`${named}\`, which is not the plan's collective aim`;
  return { id: priority.id, kind: 'priority', missing: ['no aim'], why: [why] };
}

function portfolioBreaks(portfolio: LinkedPortfolio): BrokenThread | undefined {
  if (portfolio.crossCutting || portfolio.priorities.length > 0) return undefined;
  return { id: portfolio.id, kind: 'portfolio', missing: ['no priority'], why: ['it serves no system priority'] };
}

function objectiveBreaks(objective: LinkedObjective): BrokenThread | undefined {
  const missing: string[] = [];
  const why: string[] = [];
  if (!objective.owner) {
    missing.push('no owner');
    const named = objective.item.portfolio;
    why.push(named === undefined ? 'no portfolio owns it' : `it names \`${named}\` as its owner, which does not exist`);
  }
  if (objective.priorities.length === 0) {
    missing.push('no priority');
    why.push('it serves no system priority');
  }
  return missing.length ? { id: objective.id, kind: 'objective', missing, why } : undefined;
}

// ---- Text measurement -------------------------------------------------------------------------------
// There is no browser to measure text, so widths are estimated from Helvetica's advance widths (Arial
// has the same metrics), with a margin for Frutiger and for the fallbacks readers may have instead: DejaVu
// Sans, the usual sans-serif on Linux, runs about 14% wider than Arial.

/** Advance widths of ASCII 32..126 in thousandths of an em. */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const SAFETY = 1.16;
const BOLD = 1.1;

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  const ascii = code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32] : undefined;
  if (ascii !== undefined) return ascii;
  if (char === '…' || char === '—') return 1000;
  if (char === '✖') return 850;
  if (code >= 0x2e80) return 1000; // CJK and other wide scripts
  return 600;
}

function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const char of text) units += charWidth(char);
  return (units / 1000) * size * SAFETY * (bold ? BOLD : 1);
}

/**
 * Breaks text into at most `maxLines` lines of at most `maxWidth`; the last line ends in "…" when text
 * is left over. A word too long for a line is broken inside the word.
 */
export function wrapText(text: string, maxWidth: number, size: number, maxLines: number, bold = false): string[] {
  const fits = (s: string): boolean => textWidth(s, size, bold) <= maxWidth;
  const words: string[] = [];
  for (const word of text.split(' ').filter(Boolean)) {
    let rest = word;
    while (!fits(rest)) {
      const chars = Array.from(rest);
      let take = 1;
      while (take < chars.length && fits(chars.slice(0, take + 1).join(''))) take++;
      words.push(chars.slice(0, take).join(''));
      rest = chars.slice(take).join('');
    }
    if (rest) words.push(rest);
  }
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate) || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines - 1);
  kept.push(ellipsis(lines.slice(maxLines - 1).join(' '), fits));
  return kept;
}

function ellipsis(text: string, fits: (s: string) => boolean): string {
  const chars = Array.from(text);
  let end = chars.length;
  while (end > 0 && !fits(`${chars.slice(0, end).join('').trimEnd()}…`)) end--;
  // Prefer to cut at a word boundary when that loses little.
  let cut = chars.slice(0, end).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

// ---- XML ----------------------------------------------------------------------------------------------

/** Removes characters XML 1.0 forbids (control characters, lone surrogates) and collapses white space. */
function clean(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Plan text is untrusted: every string written into the SVG goes through here. */
function xml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Coordinates to one decimal place, so the output is byte-identical wherever it is built. */
function num(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

// ---- The diagram's contents ----------------------------------------------------------------------------

const BODY = 14;
const BODY_LINE = 18;
const SMALL = 12;
const SMALL_LINE = 16;
const PAD_X = 10;
const PAD_Y = 8;
const TAG_HEIGHT = 20;
const TAG_GAP = 6;
const RADIUS = 4;
const NODE_GAP = 10;
/** Extra space between one owner's objectives and the next owner's, so each group reads as one. */
const GROUP_GAP = 14;
/** Space between the frame of the underpinning enablers and the enablers inside it. */
const FRAME_PAD = 8;

type Column = 0 | 1 | 2 | 3;

/** The four columns of the golden thread, from the aim at the left to the objectives at the right. */
const COLUMNS: readonly { header: string; width: number; maxLines: number }[] = [
  { header: 'Collective aim', width: 220, maxLines: 12 },
  { header: 'System priorities', width: 200, maxLines: 3 },
  { header: 'Portfolios and enabling workstreams', width: 220, maxLines: 2 },
  { header: 'Objectives', width: 360, maxLines: 2 },
];

const columnWidth = (column: Column): number => COLUMNS[column]?.width ?? 0;

interface DiagramNode {
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

interface DiagramEdge {
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
function describeNodes(plan: Plan): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const priorities = [...plan.priorities].sort(byNumberThenId);
  const portfolios = portfolioOrder(plan.portfolios, priorities);
  const rank = new Map(portfolios.map((p, i) => [p.id, i]));
  // Objectives grouped by owner in the owners' order, so each portfolio's objectives sit beside it.
  const objectives = [...plan.objectives].sort(
    (a, b) => (rank.get(a.owner?.id ?? '') ?? rank.size) - (rank.get(b.owner?.id ?? '') ?? rank.size) || byNumberThenId(a, b),
  );

  const aimKey = plan.aim ? itemKey(plan.aim.id) : NO_AIM_KEY;
  nodes.push(plan.aim
    ? makeNode({ key: aimKey, item: plan.aim, kind: 'aim', column: 0, caption: 'Collective aim', text: plan.aim.item.statement, tooltip: `Collective aim: ${clean(plan.aim.item.statement)}` })
    : makeNode({ key: aimKey, item: undefined, kind: 'missing', column: 0, text: '✖ No collective aim', tooltip: 'The plan has no collective aim: add collective_aim to plan.yaml.' }));

  for (const priority of priorities) {
    const broken = priorityBreaks(priority);
    const caption = priority.item.number !== undefined ? `Priority ${priority.item.number}` : 'Priority';
    nodes.push(makeNode({
      key: itemKey(priority.id), item: priority, kind: 'priority', column: 1, caption, text: priority.item.title,
      tooltip: tooltipOf(`${caption}: ${clean(priority.item.title)}`, broken), ...(broken ? { broken } : {}),
    }));
    if (priority.aim) edges.push({ source: aimKey, target: itemKey(priority.id), style: 'thread' });
  }

  const underpinning: DiagramNode[] = [];
  for (const portfolio of portfolios) {
    const broken = portfolioBreaks(portfolio);
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
    for (const priority of [...portfolio.priorities].sort(byNumberThenId)) edges.push({ source: itemKey(priority.id), target: key, style: 'thread' });
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
    summariseObjectives(objectives, nodes, edges);
    return { nodes, edges };
  }
  for (const objective of objectives) {
    const broken = objectiveBreaks(objective);
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
function summariseObjectives(objectives: readonly LinkedObjective[], nodes: DiagramNode[], edges: DiagramEdge[]): void {
  const byOwner = new Map<string, LinkedObjective[]>();
  for (const objective of objectives) {
    const key = objective.owner ? itemKey(objective.owner.id) : NO_OWNER_KEY;
    if (!byOwner.has(key)) byOwner.set(key, []);
    byOwner.get(key)!.push(objective);
  }
  for (const [owner, owned] of byOwner) {
    const unowned = owner === NO_OWNER_KEY;
    const broken = owned.filter((o) => objectiveBreaks(o) !== undefined).length;
    const text = `${owned.length} ${owned.length === 1 ? 'objective' : 'objectives'}${broken ? `, ${broken} with a broken thread` : ''}`;
    nodes.push(makeNode({
      key: `summary:${owner}`, item: undefined, kind: unowned ? 'missing' : 'objective', column: 3, text: unowned ? `✖ ${text}` : text,
      tooltip: unowned ? `${text}: no portfolio owns them.` : `${text}. Each is listed on its portfolio's page.`,
    }));
    edges.push({ source: owner, target: `summary:${owner}`, style: unowned ? 'broken' : 'thread' });
  }
}

// ---- Layout ------------------------------------------------------------------------------------------

/**
 * The height of every node: each portfolio centred on its objectives, each priority on its portfolios, the
 * aim on its priorities, and then each owner's objectives centred on their owner where there is room.
 * ELK's own placers straighten edges instead, which drags the aim and the priorities to one end of a tall
 * objectives column; a tree centred on what it serves reads better.
 */
function placeVertically(nodes: DiagramNode[], edges: DiagramEdge[]): Map<string, number> {
  // Members of the frame count as the frame: it is the box that moves.
  const boxOf = new Map<string, DiagramNode>();
  for (const node of nodes) {
    boxOf.set(node.key, node);
    for (const member of node.members) boxOf.set(member.node.key, node);
  }
  const parent = new Map(edges.map((e) => [e.target, e.source]));
  const inColumn = (c: Column): DiagramNode[] => nodes.filter((n) => n.column === c);
  const objectives = inColumn(3);
  // A wider gap where the owner changes, so one owner's objectives read as a group.
  const gaps = objectives.map((node, i) => (i > 0 && parent.get(objectives[i - 1]?.key ?? '') !== parent.get(node.key) ? NODE_GAP + GROUP_GAP : NODE_GAP));

  const centre = new Map<string, number>();
  const place = (boxes: DiagramNode[], tops: number[]): void =>
    boxes.forEach((node, i) => {
      const top = tops[i] ?? 0;
      centre.set(node.key, top + node.height / 2);
      for (const member of node.members) centre.set(member.node.key, top + member.dy + member.node.height / 2);
    });
  const mean = (keys: string[]): number | undefined => {
    const found = keys.map((key) => centre.get(key)).filter((c): c is number => c !== undefined);
    return found.length ? found.reduce((a, b) => a + b, 0) / found.length : undefined;
  };
  // Only the next column counts: the aim's line to the enablers' frame would pull it to the foot.
  const served = (box: DiagramNode): string[] =>
    edges.filter((e) => boxOf.get(e.source) === box && boxOf.get(e.target)?.column === box.column + 1).map((e) => e.target);
  const towardsTheAim = (): void => {
    for (const column of [2, 1, 0] as const) {
      const boxes = inColumn(column);
      place(boxes, spread(boxes.map((n) => n.height), boxes.map((n) => mean(served(n))), boxes.map(() => NODE_GAP)));
    }
  };

  place(objectives, spread(objectives.map((n) => n.height), objectives.map(() => undefined), gaps));
  towardsTheAim();
  // Then each owner's objectives move to be centred on their owner, and the columns to the left follow.
  const wishes: (number | undefined)[] = [];
  for (let first = 0; first < objectives.length; ) {
    const owner = parent.get(objectives[first]?.key ?? '');
    let last = first;
    while (last + 1 < objectives.length && parent.get(objectives[last + 1]?.key ?? '') === owner) last++;
    const group = objectives.slice(first, last + 1);
    const groupHeight = group.reduce((sum, n) => sum + n.height, 0) + NODE_GAP * (group.length - 1);
    const ownerCentre = owner !== undefined ? centre.get(owner) : undefined;
    let offset = 0;
    for (const node of group) {
      wishes.push(ownerCentre === undefined ? undefined : ownerCentre - groupHeight / 2 + offset + node.height / 2);
      offset += node.height + NODE_GAP;
    }
    first = last + 1;
  }
  place(objectives, spread(objectives.map((n) => n.height), wishes, gaps));
  towardsTheAim();

  const tops = new Map(nodes.map((n) => [n.key, (centre.get(n.key) ?? 0) - n.height / 2]));
  const highest = Math.min(...tops.values());
  return new Map([...tops].map(([key, top]) => [key, top - highest]));
}

/**
 * Tops for a column of boxes kept in order, box i at least `gaps[i]` below the one before, each as near as
 * it can be to the centre it wishes for (least squares): boxes that would overlap join into a block that
 * sits at the mean of their wishes. A box with no wish follows the one before it.
 */
export function spread(heights: readonly number[], wishes: readonly (number | undefined)[], gaps: readonly number[]): number[] {
  interface Block { first: number; count: number; sum: number; height: number; top: number }
  const blocks: Block[] = [];
  heights.forEach((height, i) => {
    const previous = blocks.at(-1);
    const wish = wishes[i];
    const top = wish !== undefined ? wish - height / 2 : previous ? previous.top + previous.height + (gaps[i] ?? 0) : 0;
    let block: Block = { first: i, count: 1, sum: top, height, top };
    for (let last = blocks.at(-1); last && last.top + last.height + (gaps[block.first] ?? 0) > block.top; last = blocks.at(-1)) {
      blocks.pop();
      // In the joined block each box of `block` sits `shift` further below the top than it did.
      const shift = last.height + (gaps[block.first] ?? 0);
      const sum = last.sum + block.sum - block.count * shift;
      const count = last.count + block.count;
      block = { first: last.first, count, sum, height: shift + block.height, top: sum / count };
    }
    blocks.push(block);
  });
  const tops: number[] = [];
  for (const block of blocks) {
    let y = block.top;
    for (let i = block.first; i < block.first + block.count; i++) {
      if (i > block.first) y += gaps[i] ?? 0;
      tops.push(y);
      y += heights[i] ?? 0;
    }
  }
  return tops;
}

interface Placed {
  node: DiagramNode;
  x: number;
  y: number;
}

interface Routed {
  edge: DiagramEdge;
  points: ElkPoint[];
}

interface Layout {
  placed: Placed[];
  routed: Routed[];
  width: number;
  height: number;
}

async function layOut(nodes: DiagramNode[], edges: DiagramEdge[]): Promise<Layout> {
  const tops = placeVertically(nodes, edges);
  // An edge from an enabler in the frame leaves from a port on the frame beside that enabler; the line
  // from the aim arrives at the frame's heading.
  const outPort = new Map<string, string>();
  const inPort = new Map<string, string>();
  const children: ElkNode[] = nodes.map((node) => {
    const child: ElkNode = {
      id: node.key, width: node.width, height: node.height, x: 0, y: tops.get(node.key) ?? 0,
      layoutOptions: { 'elk.partitioning.partition': String(node.column) },
    };
    if (node.members.length) {
      const heading = { id: `${node.key}:in`, x: 0, y: PAD_Y + (node.lines.length * BODY_LINE) / 2, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'WEST' } };
      inPort.set(node.key, heading.id);
      const exits = node.members
        .filter((m) => edges.some((e) => e.source === m.node.key))
        .map((m) => {
          const id = `${m.node.key}:out`;
          outPort.set(m.node.key, id);
          return { id, x: node.width, y: m.dy + m.node.height / 2, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'EAST' } };
        });
      child.ports = [heading, ...exits];
      child.layoutOptions = { ...child.layoutOptions, 'elk.portConstraints': 'FIXED_POS' };
    }
    return child;
  });
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      // Partitions pin each kind to its column, even an item with no edges at all (a broken thread).
      'elk.partitioning.activate': 'true',
      'elk.separateConnectedComponents': 'false',
      // The order within each column and the heights are chosen above, where they can follow the plan
      // (priorities by number, objectives beside their owner); ELK keeps both, sets the columns apart
      // and routes the edges between them.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      'elk.layered.nodePlacement.strategy': 'INTERACTIVE',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.layered.spacing.edgeNodeBetweenLayers': '12',
      'elk.spacing.nodeNode': String(NODE_GAP),
      'elk.spacing.edgeEdge': '6',
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
      'elk.randomSeed': '1',
    },
    children,
    edges: edges.map((e, i): ElkExtendedEdge => ({
      id: `e${i}`,
      sources: [outPort.get(e.source) ?? e.source],
      targets: [inPort.get(e.target) ?? e.target],
    })),
  };
  const result = await new ELK().layout(graph);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const placed: Placed[] = [];
  for (const child of result.children ?? []) {
    const node = byKey.get(child.id);
    if (node) placed.push({ node, x: child.x ?? 0, y: child.y ?? 0 });
  }
  const routed: Routed[] = [];
  (result.edges ?? []).forEach((laid, i) => {
    const edge = edges[i];
    if (!edge) return;
    const points: ElkPoint[] = [];
    for (const section of laid.sections ?? []) points.push(section.startPoint, ...(section.bendPoints ?? []), section.endPoint);
    // A line from an enabler in the frame starts at the enabler itself, across the frame's margin.
    const start = points[0];
    if (start && outPort.has(edge.source)) points.unshift({ x: start.x - FRAME_PAD, y: start.y });
    routed.push({ edge, points });
  });
  return { placed, routed, width: result.width ?? 0, height: result.height ?? 0 };
}

// ---- Drawing -----------------------------------------------------------------------------------------

const MARGIN = 16;
const LEGEND_HEIGHT = 40;

// Colours from the NHS palette; every text colour has at least 4.5:1 contrast with the fill behind it.
const STYLE = `
.golden-thread a { text-decoration: none; }
.golden-thread text { fill: #212b32; font-size: ${BODY}px; }
.golden-thread .caption { font-size: ${SMALL}px; font-weight: bold; }
.golden-thread .header { font-weight: bold; }
.golden-thread .box { fill: #ffffff; stroke: #4c6272; stroke-width: 1; }
.golden-thread .node--aim .box { fill: #003087; stroke: #003087; }
.golden-thread .node--priority .box { fill: #005eb8; stroke: #005eb8; }
.golden-thread .node--aim text, .golden-thread .node--priority text { fill: #ffffff; }
.golden-thread .node--portfolio .box { stroke: #005eb8; stroke-width: 2; }
.golden-thread .node--portfolio .caption, .golden-thread .node--enabler .caption { fill: #4c6272; }
.golden-thread .node--enabler .box { fill: #f0f4f5; stroke: #4c6272; stroke-width: 2; }
.golden-thread .frame-box { fill: #ffffff; stroke: #4c6272; stroke-width: 1; }
.golden-thread .frame-heading { font-weight: bold; }
.golden-thread .lead { fill: #005eb8; font-weight: bold; }
.golden-thread .node--broken .box, .golden-thread .placeholder .box, .golden-thread .sample--broken { fill: #ffffff; stroke: #d5281b; stroke-width: 2; stroke-dasharray: 6 4; }
.golden-thread .node--broken text { fill: #212b32; }
.golden-thread .node--broken .caption { fill: #4c6272; }
.golden-thread .placeholder text { fill: #d5281b; font-weight: bold; }
.golden-thread .tag rect { fill: #ffb81c; }
.golden-thread .tag text { fill: #212b32; font-size: ${SMALL}px; font-weight: bold; }
.golden-thread .edge { fill: none; }
.golden-thread .edge--thread { stroke: #005eb8; stroke-width: 1.5; }
.golden-thread .edge--underpins { stroke: #4c6272; stroke-width: 5; }
.golden-thread .edge--underpins-core { stroke: #ffffff; stroke-width: 2; }
.golden-thread .edge--broken { stroke: #d5281b; stroke-width: 1.5; stroke-dasharray: 6 4; }
.golden-thread a:hover .box { stroke: #212b32; stroke-width: 3; }
.golden-thread a:focus { outline: none; }
.golden-thread a:focus .box { stroke: #212b32; stroke-width: 4; stroke-dasharray: none; }
`;

/** An orthogonal route with its corners rounded, so lines that cross are easy to tell from lines that turn. */
function edgePath(points: readonly ElkPoint[]): string {
  const towards = (from: ElkPoint, to: ElkPoint, by: number): ElkPoint => {
    const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    return { x: from.x + ((to.x - from.x) / length) * by, y: from.y + ((to.y - from.y) / length) * by };
  };
  let d = '';
  points.forEach((p, i) => {
    const prev = points[i - 1];
    const next = points[i + 1];
    if (!prev) d += `M${num(p.x)} ${num(p.y)}`;
    else if (!next) d += ` L${num(p.x)} ${num(p.y)}`;
    else {
      const r = Math.min(6, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
      const before = towards(p, prev, r);
      const after = towards(p, next, r);
      d += ` L${num(before.x)} ${num(before.y)} Q${num(p.x)} ${num(p.y)} ${num(after.x)} ${num(after.y)}`;
    }
  });
  return d;
}

function drawEdge({ edge, points }: Routed, dx: number, dy: number): string {
  const d = edgePath(points.map((p) => ({ x: p.x + dx, y: p.y + dy })));
  // A hollow line for "underpins every priority": unlike both a thread (solid) and a break (dashed).
  if (edge.style === 'underpins') return `<path class="edge edge--underpins" d="${d}"/><path class="edge edge--underpins-core" d="${d}"/>`;
  return `<path class="edge edge--${edge.style}" d="${d}"/>`;
}

function drawTag(label: string, x: number, y: number): string {
  const text = `✖ ${label}`;
  return `<g class="tag"><rect x="${num(x)}" y="${num(y)}" width="${num(textWidth(text, SMALL, true) + 12)}" height="${TAG_HEIGHT}" rx="${TAG_HEIGHT / 2}"/>`
    + `<text x="${num(x + 6)}" y="${num(y + 14)}">${xml(text)}</text></g>`;
}

function drawNode(node: DiagramNode, x: number, y: number, hrefs: ReadonlyMap<LinkedItem, string>): string {
  if (node.kind === 'frame') return drawFrame(node, x, y, hrefs);
  const parts: string[] = [`<rect class="box" x="${num(x)}" y="${num(y)}" width="${num(node.width)}" height="${num(node.height)}" rx="${RADIUS}"/>`];
  const textX = x + PAD_X;
  let top = y + PAD_Y;
  if (node.caption) {
    parts.push(`<text class="caption" x="${num(textX)}" y="${num(top + SMALL_LINE - 4)}">${xml(node.caption)}</text>`);
    top += SMALL_LINE + 2;
  }
  const spans = node.lines.map((line, i) => {
    const at = `x="${num(textX)}" y="${num(top + BODY_LINE * (i + 1) - 5)}"`;
    if (i === 0 && node.lead) return `<tspan ${at}><tspan class="lead">${xml(node.lead)}</tspan> ${xml(line.slice(node.lead.length))}</tspan>`;
    return `<tspan ${at}>${xml(line)}</tspan>`;
  });
  parts.push(`<text class="label">${spans.join('')}</text>`);
  if (node.broken) parts.push(drawTag(node.broken.missing.join(', '), textX, y + node.height - PAD_Y - TAG_HEIGHT));

  // The title is the node's full text; inside the link it is also the link's accessible name.
  const title = `<title>${xml(node.tooltip)}</title>`;
  if (!node.item) return `<g class="placeholder">${title}${parts.join('')}</g>`;
  const classes = `node node--${node.kind}${node.broken ? ' node--broken' : ''}`;
  const link = hrefs.get(node.item);
  const body = link ? `<a href="${xml(link)}">${title}${parts.join('')}</a>` : `${title}${parts.join('')}`;
  return `<g class="${classes}" data-id="${xml(node.item.id)}">${body}</g>`;
}

function drawFrame(frame: DiagramNode, x: number, y: number, hrefs: ReadonlyMap<LinkedItem, string>): string {
  const heading = frame.lines
    .map((line, i) => `<tspan x="${num(x + PAD_X)}" y="${num(y + PAD_Y + BODY_LINE * (i + 1) - 5)}">${xml(line)}</tspan>`)
    .join('');
  return `<g class="frame"><rect class="frame-box" x="${num(x)}" y="${num(y)}" width="${num(frame.width)}" height="${num(frame.height)}" rx="${RADIUS * 2}"/>`
    + `<text class="frame-heading">${heading}</text>`
    + frame.members.map((m) => drawNode(m.node, x + FRAME_PAD, y + m.dy, hrefs)).join('')
    + '</g>';
}

function drawLegend(x: number, y: number): { svg: string; width: number } {
  const items: string[] = [];
  let cursor = x;
  const mid = y + LEGEND_HEIGHT / 2;
  const sample = (svg: string, width: number): void => {
    items.push(svg);
    cursor += width + 8;
  };
  const label = (text: string): void => {
    items.push(`<text x="${num(cursor)}" y="${num(mid + 5)}">${xml(text)}</text>`);
    cursor += textWidth(text, BODY) + 28;
  };
  const line = `M${num(cursor)} ${num(mid)} h36`;
  sample(`<path class="edge edge--thread" d="${line}"/>`, 36);
  label('Solid line: the golden thread (serves)');
  const rail = `M${num(cursor)} ${num(mid)} h36`;
  sample(`<path class="edge edge--underpins" d="${rail}"/><path class="edge edge--underpins-core" d="${rail}"/>`, 36);
  label('Hollow line: underpins every priority');
  sample(`<rect class="box sample--broken" x="${num(cursor)}" y="${num(mid - 11)}" width="36" height="22" rx="${RADIUS}"/>`, 36);
  sample(drawTag('no owner', cursor, mid - TAG_HEIGHT / 2), textWidth('✖ no owner', SMALL, true) + 12);
  label('Dashed red and ✖: a broken thread, and what is missing');
  return { svg: `<g class="legend">${items.join('')}</g>`, width: cursor - x };
}

function drawHeaders(placed: readonly Placed[], top: number): { svg: string; height: number } {
  const texts: string[] = [];
  let lines = 1;
  COLUMNS.forEach((column, index) => {
    const xs = placed.filter((p) => p.node.column === index).map((p) => p.x);
    if (!xs.length) return;
    const wrapped = wrapText(column.header, column.width + 40, BODY, 2, true);
    lines = Math.max(lines, wrapped.length);
    wrapped.forEach((line, i) => texts.push(`<text class="header" x="${num(Math.min(...xs))}" y="${num(top + BODY_LINE * (i + 1) - 4)}">${xml(line)}</text>`));
  });
  return { svg: `<g class="headers">${texts.join('')}</g>`, height: lines * BODY_LINE + 8 };
}

function describe(plan: Plan, stats: DiagramStats): string {
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  let text = `${count(stats.priorities, 'system priority', 'system priorities')}, `
    + `${count(stats.portfolios, 'portfolio or enabling workstream', 'portfolios and enabling workstreams')}, `
    + `${count(stats.objectives, 'objective', 'objectives')}; ${count(stats.broken.length, 'broken thread', 'broken threads')}.`;
  if (!plan.aim) text += ' The plan has no collective aim.';
  if (stats.broken.length) text += ` Broken: ${stats.broken.map((b) => `${b.kind} ${b.id} (${b.missing.join(', ')})`).join('; ')}.`;
  return text;
}

/**
 * The golden thread of the plan as a standalone SVG: the aim, priorities, portfolios and objectives in
 * four columns from left to right, each node a link to its page. The same plan always gives the same bytes.
 */
export async function threadDiagram(plan: Plan, options: ThreadDiagramOptions): Promise<string> {
  const { nodes, edges } = describeNodes(plan);
  const layout = await layOut(nodes, edges);
  const legend = drawLegend(MARGIN, MARGIN);
  const headerTop = MARGIN + LEGEND_HEIGHT + 8;
  const headers = drawHeaders(layout.placed.map((p) => ({ ...p, x: p.x + MARGIN })), headerTop);
  const dx = MARGIN;
  const dy = headerTop + headers.height;
  const width = Math.ceil(Math.max(layout.width, legend.width) + 2 * MARGIN);
  const height = Math.ceil(dy + layout.height + MARGIN);

  // Ids carry the plan's id, so two diagrams on one page never share one.
  const id = xml(`golden-thread-${plan.manifest.plan.id}`);
  const title = options.title ?? `The golden thread of ${plan.manifest.plan.title}`;
  // An image's parts are hidden from assistive technology, links included (axe: nested-interactive), so
  // a diagram with links is a labelled group of links; one without any is an image.
  const hrefs = new Map<LinkedItem, string>();
  for (const node of nodes.flatMap((n) => [n, ...n.members.map((m) => m.node)])) {
    const href = node.item ? options.href(node.item) : undefined;
    if (node.item && href) hrefs.set(node.item, href);
  }
  const linked = hrefs.size > 0;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="golden-thread" role="${linked ? 'group' : 'img'}" aria-labelledby="${id}-title" aria-describedby="${id}-desc"`
      + ` viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="'Frutiger W01', Arial, sans-serif">`,
    `<title id="${id}-title">${xml(title)}</title>`,
    `<desc id="${id}-desc">${xml(describe(plan, diagramStats(plan)))}</desc>`,
    `<style>${STYLE}</style>`,
    `<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    legend.svg,
    headers.svg,
    `<g class="edges">${layout.routed.map((r) => drawEdge(r, dx, dy)).join('')}</g>`,
    `<g class="nodes">${layout.placed.map((p) => drawNode(p.node, p.x + dx, p.y + dy, hrefs)).join('')}</g>`,
    '</svg>',
    '',
  ].join('\n');
}
