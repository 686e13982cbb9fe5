// The two kinds of record plan import adds, from a row of their sheet that no record of the plan is: a
// progress update (the Progress sheet) and a recorded assessment (the Assessments sheet). A quarterly
// stocktake is collected that way: the export leaves a row for each action the latest stocktake due
// still waits for, and whoever answers fills it in; an assessment of where a target stands is a row
// added at the end of its sheet. A new record goes in after the last one about the same action or
// target, else at the end of the plan's last list of them, else into a new file (progress.yaml,
// assessments.yaml); an update looks first among the lists that hold updates of its quarter, so a plan
// that keeps a file per quarter gets it there. Its text is written as the `yaml` library writes a list
// item, every other byte of the file staying as it was.

import { CST, Document, isMap, isSeq, parseDocument, Parser, type Node, type YAMLSeq } from 'yaml';
import { recordSchemas } from '../model/schema.js';
import { didYouMean } from '../suggest.js';
import { columnLetter, isEmptyValue } from './columns.js';
import type { CellProblem, SheetRow } from './read-workbook.js';
import type { SourceDocument } from './sources.js';

/** The records plan import adds. */
export type AddedCollection = 'progress' | 'assessments';

/** A record to add: the row it comes from and its keys, in the language's order. */
export interface NewRecord {
  collection: AddedCollection;
  row: SheetRow;
  data: Record<string, unknown>;
}

/**
 * Each kind of record plan import adds: the field that says what a record is about (a new one goes
 * beside the others about the same), the words for one and for the list, and the file a plan with none
 * gets its first ones in.
 */
export const ADDED_RECORDS: Readonly<Record<AddedCollection, { about: 'action' | 'target'; noun: string; nouns: string; file: string }>> = {
  progress: { about: 'action', noun: 'update', nouns: 'progress updates', file: 'progress.yaml' },
  assessments: { about: 'target', noun: 'assessment', nouns: 'assessments', file: 'assessments.yaml' },
};

/** What a new record may refer to: the plan's actions (of an update), its objectives and metrics (the target of an assessment), its organisations. */
export interface RecordReferences {
  actions: ReadonlySet<string>;
  targets: ReadonlySet<string>;
  organisations: ReadonlySet<string>;
}

/**
 * The record a row of the Progress or Assessments sheet stands for when it matches none of the plan's:
 * undefined for a row of the Progress sheet with nothing filled in but its action and quarter (one the
 * export left for the stocktake), and problems for one that is not a whole record about what the plan has.
 */
export function newRecordOf(row: SheetRow, references: RecordReferences): { record: NewRecord } | { problems: CellProblem[] } | undefined {
  const collection = row.shape.collection as AddedCollection;
  if (collection === 'progress' && row.cells.every((cell) => isEmptyValue(cell.value))) return undefined;
  const cellOf = (header: string) => row.cells.find((cell) => cell.column.header === header)?.cell
    ?? `${row.shape.name}!${columnLetter(Math.max(row.shape.columns.findIndex((column) => column.header === header), 0))}${row.row}`;
  const unknown = unknownReference(row, references, cellOf);
  if (unknown.length > 0) return { problems: unknown };
  const data: Record<string, unknown> = {};
  for (const column of row.shape.columns) {
    const value = row.shape.key.includes(column.header) ? row.keyValues[column.header] : row.cells.find((cell) => cell.column === column)?.value;
    if (!isEmptyValue(value)) data[column.header] = value;
  }
  const result = recordSchemas[collection].safeParse(data);
  if (result.success) return { record: { collection, row, data } };
  return {
    // A cell that could not be read has been reported as it is, and is not reported again as empty.
    problems: result.error.issues.filter((issue) => {
      const header = String(issue.path[0] ?? '');
      return row.shape.key.includes(header) || row.cells.some((cell) => cell.column.header === header) || !row.shape.columns.some((column) => column.header === header);
    }).map((issue): CellProblem => {
      const header = String(issue.path[0] ?? '');
      return data[header] === undefined
        ? { cell: cellOf(header), message: `The new ${row.what} needs ${NEEDS[header] ?? `${/^[aeiou]/.test(header) ? 'an' : 'a'} ${header.replace(/_/g, ' ')}`}: the cell cannot be empty.`, hint: emptyHint(collection, header) }
        : { cell: cellOf(header), message: `${header.replace(/_/g, ' ')} of the new ${row.what} ${issue.message}.` };
    }),
  };
}

/** What a new record needs, in words, where its column's name does not say it plainly. */
const NEEDS: Readonly<Record<string, string>> = { assessed_by: 'who made it (`assessed_by`)', assessed_on: 'the date it was made (`assessed_on`)' };

