// The plan's files as a workbook reads and writes them: the YAML sources with their concrete syntax
// tree kept, and the actuals CSV files with their text, so that a workbook can be made from exactly what
// the files say and its changes written back into them without touching anything else.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Composer, Parser, isMap, isScalar, isSeq, type CST, type Document, type YAMLMap } from 'yaml';
import { listActualsFiles, parseTable, type ParsedTable } from '../load/actuals-csv.js';
import { listSourceFiles } from '../load/plan-folder.js';
import type { CollectionName, RecordCollectionName } from '../model/schema.js';

export interface SourceDocument {
  /** Path relative to the plan folder, with forward slashes. */
  file: string;
  /** The file's text as read (a byte-order mark kept, so it is written back as it was). */
  text: string;
  /** Its concrete syntax tree: edited in place, and written back token for token. */
  tokens: CST.Token[];
  /** The document composed from `tokens`; each node's `srcToken` is its part of them. */
  document: Document;
}

/** The options `plan check` parses with (load/parse-source.ts). */
const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' } as const;

/** An item of a collection, or a record of the planning year, where it is written. */
export interface SourceEntry {
  source: SourceDocument;
  collection: CollectionName | RecordCollectionName;
  /** Its place in that file's list of the collection. */
  index: number;
  node: YAMLMap;
}

export interface SourceItem extends SourceEntry {
  collection: CollectionName;
  id: string;
}

/** Every source file of the plan, parsed as `plan check` parses it, with its syntax tree; plan check has passed them. */
export function readSourceDocuments(planDir: string): SourceDocument[] {
  return listSourceFiles(planDir).map((file) => {
    const text = readFileSync(join(planDir, file), 'utf8');
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const tokens = [...new Parser().parse(body)];
    const document = [...new Composer({ ...PARSE_OPTIONS, keepSourceTokens: true }).compose(tokens, true, body.length)][0]!;
    return { file, text, tokens, document };
  });
}

/** The entries of a collection across all the files, in file order, each with where it is written. */
export function entriesOf(sources: readonly SourceDocument[], collection: CollectionName | RecordCollectionName): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const source of sources) {
    const list = isMap(source.document.contents) ? source.document.contents.get(collection, true) : undefined;
    if (!isSeq(list)) continue;
    list.items.forEach((node, index) => {
      if (isMap(node)) entries.push({ source, collection, index, node });
    });
  }
  return entries;
}

/** The items of a collection across all the files, in file order, each with its id. */
export function itemsOf(sources: readonly SourceDocument[], collection: CollectionName): SourceItem[] {
  return entriesOf(sources, collection).flatMap((entry) => {
    const id = entry.node.get('id', true);
    return isScalar(id) && (typeof id.value === 'string' || typeof id.value === 'number') ? [{ ...entry, collection, id: String(id.value) }] : [];
  });
}

/** An actuals file of the plan: its text as read (a byte-order mark kept), and its rows as `plan check` reads them. */
export interface ActualsFile {
  file: string;
  text: string;
  table: ParsedTable;
}

/** Every CSV file of the plan's actuals/ folder; plan check has passed them. */
export function readActualsFiles(planDir: string): ActualsFile[] {
  return listActualsFiles(planDir).map((file) => {
    const text = readFileSync(join(planDir, file), 'utf8');
    return { file, text, table: parseTable({ file, text }) };
  });
}
