// A plan's workbook (`plan export --format xlsx`): one sheet per collection (and for the trajectories and
// actuals, where the plan has them), a header row of keys, frozen panes, dates as dates and numbers as
// numbers, and lists of the plan's ids offered where a cell names one item. The same sources always
// give the same bytes.

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { modelActuals } from '../model/actuals.js';
import type { PlanIds } from '../model/json-schema.js';
import type { CollectionName } from '../model/schema.js';
import { comparePeriods, parsePeriod } from '../model/period.js';
import { ACTUALS_FILE_COLUMN, columnLetter, periodColumn, sheetShapes, type ActionsShown, type Column, type SheetShape } from './columns.js';
import { entriesOf, itemsOf, type ActualsFile, type SourceDocument } from './sources.js';
import { ADDED_RECORDS } from './add-records.js';

/** Every date a workbook carries (its own creation, and each part's time in the zip): none is the time it was made. */
const FIXED_TIME = new Date(Date.UTC(2000, 0, 1));

/** The hidden sheet the reference columns' drop-down lists read from. */
export const LISTS_SHEET = 'Lists';

const WIDTHS: Record<string, number> = { id: 14, title: 70, update: 70, action: 24, reported_by: 30, assessed_by: 30, words: 24, name: 50, description: 50, 'target.measure': 40, source: 30, target: 14, organisation: 16, note: 40, [ACTUALS_FILE_COLUMN]: 24 };
const PERIOD_WIDTH = 10;

/** Excel's number format for text: what is typed in the cell stays as typed (a period, `2024-04`, is not made a date). */
const TEXT_FORMAT = '@';

