// `plan review ID... [DIR]`, `--portfolio ID`, `--all`: records that links from actions and metrics to
// objectives were reviewed, by writing each objective's fingerprint into the `reviewed:` of the item
// that serves it, and changing nothing else in the files.

import { join } from 'node:path';
import { formatLocation } from '../diagnostic.js';
import { startOf } from '../load/located.js';
import { readSource } from '../load/plan-folder.js';
import { describeItem, type LinkedAction, type LinkedMetric, type LinkedObjective, type Plan } from '../link/plan-graph.js';
import { reviewedLinks, reviewFingerprint, reviewsWithoutLink, type ReviewedLink } from '../link/review.js';
import { locate } from '../model/locate.js';
import { recordReviews, ReviewEditError, type ReviewEdit } from '../emit/record-reviews.js';
import { writeFileWhole } from '../emit/write-file.js';
import { listInWords, plural } from '../english.js';
import { compilePlan } from '../pipeline.js';
import { terminalPath } from '../report/terminal-text.js';
import { closeMatches } from '../suggest.js';
import { write } from './output.js';
import { printErrors } from './report-context.js';
import { CannotRun, EXIT_OK, displayPath, findPlanFolder, isPlanPath } from './shared.js';

export interface ReviewOptions {
  all?: boolean;
  portfolio?: string;
  cache?: boolean;
  allowOutside?: boolean;
}

type Serving = LinkedAction | LinkedMetric;

/** Mistakes in how the plan is written that leave plan unsure where an item is, or what it holds. */
const BLOCKING = new Set(['read-error', 'yaml-syntax', 'yaml-structure', 'schema', 'duplicate-id']);

const USAGE = 'Say which links to review: the id of an action or metric (its links), of an objective (every link to it), --portfolio ID or --all.';
const EXAMPLES = 'For example: plan review no-01, plan review --portfolio uec, plan review --all';

