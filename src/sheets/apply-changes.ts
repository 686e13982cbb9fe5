// Writes what a workbook changed back into the YAML sources, through the yaml library's concrete syntax
// tree: a changed value is set in its own token, a filled cell adds its key beside its neighbours, a
// cleared cell removes its key. Every other byte of the file stays as it was: comments, order, quoting,
// folded text. A file with no change is not touched at all.

import { CST, Document, isMap, Parser, parseDocument, Scalar, stringify, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { capitalise } from '../english.js';
import { comparePeriods, parsePeriod } from '../model/period.js';
import { collectionSchemas, itemNouns, recordSchemas, type CollectionName, type RecordCollectionName } from '../model/schema.js';
import { columnLetter, isEmptyValue, keyOf, rowKey, rowName, sameValue, sheetShapes, type Column, type SheetShape } from './columns.js';
import type { CellProblem, SheetRow } from './read-workbook.js';
import { entriesOf, itemsOf, type SourceDocument, type SourceEntry } from './sources.js';
import { valueAt } from './write-workbook.js';
import { ADDED_RECORDS, addRecords, checkAdded, newRecordOf, type AddedCollection, type NewRecord } from './add-records.js';

export interface ImportResult {
  /** The files that change, path -> new text; a file the plan did not have (progress.yaml, assessments.yaml) too. */
  changed: Map<string, string>;
  /** How many values changed, by file. */
  counts: Map<string, number>;
  /** How many progress updates and assessments were added, by file. */
  added: Map<AddedCollection, Map<string, number>>;
  problems: CellProblem[];
  /** What the plan has that the workbook's sheets leave out: left as it is. */
  notInWorkbook: LeftOut[];
}

/** An item (by its id) or a record (by what it is) of the plan that a sheet of the workbook leaves out. */
export interface LeftOut {
  sheet: SheetShape;
  /** The id of an item, or what a record is: "planned trajectory of `no-01` for `uhnm`". */
  name: string;
}

interface Change {
  column: Column;
  value: unknown;
  cell: string;
}


const schemaOf = (collection: CollectionName | RecordCollectionName) => (collection in collectionSchemas ? collectionSchemas[collection as CollectionName] : recordSchemas[collection as RecordCollectionName]);

/** The items or records of the plan a sheet's rows are matched with, by the key of the row that stands for each (columns.ts `rowKey`). */
function entriesByKey(sources: readonly SourceDocument[], shape: SheetShape): Map<string, { entry: SourceEntry; name: string }> {
  const found = new Map<string, { entry: SourceEntry; name: string }>();
  if (shape.collection === 'actuals') return found;
  if (shape.collection !== 'trajectories' && shape.collection !== 'assessments' && shape.collection !== 'progress') {
    for (const item of itemsOf(sources, shape.collection)) found.set(rowKey(shape, { id: item.id }), { entry: item, name: item.id });
    return found;
  }
  const counts = new Map<string, number>();
  for (const entry of entriesOf(sources, shape.collection)) {
    const key = keyOf(shape, entry.node.toJSON());
    const ordinal = counts.get(rowKey(shape, key)) ?? 0;
    counts.set(rowKey(shape, key), ordinal + 1);
    found.set(rowKey(shape, key, ordinal), { entry, name: rowName(shape, key, ordinal) });
  }
  return found;
}

/**
 * The edited text with the line endings of the file it came from: the syntax tree's new lines are
 * written `\n`, so a file whose every line ends `\r\n` (as Windows editors save it) has those made
 * `\r\n` too, and is not left with two kinds of line ending. A file that already mixes them is left
 * as edited.
 */
export function withLineEndingsOf(original: string, edited: string): string {
  if (!original.includes('\r\n') || /(?<!\r)\n/.test(original)) return edited;
  return edited.replace(/(?<!\r)\n/g, '\r\n');
}

/** Writes the rows of the items' and the trajectories' sheets into the YAML sources (the actuals' are apply-actuals.ts's). */
export function applyWorkbook(sources: readonly SourceDocument[], rows: readonly SheetRow[], sheets: readonly SheetShape[]): ImportResult {
  const problems: CellProblem[] = [];
  const counts = new Map<string, number>();
  const edited = new Set<SourceDocument>();
  const bySheet = new Map(sheetShapes().map((shape) => [shape.name, entriesByKey(sources, shape)]));
  const allIds = new Map<string, string>();
  for (const collection of Object.keys(collectionSchemas) as CollectionName[]) {
    for (const item of itemsOf(sources, collection)) allIds.set(item.id, collection);
  }
  const inWorkbook = new Set<string>();
  const editedEntries: { entry: SourceEntry; row: SheetRow; changes: Change[] }[] = [];
  const references = {
    actions: new Set(itemsOf(sources, 'actions').map((item) => item.id)),
    targets: new Set([...itemsOf(sources, 'objectives'), ...itemsOf(sources, 'metrics')].map((item) => item.id)),
    organisations: new Set(itemsOf(sources, 'organisations').map((item) => item.id)),
  };
  // Rows of the Progress and Assessments sheets that match no record: each is a new one, unless it is a record whose key cells were changed.
  const unmatched: SheetRow[] = [];

  for (const row of rows) {
    if (row.shape.collection === 'actuals') continue;
    const entry = bySheet.get(row.shape.name)?.get(row.key)?.entry;
    if (!entry && (row.shape.collection === 'progress' || row.shape.collection === 'assessments')) {
      unmatched.push(row);
      continue;
    }
    if (!entry) {
      problems.push(notInPlan(row, allIds));
      continue;
    }
    inWorkbook.add(`${row.shape.name}\u0000${row.key}`);
    const data: unknown = entry.node.toJSON();
    const changes = row.cells.filter((cell) => !holds(data, cell)).map((cell) => ({ column: cell.column, value: cell.value, cell: cell.cell }));
    if (changes.length === 0) continue;
    const refused = refusal(entry, row, changes);
    if (refused) {
      problems.push(refused);
      continue;
    }
    for (const change of changes) setValue(entry, change, row.shape);
    edited.add(entry.source);
    counts.set(entry.source.file, (counts.get(entry.source.file) ?? 0) + changes.length);
    editedEntries.push({ entry, row, changes });
  }

  // What the plan has that no row of the workbook's sheets matched: left as it is, and said so.
  const leftOut = new Map(sheets.map((sheet) => [sheet.name, [...bySheet.get(sheet.name) ?? []].filter(([key]) => !inWorkbook.has(`${sheet.name}\u0000${key}`)).map(([, found]) => found)]));

  // The records plan import adds: an update filled in for a stocktake, an assessment added to its sheet.
  const newRecords: NewRecord[] = [];
  for (const row of unmatched) {
    const rekeyed = rekeyedRecord(row, leftOut.get(row.shape.name) ?? []);
    if (rekeyed) {
      problems.push(rekeyed);
      continue;
    }
    const record = newRecordOf(row, references);
    if (record && 'problems' in record) problems.push(...record.problems);
    else if (record) newRecords.push(record.record);
  }
  const added = addRecords(sources, newRecords);
  problems.push(...added.problems);
  for (const source of added.edited) edited.add(source);
  const changed = new Map<string, string>();
  for (const source of edited) {
    const bom = source.text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    changed.set(source.file, withLineEndingsOf(source.text, bom + source.tokens.map((token) => CST.stringify(token)).join('')));
  }
  problems.push(...checkEdited(changed, editedEntries));
  for (const [file, text] of added.created) changed.set(file, text);
  if (added.problems.length === 0) checkAdded(changed, sources, added);

  const notInWorkbook: LeftOut[] = sheets.flatMap((sheet) => (leftOut.get(sheet.name) ?? []).map(({ name }) => ({ sheet, name })));
  return { changed, counts, added: added.counts, problems, notInWorkbook };
}

/**
 * A row that matches no record of the plan because a cell that says which record it is was changed:
 * every other cell is that of a record the workbook no longer has a row for. It is refused, not taken
 * as a new record beside the old one.
 */
function rekeyedRecord(row: SheetRow, leftOut: readonly { entry: SourceEntry; name: string }[]): CellProblem | undefined {
  if (row.cells.every((cell) => isEmptyValue(cell.value))) return undefined;
  for (const { entry, name } of leftOut) {
    const data: unknown = entry.node.toJSON();
    if (!row.cells.every((cell) => holds(data, cell))) continue;
    const was = keyOf(row.shape, data);
    const changed = row.shape.key.filter((header) => (was[header] ?? '') !== (row.keyValues[header] ?? ''));
    if (changed.length === 0) continue;
    const header = changed[0]!;
    const index = row.shape.columns.findIndex((column) => column.header === header);
    const { noun, about } = ADDED_RECORDS[row.shape.collection as AddedCollection];
    return {
      cell: `${row.shape.name}!${columnLetter(index)}${row.row}`,
      message: `This row is the ${name} with its ${changed.join(' and ')} changed: the cells that say which ${noun} a row is are not changed by plan import.`,
      hint: `Put the ${header} back as it was. To record a new ${noun}, add a row; to change what an ${noun} ${about === 'action' ? 'is on' : 'judges'}, change it in ${entry.source.file}.`,
    };
  }
  return undefined;
}

/** Whether a cell holds what the item or record has: the same value, or empty where it has none. */
function holds(data: unknown, cell: { column: Column; value: unknown }): boolean {
  const current = valueAt(data, cell.column.path);
  return (isEmptyValue(current) && isEmptyValue(cell.value)) || sameValue(current, cell.value);
}

/** Why a row matches nothing of the plan: plan import changes what a plan has, and adds nothing. */
function notInPlan(row: SheetRow, allIds: ReadonlyMap<string, string>): CellProblem {
  const { shape } = row;
  if (shape.collection === 'trajectories') {
    const [records, record, keys] = ['trajectories', 'trajectory', 'target, part, organisation and kind'];
    return row.ordinal > 0
      ? { cell: row.keyCell, message: `The plan has no ${row.what}: this row is one more than it has.`, hint: `Rows with the same ${keys} are matched with the ${records} in the order of the plan's files. Delete the row, or add the ${record} to a .yaml file of the plan (then export again).` }
      : { cell: row.keyCell, message: `The plan has no ${row.what}.`, hint: `plan import changes the ${records} a plan has; it adds none. Add it to a .yaml file of the plan (then export again), or correct the ${keys} of the row.` };
  }
  const collection = shape.collection as CollectionName;
  const elsewhere = allIds.get(row.name);
  return elsewhere
    ? { cell: row.keyCell, message: `\`${row.name}\` is one of the plan's ${elsewhere}, not one of its ${collection}.`, hint: `Move the row to the ${elsewhere} sheet, or correct the id.` }
    : { cell: row.keyCell, message: `The plan has no ${itemNouns[collection]} \`${row.name}\`.`, hint: `plan import changes the items a plan has; it adds none. Add it to a .yaml file of the plan (then export again), or correct the id.` };
}

/**
 * A change plan import does not make: to an item written on one line (`- { id: …, … }`), or adding or
 * removing a key of a mapping written on one line (`values: {2024-03: 76}`, whose values it does change).
 */
function refusal(entry: SourceEntry, row: SheetRow, changes: readonly Change[]): CellProblem | undefined {
  const file = entry.source.file;
  if (!isBlockMap(entry.node)) {
    return { cell: changes[0]!.cell, message: `${atStart(row)} is written in ${file} as a mapping on one line ({ ... }), which plan import does not change.`, hint: 'Write it one key per line in the file, then import again.' };
  }
  for (const change of changes) {
    if (change.column.path.length === 1) continue;
    const parent = entry.node.get(change.column.path[0]!, true);
    if (parent === undefined || isBlockMap(parent)) continue;
    const scalar = isMap(parent) ? parent.get(change.column.path[1]!, true) : undefined;
    if (isMap(parent) && scalar !== undefined && !isEmptyValue(change.value) && (scalar as Node).srcToken && CST.isScalar((scalar as Node).srcToken)) continue;
    return {
      cell: change.cell,
      message: `The ${change.column.path[0]} of ${row.name} ${change.column.path[0] === 'values' ? 'are' : 'is'} written in ${file} on one line ({ ... }): plan import changes a value there, but adds or removes none.`,
      hint: 'Write the mapping one key per line in the file, then import again.',
    };
  }
  return undefined;
}

function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && (node.srcToken as CST.Token | undefined)?.type === 'block-map';
}

