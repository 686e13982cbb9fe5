// Reads the actuals of a plan: the CSV files in its actuals/ folder, which planners export from
// spreadsheets and NHS statistics. Parsed by PapaParse; every row keeps its line, and a cell's column
// is found from the text when a message needs it. Problems with the file as a whole (empty, UTF-16,
// separated by semicolons, broken quotes) are diagnostics here; what the cells mean is checked by
// model/actuals.ts.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Diagnostic, Position } from '../diagnostic.js';
import { offsetToPosition } from './located.js';
import { readSource, type ReadOptions, type SourceText } from './plan-folder.js';

/** The folder of a plan whose CSV files are its actuals. */
export const ACTUALS_FOLDER = 'actuals';

export interface TableRow {
  /** The line the row starts on, from 1. */
  line: number;
  cells: string[];
}

export interface ParsedTable {
  /** Path relative to the plan folder, with forward slashes. */
  file: string;
  /** The header row's cells, trimmed. Empty when the file could not be read as a table. */
  header: string[];
  /**
   * The rows after the header, empty lines left out. Those of a file read plainly (`plainRows`) are
   * split from the text each time they are walked, so that a year of rows is not held while it is
   * checked: walk them once where you can.
   */
  rows: Iterable<TableRow>;
  /** The text, to find a cell's column when a message needs it. */
  text: string;
  /** The offset at which each line starts. */
  lineStarts: number[];
  diagnostics: Diagnostic[];
}

/** The CSV files of the plan's actuals/ folder, at any depth, by path relative to the plan folder, sorted. */
export function listActualsFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string, depth: number): void => {
    if (depth > 20) return;
    let entries;
    try {
      entries = readdirSync(join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (/\.csv$/i.test(entry.name)) found.push(path); // anything else by that name is refused when read, saying why
    }
  };
  walk(ACTUALS_FOLDER, 0);
  return found.sort();
}

