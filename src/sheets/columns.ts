// The sheets of a plan's workbook and their columns. The items' and the trajectories' are read off the
// plan language's JSON Schema, so that a key added to the language gets its column: one column per key
// (a nested mapping's keys as `target.value`, a trajectory's periods one column each), each with the
// kind of cell it takes. The actuals' are the columns of an actuals CSV file.

import type { Plan } from '../link/plan-graph.js';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from '../model/actuals.js';
import { planJsonSchema, referenceKindAt, type JsonSchema, type ReferenceKind } from '../model/json-schema.js';
import type { CollectionName } from '../model/schema.js';

export type CellKind = 'text' | 'number' | 'whole' | 'date' | 'list' | 'choice' | 'period';

export interface Column {
  /** The header: the key, `parent.key` for a key of a nested mapping, or a trajectory's period. */
  header: string;
  path: readonly string[];
  kind: CellKind;
  /** The values a `choice` column takes. */
  choices?: readonly string[];
  /** For a column that names one item: what kind of item, for the list of the plan's ids. */
  reference?: ReferenceKind;
  required: boolean;
  /** What an empty cell stands for, when the language gives the key a default (a trajectory's `kind`). */
  default?: string;
  /** The least number the cell takes. */
  minimum?: number;
  /**
   * Shown for reading, not a key of the record: the title and portfolio of a progress update's action,
   * for whoever fills in a stocktake. plan import writes nothing from it, and refuses a changed one.
   */
  shown?: 'title' | 'portfolio';
}

/** What the Progress sheet shows of each action, by its id: its title, and the id of its portfolio. */
export type ActionsShown = ReadonlyMap<string, { title: string; portfolio: string | undefined }>;

/** Each action's title and portfolio (the one it names, or its first objective's owner), for the Progress sheet. */
export function actionsShown(plan: Plan): ActionsShown {
  return new Map(plan.actions.map((action) => [action.id, { title: action.item.title, portfolio: action.portfolio?.id }]));
}

/** What a sheet holds a row of: an item, a record of the planning year (a trajectory, an assessment, a progress update), or a row of an actuals file. */
export type SheetCollection = CollectionName | 'trajectories' | 'assessments' | 'progress' | 'actuals';

export interface SheetShape {
  /** The sheet's name, as the workbook shows it and a bad cell is named (`Objectives!D14`). */
  name: string;
  collection: SheetCollection;
  /** Its columns; a trajectory's period columns are made from the periods the plan (or the sheet) has. */
  columns: Column[];
  /** The headers of the columns that say what a row is: an item's `id`, or what a record is about. */
  key: readonly string[];
  /**
   * Records with no id are not made unique by their key: two trajectories may share one. Rows with the
   * same key are then matched to the records in order, the first row to the first record in the files.
   */
  matchedInOrder: boolean;
  /** For a mapping of period -> value (a trajectory's `values`): its key, and the place among the columns of its period columns. */
  periods?: { key: string; at: number };
}

/** The sheets of the plan's collections, read off the JSON Schema. */
const SCHEMA_SHEETS: readonly { name: string; collection: CollectionName | 'trajectories' | 'assessments' | 'progress'; key: readonly string[] }[] = [
  { name: 'Objectives', collection: 'objectives', key: ['id'] },
  { name: 'Actions', collection: 'actions', key: ['id'] },
  { name: 'Metrics', collection: 'metrics', key: ['id'] },
  // What a trajectory is for: the schema makes nothing unique, so several may share this (see matchedInOrder).
  { name: 'Trajectories', collection: 'trajectories', key: ['target', 'part', 'organisation', 'kind'] },
  // What an assessment judges: a position of a target, for an organisation, in a period.
  { name: 'Assessments', collection: 'assessments', key: ['target', 'part', 'organisation', 'position', 'period'] },
  // What a progress update answers: an action's stocktake of a quarter (several may, matched in order).
  { name: 'Progress', collection: 'progress', key: ['action', 'quarter'] },
];

export const ACTUALS_SHEET = 'Actuals';

/** The column of the Actuals sheet that says which file of actuals/ a row is in. */
export const ACTUALS_FILE_COLUMN = 'file';

type ActualsColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** The columns of an actuals file, in the order of the sheet (a file may give them in any order). */
const ACTUALS_COLUMNS: Record<ActualsColumn, Omit<Column, 'header' | 'path' | 'required'>> = {
  target: { kind: 'text', reference: 'target' },
  part: { kind: 'text' },
  organisation: { kind: 'text', reference: 'organisation' },
  period: { kind: 'period' },
  value: { kind: 'number' },
  note: { kind: 'text' },
};

function kindOf(node: JsonSchema): Pick<Column, 'kind' | 'choices' | 'default' | 'minimum'> | undefined {
  const extra = { ...(typeof node.default === 'string' ? { default: node.default } : {}), ...(typeof node.minimum === 'number' ? { minimum: node.minimum } : {}) };
  if (Array.isArray(node.enum)) return { kind: 'choice', choices: node.enum as string[], ...extra };
  if (node.type === 'integer') return { kind: 'whole', ...extra };
  if (node.type === 'number') return { kind: 'number', ...extra };
  if (node.type === 'string') return { kind: node.format === 'date' ? 'date' : 'text', ...extra };
  if (node.type === 'array' && node.items?.type === 'string') return { kind: 'list', ...extra };
  return undefined;
}

/** Keys that are the tooling's state, not a planner's text: `plan review` writes them, a workbook leaves them alone. */
const NOT_IN_WORKBOOK = new Set(['reviewed']);

/** A mapping whose keys are the planner's own (a trajectory's periods), not the language's. */
const isOpenMapping = (node: JsonSchema): boolean => node.type === 'object' && !node.properties && typeof node.additionalProperties === 'object';

function columnsOf(item: JsonSchema, collection: SheetCollection, prefix: string[] = []): Column[] {
  const required = new Set((item.required as string[] | undefined) ?? []);
  return Object.entries(item.properties ?? {}).flatMap(([key, node]): Column[] => {
    if (prefix.length === 0 && NOT_IN_WORKBOOK.has(key)) return [];
    const path = [...prefix, key];
    if (prefix.length === 0 && node.type === 'object' && node.properties) return columnsOf(node, collection, path);
    if (prefix.length === 0 && isOpenMapping(node)) return [];
    // A record's period or quarter is a period cell, kept as typed: a spreadsheet would make `2024-03` a date.
    const kind = prefix.length === 0 && (key === 'period' || key === 'quarter') && node.type === 'string' ? { kind: 'period' as const } : kindOf(node);
    // A cell holds one value of a key at most two deep: a target's range, national figure, figures per
    // organisation and parts stay in the YAML, and plan import leaves them as they are.
    if (!kind && prefix.length > 0) return [];
    if (!kind) throw new Error(`the key ${path.join('.')} of ${collection} has no kind of cell`);
    const reference = referenceKindAt([collection, '[]', ...path]);
    return [{ header: path.join('.'), path, ...kind, ...(reference ? { reference } : {}), required: prefix.length === 0 && required.has(key) }];
  });
}

/** Where the period columns of an open mapping go: in the place of its key among the item's keys. */
function periodsOf(item: JsonSchema, columns: readonly Column[]): SheetShape['periods'] {
  const keys = Object.keys(item.properties ?? {});
  const key = keys.find((k) => isOpenMapping(item.properties![k]!));
  if (!key) return undefined;
  const before = new Set(keys.slice(0, keys.indexOf(key)));
  return { key, at: columns.filter((column) => before.has(column.path[0]!)).length };
}

let shapes: SheetShape[] | undefined;

/** Every sheet a workbook may have, in the order it has them. */
export function sheetShapes(): SheetShape[] {
  if (shapes) return shapes;
  const schema = planJsonSchema();
  shapes = SCHEMA_SHEETS.map(({ name, collection, key }) => {
    const list = schema.properties?.[collection]?.anyOf?.find((branch) => branch.type === 'array');
    if (!list?.items) throw new Error(`the plan language has no list of ${collection}`);
    const columns = collection === 'progress' ? withActionShown(columnsOf(list.items, collection)) : columnsOf(list.items, collection);
    const periods = periodsOf(list.items, columns);
    return { name, collection, columns, key, matchedInOrder: key[0] !== 'id', ...(periods ? { periods } : {}) };
  });
  const required = new Set<string>(REQUIRED_COLUMNS);
  shapes.push({
    name: ACTUALS_SHEET,
    collection: 'actuals',
    columns: [
      ...Object.entries(ACTUALS_COLUMNS).map(([header, kind]) => ({ header, path: [header], ...kind, required: required.has(header) })),
      { header: ACTUALS_FILE_COLUMN, path: [ACTUALS_FILE_COLUMN], kind: 'text', required: true },
    ],
    // One value per target, part, organisation and period: model/actuals.ts refuses a second.
    key: ['target', 'part', 'organisation', 'period'],
    matchedInOrder: false,
  });
  return shapes;
}

