// The planning year in the workbook: a sheet of trajectories (a row each, a column per period) and a
// sheet of actuals (a row per row of the CSV files), written where the plan has them, and read back by
// `plan import` into the YAML and the CSV files, changing only what changed.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type ExcelJS from 'exceljs';
import { copyPlan, fixture, makeTempDir, repoRoot, runPlan } from '../helpers/cli.js';
import { cellOf, columnOf, diffLines, editWorkbook, openWorkbook, type CellEdit } from '../helpers/workbook.js';

const EMBEDDED = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');
const YEAR = fixture('planning-year');

/** Every file of a plan folder, by path, as bytes. */
function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

/** Asserts that the plan's files are byte for byte those of `source`, except those given with their new text. */
function expectFiles(plan: string, source: string, changed: Record<string, string> = {}): void {
  const now = filesOf(plan);
  const before = filesOf(source);
  expect([...now.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [file, bytes] of before) {
    if (file in changed) expect(now.get(file)!.toString('utf8'), file).toBe(changed[file]);
    else expect(now.get(file)!.equals(bytes), `${file} is unchanged`).toBe(true);
  }
}

const text = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** Asserts that the import was refused (exit 1) with each of the messages, and that no file of the plan changed. */
function expectRefused(imported: { plan: string; result: { code: number | null; stderr: string } }, source: string, messages: readonly string[]): void {
  expect(imported.result.code).toBe(1);
  for (const message of messages) expect(imported.result.stderr).toContain(message);
  expect(imported.result.stderr).toContain('nothing was written');
  expectFiles(imported.plan, source);
}

/** A copy of a plan, and its workbook. */
async function exported(source: string): Promise<{ plan: string; workbook: string }> {
  const plan = copyPlan(source);
  const workbook = join(makeTempDir(), 'plan.xlsx');
  const result = await runPlan(['export', plan, '--format', 'xlsx', '-o', workbook]);
  expect(result.code, result.stderr).toBe(0);
  return { plan, workbook };
}

/** Exports a copy of the plan, lets `change` edit the workbook as a planner would, and imports it. */
async function importChanged(source: string, change: (workbook: ExcelJS.Workbook) => void) {
  const { plan, workbook } = await exported(source);
  const book = await openWorkbook(workbook);
  change(book);
  const edited = join(makeTempDir(), 'edited.xlsx');
  await book.xlsx.writeFile(edited);
  return { plan, result: await runPlan(['import', edited, plan]) };
}

async function importEdited(source: string, edits: readonly CellEdit[]) {
  const { plan, workbook } = await exported(source);
  const edited = join(makeTempDir(), 'edited.xlsx');
  await editWorkbook(workbook, edited, edits);
  return { plan, result: await runPlan(['import', edited, plan]) };
}

const headers = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);
const rowValues = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

/** Types a row into the first empty row below the header, as a planner would (the export leaves rows ready to fill in); its number. */
function fillIn(sheet: ExcelJS.Worksheet, values: readonly ExcelJS.CellValue[]): number {
  let number = 2;
  while (rowValues(sheet, number).some((value) => value !== undefined && value !== null)) number++;
  values.forEach((value, i) => {
    if (value !== null) sheet.getRow(number).getCell(i + 1).value = value;
  });
  return number;
}

/** The ids a cell's drop-down list offers, from the hidden Lists sheet. */
function offered(workbook: ExcelJS.Workbook, cell: ExcelJS.Cell): unknown[] {
  const [, column, first, last] = /^Lists!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(cell.dataValidation.formulae[0] as string)!;
  const lists = workbook.getWorksheet('Lists')!;
  return Array.from({ length: Number(last) - Number(first) + 1 }, (_, i) => lists.getCell(`${column}${Number(first) + i}`).value);
}

