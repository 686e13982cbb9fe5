// Where everything in the diagram goes: the aim across the top, the priorities as columns beneath it
// (or listed, in a plan with many), then one row per portfolio with a mark in each priority's column
// it serves and its objectives beside it, titles wrapped whole. One pass down the rows: linear in the
// size of the plan, and the same plan always gives the same numbers.

import type { LinkedItem } from '../../link/plan-graph.js';
import { clean, textWidth, wrapText } from './text.js';
import { numberRanges } from '../../english.js';
import type { BrokenThread, ThreadModel, ThreadRow } from './nodes.js';

export const BODY = 14;
export const BODY_LINE = 18;
export const SMALL = 12;
export const SMALL_LINE = 16;
export const PAD_X = 10;
export const PAD_Y = 8;
export const TAG_HEIGHT = 20;
export const RADIUS = 4;
const GAP = 16;
const NODE_GAP = 8;
const ROW_PAD = 10;
export const MARGIN = 16;
/** The picture's width; it is drawn to scale down, so this is its shape more than its size. */
export const WIDTH = 1200;
const NAME_WIDTH = 250;
const MATRIX_WIDTH = 440;
const SERVES_WIDTH = 200;
export const MARK_RADIUS = 8;
export const LEGEND_HEIGHT = 28;

export interface NodeBox {
  kind: 'aim' | 'priority' | 'portfolio' | 'enabler' | 'objective' | 'missing' | 'summary';
  item: LinkedItem | undefined;
  x: number;
  y: number;
  width: number;
  height: number;
  caption: string | undefined;
  lines: string[];
  /** Drawn in bold before the first line: an objective's or priority's number. */
  lead: string | undefined;
  /** The node's full text, shown on hover and read as the name of its link. */
  tooltip: string;
  broken: BrokenThread | undefined;
}

/** A text label that is not a node: a column heading, or the words of what a row serves. */
export interface Label {
  x: number;
  y: number;
  lines: string[];
  className: string;
}

export interface Layout {
  width: number;
  height: number;
  nodes: NodeBox[];
  labels: Label[];
  /** A dot where a row serves the priority of that column. */
  marks: { x: number; y: number; tooltip: string }[];
  /** "Underpins every priority", across every priority's column. */
  bands: { x: number; y: number; width: number; height: number; lines: string[] }[];
  /** Each priority's thread, down its column. */
  threads: { x: number; top: number; bottom: number }[];
  /** The lines from the aim to the priorities. */
  bus: { from: { x: number; y: number }; y: number; to: number[] } | undefined;
  rows: { y: number; height: number; broken: boolean }[];
}

export interface Words {
  /** What the name column is headed: "Portfolios and enabling workstreams". */
  units: string;
  portfolio: string;
  enabler: string;
  /** "Enabling workstreams that underpin every priority". */
  underpinning: string;
}

interface BoxFields {
  kind: NodeBox['kind'];
  item: LinkedItem | undefined;
  caption?: string | undefined;
  text: string;
  lead?: string | undefined;
  tooltip: string;
  broken?: BrokenThread | undefined;
}

/** A box of a given width, tall enough for its caption, its whole text wrapped, and its ✖ tag. */
function box(fields: BoxFields, x: number, y: number, width: number): NodeBox {
  const text = clean(fields.lead ? `${fields.lead} ${fields.text}` : fields.text);
  const lines = wrapText(text, width - 2 * PAD_X, BODY, Infinity, fields.kind === 'missing');
  const height = 2 * PAD_Y + (fields.caption ? SMALL_LINE + 2 : 0) + lines.length * BODY_LINE + (fields.broken ? 6 + TAG_HEIGHT : 0);
  const lead = fields.lead && lines[0]?.startsWith(`${fields.lead} `) ? fields.lead : undefined;
  return { kind: fields.kind, item: fields.item, x, y, width, height, caption: fields.caption, lines, lead, tooltip: fields.tooltip, broken: fields.broken };
}

function tooltipOf(name: string, broken: BrokenThread | undefined): string {
  return broken ? `${name}. Broken thread: ${broken.why.join('; ')}.` : name;
}

