// What changed in the planning year between two versions of a plan: how it reports (`year:`), its
// trajectories, assessments and progress updates, its measured values, and where each target now
// stands. Records have no ids: each is the same record while what it is about is the same (a
// trajectory's target, part, organisation and kind; an assessment's target, part, organisation,
// position and period; a progress update's action and quarter), records that share those paired in
// the order they are written. A reference to a renamed item is read with its new id.

import { comparePeriods, parsePeriod, periodInWords } from '../model/period.js';
import type { Located } from '../model/locate.js';
import { statusWords } from '../link/position.js';
import type { LinkedOrganisation, Plan } from '../link/plan-graph.js';
import { figureInWords, valueInWords, type TrackedTarget } from '../link/targets.js';
import { PlanningYear, type Compliance, type ComplianceStatus, type TargetSeries } from '../link/year.js';
import type { LinkedActual, TargetHolder } from '../link/year-graph.js';
import { canonical, recordFieldChanges, type FieldChange } from './field-changes.js';

export type YearRecordKind = 'trajectory' | 'assessment' | 'progress';

export interface YearRecordChange {
  change: 'added' | 'removed' | 'changed';
  kind: YearRecordKind;
  /** The fields that say which record it is, as the plan resolves them (an organisation left out is the plan's own, or null for the system). */
  about: Record<string, string | null>;
  /** Which record, in words: "trajectory of objective `no-01` for `uhnm`". */
  subject: string;
  /** An added or removed record's gist ("12 values, 2023-04 to 2024-03"); each change of a changed one. */
  gist: string | undefined;
  changes: FieldChange[];
}

/** One measured value: a row of an actuals file. */
export interface ActualRef {
  target: string;
  part: string | null;
  organisation: string;
  period: string;
  value: number;
}

export interface ActualChange extends ActualRef {
  /** The value before; `value` is the value now. */
  was: number;
  note_was: string | null;
  note: string | null;
  words: string;
}

/** A target whose position for an organisation changed: met, not met, no data or not judged. */
export interface ComplianceChange {
  target: string;
  part: string | null;
  organisation: string | null;
  from: ComplianceStatus;
  to: ComplianceStatus;
  words: string;
}

export interface YearDiff {
  /** `year:` in plan.yaml: `as_at`, `stocktakes`, `tolerance_percent`. */
  settings: FieldChange[];
  records: YearRecordChange[];
  actuals: { added: ActualRef[]; removed: ActualRef[]; changed: ActualChange[] };
  compliance: ComplianceChange[];
}

/** A planning year with nothing changed. */
export function noYearChanges(): YearDiff {
  return { settings: [], records: [], actuals: { added: [], removed: [], changed: [] }, compliance: [] };
}

/** A record's change in words: which record, then its gist or its changes. */
export function recordInWords(record: YearRecordChange): string {
  return `${record.subject}${record.gist ? `: ${record.gist}` : ''}`;
}

export function hasYearChanges(year: YearDiff): boolean {
  return year.settings.length + year.records.length + year.actuals.added.length + year.actuals.removed.length + year.actuals.changed.length + year.compliance.length > 0;
}

/** One record of a version, keyed by what it is about. */
interface RecordVersion {
  kind: YearRecordKind;
  key: string;
  about: Record<string, string | null>;
  subject: string;
  fields: Record<string, unknown>;
  /** The unit of the target it is about, for its figures. */
  unit?: string | undefined;
}

/** @param renamedIds old id -> new id of the items the diff found renamed */
export function diffYears(before: Plan, after: Plan, renamedIds: ReadonlyMap<string, string>): YearDiff {
  const asNow = (id: string) => renamedIds.get(id) ?? id;
  const same = (id: string) => id;
  const settings = recordFieldChanges((before.manifest.year ?? {}) as Record<string, unknown>, (after.manifest.year ?? {}) as Record<string, unknown>, [], 'year ');
  const records: YearRecordChange[] = [];
  for (const kind of ['trajectory', 'assessment', 'progress'] as const) records.push(...diffRecords(recordsOf(before, kind, asNow), recordsOf(after, kind, same)));
  return { settings, records, actuals: diffActuals(before, after, asNow), compliance: diffCompliance(before, after, asNow) };
}