/** What to write in an empty cell a new record needs. */
function emptyHint(collection: AddedCollection, header: string): string {
  const { noun } = ADDED_RECORDS[collection];
  if (header === 'date' || header === 'assessed_on') return `Write the date of the ${noun}, such as 2024-06-28.`;
  if (header === 'assessed_by') return 'Write who made the assessment, such as the ICB\'s planning team.';
  return `Fill it in, or clear the row's other cells to leave the ${noun} out.`;
}

/** The ids a new record names that the plan does not have: an action, a target's objective or metric, an organisation. */
function unknownReference(row: SheetRow, references: RecordReferences, cellOf: (header: string) => string): CellProblem[] {
  if (row.shape.collection === 'progress') {
    const action = row.keyValues.action ?? '';
    return references.actions.has(action) ? [] : [{ cell: row.keyCell, message: `The plan has no action \`${action}\` to add a progress update to.${didYouMean(action, references.actions)}`, hint: 'Give the id of one of the plan\'s actions, as the Actions sheet lists them.' }];
  }
  const problems: CellProblem[] = [];
  const target = row.keyValues.target ?? '';
  if (!references.targets.has(target)) {
    problems.push({ cell: row.keyCell, message: `The plan has no objective or metric \`${target}\` to add an assessment of its target to.${didYouMean(target, references.targets)}`, hint: 'Give the id of the objective or metric whose target is assessed, as the Objectives and Metrics sheets list them.' });
  }
  const organisation = row.keyValues.organisation;
  if (organisation !== undefined && !references.organisations.has(organisation)) {
    problems.push({ cell: cellOf('organisation'), message: `The plan has no organisation \`${organisation}\`.${didYouMean(organisation, references.organisations)}`, hint: 'Give the id of one of the plan\'s organisations, or leave the cell empty for the plan\'s own.' });
  }
  return problems;
}

/** Where the new records went: the files changed (their syntax trees edited) and the new files' texts, and how many each got. */
export interface Added {
  edited: Set<SourceDocument>;
  /** Files the plan did not have (progress.yaml, assessments.yaml), path -> text. */
  created: Map<string, string>;
  /** How many records of each kind each file got. */
  counts: Map<AddedCollection, Map<string, number>>;
  /** The new records, by the file each went into. */
  placed: Map<string, NewRecord[]>;
  problems: CellProblem[];
}

type SeqItem = CST.BlockSequence['items'][number];

/** Puts each new record in its place, in the order of the sheet's rows: the updates, then the assessments. */
export function addRecords(sources: readonly SourceDocument[], records: readonly NewRecord[]): Added {
  const added: Added = { edited: new Set(), created: new Map(), counts: new Map(), placed: new Map(), problems: [] };
  for (const collection of ['progress', 'assessments'] as const) {
    const ofKind = records.filter((record) => record.collection === collection);
    if (ofKind.length > 0) addOfKind(sources, collection, ofKind, added);
  }
  return added;
}

