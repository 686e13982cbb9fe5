// The sheets of a plan's workbook and their columns, read off the plan language's JSON Schema so that
// a key added to the language gets its column: one sheet per collection, one column per key (a nested
// mapping's keys as `target.value`), each with the kind of cell it takes.

import { planJsonSchema, referenceKindAt, type JsonSchema, type ReferenceKind } from '../model/json-schema.js';
import type { CollectionName } from '../model/schema.js';

export type CellKind = 'text' | 'number' | 'whole' | 'date' | 'list' | 'choice';

export interface Column {
  /** The header: the key, or `parent.key` for a key of a nested mapping. */
  header: string;
  path: readonly string[];
  kind: CellKind;
  /** The values a `choice` column takes. */
  choices?: readonly string[];
  /** For a column that names one item: what kind of item, for the list of the plan's ids. */
  reference?: ReferenceKind;
  required: boolean;
}

export interface SheetShape {
  /** The sheet's name, as the workbook shows it and a bad cell is named (`Objectives!D14`). */
  name: string;
  collection: CollectionName;
  columns: Column[];
}

/** The collections a workbook holds. */
export const SHEET_COLLECTIONS: readonly { name: string; collection: CollectionName }[] = [
  { name: 'Objectives', collection: 'objectives' },
  { name: 'Actions', collection: 'actions' },
  { name: 'Metrics', collection: 'metrics' },
];

function kindOf(node: JsonSchema): Pick<Column, 'kind' | 'choices'> | undefined {
  if (Array.isArray(node.enum)) return { kind: 'choice', choices: node.enum as string[] };
  if (node.type === 'integer') return { kind: 'whole' };
  if (node.type === 'number') return { kind: 'number' };
  if (node.type === 'string') return { kind: node.format === 'date' ? 'date' : 'text' };
  if (node.type === 'array' && node.items?.type === 'string') return { kind: 'list' };
  return undefined;
}

/** Keys that are the tooling's state, not a planner's text: `plan review` writes them, a workbook leaves them alone. */
const NOT_IN_WORKBOOK = new Set(['reviewed']);

function columnsOf(item: JsonSchema, collection: CollectionName, prefix: string[] = []): Column[] {
  const required = new Set((item.required as string[] | undefined) ?? []);
  return Object.entries(item.properties ?? {}).flatMap(([key, node]): Column[] => {
    if (prefix.length === 0 && NOT_IN_WORKBOOK.has(key)) return [];
    const path = [...prefix, key];
    if (prefix.length === 0 && node.type === 'object' && node.properties) return columnsOf(node, collection, path);
    const kind = kindOf(node);
    // A cell holds one value of a key at most two deep: a target's range, national figure, figures per
    // organisation and parts stay in the YAML, and plan import leaves them as they are.
    if (!kind && prefix.length > 0) return [];
    if (!kind) throw new Error(`the key ${path.join('.')} of ${collection} has no kind of cell`);
    const reference = referenceKindAt([collection, '[]', ...path]);
    return [{ header: path.join('.'), path, ...kind, ...(reference ? { reference } : {}), required: prefix.length === 0 && required.has(key) }];
  });
}

let shapes: SheetShape[] | undefined;

export function sheetShapes(): SheetShape[] {
  if (shapes) return shapes;
  const schema = planJsonSchema();
  shapes = SHEET_COLLECTIONS.map(({ name, collection }) => {
    const list = schema.properties?.[collection]?.anyOf?.find((branch) => branch.type === 'array');
    if (!list?.items) throw new Error(`the plan language has no list of ${collection}`);
    return { name, collection, columns: columnsOf(list.items, collection) };
  });
  return shapes;
}

/** A column's letter: A, B, …, Z, AA, …. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}
