// A view is escaped for Markdown as a whole copy of it would be: every string escaped (ids and page
// paths in `id` and `path` fields kept as they are), SafeStrings passed through, anything that is not
// a plain object or list copied as a plain object; the parts with nothing to escape are the view's
// own, and the view itself is never changed.

import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { escapeDeep } from '../../src/render/engine.js';
import { escapeForMarkdown } from '../../src/render/markdown.js';

const ID_OR_PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** What escaping did when it copied the whole view: the reference. */
function copyEscaped(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return (key === 'id' || key === 'path') && ID_OR_PATH.test(value) ? value : escapeForMarkdown(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => copyEscaped(value[i]));
  if (value instanceof Handlebars.SafeString) return value;
  return Object.fromEntries(Object.keys(value).map((k) => [k, copyEscaped((value as Record<string, unknown>)[k], k)]));
}

class Row {
  constructor(readonly title: string, readonly id: string) {}
}

const text = fc.oneof(fc.constantFrom('plain words', 'uec', 'uec/children', 'A&E', '*bold*', '_x_', '# heading', '1. item', 'a|b', '<b>', 'x\ny'), fc.string());
const view = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), tie('list'), tie('object'), tie('row'), tie('safe')),
  list: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.constantFrom('id', 'path', 'title', 'name', 'items', 'x'), tie('value'), { maxKeys: 5 }),
  row: fc.tuple(text, text).map(([title, id]) => new Row(title, id)),
  safe: text.map((t) => new Handlebars.SafeString(t)),
})).value;

describe('escapeDeep', () => {
  it('gives what a whole escaped copy gives, and leaves the view as it was', () => {
    fc.assert(fc.property(view, (value) => {
      const before = copyEscaped(value);
      const snapshot = JSON.stringify(value) ?? 'undefined';
      const escaped = escapeDeep(value, new Map(), new Map());
      expect(escaped).toStrictEqual(before);
      expect(JSON.stringify(value) ?? 'undefined').toBe(snapshot);
    }), { numRuns: 500 });
  });

  it('keeps the parts with nothing to escape, and copies only the ones that change', () => {
    const unchanged = { title: 'Urgent care', id: 'uec', items: ['one', 'two'] };
    const changed = { title: '*Urgent* care', id: 'uec' };
    const row = new Row('Urgent care', 'uec');
    const escaped = escapeDeep({ list: [unchanged, changed], row }, new Map(), new Map()) as { list: unknown[]; row: unknown };
    expect(escaped.list[0]).toBe(unchanged);
    expect(escaped.list[1]).not.toBe(changed);
    expect(escaped.list[1]).toEqual({ title: '\\*Urgent\\* care', id: 'uec' });
    // Not a plain object: copied as one, as it always was.
    expect(escaped.row).not.toBe(row);
    expect(Object.getPrototypeOf(escaped.row)).toBe(Object.prototype);
  });

  it('notes the original of each string it changes, for the prose helpers', () => {
    const originals = new Map<string, string>();
    escapeDeep({ description: 'Cut *waits*', title: 'Plain' }, originals, new Map());
    expect([...originals]).toEqual([['Cut \\*waits\\*', 'Cut *waits*']]);
  });
});
