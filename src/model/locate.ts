// Finds the source position of any part of a plan item from the location tree the loader kept.

import type { Position, SourceLocation } from '../diagnostic.js';
import { offsetToPosition, startOf, type LocatedCollection, type LocationNode } from '../load/located.js';

/** Where an item came from: its file, the location tree of its value, and the file's line starts. */
export interface ItemSource {
  file: string;
  node: LocationNode;
  lineStarts: readonly number[];
}

/** A validated item with its source attached. */
export type Located<T> = T & { readonly at: ItemSource };

export type FieldPath = readonly (string | number)[];

/** A mapping entry by key, never one inherited from Object.prototype (a key may be `constructor`). */
function ownEntry(node: LocatedCollection, key: string): [number, LocationNode] | undefined {
  return node.entries && Object.hasOwn(node.entries, key) ? node.entries[key] : undefined;
}

/** The location node at `path`, or undefined where the source has nothing there. */
export function childAt(node: LocationNode, path: FieldPath): LocationNode | undefined {
  let current: LocationNode | undefined = node;
  for (const step of path) {
    if (current === undefined || typeof current === 'number') return undefined;
    current = typeof step === 'number' ? current.items?.[step] : ownEntry(current, step)?.[1];
  }
  return current;
}

/**
 * The offset of the value at `path` inside a located node, or, when the path goes further than the
 * source does (a missing field), of the deepest existing part of it. With `key`, a mapping entry's key.
 */
export function offsetAt(node: LocationNode, path: FieldPath, options: { key?: boolean } = {}): number {
  let current = node;
  let keyOffset: number | undefined;
  for (const step of path) {
    if (typeof current === 'number') break;
    if (typeof step === 'number' && current.items?.[step] !== undefined) {
      current = current.items[step];
      keyOffset = undefined;
    } else if (typeof step === 'string' && ownEntry(current, step)) {
      const [key, value] = ownEntry(current, step)!;
      keyOffset = key;
      current = value;
    } else {
      break;
    }
  }
  return options.key && keyOffset !== undefined ? keyOffset : startOf(current);
}

export function positionAt(at: ItemSource, path: FieldPath = [], options: { key?: boolean } = {}): Position {
  return offsetToPosition(at.lineStarts, offsetAt(at.node, path, options));
}

export function locate(at: ItemSource, path: FieldPath = [], options: { key?: boolean } = {}): SourceLocation {
  return { file: at.file, ...positionAt(at, path, options) };
}
