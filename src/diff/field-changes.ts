// How the fields of one item changed, in words: "target 76% → 78%", "by 2024-03-31 → 2025-03-31",
// "now serves `no-04` as well". Ids are written in backticks and plan text in double quotes, so each
// output format can show them as it should.

import { listInWords } from '../english.js';
import type { DiffKind } from './plan-diff.js';

export interface FieldChange {
  /** The key that changed, as the plan writes it (`target.by`); `target` for a target's figure (value, comparison and unit). */
  field: string;
  from: unknown;
  to: unknown;
  words: string;
}

/** Fields that name other items by id, with the verb that says what a listed item is to this one. */
const references: Partial<Record<DiffKind, Record<string, string | undefined>>> = {
  plan: { organisation: undefined },
  priority: { aim: undefined },
  portfolio: { priorities: 'serves' },
  objective: { portfolio: undefined, priorities: 'serves' },
  action: { objectives: 'serves', portfolio: undefined, owner: undefined, reviewed: undefined },
  metric: { objective: undefined, reviewed: undefined },
  project: { portfolios: 'involves' },
};

/** The fields of a kind that hold ids of other items (a list, one id, or a mapping keyed by id). */
export function referenceFields(kind: DiffKind): string[] {
  return Object.keys(references[kind] ?? {});
}

/** Fields told elsewhere in a diff (a duty's coverage), or that are another item (an edition, the prose). */
const toldElsewhere: Partial<Record<DiffKind, readonly string[]>> = { duty: ['coverage'] };

/** Markdown fields: too long to quote, so a change is only named. */
const proseFields = new Set(['description', 'requirement', 'rationale', 'text', 'update', 'note']);

/** The fields of a record of the planning year whose values are words of the language, not plan text. */
const recordWords = new Set(['status', 'kind', 'position']);

/** Text fields whose values are words of the language, not plan text, so they are not quoted. */
const plainFields = new Set(['source', 'kind', 'status', 'type', 'direction', 'comparison']);

/** What each field changed of one item, in the order the language lists its fields. */
export function fieldChanges(kind: DiffKind, before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  // An item's id is what makes it the same item (a rename is told on its own); only the plan's is a field.
  const skipped = [...(kind === 'plan' ? [] : ['id']), ...(toldElsewhere[kind] ?? [])];
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((field) => !skipped.includes(field));
  const verbs = references[kind] ?? {};
  for (const field of fields) {
    const from = before[field];
    const to = after[field];
    if (same(from, to)) continue;
    if (field === 'target' && kind === 'objective') changes.push(...targetChanges(from as Target | undefined, to as Target | undefined));
    else if (field === 'target' && kind === 'metric') changes.push(figureChange('target', { value: from, comparison: before.comparison, unit: before.unit }, { value: to, comparison: after.comparison, unit: after.unit }));
    else if (kind === 'metric' && (field === 'comparison' || field === 'unit')) changes.push(...metricFigureParts(field, before, after));
    else if (field === 'reviewed') changes.push(...reviewChanges(from as Record<string, string> | undefined, to as Record<string, string> | undefined));
    else if (field === 'rules') changes.push(...ruleChanges(from as Record<string, string>, to as Record<string, string>));
    else if (Object.hasOwn(verbs, field) && (Array.isArray(from) || Array.isArray(to))) changes.push(...listReferenceChanges(field, verbs[field] ?? 'names', (from ?? []) as string[], (to ?? []) as string[]));
    else changes.push(valueChange(field, from, to, Object.hasOwn(verbs, field)));
  }
  return changes;
}

/**
 * The fields of a record of the planning year (or of `year:` in plan.yaml) that changed, each in its own
 * words, in the order the language lists them; `prefix` goes before each field's name ("year as at").
 */
export function recordFieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, skipped: readonly string[], prefix = ''): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(after), ...Object.keys(before)])) {
    if (skipped.includes(field) || same(before[field], after[field])) continue;
    changes.push(valueChange(field, before[field], after[field], false, `${prefix}${field.replace(/_/g, ' ')}`, recordWords.has(field)));
  }
  return changes;
}

interface Range {
  from: number;
  to: number;
}

/** A figure as a target, a part of one or a national figure writes it: one number or a range. */
interface FigureFields {
  value?: number;
  range?: Range;
  comparison?: string;
  unit?: string;
}

interface TargetPart extends FigureFields {
  id?: string;
  measure?: string;
  by?: string;
}

interface Target extends FigureFields {
  measure?: string;
  baseline?: number;
  by?: string;
  national?: FigureFields;
  organisations?: Record<string, number>;
  parts?: TargetPart[];
}

/**
 * An objective's target: the system's own figure (value or range, comparison and unit, said together),
 * deadline, measure and baseline; the national figure; each organisation's figure; and each part.
 */
