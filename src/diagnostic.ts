// The one Diagnostic shape that every phase produces (load, model, link, rules) and every reporter reads.

import type { DiagnosticCode } from './catalogue.js';

export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

/**
 * The ways a severity may be written, in plan.yaml's `rules:` and in `--rule`: plan's own words, and
 * ESLint's (`warn`, and 0, 1, 2 for off, warning, error), since many who write plans know ESLint's.
 */
export const severitySpellings = ['off', 'warning', 'error', 'warn', 0, 1, 2] as const;

export type SeveritySpelling = (typeof severitySpellings)[number];

/** The severity a spelling means; undefined for a word that is not one. */
export function severityOf(spelling: string | number): SeveritySetting | undefined {
  switch (String(spelling)) {
    case 'off':
    case '0':
      return 'off';
    case 'warning':
    case 'warn':
    case '1':
      return 'warning';
    case 'error':
    case '2':
      return 'error';
    default:
      return undefined;
  }
}

/** A place in a source file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** A place in the plan: a file relative to the plan folder (always with forward slashes) and a position in it. */
export interface SourceLocation extends Position {
  file: string;
}

export interface Diagnostic extends SourceLocation {
  /** The id of the rule or built-in check that made it, e.g. `objective-has-owner` or `yaml-syntax`. */
  rule: DiagnosticCode;
  severity: Severity;
  /** What is wrong, in plain English. */
  message: string;
  /** How to fix it, when there is something useful to say. */
  hint?: string;
  /** The id of the plan item concerned, when there is one. */
  subject?: string;
  /**
   * What follows from this one mistake elsewhere in the plan: the findings it would otherwise have
   * caused, told under it so one mistake gives one message.
   */
  context?: string[];
}

/** `file:line:col`, as editors and terminals recognise it. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** A diagnostic as JSON: the one shape of `plan check --format json` and of gaps.json (docs/cli.md). */
export function diagnosticJson(d: Diagnostic, file: string = d.file) {
  return {
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    hint: d.hint ?? null,
    context: d.context ?? [],
    file,
    line: d.line,
    column: d.column,
    subject: d.subject ?? null,
  };
}

export interface DiagnosticSummary {
  errors: number;
  warnings: number;
}

/**
 * Appends diagnostics one by one: `push(...list)` passes every item as an argument, which overflows
 * the stack from about 100,000 of them.
 */
export function appendDiagnostics(into: Diagnostic[], from: readonly Diagnostic[]): void {
  for (const diagnostic of from) into.push(diagnostic);
}

export function summarise(diagnostics: readonly Diagnostic[]): DiagnosticSummary {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Sorts diagnostics by file, line, column, rule and message, so every run prints them in the same order. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
