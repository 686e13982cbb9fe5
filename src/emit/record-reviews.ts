// Records reviews in the text of a source file: sets and removes entries of the `reviewed:` mapping of
// actions and metrics. The yaml library's Document API finds each node and where it is written; only
// those characters are rewritten, so every comment, blank line, quote and indent elsewhere stays
// byte for byte as it was. The result is parsed again and must hold exactly the plan it held before,
// with only those reviews changed; otherwise nothing is written.

import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export interface ReviewEdit {
  collection: 'actions' | 'metrics';
  /** The item's id, and the offset at which its mapping starts (where the plan read it). */
  id: string;
  at: number;
  /** Reviews to record: objective id -> fingerprint. */
  set: Readonly<Record<string, string>>;
  /** Objective ids whose reviews are dropped. */
  remove: readonly string[];
}

/** A file that cannot be edited safely: said to the planner, and nothing is written. */
export class ReviewEditError extends Error {}

interface Splice {
  start: number;
  end: number;
  text: string;
}

const PARSE = { uniqueKeys: false, strict: true, version: '1.2' } as const;

/** The text with the reviews recorded. Throws ReviewEditError when it cannot be done exactly. */
export function recordReviews(source: string, edits: readonly ReviewEdit[]): string {
  const bom = source.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = source.slice(bom.length);
  const doc = parseDocument(text, PARSE);
  if (doc.errors.length > 0) throw new ReviewEditError('it is not valid YAML');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const expected = doc.toJS() as Record<string, Record<string, unknown>[]>;
  const splices: Splice[] = [];
  for (const edit of edits) {
    const { item, index } = findItem(doc, edit);
    splices.push(...itemSplices(text, item, edit, eol));
    applyToData(expected[edit.collection]![index]!, edit);
  }
  // From the end of the text back, so each splice leaves the places of the ones before it; at one place, a removal before an insertion.
  splices.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const splice of splices) {
    if (splice.end > limit) throw new ReviewEditError('two of its reviews are written in the same place');
    result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);
    limit = splice.start;
  }
  const check = parseDocument(result, PARSE);
  if (check.errors.length > 0 || !isDeepStrictEqual(check.toJS(), expected)) {
    throw new ReviewEditError('its reviews are written in a way plan cannot rewrite without changing something else');
  }
  return bom + result;
}

function findItem(doc: Document, edit: ReviewEdit): { item: YAMLMap; index: number } {
  const list = isMap(doc.contents) ? doc.contents.get(edit.collection, true) : undefined;
  const items = isSeq(list) ? list.items : [];
  const index = items.findIndex((node) => isMap(node) && node.range?.[0] === edit.at);
  const item = items[index] as YAMLMap | undefined;
  if (!item || item.get('id') !== edit.id) {
    throw new ReviewEditError(`${edit.collection === 'actions' ? 'action' : 'metric'} \`${edit.id}\` is no longer where plan read it (was the file changed meanwhile?)`);
  }
  // A YAML anchor means the item is repeated elsewhere through an alias: an edit would change both.
  if (item.anchor) throw new ReviewEditError(`\`${edit.id}\` is repeated elsewhere with a YAML alias`);
  return { item, index };
}

/** The data the file should hold once the edit is made, to check the new text against. */
function applyToData(item: Record<string, unknown>, edit: ReviewEdit): void {
  const reviewed = { ...((item.reviewed ?? {}) as Record<string, string>) };
  for (const id of edit.remove) delete reviewed[id];
  Object.assign(reviewed, edit.set);
  if (Object.keys(reviewed).length > 0) item.reviewed = reviewed;
  else delete item.reviewed;
}

const keyOf = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined);
const startOf = (node: unknown) => (node as Node).range![0];
/** Where a pair's value ends (or its key, when the value is empty). */
const endOf = (pair: Pair) => ((pair.value as Node | null)?.range ?? (pair.key as Node).range!)[1];

