// The model phase: checks each parsed source file against the plan language and gathers the items of
// every collection, each with its source location, into one PlanSources. Invalid items are reported
// and left out of the model; every problem in every file is reported in one run.

import type * as z from 'zod/mini';
import type { DiagnosticCode } from '../catalogue.js';
import { appendDiagnostics, type Diagnostic } from '../diagnostic.js';
import type { FileModel, ParsedSource } from '../load/located.js';
import { MANIFEST_FILE, type SourceText } from '../load/plan-folder.js';
import { didYouMean } from '../suggest.js';
import { childAt, locate, type FieldPath, type ItemSource, type Located } from './locate.js';
import { planIssue } from './messages.js';
import { standInValue } from './stand-in.js';
import {
  collectionNames,
  collectionSchemas,
  itemNouns,
  idSchema,
  manifestSchema,
  type Action,
  type CollectionItem,
  type CollectionName,
  type Manifest,
  type Metric,
  type Objective,
  type Organisation,
  type Portfolio,
  type Priority,
  type Project,
  type StatutoryDuty,
} from './schema.js';
import { recordCollectionNames, recordNouns, recordSchemas, type Assessment, type ProgressUpdate, type RecordCollectionName, type Trajectory } from './year-schema.js';

const manifestKeys = Object.keys(manifestSchema.shape);

export interface PlanSources {
  manifest: Located<Manifest> | undefined;
  priorities: Located<Priority>[];
  portfolios: Located<Portfolio>[];
  objectives: Located<Objective>[];
  actions: Located<Action>[];
  metrics: Located<Metric>[];
  organisations: Located<Organisation>[];
  duties: Located<StatutoryDuty>[];
  projects: Located<Project>[];
  /**
   * Items that break the language (already reported), read as well as they can be: link makes each a
   * stand-in, so references to it resolve and nothing that follows from it is reported a second time.
   */
  standIns: StandInSource[];
  /** The planning year's records (year-schema.ts). */
  trajectories: Located<Trajectory>[];
  assessments: Located<Assessment>[];
  progress: Located<ProgressUpdate>[];
  /**
   * The ids that records with schema errors (already reported) are about, such as the action of a
   * broken progress update: rules say nothing more about them until the record is fixed.
   */
  unreadRecordSubjects: Set<string>;
}

export type StandInSource = { [K in CollectionName]: { collection: K; item: Located<CollectionItem<K>> } }[CollectionName];

export function emptySources(): PlanSources {
  return {
    manifest: undefined, priorities: [], portfolios: [], objectives: [], actions: [], metrics: [], organisations: [], duties: [], projects: [], standIns: [],
    trajectories: [], assessments: [], progress: [], unreadRecordSubjects: new Set(),
  };
}

export interface ValidateOptions {
  /**
   * Told of each file other than the manifest that broke no rule of the language, with what
   * validation made of it, before the plan's phases can change its objects (the parse cache keeps it:
   * load/load-plan.ts).
   */
  keepModel?: (file: ParsedSource, model: FileModel) => void;
}

export function validateSources(files: readonly ParsedSource[], proseFiles: readonly SourceText[] = [], options: ValidateOptions = {}): { sources: PlanSources; diagnostics: Diagnostic[] } {
  const sources = emptySources();
  const diagnostics: Diagnostic[] = [];
  if (!files.some((f) => f.file === MANIFEST_FILE)) {
    diagnostics.push(error({ file: MANIFEST_FILE, line: 1, column: 1 }, 'read-error', `The plan has no ${MANIFEST_FILE}.`,
      `Create ${MANIFEST_FILE} with a \`plan:\` section at the top of the plan folder.`));
  }
  for (const file of files) {
    appendDiagnostics(diagnostics, file.diagnostics);
    if (file.value === null || file.value === undefined) {
      if (file.file === MANIFEST_FILE && file.diagnostics.length === 0) {
        diagnostics.push(error({ file: MANIFEST_FILE, line: 1, column: 1 }, 'schema', `${MANIFEST_FILE} has no \`plan:\` section.`,
          'Add `plan:` with at least `id`, `title`, `system` and `period` (see docs/language.md).'));
      }
      continue;
    }
    validateFile(file, sources, diagnostics, options.keepModel);
  }
  if (sources.manifest) addProseFiles(sources.manifest, proseFiles, diagnostics);
  reportIdsDifferingInCase(sources.portfolios, 'portfolio', diagnostics);
  return { sources, diagnostics };
}