/** Reads and parses every actuals file; a file that cannot be read becomes a diagnostic. */
export function loadActuals(dir: string, options: ReadOptions = {}): { tables: ParsedTable[]; diagnostics: Diagnostic[] } {
  const tables: ParsedTable[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of listActualsFiles(dir)) {
    const read = readSource(dir, file, options);
    if ('text' in read) tables.push(parseTable(read));
    else diagnostics.push(read);
  }
  return { tables, diagnostics };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Parses the text of one CSV file into a header and rows, each with the line it starts on. */
export function parseTable({ file, text: source }: SourceText): ParsedTable {
  // A byte-order mark (Excel's "CSV UTF-8" writes one) is not part of the first column's name.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lineStarts = lineStartsOf(text);
  const table: ParsedTable = { file, header: [], rows: [], text, lineStarts, diagnostics: [] };
  const problem = (offset: number, message: string, hint: string): void => {
    table.diagnostics.push({ rule: 'schema', severity: 'error', file, ...offsetToPosition(lineStarts, offset), message, hint });
  };
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (text.trim() === '') {
    problem(0, 'This actuals file is empty.', 'Start it with the header row `target,organisation,period,value`, then one row per measured value; or delete the file.');
    return table;
  }
  if (!firstLine.includes(',') && /[;\t]/.test(firstLine)) {
    const separator = firstLine.includes(';') ? ';' : '\t';
    const name = separator === ';' ? 'semicolons (;)' : 'tabs';
    problem(firstLine.indexOf(separator), `This file separates its columns with ${name}; plan reads CSV files whose columns are separated by commas.`,
      separator === ';'
        ? 'Save it again as "CSV (Comma delimited)"; a spreadsheet set up for a country that writes decimals with a comma uses semicolons. Write decimals with a point, such as 76.4.'
        : 'Save it again as "CSV (Comma delimited)" rather than as tab-separated text.');
    return table;
  }

  const ending = plainLineEnding(text, lineStarts);
  if (ending !== undefined) {
    const header = plainRows(text, lineStarts, ending).next();
    table.header = header.done ? [] : header.value.cells.map((name) => name.trim());
    table.rows = { [Symbol.iterator]: () => plainRows(text, lineStarts, ending, { from: 1, emptyLines: false }) };
    return table;
  }
  const rows = papaRows(text, lineStarts, problem);
  if (table.diagnostics.length > 0) return table;
  table.header = (rows[0]?.cells ?? []).map((name) => name.trim());
  table.rows = rows.slice(1).filter((row) => !isEmptyLine(row.cells));
  return table;
}

const isEmptyLine = (cells: readonly string[]): boolean => cells.length === 1 && cells[0]!.trim() === '';

/**
 * The line ending of a file that can be read plainly: one with no quote and one kind of line ending,
 * whose every line is one row split at its commas. Undefined for any other file, which PapaParse reads.
 */
export function plainLineEnding(text: string, lineStarts: readonly number[]): '\n' | '\r\n' | undefined {
  if (text.includes('"')) return undefined;
  const cr = text.indexOf('\r');
  if (cr === -1) return '\n';
  // Every line break \r\n and no other \r: count the \r against the lines.
  let count = 0;
  for (let i = cr; i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return undefined;
    count++;
  }
  return count === lineStarts.length - 1 ? '\r\n' : undefined;
}

/**
 * The rows of a file `plainLineEnding` allows, each line split at its commas, from line index `from`:
 * what PapaParse makes of such a file (a property test holds the two together), several times faster,
 * as an export of measured values almost always is. Made as they are asked for, so that each row can
 * be let go once it is checked.
 */
export function* plainRows(text: string, lineStarts: readonly number[], ending: '\n' | '\r\n', { from = 0, emptyLines = true } = {}): Generator<TableRow> {
  if (text === '') return;
  const lines = lineStarts.length;
  const cut = ending.length;
  // Each cell is cut from the text where it is, without cutting out its line first (twice as fast as
  // split). The next comma is looked for once: one found past a line's end is the next line's, so the
  // text is searched once whatever its lines hold.
  let comma = text.indexOf(',', lineStarts[from] ?? text.length);
  for (let i = from; i < lines; i++) {
    const end = i + 1 < lines ? lineStarts[i + 1]! - cut : text.length;
    const cells: string[] = [];
    let cell = lineStarts[i]!;
    while (comma !== -1 && comma < end) {
      cells.push(text.slice(cell, comma));
      cell = comma + 1;
      comma = text.indexOf(',', cell);
    }
    cells.push(text.slice(cell, end));
    if (emptyLines || !isEmptyLine(cells)) yield { line: i + 1, cells };
  }
}

/** The rows as PapaParse reads them, each with the line it starts on; a quote out of place is a problem. */
export function papaRows(text: string, lineStarts: readonly number[], problem: (offset: number, message: string, hint: string) => void): TableRow[] {
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: text.includes('\r\n') ? '\r\n' : '\n', quoteChar: '"' });
  for (const error of parsed.errors) {
    if (error.type !== 'Quotes') continue; // rows of the wrong length are reported with their columns, by the model
    const offset = error.index ?? lineStarts[Math.min(error.row ?? 0, lineStarts.length - 1)] ?? 0;
    problem(offset, error.code === 'MissingQuotes'
      ? 'A quoted cell here is never closed: it runs on to the end of the file.'
      : 'The quotes here are not balanced: a cell that starts with " must end with ", and a " inside it is written "".',
    'Close the quoted cell with ", or remove the stray quote.');
  }
  // Lines are counted from the cells: a row takes one line, plus one for each line break inside a quoted cell.
  const breaks = /\r\n|\n|\r/g;
  let line = 1;
  return parsed.data.map((cells) => {
    const here = line;
    for (const cell of cells) if (cell.includes('\n') || cell.includes('\r')) line += cell.match(breaks)!.length;
    line += 1;
    return { line: here, cells };
  });
}

/** Where cell `index` of the row starting on `line` starts; past the last cell, the end of the row. */
export function cellPosition(table: ParsedTable, line: number, index: number): Position {
  const text = table.text;
  let cell = 0;
  let quoted = false;
  let i = table.lineStarts[line - 1] ?? 0;
  for (; i < text.length && cell < index; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') cell++;
    else if (!quoted && (c === '\n' || c === '\r')) break;
  }
  return offsetToPosition(table.lineStarts, i);
}
