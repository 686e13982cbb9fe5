// A plan's workbook (`plan export --format xlsx`): one sheet per collection, a header row of keys,
// frozen panes, dates as dates and numbers as numbers, and lists of the plan's ids offered where a cell
// names one item. The same sources always give the same bytes.

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { PlanIds } from '../model/json-schema.js';
import { columnLetter, sheetShapes, type Column } from './columns.js';
import { itemsOf, type SourceDocument } from './sources.js';

/** Every date a workbook carries (its own creation, and each part's time in the zip): none is the time it was made. */
const FIXED_TIME = new Date(Date.UTC(2000, 0, 1));

/** The hidden sheet the reference columns' drop-down lists read from. */
export const LISTS_SHEET = 'Lists';

const WIDTHS: Record<string, number> = { id: 14, title: 70, name: 50, description: 50, 'target.measure': 40, source: 30 };

/** The value of a key path in an item as plain data. */
export function valueAt(item: unknown, path: readonly string[]): unknown {
  let value = item;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** What a cell holds for a value of the plan: a date as a date, a list as `a, b`. */
function cellValue(column: Column, value: unknown): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (column.kind === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  if (column.kind === 'list' && Array.isArray(value)) return value.length ? value.join(', ') : null;
  return value as ExcelJS.CellValue;
}

export async function planWorkbook(sources: readonly SourceDocument[], ids: PlanIds): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'plan';
  workbook.lastModifiedBy = 'plan';
  workbook.created = FIXED_TIME;
  workbook.modified = FIXED_TIME;
  const shapes = sheetShapes();
  const sheets = shapes.map((shape) => workbook.addWorksheet(shape.name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] }));

  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const listRange = new Map<string, string>();
  Object.entries(ids).forEach(([kind, values], index) => {
    const letter = columnLetter(index);
    lists.getCell(`${letter}1`).value = kind;
    values.forEach((id, row) => (lists.getCell(`${letter}${row + 2}`).value = id));
    if (values.length > 0) listRange.set(kind, `${LISTS_SHEET}!$${letter}$2:$${letter}$${values.length + 1}`);
  });

  shapes.forEach((shape, sheetIndex) => {
    const sheet = sheets[sheetIndex]!;
    sheet.columns = shape.columns.map((column) => ({ header: column.header, key: column.header, width: WIDTHS[column.header] ?? 16 }));
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: 'A1', to: `${columnLetter(shape.columns.length - 1)}1` };
    for (const item of itemsOf(sources, shape.collection)) {
      const data: unknown = item.node.toJSON();
      sheet.addRow(shape.columns.map((column) => cellValue(column, valueAt(data, column.path))));
    }
    shape.columns.forEach((column, columnIndex) => {
      const letter = columnLetter(columnIndex);
      const choices = column.choices ? `"${column.choices.join(',')}"` : column.reference ? listRange.get(column.reference) : undefined;
      for (let row = 2; row <= sheet.rowCount; row++) {
        const cell = sheet.getCell(`${letter}${row}`);
        if (column.kind === 'date') cell.numFmt = 'yyyy-mm-dd';
        if (column.header === 'description' || column.header === 'title') cell.alignment = { wrapText: true, vertical: 'top' };
        if (choices) {
          cell.dataValidation = {
            type: 'list', allowBlank: !column.required, formulae: [choices], showErrorMessage: true, errorStyle: 'warning',
            errorTitle: column.header, error: column.choices ? `One of: ${column.choices.join(', ')}` : `An id of the plan (${column.reference})`,
          };
        }
      }
    });
  });
  return fixedTimes(Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** The workbook again, with every part of the zip dated FIXED_TIME instead of the time it was written. */
async function fixedTimes(workbook: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(workbook);
  const repacked = new JSZip();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) repacked.file(name, await entry.async('uint8array'), { date: FIXED_TIME, createFolders: false });
  }
  return repacked.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