/**
 * Portfolio ids become file names (portfolios/<id>.html): two that differ only in capitals would be
 * one file on Windows and macOS, and one page would silently replace the other.
 */
function reportIdsDifferingInCase(items: readonly Located<{ id: string }>[], noun: string, diagnostics: Diagnostic[]): void {
  const first = new Map<string, Located<{ id: string }>>();
  for (const item of items) {
    const folded = item.id.toLowerCase();
    const earlier = first.get(folded);
    if (!earlier) {
      first.set(folded, item);
    } else if (earlier.id !== item.id) {
      const there = locate(earlier.at, ['id']);
      diagnostics.push({
        ...error(locate(item.at, ['id']), 'duplicate-id', `The ${noun} id \`${item.id}\` differs from \`${earlier.id}\` (${there.file}:${there.line}:${there.column}) only in capitals; their pages would be the same file on Windows and macOS.`,
          'Give one of them a different id; ids are best written in lower case.'),
        subject: item.id,
      });
    }
  }
}

/**
 * `__proto__` as a key of a mapping of names (rules, prose, a duty's coverage, reviews) is dropped by the
 * schema library without a word, to keep it from changing an object's prototype: report it instead.
 */
function hasProtoKey(value: unknown): boolean {
  return isMapping(value) && Object.hasOwn(value, '__proto__');
}

/** prose/<name>.md becomes `prose.<name>`, as if written in plan.yaml; the same name in both is a mistake. */
function addProseFiles(manifest: Located<Manifest>, proseFiles: readonly SourceText[], diagnostics: Diagnostic[]): void {
  for (const prose of proseFiles) {
    const name = prose.file.slice(prose.file.lastIndexOf('/') + 1).replace(/\.md$/i, '');
    const at = { file: prose.file, line: 1, column: 1 };
    if (!idSchema.safeParse(name).success) {
      diagnostics.push(error(at, 'schema', `The prose file name \`${name}\` is not a name a template can use.`,
        'Name prose files with letters, digits, `-` or `_`, such as prose/introduction.md.'));
    } else if (Object.hasOwn(manifest.prose, name)) {
      diagnostics.push(error(at, 'duplicate-id', `The prose \`${name}\` is written twice: in this file and under \`prose:\` in ${MANIFEST_FILE}.`,
        `Keep one: delete this file, or remove \`${name}\` from \`prose:\` in ${MANIFEST_FILE}.`));
    } else {
      manifest.prose[name] = prose.text;
    }
  }
}

/** An item or record the schemas accepted, and where it is, before it joins its collection. */
interface Accepted {
  data: object;
  at: ItemSource;
}

