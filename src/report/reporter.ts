// What a reporter is: a leaf that turns the one list of diagnostics into text in one format.

import type { Diagnostic, DiagnosticSummary } from '../diagnostic.js';
import type { CatalogueEntry } from '../catalogue.js';

export interface ReportContext {
  /** The plan folder as the user gave it, relative to the working directory where possible. */
  planDir: string;
  /** A diagnostic's file as a path from the working directory, for terminals and CI annotations. */
  displayPath(file: string): string;
  /** Whether to colour the output. */
  colour: boolean;
  /** Every diagnostic code with its description, for formats that describe them (SARIF). */
  catalogue: readonly CatalogueEntry[];
  version: string;
  /** Warnings left out by --quiet, so the summary line can still mention them. */
  hiddenWarnings?: number;
}

export type Reporter = (diagnostics: readonly Diagnostic[], summary: DiagnosticSummary, context: ReportContext) => string;
