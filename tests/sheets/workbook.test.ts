// The spreadsheet round trip: `plan export --format xlsx` writes a workbook a director can edit, and
// `plan import` writes what changed back into the YAML, value by value, leaving every other byte as it was.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPlan, makeTempDir, repoRoot, runPlan, writePlan } from '../helpers/cli.js';
import { cellOf, diffLines, editWorkbook, openWorkbook, type CellEdit } from '../helpers/workbook.js';

const EMBEDDED = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');

/** A copy of the embedded plan and its workbook. */
async function exported(): Promise<{ plan: string; workbook: string }> {
  const plan = copyPlan(EMBEDDED);
  const workbook = join(makeTempDir(), 'plan.xlsx');
  const result = await runPlan(['export', plan, '--format', 'xlsx', '-o', workbook]);
  expect(result.code, result.stderr).toBe(0);
  return { plan, workbook };
}

async function importEdited(edits: readonly CellEdit[]) {
  const { plan, workbook } = await exported();
  const edited = join(makeTempDir(), 'edited.xlsx');
  await editWorkbook(workbook, edited, edits);
  return { plan, result: await runPlan(['import', edited, plan]) };
}

const planFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();

const original = (file: string) => readFileSync(join(EMBEDDED, file), 'utf8');
const now = (plan: string, file: string) => readFileSync(join(plan, file), 'utf8');

