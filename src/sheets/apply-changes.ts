// Writes what a workbook changed back into the YAML sources, through the yaml library's concrete syntax
// tree: a changed value is set in its own token, a filled cell adds its key beside its neighbours, a
// cleared cell removes its key. Every other byte of the file stays as it was: comments, order, quoting,
// folded text. A file with no change is not touched at all.

import { CST, Document, isMap, Parser, parseDocument, Scalar, stringify, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { collectionSchemas, itemNouns } from '../model/schema.js';
import { columnLetter, type Column } from './columns.js';
import type { CellProblem, SheetRow } from './read-workbook.js';
import { itemsOf, type SourceDocument, type SourceItem } from './sources.js';
import { valueAt } from './write-workbook.js';

export interface ImportResult {
  /** The files that change, path -> new text. */
  changed: Map<string, string>;
  /** How many values changed, by file. */
  counts: Map<string, number>;
  problems: CellProblem[];
  /** Items of the plan that the workbook's sheets leave out: left as they are. */
  notInWorkbook: string[];
}

interface Change {
  column: Column;
  value: unknown;
  cell: string;
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const isEmptyValue = (value: unknown): boolean => value === undefined || value === null || (Array.isArray(value) && value.length === 0);

export function applyWorkbook(sources: readonly SourceDocument[], rows: readonly SheetRow[], sheets: readonly { collection: string }[]): ImportResult {
  const problems: CellProblem[] = [];
  const counts = new Map<string, number>();
  const edited = new Set<SourceDocument>();
  const byCollection = new Map<string, Map<string, SourceItem>>();
  const allIds = new Map<string, string>();
  for (const collection of Object.keys(collectionSchemas) as (keyof typeof collectionSchemas)[]) {
    const items = itemsOf(sources, collection);
    byCollection.set(collection, new Map(items.map((item) => [item.id, item])));
    for (const item of items) allIds.set(item.id, collection);
  }
  const inWorkbook = new Set<string>();
  const editedItems: { item: SourceItem; row: SheetRow; changes: Change[] }[] = [];

  for (const row of rows) {
    const item = byCollection.get(row.shape.collection)?.get(row.id);
    const idCell = row.idCell;
    if (!item) {
      const elsewhere = allIds.get(row.id);
      problems.push(elsewhere
        ? { cell: idCell, message: `\`${row.id}\` is one of the plan's ${elsewhere}, not one of its ${row.shape.collection}.`, hint: `Move the row to the ${elsewhere} sheet, or correct the id.` }
        : { cell: idCell, message: `The plan has no ${itemNouns[row.shape.collection]} \`${row.id}\`.`, hint: `plan import changes the items a plan has; it adds none. Add it to a .yaml file of the plan (then export again), or correct the id.` });
      continue;
    }
    inWorkbook.add(`${row.shape.collection}/${row.id}`);
    const data: unknown = item.node.toJSON();
    const changes = row.cells.filter((cell) => {
      const current = valueAt(data, cell.column.path);
      return !(isEmptyValue(current) && isEmptyValue(cell.value)) && !sameValue(current, cell.value);
    }).map((cell) => ({ column: cell.column, value: cell.value, cell: cell.cell }));
    if (changes.length === 0) continue;
    const refused = changes.find((change) => !isBlockMap(item.node) || (change.column.path.length > 1 && !isBlockMapOrAbsent(item.node.get(change.column.path[0]!, true))));
    if (refused) {
      problems.push({ cell: refused.cell, message: `${row.id} is written in ${item.source.file} as a mapping on one line ({ ... }), which plan import does not change.`, hint: 'Write the item one key per line in the file, then import again.' });
      continue;
    }
    for (const change of changes) setValue(item, change);
    edited.add(item.source);
    counts.set(item.source.file, (counts.get(item.source.file) ?? 0) + changes.length);
    editedItems.push({ item, row, changes });
  }

  const changed = new Map<string, string>();
  for (const source of edited) {
    const bom = source.text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    changed.set(source.file, bom + source.tokens.map((token) => CST.stringify(token)).join(''));
  }
  problems.push(...checkEdited(changed, editedItems));

  const notInWorkbook: string[] = [];
  for (const sheet of sheets) {
    for (const id of byCollection.get(sheet.collection)?.keys() ?? []) if (!inWorkbook.has(`${sheet.collection}/${id}`)) notInWorkbook.push(id);
  }
  return { changed, counts, problems, notInWorkbook };
}

function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && (node.srcToken as CST.Token | undefined)?.type === 'block-map';
}

function isBlockMapOrAbsent(node: unknown): boolean {
  return node === undefined || isBlockMap(node);
}

/**
 * Reads each changed item back from its new text, as `plan check` will: every value must come back as
 * it was set, and the item must still be valid in the plan language; what is not is the cell's problem.
 */
function checkEdited(changed: ReadonlyMap<string, string>, edited: readonly { item: SourceItem; row: SheetRow; changes: Change[] }[]): CellProblem[] {
  const problems: CellProblem[] = [];
  const reread = new Map<string, Document>();
  for (const [file, text] of changed) reread.set(file, parseDocument(text.replace(/^\ufeff/, ''), { version: '1.2' }));
  for (const { item, row, changes } of edited) {
    const data: unknown = (reread.get(item.source.file)?.getIn([item.collection, item.index], true) as Node | undefined)?.toJSON();
    for (const change of changes) {
      if (!sameValue(valueAt(data, change.column.path), isEmptyValue(change.value) ? undefined : change.value)) {
        throw new Error(`the value of ${change.cell} did not come back from ${item.source.file} as it was written`);
      }
    }
    const result = collectionSchemas[item.collection].safeParse(data);
    for (const issue of result.error?.issues ?? []) {
      const header = issue.path.filter((step) => typeof step === 'string').join('.');
      const change = changes.find((c) => c.column.header === header);
      const column = row.shape.columns.findIndex((c) => c.header === header);
      const cell = change?.cell ?? `${row.shape.name}!${columnLetter(Math.max(column, 0))}${row.row}`;
      problems.push(issue.code === 'invalid_type' && valueAt(data, issue.path.map(String)) === undefined
        ? { cell, message: `${row.id} must have a ${header}: the cell cannot be empty.`, hint: 'Write it back in the cell.' }
        : { cell, message: `${header} of ${row.id} ${issue.message}.` });
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

function setValue(item: SourceItem, change: Change): void {
  const [first, second] = change.column.path as [string, string?];
  const token = item.node.srcToken as MapToken;
  if (second === undefined) return setKey(token, first, change.column, change.value, keysBefore(item, change.column));
  // The nested mapping as the tree has it now: an earlier cell of the row may have just added it.
  const parent = token.items[itemIndex(token, first)]?.value;
  if (parent?.type === 'block-map') {
    setKey(parent, second, change.column, change.value, nestedKeysBefore(change.column));
    // A mapping left with no keys is no mapping: remove its key too (`target:` with nothing under it is an error).
    if (parent.items.length === 0) removeKey(token, first);
  } else if (!isEmptyValue(change.value)) {
    addNestedKey(token, first, second, change.column, change.value, keysBefore(item, { path: [first] }));
  }
}

/** The keys that come before a column's key in the item's collection, in the language's order. */
function keysBefore(item: SourceItem, column: Pick<Column, 'path'>): string[] {
  const keys = Object.keys(collectionSchemas[item.collection].shape);
  return keys.slice(0, keys.indexOf(column.path[0]!));
}

function nestedKeysBefore(column: Column): string[] {
  // Only an objective's target is nested; its keys are in the order of the language.
  const keys = ['measure', 'baseline', 'value', 'comparison', 'unit', 'by'];
  return keys.slice(0, keys.indexOf(column.path[1]!));
}

function itemIndex(token: MapToken, key: string): number {
  return token.items.findIndex((entry) => entry.key && CST.resolveAsScalar(entry.key)?.value === key);
}

function setKey(token: MapToken, key: string, column: Column, value: unknown, before: readonly string[]): void {
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
    key: CST.createScalarToken(key, { indent: token.indent, end: [] }),
    sep: [valueIndicator(token.indent), space(1)],
    value: column.kind === 'list' ? flowList(value as string[], token.indent, [newline(token.indent)]) : scalarToken(value, token.indent),
  });
}

/** Puts a new key into a mapping at `position` (never first: the first key's indentation is written before the mapping). */
function insertItem(token: MapToken, position: number, item: MapItem): void {
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

