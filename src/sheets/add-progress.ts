// The one kind of record plan import adds: a progress update, from a row of the Progress sheet that no
// update of the plan is. A quarterly stocktake is collected that way: the export leaves a row for each
// action the latest stocktake due still waits for, and whoever answers fills it in. A new update goes
// in after the action's last one (in its file), else at the end of the plan's list of updates, else
// into a new file, progress.yaml; its text is written as the `yaml` library writes a list item, every
// other byte of the file staying as it was.

import { CST, Document, isMap, isSeq, parseDocument, Parser, type Node, type YAMLSeq } from 'yaml';
import { recordSchemas } from '../model/schema.js';
import { didYouMean } from '../suggest.js';
import { columnLetter, isEmptyValue } from './columns.js';
import type { CellProblem, SheetRow } from './read-workbook.js';
import type { SourceDocument } from './sources.js';

/** A progress update to add: the row it comes from and its keys, in the language's order. */
export interface NewUpdate {
  row: SheetRow;
  data: Record<string, unknown>;
}

/** The file a plan with no progress updates gets its first ones in. */
export const NEW_PROGRESS_FILE = 'progress.yaml';

/**
 * The update a row of the Progress sheet stands for when it matches none of the plan's: undefined for a
 * row with nothing filled in but its action and quarter (one the export left for the stocktake), and
 * problems for one that is not a whole update of one of the plan's actions.
 */
export function newUpdateOf(row: SheetRow, actionIds: ReadonlySet<string>): { update: NewUpdate } | { problems: CellProblem[] } | undefined {
  if (row.cells.every((cell) => isEmptyValue(cell.value))) return undefined;
  const action = row.keyValues.action ?? '';
  if (!actionIds.has(action)) {
    return { problems: [{ cell: row.keyCell, message: `The plan has no action \`${action}\` to add a progress update to.${didYouMean(action, actionIds)}`, hint: 'Give the id of one of the plan\'s actions, as the Actions sheet lists them.' }] };
  }
  const data: Record<string, unknown> = {};
  for (const column of row.shape.columns) {
    const value = row.shape.key.includes(column.header) ? row.keyValues[column.header] : row.cells.find((cell) => cell.column === column)?.value;
    if (!isEmptyValue(value)) data[column.header] = value;
  }
  const result = recordSchemas.progress.safeParse(data);
  if (result.success) return { update: { row, data } };
  const cellOf = (header: string) => row.cells.find((cell) => cell.column.header === header)?.cell
    ?? `${row.shape.name}!${columnLetter(Math.max(row.shape.columns.findIndex((column) => column.header === header), 0))}${row.row}`;
  return {
    problems: result.error.issues.map((issue): CellProblem => {
      const header = String(issue.path[0] ?? '');
      return data[header] === undefined
        ? { cell: cellOf(header), message: `The new ${row.what} needs ${/^[aeiou]/.test(header) ? 'an' : 'a'} ${header.replace(/_/g, ' ')}: the cell cannot be empty.`, hint: header === 'date' ? 'Write the date of the update, such as 2024-06-28.' : 'Fill it in, or clear the row\'s other cells to leave the update out.' }
        : { cell: cellOf(header), message: `${header.replace(/_/g, ' ')} of the new ${row.what} ${issue.message}.` };
    }),
  };
}

/** Where the new updates went: the files changed (their syntax trees edited) and the new file's text, and how many each got. */
export interface Added {
  edited: Set<SourceDocument>;
  /** A file the plan did not have (progress.yaml), path -> text. */
  created: Map<string, string>;
  counts: Map<string, number>;
  /** The new updates, by the file each went into. */
  placed: Map<string, NewUpdate[]>;
  problems: CellProblem[];
}

type SeqItem = CST.BlockSequence['items'][number];