/** Puts the new records of one kind in their places. */
function addOfKind(sources: readonly SourceDocument[], collection: AddedCollection, records: readonly NewRecord[], added: Added): void {
  const written = sources.flatMap((source) => {
    const list: unknown = isMap(source.document.contents) ? source.document.contents.get(collection, true) : undefined;
    return list === undefined ? [] : [{ source, list }];
  });
  const { about, noun, nouns, file: newFile } = ADDED_RECORDS[collection];
  const odd = written.find(({ list }) => !isSeq(list) || (list.srcToken as CST.Token | undefined)?.type !== 'block-seq');
  if (odd) {
    added.problems.push({ cell: records[0]!.row.keyCell, message: `The ${nouns} in ${odd.source.file} are not written as a list one item per line (- ${about}: …), so plan import cannot add one there.`, hint: `Write \`${collection}:\` in the file as a list with one \`- ${about}:\` item per ${noun}, then import again.` });
    return;
  }
  const lists = written as { source: SourceDocument; list: YAMLSeq }[];
  const pending: { source: SourceDocument; token: CST.BlockSequence; after: number; items: SeqItem[] }[] = [];
  let created: string[] | undefined;
  for (const record of records) {
    // An update goes among the updates of its quarter where the plan keeps them apart (a file per quarter).
    const quarter = collection === 'progress' ? record.data.quarter : undefined;
    const ofQuarter = quarter === undefined ? [] : lists.filter(({ list }) => list.items.some((item) => isMap(item) && item.get('quarter') === quarter));
    const scope = ofQuarter.length > 0 ? ofQuarter : lists;
    // After the last record about the same action or target, else at the end of the last list of them.
    let place: { source: SourceDocument; list: YAMLSeq; index: number } | undefined;
    for (const { source, list } of scope) {
      list.items.forEach((item, index) => {
        if (isMap(item) && item.get(about) === record.data[about]) place = { source, list, index };
      });
    }
    const last = scope[scope.length - 1];
    place ??= last ? { source: last.source, list: last.list, index: last.list.items.length - 1 } : undefined;
    if (!place) {
      (created ??= [`${collection}:\n`]).push(itemText(record.data, 2));
      noteAdded(added, newFile, record);
      continue;
    }
    const token = place.list.srcToken as CST.BlockSequence;
    let slot = pending.find((p) => p.token === token && p.after === place!.index);
    if (!slot) pending.push((slot = { source: place.source, token, after: place.index, items: [] }));
    slot.items.push(itemToken(record.data, token.indent));
    added.edited.add(place.source);
    noteAdded(added, place.source.file, record);
  }
  // The latest places first, so that the places before them stay where they were.
  for (const { token, after, items } of pending.sort((a, b) => b.after - a.after)) {
    const previous = token.items[after];
    if (previous && !CST.stringify(previous).endsWith('\n')) items[0]!.start.unshift({ type: 'newline', offset: 0, indent: token.indent, source: '\n' });
    token.items.splice(after + 1, 0, ...items);
  }
  if (created) {
    if (sources.some((source) => source.file === newFile)) {
      added.problems.push({ cell: records[0]!.row.keyCell, message: `The plan has no list of ${nouns} to add to, and its file ${newFile} has none either.`, hint: `Add \`${collection}:\` with one ${noun} to a .yaml file of the plan, then import again.` });
      return;
    }
    added.created.set(newFile, created.join(''));
  }
}

/** Notes that a record goes into a file. */
function noteAdded(added: Added, file: string, record: NewRecord): void {
  let counts = added.counts.get(record.collection);
  if (!counts) added.counts.set(record.collection, (counts = new Map()));
  counts.set(file, (counts.get(file) ?? 0) + 1);
  const list = added.placed.get(file);
  if (list) list.push(record);
  else added.placed.set(file, [record]);
}

/** A record as a list item, as the `yaml` library writes one, each line indented to `indent`. */
function itemText(data: Record<string, unknown>, indent: number): string {
  const text = new Document([data]).toString({ lineWidth: 0 });
  return text.split('\n').map((line) => (line === '' ? line : `${' '.repeat(indent)}${line}`)).join('\n');
}

/** The list item's syntax tree, to go into a list whose items' dashes stand at `indent`. */
function itemToken(data: Record<string, unknown>, indent: number): SeqItem {
  const [document] = [...new Parser().parse(itemText(data, indent))] as CST.Document[];
  const item = (document!.value as CST.BlockSequence).items[0]!;
  // An item after the first carries its own indentation, which the parser gave the document here.
  return { ...item, start: [{ type: 'space', offset: 0, indent: 0, source: ' '.repeat(indent) }, ...item.start] };
}

/**
 * Reads the changed files back as `plan check` will: each file's list of records of a kind must have
 * grown by the records put in it, each there as it was meant (the records changed in place are
 * checkEdited's). Anything else is a bug, not the planner's.
 */
export function checkAdded(changed: ReadonlyMap<string, string>, sources: readonly SourceDocument[], added: Added): void {
  const listOf = (value: unknown, collection: AddedCollection): unknown[] => {
    const list = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[collection] : undefined;
    return Array.isArray(list) ? list : [];
  };
  for (const [file, records] of added.placed) {
    const text = changed.get(file);
    if (text === undefined) throw new Error(`${file} was to get new records, and was not written`);
    const reread = (parseDocument(text.replace(/^\ufeff/, ''), { version: '1.2' }).contents as Node | null)?.toJSON();
    const before = sources.find((source) => source.file === file)?.document.toJSON();
    for (const collection of ['progress', 'assessments'] as const) {
      const ofKind = records.filter((record) => record.collection === collection);
      const now = listOf(reread, collection);
      const was = listOf(before, collection);
      if (now.length !== was.length + ofKind.length) throw new Error(`${file} came back with ${now.length} ${collection} records, not ${was.length + ofKind.length}`);
      const written = now.map((item) => JSON.stringify(item));
      for (const record of ofKind) {
        const at = written.indexOf(JSON.stringify(record.data));
        if (at < 0) throw new Error(`a record added to ${file} did not come back from it as it was written`);
        written.splice(at, 1);
      }
    }
  }
}
