// `plan trace ID [DIR]`: the golden thread of one item, up to the collective aim and down to what
// serves it, printed as an indented tree.

import { join } from 'node:path';
import { Chalk } from 'chalk';
import { formatLocation, summarise } from '../diagnostic.js';
import { nameOf, type LinkedItem } from '../link/plan-graph.js';
import { Thread } from '../link/thread.js';
import { findItem, traceItem, type Trace, type TraceNode } from '../link/trace.js';
import { locate } from '../model/locate.js';
import { dateInWords } from '../model/period.js';
import { compilePlan } from '../pipeline.js';
import { terminalPath, terminalText } from '../report/terminal-text.js';
import { closeMatches } from '../suggest.js';
import { useColour, write } from './output.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, displayPath, findPlanFolder } from './shared.js';

export async function runTrace(id: string, dir: string | undefined, options: { cache?: boolean; allowOutside?: boolean } = {}): Promise<number> {
  const planDir = findPlanFolder(dir, `plan trace ${id}`).dir;
  const { plan, diagnostics } = await compilePlan(planDir, { cache: options.cache ?? true, allowOutside: options.allowOutside ?? false });
  if (!plan) throw new CannotRun('The plan cannot be read well enough to trace it.', 'Run `plan check` to see what is wrong.');
  const item = findItem(plan, id);
  if (!item) {
    const matches = closeMatches(id, plan.byId.keys());
    throw new CannotRun(
      `There is no item with the id \`${terminalText(id)}\` in the plan.`,
      matches.length ? `Close matches: ${matches.map((m) => `\`${m}\``).join(', ')}.` : 'Give the id of an item, or the number of a national objective, such as `plan trace 1`.',
    );
  }
  const c = new Chalk({ level: useColour(process.stdout) ? 1 : 0 });
  const trace = traceItem(new Thread(plan), item);
  const paint: Paint = (kind, text) => (kind === 'broken' ? c.red(text) : kind === 'ok' ? c.green(text) : c.dim(text));
  await write(process.stdout, formatTrace(trace, paint, (at) => displayPath(join(planDir, at))));
  const { errors } = summarise(diagnostics);
  if (errors > 0) await write(process.stderr, `plan: the plan has ${errors} error(s); run \`plan check\` to see them.\n`);
  return trace.reachesAim === false ? EXIT_PROBLEMS : EXIT_OK;
}

type Paint = (kind: 'broken' | 'ok' | 'dim', text: string) => string;

/**
 * A trace as an indented tree of plain text, one item a line, with where the item is written. Plan
 * text is made safe for the terminal (terminal-text.ts) before any colour is added.
 */
export function formatTrace(trace: Trace, paint: Paint = (_kind, text) => text, shownPath: (file: string) => string = (file) => file): string {
  const lines: string[] = [];
  const root = trace.root;
  const at = locate(root.item.at);
  lines.push(`${terminalText(nameOf(root))}  ${paint('dim', formatLocation({ ...at, file: terminalPath(shownPath(at.file)) }))}`);
  const emit = (node: TraceNode, prefix: string, last: boolean): void => {
    const relation = terminalText(node.relation);
    const text = node.broken !== undefined
      ? `${relation} ${paint('broken', `✖ ${terminalText(node.broken)}`)}`
      : node.item
        ? `${relation} ${terminalText(itemText(node.item))}${node.item.kind === 'collective_aim' ? ` ${paint('ok', '✔')}` : ''}`
        : relation;
    lines.push(`${prefix}${last ? '└─ ' : '├─ '}${text}`);
    const childPrefix = prefix + (last ? '   ' : '│  ');
    node.children.forEach((child, i) => emit(child, childPrefix, i === node.children.length - 1));
  };
  const section = (title: string, nodes: TraceNode[]): void => {
    if (nodes.length === 0) return;
    lines.push(title);
    nodes.forEach((node, i) => emit(node, '', i === nodes.length - 1));
  };
  section('Up to the collective aim:', trace.up);
  section('Served by:', trace.down);
  section(trace.asAt !== undefined ? `Latest position, at ${dateInWords(trace.asAt)}:` : 'Latest position:', trace.position);
  section(trace.asAt !== undefined ? `Progress, at ${dateInWords(trace.asAt)}:` : 'Progress:', trace.progress);
  if (trace.reachesAim !== undefined && root.kind !== 'collective_aim') {
    lines.push(trace.reachesAim ? paint('ok', '✔ The golden thread reaches the collective aim.') : paint('broken', '✖ The golden thread does not reach the collective aim.'));
  }
  return lines.join('\n') + '\n';
}

function itemText(item: LinkedItem): string {
  return nameOf(item).replace(/^./, (c) => c.toLowerCase());
}
