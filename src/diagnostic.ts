// The one Diagnostic shape that every phase produces (load, model, link, rules) and every reporter reads.

export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

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
  rule: string;
  severity: Severity;
  /** What is wrong, in plain English. */
  message: string;
  /** How to fix it, when there is something useful to say. */
  hint?: string;
  /** The id of the plan item concerned, when there is one. */
  subject?: string;
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