/** Puts each new update in its place, in the order of the sheet's rows. */
export function addUpdates(sources: readonly SourceDocument[], updates: readonly NewUpdate[]): Added {
  const added: Added = { edited: new Set(), created: new Map(), counts: new Map(), placed: new Map(), problems: [] };
  if (updates.length === 0) return added;
  const written = sources.flatMap((source) => {
    const list: unknown = isMap(source.document.contents) ? source.document.contents.get('progress', true) : undefined;
    return list === undefined ? [] : [{ source, list }];
  });
  const odd = written.find(({ list }) => !isSeq(list) || (list.srcToken as CST.Token | undefined)?.type !== 'block-seq');
  if (odd) {
    added.problems.push({ cell: updates[0]!.row.keyCell, message: `The progress updates in ${odd.source.file} are not written as a list one item per line (- action: …), so plan import cannot add one there.`, hint: 'Write `progress:` in the file as a list with one `- action:` item per update, then import again.' });
    return added;
  }
  const lists = written as { source: SourceDocument; list: YAMLSeq }[];
  const pending: { source: SourceDocument; token: CST.BlockSequence; after: number; items: SeqItem[] }[] = [];
  let created: string[] | undefined;
  for (const update of updates) {
    const action = update.data.action;
    // After the action's last update, else at the end of the last list of updates.
    let place: { source: SourceDocument; list: YAMLSeq; index: number } | undefined;
    for (const { source, list } of lists) {
      list.items.forEach((item, index) => {
        if (isMap(item) && item.get('action') === action) place = { source, list, index };
      });
    }
    const last = lists[lists.length - 1];
    place ??= last ? { source: last.source, list: last.list, index: last.list.items.length - 1 } : undefined;
    if (!place) {
      (created ??= ['progress:\n']).push(itemText(update.data, 2));
      noteAdded(added, NEW_PROGRESS_FILE, update);
      continue;
    }
    const token = place.list.srcToken as CST.BlockSequence;
    let slot = pending.find((p) => p.token === token && p.after === place!.index);
    if (!slot) pending.push((slot = { source: place.source, token, after: place.index, items: [] }));
    slot.items.push(itemToken(update.data, token.indent));
    added.edited.add(place.source);
    noteAdded(added, place.source.file, update);
  }
  // The latest places first, so that the places before them stay where they were.
  for (const { token, after, items } of pending.sort((a, b) => b.after - a.after)) {
    const previous = token.items[after];
    if (previous && !CST.stringify(previous).endsWith('\n')) items[0]!.start.unshift({ type: 'newline', offset: 0, indent: token.indent, source: '\n' });
    token.items.splice(after + 1, 0, ...items);
  }
  if (created) {
    if (sources.some((source) => source.file === NEW_PROGRESS_FILE)) {
      added.problems.push({ cell: updates[0]!.row.keyCell, message: `The plan has no list of progress updates to add to, and its file ${NEW_PROGRESS_FILE} has none either.`, hint: 'Add `progress:` with one update to a .yaml file of the plan, then import again.' });
      return added;
    }
    added.created.set(NEW_PROGRESS_FILE, created.join(''));
  }
  return added;
}

/** Notes that an update goes into a file. */
function noteAdded(added: Added, file: string, update: NewUpdate): void {
  added.counts.set(file, (added.counts.get(file) ?? 0) + 1);
  const list = added.placed.get(file);
  if (list) list.push(update);
  else added.placed.set(file, [update]);
}

/** A progress update as a list item, as the `yaml` library writes one, each line indented to `indent`. */
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
 * Reads the changed files back as `plan check` will: each file's list of updates must have grown by the
 * updates put in it, each there as it was meant (the updates changed in place are checkEdited's).
 * Anything else is a bug, not the planner's.
 */
export function checkAdded(changed: ReadonlyMap<string, string>, sources: readonly SourceDocument[], added: Added): void {
  const progressOf = (value: unknown): unknown[] => {
    const list = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).progress : undefined;
    return Array.isArray(list) ? list : [];
  };
  for (const [file, updates] of added.placed) {
    const text = changed.get(file);
    if (text === undefined) throw new Error(`${file} was to get progress updates, and was not written`);
    const now = progressOf((parseDocument(text.replace(/^\ufeff/, ''), { version: '1.2' }).contents as Node | null)?.toJSON());
    const was = progressOf(sources.find((source) => source.file === file)?.document.toJSON());
    if (now.length !== was.length + updates.length) throw new Error(`${file} came back with ${now.length} progress updates, not ${was.length + updates.length}`);
    const written = now.map((item) => JSON.stringify(item));
    for (const update of updates) {
      const at = written.indexOf(JSON.stringify(update.data));
      if (at < 0) throw new Error(`a progress update added to ${file} did not come back from it as it was written`);
      written.splice(at, 1);
    }
  }
}
