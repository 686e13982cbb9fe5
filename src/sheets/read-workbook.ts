// Reads a plan's workbook back (`plan import`): each sheet's header row says which key each column is,
// and each cell is read as the kind its column takes. A cell that cannot be read is a problem named by
// its sheet and cell (`Objectives!D14`), in plain words, with how to fix it.

import ExcelJS from 'exceljs';
import { capitalise } from '../english.js';
import { parsePeriod, periodProblem } from '../model/period.js';
import { didYouMean } from '../suggest.js';
import { periodColumn, rowKey, rowName, rowSubject, sheetShapes, type ActionsShown, type Column, type SheetShape } from './columns.js';

export interface CellProblem {
  /** `Objectives!D14` */
  cell: string;
  message: string;
  hint?: string;
}

export interface ReadCell {
  column: Column;
  /** The value as the plan would hold it; undefined for an empty cell. */
  value: unknown;
  cell: string;
}

export interface SheetRow {
  shape: SheetShape;
  /** The row's number in the sheet. */
  row: number;
  /** What the row is (columns.ts `rowKey`), to match it with an item or record of the plan. */
  key: string;
  /** How a sentence names it: `no-04`, "the planned trajectory of `no-01` for `uhnm`" (columns.ts `rowSubject`). */
  name: string;
  /** What it is, without an article (columns.ts `rowName`): "planned trajectory of `no-01` for `uhnm`". */
  what: string;
  /** The text of its key cells, by header (a cell left empty is the key's default, or undefined). */
  keyValues: Record<string, string | undefined>;
  /** The cell of its first key column, `Objectives!A14`. */
  keyCell: string;
  /** Among the rows of the sheet with the same key cells, which one it is (0 for the first): see SheetShape's `matchedInOrder`. */
  ordinal: number;
  /** The cells of its other columns. */
  cells: ReadCell[];
}

export interface ReadWorkbook {
  rows: SheetRow[];
  problems: CellProblem[];
  /** The plan's sheets the workbook has. */
  sheets: SheetShape[];
}

export class WorkbookError extends Error {}

/** @param actions what the Progress sheet shows of each action, to refuse a cell of it that was changed */
export async function readWorkbook(data: Buffer, actions: ActionsShown = new Map()): Promise<ReadWorkbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError('it is not a workbook that plan can read (an Excel .xlsx file)');
  }
  const rows: SheetRow[] = [];
  const problems: CellProblem[] = [];
  const sheets: SheetShape[] = [];
  for (const shape of sheetShapes()) {
    const sheet = workbook.getWorksheet(shape.name);
    if (!sheet) continue;
    sheets.push(shape);
    readSheet(sheet, shape, rows, problems, actions);
  }
  if (sheets.length === 0) throw new WorkbookError(`it has none of the sheets plan export writes (${sheetShapes().map((s) => s.name).join(', ')})`);
  return { rows, problems, sheets };
}