describe('plan export --format xlsx, in the planning year', () => {
  it('writes the sheets of trajectories and actuals only for a plan that has them, and those of assessments and progress updates for a plan in its year', async () => {
    const visible = async (source: string) => (await openWorkbook((await exported(source)).workbook)).worksheets.filter((s) => s.state === 'visible').map((s) => s.name);
    // The planning-year fixture has no assessments yet: its sheet is there, empty, for the first.
    expect(await visible(YEAR)).toEqual(['Objectives', 'Actions', 'Metrics', 'Trajectories', 'Assessments', 'Progress', 'Actuals']);
    expect(await visible(EMBEDDED)).toEqual(['Objectives', 'Actions', 'Metrics', 'Trajectories', 'Assessments', 'Progress']);
    expect(await visible(fixture('tiny'))).toEqual(['Objectives', 'Actions', 'Metrics']);
  });

  it('writes a trajectory a row, with a column for each period of the plan in time order, its values as numbers', async () => {
    const trajectories = (await openWorkbook((await exported(YEAR)).workbook)).getWorksheet('Trajectories')!;
    expect(headers(trajectories)).toEqual(['target', 'part', 'organisation', 'kind', '2024-04', '2024-05', '2024-06', '2024/25 Q1', '2024-07', '2024/25 Q2', '2025-03', '2024/25 Q4', 'tolerance', 'source']);
    expect(rowValues(trajectories, 2)).toEqual(['ae-4-hours', undefined, 'riverside-hospitals', 'planned', 74, 74.5, 75, undefined, 75.5, undefined, 78, undefined, 1, 'Operational plan submission, March 2024']);
    expect(rowValues(trajectories, 5).slice(0, 4)).toEqual(['long-waits', 'over-52-weeks', undefined, 'planned']);
    expect(trajectories.rowCount).toBe(6);
  });

  it('writes each row of the actuals files a row, with the file it is in', async () => {
    const actuals = (await openWorkbook((await exported(YEAR)).workbook)).getWorksheet('Actuals')!;
    expect(headers(actuals)).toEqual(['target', 'part', 'organisation', 'period', 'value', 'note', 'file']);
    expect(rowValues(actuals, 3)).toEqual(['ae-4-hours', undefined, 'riverside-hospitals', '2024-05', 74.9, 'Two new cubicles, from 12 May', 'actuals/ae.csv']);
    expect(rowValues(actuals, 8)).toEqual(['long-waits', 'over-52-weeks', 'riverside-icb', '2024/25 Q1', 412, undefined, 'actuals/waits-and-handovers.csv']);
    expect(actuals.rowCount).toBe(10);
  });

  it('writes periods as the plan writes them, as text, in cells that keep what is typed in them as text', async () => {
    const workbook = await openWorkbook((await exported(YEAR)).workbook);
    const trajectories = workbook.getWorksheet('Trajectories')!;
    const header = trajectories.getRow(1).getCell(columnOf(trajectories, '2024-04'));
    expect(header.value).toBe('2024-04');
    expect(header.numFmt).toBe('@');
    const period = cellOf(workbook, 'Actuals', 8, 'period');
    expect(period.value).toBe('2024/25 Q1');
    expect(period.numFmt).toBe('@');
  });

  it('offers the plan\'s objective and metric ids for a target, and its organisations for an organisation', async () => {
    const workbook = await openWorkbook((await exported(YEAR)).workbook);
    for (const sheet of ['Trajectories', 'Actuals']) {
      expect(offered(workbook, cellOf(workbook, sheet, 2, 'target'))).toEqual(['ae-4-hours', 'long-waits', 'ambulance-handovers']);
      expect(offered(workbook, cellOf(workbook, sheet, 2, 'organisation'))).toEqual(['riverside-icb', 'riverside-hospitals', 'valley-trust']);
    }
    expect(cellOf(workbook, 'Trajectories', 2, 'kind').dataValidation.formulae).toEqual(['"planned,forecast"']);
  });

  it('writes the same bytes every time', async () => {
    const first = readFileSync((await exported(YEAR)).workbook);
    expect(readFileSync((await exported(YEAR)).workbook).equals(first)).toBe(true);
  });

  it('keeps the columns that say what a row is for in view', async () => {
    const workbook = await openWorkbook((await exported(YEAR)).workbook);
    expect(workbook.getWorksheet('Trajectories')!.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 1 });
    expect(workbook.getWorksheet('Actuals')!.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 1 });
  });
});

