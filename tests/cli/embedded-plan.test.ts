// The embedded plan, plans/staffordshire-stoke-2023-24, must check cleanly; and breaking one link of its
// golden thread in a copy must give exactly the error that link's rule promises, at the right line.
// The items to break are found by parsing the plan, never by hard-coded line numbers, so these tests
// keep working as the plan is edited.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Position } from '../../src/diagnostic.js';
import { offsetToPosition, startOf } from '../../src/load/located.js';
import { parseSource } from '../../src/load/parse-source.js';
import { childAt, positionAt, type ItemSource } from '../../src/model/locate.js';
import type { PlanExport } from '../../src/render/plan-export.js';
import { copyPlan, removeTempDirs, repoRoot, runPlan, stylishFindings } from '../helpers/cli.js';

const PLAN = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');

afterAll(removeTempDirs);

interface JsonDiagnostic {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  hint: string | null;
  context: string[];
  file: string;
  line: number;
  column: number;
  subject: string | null;
}

/** `plan check --format json` run inside the plan folder, so that every file is relative to it. */
async function checkJson(dir: string): Promise<{ code: number | null; diagnostics: JsonDiagnostic[]; summary: { errors: number; warnings: number } }> {
  const result = await runPlan(['check', '--format', 'json'], { cwd: dir });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[]; summary: { errors: number; warnings: number } };
  return { code: result.code, ...report };
}

const errorsOf = (diagnostics: JsonDiagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

/** An item of a collection, found by parsing every source file of a plan folder. */
interface FoundItem {
  /** Path relative to the plan folder. */
  file: string;
  text: string;
  /** Where the item is: its position and its fields' through positionAt. */
  at: ItemSource;
  value: Record<string, unknown>;
}

function findItem(dir: string, collection: string, predicate: (item: Record<string, unknown>) => boolean): FoundItem {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const parsed = parseSource(text, file);
    const items = (parsed.value as Record<string, unknown> | null)?.[collection];
    if (!Array.isArray(items)) continue;
    const index = items.findIndex((item) => typeof item === 'object' && item !== null && predicate(item as Record<string, unknown>));
    const node = childAt(parsed.locations, [collection, index]);
    const at: ItemSource | undefined = node === undefined ? undefined : { file, node, lineStarts: parsed.lineStarts };
    if (index >= 0 && at) return { file: file.split('\\').join('/'), text, at, value: items[index] as Record<string, unknown> };
  }
  throw new Error(`no item of ${collection} matches in ${dir}`);
}

/** The position of a field's key in an item, when the item has that field. */
function fieldKey(item: FoundItem, field: string): Position | undefined {
  return childAt(item.at.node, [field]) === undefined ? undefined : positionAt(item.at, [field], { key: true });
}

/** The position of a field's value in an item, when the item has that field. */
function fieldValue(item: FoundItem, field: string): Position | undefined {
  return childAt(item.at.node, [field]) === undefined ? undefined : positionAt(item.at, [field]);
}

const withId = (id: string) => (item: Record<string, unknown>) => item.id === id;

function lineOf(text: string, line: number): string {
  return text.split('\n')[line - 1] ?? '';
}

/** Writes a source file back with the 1-based lines from..to (inclusive) removed. */
function removeLines(dir: string, file: FoundItem, from: number, to: number): void {
  const lines = file.text.split('\n');
  lines.splice(from - 1, to - from + 1);
  writeFileSync(join(dir, file.file), lines.join('\n'));
}

describe('the embedded plan as it stands', () => {
  it('checks with exit 0: no errors', async () => {
    const { code, summary, diagnostics } = await checkJson(PLAN);
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(summary.errors).toBe(0);
    expect(code).toBe(0);
  });

  it('lists its warnings, each located, with a summary that counts them', async () => {
    const result = await runPlan(['check', 'plans/staffordshire-stoke-2023-24']);
    const findings = stylishFindings(result.stdout);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.severity).toBe('warning');
      expect(finding.file).toMatch(/^plans\/staffordshire-stoke-2023-24\/.+\.ya?ml$/);
    }
    expect(result.stdout.endsWith(`\n⚠ ${findings.length} problems (0 errors, ${findings.length} warnings)\n`)).toBe(true);
  });

  it('is the plan `plan check` finds from the repository root', async () => {
    const result = await runPlan(['check']);
    expect(result.code).toBe(0);
    expect(stylishFindings(result.stdout)[0]?.file).toMatch(/^plans\/staffordshire-stoke-2023-24\//);
  });
});

