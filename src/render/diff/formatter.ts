// What a format of `plan diff` is: a leaf that turns a diff and the versions it compares into text.

import type { DiffReport } from '../../diff/plan-diff.js';

export interface DiffFormatContext {
  /** Whether to colour the output (stylish only). */
  colour: boolean;
}

export type DiffFormatter = (report: DiffReport, context: DiffFormatContext) => string;