const orgId = (organisation: LinkedOrganisation | undefined): string | null => organisation?.id ?? null;
const forWhom = (organisation: string | null) => (organisation === null ? 'for the system' : `for \`${organisation}\``);
const holderWords = (kind: TargetHolder['kind'], id: string, part: string | null | undefined) => `${kind} \`${id}\`${part ? ` part \`${part}\`` : ''}`;

/** A record's fields as written, without its place in the source and the fields that say which record it is. */
function fieldsOf(record: Located<object>, identity: readonly string[]): Record<string, unknown> {
  const { at: _at, ...fields } = record as Record<string, unknown>;
  for (const key of identity) delete fields[key];
  return fields;
}

function recordsOf(plan: Plan, kind: YearRecordKind, id: (id: string) => string): RecordVersion[] {
  const year = plan.year;
  switch (kind) {
    case 'trajectory':
      return year.trajectories.map((t) => {
        const about = { target: id(t.holder.id), part: t.part ?? null, organisation: orgId(t.organisation), kind: t.record.kind };
        const subject = `${about.kind === 'forecast' ? 'forecast' : 'trajectory'} of ${holderWords(t.holder.kind, about.target, about.part)} ${forWhom(about.organisation)}`;
        return { kind, key: canonical(about), about, subject, fields: fieldsOf(t.record, ['target', 'part', 'organisation', 'kind']) };
      });
    case 'assessment':
      return year.assessments.map((a) => {
        const about = { target: id(a.holder.id), part: a.part ?? null, organisation: orgId(a.organisation), position: a.record.position, period: a.period?.label ?? null };
        const subject = `assessment of the ${about.position} position of ${holderWords(a.holder.kind, about.target, about.part)} ${forWhom(about.organisation)}${a.period ? ` in ${about.period}` : ''}`;
        const unit = a.holder.kind === 'metric' ? a.holder.item.unit : (a.holder.item.target?.parts?.find((p) => p.id === a.part)?.unit ?? a.holder.item.target?.unit);
        return { kind, key: canonical(about), about, subject, fields: fieldsOf(a.record, ['target', 'part', 'organisation', 'position', 'period']), unit };
      });
    case 'progress':
      return year.progress.map((p) => {
        const about = { action: id(p.action.id), quarter: p.quarter.label };
        return { kind, key: canonical(about), about, subject: `progress update on action \`${about.action}\` for ${about.quarter}`, fields: fieldsOf(p.record, ['action', 'quarter']) };
      });
  }
}

/** Pairs the records of two versions by what they are about, in the order written, and tells what changed. */
function diffRecords(old: readonly RecordVersion[], now: readonly RecordVersion[]): YearRecordChange[] {
  const waiting = new Map<string, RecordVersion[]>();
  for (const record of old) {
    const list = waiting.get(record.key);
    if (list) list.push(record);
    else waiting.set(record.key, [record]);
  }
  const changes: YearRecordChange[] = [];
  const told = (change: YearRecordChange['change'], record: RecordVersion, gist: string | undefined, fieldChanges: FieldChange[] = []): YearRecordChange => ({
    change, kind: record.kind, about: record.about, subject: record.subject, gist, changes: fieldChanges,
  });
  for (const record of now) {
    const was = waiting.get(record.key)?.shift();
    if (!was) {
      changes.push(told('added', record, gistOf(record)));
      continue;
    }
    const fieldChanges = record.kind === 'trajectory' ? trajectoryChanges(was.fields, record.fields) : recordFieldChanges(was.fields, record.fields, []);
    if (fieldChanges.length > 0) changes.push(told('changed', record, fieldChanges.map((c) => c.words).join(', '), fieldChanges));
  }
  for (const list of waiting.values()) for (const record of list) changes.push(told('removed', record, gistOf(record)));
  return changes;
}

/** What an added or removed record says, in short. */
function gistOf(record: RecordVersion): string {
  const f = record.fields as Record<string, string | number | undefined>;
  switch (record.kind) {
    case 'trajectory': {
      const periods = inTimeOrder(Object.keys((record.fields.values ?? {}) as Record<string, number>));
      return `${periods.length === 1 ? '1 value' : `${periods.length} values`}${periods.length > 0 ? `, ${periods[0]}${periods.length > 1 ? ` to ${periods[periods.length - 1]}` : ''}` : ''}`;
    }
    case 'assessment':
      return `${f.status === 'met' ? 'met' : 'not met'}${f.words !== undefined ? ` ("${f.words}")` : ''}${typeof f.value === 'number' ? `, ${valueInWords(f.value, record.unit)}` : ''}, by ${f.assessed_by} on ${f.assessed_on}`;
    case 'progress':
      return `${f.status !== undefined ? `${f.status}, ` : ''}reported on ${f.date}${f.reported_by !== undefined ? ` by ${f.reported_by}` : ''}`;
  }
}

/** A trajectory's planned values, period by period ("2024-03 76 → 78"), then its other fields. */
function trajectoryChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const from = (before.values ?? {}) as Record<string, number>;
  const to = (after.values ?? {}) as Record<string, number>;
  const changes: FieldChange[] = [];
  const periods = inTimeOrder([...new Set([...Object.keys(to), ...Object.keys(from)])]);
  for (const period of periods) {
    const was = Object.hasOwn(from, period) ? from[period] : undefined;
    const now = Object.hasOwn(to, period) ? to[period] : undefined;
    if (was !== now) changes.push({ field: `values.${period}`, from: was, to: now, words: `${period} ${was ?? 'none'} → ${now ?? 'none'}` });
  }
  return [...changes, ...recordFieldChanges(before, after, ['values'])];
}

