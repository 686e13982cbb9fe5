// The golden-thread diagram (golden-thread.svg): one linked node per item, the priorities as columns
// with a mark where each portfolio serves one, objectives whole beside their owner, broken threads
// dashed and named in words, plan text escaped, the same bytes every time, and realistic and big plans
// laid out without two boxes overlapping or a title cut short.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinkedItem, Plan } from '../../src/link/plan-graph.js';
import { compileTexts } from '../../src/compile-texts.js';
import { compilePlan } from '../../src/pipeline.js';
import { WIDTH } from '../../src/render/diagram/layout.js';
import { MAX_OBJECTIVE_NODES, MAX_PRIORITY_COLUMNS } from '../../src/render/diagram/nodes.js';
import { diagramStats, threadDiagram } from '../../src/render/diagram/svg.js';
import { textWidth, wrapText } from '../../src/render/diagram/text.js';
import { Thread } from '../../src/link/thread.js';
import { builtInChecks } from '../../src/catalogue.js';
import { MANIFEST, yaml } from '../helpers/plan-fixture.js';

const builtIn = new Set<string>(builtInChecks.map((c) => c.id));

/** A plan from plan.yaml and files of items; fails when the fixture itself has load, schema or link errors. */
function planWith(manifest: string, ...items: string[]): Plan {
  const { plan, diagnostics } = compileTexts([
    { file: 'plan.yaml', text: manifest },
    ...items.map((text, i) => ({ file: `items-${i + 1}.yaml`, text })),
  ]);
  expect(diagnostics.filter((d) => builtIn.has(d.rule)).map((d) => d.message), 'the fixture itself is broken').toEqual([]);
  if (!plan) throw new Error('the fixture did not link');
  return plan;
}

const planOf = (...items: string[]): Plan => planWith(MANIFEST, ...items);

const pageOf = (item: LinkedItem): string => `${item.kind}/${item.id}.html`;
const draw = (plan: Plan, href: (item: LinkedItem) => string | undefined = pageOf): string => threadDiagram(new Thread(plan), { href });

/** A whole golden thread: aim, two priorities, a portfolio, an enabler that underpins everything, three objectives. */
const WHOLE = yaml`
  priorities:
    - { id: prevention, number: 1, title: Prevent ill health, aim: healthier-lives }
    - { id: access, number: 2, title: Improve access to care, aim: healthier-lives }
  portfolios:
    - { id: urgent-care, name: Urgent and emergency care, priorities: [prevention, access] }
    - { id: digital, name: Digital and data, kind: enabler }
  objectives:
    - { id: ae-4-hours, number: 1, title: Improve A&E waiting times, source: national, portfolio: urgent-care }
    - { id: ambulance, number: 2, title: Improve ambulance response times, source: national, portfolio: urgent-care }
    - { id: shared-record, title: One shared care record, source: local, portfolio: digital }
`;

interface DrawnNode {
  id: string;
  classes: string[];
  /** The markup of the node's group, up to the next node. */
  markup: string;
}

/** The element that starts at `start`, up to its own closing tag. */
function elementAt(svg: string, start: number): string {
  const name = /^<([\w:-]+)/.exec(svg.slice(start))?.[1] ?? '';
  const tags = new RegExp(`<(/?)${name}[\\s>/]`, 'g');
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(svg); match; match = tags.exec(svg)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return svg.slice(start, svg.indexOf('>', match.index) + 1);
  }
  throw new Error(`<${name}> at ${start} is never closed`);
}

/** The nodes of a diagram: every group with a data-id, in document order. */
function nodesOf(svg: string): DrawnNode[] {
  return [...svg.matchAll(/<g class="([^"]*)" data-id="([^"]*)">/g)].map((match) => ({
    id: match[2] ?? '',
    classes: (match[1] ?? '').split(' '),
    markup: elementAt(svg, match.index),
  }));
}

/** One group of the diagram by its class: the edges, the legend, the frame. */
function groupOf(svg: string, className: string): string {
  const start = svg.indexOf(`<g class="${className}">`);
  if (start === -1) throw new Error(`the diagram has no <g class="${className}">`);
  return elementAt(svg, start);
}

const decode = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The tooltip of a node: its first <title>, decoded. */
const titleOf = (markup: string): string => decode(/<title>([^<]*)<\/title>/.exec(markup)?.[1] ?? '');

function nodeOf(svg: string, id: string): DrawnNode {
  const node = nodesOf(svg).find((n) => n.id === id);
  if (!node) throw new Error(`the diagram has no node with data-id "${id}"`);
  return node;
}

