// The golden-thread diagram: the collective aim, the system priorities, the portfolios and enabling
// workstreams, and the objectives, as one standalone SVG laid out by ELK at build time (no browser).
// A broken thread is drawn dashed and named in words on the node, so the diagram never relies on colour alone.

import ELK, { type ElkExtendedEdge, type ElkNode, type ElkPoint } from 'elkjs/lib/elk.bundled.js';
import {
  byNumberThenId,
  type LinkedItem,
  type LinkedObjective,
  type LinkedPortfolio,
  type LinkedPriority,
  type Plan,
} from '../link/plan-graph.js';

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
// has the same metrics), with a margin for Frutiger and for the fallback fonts readers may have.

/** Advance widths of ASCII 32..126 in thousandths of an em. */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const SAFETY = 1.08;
const BOLD = 1.1;

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  const ascii = code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32] : undefined;
  if (ascii !== undefined) return ascii;
  if (char === '…' || char === '—' || char === '✖') return 1000;
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
    if (fits(candidate)) current = candidate;
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

type NodeKind = 'aim' | 'priority' | 'portfolio' | 'enabler' | 'objective' | 'missing';

/** The four columns of the golden thread, from the aim at the left to the objectives at the right. */
const COLUMNS = [
  { header: 'Collective aim', width: 200, maxLines: 8 },
  { header: 'System priorities', width: 200, maxLines: 3 },
  { header: 'Portfolios and enabling workstreams', width: 220, maxLines: 2 },
  { header: 'Objectives', width: 340, maxLines: 2 },
] as const;

interface DiagramNode {
  /** Unique within the diagram; items are prefixed so a placeholder can never clash with an item id. */
  key: string;
  item: LinkedItem | undefined;
  kind: NodeKind;
  column: 0 | 1 | 2 | 3;
  caption: string | undefined;
  lines: string[];
  /** Drawn in bold before the first line: an objective's number. */
  lead: string | undefined;
  tooltip: string;
  broken: BrokenThread | undefined;
  width: number;
  height: number;
}

interface DiagramEdge {
  source: string;
  target: string;
  style: 'thread' | 'underpins' | 'broken';
}

const itemKey = (id: string): string => `item:${id}`;
const NO_AIM_KEY = 'missing:aim';
const NO_OWNER_KEY = 'missing:owner';

function makeNode(
  fields: Omit<DiagramNode, 'width' | 'height' | 'lines' | 'lead'> & { text: string; lead?: string },
): DiagramNode {
  const column = COLUMNS[fields.column];
  const inner = column.width - 2 * PAD_X;
  const text = fields.lead ? `${fields.lead} ${fields.text}` : fields.text;
  const lines = wrapText(clean(text), inner, BODY, column.maxLines, fields.kind === 'missing');
  const tagged = fields.broken !== undefined;
  const height = 2 * PAD_Y + (fields.caption ? SMALL_LINE + 2 : 0) + lines.length * BODY_LINE + (tagged ? TAG_GAP + TAG_HEIGHT : 0);
  // The lead is drawn only when wrapping kept it whole at the start of the first line.
  const lead = fields.lead && lines[0]?.startsWith(`${fields.lead} `) ? fields.lead : undefined;
  return { ...fields, lines, lead, width: column.width, height };
}

function tooltipOf(name: string, broken: BrokenThread | undefined): string {
  return broken ? `${name}. Broken thread: ${broken.why.join('; ')}.` : name;
}

