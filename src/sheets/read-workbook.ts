// Reads a plan's workbook back (`plan import`): each sheet's header row says which key each column is,
// and each cell is read as the kind its column takes. A cell that cannot be read is a problem named by
// its sheet and cell (`Objectives!D14`), in plain words, with how to fix it.

import ExcelJS from 'exceljs';
import { didYouMean } from '../suggest.js';
import { sheetShapes, type Column, type SheetShape } from './columns.js';

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
  id: string;
  /** The cell the id is in, `Objectives!A14`. */
  idCell: string;
  cells: ReadCell[];
}

export interface ReadWorkbook {
  rows: SheetRow[];
  problems: CellProblem[];
  /** The plan's sheets the workbook has. */
  sheets: SheetShape[];
}

export class WorkbookError extends Error {}

export async function readWorkbook(data: Buffer): Promise<ReadWorkbook> {
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
    readSheet(sheet, shape, rows, problems);
  }
  if (sheets.length === 0) throw new WorkbookError(`it has none of the sheets plan export writes (${sheetShapes().map((s) => s.name).join(', ')})`);
  return { rows, problems, sheets };
}

function readSheet(sheet: ExcelJS.Worksheet, shape: SheetShape, rows: SheetRow[], problems: CellProblem[]): void {
  const header = sheet.getRow(1);
  const columns = new Map<number, Column>();
  header.eachCell((cell, index) => {
    const name = plainText(cell.value)?.trim() ?? '';
    const column = shape.columns.find((c) => c.header === name);
    if (column) columns.set(index, column);
    else if (name !== '') problems.push({ cell: `${shape.name}!${cell.address}`, message: `"${name}" is not a key of ${shape.collection}.${didYouMean(name, shape.columns.map((c) => c.header))}`, hint: 'Give the column back its header as plan export wrote it, or delete the column.' });
  });
  const idColumn = [...columns].find(([, column]) => column.header === 'id')?.[0];
  if (idColumn === undefined) {
    problems.push({ cell: `${shape.name}!A1`, message: `The sheet ${shape.name} has no id column.`, hint: 'Each row is matched to its item by id: keep the id column as plan export wrote it.' });
    return;
  }
  const seen = new Map<string, string>();
  for (let number = 2; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    if (!row.hasValues) continue;
    const idCell = row.getCell(idColumn);
    const id = plainText(idCell.value)?.trim() ?? (typeof idCell.value === 'number' ? String(idCell.value) : '');
    const where = `${shape.name}!${idCell.address}`;
    if (id === '') {
      if ([...columns.keys()].some((index) => !isEmpty(row.getCell(index).value))) problems.push({ cell: where, message: 'This row has no id.', hint: 'Give it the id of the item it is, or delete the row.' });
      continue;
    }
    if (seen.has(id)) {
      problems.push({ cell: where, message: `\`${id}\` is on this sheet twice: first at ${seen.get(id)}.`, hint: 'Keep one row for each item, and delete the other.' });
      continue;
    }
    seen.set(id, where);
    const cells: ReadCell[] = [];
    for (const [index, column] of columns) {
      if (column.header === 'id') continue;
      const cell = row.getCell(index);
      const at = `${shape.name}!${cell.address}`;
      const read = readCell(column, cell.value);
      if ('problem' in read) problems.push({ cell: at, message: read.problem, ...(read.hint ? { hint: read.hint } : {}) });
      else cells.push({ column, value: read.value, cell: at });
    }
    rows.push({ shape, row: number, id, idCell: where, cells });
  }
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

function readCell(column: Column, raw: ExcelJS.CellValue): Read {
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
        return { problem: `${quote(text ?? String(value))} is not a number.`, hint: `Write the number alone, such as 76; a unit such as % goes in its own column, ${unit}.` };
      }
      if (column.kind === 'whole' && !(Number.isInteger(number) && number > 0)) return { problem: `${number} is not a whole number above 0.`, hint: 'Write a number such as 1, 2 or 3.' };
      return { value: number };
    }
    case 'date': {
      if (value instanceof Date) return { value: value.toISOString().slice(0, 10) };
      if (typeof value === 'number') return { value: new Date(Math.round((value - 25569) * 86400000)).toISOString().slice(0, 10) };
      const date = text?.trim() ?? '';
      if (DATE.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)) return { value: date };
      return { problem: `${quote(date)} is not a date.`, hint: 'Write a date such as 2025-03-31, or format the cell as a date.' };
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
