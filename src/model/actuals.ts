// The model of measured values: checks each row of an actuals CSV file against the plan language
// (its columns, a number, a period, ids written as ids) and gathers the rows into Actuals. Every bad
// cell is reported at its line and column; a row with any bad cell is left out, and what it was about
// is noted so no rule reports that target as lacking the value.

import type { DiagnosticCode } from '../catalogue.js';
import type { Diagnostic, Position, SourceLocation } from '../diagnostic.js';
import { cellPosition, type ParsedTable } from '../load/actuals-csv.js';
import { didYouMean, nearest } from '../suggest.js';
import { parsePeriod, periodProblem, type Period } from './period.js';

export const REQUIRED_COLUMNS = ['target', 'organisation', 'period', 'value'] as const;
export const OPTIONAL_COLUMNS = ['part', 'note'] as const;
const ALL_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** A measured value of a target, for one organisation and period, from one row of an actuals file. */
export interface Actual {
  /** The objective or metric whose target it measures, as written. */
  target: string;
  part: string | undefined;
  organisation: string;
  period: Period;
  value: number;
  note: string | undefined;
  /** Where the row is; `cell` finds the place of one of its cells. */
  at: ActualSource;
}

export interface ActualSource {
  file: string;
  line: number;
  table: ParsedTable;
  /** The index of each column in the row. */
  columns: ReadonlyMap<string, number>;
}

/** Where a cell of an actual's row is. */
export function cellOf(actual: Actual, column: Column): SourceLocation {
  const index = actual.at.columns.get(column) ?? 0;
  return { file: actual.at.file, ...cellPosition(actual.at.table, actual.at.line, index) };
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export interface ModelledActuals {
  actuals: Actual[];
  /** The targets of rows left out for a bad cell: nothing is said of these targets' actuals until the rows are fixed. */
  unreadTargets: Set<string>;
  diagnostics: Diagnostic[];
}

export function modelActuals(tables: readonly ParsedTable[]): ModelledActuals {
  const result: ModelledActuals = { actuals: [], unreadTargets: new Set(), diagnostics: [] };
  for (const table of tables) modelTable(table, result);
  reportDuplicates(result);
  return result;
}

function modelTable(table: ParsedTable, result: ModelledActuals): void {
  for (const d of table.diagnostics) result.diagnostics.push(d);
  if (table.diagnostics.length > 0 || table.header.length === 0) return;
  const at = (position: Position): SourceLocation => ({ file: table.file, ...position });
  const report = (position: Position, rule: DiagnosticCode, message: string, hint?: string): void => {
    result.diagnostics.push({ rule, severity: 'error', ...at(position), message, ...(hint ? { hint } : {}) });
  };

  const columns = new Map<string, number>();
  /** Required columns a misspelt one stands for: the misspelling is the one message. */
  const meant = new Set<string>();
  let headerOk = true;
  table.header.forEach((name, index) => {
    const position = cellPosition(table, 1, index);
    if (!ALL_COLUMNS.includes(name)) {
      headerOk = false;
      const match = nearest(name.toLowerCase(), ALL_COLUMNS);
      if (match) meant.add(match);
      report(position, 'unknown-key', name === '' ? 'This column has no name.' : `\`${name}\` is not a column of an actuals file.${didYouMean(name.toLowerCase(), ALL_COLUMNS)}`,
        `The columns are ${REQUIRED_COLUMNS.join(', ')}, and optionally ${OPTIONAL_COLUMNS.join(' and ')}, in any order.`);
    } else if (columns.has(name)) {
      headerOk = false;
      report(position, 'schema', `The column \`${name}\` is written twice.`, 'Keep one of them.');
    } else {
      columns.set(name, index);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name) && !meant.has(name));
  if (missing.length > 0) {
    headerOk = false;
    report({ line: 1, column: 1 }, 'schema', `This actuals file has no ${missing.map((m) => `\`${m}\``).join(', ')} column${missing.length > 1 ? 's' : ''}.`,
      `The first row names the columns: ${REQUIRED_COLUMNS.join(',')} (and optionally ${OPTIONAL_COLUMNS.join(', ')}).`);
  }
  if (!headerOk) return;

  const index = (column: Column): number | undefined => columns.get(column);
  // The same few targets and organisations fill every row of a year's file: each is checked once, and
  // every actual holds the one copy of it, so that the text of each row can be let go.
  const ids = new Map<string, string>();
  const idOf = (text: string): string | undefined => {
    let id = ids.get(text);
    if (id === undefined) {
      if (!ID.test(text)) return undefined;
      ids.set(text, (id = text));
    }
    return id;
  };
  const [targetAt, organisationAt, periodAt, valueAt] = REQUIRED_COLUMNS.map((column) => columns.get(column)!) as [number, number, number, number];
  const partAt = index('part');
  const noteAt = index('note');
  let line = 0;
  const where = (column: Column): Position => cellPosition(table, line, index(column) ?? 0);
  /** Reports a cell that `idOf` found is not an id: empty, or not written as one. */
  const reportNotId = (column: 'target' | 'organisation' | 'part', value: string): void => {
    if (value === '') report(where(column), 'schema', `The \`${column}\` of this row is empty.`, column === 'target' ? 'Write the id of the objective or metric whose target the value measures, such as `no-01`.' : 'Write the id of the organisation the value is for.');
    else report(where(column), 'schema', `The \`${column}\` "${shorten(value)}" is not an id.`, NUMBER.test(value) && column === 'target' ? 'The `target` column names the objective or metric, such as `no-01`; the measured figure goes in `value`.' : 'Ids are letters, digits, `-`, `_` and `.`, with no spaces, as written in the plan.');
  };
  const file = table.file;
  for (const row of table.rows) {
    const cells = row.cells;
    line = row.line;
    const before = result.diagnostics.length;
    if (cells.length !== table.header.length) {
      report(cellPosition(table, line, Math.min(cells.length, table.header.length)), 'schema',
        `This row has ${cells.length} cell${cells.length === 1 ? '' : 's'}, but the header names ${table.header.length} columns.`,
        'Give every row one cell per column, separated by commas; put a cell that holds a comma in double quotes.');
      const target = cells[targetAt]?.trim();
      if (target) result.unreadTargets.add(target);
      continue;
    }
    const targetText = cells[targetAt]!.trim();
    const organisationText = cells[organisationAt]!.trim();
    const periodText = cells[periodAt]!.trim();
    const valueText = cells[valueAt]!.trim();
    const partText = (partAt === undefined ? undefined : cells[partAt]!.trim()) || undefined;
    const targetId = idOf(targetText);
    const organisation = idOf(organisationText);
    const part = partText === undefined ? undefined : idOf(partText);
    if (targetId === undefined) reportNotId('target', targetText);
    if (organisation === undefined) reportNotId('organisation', organisationText);
    if (partText !== undefined && part === undefined) reportNotId('part', partText);
    const target = targetId ?? targetText;
    const period = parsePeriod(periodText);
    if (periodText === '') report(where('period'), 'schema', 'The `period` of this row is empty.', 'Write the month (2024-03) or the quarter of the financial year (2023/24 Q4) the value is for.');
    else if (!period) report(where('period'), 'schema', `The \`period\` "${shorten(periodText)}" is not a period: ${periodProblem(periodText)}.`);
    const value = NUMBER.test(valueText) ? Number(valueText) : undefined;
    if (valueText === '') report(where('value'), 'schema', 'The `value` of this row is empty.', 'Write the measured figure, or leave the row out until there is one.');
    else if (value === undefined) report(where('value'), 'schema', `The \`value\` "${shorten(valueText)}" is not a number.`, numberHint(valueText));
    if (result.diagnostics.length > before || !period || value === undefined || organisation === undefined) {
      if (target) result.unreadTargets.add(target);
      continue;
    }
    const note = (noteAt === undefined ? undefined : cells[noteAt]!.trim()) || undefined;
    result.actuals.push({ target, part, organisation, period, value, note, at: { file, line, table, columns } });
  }
}