/**
 * The order of the portfolio column, top to bottom: portfolios, then enabling workstreams, each placed by
 * the mean position of the priorities it serves (fewest crossings) and then as the plan lists them; then
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

function describeNodes(plan: Plan): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const priorities = [...plan.priorities].sort(byNumberThenId);
  const portfolios = portfolioOrder(plan.portfolios, priorities);
  const rank = new Map(portfolios.map((p, i) => [p.id, i]));
  // Objectives grouped by owner in the owners' order, so each portfolio's objectives sit beside it.
  const objectives = [...plan.objectives].sort(
    (a, b) => (rank.get(a.owner?.id ?? '') ?? Infinity) - (rank.get(b.owner?.id ?? '') ?? Infinity) || byNumberThenId(a, b),
  );
  const unowned = objectives.filter((o) => !o.owner);

  const aimKey = plan.aim ? itemKey(plan.aim.id) : NO_AIM_KEY;
  if (plan.aim) {
    nodes.push(makeNode({
      key: aimKey, item: plan.aim, kind: 'aim', column: 0, caption: 'Collective aim', text: plan.aim.item.statement,
      tooltip: `Collective aim: ${clean(plan.aim.item.statement)}`, broken: undefined,
    }));
  } else {
    nodes.push(makeNode({
      key: aimKey, item: undefined, kind: 'missing', column: 0, caption: undefined, text: '✖ No collective aim',
      tooltip: 'The plan defines no collective aim: add collective_aim to plan.yaml.', broken: undefined,
    }));
  }

  for (const priority of priorities) {
    const broken = priorityBreaks(priority);
    const caption = priority.item.number !== undefined ? `Priority ${priority.item.number}` : 'Priority';
    nodes.push(makeNode({
      key: itemKey(priority.id), item: priority, kind: 'priority', column: 1, caption, text: priority.item.title,
      tooltip: tooltipOf(`${caption}: ${clean(priority.item.title)}`, broken), broken,
    }));
    if (priority.aim) edges.push({ source: aimKey, target: itemKey(priority.id), style: 'thread' });
  }

  for (const portfolio of portfolios) {
    const broken = portfolioBreaks(portfolio);
    const enabler = portfolio.item.kind === 'enabler';
    const caption = portfolio.crossCutting ? 'Enabler · underpins every priority' : enabler ? 'Enabling workstream' : 'Portfolio';
    nodes.push(makeNode({
      key: itemKey(portfolio.id), item: portfolio, kind: enabler ? 'enabler' : 'portfolio', column: 2, caption, text: portfolio.item.name,
      tooltip: tooltipOf(`${portfolio.crossCutting ? 'Enabling workstream, underpinning every priority' : enabler ? 'Enabling workstream' : 'Portfolio'}: ${clean(portfolio.item.name)}`, broken),
      broken,
    }));
    // One edge to the aim, not one to every priority: the same meaning without a fan of crossing lines.
    if (portfolio.crossCutting) edges.push({ source: aimKey, target: itemKey(portfolio.id), style: 'underpins' });
    for (const priority of [...portfolio.priorities].sort(byNumberThenId)) {
      edges.push({ source: itemKey(priority.id), target: itemKey(portfolio.id), style: 'thread' });
    }
  }

  // Objectives nobody owns hang from one placeholder in the portfolio column, so they gather in one place.
  if (unowned.length) {
    nodes.push(makeNode({
      key: NO_OWNER_KEY, item: undefined, kind: 'missing', column: 2, caption: undefined, text: '✖ No owner',
      tooltip: `${unowned.length} ${unowned.length === 1 ? 'objective has' : 'objectives have'} no owning portfolio or enabling workstream.`, broken: undefined,
    }));
  }

  for (const objective of objectives) {
    const broken = objectiveBreaks(objective);
    const lead = objective.item.number !== undefined ? String(objective.item.number) : undefined;
    const name = `Objective${lead ? ` ${lead}` : ''}: ${clean(objective.item.title)}`;
    nodes.push(makeNode({
      key: itemKey(objective.id), item: objective, kind: 'objective', column: 3, caption: undefined, text: objective.item.title,
      ...(lead ? { lead } : {}), tooltip: tooltipOf(name, broken), broken,
    }));
    edges.push(objective.owner
      ? { source: itemKey(objective.owner.id), target: itemKey(objective.id), style: 'thread' }
      : { source: NO_OWNER_KEY, target: itemKey(objective.id), style: 'broken' });
  }
  return { nodes, edges };
}

// ---- Layout ------------------------------------------------------------------------------------------

interface Placed {
  node: DiagramNode;
  x: number;
  y: number;
}

interface Routed {
  edge: DiagramEdge;
  points: ElkPoint[];
}

async function layOut(nodes: DiagramNode[], edges: DiagramEdge[]): Promise<{ placed: Placed[]; routed: Routed[]; width: number; height: number }> {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      // Partitions pin each kind to its column, even an item with no edges at all (a broken thread).
      'elk.partitioning.activate': 'true',
      'elk.separateConnectedComponents': 'false',
      // The order within each column is chosen above, where it can follow the plan (priorities by number,
      // objectives beside their owner); ELK only places and routes. It also keeps the layout stable as a plan grows.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.layered.spacing.edgeNodeBetweenLayers': '12',
      'elk.spacing.nodeNode': '10',
      'elk.spacing.edgeEdge': '6',
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
      'elk.randomSeed': '1',
      ...(process.env.ELK_OPTS ? JSON.parse(process.env.ELK_OPTS) : {}),
    },
    children: nodes.map((n) => ({
      id: n.key,
      width: n.width,
      height: n.height,
      layoutOptions: { 'elk.partitioning.partition': String(n.column) },
    })),
    edges: edges.map((e, i): ElkExtendedEdge => ({ id: `e${i}`, sources: [e.source], targets: [e.target], ...(process.env.ELK_EDGE && e.source.startsWith('item:aim') ? { layoutOptions: JSON.parse(process.env.ELK_EDGE)[e.style] } : {}) })),
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
    routed.push({ edge, points });
  });
  return { placed, routed, width: result.width ?? 0, height: result.height ?? 0 };
}

// ---- Drawing -----------------------------------------------------------------------------------------

const MARGIN = 16;
const LEGEND_HEIGHT = 40;
const HEADER_GAP = 8;

const STYLE = `
.golden-thread text { fill: #212b32; font-size: ${BODY}px; }
.golden-thread .caption { font-size: ${SMALL}px; font-weight: bold; }
.golden-thread .header { font-size: ${BODY}px; font-weight: bold; }
.golden-thread .box { fill: #ffffff; stroke: #4c6272; stroke-width: 1; }
.golden-thread .node--aim .box { fill: #003087; stroke: #003087; }
.golden-thread .node--priority .box { fill: #005eb8; stroke: #005eb8; }
.golden-thread .node--aim text, .golden-thread .node--priority text { fill: #ffffff; }
.golden-thread .node--portfolio .box { stroke: #005eb8; stroke-width: 2; }
.golden-thread .node--portfolio .caption, .golden-thread .node--enabler .caption { fill: #4c6272; }
.golden-thread .node--enabler .box { fill: #f0f4f5; stroke: #4c6272; stroke-width: 2; }
.golden-thread .lead { fill: #005eb8; font-weight: bold; }
.golden-thread .node--broken .box, .golden-thread .placeholder .box { fill: #ffffff; stroke: #d5281b; stroke-width: 2; stroke-dasharray: 6 4; }
.golden-thread .node--broken text { fill: #212b32; }
.golden-thread .node--broken .caption { fill: #4c6272; }
.golden-thread .placeholder text { fill: #d5281b; font-weight: bold; }
.golden-thread .tag rect { fill: #ffb81c; stroke: none; }
.golden-thread .tag text { fill: #212b32; font-size: ${SMALL}px; font-weight: bold; }
.golden-thread .edge { fill: none; stroke-linejoin: round; }
.golden-thread .edge--thread { stroke: #005eb8; stroke-width: 1.5; }
.golden-thread .edge--underpins { stroke: #4c6272; stroke-width: 5; }
.golden-thread .edge--underpins-core { fill: none; stroke: #ffffff; stroke-width: 2; }
.golden-thread .edge--broken { stroke: #d5281b; stroke-width: 1.5; stroke-dasharray: 6 4; }
.golden-thread a:focus { outline: none; }
.golden-thread a:focus .box, .golden-thread a:hover .box { stroke: #212b32; stroke-width: 3; }
.golden-thread a:focus .box { stroke: #ffb81c; stroke-width: 4; }
`;

/** Orthogonal route with its corners rounded, so crossing lines stay easy to follow. */
function edgePath(points: ElkPoint[]): string {
  const first = points[0];
  if (!first) return '';
  let d = `M${num(first.x)} ${num(first.y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as ElkPoint;
    const prev = points[i - 1] as ElkPoint;
    const next = points[i + 1];
    if (!next) {
      d += ` L${num(p.x)} ${num(p.y)}`;
      break;
    }
    const r = Math.min(6, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const towards = (from: ElkPoint, to: ElkPoint, by: number): ElkPoint => {
      const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      return { x: from.x + ((to.x - from.x) / length) * by, y: from.y + ((to.y - from.y) / length) * by };
    };
    const before = towards(p, prev, r);
    const after = towards(p, next, r);
    d += ` L${num(before.x)} ${num(before.y)} Q${num(p.x)} ${num(p.y)} ${num(after.x)} ${num(after.y)}`;
  }
  return d;
}

function drawEdge({ edge, points }: Routed, dx: number, dy: number): string {
  const d = edgePath(points.map((p) => ({ x: p.x + dx, y: p.y + dy })));
  // A hollow "rail" for an enabler underpinning everything: distinct from a thread and from a dashed break.
  if (edge.style === 'underpins') return `<path class="edge edge--underpins" d="${d}"/><path class="edge edge--underpins-core" d="${d}"/>`;
  return `<path class="edge edge--${edge.style}" d="${d}"/>`;
}

function drawTag(label: string, x: number, y: number): string {
  const text = `✖ ${label}`;
  const width = textWidth(text, SMALL, true) + 12;
  return `<g class="tag"><rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${TAG_HEIGHT}" rx="${TAG_HEIGHT / 2}"/>`
    + `<text x="${num(x + 6)}" y="${num(y + 14)}">${xml(text)}</text></g>`;
}

