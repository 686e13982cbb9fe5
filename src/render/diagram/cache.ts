// The diagram drawn once for what it shows: `plan serve` rebuilds on every save, and laying the diagram
// out is the slowest part of a build, so the SVG is kept, keyed by a hash of everything it draws (its
// boxes, their words, the lines between them, its title and description, where each box links). An edit
// that changes none of that (a target's figure, an action's title) draws nothing again, whatever the
// layout is made with.

import { createHash } from 'node:crypto';
import type { Thread } from '../../link/thread.js';
import { describeNodes, type DiagramNode } from './nodes.js';
import { diagramStats, threadDiagram, type ThreadDiagramOptions } from './svg.js';

export class DiagramCache {
  private readonly drawn = new Map<string, string>();

  /** How many diagrams were drawn rather than found: for tests and the benchmark. */
  draws = 0;

  constructor(private readonly size = 4) {}

  async diagram(thread: Thread, options: ThreadDiagramOptions): Promise<string> {
    const key = drawingKey(thread, options);
    const found = this.drawn.get(key);
    if (found !== undefined) {
      // Most recently used last, so the oldest goes first.
      this.drawn.delete(key);
      this.drawn.set(key, found);
      return found;
    }
    const svg = await threadDiagram(thread, options);
    this.draws++;
    this.drawn.set(key, svg);
    if (this.drawn.size > this.size) this.drawn.delete(this.drawn.keys().next().value!);
    return svg;
  }
}

/** A hash of what the diagram of this thread draws: two threads with the same key give the same SVG. */
export function drawingKey(thread: Thread, options: ThreadDiagramOptions): string {
  const plan = thread.plan;
  const { nodes, edges } = describeNodes(thread);
  const hrefs: (string | undefined)[] = [];
  const drawn = (node: DiagramNode): unknown => {
    hrefs.push(node.item ? options.href(node.item) : undefined);
    return { ...node, item: node.item?.id, members: node.members.map((member) => ({ dy: member.dy, node: drawn(member.node) })) };
  };
  const shown = nodes.map(drawn);
  const stats = diagramStats(thread);
  return createHash('sha256')
    .update(JSON.stringify({ shown, edges, hrefs, stats, title: options.title, plan: [plan.manifest.plan.id, plan.manifest.plan.title], aim: plan.aim !== undefined }))
    .digest('hex');
}
