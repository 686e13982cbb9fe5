// `plan trace ID [DIR]`: the golden thread of one item, up to the collective aim and down to what serves it.

import { Chalk } from 'chalk';
import { summarise } from '../diagnostic.js';
import { compilePlan } from '../pipeline.js';
import { formatTrace, traceItem } from '../render/trace.js';
import { nearest } from '../suggest.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, findPlanDir, useColour, write } from './shared.js';

export async function runTrace(id: string, dir: string | undefined, options: { cache?: boolean; allowOutside?: boolean } = {}): Promise<number> {
  const planDir = findPlanDir(dir);
  const { plan, diagnostics } = await compilePlan(planDir, { cache: options.cache ?? true, allowOutside: options.allowOutside ?? false });
  if (!plan) throw new CannotRun('The plan cannot be read well enough to trace it.', 'Run `plan check` to see what is wrong.');
  const item = plan.byId.get(id);
  if (!item) {
    const suggestion = nearest(id, plan.byId.keys());
    throw new CannotRun(`There is no item with the id \`${id}\` in the plan.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`, 'Ids are listed by `plan export`.');
  }
  const c = new Chalk({ level: useColour(process.stdout) ? 1 : 0 });
  const trace = traceItem(plan, item);
  await write(process.stdout, formatTrace(trace, { colour: (kind, text) => (kind === 'broken' ? c.red(text) : kind === 'ok' ? c.green(text) : c.dim(text)) }));
  const { errors } = summarise(diagnostics);
  if (errors > 0) await write(process.stderr, `plan: the plan has ${errors} error(s); run \`plan check\` to see them.\n`);
  return trace.reachesAim || item.kind === 'organisation' || item.kind === 'duty' ? EXIT_OK : EXIT_PROBLEMS;
}