/** The Progress sheet's columns: the action's portfolio, the action, its title, then the update's keys. */
function withActionShown(columns: Column[]): Column[] {
  const action = columns.findIndex((column) => column.header === 'action');
  const shown = (header: 'title' | 'portfolio'): Column => ({ header, path: [header], kind: 'text', required: false, shown: header });
  return [shown('portfolio'), ...columns.slice(0, action + 1), shown('title'), ...columns.slice(action + 1)];
}

/** The column of one period of a trajectory: its value there, a number. */
export function periodColumn(shape: SheetShape, label: string): Column {
  return { header: label, path: [shape.periods!.key, label], kind: 'number', required: false };
}

/** The text of the key cells of an item or record (plain data), as its row holds them: a key left out is its default. */
export function keyOf(shape: SheetShape, data: unknown): Record<string, string | undefined> {
  const key: Record<string, string | undefined> = {};
  for (const header of shape.key) {
    const value = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[header] : undefined;
    key[header] = value === undefined || value === null ? shape.columns.find((column) => column.header === header)?.default : String(value);
  }
  return key;
}

/** What a row is, from the text of its key cells: the same for a row of the sheet and the record it stands for. */
export function rowKey(shape: SheetShape, key: Readonly<Record<string, string | undefined>>, ordinal = 0): string {
  return JSON.stringify([...shape.key.map((header) => key[header] ?? ''), ...(shape.matchedInOrder ? [ordinal] : [])]);
}

const ORDINALS = ['', 'second ', 'third ', 'fourth ', 'fifth '];

/** What a record is, for a message ("planned trajectory of `no-01` for `uhnm`"); an item's id. */
export function rowName(shape: SheetShape, key: Readonly<Record<string, string | undefined>>, ordinal = 0): string {
  const code = (text: string | undefined) => `\`${text ?? ''}\``;
  const part = key.part ? ` (part ${code(key.part)})` : '';
  const organisation = key.organisation ? ` for ${code(key.organisation)}` : '';
  switch (shape.collection) {
    case 'trajectories':
      return `${ORDINALS[ordinal] ?? `${ordinal + 1}th `}${key.kind ?? 'planned'} trajectory of ${code(key.target)}${part}${organisation}`;
    case 'assessments':
      return `${ORDINALS[ordinal] ?? `${ordinal + 1}th `}assessment of the ${key.position ?? ''} position of ${code(key.target)}${part}${organisation}${key.period ? ` in ${key.period}` : ''}`;
    case 'progress':
      return `${ORDINALS[ordinal] ?? `${ordinal + 1}th `}progress update on ${code(key.action)}${key.quarter ? ` for ${key.quarter}` : ''}`;
    case 'actuals':
      return `actual of ${code(key.target)}${part}${organisation} in ${key.period ?? ''}`;
    default:
      return key.id ?? '';
  }
}

/** How a sentence names a row's item or record: `no-04`, "the planned trajectory of `no-01` for `uhnm`". */
export function rowSubject(shape: SheetShape, key: Readonly<Record<string, string | undefined>>, ordinal = 0): string {
  return shape.key[0] === 'id' ? rowName(shape, key, ordinal) : `the ${rowName(shape, key, ordinal)}`;
}

/** Whether a cell's value and a plan's value are the same, as plain data. */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
/** An empty cell, an absent value, or an empty list. */
export const isEmptyValue = (value: unknown): boolean => value === undefined || value === null || (Array.isArray(value) && value.length === 0);

/** A column's letter: A, B, …, Z, AA, …. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}
