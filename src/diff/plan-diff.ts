// What changed between two versions of a plan: items added, removed, renamed and changed (field by
// field, in words), golden threads that broke or mended, and duty coverage that changed per edition.
// The semantics are the plan's: items are the same when their kind and id match; a removed and an
// added item of one kind with the same content is a rename, and a reference that changed only by a
// rename is no change.

import { listInWords } from '../english.js';
import type { EditionCoverage } from '../model/schema.js';
import { kindNouns, titleOf, type LinkedItem, type Plan } from '../link/plan-graph.js';
import { gapInWords, gapKey, Thread } from '../link/thread.js';
import { canonical, fieldChanges, referenceFields, type FieldChange } from './field-changes.js';
import { diffYears, hasYearChanges, noYearChanges, type YearDiff } from './year-diff.js';

/** What the diff tells apart: the kinds of linked items, and the plan itself, its editions and its prose. */
export type DiffKind = 'plan' | 'edition' | LinkedItem['kind'] | 'prose';

/** The order items are listed in, within each part of a diff. */
export const diffKinds: readonly DiffKind[] = ['plan', 'edition', 'collective_aim', 'priority', 'portfolio', 'objective', 'action', 'metric', 'organisation', 'duty', 'project', 'prose'];

/** How each kind is named: "objective `no-01`" (the plan and the collective aim are named with "the"). */
export const diffKindNouns: Record<DiffKind, string> = { ...kindNouns, plan: 'plan', edition: 'edition', prose: 'prose' };

export interface ItemRef {
  kind: DiffKind;
  id: string;
  /** Its title, name or statement, when it has one. */
  title: string | undefined;
}

export interface AddedItem extends ItemRef {
  /** Whether its golden thread reaches the collective aim; undefined for items not on the thread. */
  reachesAim: boolean | undefined;
}

export interface RenamedItem {
  kind: DiffKind;
  from: string;
  to: string;
  title: string | undefined;
}

export interface ChangedItem extends ItemRef {
  changes: FieldChange[];
}

/** Items whose threads broke (or mended) for the same reasons, told in one line. */
export interface ThreadChange {
  change: 'broke' | 'mended';
  items: ItemRef[];
  /** Where each of the broken threads stops now, in words; empty for mended threads. */
  because: string[];
}

export interface CoverageChange {
  duty: ItemRef;
  edition: string;
  /** The sections of the edition that covered the duty before, and now; `unchanged` where it left the duty as the edition before had it. */
  from: EditionCoverage;
  to: EditionCoverage;
  words: string;
}

export interface PlanDiff {
  added: AddedItem[];
  removed: ItemRef[];
  renamed: RenamedItem[];
  changed: ChangedItem[];
  threads: ThreadChange[];
  coverage: CoverageChange[];
  /** The planning year: how it reports, its records, its measured values and where its targets stand. */
  year: YearDiff;
}

/** One item of a version, as the diff sees it: its fields as written, without its place in the source. */
interface Version {
  kind: DiffKind;
  id: string;
  title: string | undefined;
  fields: Record<string, unknown>;
  linked: LinkedItem | undefined;
}