function targetChanges(before: Target = {}, after: Target = {}): FieldChange[] {
  const changes: FieldChange[] = [];
  const figure = (t: FigureFields): Figure => ({ value: t.value, range: t.range, comparison: t.comparison, unit: t.unit });
  if (!same(figure(before), figure(after))) changes.push(figureChange('target', figure(before), figure(after)));
  if (!same(before.by, after.by)) changes.push({ field: 'target.by', from: before.by, to: after.by, words: `by ${before.by ?? 'none'} → ${after.by ?? 'none'}` });
  if (!same(before.measure, after.measure)) changes.push(valueChange('target.measure', before.measure, after.measure, false, 'measure'));
  if (!same(before.baseline, after.baseline)) {
    const shown = (t: Target) => (t.baseline === undefined ? 'none' : withUnit(t.baseline, t.unit));
    changes.push({ field: 'target.baseline', from: before.baseline, to: after.baseline, words: `baseline ${shown(before)} → ${shown(after)}` });
  }
  // The national figure is in the target's unit unless it gives its own, and has no direction of its own.
  const national = (t: Target): Figure => ({ value: t.national?.value, range: t.national?.range, comparison: undefined, unit: t.national?.unit ?? t.unit });
  const hasFigure = (f: Figure) => f.value !== undefined || f.range !== undefined;
  if ((hasFigure(national(before)) || hasFigure(national(after))) && !same(national(before), national(after))) changes.push(figureChange('target.national', national(before), national(after), 'national figure'));
  const organisations = (t: Target) => t.organisations ?? {};
  for (const id of new Set([...Object.keys(organisations(after)), ...Object.keys(organisations(before))])) {
    const one = (t: Target): Figure => ({ value: Object.hasOwn(organisations(t), id) ? organisations(t)[id] : undefined, comparison: t.comparison, unit: t.unit });
    if (!same(one(before), one(after))) changes.push(figureChange(`target.organisations.${id}`, one(before), one(after), `figure for \`${id}\``));
  }
  changes.push(...partChanges(before, after));
  return changes;
}

/**
 * A target's parts: one with an `id` is the same part while its id is; the others (figures by a date)
 * are paired in the order they are written. Each part's figure, date, measure and unit are told apart.
 */
function partChanges(before: Target, after: Target): FieldChange[] {
  const keyed = (t: Target) => {
    let unnamed = 0;
    return (t.parts ?? []).map((part) => ({ key: part.id !== undefined ? `id\0${part.id}` : `n\0${++unnamed}`, part }));
  };
  const old = new Map(keyed(before).map(({ key, part }) => [key, part]));
  const now = new Map(keyed(after).map(({ key, part }) => [key, part]));
  const changes: FieldChange[] = [];
  for (const key of new Set([...now.keys(), ...old.keys()])) {
    const from = old.get(key);
    const to = now.get(key);
    if (same(from, to)) continue;
    const [how, name] = key.split('\0') as [string, string];
    const label = how === 'id' ? `part \`${name}\`` : `part ${name}`;
    const field = `target.parts.${how === 'id' ? name : Number(name) - 1}`;
    if (!from || !to) {
      const part = (from ?? to)!;
      const figure = { value: part.value, range: part.range, comparison: part.comparison ?? after.comparison ?? before.comparison, unit: part.unit ?? (from ? before.unit : after.unit) };
      const what = figure.value !== undefined || figure.range !== undefined ? ` ${figureText(figure, false)}${part.by !== undefined ? ` by ${part.by}` : ''}` : '';
      changes.push({ field, from: from ?? null, to: to ?? null, words: `${label}${what} ${from ? 'removed' : 'added'}` });
      continue;
    }
    const figure = (p: TargetPart, t: Target): Figure => ({ value: p.value, range: p.range, comparison: p.comparison, unit: p.unit ?? t.unit });
    if (!same(figure(from, before), figure(to, after))) changes.push(figureChange(field, figure(from, before), figure(to, after), label));
    if (!same(from.by, to.by)) changes.push({ field: `${field}.by`, from: from.by, to: to.by, words: `${label} by ${from.by ?? 'none'} → ${to.by ?? 'none'}` });
    if (!same(from.measure, to.measure)) changes.push(valueChange(`${field}.measure`, from.measure, to.measure, false, `${label} measure`));
  }
  return changes;
}

interface Figure {
  value: unknown;
  range?: Range | undefined;
  comparison: unknown;
  unit: unknown;
}

/** A figure in a diff's words: "76%", "12–15 per million", with its comparison when asked: "at least 76%". */
function figureText(f: Figure, sayComparison: boolean): string {
  const amount = f.range ? `${f.range.from}–${f.range.to}` : typeof f.value === 'number' ? String(f.value) : undefined;
  if (amount === undefined) return 'none';
  const comparison = sayComparison && typeof f.comparison === 'string' ? `${f.comparison.replace('_', ' ')} ` : '';
  return `${comparison}${withUnitText(amount, typeof f.unit === 'string' ? f.unit : undefined)}`;
}

/**
 * "target 76% → 78%", "national figure none → 50000000 appointments"; the comparison is said only when
 * it changed: "target 76% → at least 76%".
 */
