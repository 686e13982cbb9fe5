import { describe, expect, it } from 'vitest';
import { compileFixture, findingsOf, onlyFindingOf, yaml, YEAR_MANIFEST } from '../helpers/plan-fixture.js';

// The base plan's objective `ae-4-hours` (76%, by 2024-03-31) is measured; `trust` is its organisation.
const organisations = yaml`
  organisations:
    - id: trust
      name: Example Hospitals NHS Trust
      type: nhs_trust
`;

function withActuals(csv: string) {
  return compileFixture({ test: organisations, files: { 'actuals/ae.csv': csv } });
}

const errorsOf = (csv: string) => withActuals(csv).diagnostics.filter((d) => d.severity === 'error');

describe('actuals in CSV', () => {
  it('reads every row of a well-formed file, with no problems', () => {
    const compilation = withActuals('target,organisation,period,value\nae-4-hours,trust,2024-02,74.5\nae-4-hours,trust,2024-03,76.1\n');
    expect(compilation.diagnostics).toEqual([]);
    expect(compilation.plan!.year.actuals.map((a) => [a.actual.period.label, a.actual.value, a.actual.at.line])).toEqual([['2024-02', 74.5, 2], ['2024-03', 76.1, 3]]);
  });

  it('reports a value that is not a number at its cell, with the number alone as the fix', () => {
    expect(errorsOf('target,organisation,period,value\nae-4-hours,trust,2024-03,76%\n')).toEqual([
      expect.objectContaining({ rule: 'schema', file: 'actuals/ae.csv', line: 2, column: 26, message: 'The `value` "76%" is not a number.', hint: "Write the number alone, such as `76`; the unit is the target's own." }),
    ]);
  });

  it('reports a decimal comma with the decimal point as the fix', () => {
    expect(errorsOf('target,organisation,period,value\nae-4-hours,trust,2024-03,"76,4"\n')[0]).toMatchObject({ line: 2, column: 26, hint: 'Write decimals with a point, such as `76.4`, and no thousands separators.' });
  });

  it('reports an organisation the plan does not have, with the nearest id', () => {
    expect(onlyFindingOf(withActuals('target,organisation,period,value\nae-4-hours,trustt,2024-03,76\n'), 'actual-refers-to-plan')).toMatchObject({
      severity: 'error', file: 'actuals/ae.csv', line: 2, column: 12, subject: 'ae-4-hours',
      message: 'This actual is for the organisation `trustt`, which the plan does not list. Did you mean `trust`?',
    });
  });

  it('reports a target the plan does not have, with the nearest id', () => {
    expect(onlyFindingOf(withActuals('target,organisation,period,value\nae-4-hour,trust,2024-03,76\n'), 'actual-refers-to-plan')).toMatchObject({
      line: 2, column: 1, message: 'This actual is for `ae-4-hour`, but the plan has no objective or metric with that id. Did you mean `ae-4-hours`?',
    });
  });

  it('reports a second value for the same target, organisation and period at the later row, naming the first', () => {
    expect(errorsOf('target,organisation,period,value\nae-4-hours,trust,2024-03,76\nae-4-hours,trust,2024-03,77\n')).toEqual([
      expect.objectContaining({ line: 3, column: 18, message: '`ae-4-hours` has two values for `trust` in 2024-03: 77 here and 76 at actuals/ae.csv:2:18.' }),
    ]);
  });

  it('reports a missing column at the header', () => {
    expect(errorsOf('target,organisation,value\nae-4-hours,trust,76\n')).toEqual([
      expect.objectContaining({ line: 1, column: 1, message: 'This actuals file has no `period` column.' }),
    ]);
  });

  it('reports a misspelt column at its name, with the nearest column', () => {
    expect(errorsOf('target,organisation,perod,value\n')[0]).toMatchObject({ rule: 'unknown-key', line: 1, column: 21, message: '`perod` is not a column of an actuals file. Did you mean `period`?' });
  });

  it('reads a file that starts with a byte-order mark, as Excel writes "CSV UTF-8", with the first column in place', () => {
    const compilation = withActuals('\uFEFFtarget,organisation,period,value\nae-4-hours,trust,2024-03,x\n');
    expect(compilation.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[2, 26, 'The `value` "x" is not a number.']]);
  });

  it('says so when the columns are separated by semicolons, at the first one', () => {
    expect(errorsOf('target;organisation;period;value\nae-4-hours;trust;2024-03;76,4\n')).toEqual([
      expect.objectContaining({ line: 1, column: 7, message: 'This file separates its columns with semicolons (;); plan reads CSV files whose columns are separated by commas.' }),
    ]);
  });

  it('reports an empty file', () => {
    expect(errorsOf('')).toEqual([expect.objectContaining({ file: 'actuals/ae.csv', line: 1, column: 1, message: 'This actuals file is empty.' })]);
  });

  it('reports a quoted cell that is never closed', () => {
    expect(errorsOf('target,organisation,period,value\nae-4-hours,"trust,2024-03,76\n')[0]).toMatchObject({ line: 2, message: 'A quoted cell here is never closed: it runs on to the end of the file.' });
  });

  it('reports a row with too few cells at its end', () => {
    expect(errorsOf('target,organisation,period,value\nae-4-hours,trust,2024-03\n')).toEqual([
      expect.objectContaining({ line: 2, column: 25, message: 'This row has 3 cells, but the header names 4 columns.' }),
    ]);
  });

  it('reports a period that is neither a month nor a quarter, saying how to write one', () => {
    expect(errorsOf('target,organisation,period,value\nae-4-hours,trust,March 2024,76\n')[0]).toMatchObject({
      line: 2, column: 18, message: 'The `period` "March 2024" is not a period: write a month as YYYY-MM (2024-03) or a quarter of the financial year as YYYY/YY Qn (2023/24 Q4).',
    });
  });

  it('counts lines past a quoted cell that holds a line break', () => {
    const compilation = withActuals('target,organisation,period,value,note\nae-4-hours,trust,2024-02,74,"two\nlines"\nae-4-hours,trust,2024-03,x,\n');
    expect(compilation.diagnostics.map((d) => [d.line, d.column])).toEqual([[4, 26]]);
  });

  it('leaves a row with a bad cell out, and does not call its target stale as well', () => {
    const compilation = compileFixture({ manifest: YEAR_MANIFEST, test: organisations, files: { 'actuals/ae.csv': 'target,organisation,period,value\nae-4-hours,trust,2024-03,x\n' } });
    expect(compilation.plan!.year.actuals).toEqual([]);
    expect(findingsOf(compilation, 'target-has-current-actual')).toEqual([]);
  });
});