function validateFile(file: ParsedSource, sources: PlanSources, diagnostics: Diagnostic[], keepModel: ValidateOptions['keepModel']): void {
  const isManifest = file.file === MANIFEST_FILE;
  const root = file.value;
  const rootSource: ItemSource = { file: file.file, node: file.locations, lineStarts: file.lineStarts };
  const model = file.model;
  if (model !== undefined) {
    delete file.model; // read once: its objects become the plan's, which later phases may change
    if (!isManifest && readModel(root, model, rootSource, sources)) return;
  }
  if (!isMapping(root)) {
    diagnostics.push(error(locate(rootSource), 'yaml-structure',
      'This file is not a mapping of collections.',
      'A plan source file starts with collection names such as `objectives:` or `actions:`, each followed by a list of items.'));
    return;
  }
  const faults = { diagnostics: diagnostics.length, standIns: sources.standIns.length, unread: sources.unreadRecordSubjects.size };
  const accepted = new Map<CollectionName | RecordCollectionName, Accepted[]>();
  const record = root;
  const manifestPart: Record<string, unknown> = {};
  let hasManifestPart = false;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if ((collectionNames as string[]).includes(key)) {
      validateCollection(key as CollectionName, value, partAt(rootSource, key), sources, diagnostics, accepted);
    } else if ((recordCollectionNames as string[]).includes(key)) {
      validateRecords(key as RecordCollectionName, value, partAt(rootSource, key), sources, diagnostics, accepted);
    } else if (manifestKeys.includes(key)) {
      if (isManifest) {
        Object.defineProperty(manifestPart, key, { value, enumerable: true, writable: true, configurable: true });
        hasManifestPart = true;
      } else {
        diagnostics.push(error(locate(rootSource, [key], { key: true }), 'unknown-key',
          `\`${key}:\` belongs in ${MANIFEST_FILE}, not in a source file.`,
          `Move this section to ${MANIFEST_FILE} at the top of the plan folder.`));
      }
    } else {
      const allowed = isManifest ? [...manifestKeys, ...collectionNames, ...recordCollectionNames] : [...collectionNames, ...recordCollectionNames];
      diagnostics.push(error(locate(rootSource, [key], { key: true }), 'unknown-key',
        `\`${key}\` is not a collection of the plan language.${didYouMean(key, allowed)}`,
        `The top level of ${isManifest ? MANIFEST_FILE : 'a source file'} may hold: ${allowed.join(', ')}.`));
    }
  }
  if (isManifest) validateManifest(manifestPart, hasManifestPart, rootSource, sources, diagnostics);
  const clean = diagnostics.length === faults.diagnostics && sources.standIns.length === faults.standIns && sources.unreadRecordSubjects.size === faults.unread;
  if (keepModel && clean && !isManifest) {
    keepModel(file, Object.fromEntries([...accepted].map(([name, items]) => [name, items.map((item) => item.data)])));
  }
  for (const [name, items] of accepted) {
    const bucket = sources[name] as Located<unknown>[];
    for (const { data, at } of items) bucket.push(Object.assign(data, { at }));
  }
}

/**
 * Reads a file from what its last validation made of it (kept by the parse cache), when that fits
 * the file: the same collections, each with as many items as the file has. Otherwise it reads
 * nothing and says so, and the file is validated.
 */