function itemSplices(text: string, item: YAMLMap, edit: ReviewEdit, eol: string): Splice[] {
  const reviewedPair = (item.items as Pair[]).find((pair) => keyOf(pair) === 'reviewed');
  const entries = (ids: string[]) => ids.map((id) => `${id}: ${edit.set[id]}`);
  if (!reviewedPair) {
    const ids = Object.keys(edit.set);
    if (ids.length === 0) return [];
    if (item.flow) return [{ start: endOf(item.items.at(-1) as Pair), end: endOf(item.items.at(-1) as Pair), text: `, reviewed: { ${entries(ids).join(', ')} }` }];
    const indent = columnOf(text, startOf(item.items[0]!.key));
    const lines = [`${indent}reviewed:`, ...entries(ids).map((entry) => `${indent}  ${entry}`)];
    return [afterLine(text, endOf(item.items.at(-1) as Pair), lines, eol)];
  }
  const reviews = reviewedPair.value;
  if (!isMap(reviews)) throw new ReviewEditError(`the \`reviewed:\` of \`${edit.id}\` is not a mapping`);
  const pairs = reviews.items as Pair[];
  const kept = pairs.filter((pair) => !edit.remove.includes(keyOf(pair) ?? ''));
  const added = Object.keys(edit.set).filter((id) => !pairs.some((pair) => keyOf(pair) === id));
  if (kept.length === 0 && added.length === 0) return [removal(text, item, reviewedPair)];
  if (reviews.flow) {
    // A mapping on one line holds only reviews: it is written again whole, in the order it had.
    const ids = [...kept.map((pair) => keyOf(pair)!), ...added];
    const value = (id: string) => edit.set[id] ?? String((pairs.find((pair) => keyOf(pair) === id)!.value as { value: unknown }).value);
    return [{ start: startOf(reviews), end: reviews.range![1], text: `{ ${ids.map((id) => `${id}: ${value(id)}`).join(', ')} }` }];
  }
  const splices: Splice[] = [];
  for (const pair of pairs) {
    const id = keyOf(pair) ?? '';
    if (!kept.includes(pair)) splices.push(removal(text, reviews, pair));
    else if (Object.hasOwn(edit.set, id)) splices.push(replaceValue(text, pair, edit.set[id]!, edit.id));
  }
  if (added.length > 0) {
    const indent = columnOf(text, startOf(pairs[0]!.key));
    const lines = entries(added).map((entry) => `${indent}${entry}`);
    const last = kept.at(-1);
    if (last) {
      splices.push(afterLine(text, endOf(last), lines, eol));
    } else {
      // Every review there goes: the new ones take the place of the first.
      const lineStart = text.lastIndexOf('\n', startOf(pairs[0]!.key) - 1) + 1;
      splices.push({ start: lineStart, end: lineStart, text: lines.join(eol) + eol });
    }
  }
  return splices;
}

/** A fingerprint written where the old one was, in the same quotes. */
function replaceValue(text: string, pair: Pair, fingerprint: string, id: string): Splice {
  const value = pair.value;
  if (!isScalar(value) || !value.range) throw new ReviewEditError(`a review of \`${id}\` is not a single value`);
  const [start, end] = value.range;
  const quote = text[start] === "'" || text[start] === '"' ? text[start] : '';
  return { start, end, text: `${quote}${fingerprint}${quote}` };
}

/** Removes one pair: its whole line(s) in a block mapping, or it and a comma in a flow mapping. */
function removal(text: string, parent: YAMLMap, pair: Pair): Splice {
  if (parent.flow) {
    const pairs = parent.items as Pair[];
    const index = pairs.indexOf(pair);
    const next = pairs[index + 1];
    if (next) return { start: startOf(pair.key), end: startOf(next.key), text: '' };
    const previous = pairs[index - 1];
    return { start: previous ? endOf(previous) : startOf(pair.key), end: endOf(pair), text: '' };
  }
  const start = text.lastIndexOf('\n', startOf(pair.key) - 1) + 1;
  if (text.slice(start, startOf(pair.key)).trim() !== '') throw new ReviewEditError('its `reviewed:` does not start a line of its own');
  // A block value (a nested mapping) already ends with its line break.
  if (text[endOf(pair) - 1] === '\n') return { start, end: endOf(pair), text: '' };
  const end = endOfLine(text, endOf(pair));
  const lineBreak = text.startsWith('\r\n', end) ? 2 : text[end] === '\n' ? 1 : 0;
  return { start, end: end + lineBreak, text: '' };
}

/** New lines after the line on which a value ends (after any comment on it), or where a block scalar's lines end. */
function afterLine(text: string, valueEnd: number, lines: string[], eol: string): Splice {
  if (valueEnd > 0 && text[valueEnd - 1] === '\n') return { start: valueEnd, end: valueEnd, text: lines.join(eol) + eol };
  const at = endOfLine(text, valueEnd);
  return { start: at, end: at, text: eol + lines.join(eol) };
}

/** Where the line holding `offset` ends, before its line break. */
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** The spaces before a key: the indent its siblings share. */
function columnOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return ' '.repeat(offset - lineStart);
}
