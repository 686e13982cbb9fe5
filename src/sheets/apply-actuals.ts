// Writes what a workbook's Actuals sheet changed back into the CSV files of the plan's actuals/ folder:
// in a changed row, only the changed cells, each written as CSV writes it (PapaParse), quoted as it was;
// every other byte of the file (line endings, quoting, column order, the other rows) stays as it was.

import Papa from 'papaparse';
import { cellPosition, parseTable, type ParsedTable } from '../load/actuals-csv.js';
import { modelActuals, type Actual } from '../model/actuals.js';
import type { Position } from '../diagnostic.js';
import type { ImportResult, LeftOut } from './apply-changes.js';
import { ACTUALS_FILE_COLUMN, isEmptyValue, keyOf, rowKey, rowName, sameValue, type SheetShape } from './columns.js';
import type { SheetRow } from './read-workbook.js';
import type { ActualsFile } from './sources.js';

/** A new text for one cell of an actuals file. */
interface CellEdit {
  actual: Actual;
  column: 'value' | 'note';
  index: number;
  value: number | string | undefined;
  cell: string;
}

/** The key of an actual's row, as the sheet's row for it has it. */
const keyOfActual = (shape: SheetShape, actual: Actual) => keyOf(shape, { ...actual, period: actual.period.label });

export function applyActuals(files: readonly ActualsFile[], rows: readonly SheetRow[], sheets: readonly SheetShape[]): ImportResult {
  const result: ImportResult = { changed: new Map(), counts: new Map(), added: new Map(), problems: [], notInWorkbook: [] };
  const shape = sheets.find((sheet) => sheet.collection === 'actuals');
  if (!shape) return result;
  const { actuals } = modelActuals(files.map((file) => file.table));
  const byKey = new Map(actuals.map((actual) => [rowKey(shape, keyOfActual(shape, actual)), actual]));
  const inWorkbook = new Set<string>();
  const edits: CellEdit[] = [];

  for (const row of rows) {
    if (row.shape !== shape) continue;
    const actual = byKey.get(row.key);
    if (!actual) {
      result.problems.push({
        cell: row.keyCell, message: `The plan has no ${row.what}.`,
        hint: 'plan import changes the actuals a plan has; it adds none. Add the row to a CSV file in actuals/ (then export again), or correct the target, part, organisation or period of the row.',
      });
      continue;
    }
    inWorkbook.add(row.key);
    for (const cell of row.cells) {
      if (cell.column.header === ACTUALS_FILE_COLUMN) {
        if (cell.value !== actual.at.file) {
          result.problems.push({ cell: cell.cell, message: `This row is in ${actual.at.file}: plan import does not move a row to another file.`, hint: `Write ${actual.at.file} back in the cell; to move the row, move it between the CSV files themselves.` });
        }
        continue;
      }
      const column = cell.column.header as CellEdit['column'];
      // Cells are read trimmed (model/actuals.ts), so spaces around a note are no change.
      const value = typeof cell.value === 'string' ? cell.value.trim() || undefined : (cell.value as number | undefined);
      if (sameValue(actual[column], value) || (isEmptyValue(actual[column]) && isEmptyValue(value))) continue;
      if (value === undefined && column === 'value') {
        result.problems.push({ cell: cell.cell, message: `The value of the ${row.what} cannot be empty.`, hint: 'Write the measured figure back; to take an actual out of the plan, delete its row from the CSV file.' });
        continue;
      }
      const index = actual.at.columns.get(column);
      if (index === undefined) {
        result.problems.push({ cell: cell.cell, message: `${actual.at.file} has no \`${column}\` column, so plan import cannot write this ${column} into it.`, hint: `Add a \`${column}\` column to the file (then export again), or clear the cell.` });
        continue;
      }
      edits.push({ actual, column, index, value, cell: cell.cell });
    }
  }

  for (const file of files) {
    const mine = edits.filter((edit) => edit.actual.at.table === file.table);
    if (mine.length === 0) continue;
    const bom = file.text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const text = editCells(file.table, mine);
    checkEdited(file.file, text, shape, mine);
    result.changed.set(file.file, bom + text);
    result.counts.set(file.file, mine.length);
  }
  for (const actual of actuals) {
    const key = rowKey(shape, keyOfActual(shape, actual));
    if (!inWorkbook.has(key)) result.notInWorkbook.push({ sheet: shape, name: rowName(shape, keyOfActual(shape, actual)) } satisfies LeftOut);
  }
  return result;
}

/** The file's text with each edited cell's characters replaced, from the last to the first so that earlier offsets stay true. */
function editCells(table: ParsedTable, edits: readonly CellEdit[]): string {
  const offsetOf = (position: Position): number => table.lineStarts[position.line - 1]! + position.column - 1;
  const cellsOnLine = new Map<number, number>();
  if (edits.length > 0) for (const row of table.rows) cellsOnLine.set(row.line, row.cells.length);
  const spans = edits.map((edit) => {
    const cells = cellsOnLine.get(edit.actual.at.line)!;
    const start = offsetOf(cellPosition(table, edit.actual.at.line, edit.index));
    // A cell ends before the comma of the next, or at the end of its row.
    const end = edit.index + 1 < cells ? offsetOf(cellPosition(table, edit.actual.at.line, edit.index + 1)) - 1 : offsetOf(cellPosition(table, edit.actual.at.line, cells));
    const quoted = table.text.slice(start, end).trimStart().startsWith('"');
    const text = edit.value === undefined ? '' : Papa.unparse([[String(edit.value)]], { quotes: quoted });
    return { start, end, text };
  });
  let text = table.text;
  for (const span of spans.sort((a, b) => b.start - a.start)) text = text.slice(0, span.start) + span.text + text.slice(span.end);
  return text;
}

/** Reads the new text back as `plan check` will: it must read with no problem, each edited actual with its new value. */
function checkEdited(file: string, text: string, shape: SheetShape, edits: readonly CellEdit[]): void {
  const table = parseTable({ file, text });
  const modelled = modelActuals([table]);
  const after = new Map(modelled.actuals.map((actual) => [rowKey(shape, keyOfActual(shape, actual)), actual]));
  for (const edit of edits) {
    const actual = after.get(rowKey(shape, keyOfActual(shape, edit.actual)));
    if (modelled.diagnostics.length > 0 || !actual || !sameValue(actual[edit.column], edit.value)) {
      throw new Error(`the value of ${edit.cell} did not come back from ${file} as it was written`);
    }
  }
}