/** The value of a key path in an item as plain data. */
export function valueAt(item: unknown, path: readonly string[]): unknown {
  let value = item;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** What a cell holds for a value of the plan: a date as a date, a list as `a, b`. */
function cellValue(column: Column, value: unknown): ExcelJS.CellValue {
  if (value === undefined || value === null) return column.default ?? null;
  if (column.kind === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  if (column.kind === 'list' && Array.isArray(value)) return value.length ? value.join(', ') : null;
  return value as ExcelJS.CellValue;
}

/** One sheet as it is written: its columns, and a row of cells per item or record. */
interface SheetContent {
  shape: SheetShape;
  columns: Column[];
  rows: ExcelJS.CellValue[][];
}

/** An action's update that a stocktake due is still waiting for: a row of the Progress sheet to fill in. */
export interface AwaitedUpdate {
  action: string;
  quarter: string;
}

/** What the record sheets are made with beside the sources: the updates a stocktake waits for, each action's title and portfolio, and whether the plan runs its year. */
export interface StocktakeRows {
  /** The updates the latest stocktake due still waits for, in the plan's order of actions. */
  awaited: readonly AwaitedUpdate[];
  actions: ActionsShown;
  /**
   * The plan runs its year (`year:` in plan.yaml): the Assessments and Progress sheets are written
   * even with no rows, their empty rows ready for the first assessment or update.
   */
  inTheYear?: boolean;
}

export async function planWorkbook(sources: readonly SourceDocument[], actualsFiles: readonly ActualsFile[], ids: PlanIds, stocktake: StocktakeRows = { awaited: [], actions: new Map() }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'plan';
  workbook.lastModifiedBy = 'plan';
  workbook.created = FIXED_TIME;
  workbook.modified = FIXED_TIME;
  const contents = sheetShapes().map((shape): SheetContent => {
    if (shape.collection === 'actuals') return actualsSheet(shape, actualsFiles);
    if (shape.collection === 'trajectories') return trajectoriesSheet(shape, sources);
    if (shape.collection === 'assessments') return recordsSheet(shape, sources, shape.collection, []);
    if (shape.collection === 'progress') return recordsSheet(shape, sources, shape.collection, stocktake.awaited, stocktake.actions);
    return itemsSheet(shape, sources, shape.collection);
  }).filter((content) => !isRecordSheet(content.shape) || content.rows.length > 0 || (stocktake.inTheYear === true && ADDED_BY_IMPORT.has(content.shape.collection)));
  const sheets = contents.map((content) => workbook.addWorksheet(content.shape.name, { views: [{ state: 'frozen', xSplit: frozenColumns(content), ySplit: 1 }] }));

  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const listRange = new Map<string, string>();
  Object.entries(ids).forEach(([kind, values], index) => {
    const letter = columnLetter(index);
    lists.getCell(`${letter}1`).value = kind;
    values.forEach((id, row) => (lists.getCell(`${letter}${row + 2}`).value = id));
    if (values.length > 0) listRange.set(kind, `${LISTS_SHEET}!$${letter}$2:$${letter}$${values.length + 1}`);
  });

  contents.forEach((content, sheetIndex) => writeSheet(sheets[sheetIndex]!, content, listRange));
  return fixedTimes(Buffer.from(await workbook.xlsx.writeBuffer()));
}

/**
 * The sheets of records (trajectories, assessments, progress updates, actuals) are written only where
 * the plan has some, but for those that plan import adds records from, in a plan that runs its year.
 */
const isRecordSheet = (shape: SheetShape): boolean => shape.key[0] !== 'id';
/** The records a row that matches none adds (the progress updates, the assessments): their sheets end with rows to fill in. */
const ADDED_BY_IMPORT: ReadonlySet<string> = new Set(Object.keys(ADDED_RECORDS));

/** What the ids a drop-down list offers are, in its warning. */
const REFERENCE_WORDS: Partial<Record<string, string>> = { target: 'objective or metric' };

/** The key columns stay in view as the sheet scrolls: an item's id, or what a record is about (with what is shown of it). */
function frozenColumns(content: SheetContent): number {
  const count = content.columns.findIndex((column) => !content.shape.key.includes(column.header) && !column.shown);
  return count < 0 ? content.columns.length : count;
}

function itemsSheet(shape: SheetShape, sources: readonly SourceDocument[], collection: CollectionName): SheetContent {
  const rows = itemsOf(sources, collection).map((item) => {
    const data: unknown = item.node.toJSON();
    return shape.columns.map((column) => cellValue(column, valueAt(data, column.path)));
  });
  return { shape, columns: shape.columns, rows };
}

/**
 * A record a row, each key a column (the assessments, the progress updates); then, on the Progress
 * sheet, a row for each update the latest stocktake due still waits for, with its action and quarter
 * and the rest to fill in (plan import adds each row filled in).
 */
function recordsSheet(shape: SheetShape, sources: readonly SourceDocument[], collection: 'assessments' | 'progress', awaited: readonly AwaitedUpdate[], actions?: ActionsShown): SheetContent {
  const records: unknown[] = [...entriesOf(sources, collection).map((entry) => entry.node.toJSON()), ...awaited];
  const value = (record: unknown, column: Column) => {
    if (!column.shown) return valueAt(record, column.path);
    const action = valueAt(record, ['action']);
    return typeof action === 'string' ? actions?.get(action)?.[column.shown] : undefined;
  };
  return { shape, columns: shape.columns, rows: records.map((record) => shape.columns.map((column) => cellValue(column, value(record, column)))) };
}

/** A trajectory a row: one column per period any trajectory of the plan has, in time order, as a planning return lays out a profile. */
function trajectoriesSheet(shape: SheetShape, sources: readonly SourceDocument[]): SheetContent {
  const records: unknown[] = entriesOf(sources, 'trajectories').map((entry) => entry.node.toJSON());
  const labels = new Set<string>();
  for (const record of records) for (const label of Object.keys((valueAt(record, [shape.periods!.key]) as object | null) ?? {})) labels.add(label);
  const periods = [...labels].map((label) => parsePeriod(label)!).sort(comparePeriods).map((period) => periodColumn(shape, period.label));
  const at = shape.periods!.at;
  const columns = [...shape.columns.slice(0, at), ...periods, ...shape.columns.slice(at)];
  return { shape, columns, rows: records.map((record) => columns.map((column) => cellValue(column, valueAt(record, column.path)))) };
}

/** A row of an actuals file a row, with the file it is in; `part` and `note` only where a file has those columns. */
function actualsSheet(shape: SheetShape, files: readonly ActualsFile[]): SheetContent {
  const headers = new Set(files.flatMap((file) => file.table.header));
  const columns = shape.columns.filter((column) => column.required || headers.has(column.header));
  const { actuals } = modelActuals(files.map((file) => file.table));
  const rows = actuals.map((actual) => {
    const values: Record<string, unknown> = { ...actual, period: actual.period.label, [ACTUALS_FILE_COLUMN]: actual.at.file };
    return columns.map((column) => cellValue(column, values[column.header]));
  });
  return { shape, columns, rows };
}

function writeSheet(sheet: ExcelJS.Worksheet, { shape, columns, rows }: SheetContent, listRange: ReadonlyMap<string, string>): void {
  sheet.columns = columns.map((column) => ({ header: column.header, key: column.header, width: isPeriod(shape, column) ? PERIOD_WIDTH : WIDTHS[column.header] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: 'A1', to: `${columnLetter(columns.length - 1)}1` };
  for (const row of rows) sheet.addRow(row);
  // Below the records plan import adds (progress updates, assessments), rows ready to fill in: their cells
  // formatted and offering the same choices as those above.
  const last = sheet.rowCount + (ADDED_BY_IMPORT.has(shape.collection) ? ROWS_TO_FILL_IN : 0);
  columns.forEach((column, columnIndex) => {
    const letter = columnLetter(columnIndex);
    // A period typed into the header of a column inserted beside this one (Excel copies the format) stays a period.
    if (isPeriod(shape, column)) sheet.getCell(`${letter}1`).numFmt = TEXT_FORMAT;
    const choices = column.choices ? `"${column.choices.join(',')}"` : column.reference ? listRange.get(column.reference) : undefined;
    for (let row = 2; row <= last; row++) {
      const cell = sheet.getCell(`${letter}${row}`);
      if (column.kind === 'date') cell.numFmt = 'yyyy-mm-dd';
      if (column.kind === 'period') cell.numFmt = TEXT_FORMAT;
      if (column.header === 'description' || column.header === 'title' || column.header === 'update') cell.alignment = { wrapText: true, vertical: 'top' };
      if (choices) {
        cell.dataValidation = {
          type: 'list', allowBlank: !column.required, formulae: [choices], showErrorMessage: true, errorStyle: 'warning',
          errorTitle: column.header, error: column.choices ? `One of: ${column.choices.join(', ')}` : `An id of the plan (${REFERENCE_WORDS[column.reference!] ?? column.reference})`,
        };
      }
    }
  });
}

/** How many empty rows, formatted and with their drop-downs, follow the progress updates and the assessments. */
const ROWS_TO_FILL_IN = 50;

const isPeriod = (shape: SheetShape, column: Column): boolean => shape.periods !== undefined && column.path[0] === shape.periods.key;

/** The workbook again, with every part of the zip dated FIXED_TIME instead of the time it was written. */
async function fixedTimes(workbook: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(workbook);
  const repacked = new JSZip();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) repacked.file(name, await entry.async('uint8array'), { date: FIXED_TIME, createFolders: false });
  }
  return repacked.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