/** Periods as the plan writes them, in time order (a quarter after the months it ends); validation has read each. */
function inTimeOrder(labels: readonly string[]): string[] {
  return [...labels].sort((a, b) => comparePeriods(parsePeriod(a)!, parsePeriod(b)!));
}

const actualKey = (target: string, part: string | undefined, organisation: string, period: string) => `${target}\0${part ?? ''}\0${organisation}\0${period}`;

function diffActuals(before: Plan, after: Plan, asNow: (id: string) => string): YearDiff['actuals'] {
  const ref = (a: LinkedActual, target: string): ActualRef => ({ target, part: a.actual.part ?? null, organisation: a.organisation.id, period: a.actual.period.label, value: a.actual.value });
  const old = new Map<string, LinkedActual>();
  for (const a of before.year.actuals) old.set(actualKey(asNow(a.holder.id), a.actual.part, a.organisation.id, a.actual.period.label), a);
  const result: YearDiff['actuals'] = { added: [], removed: [], changed: [] };
  for (const a of after.year.actuals) {
    const key = actualKey(a.holder.id, a.actual.part, a.organisation.id, a.actual.period.label);
    const was = old.get(key);
    if (!was) {
      result.added.push(ref(a, a.holder.id));
      continue;
    }
    old.delete(key);
    const note = a.actual.note ?? null;
    const noteWas = was.actual.note ?? null;
    if (was.actual.value === a.actual.value && note === noteWas) continue;
    const changed = [
      ...(was.actual.value !== a.actual.value ? [`${was.actual.value} → ${a.actual.value}`] : []),
      ...(note !== noteWas ? [`note ${noteWas === null ? 'added' : note === null ? 'removed' : 'changed'}`] : []),
    ];
    const subject = `measured value of ${holderWords(a.holder.kind, a.holder.id, a.actual.part)} ${forWhom(a.organisation.id)} in ${a.actual.period.label}`;
    result.changed.push({ ...ref(a, a.holder.id), was: was.actual.value, note_was: noteWas, note, words: `${subject} ${changed.join(', ')}` });
  }
  for (const [, a] of old) result.removed.push(ref(a, asNow(a.holder.id)));
  return result;
}

/** Where each target stood for each organisation in both versions, where that changed. */
function diffCompliance(before: Plan, after: Plan, asNow: (id: string) => string): ComplianceChange[] {
  const beforeYear = PlanningYear.of(before);
  const positions = new Map<string, ComplianceStatus>();
  const keyOf = (target: string, part: string | undefined, organisation: string | null) => `${target}\0${part ?? ''}\0${organisation ?? ''}`;
  for (const tracked of beforeYear.tracked()) {
    for (const series of beforeYear.series(tracked)) positions.set(keyOf(asNow(tracked.holder.id), tracked.part, orgId(series.organisation)), beforeYear.compliance(tracked, series).status);
  }
  const year = PlanningYear.of(after);
  const changes: ComplianceChange[] = [];
  for (const tracked of year.tracked()) {
    for (const series of year.series(tracked)) {
      const organisation = orgId(series.organisation);
      const from = positions.get(keyOf(tracked.holder.id, tracked.part, organisation));
      const compliance = year.compliance(tracked, series);
      const to = compliance.status;
      // A target or organisation only one version tracks is told as added or removed, not as a change of position.
      if (from === undefined || from === to) continue;
      changes.push({ target: tracked.holder.id, part: tracked.part ?? null, organisation, from, to, words: complianceWords(tracked, series, compliance, from) });
    }
  }
  return changes;
}

/** "objective `no-01` for `uhnm` met → not met: measured 73.2% in March 2024, against at least 76%". */
function complianceWords(tracked: TrackedTarget, series: TargetSeries, compliance: Compliance, from: ComplianceStatus): string {
  const to = compliance.status;
  const measured = compliance.latest ? `measured ${valueInWords(compliance.latest.actual.value, tracked.unit)} in ${periodInWords(compliance.latest.actual.period)}` : undefined;
  const against = compliance.figure ? `against ${figureInWords(compliance.figure, tracked.unit, tracked.comparison)}` : undefined;
  const why = [measured, against].filter((part) => part !== undefined).join(', ') || compliance.reason;
  return `${holderWords(tracked.holder.kind, tracked.holder.id, tracked.part)} ${forWhom(orgId(series.organisation))} ${statusWords[from]} → ${statusWords[to]}${why ? `: ${why}` : ''}`;
}
