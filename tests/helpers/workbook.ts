// Reads and edits a plan's workbook as a planner would in a spreadsheet: by sheet, row and column header.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { makeTempDir } from './cli.js';

export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** The number of a header's column in a sheet. */
export function columnOf(worksheet: ExcelJS.Worksheet, header: string): number {
  const column = (worksheet.getRow(1).values as unknown[]).indexOf(header);
  if (column < 1) throw new Error(`the sheet ${worksheet.name} has no column ${header}`);
  return column;
}

/**
 * The cell of a row's column: `row` is an item's id (the row whose first cell it is) or a row's number
 * (for the sheets of trajectories and actuals, whose rows have no id); the column is the one headed `header`.
 */
export function cellOf(workbook: ExcelJS.Workbook, sheet: string, row: string | number, header: string): ExcelJS.Cell {
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`the workbook has no sheet ${sheet}`);
  const column = columnOf(worksheet, header);
  let number = typeof row === 'number' ? row : 0;
  if (typeof row === 'string') {
    worksheet.eachRow((r, n) => {
      if (r.getCell(1).value === row) number = n;
    });
  }
  if (number === 0) throw new Error(`the sheet ${sheet} has no row ${row}`);
  return worksheet.getRow(number).getCell(column);
}

export type CellEdit = [sheet: string, row: string | number, header: string, value: ExcelJS.CellValue];

/** Writes a copy of the workbook with the cells changed. */
export async function editWorkbook(file: string, out: string, edits: readonly CellEdit[]): Promise<void> {
  const workbook = await openWorkbook(file);
  for (const [sheet, row, header, value] of edits) cellOf(workbook, sheet, row, header).value = value;
  await workbook.xlsx.writeFile(out);
}

/** The lines a real diff (git diff --no-index) shows removed and added between two files. */
export function diffLines(before: string, after: string): { removed: string[]; added: string[] } {
  const dir = makeTempDir();
  writeFileSync(join(dir, 'before'), before);
  writeFileSync(join(dir, 'after'), after);
  const diff = spawnSync('git', ['diff', '--no-index', '--no-color', '-U0', 'before', 'after'], { cwd: dir, encoding: 'utf8' }).stdout;
  const lines = diff.split('\n').filter((line) => /^[-+](?![-+]{2} )/.test(line));
  return { removed: lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1)), added: lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1)) };
}
