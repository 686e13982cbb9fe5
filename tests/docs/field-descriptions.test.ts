// docs/language.md's "Meaning" columns and the editor schema's descriptions come from one place,
// src/model/descriptions.ts: these tests fail the moment either drifts from it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { descriptions } from '../../src/model/descriptions.js';
import { planJsonSchema, type JsonSchema } from '../../src/model/json-schema.js';
import { repoRoot } from '../helpers/cli.js';

interface FieldTable {
  part: string;
  /** Each row's key (the first code span of its first cell) and its Meaning cell, as Markdown. */
  meanings: Map<string, string>;
}

/** Every table of the language page that follows a `<!-- fields: PART -->` marker. */
function fieldTables(): FieldTable[] {
  const tokens = new MarkdownIt({ html: true }).parse(readFileSync(join(repoRoot, 'docs', 'language.md'), 'utf8'), {});
  const tables: FieldTable[] = [];
  tokens.forEach((token, index) => {
    const marker = token.type === 'html_block' ? /^<!-- fields: ([a-z_]+) -->/.exec(token.content) : null;
    if (!marker) return;
    expect(tokens[index + 1]?.type, `the marker for ${marker[1]} is not directly above a table`).toBe('table_open');
    const rows: string[][] = [];
    for (let i = index + 1; tokens[i]?.type !== 'table_close'; i++) {
      if (tokens[i]!.type === 'tr_open') rows.push([]);
      if (tokens[i]!.type === 'inline') rows.at(-1)!.push(tokens[i]!.content);
    }
    const [header = [], ...body] = rows;
    const column = header.indexOf('Meaning');
    expect(column, `the table for ${marker[1]} has no Meaning column`).toBeGreaterThan(0);
    tables.push({ part: marker[1]!, meanings: new Map(body.map((row) => [/`([a-z_]+)`/.exec(row[0] ?? '')?.[1] ?? row[0]!, row[column] ?? ''])) });
  });
  return tables;
}

describe('the field tables of docs/language.md', () => {
  const tables = fieldTables();

  it('are marked once for every described part of the language', () => {
    expect(tables.map((t) => t.part).sort()).toEqual(Object.keys(descriptions).sort());
  });

  for (const [part, fields] of Object.entries(descriptions)) {
    it(`give the ${part} keys exactly the meanings the editor schema shows`, () => {
      const table = tables.find((t) => t.part === part);
      expect(Object.fromEntries(table?.meanings ?? [])).toEqual(fields);
    });
  }
});

describe('the editor schema', () => {
  it('describes every key of every object it holds, but the free names under rules and prose', () => {
    const undescribed: string[] = [];
    const visit = (node: JsonSchema | undefined, path: string): void => {
      if (!node || typeof node !== 'object') return;
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.description) undescribed.push(`${path}.${key}`);
        visit(child, `${path}.${key}`);
      }
      visit(node.items, `${path}[]`);
      for (const branch of node.anyOf ?? []) visit(branch, path);
    };
    visit(planJsonSchema(), '');
    expect(undescribed).toEqual([]);
  });

  it('shows a description as the language page writes it, with links kept as their text', () => {
    const objective = planJsonSchema().properties!.objectives!.anyOf!.find((branch) => branch.type === 'array')!.items!;
    expect(descriptions.objectives.portfolio).toContain('[objective-has-owner](rules/objective-has-owner.md)');
    expect(objective.properties!.portfolio!.description).toBe('The owner, which answers for the objective. Checked by objective-has-owner.');
  });
});