describe('plan import, in the planning year', () => {
  it('changes no byte of a plan with trajectories and actuals when the workbook comes back unedited', async () => {
    const { plan, workbook } = await exported(YEAR);
    const result = await runPlan(['import', workbook, plan]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('nothing to change');
    expectFiles(plan, YEAR);
  });

  it('writes an edited trajectory value back as a one-line change in the YAML, keeping its comment', async () => {
    const { plan, result } = await importEdited(EMBEDDED, [['Trajectories', 2, '2024-03', 77]]);
    expect(result.code, result.stderr).toBe(0);
    expect(diffLines(text(EMBEDDED, 'trajectories.yaml'), text(plan, 'trajectories.yaml'))).toEqual({
      removed: ['      2024-03: 76.4 # "76.4% in March 2024"'],
      added: ['      2024-03: 77 # "76.4% in March 2024"'],
    });
    expectFiles(plan, EMBEDDED, { 'trajectories.yaml': text(plan, 'trajectories.yaml') });
  });

  it('adds a period filled in, in time order, and removes a period cleared', async () => {
    const { plan, result } = await importEdited(YEAR, [['Trajectories', 3, '2024-05', 72], ['Trajectories', 2, '2024-07', null]]);
    expect(result.code, result.stderr).toBe(0);
    expect(text(plan, 'trajectories.yaml')).toContain('    kind: forecast\n    values:\n      2024-05: 72\n      2024-06: 73\n');
    expect(diffLines(text(YEAR, 'trajectories.yaml'), text(plan, 'trajectories.yaml'))).toEqual({ removed: ['      2024-07: 75.5'], added: ['      2024-05: 72'] });
    expect((await runPlan(['check', plan, '--format', 'json'])).code).toBe(0);
  });

  it('reads a column added for a new period, headed as text or as the date a spreadsheet makes of a month', async () => {
    const { plan, result } = await importChanged(YEAR, (workbook) => {
      const sheet = workbook.getWorksheet('Trajectories')!;
      const quarter = sheet.columnCount + 1;
      sheet.getRow(1).getCell(quarter).value = '2024/25 Q3';
      sheet.getRow(5).getCell(quarter).value = 200;
      sheet.getRow(1).getCell(quarter + 1).value = new Date(Date.UTC(2024, 7, 1));
      sheet.getRow(2).getCell(quarter + 1).value = 76;
    });
    expect(result.code, result.stderr).toBe(0);
    expect(diffLines(text(YEAR, 'trajectories.yaml'), text(plan, 'trajectories.yaml')).added).toEqual(['      2024-08: 76', "      '2024/25 Q3': 200"]);
    expect(text(plan, 'trajectories.yaml')).toContain("      '2024/25 Q2': 300\n      '2024/25 Q3': 200\n      '2024/25 Q4': 100\n");
  });

  it('changes a value of a trajectory written on one line, and refuses to add a period to it', async () => {
    const changed = await importEdited(YEAR, [['Trajectories', 4, '2024-06', 76.5]]);
    expect(changed.result.code, changed.result.stderr).toBe(0);
    expect(diffLines(text(YEAR, 'trajectories.yaml'), text(changed.plan, 'trajectories.yaml')).added).toEqual(['    values: {2024-06: 76.5, 2025-03: 78}']);

    expectRefused(await importEdited(YEAR, [['Trajectories', 4, '2024-07', 77]]), YEAR, [
      'Trajectories!I4: The values of the planned trajectory of `ae-4-hours` for `valley-trust` are written in trajectories.yaml on one line',
    ]);
  });

  it('tells trajectories with the same target, organisation and kind apart by their order in the files', async () => {
    const source = copyPlan(YEAR);
    writeFileSync(join(source, 'year-revised.yaml'), 'trajectories:\n  - target: ae-4-hours\n    organisation: valley-trust\n    values:\n      2024-06: 75\n    source: Revised plan\n');
    const { plan, workbook } = await exported(source);
    const book = await openWorkbook(workbook);
    expect(rowValues(book.getWorksheet('Trajectories')!, 7).slice(0, 4)).toEqual(['ae-4-hours', undefined, 'valley-trust', 'planned']);
    const edited = join(makeTempDir(), 'edited.xlsx');
    await editWorkbook(workbook, edited, [['Trajectories', 7, '2024-06', 75.5]]);
    const result = await runPlan(['import', edited, plan]);
    expect(result.code, result.stderr).toBe(0);
    expectFiles(plan, source, { 'year-revised.yaml': text(source, 'year-revised.yaml').replace('2024-06: 75\n', '2024-06: 75.5\n') });
  });

  it('refuses a trajectory the plan does not have, and a row that is one more than it has, writing nothing', async () => {
    const imported = await importChanged(YEAR, (workbook) => {
      const sheet = workbook.getWorksheet('Trajectories')!;
      sheet.getRow(2).getCell(columnOf(sheet, 'organisation')).value = 'hillside';
      sheet.addRow(rowValues(sheet, 3));
    });
    expectRefused(imported, YEAR, [
      'Trajectories!A2: The plan has no planned trajectory of `ae-4-hours` for `hillside`.',
      'Trajectories!A7: The plan has no second forecast trajectory of `ae-4-hours` for `riverside-hospitals`: this row is one more than it has.',
    ]);
  });

  it('refuses to clear every period of a trajectory', async () => {
    expectRefused(await importEdited(EMBEDDED, [['Trajectories', 2, '2024-03', null]]), EMBEDDED, [
      'Trajectories!E2: The planned trajectory of `no-01` for `uhnm` must have a value for at least one period',
    ]);
  });

  it('reports a bad cell of the Trajectories sheet with its sheet, row and column, and writes nothing (exit 1)', async () => {
    const imported = await importEdited(EMBEDDED, [['Trajectories', 2, '2024-03', '76 percent'], ['Trajectories', 2, 'tolerance', -1], ['Trajectories', 2, 'kind', 'planed']]);
    expectRefused(imported, EMBEDDED, [
      'Trajectories!E2: "76 percent" is not a number.\n  → Write the number alone, such as 76, in the unit of the target.',
      'Trajectories!F2: -1 is less than 0: tolerance is 0 or more.',
      'Trajectories!D2: "planed" is not one of planned, forecast. Did you mean `planned`?',
    ]);
  });

  it('writes an edited actual back as a one-line change in its CSV file, keeping its byte-order mark, line endings and quotes', async () => {
    const { plan, result } = await importEdited(YEAR, [['Actuals', 3, 'value', 75]]);
    expect(result.code, result.stderr).toBe(0);
    const before = text(YEAR, 'actuals/ae.csv');
    expect(diffLines(before, text(plan, 'actuals/ae.csv'))).toEqual({
      removed: ['"riverside-hospitals",ae-4-hours,2024-05,74.9,"Two new cubicles, from 12 May"\r'],
      added: ['"riverside-hospitals",ae-4-hours,2024-05,75,"Two new cubicles, from 12 May"\r'],
    });
    expectFiles(plan, YEAR, { 'actuals/ae.csv': before.replace(',74.9,', ',75,') });
    expect(result.stderr).toMatch(/1 value changed, in \S*actuals\/ae\.csv \(1\)/);
  });

  it('writes a note as CSV needs it: quoted where it holds a comma or was quoted, a quote doubled', async () => {
    const { plan, result } = await importEdited(YEAR, [['Actuals', 2, 'note', 'Escalation, then recovery'], ['Actuals', 5, 'note', 'Steady']]);
    expect(result.code, result.stderr).toBe(0);
    expect(diffLines(text(YEAR, 'actuals/ae.csv'), text(plan, 'actuals/ae.csv')).added).toEqual([
      'riverside-hospitals,ae-4-hours,2024-04,73.8,"Escalation, then recovery"\r',
      'riverside-hospitals,ae-4-hours,2024-07,76.1,"Steady"\r',
    ]);
    const quoted = await importEdited(YEAR, [['Actuals', 6, 'note', 'Said "better"']]);
    expect(diffLines(text(YEAR, 'actuals/ae.csv'), text(quoted.plan, 'actuals/ae.csv')).added).toEqual(['valley-trust,ae-4-hours,2024-06,76.5,"Said ""better"""\r']);
  });

  it('changes the last cell of a file with no line break at its end, and adds none', async () => {
    const { plan, result } = await importEdited(YEAR, [['Actuals', 10, 'value', 87]]);
    expect(result.code, result.stderr).toBe(0);
    expectFiles(plan, YEAR, { 'actuals/waits-and-handovers.csv': text(YEAR, 'actuals/waits-and-handovers.csv').replace(/,86$/, ',87') });
  });

  it('reports a bad cell of the Actuals sheet with its sheet, row and column, and writes nothing (exit 1)', async () => {
    // The good change to row 9 is not written either.
    expectRefused(await importEdited(YEAR, [['Actuals', 3, 'value', '76 percent'], ['Actuals', 4, 'period', 'June 2024'], ['Actuals', 9, 'value', 85]]), YEAR, [
      'Actuals!E3: "76 percent" is not a number.',
      'Actuals!D4: "June 2024" is not a period: write a month as YYYY-MM',
      'nothing was written: 2 cells of',
    ]);
  });

  it('refuses an actual the plan does not have, a cleared value, a moved row and a note for a file without notes', async () => {
    const imported = await importChanged(YEAR, (workbook) => {
      workbook.getWorksheet('Actuals')!.addRow(['ae-4-hours', null, 'valley-trust', '2024-08', 78, null, 'actuals/ae.csv']);
      cellOf(workbook, 'Actuals', 2, 'value').value = null;
      cellOf(workbook, 'Actuals', 6, 'file').value = 'actuals/waits-and-handovers.csv';
      cellOf(workbook, 'Actuals', 9, 'note').value = 'Validated';
    });
    expectRefused(imported, YEAR, [
      'Actuals!A11: The plan has no actual of `ae-4-hours` for `valley-trust` in 2024-08.',
      'Actuals!E2: The value of the actual of `ae-4-hours` for `riverside-hospitals` in 2024-04 cannot be empty.',
      'Actuals!G6: This row is in actuals/ae.csv: plan import does not move a row to another file.',
      'Actuals!F9: actuals/waits-and-handovers.csv has no `note` column',
    ]);
  });

  it('leaves a trajectory and an actual whose rows were deleted as they are, and says so', async () => {
    const { plan, result } = await importChanged(YEAR, (workbook) => {
      workbook.getWorksheet('Trajectories')!.spliceRows(3, 1);
      workbook.getWorksheet('Actuals')!.spliceRows(2, 1);
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('leaves out one trajectory (forecast trajectory of `ae-4-hours` for `riverside-hospitals`): it is left as it is; plan import removes nothing');
    expect(result.stderr).toContain('leaves out one actual (actual of `ae-4-hours` for `riverside-hospitals` in 2024-04): it is left as it is');
    expectFiles(plan, YEAR);
  });
});

describe('the quarterly stocktake in the workbook: the Progress sheet', () => {
  it('writes each progress update a row, then a row to fill in for each action the latest stocktake due waits for', async () => {
    const workbook = await openWorkbook((await exported(EMBEDDED)).workbook);
    const progress = workbook.getWorksheet('Progress')!;
    // The action's portfolio and title are shown beside its id, for whoever fills the sheet in (and to filter it by portfolio).
    expect(headers(progress)).toEqual(['portfolio', 'action', 'title', 'date', 'quarter', 'status', 'update', 'reported_by', 'source']);
    // An update that gives no quarter answers the one its date falls in: its quarter cell is empty, as in the YAML.
    expect(rowValues(progress, 2).slice(0, 5)).toEqual(['cyp-maternity', 'maternity-neonatal-delivery-plan', 'Implementation of the national delivery plan for maternity and neonatal care', new Date('2024-04-08T00:00:00Z'), undefined]);
    // The embedded plan's stocktake of 2023/24 Q4 (due by 31 March 2024) waits for every action but the one reported on.
    const awaited = Array.from({ length: progress.rowCount - 5 }, (_, i) => rowValues(progress, i + 6)).filter((row) => row.length > 0);
    expect(awaited).toHaveLength(30);
    // Then empty rows ready to fill in, formatted and offering the same choices.
    const empty = 36;
    expect(rowValues(progress, empty)).toEqual([]);
    expect(cellOf(workbook, 'Progress', empty, 'date').numFmt).toBe('yyyy-mm-dd');
    expect(cellOf(workbook, 'Progress', empty, 'quarter').numFmt).toBe('@');
    expect(offered(workbook, cellOf(workbook, 'Progress', empty, 'action'))).toContain('uec-ae-4-hours');
    expect(cellOf(workbook, 'Progress', empty + 49, 'status').dataValidation.formulae).toEqual(['"not_started,on_track,at_risk,off_track,done,stopped"']);
    expect(cellOf(workbook, 'Progress', empty + 50, 'status').dataValidation).toBeUndefined();
    expect(awaited[0]).toEqual(['cyp-maternity', 'cyp-ltc-programme', 'Design and Implement Long Term Conditions Programme (Diabetes, Epilepsy and Asthma)', undefined, '2023/24 Q4']);
    expect(awaited.every((row) => row[4] === '2023/24 Q4' && row.length === 5)).toBe(true);
    expect(progress.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 1 });
    expect(offered(workbook, cellOf(workbook, 'Progress', 6, 'action'))).toContain('uec-ae-4-hours');
    expect(cellOf(workbook, 'Progress', 6, 'status').dataValidation.formulae).toEqual(['"not_started,on_track,at_risk,off_track,done,stopped"']);
  });

  it('changes nothing when the rows left to fill in come back empty', async () => {
    const { plan, result } = await importEdited(YEAR, []);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('holds the plan as it is: nothing to change');
    expectFiles(plan, YEAR);
  });

  it('adds an update filled in on its row, after the action\'s last one, and changes an update already there in its place', async () => {
    const { plan, result } = await importEdited(EMBEDDED, [
      ['Progress', 2, 'status', 'on_track'],
      ['Progress', 17, 'date', new Date('2024-03-28T00:00:00Z')],
      ['Progress', 17, 'status', 'at_risk'],
      ['Progress', 17, 'update', 'Performance at 74.1% in March: "short" of 76%.\nRecovery plan agreed.'],
      ['Progress', 17, 'reported_by', 'UEC board'],
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('plan: 1 value changed, in');
    expect(result.stderr).toMatch(/plan: 1 progress update added, in \S+progress\.yaml \(1\)\./);
    const before = text(EMBEDDED, 'progress.yaml');
    expect(diffLines(before, text(plan, 'progress.yaml')).added).toEqual([
      '    status: on_track',
      '  - action: uec-ae-4-hours',
      '    date: 2024-03-28',
      '    quarter: 2023/24 Q4',
      '    status: at_risk',
      '    update: |-',
      '      Performance at 74.1% in March: "short" of 76%.',
      '      Recovery plan agreed.',
      '    reported_by: UEC board',
    ]);
    expect(diffLines(before, text(plan, 'progress.yaml')).removed).toEqual([]);
    // The stocktake no longer waits for that action.
    const check = await runPlan(['check', plan, '--format', 'json']);
    const overdue = (JSON.parse(check.stdout) as { diagnostics: { rule: string; message: string }[] }).diagnostics.filter((d) => d.rule === 'stocktake-up-to-date');
    expect(overdue).toHaveLength(29);
    expect(overdue.some((d) => d.message.includes('76% of patients seen within 4 hours'))).toBe(false);
  });

  it('puts the first updates of a plan that has none in a new file, progress.yaml, and later ones after their action\'s', async () => {
    const first = await importEdited(YEAR, [
      ['Progress', 2, 'date', new Date('2024-07-01T00:00:00Z')],
      ['Progress', 2, 'status', 'on_track'],
      ['Progress', 2, 'update', 'Open at both sites.'],
      ['Progress', 3, 'date', new Date('2024-07-02T00:00:00Z')],
      ['Progress', 3, 'update', 'Two lists of five validated.'],
    ]);
    expect(first.result.code, first.result.stderr).toBe(0);
    expect(text(first.plan, 'progress.yaml')).toBe([
      'progress:',
      '  - action: same-day-emergency-care',
      '    date: 2024-07-01',
      '    quarter: 2024/25 Q1',
      '    status: on_track',
      '    update: Open at both sites.',
      '  - action: validation-sprint',
      '    date: 2024-07-02',
      '    quarter: 2024/25 Q1',
      '    update: Two lists of five validated.',
      '',
    ].join('\n'));
    // The next quarter: a row the planner added for the first action goes after that action's update.
    const { workbook } = await (async () => {
      const out = join(makeTempDir(), 'next.xlsx');
      const result = await runPlan(['export', first.plan, '--format', 'xlsx', '-o', out]);
      expect(result.code, result.stderr).toBe(0);
      return { workbook: out };
    })();
    const book = await openWorkbook(workbook);
    fillIn(book.getWorksheet('Progress')!, [null, 'same-day-emergency-care', null, new Date('2024-10-01T00:00:00Z'), '2024/25 Q2', 'done', 'Seven days a week.']);
    const edited = join(makeTempDir(), 'edited.xlsx');
    await book.xlsx.writeFile(edited);
    const second = await runPlan(['import', edited, first.plan]);
    expect(second.code, second.stderr).toBe(0);
    expect(diffLines(text(first.plan, 'progress.yaml').replace(/\s*$/, '\n'), text(first.plan, 'progress.yaml')).added).toEqual([]);
    expect(text(first.plan, 'progress.yaml').split('\n').slice(5, 11)).toEqual([
      '    update: Open at both sites.',
      '  - action: same-day-emergency-care',
      '    date: 2024-10-01',
      '    quarter: 2024/25 Q2',
      '    status: done',
      '    update: Seven days a week.',
    ]);
    expect((await runPlan(['check', first.plan])).code).toBe(0);
  });

  it('puts an update among the updates of its quarter, in a plan that keeps a file per quarter', async () => {
    const source = copyPlan(YEAR);
    const q1 = 'progress:\n  - action: same-day-emergency-care\n    date: 2024-07-01\n    quarter: 2024/25 Q1\n    update: Open at one site.\n  - action: validation-sprint\n    date: 2024-07-02\n    quarter: 2024/25 Q1\n    update: Started.\n';
    const q2 = 'progress:\n  - action: same-day-emergency-care\n    date: 2024-10-01\n    quarter: 2024/25 Q2\n    update: Open at both sites.\n';
    writeFileSync(join(source, 'progress-2024-25-q1.yaml'), q1);
    writeFileSync(join(source, 'progress-2024-25-q2.yaml'), q2);
    const { plan, result } = await importChanged(source, (workbook) => {
      const sheet = workbook.getWorksheet('Progress')!;
      fillIn(sheet, [null, 'validation-sprint', null, new Date('2024-10-02T00:00:00Z'), '2024/25 Q2', 'done', 'Finished.']);
      fillIn(sheet, [null, 'same-day-emergency-care', null, new Date('2024-07-03T00:00:00Z'), '2024/25 Q1', null, 'Second site opening.']);
    });
    expect(result.code, result.stderr).toBe(0);
    // validation-sprint's only update is in Q1's file, but its Q2 update goes with the other Q2 updates.
    expect(text(plan, 'progress-2024-25-q2.yaml')).toBe(`${q2}  - action: validation-sprint\n    date: 2024-10-02\n    quarter: 2024/25 Q2\n    status: done\n    update: Finished.\n`);
    // Within its quarter's file, after the action's last update there.
    expect(text(plan, 'progress-2024-25-q1.yaml').split('\n').slice(4, 9)).toEqual([
      '    update: Open at one site.',
      '  - action: same-day-emergency-care',
      '    date: 2024-07-03',
      '    quarter: 2024/25 Q1',
      '    update: Second site opening.',
    ]);
  });

  it('refuses a row filled in without its date or update, for an action the plan does not have, or with a status it does not know, and writes nothing', async () => {
    const imported = await importChanged(YEAR, (workbook) => {
      cellOf(workbook, 'Progress', 2, 'status').value = 'on_track';
      cellOf(workbook, 'Progress', 3, 'status').value = 'on track';
      fillIn(workbook.getWorksheet('Progress')!, [null, 'validation-sprnt', null, new Date('2024-07-02T00:00:00Z'), '2024/25 Q1', null, 'Done.']);
    });
    expectRefused(imported, YEAR, [
      'Progress!D2: The new progress update on `same-day-emergency-care` for 2024/25 Q1 needs a date: the cell cannot be empty.',
      'Progress!G2: The new progress update on `same-day-emergency-care` for 2024/25 Q1 needs an update: the cell cannot be empty.',
      'Progress!F3: "on track" is not one of',
      'Progress!B4: The plan has no action `validation-sprnt` to add a progress update to. Did you mean `validation-sprint`?',
    ]);
  });

  it('refuses a changed title or portfolio of an action on the Progress sheet, which is the action\'s to change, and takes a cleared one as left alone', async () => {
    expectRefused(await importEdited(EMBEDDED, [['Progress', 6, 'title', 'Long term conditions'], ['Progress', 7, 'portfolio', 'uec']]), EMBEDDED, [
      'Progress!C6: This is the title of the action `cyp-ltc-programme`, which the Progress sheet shows and plan import does not change.',
      'Progress!A7: This is the portfolio of the action `cyp-complex-needs-project`, which the Progress sheet shows and plan import does not change.',
      '→ Change the action\'s title on the Actions sheet (or in its .yaml file), or put the cell back as it was.',
    ]);
    const { plan, result } = await importEdited(EMBEDDED, [['Progress', 6, 'title', null], ['Progress', 6, 'portfolio', null]]);
    expect(result.code, result.stderr).toBe(0);
    expectFiles(plan, EMBEDDED);
  });

  it('refuses to add an update to a list of updates written on one line, and says how to write it', async () => {
    const source = copyPlan(YEAR);
    writeFileSync(join(source, 'progress.yaml'), 'progress: []\n');
    expectRefused(await importEdited(source, [['Progress', 2, 'date', new Date('2024-07-01T00:00:00Z')], ['Progress', 2, 'update', 'Open at both sites.']]), source, [
      'Progress!B2: The progress updates in progress.yaml are not written as a list one item per line (- action: …), so plan import cannot add one there.',
      '→ Write `progress:` in the file as a list with one `- action:` item per update, then import again.',
    ]);
  });
});

/** A row of the Assessments sheet for the planning-year fixture, which has no assessments. */
const FIRST_ASSESSMENT = ['ae-4-hours', null, null, 'forecast', '2024-09', 81, 'not_met', null, 'Planning team', new Date('2024-07-05T00:00:00Z')];

describe('recorded assessments in the workbook: the Assessments sheet', () => {
  it('writes each assessment a row, what it judges in the first columns, and writes a changed judgement in its place', async () => {
    const workbook = await openWorkbook((await exported(EMBEDDED)).workbook);
    const assessments = workbook.getWorksheet('Assessments')!;
    expect(headers(assessments)).toEqual(['target', 'part', 'organisation', 'position', 'period', 'value', 'status', 'words', 'assessed_by', 'assessed_on', 'source', 'note']);
    expect(assessments.views[0]).toMatchObject({ state: 'frozen', xSplit: 5, ySplit: 1 });
    const row = Array.from({ length: assessments.rowCount - 1 }, (_, i) => i + 2).find((n) => rowValues(assessments, n)[0] === 'no-01')!;
    expect(rowValues(assessments, row).slice(0, 8)).toEqual(['no-01', undefined, 'uhnm', 'planned', '2024-03', 76.4, 'met', 'compliant']);

    const { plan, result } = await importEdited(EMBEDDED, [['Assessments', row, 'status', 'not_met'], ['Assessments', row, 'words', 'not compliant']]);
    expect(result.code, result.stderr).toBe(0);
    const lines = diffLines(text(EMBEDDED, 'assessments.yaml'), text(plan, 'assessments.yaml'));
    expect(lines).toEqual({ removed: ['    status: met', '    words: compliant'], added: ['    status: not_met', '    words: not compliant'] });
  });

  it('reads a period the spreadsheet has made a date as the month it is, so the row is still its assessment', async () => {
    const workbook = await openWorkbook((await exported(EMBEDDED)).workbook);
    const assessments = workbook.getWorksheet('Assessments')!;
    const row = Array.from({ length: assessments.rowCount - 1 }, (_, i) => i + 2).find((n) => rowValues(assessments, n)[0] === 'no-01')!;
    expect(cellOf(workbook, 'Assessments', row, 'period').numFmt).toBe('@');
    // Typed into a cell whose text format was lost (pasted over), `2024-03` becomes 1 March 2024, formatted as a date.
    const { plan, result } = await importChanged(EMBEDDED, (book) => {
      const period = cellOf(book, 'Assessments', row, 'period');
      period.value = new Date('2024-03-01T00:00:00Z');
      period.numFmt = 'mmm-yy';
      cellOf(book, 'Assessments', row, 'value').value = 76.5;
    });
    expect(result.code, result.stderr).toBe(0);
    expect(diffLines(text(EMBEDDED, 'assessments.yaml'), text(plan, 'assessments.yaml'))).toEqual({ removed: ['    value: 76.4'], added: ['    value: 76.5'] });
  });

  it('refuses a row whose position was changed, as the assessment it was, rather than add it as another', async () => {
    const workbook = await openWorkbook((await exported(EMBEDDED)).workbook);
    const assessments = workbook.getWorksheet('Assessments')!;
    const row = Array.from({ length: assessments.rowCount - 1 }, (_, i) => i + 2).find((n) => rowValues(assessments, n)[0] === 'no-01')!;
    expectRefused(await importEdited(EMBEDDED, [['Assessments', row, 'position', 'measured']]), EMBEDDED, [
      `Assessments!D${row}: This row is the assessment of the planned position of \`no-01\` for \`uhnm\` in 2024-03 with its position changed: the cells that say which assessment a row is are not changed by plan import.`,
      '→ Put the position back as it was. To record a new assessment, add a row; to change what an assessment judges, change it in assessments.yaml.',
    ]);
  });

  it('refuses a progress update whose quarter was changed, as the update it was', async () => {
    const source = copyPlan(YEAR);
    writeFileSync(join(source, 'progress.yaml'), 'progress:\n  - action: same-day-emergency-care\n    date: 2024-07-01\n    quarter: 2024/25 Q1\n    status: on_track\n    update: Open at both sites.\n');
    expectRefused(await importEdited(source, [['Progress', 2, 'quarter', '2024/25 Q2']]), source, [
      'Progress!E2: This row is the progress update on `same-day-emergency-care` for 2024/25 Q1 with its quarter changed: the cells that say which update a row is are not changed by plan import.',
      '→ Put the quarter back as it was. To record a new update, add a row; to change what an update is on, change it in progress.yaml.',
    ]);
  });

  it('adds an assessment filled in on a new row, after the last one of its target, which plan check and plan trace then read', async () => {
    const { plan, result } = await importChanged(EMBEDDED, (workbook) => {
      fillIn(workbook.getWorksheet('Assessments')!, ['no-01', null, 'uhnm', 'measured', '2024-03', 76.3, 'met', 'compliant', 'UHNM performance team', new Date('2024-04-20T00:00:00Z'), 'Monthly performance report, April 2024']);
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/plan: 1 assessment added, in \S+assessments\.yaml \(1\)\./);
    const before = text(EMBEDDED, 'assessments.yaml');
    const after = text(plan, 'assessments.yaml');
    expect(diffLines(before, after)).toEqual({ removed: [], added: [
      '  - target: no-01',
      '    organisation: uhnm',
      '    position: measured',
      '    period: 2024-03',
      '    value: 76.3',
      '    status: met',
      '    words: compliant',
      '    assessed_by: UHNM performance team',
      '    assessed_on: 2024-04-20',
      '    source: Monthly performance report, April 2024',
    ] });
    // Right after the last assessment of no-01, before the next target's.
    const lines = after.split('\n');
    const added = lines.indexOf('    assessed_by: UHNM performance team');
    expect(lines.slice(added - 8, added - 6)).toEqual(['    source: System plan slides, Draft NHSE Facing Submissions, UHNM Position', '  - target: no-01']);
    const check = await runPlan(['check', plan, '--format', 'json']);
    const beforeCheck = await runPlan(['check', EMBEDDED, '--format', 'json']);
    expect(check.code).toBe(beforeCheck.code);
    const errors = (JSON.parse(check.stdout) as { diagnostics: { severity: string }[] }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    const site = join(makeTempDir(), 'site');
    expect((await runPlan(['build', plan, '--out', site, '--quiet'])).code).toBe(0);
    const compiled = JSON.parse(readFileSync(join(site, 'plan.json'), 'utf8')) as { year: { targets: { target: string; positions: { organisation: string; assessed: { position: string; assessed_by: string; assessed_on: string }[] }[] }[] } };
    const uhnm = compiled.year.targets.find((t) => t.target === 'no-01')!.positions.find((p) => p.organisation === 'uhnm')!;
    expect(uhnm.assessed.map((a) => [a.position, a.assessed_by, a.assessed_on])).toEqual([
      ['planned', 'Staffordshire and Stoke-on-Trent ICS', '2023-02-23'],
      ['measured', 'UHNM performance team', '2024-04-20'],
    ]);
    const trace = await runPlan(['trace', 'no-01', plan]);
    expect(trace.stdout).toContain('assessed met ("compliant") by UHNM performance team on 20 April 2024, of the measured position 76.3% in March 2024');
  });

  it('puts the first assessments of a plan that has none in a new file, assessments.yaml', async () => {
    const source = copyPlan(YEAR);
    const { plan, result } = await importChanged(source, (workbook) => {
      // The plan has no assessments, and runs its year: the Assessments sheet is its headings and rows to fill in.
      const sheet = workbook.getWorksheet('Assessments')!;
      expect(rowValues(sheet, 1).slice(0, 5)).toEqual(['target', 'part', 'organisation', 'position', 'period']);
      expect(fillIn(sheet, FIRST_ASSESSMENT)).toBe(2);
    });
    expect(result.code, result.stderr).toBe(0);
    expect(text(plan, 'assessments.yaml')).toBe([
      'assessments:',
      `  - target: ${FIRST_ASSESSMENT[0]}`,
      '    position: forecast',
      '    period: 2024-09',
      '    value: 81',
      '    status: not_met',
      '    assessed_by: Planning team',
      '    assessed_on: 2024-07-05',
      '',
    ].join('\n'));
    // Every other file as it was.
    const now = filesOf(plan);
    expect([...now.keys()].sort()).toEqual([...filesOf(source).keys(), 'assessments.yaml'].sort());
    for (const [file, bytes] of filesOf(source)) expect(now.get(file)!.equals(bytes), file).toBe(true);
    expect((await runPlan(['check', plan])).code).toBe(0);
  });

  it('takes an Assessments sheet the planner added by hand, headed as the language\'s keys are, as a workbook made before the sheet was written empty', async () => {
    const source = copyPlan(YEAR);
    const { plan, result } = await importChanged(source, (workbook) => {
      workbook.removeWorksheet(workbook.getWorksheet('Assessments')!.id);
      const sheet = workbook.addWorksheet('Assessments');
      sheet.addRow(['target', 'part', 'organisation', 'position', 'period', 'value', 'status', 'words', 'assessed_by', 'assessed_on', 'source', 'note']);
      sheet.addRow(FIRST_ASSESSMENT);
    });
    expect(result.code, result.stderr).toBe(0);
    expect(text(plan, 'assessments.yaml')).toContain(`  - target: ${FIRST_ASSESSMENT[0]}\n    position: forecast\n`);
  });

  it('refuses a new assessment of a target or organisation the plan does not have, or without its judgement, who made it and when, and writes nothing', async () => {
    let rows = 0;
    const imported = await importChanged(EMBEDDED, (workbook) => {
      const sheet = workbook.getWorksheet('Assessments')!;
      rows = fillIn(sheet, ['no-1', null, null, 'planned', '2024-03', 70, 'met', null, 'ICB', new Date('2024-04-20T00:00:00Z')]) - 1;
      fillIn(sheet, ['no-01', null, 'uhn', 'planned', '2024-03', 70, 'met', null, 'ICB', new Date('2024-04-20T00:00:00Z')]);
      fillIn(sheet, ['no-03', null, null, 'measured', '2024-03', 70]);
      fillIn(sheet, ['no-03', null, null, 'measured', '2024-02', 70, 'compliant', null, 'ICB', new Date('2024-04-20T00:00:00Z')]);
    });
    expectRefused(imported, EMBEDDED, [
      `Assessments!A${rows + 1}: The plan has no objective or metric \`no-1\` to add an assessment of its target to. Did you mean \`no-01\`?`,
      `Assessments!C${rows + 2}: The plan has no organisation \`uhn\`. Did you mean \`uhnm\`?`,
      `Assessments!G${rows + 3}: The new assessment of the measured position of \`no-03\` in 2024-03 needs a status: the cell cannot be empty.`,
      `Assessments!I${rows + 3}: The new assessment of the measured position of \`no-03\` in 2024-03 needs who made it (\`assessed_by\`): the cell cannot be empty.`,
      `Assessments!J${rows + 3}: The new assessment of the measured position of \`no-03\` in 2024-03 needs the date it was made (\`assessed_on\`): the cell cannot be empty.`,
      '→ Write the date of the assessment, such as 2024-06-28.',
      `Assessments!G${rows + 4}: "compliant" is not one of`,
    ]);
  });

  it('refuses to add an assessment to a list of assessments written on one line', async () => {
    const source = copyPlan(YEAR);
    writeFileSync(join(source, 'assessments.yaml'), 'assessments: []\n');
    const imported = await importChanged(source, (workbook) => fillIn(workbook.getWorksheet('Assessments')!, FIRST_ASSESSMENT));
    expectRefused(imported, source, [
      'Assessments!A2: The assessments in assessments.yaml are not written as a list one item per line (- target: …), so plan import cannot add one there.',
      '→ Write `assessments:` in the file as a list with one `- target:` item per assessment, then import again.',
    ]);
  });
});

describe('a progress update added from the workbook, whatever its text', () => {
  it('reads back as exactly the text of its cells, one update, however the text would read as YAML', async () => {
    const texts = [
      'Done.\n- action: injected\n  date: 2024-01-01\n  update: not a second update',
      '# not a comment',
      'key: value, and [a list] and {a: map}',
      '  leading spaces, a trailing one ',
      '"quoted" and \'quoted\' and | and > and &anchor *alias !tag',
      '2024-07-01',
      'yes',
    ];
    const { plan, workbook } = await exported(YEAR);
    for (const [i, update] of texts.entries()) {
      const edited = join(makeTempDir(), `edited-${i}.xlsx`);
      await editWorkbook(workbook, edited, [['Progress', 2, 'date', new Date('2024-07-01T00:00:00Z')], ['Progress', 2, 'update', update]]);
      const copy = copyPlan(plan);
      const result = await runPlan(['import', edited, copy]);
      expect(result.code, result.stderr).toBe(0);
      const read = parse(text(copy, 'progress.yaml')) as { progress: { action: string; update: string }[] };
      expect(read.progress).toEqual([{ action: 'same-day-emergency-care', date: '2024-07-01', quarter: '2024/25 Q1', update }]);
      expect((await runPlan(['check', copy])).code).toBe(0);
    }
  });
});