export function layOut(model: ThreadModel, aim: { item: LinkedItem; statement: string } | undefined, words: Words): Layout {
  const nodes: NodeBox[] = [];
  const labels: Label[] = [];
  const marks: Layout['marks'] = [];
  const bands: Layout['bands'] = [];
  const rows: Layout['rows'] = [];
  const inner = WIDTH - 2 * MARGIN;
  let y = MARGIN + LEGEND_HEIGHT + 8;

  const aimBox = aim
    ? box({ kind: 'aim', item: aim.item, caption: 'Collective aim', text: aim.statement, tooltip: `Collective aim: ${clean(aim.statement)}` }, MARGIN, y, inner)
    : box({ kind: 'missing', item: undefined, text: '✖ No collective aim', tooltip: 'The plan has no collective aim: add collective_aim to plan.yaml.' }, MARGIN, y, inner);
  nodes.push(aimBox);
  y += aimBox.height;

  const priorityCount = model.priorities.length;
  const matrixX = MARGIN + NAME_WIDTH + GAP;
  const columnWidth = model.columns ? Math.min(120, Math.floor(MATRIX_WIDTH / priorityCount)) : 0;
  const middleWidth = model.columns ? columnWidth * priorityCount : SERVES_WIDTH;
  const objectivesX = matrixX + middleWidth + GAP;
  const objectivesWidth = WIDTH - MARGIN - objectivesX;
  const priorityName = (column: ThreadModel['priorities'][number]): string =>
    column.priority.item.number !== undefined ? `Priority ${column.priority.item.number}: ${clean(column.priority.item.title)}` : `Priority: ${clean(column.priority.item.title)}`;

  let bus: Layout['bus'];
  const threads: Layout['threads'] = [];
  const headerTop = y + 24;
  if (model.columns) {
    // Each priority heads its own column, beneath a line from the aim.
    const heads = model.priorities.map((column, i) => {
      const number = column.priority.item.number;
      return box({
        kind: 'priority', item: column.priority, caption: number !== undefined ? `Priority ${number}` : 'Priority', text: column.priority.item.title,
        tooltip: tooltipOf(priorityName(column), column.broken), broken: column.broken,
      }, matrixX + i * columnWidth + 3, headerTop, columnWidth - 6);
    });
    const headHeight = Math.max(...heads.map((h) => h.height));
    for (const head of heads) head.height = headHeight;
    nodes.push(...heads);
    bus = { from: { x: aimBox.x + aimBox.width / 2, y: aimBox.y + aimBox.height }, y: y + 12, to: heads.filter((_, i) => model.priorities[i]?.priority.aim).map((h) => h.x + h.width / 2) };
    y = headerTop + headHeight;
  } else {
    // Too many priorities for columns: each is listed beneath the aim, wrapped across the width.
    labels.push({ x: MARGIN, y: y + 12, lines: ['System priorities'], className: 'header' });
    let x = MARGIN;
    let lineTop = y + 12 + BODY_LINE;
    let lineHeight = 0;
    for (const column of model.priorities) {
      const number = column.priority.item.number;
      const text = clean(column.priority.item.title);
      const width = Math.min(inner, Math.ceil(textWidth(`${number ?? ''} ${text}`, BODY, true) + 2 * PAD_X + 2));
      if (x > MARGIN && x + width > MARGIN + inner) {
        x = MARGIN;
        lineTop += lineHeight + NODE_GAP;
        lineHeight = 0;
      }
      const chip = box({
        kind: 'priority', item: column.priority, text, lead: number !== undefined ? String(number) : undefined,
        tooltip: tooltipOf(priorityName(column), column.broken), broken: column.broken,
      }, x, lineTop, width);
      nodes.push(chip);
      x += width + NODE_GAP;
      lineHeight = Math.max(lineHeight, chip.height);
    }
    y = lineTop + lineHeight;
  }

  // Column headings, level with the foot of the priorities.
  y += 8;
  labels.push({ x: MARGIN, y, lines: wrapText(words.units, NAME_WIDTH, BODY, Infinity, true), className: 'header' });
  if (!model.columns) labels.push({ x: matrixX, y, lines: ['Serves priorities'], className: 'header' });
  labels.push({ x: objectivesX, y, lines: ['Objectives'], className: 'header' });
  y += 2 * BODY_LINE;
  const rowsTop = y;

  for (const row of model.rows) {
    const top = y;
    const inside = top + ROW_PAD;
    const name = nameBoxes(row, words, MARGIN, inside);
    nodes.push(...name.boxes);
    labels.push(...name.labels);
    let height = name.height;

    // What the row serves: a mark in each priority's column, a band across them all, or words.
    if (row.serves === 'all') {
      const width = model.columns ? middleWidth - 12 : SERVES_WIDTH;
      const lines = wrapText('Underpins every priority', width - 2 * PAD_X, SMALL, Infinity, true);
      const band = { x: matrixX + (model.columns ? 6 : 0), y: inside + 4, width, height: lines.length * SMALL_LINE + 8, lines };
      bands.push(band);
      height = Math.max(height, band.height + 8);
    } else if (model.columns) {
      model.priorities.forEach((column, i) => {
        if (!(row.serves as ReadonlySet<string>).has(column.priority.id)) return;
        marks.push({ x: matrixX + i * columnWidth + columnWidth / 2, y: inside + 18, tooltip: `${clean(row.portfolios[0]?.item.name ?? '')} serves ${priorityName(column).replace(/^P/, 'p')}` });
      });
      height = Math.max(height, 36);
    } else if (row.kind !== 'unowned') {
      const served = model.priorities.filter((c) => (row.serves as ReadonlySet<string>).has(c.priority.id)).map((c) => c.priority);
      const numbered = served.filter((p) => p.item.number !== undefined).map((p) => p.item.number!);
      const named = served.filter((p) => p.item.number === undefined).map((p) => clean(p.item.title));
      const text = [numbered.length ? numberRanges(numbered) : '', ...named].filter(Boolean).join('; ') || 'None';
      const lines = wrapText(text, SERVES_WIDTH, BODY, Infinity);
      labels.push({ x: matrixX, y: inside, lines, className: 'serves' });
      height = Math.max(height, lines.length * BODY_LINE + 4);
    }

    // The objectives it owns, each whole, or in a big plan how many.
    let objectivesY = inside;
    if (model.summarised) {
      if (row.objectives.length > 0) {
        const broken = row.objectives.filter((o) => o.broken).length;
        const text = `${row.objectives.length} ${row.objectives.length === 1 ? 'objective' : 'objectives'}${broken ? `, ${broken} with a broken thread` : ''}`;
        const unowned = row.kind === 'unowned';
        const summary = box({ kind: unowned ? 'missing' : 'summary', item: undefined, text: unowned ? `✖ ${text}` : text, tooltip: unowned ? `${text}: no portfolio owns them.` : `${text}. Each is listed on its page.` }, objectivesX, objectivesY, objectivesWidth);
        nodes.push(summary);
        objectivesY += summary.height + NODE_GAP;
      }
    } else {
      for (const { objective, broken } of row.objectives) {
        const lead = objective.item.number !== undefined ? String(objective.item.number) : undefined;
        const owner = objective.owner ? ` (objective of ${clean(objective.owner.item.name)})` : ' (objective)';
        const node = box({ kind: 'objective', item: objective, text: objective.item.title, lead, tooltip: tooltipOf(`${lead ? `${lead} ` : ''}${clean(objective.item.title)}${owner}`, broken), broken }, objectivesX, objectivesY, objectivesWidth);
        nodes.push(node);
        objectivesY += node.height + NODE_GAP;
      }
    }
    height = Math.max(height, objectivesY - NODE_GAP - inside);
    rows.push({ y: top, height: height + 2 * ROW_PAD, broken: row.kind === 'unowned' || row.broken !== undefined });
    y = top + height + 2 * ROW_PAD;
  }

  if (model.columns) {
    model.priorities.forEach((column, i) => {
      if (!column.broken) threads.push({ x: matrixX + i * columnWidth + columnWidth / 2, top: rowsTop - 2 * BODY_LINE - 8, bottom: y });
    });
  }
  return { width: WIDTH, height: Math.ceil(y + MARGIN), nodes, labels, marks, bands, threads, bus, rows };
}

