// Parses the text of one YAML source file into plain data plus a parallel tree of source positions, so
// later phases can point a planner at the exact line and column of any key or value.
// The result is plain, structured-clone-safe data: worker threads can produce it for big plans.

import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, isPair, visit, type Alias, type Document, type Node } from 'yaml';
import { cutFromWideText, oneByte } from '../one-byte.js';
import type { Diagnostic, Position } from '../diagnostic.js';
import { withoutByteOrderMark, type LocationNode, type ParsedSource } from './located.js';
import { parseCleanSource } from './parse-events.js';

const MAX_DEPTH = 64;
const MAX_ALIAS_EXPANSIONS = 10_000;

export function parseSource(source: string, file: string): ParsedSource {
  // Most files are clean, and js-yaml reads them several times faster; what it cannot take, `yaml` reads
  // and reports on. tests/load/parse-events.test.ts holds the two to the same data and positions.
  return parseCleanSource(source, file) ?? parseWithYaml(withoutByteOrderMark(source), file);
}

/** Parses with the `yaml` library alone: the reference the fast path is held to, and the one that reports errors. */
export function parseWithYaml(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const positionOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  // Duplicate keys are found by the walker below, with a set: the parser's own check compares each key
  // with every earlier one, which takes minutes for a mapping of tens of thousands of keys.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, version: '1.2' });
  const seen = new Set<number>();
  for (const error of doc.errors) {
    // One mistake often trips several parser errors at the same place; report it once.
    if (seen.has(error.pos[0])) continue;
    seen.add(error.pos[0]);
    diagnostics.push({
      rule: 'yaml-syntax',
      severity: 'error',
      file,
      ...positionOf(error.pos[0]),
      message: yamlErrorMessage(error.code, error.message),
      hint: yamlErrorHint(error.code),
    });
  }
  const lineStarts = lineCounter.lineStarts;
  if (doc.errors.length > 0) return { file, value: null, locations: 0, lineStarts, diagnostics };

  const walker = new Walker(doc, file, positionOf, diagnostics, cutFromWideText(text));
  const root = doc.contents;
  if (root === null) return { file, value: null, locations: 0, lineStarts, diagnostics };
  const { value, location } = walker.walk(root, 0);
  // A duplicate key makes the file unreadable, as a syntax error does: which value was meant is unknown.
  if (walker.duplicateKeys) return { file, value: null, locations: 0, lineStarts, diagnostics };
  return { file, value, locations: location, lineStarts, diagnostics };
}

class Walker {
  private aliasExpansions = 0;
  duplicateKeys = false;
  /** What each alias refers to: the last node before it with that anchor, as YAML defines it. */
  private readonly aliasTargets = new Map<Alias, Node | undefined>();