/** The text a reader sees in some markup, one space between lines, tags removed and entities decoded. */
function textOf(markup: string): string {
  const lines = markup.replace(/<title>[\s\S]*?<\/title>/g, '').replace(/<(text|tspan x=)/g, ' <$1');
  return decode(lines.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
}

/**
 * Fails unless `text` is one well-formed XML element: tags nest and close, attributes are quoted and
 * unique, and every `&` starts a known entity. Enough to catch broken escaping without a parser dependency.
 */
function expectWellFormedXml(text: string): void {
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed XML at ${i}: ${why}: …${text.slice(Math.max(0, i - 60), i + 60)}…`);
  };
  const checkText = (chunk: string): void => {
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(chunk)) fail('a bare &');
    if (chunk.includes('<')) fail('a bare <');
  };
  while (i < text.length) {
    const open = text.indexOf('<', i);
    const chunk = open === -1 ? text.slice(i) : text.slice(i, open);
    checkText(chunk);
    if (stack.length === 0 && chunk.trim() !== '') fail('text outside the root element');
    if (open === -1) break;
    i = open;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end === -1) fail('an unclosed comment');
      i = end + 3;
      continue;
    }
    const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(text.slice(i));
    if (close) {
      if (stack.pop() !== close[1]) fail(`</${close[1]}> closes nothing open`);
      i += close[0].length;
      continue;
    }
    const name = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i));
    if (!name?.[1]) fail('a < that starts no tag');
    const tag = name![1]!;
    i += name![0].length;
    const seen = new Set<string>();
    for (;;) {
      const attribute = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(text.slice(i));
      if (!attribute) break;
      if (seen.has(attribute[1]!)) fail(`attribute ${attribute[1]} twice`);
      seen.add(attribute[1]!);
      checkText(attribute[3] ?? attribute[4] ?? '');
      i += attribute[0].length;
    }
    const end = /^\s*(\/?)>/.exec(text.slice(i));
    if (!end) fail(`<${tag}> is not closed properly`);
    i += end![0].length;
    if (stack.length === 0) roots++;
    if (end![1] !== '/') stack.push(tag);
  }
  expect(stack, 'elements left open').toEqual([]);
  expect(roots, 'root elements').toBe(1);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of a node: the first rect it draws. */
function boxOf(markup: string): Box {
  const m = /<rect class="box" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(markup);
  if (!m) throw new Error(`no box in ${markup.slice(0, 80)}`);
  return { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
}

/** Every node's box (items, placeholders and counts), as drawn. */
function boxesOf(svg: string): Box[] {
  return [...svg.matchAll(/<rect class="box" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
    x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]),
  }));
}

/** The marks of a diagram: where each is, and what its title says. */
function marksOf(svg: string): { x: number; y: number; title: string }[] {
  return [...svg.matchAll(/<g class="mark"><title>([^<]*)<\/title><circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({ title: decode(m[1]!), x: Number(m[2]), y: Number(m[3]) }));
}

/** The priorities a portfolio's row marks, by the priority whose column each mark is in. */
function markedPriorities(svg: string, portfolio: string, priorities: string[]): string[] {
  const row = boxOf(nodeOf(svg, portfolio).markup);
  const columns = priorities.map((id) => ({ id, box: boxOf(nodeOf(svg, id).markup) }));
  return marksOf(svg)
    .filter((m) => m.y > row.y && m.y < row.y + row.height)
    .map((m) => columns.find((c) => m.x > c.box.x && m.x < c.box.x + c.box.width)?.id ?? `a mark outside every column at ${m.x}`);
}

function expectReadableLayout(svg: string): void {
  expectWellFormedXml(svg);
  const [, width, height] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg) ?? [];
  expect(Number(width)).toBe(WIDTH);
  const boxes = boxesOf(svg);
  const overlaps: string[] = [];
  boxes.forEach((a, i) => {
    expect(a.x + a.width, 'a box outside the picture').toBeLessThanOrEqual(Number(width));
    expect(a.y + a.height, 'a box outside the picture').toBeLessThanOrEqual(Number(height));
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps.push(`${JSON.stringify(a)} and ${JSON.stringify(b)}`);
    }
  });
  expect(overlaps).toEqual([]);
  // Every title is drawn whole, and every line fits inside its box.
  expect(textOf(svg)).not.toContain('…');
  for (const node of nodesOf(svg)) {
    const box = boxOf(node.markup);
    for (const line of node.markup.matchAll(/<tspan x="[\d.]+" y="[\d.]+">((?:<tspan class="lead">[^<]*<\/tspan>)?[^<]*)<\/tspan>/g)) {
      const text = decode(line[1]!.replace(/<[^>]+>/g, ''));
      expect(textWidth(text, 14), `"${text}" is wider than its box`).toBeLessThanOrEqual(box.width - 20 + 0.5);
    }
  }
}

describe('the golden-thread diagram', () => {
  it('is one well-formed SVG element', () => {
    const svg = draw(planOf(WHOLE));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expectWellFormedXml(svg);
  });

  it('draws one node per aim, priority, portfolio and objective, each with its id and kind', () => {
    const nodes = nodesOf(draw(planOf(WHOLE)));
    expect(nodes.map((n) => `${n.classes.join(' ')} ${n.id}`).sort()).toEqual([
      'node node--aim healthier-lives',
      'node node--enabler digital',
      'node node--objective ae-4-hours',
      'node node--objective ambulance',
      'node node--objective shared-record',
      'node node--portfolio urgent-care',
      'node node--priority access',
      'node node--priority prevention',
    ]);
  });

  it('writes node text as real text, the objective with its number', () => {
    const svg = draw(planOf(WHOLE));
    expect(nodeOf(svg, 'ae-4-hours').markup).toContain('<tspan class="lead">1</tspan> Improve A&amp;E waiting times</tspan>');
    expect(textOf(nodeOf(svg, 'prevention').markup)).toBe('Priority 1 Prevent ill health');
    expect(textOf(nodeOf(svg, 'urgent-care').markup)).toBe('Portfolio Urgent and emergency care');
  });

  it('links each node to the page the href callback gives, and leaves a node unlinked when it gives none', () => {
    const asked: string[] = [];
    const svg = draw(planOf(WHOLE), (item) => {
      asked.push(item.id);
      return item.kind === 'objective' ? undefined : `${item.kind}s/${item.id}.html`;
    });
    expect(new Set(asked)).toEqual(new Set(['healthier-lives', 'prevention', 'access', 'urgent-care', 'digital', 'ae-4-hours', 'ambulance', 'shared-record']));
    expect(nodeOf(svg, 'prevention').markup).toMatch(/^<g class="node node--priority" data-id="prevention"><a href="prioritys\/prevention.html">/);
    expect(nodeOf(svg, 'digital').markup).toContain('<a href="portfolios/digital.html">');
    expect(nodeOf(svg, 'ae-4-hours').markup).not.toContain('<a ');
  });

  it('heads a column with each priority, beneath the aim, and marks the columns of the priorities each portfolio serves', () => {
    const svg = draw(planOf(WHOLE, yaml`
      portfolios:
        - { id: prevention-portfolio, name: Population health, priorities: [prevention] }
    `));
    const aim = boxOf(nodeOf(svg, 'healthier-lives').markup);
    const prevention = boxOf(nodeOf(svg, 'prevention').markup);
    const access = boxOf(nodeOf(svg, 'access').markup);
    expect(prevention.y).toBeGreaterThan(aim.y + aim.height);
    expect(prevention.x + prevention.width).toBeLessThanOrEqual(access.x);
    expect(markedPriorities(svg, 'urgent-care', ['prevention', 'access'])).toEqual(['prevention', 'access']);
    expect(markedPriorities(svg, 'prevention-portfolio', ['prevention', 'access'])).toEqual(['prevention']);
    expect(marksOf(svg).map((m) => m.title)).toContain('Population health serves priority 1: Prevent ill health');
  });

  it('puts each portfolio\'s objectives beside it, in its row, and the objectives right of the priorities', () => {
    const svg = draw(planOf(WHOLE));
    const portfolio = boxOf(nodeOf(svg, 'urgent-care').markup);
    const access = boxOf(nodeOf(svg, 'access').markup);
    const objective = boxOf(nodeOf(svg, 'ae-4-hours').markup);
    expect(objective.x).toBeGreaterThan(access.x + access.width);
    expect(Math.abs(objective.y - portfolio.y)).toBeLessThan(1);
    expect(boxOf(nodeOf(svg, 'ambulance').markup).y).toBeGreaterThan(objective.y + objective.height);
  });

  it('shows the enablers that underpin every priority as such, across every priority\'s column', () => {
    const plan = planOf(WHOLE, yaml`
      portfolios:
        - { id: estates, name: Estates, kind: enabler }
    `);
    const svg = draw(plan);
    // Digital owns an objective, so it has a row of its own; Estates owns none, so it joins the row of the rest.
    expect(groupOf(svg, 'bands').match(/<g class="band">/g)).toHaveLength(2);
    expect(textOf(groupOf(svg, 'bands'))).toBe('Underpins every priority Underpins every priority');
    expect(textOf(groupOf(svg, 'labels'))).toContain('Enabling workstreams that underpin every priority');
    expect(markedPriorities(svg, 'digital', ['prevention', 'access'])).toEqual([]);
    const band = /<g class="band"><rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(groupOf(svg, 'bands'))!;
    const first = boxOf(nodeOf(svg, 'prevention').markup);
    const last = boxOf(nodeOf(svg, 'access').markup);
    expect(Number(band[1])).toBeLessThanOrEqual(first.x + first.width / 2);
    expect(Number(band[1]) + Number(band[2])).toBeGreaterThanOrEqual(last.x + last.width / 2);
  });

  it('says in words which priorities a portfolio serves when there are too many for columns', () => {
    const count = MAX_PRIORITY_COLUMNS + 2;
    const priorities = Array.from({ length: count }, (_, i) => `  - { id: p${i + 1}, number: ${i + 1}, title: Priority number ${i + 1}, aim: healthier-lives }`).join('\n');
    const svg = draw(planOf(`priorities:\n${priorities}\nportfolios:\n  - { id: many, name: Many, priorities: [p1, p2, p3, p5] }\n`));
    expect(marksOf(svg)).toEqual([]);
    expect(textOf(groupOf(svg, 'labels'))).toContain('Serves priorities');
    expect(textOf(groupOf(svg, 'labels'))).toContain('1–3, 5');
    expect(nodesOf(svg).filter((n) => n.classes.includes('node--priority'))).toHaveLength(count);
    expectReadableLayout(svg);
  });

  it('is labelled by its title and described by its counts', () => {
    const svg = threadDiagram(new Thread(planOf(WHOLE)), { href: pageOf, title: 'How our plan hangs together' });
    expect(svg).toMatch(/^<svg [^>]*aria-labelledby="golden-thread-example-ics-2023-28-title" aria-describedby="golden-thread-example-ics-2023-28-desc"/);
    expect(svg).toContain('<title id="golden-thread-example-ics-2023-28-title">How our plan hangs together</title>');
    expect(svg).toContain(
      '<desc id="golden-thread-example-ics-2023-28-desc">2 system priorities, 1 portfolio, 1 enabling workstream, 3 objectives.</desc>',
    );
  });

  it('names its units in the plan\'s own words', () => {
    const svg = threadDiagram(new Thread(planOf(WHOLE)), { href: pageOf, words: { units: 'Boards and groups', portfolio: 'board', enabler: 'group', underpinning: 'Groups that underpin every priority' } });
    expect(textOf(nodeOf(svg, 'urgent-care').markup)).toBe('Board Urgent and emergency care');
    expect(textOf(groupOf(svg, 'labels'))).toContain('Boards and groups');
  });

  it('is a group of links when it has links, and an image when it has none', () => {
    const plan = planOf(WHOLE);
    expect(draw(plan)).toMatch(/^<svg [^>]*role="group"/);
    expect(draw(plan, () => undefined)).toMatch(/^<svg [^>]*role="img"/);
  });

  it('has a viewBox with the same width and height, and the NHS font', () => {
    const svg = draw(planOf(WHOLE));
    const size = /viewBox="0 0 (\d+) (\d+)" width="(\d+)" height="(\d+)"/.exec(svg);
    expect(size?.[1]).toBe(size?.[3]);
    expect(size?.[2]).toBe(size?.[4]);
    expect(svg).toContain(`font-family="'Frutiger W01', Arial, sans-serif"`);
  });

  it('gives the same bytes for the same plan, compiled twice', () => {
    expect(draw(planOf(WHOLE))).toBe(draw(planOf(WHOLE)));
  });

  it('rounds every coordinate to one decimal place', () => {
    const svg = draw(planWith(REALISTIC_MANIFEST, REALISTIC_ITEMS));
    const numbers = [...svg.matchAll(/ (?:x|y|cx|cy|width|height|d)="([^"]*)"/g)].flatMap((m) => (m[1] ?? '').match(/-?\d+(?:\.\d+)?/g) ?? []);
    expect(numbers.length).toBeGreaterThan(500);
    expect(numbers.filter((n) => /\.\d\d/.test(n))).toEqual([]);
  });
});

describe('broken threads', () => {
  it('draws an objective with no owner dashed, labelled "✖ no owner", in a row of its own under "No owner"', () => {
    const svg = draw(planOf(WHOLE, yaml`
      objectives:
        - { id: orphan, title: Nobody owns this, source: local, priorities: [prevention] }
    `));
    const orphan = nodeOf(svg, 'orphan');
    expect(orphan.classes).toEqual(['node', 'node--objective', 'node--broken']);
    expect(textOf(orphan.markup)).toContain('✖ no owner');
    expect(titleOf(orphan.markup)).toBe('Nobody owns this (objective). Broken thread: it has no owner.');
    const placeholder = groupOf(svg, 'placeholder');
    expect(titleOf(placeholder)).toBe('1 objective has no owning portfolio or enabling workstream.');
    expect(textOf(placeholder)).toBe('✖ No owner');
    expect(placeholder).not.toContain('data-id');
    expect(Math.abs(boxOf(placeholder).y - boxOf(orphan.markup).y)).toBeLessThan(1);
  });

  it('labels an objective whose owner does not exist, and one that serves no priority', () => {
    const svg = draw(planOf(WHOLE, yaml`
      objectives:
        - { id: misspelt, title: Owner misspelt, source: local, portfolio: urgent-kare }
    `));
    const node = nodeOf(svg, 'misspelt');
    expect(textOf(node.markup)).toContain('✖ no owner, no priority');
    expect(titleOf(node.markup)).toBe('Owner misspelt (objective). Broken thread: the owner that it names, `urgent-kare`, does not exist; so it serves no system priority.');
  });

  it('labels a portfolio that serves no priority "✖ no priority", marks no column, and labels the objectives it owns', () => {
    const svg = draw(planOf(WHOLE, yaml`
      portfolios:
        - { id: specialised, name: Specialised commissioning, priorities: [] }
      objectives:
        - { id: core20, title: Deliver Core20PLUS5, source: national, portfolio: specialised }
    `));
    const portfolio = nodeOf(svg, 'specialised');
    expect(portfolio.classes).toEqual(['node', 'node--portfolio', 'node--broken']);
    expect(textOf(portfolio.markup)).toBe('Portfolio Specialised commissioning ✖ no priority');
    expect(markedPriorities(svg, 'specialised', ['prevention', 'access'])).toEqual([]);
    expect(textOf(nodeOf(svg, 'core20').markup)).toContain('✖ no priority');
  });

  it('labels a priority with no aim "✖ no aim", and draws no thread down its column', () => {
    const svg = draw(planOf(yaml`
      priorities:
        - { id: prevention, number: 1, title: Prevent ill health, aim: healthier-lives }
        - { id: stray, number: 2, title: Serves something else, aim: other-aim }
    `));
    const stray = nodeOf(svg, 'stray');
    expect(stray.classes).toContain('node--broken');
    expect(textOf(stray.markup)).toContain('✖ no aim');
    expect(titleOf(stray.markup)).toBe("Priority 2: Serves something else. Broken thread: it names `other-aim` as its aim, which is not the plan's collective aim.");
    expect(nodeOf(svg, 'prevention').classes).not.toContain('node--broken');
    const box = boxOf(stray.markup);
    const verticals = [...groupOf(svg, 'lines').matchAll(/M([\d.]+) [\d.]+ V/g)].map((m) => Number(m[1]));
    expect(verticals.filter((x) => x > box.x && x < box.x + box.width)).toEqual([]);
  });

  it('shows a missing collective aim as a placeholder, and every priority as broken', () => {
    const manifest = MANIFEST.slice(0, MANIFEST.indexOf('collective_aim:'));
    const svg = draw(planWith(manifest, yaml`
      priorities:
        - { id: prevention, title: Prevent ill health }
    `));
    expectWellFormedXml(svg);
    expect(textOf(svg)).toContain('✖ No collective aim');
    expect(textOf(nodeOf(svg, 'prevention').markup)).toContain('✖ no aim');
    expect(svg).toContain('The plan has no collective aim.');
  });

  it('counts the broken threads in the description and names them', () => {
    const plan = planOf(WHOLE, yaml`
      objectives:
        - { id: orphan, title: Nobody owns this, source: local }
    `);
    expect(diagramStats(new Thread(plan)).broken).toEqual([
      { id: 'orphan', kind: 'objective', missing: ['no owner', 'no priority'], why: ['it has no owner', 'so it serves no system priority'] },
    ]);
    expect(draw(plan)).toContain('4 objectives; 1 broken thread. Broken: objective orphan (no owner, no priority).</desc>');
  });

  it('explains the marks, the bands, and the dashes and ✖ of a broken thread in a legend, each only when drawn', () => {
    const whole = textOf(groupOf(draw(planOf(WHOLE)), 'legend'));
    expect(whole).toContain('Serves the priority at the head of its column');
    expect(whole).toContain('Underpins every priority');
    expect(whole).not.toContain('broken');
    const svg = draw(planOf(WHOLE, yaml`
      objectives:
        - { id: orphan, title: Nobody owns this, source: local, priorities: [prevention] }
    `));
    expect(textOf(groupOf(svg, 'legend'))).toContain('Dashed red and ✖: a broken thread, and what is missing');
    // And the style keeps that promise: broken boxes are dashed.
    expect(svg).toMatch(/\.node--broken \.box[^{]*\{[^}]*stroke-dasharray: 6 4;/);
  });
});

describe('untrusted plan text', () => {
  const HOSTILE = yaml`
    priorities:
      - { id: prevention, title: "<script>alert(1)</script>", aim: healthier-lives }
    portfolios:
      - { id: urgent-care, name: "Tom & Jerry's \\"quoted\\" <b>bold</b>", priorities: [prevention] }
    objectives:
      - { id: ae, title: "Control \\u0001 characters, a lone \\uD800 surrogate, ]]> and 😀", source: national, portfolio: urgent-care }
  `;

  it('appears as text, never as markup', () => {
    const svg = draw(planOf(HOSTILE), (item) => `javascript:x" onclick="alert(1)&${item.id}`);
    expectWellFormedXml(svg);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('" onclick');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(textOf(nodeOf(svg, 'urgent-care').markup)).toContain(`Tom & Jerry's "quoted" <b>bold</b>`);
    // Characters XML cannot hold at all are dropped rather than breaking the document.
    expect(textOf(nodeOf(svg, 'ae').markup)).toContain('Control characters, a lone surrogate, ]]> and 😀');
    expect(nodeOf(svg, 'ae').markup).toContain('href="javascript:x&quot; onclick=&quot;alert(1)&amp;ae"');
  });
});