/** A row's item or record at the start of a sentence: an id as it is written, "The planned trajectory …". */
const atStart = (row: SheetRow): string => (row.shape.key[0] === 'id' ? row.name : capitalise(row.name));

/**
 * Reads each changed item back from its new text, as `plan check` will: every value must come back as
 * it was set, and the item must still be valid in the plan language; what is not is the cell's problem.
 */
function checkEdited(changed: ReadonlyMap<string, string>, edited: readonly { entry: SourceEntry; row: SheetRow; changes: Change[] }[]): CellProblem[] {
  const problems: CellProblem[] = [];
  const reread = new Map<string, Document>();
  for (const [file, text] of changed) reread.set(file, parseDocument(text.replace(/^\ufeff/, ''), { version: '1.2' }));
  for (const { entry, row, changes } of edited) {
    const data: unknown = (reread.get(entry.source.file)?.getIn([entry.collection, entry.index], true) as Node | undefined)?.toJSON();
    for (const change of changes) {
      if (!sameValue(valueAt(data, change.column.path), isEmptyValue(change.value) ? undefined : change.value)) {
        throw new Error(`the value of ${change.cell} did not come back from ${entry.source.file} as it was written`);
      }
    }
    const result = schemaOf(entry.collection).safeParse(data);
    for (const issue of result.error?.issues ?? []) {
      const header = issue.path.filter((step) => typeof step === 'string').join('.');
      const change = changes.find((c) => c.column.header === header) ?? changes.find((c) => c.column.path[0] === issue.path[0]);
      const column = row.shape.columns.findIndex((c) => c.header === header);
      const cell = change?.cell ?? `${row.shape.name}!${columnLetter(Math.max(column, 0))}${row.row}`;
      const missing = issue.code === 'invalid_type' && valueAt(data, issue.path.map(String)) === undefined;
      problems.push(missing && header === row.shape.periods?.key
        ? { cell, message: `${atStart(row)} must have a value for at least one period: its period cells cannot all be empty.`, hint: 'Write a value back in one of them.' }
        : missing
          ? { cell, message: `${atStart(row)} must have a ${header}: the cell cannot be empty.`, hint: 'Write it back in the cell.' }
          : { cell, message: `${header} of ${row.name} ${issue.message}.` });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Editing the syntax tree

type MapToken = CST.BlockMap;
type MapItem = MapToken['items'][number];

const space = (indent: number): CST.SourceToken => ({ type: 'space', offset: 0, indent: 0, source: ' '.repeat(indent) });
const newline = (indent: number): CST.SourceToken => ({ type: 'newline', offset: 0, indent, source: '\n' });
const valueIndicator = (indent: number): CST.SourceToken => ({ type: 'map-value-ind', offset: 0, indent, source: ':' });

function setValue(entry: SourceEntry, change: Change, shape: SheetShape): void {
  const [first, second] = change.column.path as [string, string?];
  const token = entry.node.srcToken as MapToken;
  if (second === undefined) return setKey(token, first, change.column, change.value, keysBefore(entry, first));
  // The nested mapping as the tree has it now: an earlier cell of the row may have just added it.
  const parent = token.items[itemIndex(token, first)]?.value;
  const isPeriod = first === shape.periods?.key;
  if (parent?.type === 'block-map') {
    setKey(parent, second, change.column, change.value, isPeriod ? periodsBefore(parent, second) : targetKeysBefore(second), isPeriod ? periodKeyType(parent, second) : undefined);
    // A mapping left with no keys is no mapping: remove its key too (`target:` with nothing under it is an error).
    if (parent.items.length === 0) removeKey(token, first);
  } else if (parent?.type === 'flow-collection') {
    // refusal() has let through only a new value for a key the one-line mapping has.
    const value = parent.items.find((item) => item.key && CST.resolveAsScalar(item.key)?.value === second)?.value;
    const current = value ? CST.resolveAsScalar(value) : null;
    if (!value || !current) throw new Error(`${change.cell} changes a key that ${entry.source.file} does not have on one line`);
    CST.setScalarValue(value, sourceOf(change.value), { afterKey: true, inFlow: true, type: scalarType(change.value, current.type ?? undefined) });
  } else if (!isEmptyValue(change.value)) {
    addNestedKey(token, first, second, change.column, change.value, keysBefore(entry, first));
  }
}

/** The keys that come before a key of an item or record, in the language's order. */
function keysBefore(entry: SourceEntry, key: string): string[] {
  const keys = Object.keys(schemaOf(entry.collection).shape);
  return keys.slice(0, keys.indexOf(key));
}

function targetKeysBefore(key: string): string[] {
  // An objective's target is the nested mapping with columns of its keys, in the order of the language.
  const keys = ['measure', 'baseline', 'value', 'comparison', 'unit', 'by'];
  return keys.slice(0, keys.indexOf(key));
}

/** The periods a trajectory has before a new one, so that its periods stay in time order. */
function periodsBefore(token: MapToken, label: string): string[] {
  const period = parsePeriod(label)!;
  return keysOf(token).filter((key) => {
    const other = parsePeriod(key);
    return other !== undefined && comparePeriods(other, period) < 0;
  });
}

/** A new period is quoted as the trajectory's other periods of its kind are; otherwise a quarter in quotes, as docs/language.md writes it. */
function periodKeyType(token: MapToken, label: string): Scalar.Type {
  const kind = parsePeriod(label)!.kind;
  const sibling = token.items.find((item) => item.key && parsePeriod(CST.resolveAsScalar(item.key)?.value ?? '')?.kind === kind)?.key;
  const type = sibling ? CST.resolveAsScalar(sibling)?.type : undefined;
  return type ?? (kind === 'quarter' ? Scalar.QUOTE_SINGLE : Scalar.PLAIN);
}

function keysOf(token: MapToken): string[] {
  return token.items.flatMap((entry) => (entry.key ? [CST.resolveAsScalar(entry.key)?.value ?? ''] : []));
}

function itemIndex(token: MapToken, key: string): number {
  return token.items.findIndex((entry) => entry.key && CST.resolveAsScalar(entry.key)?.value === key);
}

function setKey(token: MapToken, key: string, column: Column, value: unknown, before: readonly string[], keyType?: Scalar.Type): void {
  const index = itemIndex(token, key);
  if (isEmptyValue(value)) {
    if (index >= 0) removeAt(token, index);
    return;
  }
  if (index >= 0) {
    const entry = token.items[index]!;
    const current = entry.value ? CST.resolveAsScalar(entry.value) : null;
    if (column.kind === 'list') replaceWithFlowList(entry, value as string[], token.indent);
    else if (current && entry.value) CST.setScalarValue(entry.value, sourceOf(value), { afterKey: true, type: scalarType(value, current.type ?? undefined) });
    else entry.value = scalarToken(value, token.indent);
    return;
  }
  insertItem(token, lastIndexOf(token, before) + 1, {
    start: [space(token.indent)],
    key: CST.createScalarToken(key, { indent: token.indent, end: [], ...(keyType ? { type: keyType } : {}) }),
    sep: [valueIndicator(token.indent), space(1)],
    value: column.kind === 'list' ? flowList(value as string[], token.indent, [newline(token.indent)]) : scalarToken(value, token.indent),
  });
}

/**
 * Puts a new key into a mapping at `position`. The first key's indentation is written before the
 * mapping, so a key put first takes the old first key's place, and the old one gets an indentation of
 * its own; where anything stands before the first key on its line, the new key goes second instead.
 */
function insertItem(token: MapToken, position: number, item: MapItem): void {
  const first = token.items[0];
  if (position === 0 && first && first.start.length === 0) {
    item.start = [];
    first.start = [space(token.indent)];
    token.items.unshift(item);
    return;
  }
  const at = Math.max(position, 1);
  // The key before may be the last of the file, without a line break of its own.
  const previous = token.items[at - 1];
  if (previous && !CST.stringify(previous).endsWith('\n')) item.start.unshift(newline(token.indent));
  token.items.splice(at, 0, item);
}

function addNestedKey(token: MapToken, parentKey: string, key: string, column: Column, value: unknown, before: readonly string[]): void {
  const indent = token.indent + 2;
  const nested: MapToken = {
    type: 'block-map', offset: 0, indent,
    items: [{ start: [], key: CST.createScalarToken(key, { indent, end: [] }), sep: [valueIndicator(indent), space(1)], value: column.kind === 'list' ? flowList(value as string[], indent, [newline(indent)]) : scalarToken(value, indent) }],
  };
  insertItem(token, lastIndexOf(token, before) + 1, {
    start: [space(token.indent)],
    key: CST.createScalarToken(parentKey, { indent: token.indent, end: [] }),
    sep: [valueIndicator(token.indent), newline(token.indent), space(indent)],
    value: nested,
  });
}

function removeKey(token: MapToken, key: string): void {
  const index = itemIndex(token, key);
  if (index >= 0) removeAt(token, index);
}

function removeAt(token: MapToken, index: number): void {
  const [removed] = token.items.splice(index, 1);
  // The first key's indentation is written before the mapping; the key that takes its place drops its own.
  if (index === 0 && token.items[0] && removed?.start.length === 0) {
    const start = token.items[0].start;
    if (start[0]?.type === 'space') start.shift();
  }
}

function lastIndexOf(token: MapToken, keys: readonly string[]): number {
  let last = -1;
  token.items.forEach((entry, index) => {
    if (entry.key && keys.includes(CST.resolveAsScalar(entry.key)?.value ?? '')) last = index;
  });
  return last;
}

/** A number, a date or text, as the characters of its scalar (quoting is the scalar's type). */
const sourceOf = (value: unknown): string => String(value);

/** Text keeps the quoting the file gave it where it still reads back as the same text; otherwise, quoting YAML would choose. */
function scalarType(value: unknown, current: Scalar.Type | undefined): Scalar.Type {
  if (typeof value !== 'string') return Scalar.PLAIN;
  if (current && current !== Scalar.PLAIN) return current;
  return preferredType(value);
}

function preferredType(text: string): Scalar.Type {
  const written = stringify(text, { lineWidth: 0 });
  if (written.startsWith('"')) return Scalar.QUOTE_DOUBLE;
  if (written.startsWith("'")) return Scalar.QUOTE_SINGLE;
  if (written.startsWith('|')) return Scalar.BLOCK_LITERAL;
  if (written.startsWith('>')) return Scalar.BLOCK_FOLDED;
  return Scalar.PLAIN;
}

function scalarToken(value: unknown, indent: number): CST.FlowScalar | CST.BlockScalar {
  return CST.createScalarToken(sourceOf(value), { indent, type: typeof value === 'string' ? preferredType(value) : Scalar.PLAIN, end: [newline(indent)] });
}

/** A list as YAML's one-line form, `[a, b]`, each item quoted where YAML needs it. */
function flowList(items: readonly string[], indent: number, end: CST.SourceToken[]): CST.FlowCollection {
  const document = new Document({ list: items });
  (document.get('list', true) as YAMLSeq).flow = true;
  const [token] = [...new Parser().parse(document.toString({ flowCollectionPadding: false, lineWidth: 0 }))];
  const list = ((token as CST.Document).value as MapToken).items[0]!.value as CST.FlowCollection;
  list.indent = indent;
  list.end = [list.end[0]!, ...end];
  return list;
}

/** A list's new items, written where its old value was: a one-line list stays one line and keeps its comment. */
function replaceWithFlowList(entry: MapItem, items: readonly string[], indent: number): void {
  const old = entry.value;
  if (old?.type === 'flow-collection') {
    entry.value = flowList(items, indent, old.end.slice(1));
    return;
  }
  // A list written one item per line becomes one line: the line break moves from after the key to after the list.
  entry.sep = [valueIndicator(indent), space(1)];
  entry.value = flowList(items, indent, [newline(indent)]);
}