function drawNode({ node, x, y }: Placed, href: string | undefined): string {
  const classes = node.item ? `node node--${node.kind}${node.broken ? ' node--broken' : ''}` : 'placeholder';
  const dataId = node.item ? ` data-id="${xml(node.item.id)}"` : '';
  const parts: string[] = [];
  parts.push(`<rect class="box" x="${num(x)}" y="${num(y)}" width="${num(node.width)}" height="${num(node.height)}" rx="${RADIUS}"/>`);
  const textX = x + PAD_X;
  let baseline = y + PAD_Y;
  if (node.caption) {
    baseline += SMALL_LINE - 4;
    parts.push(`<text class="caption" x="${num(textX)}" y="${num(baseline)}">${xml(node.caption)}</text>`);
    baseline += 6;
  }
  const spans = node.lines.map((line, i) => {
    const y = baseline + BODY_LINE * (i + 1) - 5;
    if (i === 0 && node.lead) {
      const rest = line.slice(node.lead.length);
      return `<tspan x="${num(textX)}" y="${num(y)}"><tspan class="lead">${xml(node.lead)}</tspan>${xml(rest).length ? ` ${xml(rest)}` : ''}</tspan>`;
    }
    return `<tspan x="${num(textX)}" y="${num(y)}">${xml(line)}</tspan>`;
  });
  parts.push(`<text class="label">${spans.join('')}</text>`);
  if (node.broken) {
    parts.push(drawTag(node.broken.missing.join(', '), textX, y + node.height - PAD_Y - TAG_HEIGHT));
  }
  const body = href !== undefined ? `<a href="${xml(href)}">${parts.join('')}</a>` : parts.join('');
  return `<g class="${classes}"${dataId}><title>${xml(node.tooltip)}</title>${body}</g>`;
}

