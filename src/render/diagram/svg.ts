// Drawing the laid-out diagram as SVG: boxes, lines, the legend, the column headers and the text
// alternative. The same layout always gives the same bytes.

import type { ElkPoint } from 'elkjs/lib/elk.bundled.js';
import type { LinkedItem, Plan } from '../../link/plan-graph.js';
import type { Thread } from '../../link/thread.js';
import { layOut, type Placed, type Routed } from './layout.js';
import { BODY, BODY_LINE, COLUMNS, FRAME_PAD, PAD_X, PAD_Y, RADIUS, SMALL, SMALL_LINE, TAG_HEIGHT, brokenAt, describeNodes, type BrokenThread, type DiagramNode } from './nodes.js';
import { num, textWidth, wrapText, xml } from './text.js';

export interface ThreadDiagramOptions {
  /** The address of an item's page; where it returns undefined the node is drawn without a link. */
  href: (item: LinkedItem) => string | undefined;
  /** The diagram's accessible title; by default "The golden thread of <plan title>". */
  title?: string;
}

export interface DiagramStats {
  priorities: number;
  /** Portfolios and enabling workstreams together. */
  portfolios: number;
  objectives: number;
  broken: BrokenThread[];
}

/** What the diagram shows, counted: the numbers its description gives. */
export function diagramStats(thread: Thread): DiagramStats {
  const plan = thread.plan;
  const broken: BrokenThread[] = [];
  for (const item of [...plan.priorities, ...plan.portfolios, ...plan.objectives]) {
    const at = brokenAt(thread, item);
    if (at) broken.push(at);
  }
  return { priorities: plan.priorities.length, portfolios: plan.portfolios.length, objectives: plan.objectives.length, broken };
}

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

/** The legend; the sample of a broken thread only when the diagram has one. */
function drawLegend(x: number, y: number, broken: boolean): { svg: string; width: number } {
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
  if (broken) {
    sample(`<rect class="box sample--broken" x="${num(cursor)}" y="${num(mid - 11)}" width="36" height="22" rx="${RADIUS}"/>`, 36);
    sample(drawTag('no owner', cursor, mid - TAG_HEIGHT / 2), textWidth('✖ no owner', SMALL, true) + 12);
    label('Dashed red and ✖: a broken thread, and what is missing');
  }
  return { svg: `<g class="legend">${items.join('')}</g>`, width: cursor - x };
}

function drawHeaders(placed: readonly Placed[], top: number): { svg: string; height: number } {
  const texts: string[] = [];
  let lines = 1;
  COLUMNS.forEach((column, index) => {
    let left = Infinity;
    for (const p of placed) if (p.node.column === index) left = Math.min(left, p.x);
    if (left === Infinity) return;
    const wrapped = wrapText(column.header, column.width + 40, BODY, 2, true);
    lines = Math.max(lines, wrapped.length);
    wrapped.forEach((line, i) => texts.push(`<text class="header" x="${num(left)}" y="${num(top + BODY_LINE * (i + 1) - 4)}">${xml(line)}</text>`));
  });
  return { svg: `<g class="headers">${texts.join('')}</g>`, height: lines * BODY_LINE + 8 };
}

function describe(plan: Plan, stats: DiagramStats): string {
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  let text = `${count(stats.priorities, 'system priority', 'system priorities')}, `
    + `${count(stats.portfolios, 'portfolio or enabling workstream', 'portfolios and enabling workstreams')}, `
    + `${count(stats.objectives, 'objective', 'objectives')}${stats.broken.length ? `; ${count(stats.broken.length, 'broken thread', 'broken threads')}` : ''}.`;
  if (!plan.aim) text += ' The plan has no collective aim.';
  if (stats.broken.length) text += ` Broken: ${stats.broken.map((b) => `${b.kind} ${b.id} (${b.missing.join(', ')})`).join('; ')}.`;
  return text;
}

/**
 * The golden thread of the plan as a standalone SVG: the aim, priorities, portfolios and objectives in
 * four columns from left to right, each node a link to its page. The same plan always gives the same bytes.
 */
export async function threadDiagram(thread: Thread, options: ThreadDiagramOptions): Promise<string> {
  const plan = thread.plan;
  const { nodes, edges } = describeNodes(thread);
  const layout = await layOut(nodes, edges);
  const stats = diagramStats(thread);
  const legend = drawLegend(MARGIN, MARGIN, stats.broken.length > 0);
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
    `<desc id="${id}-desc">${xml(describe(plan, stats))}</desc>`,
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
