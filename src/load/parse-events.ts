// The fast way through a YAML file that parses cleanly: js-yaml's event stream, which carries a source
// offset for every node, turned into the same plain data and positions as parseSource's walk of a
// `yaml` document (tests/load/parse-events.test.ts holds the two to it).
//
// It takes only the YAML that plan files are written in. Anything else (anchors, aliases, tags, several
// documents, duplicate or non-scalar keys, deep nesting, a syntax error) gives `undefined`, and
// parseSource reads the file with `yaml`, which says exactly where and what is wrong.

import { EVENT_ID, NOT_RESOLVED, SCALAR_STYLE, boolCoreTag, floatCoreTag, getScalarValue, intCoreTag, nullCoreTag, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import { cutFromWideText, oneByte } from '../one-byte.js';
import { withoutByteOrderMark, type LocationNode, type ParsedSource } from './located.js';
import type { SourceText } from './plan-folder.js';

export interface CleanParse {
  value: unknown;
  locations: LocationNode;
  lineStarts: number[];
}

/** Deeper than this, parseSource's walk reports an error; such a file goes to it. */
const MAX_DEPTH = 64;
/** YAML 1.2 limits an implicit key to 1024 characters, which `yaml` enforces and js-yaml does not. */
const MAX_KEY_LENGTH = 1024;

/** The tags tried on a plain scalar, in the core schema's order. Held to `yaml`'s reading by the tests. */
const coreTags = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag];
type CoreTag = (typeof coreTags)[number];
/**
 * The tags that may match a plain scalar, by its first character, as each tag declares: most plain
 * scalars are words (ids, keys, titles), which no tag can match, so they cost one look-up.
 */
const tagsByFirstChar = new Map<string, CoreTag[]>();
const tagsForAnyFirstChar = coreTags.filter((tag) => tag.implicitFirstChars === null);
for (const tag of coreTags) {
  for (const char of tag.implicitFirstChars ?? []) tagsByFirstChar.set(char, [...(tagsByFirstChar.get(char) ?? []), tag]);
}
for (const [char, tags] of tagsByFirstChar) tagsByFirstChar.set(char, coreTags.filter((tag) => tags.includes(tag) || tagsForAnyFirstChar.includes(tag)));

function plainValue(source: string): unknown {
  for (const tag of tagsByFirstChar.get(source.charAt(0)) ?? tagsForAnyFirstChar) {
    const value = tag.resolve(source, false, tag.tagName);
    if (value !== NOT_RESOLVED) return value;
  }
  return source;
}

const LONE_CARRIAGE_RETURN = /\r(?!\n)/;
const INDENTED_MARKER = /^ +(?:---|\.\.\.)/m;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;

/** Where a mapping value that js-yaml gives no offset for starts, as `yaml` places it: after the key's colon and the spaces after it. */
function afterColon(text: string, keyEnd: number): number | undefined {
  let at = keyEnd;
  while (text.charCodeAt(at) === SPACE || text.charCodeAt(at) === TAB) at++;
  if (text.charCodeAt(at) !== COLON) return undefined;
  at++;
  while (text.charCodeAt(at) === SPACE || text.charCodeAt(at) === TAB) at++;
  return at;
}

interface MapFrame {
  map: true;
  at: number;
  value: Record<string, unknown>;
  entries: Record<string, [number, LocationNode]>;
  /** The key read and waiting for its value. */
  key: string | undefined;
  keyAt: number;
  keyEnd: number;
}

interface SeqFrame {
  map: false;
  at: number;
  value: unknown[];
  items: LocationNode[];
}

type Frame = MapFrame | SeqFrame;

class NotClean extends Error {}

function notClean(): never {
  throw new NotClean();
}

/** A clean file parsed, as parseSource gives it, or `undefined` when only `yaml` can read it. */
export function parseCleanSource(source: string, file: string): ParsedSource | undefined {
  const clean = parseClean(withoutByteOrderMark(source));
  return clean && { file, value: clean.value, locations: clean.locations, lineStarts: clean.lineStarts, diagnostics: [] };
}

/**
 * Parses files as parseSource does, loading the `yaml` library only when a file needs it: a clean plan
 * is checked without it, which saves its loading time on every run.
 */
export async function parseSources(texts: readonly SourceText[]): Promise<ParsedSource[]> {
  const clean = texts.map((t) => parseCleanSource(t.text, t.file));
  if (clean.every((parsed) => parsed !== undefined)) return clean as ParsedSource[];
  const { parseSource } = await import('./parse-source.js');
  return clean.map((parsed, i) => parsed ?? parseSource(texts[i]!.text, texts[i]!.file));
}

/** The plain data and positions of a clean file, or `undefined` when parseSource must read it with `yaml`. */
export function parseClean(text: string): CleanParse | undefined {
  // Where the two parsers read the YAML specification differently: tabs (`yaml` refuses more of them as
  // indentation), a carriage return alone (js-yaml takes it for a line break), a byte-order mark inside the
  // text, and an indented `---` or `...` (js-yaml takes it for a document marker).
  if (text.includes('\t') || text.includes('\ufeff') || LONE_CARRIAGE_RETURN.test(text) || INDENTED_MARKER.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH + 2 });
  } catch {
    return undefined;
  }
  try {
    const root = build(text, events);
    if (root === undefined) return undefined;
    return { value: root.value, locations: root.location, lineStarts: lineStartsOf(text) };
  } catch (error) {
    if (error instanceof NotClean) return undefined;
    throw error;
  }
}

