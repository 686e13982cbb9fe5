// Finds the source position of any part of a plan item from the location tree the loader kept.

import type { Position, SourceLocation } from '../diagnostic.js';
import type { LocationNode } from '../load/parse-source.js';

/** Where an item came from: its file and the location tree of its value. */
export interface ItemSource {
  file: string;
  node: LocationNode;
}

/** A validated item with its source attached. */
export type Located<T> = T & { readonly at: ItemSource };

export type FieldPath = readonly (string | number)[];

/**
 * The position of the value at `path` inside a located node, or, when the path goes further than the
 * source does (a missing field), the deepest existing part of it. With `key`, a mapping entry's key.
 */
export function positionAt(node: LocationNode, path: FieldPath, options: { key?: boolean } = {}): Position {
  let current = node;
  let keyPosition: Position | undefined;
  for (const step of path) {
    if (typeof step === 'number' && current.items?.[step]) {
      current = current.items[step];
      keyPosition = undefined;
    } else if (typeof step === 'string' && current.entries?.[step]) {
      const entry = current.entries[step];
      keyPosition = entry.key;
      current = entry.value;
    } else {
      break;
    }
  }
  return options.key && keyPosition ? keyPosition : current.at;
}

export function locate(at: ItemSource, path: FieldPath = [], options: { key?: boolean } = {}): SourceLocation {
  return { file: at.file, ...positionAt(at.node, path, options) };
}