/** The name of a row: its portfolio, the underpinning enablers (one box each), or "No owner". */
function nameBoxes(row: ThreadRow, words: Words, x: number, y: number): { boxes: NodeBox[]; labels: Label[]; height: number } {
  if (row.kind === 'unowned') {
    const placeholder = box({ kind: 'missing', item: undefined, text: '✖ No owner', tooltip: `${row.objectives.length} ${row.objectives.length === 1 ? 'objective has' : 'objectives have'} no owning ${words.portfolio} or ${words.enabler}.` }, x, y, NAME_WIDTH);
    return { boxes: [placeholder], labels: [], height: placeholder.height };
  }
  if (row.kind === 'underpinning') {
    const boxes: NodeBox[] = [];
    const heading = wrapText(words.underpinning, NAME_WIDTH, SMALL, Infinity, true);
    let at = y + SMALL_LINE * heading.length + 4;
    for (const portfolio of row.portfolios) {
      const node = box({ kind: 'enabler', item: portfolio, text: portfolio.item.name, tooltip: `${words.underpinning}: ${clean(portfolio.item.name)}` }, x, at, NAME_WIDTH);
      boxes.push(node);
      at += node.height + NODE_GAP;
    }
    return { boxes, labels: [{ x, y, lines: heading, className: 'caption' }], height: at - NODE_GAP - y };
  }
  const portfolio = row.portfolios[0]!;
  const caption = row.kind === 'enabler' ? words.enabler.charAt(0).toUpperCase() + words.enabler.slice(1) : words.portfolio.charAt(0).toUpperCase() + words.portfolio.slice(1);
  const node = box({ kind: row.kind, item: portfolio, caption, text: portfolio.item.name, tooltip: tooltipOf(`${caption}: ${clean(portfolio.item.name)}`, row.broken), broken: row.broken }, x, y, NAME_WIDTH);
  return { boxes: [node], labels: [], height: node.height };
}
