// Where every box goes: heights chosen here so each part of the thread is centred on what it serves,
// then ELK sets the columns apart and routes the lines between them.

import elkjs, { type ElkExtendedEdge, type ElkNode, type ElkPoint } from 'elkjs/lib/elk.bundled.js';
import { BODY_LINE, FRAME_PAD, GROUP_GAP, NODE_GAP, PAD_Y, type Column, type DiagramEdge, type DiagramNode } from './nodes.js';

// elkjs is CommonJS typed as an ES module: its constructor is both the module itself and its `default`,
// and only `default` has the right type under NodeNext (and works from Node, esbuild and vitest alike).
const ELK = elkjs.default;

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
  let highest = Infinity;
  for (const top of tops.values()) highest = Math.min(highest, top);
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

export interface Placed {
  node: DiagramNode;
  x: number;
  y: number;
}

export interface Routed {
  edge: DiagramEdge;
  points: ElkPoint[];
}

export interface Layout {
  placed: Placed[];
  routed: Routed[];
  width: number;
  height: number;
}

export async function layOut(nodes: DiagramNode[], edges: DiagramEdge[]): Promise<Layout> {
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