  constructor(
    doc: Document,
    private readonly file: string,
    private readonly positionOf: (offset: number) => Position,
    private readonly diagnostics: Diagnostic[],
    /** The file has a character beyond Latin-1: its strings are copied to be held one byte a character where they can be. */
    private readonly wide: boolean,
  ) {
    // One pass in document order, so each alias costs a map look-up rather than a scan of the document.
    const anchors = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) this.aliasTargets.set(node, anchors.get(node.source));
        else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
  }

  walk(node: Node | null, depth: number): { value: unknown; location: LocationNode } {
    if (node === null) return { value: null, location: 0 };
    const at = node.range?.[0] ?? 0;
    if (depth > MAX_DEPTH) {
      this.fail(at, `This value is nested more than ${MAX_DEPTH} levels deep.`, 'Plan files are shallow; check the indentation here.');
      return { value: null, location: at };
    }
    if (isAlias(node)) {
      if (++this.aliasExpansions > MAX_ALIAS_EXPANSIONS) {
        if (this.aliasExpansions === MAX_ALIAS_EXPANSIONS + 1) {
          this.fail(at, `This file expands YAML aliases (*name) more than ${MAX_ALIAS_EXPANSIONS} times.`, 'Write the values out instead of repeating aliases.');
        }
        return { value: null, location: at };
      }
      const target = this.aliasTargets.get(node);
      if (!target) {
        this.fail(at, `The alias *${node.source} refers to no anchor.`, `Define &${node.source} before using it.`);
        return { value: null, location: at };
      }
      // Positions inside an alias point at the anchored original, which is where a planner would edit.
      return this.walk(target as Node, depth + 1);
    }
    if (isScalar(node)) {
      const value = node.value ?? null;
      return { value: this.wide && typeof value === 'string' ? oneByte(value) : value, location: at };
    }
    if (isSeq(node)) {
      const value: unknown[] = [];
      const items: LocationNode[] = [];
      for (const item of node.items) {
        const child = this.walk(item as Node | null, depth + 1);
        value.push(child.value);
        items.push(child.location);
      }
      return { value, location: { at, items } };
    }
    if (isMap(node)) {
      const value: Record<string, unknown> = {};
      const entries: Record<string, [number, LocationNode]> = Object.create(null);
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const keyAt = keyNode?.range ? keyNode.range[0] : at;
        if (keyNode !== null && !isScalar(keyNode)) {
          this.fail(keyAt, 'A key here is a list or mapping; keys must be plain words.', 'Write the key as a single word such as `title:`.');
          continue;
        }
        const key = String(keyNode?.value ?? '');
        if (Object.hasOwn(entries, key)) {
          this.duplicateKeys = true;
          this.diagnostics.push({ rule: 'yaml-syntax', severity: 'error', file: this.file, ...this.positionOf(keyAt), message: yamlErrorMessage('DUPLICATE_KEY', ''), hint: yamlErrorHint('DUPLICATE_KEY') });
          continue;
        }
        const child = pair.value === null
          ? { value: null, location: keyAt }
          : this.walk(pair.value as Node, depth + 1);
        // defineProperty keeps a hostile key such as `__proto__` as plain data.
        Object.defineProperty(value, key, { value: child.value, enumerable: true, writable: true, configurable: true });
        entries[key] = [keyAt, child.location];
      }
      return { value, location: { at, entries } };
    }
    this.fail(at, 'This value is of a kind plan does not read.', undefined);
    return { value: null, location: at };
  }

  private fail(offset: number, message: string, hint: string | undefined): void {
    this.diagnostics.push({ rule: 'yaml-syntax', severity: 'error', file: this.file, ...this.positionOf(offset), message, ...(hint ? { hint } : {}) });
  }
}

function yamlErrorMessage(code: string, raw: string): string {
  if (/call stack/i.test(raw)) return 'The YAML here is nested far too deeply to read (brackets or indentation thousands of levels deep).';
  const firstLine = raw.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? raw;
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'This key appears twice in the same mapping; the second would silently replace the first.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return `The YAML here cannot be read: ${lowerFirst(firstLine)}.`;
    case 'MULTIPLE_DOCS':
      return 'This file holds more than one YAML document (a second `---`); a plan source file holds one.';
    case 'TAB_AS_INDENT':
      return 'A tab is used for indentation; YAML allows only spaces.';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'A value here holds a colon followed by a space, which YAML reads as the start of another key (or the next line is indented too far).';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'A key runs over more than one line, which usually means a missing colon or a mis-indented line above.';
    default:
      return `The YAML here cannot be read: ${lowerFirst(firstLine)}.`;
  }
}

function yamlErrorHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Remove or rename one of the two keys.';
    case 'TAB_AS_INDENT':
      return 'Replace the tab with spaces.';
    case 'MULTIPLE_DOCS':
      return 'Split the documents into separate files, or remove the extra `---`.';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'Put text that contains `: ` in quotes, such as `title: "Front door: streaming"`, and check the indentation of the next line.';
    default:
      return 'Check the indentation and punctuation on this line and the one above; text with a colon and a space in it (`a: b`), or starting with a special character, needs quotes.';
  }
}

function lowerFirst(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}