function drawLegend(x: number, y: number): { svg: string; width: number } {
  const items: string[] = [];
  let cursor = x;
  const mid = y + LEGEND_HEIGHT / 2;
  const label = (text: string): string => {
    const svg = `<text x="${num(cursor)}" y="${num(mid + 5)}">${xml(text)}</text>`;
    cursor += textWidth(text, BODY) + 28;
    return svg;
  };
  items.push(`<path class="edge edge--thread" d="M${num(cursor)} ${num(mid)} H${num(cursor + 36)}"/>`);
  cursor += 44;
  items.push(label('Solid line: the golden thread (serves)'));
  items.push(`<path class="edge edge--underpins" d="M${num(cursor)} ${num(mid)} H${num(cursor + 36)}"/><path class="edge edge--underpins-core" d="M${num(cursor)} ${num(mid)} H${num(cursor + 36)}"/>`);
  cursor += 44;
  items.push(label('Hollow line: an enabler underpins every priority'));
  items.push(`<g class="placeholder"><rect class="box" x="${num(cursor)}" y="${num(mid - 11)}" width="36" height="22" rx="${RADIUS}"/></g>`);
  cursor += 44;
  const tagX = cursor;
  const tagText = 'no owner';
  items.push(drawTag(tagText, tagX, mid - TAG_HEIGHT / 2));
  cursor += textWidth(`✖ ${tagText}`, SMALL, true) + 20;
  items.push(label('Dashed red and ✖: a broken thread, and what is missing'));
  return { svg: `<g class="legend">${items.join('')}</g>`, width: cursor - x };
}