/** One value per target, part, organisation and period: a second is reported at its row, naming the first. */
function reportDuplicates(result: ModelledActuals): void {
  // By target, part, organisation, then period: nested, so a row costs four lookups of short strings
  // rather than a key joined from them (60,000 rows made as many long keys to hash).
  const first = new Map<string, Map<string, Map<string, Map<string, Actual>>>>();
  const kept: Actual[] = [];
  for (const actual of result.actuals) {
    const byPeriod = within(within(within(first, actual.target), actual.part ?? ''), actual.organisation);
    const earlier = byPeriod.get(actual.period.label);
    if (!earlier) {
      byPeriod.set(actual.period.label, actual);
      kept.push(actual);
      continue;
    }
    const there = cellOf(earlier, 'period');
    result.diagnostics.push({
      rule: 'schema', severity: 'error', ...cellOf(actual, 'period'), subject: actual.target,
      message: `\`${actual.target}\`${actual.part ? ` (part \`${actual.part}\`)` : ''} has two values for \`${actual.organisation}\` in ${actual.period.label}: ${actual.value} here and ${earlier.value} at ${there.file}:${there.line}:${there.column}.`,
      hint: 'Keep one row for each target, organisation and period; delete the other, or correct its period.',
    });
    result.unreadTargets.add(actual.target);
  }
  result.actuals = kept;
}

/** The map under `key`, made when missing. */
function within<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function numberHint(text: string): string {
  if (/^[-+]?\d+,\d+$/.test(text)) return `Write decimals with a point, such as \`${text.replace(',', '.')}\`, and no thousands separators.`;
  if (/^[-+]?[\d,]+(\.\d+)?$/.test(text)) return `Write the number without thousands separators, such as \`${text.replace(/,/g, '')}\`.`;
  const digits = /-?\d+(?:\.\d+)?/.exec(text);
  return digits ? `Write the number alone, such as \`${digits[0]}\`; the unit is the target's own.` : 'Write the measured figure in digits, such as `76.4`.';
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}…` : one;
}
