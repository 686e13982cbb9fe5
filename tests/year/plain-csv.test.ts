import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { papaRows, parseTable, plainLineEnding, plainRows } from '../../src/load/actuals-csv.js';

// A file with no quote is read line by line, split at its commas, instead of by PapaParse. The two
// must give the same rows, lines and all, on any such file.

const lineStartsOf = (text: string): number[] => {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
};

const byPapa = (text: string) => {
  const problems: string[] = [];
  const rows = papaRows(text, lineStartsOf(text), (_offset, message) => problems.push(message));
  return { rows, problems };
};

/** Text of CSV-ish characters, commas, spaces, line endings and the odd letter; no quote. */
const cell = fc.stringMatching(/^[a-z0-9 .\-_;\t]{0,6}$/);
const line = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
const file = (ending: string) => fc.tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.boolean())
  .map(([lines, closed]) => lines.join(ending) + (closed ? ending : ''));

describe('the plain reading of a CSV file with no quote', () => {
  it('gives what PapaParse gives, for files with \\n line endings', () => {
    fc.assert(fc.property(file('\n'), (text) => {
      expect(plainLineEnding(text, lineStartsOf(text))).toBe('\n');
      expect([...plainRows(text, lineStartsOf(text), '\n')]).toEqual(byPapa(text).rows);
    }), { numRuns: 2000 });
  });

  it('gives the same rows from any line on as from the first, whatever lines hold no comma', () => {
    fc.assert(fc.property(file('\n'), fc.nat(9), (text, from) => {
      const starts = lineStartsOf(text);
      expect([...plainRows(text, starts, '\n', { from })]).toEqual([...plainRows(text, starts, '\n')].slice(from));
    }), { numRuns: 2000 });
  });

  it('gives what PapaParse gives, for files with \\r\\n line endings', () => {
    fc.assert(fc.property(file('\r\n'), (text) => {
      // A file of one line has no line ending to tell.
      expect(plainLineEnding(text, lineStartsOf(text))).toBe(text.includes('\n') ? '\r\n' : '\n');
      expect([...plainRows(text, lineStartsOf(text), plainLineEnding(text, lineStartsOf(text))!)]).toEqual(byPapa(text).rows);
    }), { numRuns: 2000 });
  });

  it('leaves to PapaParse a file with a quote, or with line endings of more than one kind', () => {
    for (const text of ['a,"b"\n', 'a,b\r\nc,d\ne,f\n', 'a,b\rc,d\n', 'a\r', 'a,b\nc\r']) {
      expect(plainLineEnding(text, lineStartsOf(text))).toBeUndefined();
    }
  });

  it('reads a year of actuals to the same table either way', () => {
    const rows = ['target,organisation,period,value,note'];
    for (let i = 0; i < 500; i++) rows.push(`t-${i % 17},org-${i % 5},2023-${String((i % 12) + 1).padStart(2, '0')},${(i * 1.37).toFixed(2)},${i % 3 ? '' : 'note'}`);
    for (const ending of ['\n', '\r\n']) {
      const text = rows.join(ending) + ending;
      const table = parseTable({ file: 'actuals/year.csv', text });
      // A quote in a note sends the same rows through PapaParse.
      const quoted = parseTable({ file: 'actuals/year.csv', text: `${text}t-1,org-1,2024-01,1,"a ""note"""${ending}` });
      expect(table.diagnostics).toEqual([]);
      const read = [...table.rows];
      expect(read).toHaveLength(500);
      // Split from the text again, a second walk gives the same rows.
      expect([...table.rows]).toEqual(read);
      const quotedRows = [...quoted.rows];
      expect(quotedRows.slice(0, 500)).toEqual(read);
      expect(quoted.header).toEqual(table.header);
      expect(quotedRows[500]).toEqual({ line: 502, cells: ['t-1', 'org-1', '2024-01', '1', 'a "note"'] });
    }
  });
});
