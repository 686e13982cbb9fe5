// What a reporter is: a leaf that turns the findings of the plans checked into text in one format.

import type { CatalogueEntry } from '../catalogue.js';
import type { Diagnostic } from '../diagnostic.js';

/** The findings of one plan folder. */
export interface PlanFindings {
  /** The plan folder as a path from the working folder, with `/`: `.` for the working folder itself, absolute when outside it. */
  dir: string;
  /** Its findings, sorted; each `file` is relative to the plan folder. */
  diagnostics: readonly Diagnostic[];
  /** Warnings left out by --quiet, so a summary line can still mention them. */
  hiddenWarnings: number;
  /** Findings left out because the baseline records them (`--baseline`); absent without one. */
  suppressed?: number;
}

export interface ReportContext {
  /** Whether to colour the output. */
  colour: boolean;
  /** Every diagnostic code with its description, for formats that describe them (SARIF). */
  catalogue: readonly CatalogueEntry[];
  version: string;
  /** The working folder as a file: URI ending in `/`, the base of every relative path (SARIF's %SRCROOT%). */
  workingFolderUri: string;
}

export type Reporter = (plans: readonly PlanFindings[], context: ReportContext) => string;

/** A plan's file as a path from the working folder: what every format prints. */
export function fromWorkingFolder(plan: PlanFindings, file: string): string {
  return plan.dir === '.' ? file : `${plan.dir.replace(/\/$/, '')}/${file}`;
}

/** Every finding of the plans, in order, each with its `file` given from the working folder. */
export function findingsOf(plans: readonly PlanFindings[]): Diagnostic[] {
  return plans.flatMap((plan) => plan.diagnostics.map((d) => ({ ...d, file: fromWorkingFolder(plan, d.file) })));
}

/** `1 error`, `2 warnings`: a count and its noun. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