function build(text: string, events: Event[]): { value: unknown; location: LocationNode } | undefined {
  if (events.length === 0 || events[0]!.type !== EVENT_ID.DOCUMENT) return undefined;
  const stack: Frame[] = [];
  let root: { value: unknown; location: LocationNode } | undefined;
  // A file with a curly quote or a ✖ anywhere makes every string cut from it two bytes a character.
  const wide = cutFromWideText(text);

  const place = (value: unknown, location: LocationNode): void => {
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      if (root !== undefined) notClean();
      root = { value, location };
    } else if (!parent.map) {
      parent.value.push(value);
      parent.items.push(location);
    } else if (parent.key === undefined) {
      notClean(); // a key that is a list or mapping
    } else {
      const key = parent.key;
      if (Object.hasOwn(parent.entries, key)) notClean();
      // defineProperty keeps a hostile key such as `__proto__` as plain data, as parseSource's walk does;
      // for every other key a plain assignment does the same, faster.
      if (key === '__proto__') Object.defineProperty(parent.value, key, { value, enumerable: true, writable: true, configurable: true });
      else parent.value[key] = value;
      parent.entries[key] = [parent.keyAt, location];
      parent.key = undefined;
    }
  };

  for (let i = 1; i < events.length; i++) {
    const event = events[i]!;
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) notClean();
        const parent = stack[stack.length - 1];
        if (parent !== undefined && parent.map && parent.key === undefined) {
          readKey(text, event, parent);
          break;
        }
        const { at, value } = scalarAt(text, event, parent);
        place(wide && typeof value === 'string' ? oneByte(value) : value, at);
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) notClean();
        if (stack.length >= MAX_DEPTH) notClean();
        const parent = stack[stack.length - 1];
        if (parent !== undefined && parent.map && parent.key === undefined) notClean();
        stack.push(event.type === EVENT_ID.MAPPING
          ? { map: true, at: event.start, value: {}, entries: Object.create(null) as Record<string, [number, LocationNode]>, key: undefined, keyAt: 0, keyEnd: 0 }
          : { map: false, at: event.start, value: [], items: [] });
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (frame === undefined) {
          // The document's end: a second document after it is not a plan file.
          if (i !== events.length - 1) notClean();
          break;
        }
        if (frame.map) {
          if (frame.key !== undefined) notClean();
          place(frame.value, { at: frame.at, entries: frame.entries });
        } else {
          place(frame.value, { at: frame.at, items: frame.items });
        }
        break;
      }
      default:
        // An alias, or a second document.
        notClean();
    }
  }
  if (stack.length > 0) notClean();
  return root;
}

function readKey(text: string, event: ScalarEvent, frame: MapFrame): void {
  if (event.valueStart < 0) notClean(); // an empty key
  let keyAt = event.valueStart;
  let keyEnd = event.valueEnd;
  let value: unknown;
  if (event.style === SCALAR_STYLE.PLAIN) {
    value = plainValue(getScalarValue(text, event));
  } else if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) {
    keyAt--;
    keyEnd++;
    if (!isQuote(text.charCodeAt(keyAt)) || !isQuote(text.charCodeAt(keyEnd - 1)) || !endsCleanly(text, keyEnd)) notClean();
    value = getScalarValue(text, event);
  } else {
    notClean();
  }
  if (value === null || keyEnd - keyAt > MAX_KEY_LENGTH) notClean();
  frame.key = String(value);
  frame.keyAt = keyAt;
  frame.keyEnd = keyEnd;
}

function isQuote(char: number): boolean {
  return char === 0x22 || char === 0x27;
}

/** What may follow a closing quote: js-yaml reads on through `"a"b`, which `yaml` rightly refuses. */
function endsCleanly(text: string, after: number): boolean {
  if (after >= text.length) return true;
  const char = text.charCodeAt(after);
  return char === SPACE || char === 0x0a || char === 0x0d || char === COLON || char === 0x2c || char === 0x5d || char === 0x7d;
}

function scalarAt(text: string, event: ScalarEvent, parent: Frame | undefined): { at: number; value: unknown } {
  const style = event.style;
  if (style === SCALAR_STYLE.PLAIN) {
    if (event.valueStart >= 0) return { at: event.valueStart, value: plainValue(getScalarValue(text, event)) };
    // An empty value: only a mapping's, where `yaml` places it after the colon.
    if (parent === undefined || !parent.map) notClean();
    const at = afterColon(text, parent.keyEnd);
    if (at === undefined) notClean();
    return { at, value: null };
  }
  if (style === SCALAR_STYLE.SINGLE_QUOTED || style === SCALAR_STYLE.DOUBLE_QUOTED) {
    const at = event.valueStart - 1;
    if (!isQuote(text.charCodeAt(at)) || !isQuote(text.charCodeAt(event.valueEnd)) || !endsCleanly(text, event.valueEnd + 1)) notClean();
    return { at, value: getScalarValue(text, event) };
  }
  // A block scalar (`|` or `>`): `yaml` places it at its indicator, after a mapping key's colon.
  if (parent === undefined || !parent.map) notClean();
  const at = afterColon(text, parent.keyEnd);
  if (at === undefined) notClean();
  const indicator = text.charCodeAt(at);
  if (indicator !== 0x7c && indicator !== 0x3e) notClean();
  return { at, value: getScalarValue(text, event) };
}

/** The offset at which each line starts, as `yaml`'s LineCounter gives them. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}