export async function runReview(args: readonly string[], options: ReviewOptions): Promise<number> {
  // The last argument is the plan folder when it names one.
  const dir = args.length > 0 && isPlanPath(args.at(-1)!) ? args.at(-1) : undefined;
  const ids = dir === undefined ? args : args.slice(0, -1);
  const ways = [ids.length > 0, options.portfolio !== undefined, options.all === true].filter(Boolean).length;
  if (ways === 0) throw new CannotRun(USAGE, EXAMPLES);
  if (ways > 1) throw new CannotRun('Give ids, --portfolio or --all: one of them.', EXAMPLES);

  const planDir = findPlanFolder(dir, 'plan review ID').dir;
  const { plan, diagnostics } = await compilePlan(planDir, { cache: options.cache ?? true, allowOutside: options.allowOutside ?? false });
  const blocking = diagnostics.filter((d) => BLOCKING.has(d.rule));
  if (!plan || blocking.length > 0) {
    await printErrors(planDir, blocking.length > 0 ? blocking : diagnostics);
    throw new CannotRun('Reviews cannot be recorded while the plan has these errors in how it is written; nothing was written.', 'Fix them first: plan check lists them.');
  }

  const { links, whole } = chosenLinks(plan, ids, options);
  const fingerprints = new Map<LinkedObjective, string>();
  const current = (link: ReviewedLink): string => {
    if (!fingerprints.has(link.objective)) fingerprints.set(link.objective, reviewFingerprint(link.objective.item));
    return fingerprints.get(link.objective)!;
  };
  const edits = new Map<string, ReviewEdit[]>();
  const said: string[] = [];
  let recorded = 0;
  const linksOf = new Map<Serving, ReviewedLink[]>([...whole].map((item) => [item, []]));
  for (const link of links) {
    if (!linksOf.has(link.from)) linksOf.set(link.from, []);
    linksOf.get(link.from)!.push(link);
  }
  for (const [item, itemLinks] of linksOf) {
    const set: Record<string, string> = {};
    const where = (path: (string | number)[] = []) => terminalPath(formatLocation({ ...locate(item.item.at, path, { key: true }), file: displayPath(join(planDir, item.item.at.file)) }));
    for (const link of itemLinks.filter((l) => l.recorded !== current(l))) {
      set[link.objective.id] = current(link);
      recorded++;
      const why = link.recorded === undefined ? 'its first review' : link.changed.length > 0 ? `its ${listInWords([...link.changed])} had changed` : 'its review is rewritten';
      said.push(`${where()}  ${item.kind} \`${item.id}\` reviewed against objective \`${link.objective.id}\` (${why})`);
    }
    const remove = whole.has(item) ? reviewsWithoutLink(item) : [];
    for (const id of remove) said.push(`${where(['reviewed', id])}  ${item.kind} \`${item.id}\`: its review against \`${id}\`, which it does not serve, is removed`);
    if (Object.keys(set).length === 0 && remove.length === 0) continue;
    const file = item.item.at.file;
    if (!edits.has(file)) edits.set(file, []);
    edits.get(file)!.push({ collection: item.kind === 'action' ? 'actions' : 'metrics', id: item.id, at: startOf(item.item.at.node), set, remove });
  }

  // Every file is rewritten in memory first, so a file that cannot be leaves all of them as they were.
  const rewritten: { path: string; text: string }[] = [];
  for (const [file, fileEdits] of [...edits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const shown = displayPath(join(planDir, file));
    const read = readSource(planDir, file, { allowOutside: options.allowOutside ?? false });
    if (!('text' in read)) throw new CannotRun(`${shown} cannot be read again: ${read.message}`);
    try {
      rewritten.push({ path: join(planDir, file), text: recordReviews(read.text, fileEdits) });
    } catch (error) {
      if (!(error instanceof ReviewEditError)) throw error;
      throw new CannotRun(`The reviews cannot be recorded in ${shown}: ${error.message}. Nothing was written.`, 'Record them by hand, in `reviewed:` as docs/language.md shows, or run plan review again.');
    }
  }
  for (const { path, text } of rewritten) {
    try {
      writeFileWhole(path, text);
    } catch (error) {
      throw new CannotRun(`${displayPath(path)} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, 'Check that you may write to the plan folder.');
    }
  }

  const upToDate = links.length - recorded;
  const summary = rewritten.length === 0
    ? `✔ Nothing to record: ${links.length === 0 ? 'no action or metric serves what was named' : `${plural(links.length, 'review')} already up to date`}.`
    : `✔ Recorded ${plural(recorded, 'review')} in ${plural(rewritten.length, 'file')}${upToDate > 0 ? `; ${upToDate} already up to date` : ''}.`;
  await write(process.stdout, [...said, summary].join('\n') + '\n');
  return EXIT_OK;
}

/**
 * The links to review, and the items all of whose links are reviewed (whose reviews of objectives they
 * no longer serve are removed too).
 */
function chosenLinks(plan: Plan, ids: readonly string[], options: ReviewOptions): { links: ReviewedLink[]; whole: Set<Serving> } {
  const all = reviewedLinks(plan);
  if (options.all) return { links: all, whole: new Set([...plan.actions, ...plan.metrics]) };
  if (options.portfolio !== undefined) {
    const portfolio = plan.byId.get(options.portfolio);
    if (portfolio?.kind !== 'portfolio') throw unknown(plan, options.portfolio, 'portfolio or enabling workstream', 'portfolio');
    const ownsItem = (item: Serving) => (item.kind === 'action' ? item.portfolio === portfolio : item.objective?.owner === portfolio);
    return { links: all.filter((link) => link.objective.owner === portfolio || ownsItem(link.from)), whole: new Set([...plan.actions, ...plan.metrics].filter(ownsItem)) };
  }
  const links = new Set<ReviewedLink>();
  const whole = new Set<Serving>();
  for (const id of ids) {
    const item = plan.byId.get(id);
    if (!item) throw unknown(plan, id, 'action, metric or objective');
    if (item.kind === 'action' || item.kind === 'metric') {
      whole.add(item);
      for (const link of all) if (link.from === item) links.add(link);
    } else if (item.kind === 'objective') {
      for (const link of all) if (link.objective === item) links.add(link);
    } else {
      throw new CannotRun(`\`${id}\` is ${describeItem(item)}; plan review records the reviews of actions, metrics and objectives.`,
        item.kind === 'portfolio' ? `To review every link of the portfolio: plan review --portfolio ${id}` : EXAMPLES);
    }
  }
  return { links: all.filter((link) => links.has(link)), whole };
}

function unknown(plan: Plan, id: string, noun: string, kind?: string): CannotRun {
  const candidates = [...plan.byId.values()].filter((item) => (kind ? item.kind === kind : ['action', 'metric', 'objective'].includes(item.kind))).map((item) => item.id);
  const matches = closeMatches(id, candidates);
  return new CannotRun(`There is no ${noun} with the id \`${id}\` in the plan.`, matches.length ? `Close matches: ${matches.map((m) => `\`${m}\``).join(', ')}.` : EXAMPLES);
}
