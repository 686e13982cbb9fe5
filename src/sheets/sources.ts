// The plan's YAML sources as the yaml library's documents, with the concrete syntax tree kept, so a
// workbook can be made from exactly what the files say and its changes written back into them without
// touching anything else.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Composer, Parser, isMap, isScalar, isSeq, type CST, type Document, type YAMLMap } from 'yaml';
import { listSourceFiles } from '../load/plan-folder.js';
import type { CollectionName } from '../model/schema.js';

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

export interface SourceItem {
  source: SourceDocument;
  collection: CollectionName;
  /** Its place in that file's list of the collection. */
  index: number;
  id: string;
  node: YAMLMap;
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

/** The items of a collection across all the files, in file order, each with where it is written. */
export function itemsOf(sources: readonly SourceDocument[], collection: CollectionName): SourceItem[] {
  const items: SourceItem[] = [];
  for (const source of sources) {
    const list = isMap(source.document.contents) ? source.document.contents.get(collection, true) : undefined;
    if (!isSeq(list)) continue;
    list.items.forEach((node, index) => {
      if (!isMap(node)) return;
      const id = node.get('id', true);
      if (isScalar(id) && (typeof id.value === 'string' || typeof id.value === 'number')) items.push({ source, collection, index, id: String(id.value), node });
    });
  }
  return items;
}