describe('plan export --format xlsx', () => {
  it('writes a sheet for objectives, actions, metrics and the trajectories, assessments and progress updates it has, each with a header row of keys and frozen panes', async () => {
    const workbook = await openWorkbook((await exported()).workbook);
    const objectives = workbook.getWorksheet('Objectives')!;
    expect(workbook.worksheets.filter((sheet) => sheet.state === 'visible').map((sheet) => sheet.name)).toEqual(['Objectives', 'Actions', 'Metrics', 'Trajectories', 'Assessments', 'Progress']);
    expect((objectives.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['id', 'title', 'source']);
    expect(objectives.rowCount).toBe(32);
    expect(workbook.getWorksheet('Actions')!.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
  });

  it('writes numbers as numbers and dates as dates', async () => {
    const workbook = await openWorkbook((await exported()).workbook);
    expect(cellOf(workbook, 'Objectives', 'no-01', 'target.value').value).toBe(76);
    expect(cellOf(workbook, 'Objectives', 'no-01', 'target.by').value).toEqual(new Date('2024-03-31T00:00:00Z'));
    expect(cellOf(workbook, 'Objectives', 'no-01', 'target.by').numFmt).toBe('yyyy-mm-dd');
  });

  it('offers the plan\'s portfolio ids in an objective\'s portfolio cell, and the statuses in an action\'s', async () => {
    const workbook = await openWorkbook((await exported()).workbook);
    const portfolio = cellOf(workbook, 'Objectives', 'no-01', 'portfolio').dataValidation;
    expect(portfolio.type).toBe('list');
    const [, column, first, last] = /^Lists!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(portfolio.formulae[0] as string)!;
    const lists = workbook.getWorksheet('Lists')!;
    const offered = Array.from({ length: Number(last) - Number(first) + 1 }, (_, i) => lists.getCell(`${column}${Number(first) + i}`).value);
    expect(offered).toContain('uec');
    expect(offered).toContain('primary-care');
    expect(cellOf(workbook, 'Actions', 'uec-ae-4-hours', 'status').dataValidation.formulae).toEqual(['"planned,in_progress,done,at_risk,stopped"']);
  });

  it('writes the same bytes every time', async () => {
    const first = readFileSync((await exported()).workbook);
    const second = readFileSync((await exported()).workbook);
    expect(second.equals(first)).toBe(true);
  });

  it('refuses a plan with errors (exit 1), writing no workbook', async () => {
    const plan = copyPlan(EMBEDDED);
    writeFileSync(join(plan, 'objectives.yaml'), now(plan, 'objectives.yaml').replace('portfolio: uec\n', 'portfolio: nowhere\n'));
    const out = join(makeTempDir(), 'plan.xlsx');
    const result = await runPlan(['export', plan, '--format', 'xlsx', '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('so no workbook was written');
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });
});

describe('plan import', () => {
  it('changes no byte of the embedded plan when the workbook comes back unedited', async () => {
    const { plan, workbook } = await exported();
    const result = await runPlan(['import', workbook, plan]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('nothing to change');
    expect(planFiles(plan)).toEqual(planFiles(EMBEDDED));
    for (const file of planFiles(EMBEDDED)) expect(now(plan, file), file).toBe(original(file));
  });

  it('writes an edited cell back as a one-line change in the YAML', async () => {
    const { plan, result } = await importEdited([['Objectives', 'no-01', 'target.value', 78]]);
    expect(result.code, result.stderr).toBe(0);
    expect(diffLines(original('objectives.yaml'), now(plan, 'objectives.yaml'))).toEqual({ removed: ['      value: 76'], added: ['      value: 78'] });
    for (const file of planFiles(EMBEDDED).filter((f) => f !== 'objectives.yaml')) expect(now(plan, file), file).toBe(original(file));
  });

  it('keeps the comment on the line of a changed value, and the quotes around changed text', async () => {
    const { plan } = await importEdited([['Objectives', 'no-01', 'target.measure', 'Patients seen within 4 hours'], ['Objectives', 'no-01', 'target.unit', 'per cent']]);
    expect(diffLines(original('objectives.yaml'), now(plan, 'objectives.yaml')).added).toEqual([
      '      measure: Patients seen within 4 hours # a minimum: "no less than 76%"',
      '      unit: "per cent"',
    ]);
  });

  it('quotes text that YAML would read as a number', async () => {
    const { plan } = await importEdited([['Objectives', 'no-03', 'area', '2024']]);
    expect(diffLines(original('objectives.yaml'), now(plan, 'objectives.yaml')).added).toEqual(['    area: "2024"']);
  });

  it('adds a key for a filled cell beside its neighbours, and removes the key of a cleared cell', async () => {
    const { plan, result } = await importEdited([['Objectives', 'no-03', 'target.by', new Date('2024-03-31T00:00:00Z')], ['Objectives', 'no-03', 'target.comparison', null]]);
    expect(result.code, result.stderr).toBe(0);
    expect(diffLines(original('objectives.yaml'), now(plan, 'objectives.yaml'))).toEqual({ removed: ['      comparison: at_most'], added: ['      by: 2024-03-31'] });
  });

  it('writes a changed list of ids on one line, as the file had it', async () => {
    const { plan } = await importEdited([['Actions', 'uec-ae-4-hours', 'objectives', 'no-01, no-03']]);
    expect(diffLines(original('actions.yaml'), now(plan, 'actions.yaml'))).toEqual({ removed: ['    objectives: [no-01]'], added: ['    objectives: [no-01, no-03]'] });
  });

  it('writes into files as planners write them: a value below its key, a list one item per line, no line break at the end', async () => {
    const objectives = 'objectives:\n  - id: o1\n    title:\n      A title written below its key\n    source: national\n    portfolio: uec\n    priorities:\n      - p1\n  - id: o2\n    title: Two\n    source: local\n    portfolio: uec';
    const plan = writePlan({
      'plan.yaml': 'plan:\n  id: p\n  title: P\n  system: S\n  period: {start: 2025-04-01, end: 2026-03-31}\ncollective_aim:\n  id: aim\n  statement: Live well\npriorities:\n  - id: p1\n    title: P1\n    aim: aim\n  - id: p2\n    title: P2\n    aim: aim\nportfolios:\n  - id: uec\n    name: UEC\n    priorities: [p1]\n',
      'objectives.yaml': objectives,
    });
    const workbook = join(makeTempDir(), 'plan.xlsx');
    expect((await runPlan(['export', plan, '--format', 'xlsx', '-o', workbook])).code).toBe(0);
    const edited = join(makeTempDir(), 'edited.xlsx');
    await editWorkbook(workbook, edited, [['Objectives', 'o1', 'title', 'A new title'], ['Objectives', 'o1', 'priorities', 'p1, p2'], ['Objectives', 'o2', 'target.value', 5]]);
    const result = await runPlan(['import', edited, plan]);
    expect(result.code, result.stderr).toBe(0);
    expect(now(plan, 'objectives.yaml')).toBe('objectives:\n  - id: o1\n    title:\n      A new title\n    source: national\n    portfolio: uec\n    priorities: [p1, p2]\n  - id: o2\n    title: Two\n    source: local\n    portfolio: uec\n    target:\n      value: 5\n');
    expect((await runPlan(['check', plan, '--format', 'json'])).code).toBe(0);
  });

  it('writes the lines it adds to a file saved with Windows line endings with those endings too', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const plan = writePlan({
      'plan.yaml': crlf('plan:\n  id: p\n  title: P\n  system: S\n  period: {start: 2025-04-01, end: 2026-03-31}\ncollective_aim:\n  id: aim\n  statement: Live well\npriorities:\n  - id: p1\n    title: P1\n    aim: aim\nportfolios:\n  - id: uec\n    name: UEC\n    priorities: [p1]\n'),
      'objectives.yaml': crlf('objectives:\n  - id: o1\n    title: One\n    source: national\n    portfolio: uec\n    priorities: [p1]\n'),
    });
    const workbook = join(makeTempDir(), 'plan.xlsx');
    expect((await runPlan(['export', plan, '--format', 'xlsx', '-o', workbook])).code).toBe(0);
    const edited = join(makeTempDir(), 'edited.xlsx');
    await editWorkbook(workbook, edited, [['Objectives', 'o1', 'target.value', 5], ['Objectives', 'o1', 'target.unit', '%']]);
    const result = await runPlan(['import', edited, plan]);
    expect(result.code, result.stderr).toBe(0);
    const text = now(plan, 'objectives.yaml');
    expect(text).toBe(crlf('objectives:\n  - id: o1\n    title: One\n    source: national\n    portfolio: uec\n    priorities: [p1]\n    target:\n      value: 5\n      unit: "%"\n'));
    expect(text).not.toMatch(/[^\r]\n/);
    expect((await runPlan(['check', plan, '--format', 'json'])).code).not.toBe(2);
  });

  it('reports a cell that is not a number with its sheet and cell, and writes nothing (exit 1)', async () => {
    const { plan, result } = await importEdited([['Objectives', 'no-01', 'target.value', '76 percent'], ['Objectives', 'no-02', 'target.value', 31]]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Objectives!J2: "76 percent" is not a number.');
    expect(result.stderr).toContain('a unit such as % goes in its own column, target.unit');
    expect(result.stderr).toContain('nothing was written');
    for (const file of planFiles(EMBEDDED)) expect(now(plan, file), file).toBe(original(file));
  });

  it('reports a date, a choice and a required cell it cannot use, each at its cell', async () => {
    const { result } = await importEdited([
      ['Objectives', 'no-02', 'target.by', 'March 2024'],
      ['Actions', 'uec-ae-4-hours', 'status', 'in-progress'],
      ['Objectives', 'no-04', 'title', null],
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Objectives!M3: "March 2024" is not a date.');
    expect(result.stderr).toMatch(/Actions!G\d+: "in-progress" is not one of planned, in_progress, done, at_risk, stopped\. Did you mean `in_progress`\?/);
    expect(result.stderr).toContain('Objectives!B5: no-04 must have a title');
  });

  it('refuses a row whose id the plan does not have, and a row written twice', async () => {
    const { plan, workbook } = await exported();
    const edited = join(makeTempDir(), 'edited.xlsx');
    const book = await openWorkbook(workbook);
    const objectives = book.getWorksheet('Objectives')!;
    objectives.addRow(['no-99', 'A new objective', 'national']);
    objectives.addRow(['no-01', 'Written again', 'national']);
    await book.xlsx.writeFile(edited);
    const result = await runPlan(['import', edited, plan]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Objectives!A33: The plan has no objective `no-99`.');
    expect(result.stderr).toContain('Objectives!A34: `no-01` is on this sheet twice: first at Objectives!A2.');
    for (const file of planFiles(EMBEDDED)) expect(now(plan, file), file).toBe(original(file));
  });

  it('shows a bidirectional override in a cell as a visible mark in its message, never sending it to the terminal', async () => {
    const { plan, workbook } = await exported();
    const edited = join(makeTempDir(), 'edited.xlsx');
    const book = await openWorkbook(workbook);
    book.getWorksheet('Objectives')!.addRow(['no-99\u202eevil', 'Injected', 'national']);
    await book.xlsx.writeFile(edited);
    const result = await runPlan(['import', edited, plan]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no-99<U+202E>evil');
    expect(result.stderr).not.toContain('\u202e');
  });

  it('leaves an item whose row was deleted as it is, and says so', async () => {
    const { plan, workbook } = await exported();
    const edited = join(makeTempDir(), 'edited.xlsx');
    const book = await openWorkbook(workbook);
    book.getWorksheet('Metrics')!.spliceRows(2, 1);
    await book.xlsx.writeFile(edited);
    const result = await runPlan(['import', edited, plan]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/leaves out one item \(`[^`]+`\): it is left as it is; plan import removes nothing/);
    for (const file of planFiles(EMBEDDED)) expect(now(plan, file), file).toBe(original(file));
  });

  it('refuses a file that is not a workbook (exit 2), in plain words', async () => {
    const file = join(makeTempDir(), 'plan.xlsx');
    writeFileSync(file, 'not a workbook');
    const result = await runPlan(['import', file, EMBEDDED]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it is not a workbook that plan can read');
  });
});