function figureChange(field: string, before: Figure, after: Figure, label = field): FieldChange {
  const sayComparison = before.comparison !== after.comparison;
  const json = (f: Figure) => {
    const common = { comparison: f.comparison ?? null, unit: f.unit ?? null };
    if (f.range) return { range: { from: f.range.from, to: f.range.to }, ...common };
    return typeof f.value === 'number' ? { value: f.value, ...common } : null;
  };
  return { field, from: json(before), to: json(after), words: `${label} ${figureText(before, sayComparison)} → ${figureText(after, sayComparison)}` };
}

/** A metric's comparison or unit is part of its target figure: told there when the target changed too. */
function metricFigureParts(field: string, before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  if (!same(before.target, after.target)) return [];
  // Said once, for comparison and unit together.
  if (field === 'unit' && !same(before.comparison, after.comparison)) return [];
  return [figureChange('target', { value: before.target, comparison: before.comparison, unit: before.unit }, { value: after.target, comparison: after.comparison, unit: after.unit })];
}

function withUnit(value: number, unit: string | undefined): string {
  return withUnitText(String(value), unit);
}

function withUnitText(amount: string, unit: string | undefined): string {
  if (unit === undefined) return amount;
  return unit === '%' ? `${amount}%` : `${amount} ${unit}`;
}

/** "now serves `no-04` as well", "no longer serves `no-03`". */
function listReferenceChanges(field: string, verb: string, before: readonly string[], after: readonly string[]): FieldChange[] {
  const adds = after.filter((id) => !before.includes(id));
  const drops = before.filter((id) => !after.includes(id));
  const ids = (list: readonly string[]) => listInWords(list.map((id) => `\`${id}\``));
  const changes: FieldChange[] = [];
  const kept = before.length - drops.length;
  if (adds.length > 0) changes.push({ field, from: before, to: after, words: `now ${verb} ${ids(adds)}${kept > 0 ? ' as well' : ''}` });
  if (drops.length > 0) changes.push({ field, from: before, to: after, words: `no longer ${verb} ${ids(drops)}` });
  // Only the order changed: nothing is served that was not before.
  return changes;
}

/** "review against `no-01` recorded", "reviewed against `no-01` again". */
function reviewChanges(before: Record<string, string> = {}, after: Record<string, string> = {}): FieldChange[] {
  return entryChanges('reviewed', before, after, (id, from, to) =>
    from === undefined ? `review against \`${id}\` recorded` : to === undefined ? `review against \`${id}\` removed` : `reviewed against \`${id}\` again`);
}

/** "rule `objective-is-smart` warning → off". */
function ruleChanges(before: Record<string, string> = {}, after: Record<string, string> = {}): FieldChange[] {
  return entryChanges('rules', before, after, (id, from, to) => `rule \`${id}\` ${from ?? 'default'} → ${to ?? 'default'}`);
}

/** The entries of a mapping that changed, each a change of its own (`rules.objective-is-smart`). */
function entryChanges(field: string, before: Record<string, string>, after: Record<string, string>, words: (key: string, from: string | undefined, to: string | undefined) => string): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const from = Object.hasOwn(before, key) ? before[key] : undefined;
    const to = Object.hasOwn(after, key) ? after[key] : undefined;
    if (from !== to) changes.push({ field: `${field}.${key}`, from, to, words: words(key, from, to) });
  }
  return changes;
}

/** Any other field: "title "A" → "B"", "status planned → done", "description changed", "focus adds "X"". */
function valueChange(field: string, from: unknown, to: unknown, isReference: boolean, label = field.replace(/_/g, ' '), plain = plainFields.has(field)): FieldChange {
  const change = (words: string): FieldChange => ({ field, from, to, words });
  if (proseFields.has(field)) return change(`${label} ${from === undefined ? 'added' : to === undefined ? 'removed' : 'changed'}`);
  if (Array.isArray(from) || Array.isArray(to)) {
    const before = (from ?? []) as unknown[];
    const after = (to ?? []) as unknown[];
    const quoted = (list: unknown[]) => listInWords(list.map((v) => shown(v, false)));
    const adds = after.filter((v) => !before.some((b) => same(b, v)));
    const drops = before.filter((v) => !after.some((a) => same(a, v)));
    const parts = [...(adds.length ? [`adds ${quoted(adds)}`] : []), ...(drops.length ? [`drops ${quoted(drops)}`] : [])];
    return change(`${label} ${parts.length ? parts.join(' and ') : 'in another order'}`);
  }
  return change(`${label} ${shown(from, isReference, plain)} → ${shown(to, isReference, plain)}`);
}

/** A value as a diff shows it: an id in backticks, plan text in quotes, a date, number or word as it is. */
function shown(value: unknown, isReference: boolean, plain = false): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'string') {
    if (isReference) return `\`${value}\``;
    return plain || /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : `"${value}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const period = value as { start?: unknown; end?: unknown };
  if (typeof period.start === 'string' && typeof period.end === 'string') return `${period.start} to ${period.end}`;
  return JSON.stringify(value);
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with the keys of every mapping in order and no undefined values, so equal content gives equal text. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
