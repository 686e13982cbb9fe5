// Drawing the laid-out diagram as SVG: the aim, the priorities' columns, one row per portfolio with
// its marks and objectives, the legend and the text alternative. The same layout always gives the
// same bytes; every string from the plan goes through `xml`.

import type { LinkedItem, Plan } from '../../link/plan-graph.js';
import type { Thread } from '../../link/thread.js';
import { BODY, BODY_LINE, LEGEND_HEIGHT, MARGIN, MARK_RADIUS, PAD_X, PAD_Y, RADIUS, SMALL, SMALL_LINE, TAG_HEIGHT, layOut, type Label, type Layout, type NodeBox, type Words } from './layout.js';
import { brokenAt, threadModel, type BrokenThread } from './nodes.js';
import { num, textWidth, xml } from './text.js';

export interface ThreadDiagramOptions {
  /** The address of an item's page; where it returns undefined the node is drawn without a link. */
  href: (item: LinkedItem) => string | undefined;
  /** The diagram's accessible title; by default "The golden thread of <plan title>". */
  title?: string;
  /** The plan's words for its units; by default portfolio and enabling workstream. */
  words?: Words;
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

const DEFAULT_WORDS: Words = {
  units: 'Portfolios and enabling workstreams',
  portfolio: 'portfolio',
  enabler: 'enabling workstream',
  underpinning: 'Enabling workstreams that underpin every priority',
};

// Colours from the NHS palette; every text colour has at least 4.5:1 contrast with the fill behind it.
const STYLE = `
.golden-thread a { text-decoration: none; }
.golden-thread text { fill: #212b32; font-size: ${BODY}px; }
.golden-thread .caption { font-size: ${SMALL}px; font-weight: bold; }
.golden-thread .header { font-weight: bold; }
.golden-thread .row { fill: #ffffff; }
.golden-thread .row--alternate { fill: #f0f4f5; }
.golden-thread .row-rule { stroke: #d8dde0; stroke-width: 1; }
.golden-thread .box { fill: #ffffff; stroke: #4c6272; stroke-width: 1; }
.golden-thread .node--aim .box { fill: #003087; stroke: #003087; }
.golden-thread .node--priority .box { fill: #005eb8; stroke: #005eb8; }
.golden-thread .node--aim text, .golden-thread .node--priority text { fill: #ffffff; }
.golden-thread .node--portfolio .box { stroke: #005eb8; stroke-width: 2; }
.golden-thread .node--portfolio .caption, .golden-thread .node--enabler .caption { fill: #4c6272; }
.golden-thread .node--enabler .box { fill: #ffffff; stroke: #4c6272; stroke-width: 2; }
.golden-thread .lead { fill: #005eb8; font-weight: bold; }
.golden-thread .node--priority .lead, .golden-thread .node--aim .lead { fill: #ffffff; }
.golden-thread .node--broken .box, .golden-thread .placeholder .box, .golden-thread .sample--broken { fill: #ffffff; stroke: #d5281b; stroke-width: 2; stroke-dasharray: 6 4; }
.golden-thread .node--broken text, .golden-thread .node--broken .lead { fill: #212b32; }
.golden-thread .node--broken .caption { fill: #4c6272; }
.golden-thread .placeholder text { fill: #d5281b; font-weight: bold; }
.golden-thread .tag rect { fill: #ffb81c; }
.golden-thread .tag text { fill: #212b32; font-size: ${SMALL}px; font-weight: bold; }
.golden-thread .thread { fill: none; stroke: #005eb8; stroke-width: 2; }
.golden-thread .mark circle { fill: #005eb8; }
.golden-thread .band rect { fill: #4c6272; }
.golden-thread .band text { fill: #ffffff; font-size: ${SMALL}px; font-weight: bold; }
.golden-thread a:hover .box { stroke: #212b32; stroke-width: 3; }
.golden-thread a:focus { outline: none; }
.golden-thread a:focus .box { stroke: #212b32; stroke-width: 4; stroke-dasharray: none; }
`;

function drawTag(label: string, x: number, y: number): string {
  const text = `✖ ${label}`;
  return `<g class="tag"><rect x="${num(x)}" y="${num(y)}" width="${num(textWidth(text, SMALL, true) + 12)}" height="${TAG_HEIGHT}" rx="${TAG_HEIGHT / 2}"/>`
    + `<text x="${num(x + 6)}" y="${num(y + 14)}">${xml(text)}</text></g>`;
}

function drawNode(node: NodeBox, hrefs: ReadonlyMap<LinkedItem, string>): string {
  const parts: string[] = [`<rect class="box" x="${num(node.x)}" y="${num(node.y)}" width="${num(node.width)}" height="${num(node.height)}" rx="${RADIUS}"/>`];
  const textX = node.x + PAD_X;
  let top = node.y + PAD_Y;
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
  if (node.broken) parts.push(drawTag(node.broken.missing.join(', '), textX, node.y + node.height - PAD_Y - TAG_HEIGHT));

  // The title is the node's full text; inside the link it is also the link's accessible name.
  const title = `<title>${xml(node.tooltip)}</title>`;
  if (!node.item) return `<g class="${node.kind === 'missing' ? 'placeholder' : 'summary'}">${title}${parts.join('')}</g>`;
  const classes = `node node--${node.kind}${node.broken ? ' node--broken' : ''}`;
  const link = hrefs.get(node.item);
  const body = link ? `<a href="${xml(link)}">${title}${parts.join('')}</a>` : `${title}${parts.join('')}`;
  return `<g class="${classes}" data-id="${xml(node.item.id)}">${body}</g>`;
}

function drawLabel(label: Label): string {
  const step = label.className === 'caption' ? SMALL_LINE : BODY_LINE;
  return `<text class="${label.className}">${label.lines.map((line, i) => `<tspan x="${num(label.x)}" y="${num(label.y + step * (i + 1) - 4)}">${xml(line)}</tspan>`).join('')}</text>`;
}

/** The legend, saying only what the picture uses: marks, bands, broken threads. */
function drawLegend(layout: Layout, broken: boolean): string {
  const items: string[] = [];
  let x = MARGIN;
  const mid = MARGIN + LEGEND_HEIGHT / 2;
  const label = (text: string): void => {
    items.push(`<text x="${num(x)}" y="${num(mid + 5)}">${xml(text)}</text>`);
    x += textWidth(text, BODY) + 28;
  };
  if (layout.marks.length) {
    items.push(`<g class="mark"><circle cx="${num(x + MARK_RADIUS)}" cy="${num(mid)}" r="${MARK_RADIUS}"/></g>`);
    x += 2 * MARK_RADIUS + 8;
    label('Serves the priority at the head of its column');
  }
  if (layout.bands.length) {
    items.push(`<g class="band"><rect x="${num(x)}" y="${num(mid - 9)}" width="36" height="18" rx="9"/></g>`);
    x += 44;
    label('Underpins every priority');
  }
  if (broken) {
    items.push(`<rect class="box sample--broken" x="${num(x)}" y="${num(mid - 11)}" width="36" height="22" rx="${RADIUS}"/>`);
    x += 44;
    items.push(drawTag('no owner', x, mid - TAG_HEIGHT / 2));
    x += textWidth('✖ no owner', SMALL, true) + 20;
    label('Dashed red and ✖: a broken thread, and what is missing');
  }
  return `<g class="legend">${items.join('')}</g>`;
}

function drawLines(layout: Layout): string {
  const paths: string[] = [];
  const bus = layout.bus;
  if (bus && bus.to.length) {
    const left = Math.min(...bus.to, bus.from.x);
    const right = Math.max(...bus.to, bus.from.x);
    paths.push(`M${num(bus.from.x)} ${num(bus.from.y)} V${num(bus.y)}`, `M${num(left)} ${num(bus.y)} H${num(right)}`);
    for (const x of bus.to) paths.push(`M${num(x)} ${num(bus.y)} V${num(bus.y + 12)}`);
  }
  for (const thread of layout.threads) paths.push(`M${num(thread.x)} ${num(thread.top)} V${num(thread.bottom)}`);
  return paths.length ? `<path class="thread" d="${paths.join(' ')}"/>` : '';
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
 * The golden thread of the plan as a standalone SVG, for download and print: the aim, the priorities
 * as columns, one row per portfolio marking the priorities it serves, with its objectives. Each node
 * links to its page. The same plan always gives the same bytes.
 */
export function threadDiagram(thread: Thread, options: ThreadDiagramOptions): string {
  const plan = thread.plan;
  const stats = diagramStats(thread);
  const layout = layOut(threadModel(thread), plan.aim ? { item: plan.aim, statement: plan.aim.item.statement } : undefined, options.words ?? DEFAULT_WORDS);

  // Ids carry the plan's id, so two diagrams on one page never share one.
  const id = xml(`golden-thread-${plan.manifest.plan.id}`);
  const title = options.title ?? `The golden thread of ${plan.manifest.plan.title}`;
  // An image's parts are hidden from assistive technology, links included (axe: nested-interactive), so
  // a diagram with links is a labelled group of links; one without any is an image.
  const hrefs = new Map<LinkedItem, string>();
  for (const node of layout.nodes) {
    const href = node.item ? options.href(node.item) : undefined;
    if (node.item && href) hrefs.set(node.item, href);
  }
  const { width, height } = layout;
  const rows = layout.rows.map((row, i) => `<rect class="row${i % 2 ? ' row--alternate' : ''}" x="0" y="${num(row.y)}" width="${width}" height="${num(row.height)}"/>`
    + `<path class="row-rule" d="M0 ${num(row.y)} H${width}"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="golden-thread" role="${hrefs.size > 0 ? 'group' : 'img'}" aria-labelledby="${id}-title" aria-describedby="${id}-desc"`
      + ` viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="'Frutiger W01', Arial, sans-serif">`,
    `<title id="${id}-title">${xml(title)}</title>`,
    `<desc id="${id}-desc">${xml(describe(plan, stats))}</desc>`,
    `<style>${STYLE}</style>`,
    `<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    drawLegend(layout, stats.broken.length > 0),
    `<g class="rows">${rows.join('')}</g>`,
    `<g class="lines">${drawLines(layout)}</g>`,
    `<g class="bands">${layout.bands.map((b) => `<g class="band"><rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="${num(Math.min(11, b.height / 2))}"/>`
      + `<text>${b.lines.map((line, i) => `<tspan x="${num(b.x + PAD_X)}" y="${num(b.y + 4 + SMALL_LINE * (i + 1) - 4)}">${xml(line)}</tspan>`).join('')}</text></g>`).join('')}</g>`,
    `<g class="marks">${layout.marks.map((m) => `<g class="mark"><title>${xml(m.tooltip)}</title><circle cx="${num(m.x)}" cy="${num(m.y)}" r="${MARK_RADIUS}"/></g>`).join('')}</g>`,
    `<g class="labels">${layout.labels.map(drawLabel).join('')}</g>`,
    `<g class="nodes">${layout.nodes.map((n) => drawNode(n, hrefs)).join('')}</g>`,
    '</svg>',
    '',
  ].join('\n');
}