function readModel(root: unknown, model: FileModel, rootSource: ItemSource, sources: PlanSources): boolean {
  if (!isMapping(root) || !isMapping(model)) return false;
  const record = root;
  const names = Object.keys(record);
  for (const name of names) {
    if (!(collectionNames as string[]).includes(name) && !(recordCollectionNames as string[]).includes(name)) return false;
    const value = record[name];
    const items = Object.hasOwn(model, name) ? model[name] : undefined;
    if (value === null || value === undefined) {
      if (items !== undefined) return false;
    } else if (!Array.isArray(value) || !Array.isArray(items) || items.length !== value.length || !items.every(isMapping)) {
      return false;
    }
  }
  if (Object.keys(model).some((name) => !Object.hasOwn(record, name))) return false;
  for (const name of names) {
    const items = model[name];
    if (!items) continue;
    const at = partAt(rootSource, name);
    const bucket = sources[name as CollectionName | RecordCollectionName] as Located<unknown>[];
    items.forEach((item, index) => bucket.push(Object.assign(item as object, { at: partAt(at, index) })));
  }
  return true;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a part of a collection or file is (a collection by name, an item by index), as validation and a kept model both place it. */
function partAt(at: ItemSource, step: string | number): ItemSource {
  return { ...at, node: childAt(at.node, [step]) ?? at.node };
}

function validateManifest(value: Record<string, unknown>, present: boolean, at: ItemSource, sources: PlanSources, diagnostics: Diagnostic[]): void {
  if (!present || !('plan' in value)) {
    diagnostics.push(error(locate(at), 'schema', `${MANIFEST_FILE} has no \`plan:\` section.`,
      'Add `plan:` with at least `id`, `title`, `system` and `period` (see docs/language.md).'));
    return;
  }
  if (hasProtoKey(value.rules)) {
    diagnostics.push(error(locate(at, ['rules', '__proto__'], { key: true }), 'config', 'There is no rule `__proto__`.', 'Remove it from `rules:`; docs/rules/ lists every rule.'));
  }
  if (hasProtoKey(value.prose)) {
    diagnostics.push(error(locate(at, ['prose', '__proto__'], { key: true }), 'schema', '`__proto__` is not a name a template can use for prose.',
      'Name prose with letters, digits, `-` or `_`, starting with a letter or digit, such as `introduction`.'));
  }
  // Each section is checked on its own, so a slip in `rules:` or `prose:` does not hide the rest of the plan.
  const parsed: Record<string, unknown> = {};
  let planValid = true;
  for (const key of manifestKeys) {
    const section = manifestSchema.shape[key as keyof typeof manifestSchema.shape] as z.ZodMiniType;
    const result = readValue(section, value[key], (issues) => {
      const located = issues.map((issue) => ({ ...issue, path: [key, ...issue.path] }));
      reportIssues(located as z.core.$ZodIssue[], manifestSchema, 'the plan manifest', at, diagnostics);
    });
    if (result.ok) {
      if (result.data !== undefined) parsed[key] = result.data;
    } else if (key === 'plan') {
      planValid = false;
    }
  }
  if (!planValid) return;
  const manifest = manifestSchema.parse({ ...parsed, rules: parsed.rules ?? {}, prose: parsed.prose ?? {} });
  sources.manifest = Object.assign(manifest, { at });
}

/**
 * Validates one value, reporting every issue. A value whose only faults are unknown keys is read
 * without them (they are reported), so a typo in one key hides nothing else about the item.
 */
function readValue(schema: z.ZodMiniType, value: unknown, report: (issues: readonly z.core.$ZodIssue[]) => void): { ok: true; data: unknown } | { ok: false } {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  report(result.error.issues);
  if (!result.error.issues.every((issue) => issue.code === 'unrecognized_keys')) return { ok: false };
  const again = schema.safeParse(withoutKeys(value, result.error.issues as z.core.$ZodIssueUnrecognizedKeys[]));
  return again.success ? { ok: true, data: again.data } : { ok: false };
}

/** A copy of `value` without the unknown keys zod found (each at the path of its mapping). */
function withoutKeys(value: unknown, issues: readonly z.core.$ZodIssueUnrecognizedKeys[]): unknown {
  const copy = structuredClone(value);
  for (const issue of issues) {
    let node: unknown = copy;
    for (const step of issue.path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[step as PropertyKey] : undefined;
    if (node !== null && typeof node === 'object') for (const key of issue.keys) delete (node as Record<string, unknown>)[key];
  }
  return copy;
}

function validateCollection(name: CollectionName, value: unknown, at: ItemSource, sources: PlanSources, diagnostics: Diagnostic[], accepted: Map<CollectionName | RecordCollectionName, Accepted[]>): void {
  if (!isList(value, name, `${itemNouns[name]} items`, 'Start each item on its own line with `- id: …`.', at, diagnostics)) return;
  const schema = collectionSchemas[name] as z.ZodMiniType;
  const bucket = acceptedList(accepted, name);
  value.forEach((item, index) => {
    const itemAt = partAt(at, index);
    const rawId = typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined;
    // An id too long to be one is not echoed back in full (a hostile file could make it megabytes).
    const id = rawId !== undefined && rawId.length <= 100 ? rawId : undefined;
    const named = rawId === undefined ? undefined : id ?? `${rawId.slice(0, 40)}…`;
    const subject = named !== undefined ? `${itemNouns[name]} \`${named}\`` : `${itemNouns[name]} number ${index + 1} in \`${name}\``;
    if (name === 'duties' && hasProtoKey((item as { coverage?: unknown } | null)?.coverage)) {
      diagnostics.push({
        ...error(locate(itemAt, ['coverage', '__proto__'], { key: true }), 'unknown-reference', `${subject.charAt(0).toUpperCase()}${subject.slice(1)} gives coverage for \`__proto__\`, which is not an edition of the plan.`,
          'Use the id of an edition listed under `plan.editions` in plan.yaml.'),
        ...(id !== undefined ? { subject: id } : {}),
      });
    }
    if ((name === 'actions' || name === 'metrics') && hasProtoKey((item as { reviewed?: unknown } | null)?.reviewed)) {
      diagnostics.push({
        ...error(locate(itemAt, ['reviewed', '__proto__'], { key: true }), 'schema', `${subject.charAt(0).toUpperCase()}${subject.slice(1)} records a review against \`__proto__\`, which is not an objective id.`,
          'Remove it from `reviewed:`; `plan review` writes the reviews there.'),
        ...(id !== undefined ? { subject: id } : {}),
      });
    }
    const result = readValue(schema, item, (issues) => reportIssues(issues, schema, subject, itemAt, diagnostics, id));
    if (result.ok) {
      bucket.push({ data: result.data as object, at: itemAt });
      return;
    }
    const standIn = id === undefined ? undefined : standInValue(schema, item, id);
    if (standIn !== undefined) sources.standIns.push({ collection: name, item: Object.assign(standIn as object, { at: itemAt }) } as StandInSource);
  });
}

/**
 * A collection of the planning year: records about items, which have no id of their own. A record
 * with a schema error is reported and left out, and what it is about is noted, so that no rule then
 * reports that item for lacking the record.
 */
function validateRecords(name: RecordCollectionName, value: unknown, at: ItemSource, sources: PlanSources, diagnostics: Diagnostic[], accepted: Map<CollectionName | RecordCollectionName, Accepted[]>): void {
  const noun = recordNouns[name];
  if (!isList(value, name, `${noun} records`, 'Start each record on its own line with `- `.', at, diagnostics)) return;
  const schema = recordSchemas[name] as z.ZodMiniType;
  const bucket = acceptedList(accepted, name);
  value.forEach((record, index) => {
    const recordAt = partAt(at, index);
    const subject = `${noun} number ${index + 1} in \`${name}\``;
    const result = readValue(schema, record, (issues) => reportIssues(issues, schema, subject, recordAt, diagnostics));
    if (result.ok) {
      bucket.push({ data: result.data as object, at: recordAt });
      return;
    }
    const about = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[name === 'progress' ? 'action' : 'target'] : undefined;
    if (typeof about === 'string') sources.unreadRecordSubjects.add(about);
  });
}

function acceptedList(accepted: Map<CollectionName | RecordCollectionName, Accepted[]>, name: CollectionName | RecordCollectionName): Accepted[] {
  let list = accepted.get(name);
  if (!list) accepted.set(name, (list = []));
  return list;
}

function reportIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodMiniType, subject: string, at: ItemSource, diagnostics: Diagnostic[], id?: string): void {
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    for (const plain of planIssue(issue, subject, knownKeysAt(schema, path))) {
      const fieldPath: FieldPath = plain.key !== undefined ? [...path, plain.key] : path;
      const rule = plain.key !== undefined ? 'unknown-key' : 'schema';
      diagnostics.push({
        ...error(locate(at, fieldPath, { key: plain.key !== undefined || plain.atKey === true }), rule, plain.message, plain.hint),
        ...(id !== undefined ? { subject: id } : {}),
      });
    }
  }
}

/** The keys a mapping may have at `path` inside `schema`, for "did you mean" on unknown keys. */
function knownKeysAt(schema: z.ZodMiniType, path: FieldPath): string[] {
  let current: unknown = schema;
  for (const step of [...path, undefined]) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (step === undefined) return def.type === 'object' ? Object.keys(def.shape as object) : [];
    if (def.type === 'object') current = (def.shape as Record<string, unknown>)[String(step)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return [];
  }
  return [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (def && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault')) current = def.innerType;
    else break;
  }
  return current;
}


/**
 * Whether a collection's value is a list to read, reporting it when it is something else. Nothing
 * (`actions:` with nothing under it) is an empty list, with nothing to read.
 */
function isList(value: unknown, name: string, what: string, hint: string, at: ItemSource, diagnostics: Diagnostic[]): value is unknown[] {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return true;
  diagnostics.push(error(locate(at), 'schema', `\`${name}\` should be a list of ${what}, but it is not a list.`, hint));
  return false;
}

function error(location: { file: string; line: number; column: number }, rule: DiagnosticCode, message: string, hint?: string): Diagnostic {
  return { rule, severity: 'error', ...location, message, ...(hint ? { hint } : {}) };
}