/** @param options.year false to leave out the planning year, for a reader who asks only about the plan's items (the summary's "What's new") */
export function diffPlans(before: Plan, after: Plan, options: { year?: boolean } = {}): PlanDiff {
  const old = versionsOf(before);
  const now = versionsOf(after);
  const key = (v: Version) => `${v.kind}\u0000${v.id}`;
  const oldByKey = new Map(old.map((v) => [key(v), v]));
  const nowByKey = new Map(now.map((v) => [key(v), v]));
  // The plan itself is one item whatever its id.
  const samePlan = (v: Version) => v.kind === 'plan';
  const removed = old.filter((v) => !samePlan(v) && !nowByKey.has(key(v)));
  const added = now.filter((v) => !samePlan(v) && !oldByKey.has(key(v)));
  const renames = findRenames(removed, added);

  const pairs: [Version, Version][] = [];
  for (const v of now) {
    const was = samePlan(v) ? old.find(samePlan) : oldByKey.get(key(v)) ?? renames.byNew.get(v);
    if (was) pairs.push([was, v]);
  }

  const diff: PlanDiff = { added: [], removed: [], renamed: [], changed: [], threads: [], coverage: [], year: options.year === false ? noYearChanges() : diffYears(before, after, renames.ids) };
  const afterThread = new Thread(after);
  const beforeThread = new Thread(before);
  for (const v of added) {
    if (renames.byNew.has(v)) continue;
    diff.added.push({ ...refOf(v), reachesAim: v.linked && onThread(v.linked) ? afterThread.reaches(v.linked) : undefined });
  }
  for (const v of removed) if (!renames.byOld.has(v)) diff.removed.push(refOf(v));
  for (const [was, v] of pairs) {
    if (was.id !== v.id && !samePlan(v)) diff.renamed.push({ kind: v.kind, from: was.id, to: v.id, title: v.title });
    const changes = fieldChanges(v.kind, renamed(was, renames.ids), v.fields);
    if (changes.length > 0) diff.changed.push({ ...refOf(v), changes });
  }

  const broke = new Map<string, ThreadChange>();
  const mended: ItemRef[] = [];
  for (const [was, v] of pairs) {
    if (!was.linked || !v.linked || !onThread(v.linked)) continue;
    const reachedBefore = beforeThread.reaches(was.linked);
    const reachesNow = afterThread.reaches(v.linked);
    if (reachedBefore && !reachesNow) {
      const { gaps } = afterThread.of(v.linked);
      const group = gaps.map(gapKey).join('\u0001');
      if (!broke.has(group)) broke.set(group, { change: 'broke', items: [], because: gaps.map((gap) => gapInWords(gap)) });
      broke.get(group)!.items.push(refOf(v));
    } else if (!reachedBefore && reachesNow) {
      mended.push(refOf(v));
    }
  }
  diff.threads.push(...broke.values());
  if (mended.length > 0) diff.threads.push({ change: 'mended', items: mended, because: [] });

  const dutyPairs: [Version | undefined, Version][] = [
    ...pairs.filter(([, v]) => v.kind === 'duty'),
    ...added.filter((v) => v.kind === 'duty' && !renames.byNew.has(v)).map((v): [undefined, Version] => [undefined, v]),
  ];
  const editions = [...new Set([...after.editions.map((e) => e.id), ...before.editions.map((e) => e.id)])];
  for (const [was, v] of dutyPairs) {
    const coverageBefore = (was?.fields.coverage ?? {}) as Record<string, EditionCoverage>;
    const coverageNow = (v.fields.coverage ?? {}) as Record<string, EditionCoverage>;
    for (const edition of editions) {
      const from = Object.hasOwn(coverageBefore, edition) ? coverageBefore[edition]! : [];
      const to = Object.hasOwn(coverageNow, edition) ? coverageNow[edition]! : [];
      const words = coverageWords(edition, from, to);
      if (words !== undefined) diff.coverage.push({ duty: refOf(v), edition, from, to, words });
    }
  }

  const rank = (v: ItemRef | RenamedItem) => diffKinds.indexOf(v.kind);
  const byKind = <T extends ItemRef | RenamedItem>(items: T[]) => items.sort((a, b) => rank(a) - rank(b));
  byKind(diff.added);
  byKind(diff.removed);
  byKind(diff.renamed);
  byKind(diff.changed);
  for (const group of diff.threads) byKind(group.items);
  return diff;
}

/** Whether anything changed at all. */
export function hasChanges(diff: PlanDiff): boolean {
  return [diff.added, diff.removed, diff.renamed, diff.changed, diff.threads, diff.coverage].some((part) => part.length > 0) || hasYearChanges(diff.year);
}

/** The counts of a diff, as JSON gives them and the summary line says them. */
export function diffCounts(diff: PlanDiff) {
  const threads = (change: ThreadChange['change']) => diff.threads.filter((t) => t.change === change).reduce((sum, t) => sum + t.items.length, 0);
  return {
    added: diff.added.length,
    removed: diff.removed.length,
    renamed: diff.renamed.length,
    changed: diff.changed.length,
    threads_broken: threads('broke'),
    threads_mended: threads('mended'),
    duty_coverage: diff.coverage.length,
    year_settings: diff.year.settings.length,
    year_records: diff.year.records.length,
    actuals_added: diff.year.actuals.added.length,
    actuals_changed: diff.year.actuals.changed.length,
    actuals_removed: diff.year.actuals.removed.length,
    positions_changed: diff.year.compliance.length,
  };
}

/** Items on the golden thread, whose thread can break or mend. */
function onThread(item: LinkedItem): boolean {
  return ['priority', 'portfolio', 'objective', 'action', 'metric', 'project'].includes(item.kind);
}

function refOf(v: Version): ItemRef {
  return { kind: v.kind, id: v.id, title: v.title };
}

/** Every item of a plan, in the order the plan lists them. */
function versionsOf(plan: Plan): Version[] {
  const { editions, ...info } = plan.manifest.plan;
  const versions: Version[] = [{ kind: 'plan', id: info.id, title: info.title, fields: { ...info, rules: plan.manifest.rules }, linked: undefined }];
  for (const edition of editions) versions.push({ kind: 'edition', id: edition.id, title: edition.title, fields: { ...edition }, linked: undefined });
  const linked: LinkedItem[] = [
    ...(plan.aim ? [plan.aim] : []),
    ...plan.priorities, ...plan.portfolios, ...plan.objectives, ...plan.actions, ...plan.metrics, ...plan.organisations, ...plan.duties, ...plan.projects,
  ];
  for (const item of linked) {
    const { at: _at, ...fields } = item.item as Record<string, unknown>;
    versions.push({ kind: item.kind, id: item.id, title: titleOf(item), fields, linked: item });
  }
  for (const [name, text] of Object.entries(plan.manifest.prose)) versions.push({ kind: 'prose', id: name, title: undefined, fields: { text }, linked: undefined });
  return versions;
}

