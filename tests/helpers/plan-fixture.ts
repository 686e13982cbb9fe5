// Small in-memory plans for tests: a minimal plan that passes every rule, plus the YAML a test adds or
// replaces, so each test shows exactly the thing it is about and its line numbers count from line 1.

import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostic.js';
import type { SourceText } from '../../src/load/plan-folder.js';
import { compileTexts } from '../../src/compile-texts.js';
import type { Compilation, CompileOptions } from '../../src/pipeline.js';
import { builtInChecks } from '../../src/catalogue.js';

/**
 * YAML written inside a test: drops the first line break and the indentation common to every line,
 * so the text reads as the file it stands for and line 1 is its first line.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, index) => text + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => line.match(/^ */)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n') + '\n';
}

/** plan.yaml of the base plan: a five-year Joint Forward Plan with two editions and one collective aim. */
export const MANIFEST = yaml`
  plan:
    id: example-ics-2023-28
    title: Example ICS Joint Forward Plan
    system: Example Integrated Care System
    period:
      start: 2023-04-01
      end: 2028-03-31
    editions:
      - id: jfp-2023
        title: Joint Forward Plan 2023
      - id: jfp-2024
        title: Joint Forward Plan 2024 refresh
  collective_aim:
    id: healthier-lives
    statement: Everyone in our system lives a longer, healthier life.
`;

/** plan.yaml of the base plan reporting at 8 April 2024, with a stocktake at the end of each quarter of 2023/24. */
export const YEAR_MANIFEST = `${MANIFEST}year:\n  as_at: 2024-04-08\n  stocktakes: [2023/24 Q4]\n`;

/** How many lines MANIFEST has: text appended to it starts on line MANIFEST_LINES + 1. */
export const MANIFEST_LINES = MANIFEST.split('\n').length - 1;

/** system.yaml of the base plan: one unbroken golden thread, action -> objective -> priority -> aim. */
export const BASE_SYSTEM = yaml`
  priorities:
    - id: prevention
      title: Prevent ill health
      aim: healthier-lives
  portfolios:
    - id: urgent-care
      name: Urgent and emergency care
      priorities: [prevention]
  objectives:
    - id: ae-4-hours
      title: Patients seen within four hours in A&E
      source: national
      portfolio: urgent-care
      target:
        measure: Patients seen within four hours of arrival
        value: 76
        unit: '%'
        by: 2024-03-31
  actions:
    - id: same-day-emergency-care
      title: Open same day emergency care at every acute site
      objectives: [ae-4-hours]
`;

export const MANIFEST_FILE = 'plan.yaml';
export const BASE_FILE = 'system.yaml';
export const TEST_FILE = 'test.yaml';

export interface FixtureParts {
  /** The whole of plan.yaml; MANIFEST when absent. Append to MANIFEST to add a `rules:` section. */
  manifest?: string;
  /** The whole of system.yaml; BASE_SYSTEM when absent. */
  system?: string;
  /** test.yaml, holding the items the test is about; left out when absent. */
  test?: string;
  /** Further files by path, such as `actuals/ae.csv`. */
  files?: Record<string, string>;
}

/** The files of a plan: plan.yaml, system.yaml and, when given, test.yaml. */
export function planFixture(parts: FixtureParts = {}): SourceText[] {
  const files: SourceText[] = [
    { file: MANIFEST_FILE, text: parts.manifest ?? MANIFEST },
    { file: BASE_FILE, text: parts.system ?? BASE_SYSTEM },
  ];
  if (parts.test !== undefined) files.push({ file: TEST_FILE, text: parts.test });
  for (const [file, text] of Object.entries(parts.files ?? {})) files.push({ file, text });
  return files;
}

export function compileFixture(parts: FixtureParts = {}, options: CompileOptions = {}): Compilation {
  return compileTexts(planFixture(parts), options);
}

/** The diagnostics one rule or built-in check made. */
export function findingsOf(compilation: Compilation, rule: string): Diagnostic[] {
  return compilation.diagnostics.filter((d) => d.rule === rule);
}

/** The one diagnostic a rule made; fails the test, listing everything reported, when there is not exactly one. */
export function onlyFindingOf(compilation: Compilation, rule: string): Diagnostic {
  const found = findingsOf(compilation, rule);
  if (found.length !== 1) {
    throw new Error(`Expected exactly one \`${rule}\` diagnostic, found ${found.length}. All diagnostics:\n${listDiagnostics(compilation.diagnostics)}`);
  }
  return found[0]!;
}

const builtInIds = new Set<string>(builtInChecks.map((check) => check.id));

/**
 * Asserts that `rule` reported nothing, and that no built-in check did either: an item with a schema
 * error is left out of the plan, and a rule cannot fail an item it never sees, so a pass only counts
 * when the fixture itself is sound.
 */
export function expectPasses(compilation: Compilation, rule: string): void {
  expect(findingsOf(compilation, rule), listDiagnostics(compilation.diagnostics)).toEqual([]);
  expect(compilation.diagnostics.filter((d) => builtInIds.has(d.rule)), 'the fixture has load, schema or link errors').toEqual([]);
}

function listDiagnostics(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '  (none)';
  return diagnostics.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`).join('\n');
}

/**
 * The two configuration tests every rule has: `off` in plan.yaml's `rules:` silences it, and another
 * severity there is the one it reports at. `failing` is test.yaml text the rule reports exactly once.
 * `otherRules` are further `rules:` settings for both tests: a rule whose finding only follows from a
 * gap another rule reports stands on its own only with that other rule switched off.
 */
export function describeConfiguration(
  rule: string,
  failing: string,
  severity: 'warning' | 'error' = 'warning',
  otherRules: Readonly<Record<string, 'warning' | 'error' | 'off'>> = {},
): void {
  const others = Object.entries(otherRules).map(([id, setting]) => `  ${id}: ${setting}\n`).join('');
  describe('configuration', () => {
    it('is silenced by `off` in plan.yaml `rules:`', () => {
      const manifest = `${MANIFEST}rules:\n  ${rule}: off\n${others}`;
      expect(findingsOf(compileFixture({ manifest, test: failing }), rule)).toEqual([]);
    });

    it('reports at the severity plan.yaml gives it', () => {
      const manifest = `${MANIFEST}rules:\n  ${rule}: ${severity}\n${others}`;
      expect(onlyFindingOf(compileFixture({ manifest, test: failing }), rule).severity).toBe(severity);
    });
  });
}
