// Reads and edits a plan's workbook as a planner would in a spreadsheet: by sheet, item id and column header.

import ExcelJS from 'exceljs';

export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** The cell of an item's column: the row whose first cell is `id`, the column whose header is `header`. */
export function cellOf(workbook: ExcelJS.Workbook, sheet: string, id: string, header: string): ExcelJS.Cell {
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`the workbook has no sheet ${sheet}`);
  const column = (worksheet.getRow(1).values as unknown[]).indexOf(header);
  if (column < 1) throw new Error(`the sheet ${sheet} has no column ${header}`);
  let row = 0;
  worksheet.eachRow((r, number) => {
    if (r.getCell(1).value === id) row = number;
  });
  if (row === 0) throw new Error(`the sheet ${sheet} has no row ${id}`);
  return worksheet.getRow(row).getCell(column);
}

export type CellEdit = [sheet: string, id: string, header: string, value: ExcelJS.CellValue];

/** Writes a copy of the workbook with the cells changed. */
export async function editWorkbook(file: string, out: string, edits: readonly CellEdit[]): Promise<void> {
  const workbook = await openWorkbook(file);
  for (const [sheet, id, header, value] of edits) cellOf(workbook, sheet, id, header).value = value;
  await workbook.xlsx.writeFile(out);
}