/** An item's fields with its references to renamed items written with their new ids. */
function renamed(v: Version, ids: ReadonlyMap<string, string>): Record<string, unknown> {
  if (ids.size === 0) return v.fields;
  const to = (id: unknown) => (typeof id === 'string' ? ids.get(id) ?? id : id);
  const fields: Record<string, unknown> = { ...v.fields };
  for (const field of referenceFields(v.kind)) {
    const value = fields[field];
    if (Array.isArray(value)) fields[field] = value.map(to);
    else if (typeof value === 'string') fields[field] = to(value);
    else if (value !== null && typeof value === 'object') fields[field] = Object.fromEntries(Object.entries(value).map(([id, v]) => [to(id), v]));
  }
  return fields;
}

interface Renames {
  /** Old id to new id. */
  ids: Map<string, string>;
  byOld: Map<Version, Version>;
  byNew: Map<Version, Version>;
}

/**
 * Pairs removed and added items of one kind whose content (all but the id) is the same, once the
 * references in it to items already paired are read with their new ids; repeated until no more pair,
 * so items renamed together that refer to each other are found too. Only a match of exactly one
 * removed and one added item counts: two look-alikes are left as removed and added.
 */
function findRenames(removed: readonly Version[], added: readonly Version[]): Renames {
  const renames: Renames = { ids: new Map(), byOld: new Map(), byNew: new Map() };
  for (let found = true; found; ) {
    found = false;
    const content = (v: Version, fields: Record<string, unknown>) => `${v.kind}\u0000${canonical(withoutId(fields))}`;
    const open = (list: readonly Version[], taken: Map<Version, Version>) => list.filter((v) => !taken.has(v) && v.kind !== 'edition');
    const olds = new Map<string, Version[]>();
    for (const v of open(removed, renames.byOld)) push(olds, content(v, renamed(v, renames.ids)), v);
    const nows = new Map<string, Version[]>();
    for (const v of open(added, renames.byNew)) push(nows, content(v, v.fields), v);
    for (const [text, candidates] of nows) {
      const matches = olds.get(text);
      if (candidates.length !== 1 || matches?.length !== 1) continue;
      const [was] = matches;
      const [v] = candidates;
      renames.ids.set(was!.id, v!.id);
      renames.byOld.set(was!, v!);
      renames.byNew.set(v!, was!);
      found = true;
    }
  }
  return renames;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function withoutId(fields: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...rest } = fields;
  return rest;
}

/**
 * How an edition's coverage of a duty changed, in words; undefined when it did not. An edition's
 * coverage is its sections, none (it does not cover the duty), or `unchanged` (it leaves the duty as
 * the edition before it had it).
 */
function coverageWords(edition: string, from: EditionCoverage, to: EditionCoverage): string | undefined {
  if (canonical(from) === canonical(to)) return undefined;
  const sections = (list: readonly string[]) => listInWords(list.map((s) => `"${s}"`));
  const covered = (coverage: readonly string[]) => (coverage.length === 0 ? 'not covered' : `in ${sections(coverage)}`);
  if (to === 'unchanged') return `\`${edition}\` now leaves it unchanged (was ${covered(from as string[])})`;
  if (from === 'unchanged') return `\`${edition}\` no longer leaves it unchanged: now ${covered(to)}`;
  if (from.length === 0) return `now covered by \`${edition}\`, in ${sections(to)}`;
  if (to.length === 0) return `no longer covered by \`${edition}\` (was in ${sections(from)})`;
  const adds = to.filter((s) => !from.includes(s));
  const drops = from.filter((s) => !to.includes(s));
  const parts = [...(adds.length ? [`adds ${sections(adds)}`] : []), ...(drops.length ? [`drops ${sections(drops)}`] : [])];
  return `\`${edition}\` ${parts.length ? parts.join(' and ') : 'lists the same sections in another order'}`;
}

/** One of the two versions compared: a plan folder as it is on disk, or as it was at a git revision. */
export interface PlanVersion {
  /** The plan folder, as a path from the working folder. */
  folder: string;
  /** The revision as it was given (`main`, `v2023`, `HEAD~1`); undefined for the folder on disk. */
  revision: string | undefined;
  /** The full id of the commit the revision names. */
  commit: string | undefined;
}

/** A diff with the versions it compares: what every format of `plan diff` prints. */
export interface DiffReport {
  old: PlanVersion;
  new: PlanVersion;
  diff: PlanDiff;
}
