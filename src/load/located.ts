// Where a parsed value is in its file: the shape parseSource and its fast path both give, and the
// look-ups later phases use to turn it into a line and a column. Kept apart from the parsers, so code
// that only reads positions loads neither.

import type { Diagnostic, Position } from '../diagnostic.js';

/**
 * Where a value is, as character offsets into the file (turned into line and column only when a
 * diagnostic needs one): a plain number for a scalar, which most values are, and for a mapping or
 * sequence its start and the places of its parts. Kept this small because a big plan has millions.
 */
export type LocationNode = number | LocatedCollection;

export interface LocatedCollection {
  /** Where the mapping or sequence starts. */
  at: number;
  /** For a mapping: each key's own offset and the location of its value. */
  entries?: Record<string, [key: number, value: LocationNode]>;
  /** For a sequence: the location of each item. */
  items?: LocationNode[];
}

export interface ParsedSource {
  /** Path relative to the plan folder, with forward slashes. */
  file: string;
  /** The document as plain data; `null` for an empty file or one that failed to parse. */
  value: unknown;
  locations: LocationNode;
  /** The offset at which each line starts, to turn an offset into a line and column. */
  lineStarts: number[];
  diagnostics: Diagnostic[];
  /**
   * What the model phase made of a file that broke no rule of the language, kept beside its parse by
   * the parse cache, so that a file unchanged since the last run is not validated again either (made
   * and read by model/validate.ts, which uses it once).
   */
  model?: FileModel;
}

/** Each collection of a file, as a list of its items as the schemas gave them, in the file's order. */
export type FileModel = Record<string, unknown[]>;

/** The 1-based line and column of a character offset. */
export function offsetToPosition(lineStarts: readonly number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

export function startOf(node: LocationNode): number {
  return typeof node === 'number' ? node : node.at;
}

/** A byte-order mark is not part of the text; left in, it would shift every column of line 1. */
export function withoutByteOrderMark(source: string): string {
  return source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
}