describe('the embedded plan with objective no-05\'s `portfolio:` line removed', () => {
  let dir: string;
  let objectiveLine: number;
  let objectiveColumn: number;
  let objectivesFile: string;

  beforeAll(() => {
    dir = copyPlan(PLAN);
    const objective = findItem(dir, 'objectives', withId('no-05'));
    const portfolio = fieldKey(objective, 'portfolio');
    if (!portfolio) throw new Error('objective no-05 has no portfolio: line to remove');
    expect(lineOf(objective.text, portfolio.line)).toMatch(/^\s+portfolio:\s*[\w.-]+\s*(#.*)?$/);
    removeLines(dir, objective, portfolio.line, portfolio.line);
    const changed = findItem(dir, 'objectives', withId('no-05'));
    expect(changed.value.portfolio).toBeUndefined();
    objectivesFile = changed.file;
    ({ line: objectiveLine, column: objectiveColumn } = positionAt(changed.at));
  });

  it('exits 1 with an objective-has-owner error about no-05, at the objective', async () => {
    const { code, diagnostics } = await checkJson(dir);
    expect(code).toBe(1);
    expect(diagnostics.filter((d) => d.rule === 'objective-has-owner')).toEqual([
      {
        rule: 'objective-has-owner',
        severity: 'error',
        message: 'National objective 5: Reduce unnecessary GP appointments and improve patient experience by… (`no-05`) has no owning portfolio.',
        hint: expect.stringMatching(/^Add `portfolio:` with the id of the portfolio or enabling workstream that owns it: /),
        context: [
          'So it serves no system priority that reaches the collective aim.',
          'So it fails S and R of SMART (S: no owning portfolio; R: no priority that reaches the collective aim).',
        ],
        file: objectivesFile,
        line: objectiveLine,
        column: objectiveColumn,
        subject: 'no-05',
      },
    ]);
  });

  it('gives that one error and no other: one mistake, one message', async () => {
    const { diagnostics } = await checkJson(dir);
    expect(errorsOf(diagnostics).map((d) => `${d.rule} ${d.subject}`)).toEqual(['objective-has-owner no-05']);
  });

  it('annotates the objective\'s line in --format github', async () => {
    const result = await runPlan(['check', 'plan', '--format', 'github'], { cwd: dirname(dir) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`::error file=plan/${objectivesFile},line=${objectiveLine},col=${objectiveColumn},title=objective-has-owner::National objective 5: Reduce unnecessary GP appointments and improve patient experience by… (\`no-05\`) has no owning portfolio.`);
  });
});

// Every portfolio of the embedded plan serves two or more priorities, so breaking one priority's `aim`
// strands no action. Renaming the collective aim in plan.yaml, and not in the priorities, breaks the aim
// of every priority at once, which is what a planner renaming the aim in one place would do.
describe('the embedded plan with its collective aim renamed in plan.yaml but not in the priorities', () => {
  let dir: string;
  let oldAim: string;
  /** Each priority that named the aim, with where its `aim:` value is. */
  let priorities: { id: string; file: string; line: number; column: number }[];
  /** The actions whose every thread runs through those priorities, found from the unbroken plan's export. */
  let strandedActions: string[];

  beforeAll(async () => {
    const exported = await runPlan(['export', PLAN]);
    expect(exported.code).toBe(0);
    const plan = JSON.parse(exported.stdout) as PlanExport;
    if (!plan.collective_aim) throw new Error('the embedded plan has no collective aim');
    oldAim = plan.collective_aim.id;
    const broken = new Set(plan.priorities.filter((p) => p.aim === oldAim).map((p) => p.id));
    strandedActions = actionsOnlyThrough(plan, broken);

    dir = copyPlan(PLAN);
    priorities = [...broken].map((id) => {
      const item = findItem(dir, 'priorities', withId(id));
      const aim = fieldValue(item, 'aim');
      if (!aim) throw new Error(`priority ${id} has no aim`);
      return { id, file: item.file, ...aim };
    });
    const manifest = readFileSync(join(dir, 'plan.yaml'), 'utf8');
    const parsedManifest = parseSource(manifest, 'plan.yaml');
    const aimNode = childAt(parsedManifest.locations, ['collective_aim', 'id']);
    const aimId = aimNode === undefined ? undefined : offsetToPosition(parsedManifest.lineStarts, startOf(aimNode));
    if (!aimId) throw new Error('plan.yaml has no collective_aim.id');
    const lines = manifest.split('\n');
    const line = lines[aimId.line - 1] ?? '';
    expect(line.slice(aimId.column - 1)).toMatch(new RegExp(`^${oldAim}\\b`));
    lines[aimId.line - 1] = `${line.slice(0, aimId.column - 1)}renamed-aim${line.slice(aimId.column - 1 + oldAim.length)}`;
    writeFileSync(join(dir, 'plan.yaml'), lines.join('\n'));
  });

  it('exits 1 with a priority-serves-aim error at each priority\'s `aim`', async () => {
    const { code, diagnostics } = await checkJson(dir);
    expect(code).toBe(1);
    expect(priorities.length).toBeGreaterThan(0);
    const found = diagnostics.filter((d) => d.rule === 'priority-serves-aim');
    expect(found.map((d) => ({ id: d.subject, file: d.file, line: d.line, column: d.column }))).toEqual(priorities);
    for (const d of found) expect(d.message).toMatch(new RegExp(`^Priority \\d+: .+ \\(\`${d.subject}\`\\) serves \`${oldAim}\`, which is not the plan's collective aim\\.`));
  });

  it('tells the actions whose thread ran only through those priorities under the priorities\' findings, not as findings of their own', async () => {
    const { diagnostics } = await checkJson(dir);
    expect(strandedActions.length).toBeGreaterThan(0);
    expect(diagnostics.filter((d) => d.rule === 'action-traces-to-aim' || d.rule === 'objective-serves-priority')).toEqual([]);
    const context = diagnostics.filter((d) => d.rule === 'priority-serves-aim').flatMap((d) => d.context);
    const actionLines = context.filter((line) => / actions? does not reach the collective aim/.test(line));
    expect(actionLines).toHaveLength(1);
    expect(Number(actionLines[0]?.match(/^So each of these (\d+) actions does not reach the collective aim: /)?.[1])).toBe(strandedActions.length);
  });
});

describe('the embedded plan with all the coverage of one statutory duty removed', () => {
  let dir: string;
  let duty: string;
  let dutyAt: { file: string; line: number; column: number };

  beforeAll(() => {
    dir = copyPlan(PLAN);
    const item = findItem(dir, 'duties', (d) => typeof d.coverage === 'object' && d.coverage !== null && Object.keys(d.coverage).length > 0);
    duty = String(item.value.id);
    const coverageKey = fieldKey(item, 'coverage');
    if (!coverageKey) throw new Error(`duty ${duty} has no coverage`);
    const coverage = { key: coverageKey };
    // The block runs from `coverage:` to the next line with content indented no deeper than the key.
    const lines = item.text.split('\n');
    const indent = coverage.key.column - 1;
    let end = coverage.key.line; // 1-based, inclusive
    for (let n = coverage.key.line + 1; n <= lines.length; n++) {
      const text = lines[n - 1] ?? '';
      const content = text.trim();
      if (content !== '' && !content.startsWith('#') && text.length - text.trimStart().length <= indent) break;
      end = n;
    }
    removeLines(dir, item, coverage.key.line, end);
    const changed = findItem(dir, 'duties', withId(duty));
    expect(changed.value.coverage).toBeUndefined();
    dutyAt = { file: changed.file, ...positionAt(changed.at) };
  });

  it('exits 1 with one error: duty-covered, about that duty, at the duty', async () => {
    const { code, diagnostics } = await checkJson(dir);
    expect(code).toBe(1);
    expect(errorsOf(diagnostics)).toEqual([
      expect.objectContaining({ rule: 'duty-covered', subject: duty, ...dutyAt, message: expect.stringMatching(new RegExp(`^Statutory duty ".+" \\(\`${duty}\`\\) is covered by no edition of the plan\\.$`)) }),
    ]);
  });
});

/** The actions that reach the aim only through the priorities in `broken`: the ones stranded when their aims break. */
function actionsOnlyThrough(plan: PlanExport, broken: ReadonlySet<string>): string[] {
  const onlyThrough = (priorities: readonly string[]) => priorities.length > 0 && priorities.every((p) => broken.has(p));
  const objectives = new Map(plan.objectives.map((o) => [o.id, o]));
  const portfolios = new Map(plan.portfolios.map((p) => [p.id, p]));
  return plan.actions
    .filter((action) => {
      if (action.objectives.length > 0) return action.objectives.every((o) => onlyThrough(objectives.get(o)?.priorities ?? []));
      // An action that names no objective reaches the aim through its portfolio; an enabler counts as reaching.
      const portfolio = action.portfolio === null ? undefined : portfolios.get(action.portfolio);
      return portfolio !== undefined && !portfolio.cross_cutting && onlyThrough(portfolio.priorities);
    })
    .map((action) => action.id);
}