function readSheet(sheet: ExcelJS.Worksheet, shape: SheetShape, rows: SheetRow[], problems: CellProblem[], actions: ActionsShown): void {
  const columns = readHeader(sheet, shape, problems);
  if (!columns) return;
  const keyColumns = shape.key.flatMap((header) => [...columns].filter(([, column]) => column.header === header));
  const byItem = shape.key[0] === 'id';
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  for (let number = 2; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    if (!row.hasValues || [...columns.keys()].every((index) => isEmpty(shown(row.getCell(index).value)))) continue;
    const key: Record<string, string | undefined> = {};
    let readable = true;
    for (const [index, column] of keyColumns) {
      const cell = row.getCell(index);
      const at = `${shape.name}!${cell.address}`;
      const read = readCell(shape, column, cell.value);
      if ('problem' in read) {
        problems.push({ cell: at, message: read.problem, ...(read.hint ? { hint: read.hint } : {}) });
        readable = false;
      } else if (read.value === undefined && column.required) {
        problems.push({ cell: at, message: `This row has no ${column.header}.`, hint: byItem ? 'Give it the id of the item it is, or delete the row.' : `Write the ${column.header} it is for, as plan export wrote it, or delete the row.` });
        readable = false;
      } else {
        key[column.header] = read.value === undefined ? column.default : String(read.value).trim();
      }
    }
    // Every bad cell is reported, in a row whose key cannot be read too.
    const cells: ReadCell[] = [];
    for (const [index, column] of columns) {
      if (shape.key.includes(column.header)) continue;
      const cell = row.getCell(index);
      const at = `${shape.name}!${cell.address}`;
      if (column.shown) {
        // Shown for reading: what the plan says of the action, not a key of the update.
        const action = actions.get(key.action ?? '');
        const written = String(plainText(shown(cell.value)) ?? shown(cell.value) ?? '').trim();
        if (action && written !== '' && written !== (action[column.shown] ?? '')) {
          problems.push({ cell: at, message: `This is the ${column.shown} of the action \`${key.action}\`, which the Progress sheet shows and plan import does not change.`, hint: `Change the action's ${column.shown} on the Actions sheet (or in its .yaml file), or put the cell back as it was.` });
        }
        continue;
      }
      const read = readCell(shape, column, cell.value);
      if ('problem' in read) problems.push({ cell: at, message: read.problem, ...(read.hint ? { hint: read.hint } : {}) });
      else cells.push({ column, value: read.value, cell: at });
    }
    if (!readable) continue;
    const keyCell = `${shape.name}!${row.getCell(keyColumns[0]![0]).address}`;
    const base = rowKey(shape, key);
    const ordinal = counts.get(base) ?? 0;
    counts.set(base, ordinal + 1);
    if (!shape.matchedInOrder && seen.has(base)) {
      problems.push({ cell: keyCell, message: `${byItem ? `\`${key.id}\`` : capitalise(rowSubject(shape, key))} is on this sheet twice: first at ${seen.get(base)}.`, hint: byItem ? 'Keep one row for each item, and delete the other.' : 'Keep one of the two rows, and delete the other.' });
      continue;
    }
    seen.set(base, keyCell);
    rows.push({ shape, row: number, key: rowKey(shape, key, ordinal), name: rowSubject(shape, key, ordinal), what: rowName(shape, key, ordinal), keyValues: key, keyCell, ordinal, cells });
  }
}

/** Which column is which key, by its header; undefined when the sheet lacks a column that says what its rows are. */
function readHeader(sheet: ExcelJS.Worksheet, shape: SheetShape, problems: CellProblem[]): Map<number, Column> | undefined {
  const columns = new Map<number, Column>();
  const where = new Map<string, string>();
  sheet.getRow(1).eachCell((cell, index) => {
    const name = headerText(cell.value);
    const label = shape.periods ? parsePeriod(name)?.label : undefined;
    const column = shape.columns.find((c) => c.header === name) ?? (label ? periodColumn(shape, label) : undefined);
    const at = `${shape.name}!${cell.address}`;
    if (!column) {
      if (name !== '') {
        problems.push({
          cell: at, message: `"${name}" is not ${shape.periods ? 'a period or ' : ''}a key of ${shape.collection}.${didYouMean(name, shape.columns.map((c) => c.header))}`,
          hint: shape.periods
            ? 'Give the column back its header as plan export wrote it, head a column of values with its period (a month, 2024-04, or a quarter, 2024/25 Q1), or delete the column.'
            : 'Give the column back its header as plan export wrote it, or delete the column.',
        });
      }
      return;
    }
    if (where.has(column.header)) {
      problems.push({ cell: at, message: `The column "${column.header}" is on this sheet twice: first at ${where.get(column.header)}.`, hint: 'Keep one of them, and delete the other.' });
      return;
    }
    where.set(column.header, at);
    columns.set(index, column);
  });
  const missing = shape.key.filter((header) => shape.columns.find((c) => c.header === header)?.required && !where.has(header));
  if (missing.length > 0) {
    problems.push(shape.key[0] === 'id'
      ? { cell: `${shape.name}!A1`, message: `The sheet ${shape.name} has no id column.`, hint: 'Each row is matched to its item by id: keep the id column as plan export wrote it.' }
      : { cell: `${shape.name}!A1`, message: `The sheet ${shape.name} has no ${missing.join(' or ')} column.`, hint: `Each row is matched to what it is by its ${shape.key.join(', ')}: keep those columns as plan export wrote them.` });
    return undefined;
  }
  return columns;
}

/** A header's text; a period typed as a header that the spreadsheet made a date (`2024-04` is 1 April 2024) is that month. */
function headerText(value: ExcelJS.CellValue): string {
  const text = plainText(value);
  if (text !== undefined) return text.trim();
  if (value instanceof Date) return monthOf(value) ?? value.toISOString().slice(0, 10);
  return value === null || value === undefined ? '' : String(value);
}

/** The month a date on the first of the month stands for: what a spreadsheet makes of `2024-04` typed in a cell. */
function monthOf(date: Date): string | undefined {
  return date.getUTCDate() === 1 && date.getUTCHours() === 0 && date.getUTCMinutes() === 0 ? date.toISOString().slice(0, 7) : undefined;
}

function isEmpty(value: ExcelJS.CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The text of a cell that holds text in any of the ways a spreadsheet can write it; undefined for a non-text value. */
function plainText(value: ExcelJS.CellValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
  }
  return undefined;
}

/** The value of a formula cell is its result: what the sheet shows. */
function shown(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) return (value as { result?: ExcelJS.CellValue }).result ?? null;
  return value;
}

type Read = { value: unknown } | { problem: string; hint?: string };

const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function readCell(shape: SheetShape, column: Column, raw: ExcelJS.CellValue): Read {
  const value = shown(raw);
  if (value && typeof value === 'object' && 'error' in value) return { problem: `The cell shows the error ${String(value.error)}.`, hint: 'Write the value itself in the cell.' };
  if (isEmpty(value)) return { value: undefined };
  const text = plainText(value);
  switch (column.kind) {
    case 'text':
      return { value: text ?? (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)) };
    case 'number':
    case 'whole': {
      const number = typeof value === 'number' ? value : text !== undefined && /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : undefined;
      if (number === undefined || !Number.isFinite(number)) {
        const unit = [...column.path.slice(0, -1), 'unit'].join('.');
        const hasUnit = shape.columns.some((c) => c.header === unit);
        return { problem: `${quote(text ?? String(value))} is not a number.`, hint: hasUnit ? `Write the number alone, such as 76; a unit such as % goes in its own column, ${unit}.` : 'Write the number alone, such as 76, in the unit of the target.' };
      }
      if (column.kind === 'whole' && !(Number.isInteger(number) && number > 0)) return { problem: `${number} is not a whole number above 0.`, hint: 'Write a number such as 1, 2 or 3.' };
      if (column.minimum !== undefined && number < column.minimum) return { problem: `${number} is less than ${column.minimum}: ${column.header} is ${column.minimum} or more.`, hint: `Write a number of ${column.minimum} or more, or leave the cell empty.` };
      return { value: number };
    }
    case 'date': {
      if (value instanceof Date) return { value: value.toISOString().slice(0, 10) };
      if (typeof value === 'number') return { value: new Date(Math.round((value - 25569) * 86400000)).toISOString().slice(0, 10) };
      const date = text?.trim() ?? '';
      if (DATE.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)) return { value: date };
      return { problem: `${quote(date)} is not a date.`, hint: 'Write a date such as 2025-03-31, or format the cell as a date.' };
    }
    case 'period': {
      const month = value instanceof Date ? monthOf(value) : undefined;
      if (month) return { value: month };
      const written = (text ?? (value instanceof Date ? value.toISOString().slice(0, 10) : String(value))).trim();
      const period = parsePeriod(written);
      if (period) return { value: period.label };
      return { problem: `${quote(written)} is not a period: ${periodProblem(written)}.`, hint: 'Write the period as plan export wrote it, such as 2024-03 or 2023/24 Q4.' };
    }
    case 'list': {
      const items = (text ?? String(value)).split(/[,;\n]/).map((part) => part.trim()).filter((part) => part !== '');
      return { value: items };
    }
    case 'choice': {
      const choice = (text ?? String(value)).trim();
      if (column.choices?.includes(choice)) return { value: choice };
      return { problem: `${quote(choice)} is not one of ${column.choices?.join(', ')}.${didYouMean(choice, column.choices ?? [])}`, hint: `Choose one from the cell's list, or leave it empty.` };
    }
  }
}