function drawHeaders(placed: Placed[], top: number): { svg: string; height: number } {
  const spans: string[] = [];
  let lines = 1;
  COLUMNS.forEach((column, index) => {
    const xs = placed.filter((p) => p.node.column === index).map((p) => p.x);
    if (!xs.length) return;
    const wrapped = wrapText(column.header, column.width + 40, BODY, 2, true);
    lines = Math.max(lines, wrapped.length);
    const x = Math.min(...xs);
    wrapped.forEach((line, i) => spans.push(`<text class="header" x="${num(x)}" y="${num(top + BODY_LINE * (i + 1) - 4)}">${xml(line)}</text>`));
  });
  return { svg: `<g class="headers">${spans.join('')}</g>`, height: lines * BODY_LINE + HEADER_GAP };
}

function describe(plan: Plan, stats: DiagramStats): string {
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  let text = `${count(stats.priorities, 'system priority', 'system priorities')}, `
    + `${count(stats.portfolios, 'portfolio or enabling workstream', 'portfolios and enabling workstreams')}, `
    + `${count(stats.objectives, 'objective', 'objectives')}; ${count(stats.broken.length, 'broken thread', 'broken threads')}.`;
  if (!plan.aim) text += ' The plan has no collective aim.';
  if (stats.broken.length) {
    text += ` Broken: ${stats.broken.map((b) => `${b.kind} ${b.id} (${b.missing.join(', ')})`).join('; ')}.`;
  }
  return text;
}

/**
 * The golden thread of the plan as a standalone SVG: aim, priorities, portfolios and objectives in four
 * columns from left to right, each node a link to its page. The same plan always gives the same bytes.
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

  const prefix = `golden-thread-${clean(plan.manifest.plan.id)}`;
  const title = options.title ?? `The golden thread of ${plan.manifest.plan.title}`;
  const stats = diagramStats(plan);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="golden-thread" role="img" aria-labelledby="${xml(prefix)}-title ${xml(prefix)}-desc"`
      + ` viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="'Frutiger W01', Arial, sans-serif">`,
  );
  out.push(`<title id="${xml(prefix)}-title">${xml(title)}</title>`);
  out.push(`<desc id="${xml(prefix)}-desc">${xml(describe(plan, stats))}</desc>`);
  out.push(`<style>${STYLE}</style>`);
  out.push(`<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(legend.svg);
  out.push(headers.svg);
  out.push(`<g class="edges">${layout.routed.map((r) => drawEdge(r, dx, dy)).join('')}</g>`);
  out.push(`<g class="nodes">${layout.placed
    .map((p) => drawNode({ ...p, x: p.x + dx, y: p.y + dy }, p.node.item ? options.href(p.node.item) : undefined))
    .join('')}</g>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