describe('laying out text', () => {
  it('wraps onto lines that fit and, given no limit of lines, keeps every word', () => {
    const title = 'Improve A&E waiting times so that no less than 76% of patients are seen within 4 hours by March 2024';
    const lines = wrapText(title, 200, 14, Infinity);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(title);
    for (const line of lines) expect(textWidth(line, 14)).toBeLessThanOrEqual(200);
  });

  it('ends a cut line with "…" only when given a limit of lines', () => {
    const title = 'Improve A&E waiting times so that no less than 76% of patients are seen within 4 hours by March 2024';
    const lines = wrapText(title, 200, 14, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\S.*[^\s.,]…$/);
  });

  it('keeps short text whole and breaks a word too long for a line', () => {
    expect(wrapText('Primary care', 200, 14, Infinity)).toEqual(['Primary care']);
    const broken = wrapText('x'.repeat(80), 100, 14, Infinity);
    expect(broken.length).toBeGreaterThan(1);
    expect(broken.join('')).toBe('x'.repeat(80));
  });

  // A 39 KB title once took two minutes to cut, one character at a time, and 10 MB never finished.
  it('cuts a title of megabytes, one word or many, looking only at what it shows', () => {
    const oneWord = 'x'.repeat(10_000_000);
    const lines = wrapText(oneWord, 200, 14, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    const words = 'Improve waiting times '.repeat(500_000);
    const cut = wrapText(words, 200, 14, 3);
    expect(cut).toHaveLength(3);
    expect(cut.join(' ').length).toBeLessThan(200);
  });
});

const REALISTIC_MANIFEST = yaml`
  plan:
    id: staffs-demo
    title: Staffordshire and Stoke-on-Trent Joint Forward Plan 2023/24
    system: Staffordshire and Stoke-on-Trent ICS
    period: { start: 2023-04-01, end: 2024-03-31 }
  collective_aim:
    id: aim
    statement: Improve the health and wellbeing of the people of Staffordshire and Stoke-on-Trent, and narrow the gap in healthy life expectancy between our most and least deprived communities
`;

/** 4 priorities, 16 portfolios and enablers (3 underpinning everything), the 31 national objectives of 2023/24, two breaks. */
const REALISTIC_ITEMS = yaml`
  priorities:
    - { id: outcomes, number: 1, aim: aim, title: Improve outcomes in population health and healthcare }
    - { id: inequalities, number: 2, aim: aim, title: "Tackle inequalities in outcomes, experience and access" }
    - { id: value, number: 3, aim: aim, title: Enhance productivity and value for money }
    - { id: social, number: 4, aim: aim, title: Help the NHS support broader social and economic development }
  portfolios:
    - { id: uec, name: Urgent and emergency care, priorities: [outcomes, value] }
    - { id: planned, name: Planned care and cancer, priorities: [outcomes, value] }
    - { id: primary, name: Primary care, priorities: [outcomes, inequalities] }
    - { id: mh, name: "Mental health, learning disabilities and autism", priorities: [outcomes, inequalities] }
    - { id: maternity, name: Maternity and children and young people, priorities: [outcomes, inequalities] }
    - { id: community, name: Community services and end of life care, priorities: [outcomes, value] }
    - { id: prevention, name: Prevention and population health, priorities: [inequalities, social] }
    - { id: diagnostics, name: Diagnostics, priorities: [outcomes] }
    - { id: medicines, name: Medicines optimisation, priorities: [value] }
    - { id: specialised, name: Specialised commissioning, priorities: [] }
    - { id: people, name: Our people, kind: enabler, priorities: [value, social] }
    - { id: finance, name: Finance and use of resources, kind: enabler, priorities: [value] }
    - { id: quality, name: Quality and safety, kind: enabler, priorities: [outcomes] }
    - { id: digital, name: "Digital, data and technology", kind: enabler }
    - { id: estates, name: Estates and infrastructure, kind: enabler }
    - { id: engagement, name: Communications and engagement, kind: enabler }
  objectives:
    - { id: n01, number: 1, source: national, portfolio: uec, title: "Improve A&E waiting times so that no less than 76% of patients are seen within 4 hours by March 2024" }
    - { id: n02, number: 2, source: national, portfolio: uec, title: "Improve category 2 ambulance response times to an average of 30 minutes across 2023/24" }
    - { id: n03, number: 3, source: national, portfolio: uec, title: "Reduce adult general and acute (G&A) bed occupancy to 92% or below" }
    - { id: n04, number: 4, source: national, portfolio: community, title: "Consistently meet or exceed the 70% 2-hour urgent community response (UCR) standard" }
    - { id: n05, number: 5, source: national, portfolio: community, title: "Reduce unnecessary GP appointments and improve patient experience by streamlining direct access and setting up local pathways for direct referrals" }
    - { id: n06, number: 6, source: national, portfolio: primary, title: "Make it easier for people to contact a GP practice, including by supporting general practice to ensure that everyone who needs an appointment with their GP practice gets one within two weeks" }
    - { id: n07, number: 7, source: national, portfolio: primary, title: "Continue on the trajectory to deliver 50 million more appointments in general practice by the end of March 2024" }
    - { id: n08, number: 8, source: national, portfolio: primary, title: "Continue to recruit 26,000 Additional Roles Reimbursement Scheme (ARRS) roles by the end of March 2024" }
    - { id: n09, number: 9, source: national, portfolio: primary, title: "Recover dental activity, improving units of dental activity (UDAs) towards pre-pandemic levels" }
    - { id: n10, number: 10, source: national, portfolio: planned, title: "Eliminate waits of over 65 weeks for elective care by March 2024 (except where patients choose to wait longer or in specific specialties)" }
    - { id: n11, number: 11, source: national, portfolio: planned, title: "Deliver the system-specific activity target (agreed through the operational planning process)" }
    - { id: n12, number: 12, source: national, portfolio: planned, title: "Continue to reduce the number of patients waiting over 62 days" }
    - { id: n13, number: 13, source: national, portfolio: planned, title: "Meet the cancer faster diagnosis standard by March 2024 so that 75% of patients who have been urgently referred by their GP for suspected cancer are diagnosed or have cancer ruled out within 28 days" }
    - { id: n14, number: 14, source: national, portfolio: planned, title: "Increase the percentage of cancers diagnosed at stages 1 and 2 in line with the 75% early diagnosis ambition by 2028" }
    - { id: n15, number: 15, source: national, portfolio: diagnostics, title: "Increase the percentage of patients that receive a diagnostic test within six weeks in line with the March 2025 ambition of 95%" }
    - { id: n16, number: 16, source: national, portfolio: diagnostics, title: "Deliver diagnostic activity levels that support plans to address the elective and cancer backlogs and the diagnostic waiting time ambition" }
    - { id: n17, number: 17, source: national, portfolio: maternity, title: "Make progress towards the national safety ambition to reduce stillbirth, neonatal mortality, maternal mortality and serious intrapartum brain injury" }
    - { id: n18, number: 18, source: national, portfolio: maternity, title: "Increase fill rates against funded establishment for maternity staff" }
    - { id: n19, number: 19, source: national, portfolio: finance, title: "Deliver a balanced net system financial position for 2023/24" }
    - { id: n20, number: 20, source: national, portfolio: people, title: "Improve retention and staff attendance through a systematic focus on all elements of the NHS People Promise" }
    - { id: n21, number: 21, source: national, portfolio: mh, title: "Improve access to mental health support for children and young people in line with the national ambition for 345,000 additional individuals aged 0-25 accessing NHS funded services" }
    - { id: n22, number: 22, source: national, portfolio: mh, title: "Increase the number of adults and older adults accessing IAPT treatment" }
    - { id: n23, number: 23, source: national, portfolio: mh, title: "Achieve a 5% year on year increase in the number of adults and older adults supported by community mental health services" }
    - { id: n24, number: 24, source: national, portfolio: mh, title: "Work towards eliminating inappropriate adult acute out of area placements" }
    - { id: n25, number: 25, source: national, title: "Recover the dementia diagnosis rate to 66.7%" }
    - { id: n26, number: 26, source: national, portfolio: mh, title: "Improve access to perinatal mental health services" }
    - { id: n27, number: 27, source: national, portfolio: mh, title: "Ensure 75% of people aged over 14 on GP learning disability registers receive an annual health check and health action plan by March 2024" }
    - { id: n28, number: 28, source: national, portfolio: mh, title: "Reduce reliance on inpatient care, while improving the quality of inpatient care, so that by March 2024 no more than 30 adults with a learning disability and/or who are autistic per million adults are cared for in an inpatient unit" }
    - { id: n29, number: 29, source: national, portfolio: prevention, title: "Increase percentage of patients with hypertension treated to NICE guidance to 77% by March 2024" }
    - { id: n30, number: 30, source: national, portfolio: prevention, title: "Increase the percentage of patients aged between 25 and 84 years with a CVD risk score greater than 20 percent on lipid lowering therapies to 60%" }
    - { id: n31, number: 31, source: national, portfolio: specialised, title: "Continue to address health inequalities and deliver on the Core20PLUS5 approach" }
`;


describe('a realistic plan', () => {
  it('lays out 4 priorities, 16 portfolios and enablers and 31 objectives with no boxes overlapping and every title whole', () => {
    const plan = planWith(REALISTIC_MANIFEST, REALISTIC_ITEMS);
    const svg = draw(plan);
    expect(diagramStats(new Thread(plan))).toMatchObject({ priorities: 4, portfolios: 16, enablers: 6, objectives: 31 });
    expectReadableLayout(svg);
    expect(nodesOf(svg)).toHaveLength(1 + 4 + 16 + 31);
    // The longest title, on several lines, every word of it.
    expect(textOf(nodeOf(svg, 'n13').markup)).toContain('are diagnosed or have cancer ruled out within 28 days');
  });

  const embedded = join(import.meta.dirname, '..', '..', 'plans', 'staffordshire-stoke-2023-24');
  it('draws the embedded Staffordshire and Stoke-on-Trent plan readably', async () => {
    const { plan } = await compilePlan(embedded);
    if (!plan) throw new Error('the embedded plan did not compile');
    const svg = draw(plan);
    const stats = diagramStats(new Thread(plan));
    expectReadableLayout(svg);
    expect(nodesOf(svg)).toHaveLength((plan.aim ? 1 : 0) + stats.priorities + stats.portfolios + stats.objectives);
    expect(markedPriorities(svg, 'cyp-maternity', ['urgent-emergency-care', 'tackling-backlogs', 'general-practice', 'complex-individuals'])).toEqual(['urgent-emergency-care', 'general-practice', 'complex-individuals']);
  });
});

describe('a plan with more objectives than one diagram can show', () => {
  it('counts each row\'s objectives instead of drawing a box for each', () => {
    const count = MAX_OBJECTIVE_NODES + 20;
    const lines = ['objectives:'];
    for (let i = 1; i <= count; i++) {
      lines.push(`  - { id: obj-${i}, title: Objective ${i}, source: local, portfolio: ${i % 2 ? 'urgent-care' : 'digital'} }`);
    }
    lines.push('  - { id: orphan, title: Nobody owns this, source: local }');
    const plan = planOf(yaml`
      priorities:
        - { id: prevention, number: 1, title: Prevent ill health, aim: healthier-lives }
      portfolios:
        - { id: urgent-care, name: Urgent and emergency care, priorities: [prevention] }
        - { id: digital, name: Digital and data, kind: enabler }
    `, lines.join('\n') + '\n');
    const svg = draw(plan);
    expect(svg).not.toContain('data-id="obj-1"');
    expect(svg).toContain(`${Math.ceil(count / 2)} objectives`);
    expect(svg).toContain(`${Math.floor(count / 2)} objectives`);
    expect(svg).toContain('✖ 1 objective, 1 with a broken thread');
    // The description still counts every objective.
    expect(svg).toContain(`${count + 1} objectives`);
    expectReadableLayout(svg);
  });
});
