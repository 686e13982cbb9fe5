import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIG_LIST_LENGTH, joiningEach } from '../../src/render/each-helper.js';
import { DocumentRenderer, templateCompileOptions, tidy } from '../../src/render/engine.js';
import { makeTempDir } from '../helpers/cli.js';

/** Templates that use every part of `each`: its data, block parameters, `{{else}}`, nesting, `../` and `@root`. */
const TEMPLATES = [
  '{{#each xs}}[{{@index}} {{@key}} {{@first}} {{@last}} {{this}}]{{/each}}',
  '{{#each xs as |x i|}}{{i}}={{x}};{{/each}}',
  '{{#each xs}}{{this}}{{else}}none{{/each}}',
  '{{#each xs}}{{#if @first}}<{{/if}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}',
  '{{#each rows}}{{#each this}}{{@../index}}.{{@index}}:{{this}}/{{@root.title}}|{{/each}}{{/each}}',
  '{{#each rows}}{{#each this}}({{../length}} {{lookup ../this 0}}){{/each}}{{/each}}',
  '{{#each people}}{{name}} {{#each tags}}{{@key}}{{this}}{{/each}};{{/each}}',
  '{{#each obj}}{{@key}}={{this}} {{@first}} {{@last}};{{/each}}',
  '{{#each people}}{{#with this}}{{name}}{{/with}}{{/each}}',
];

function environments(): { builtIn: typeof Handlebars; joining: typeof Handlebars } {
  const builtIn = Handlebars.create();
  const joining = Handlebars.create();
  joining.registerHelper('each', joiningEach(joining.helpers['each']!));
  return { builtIn, joining };
}

const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('<b>', '&', '"', '', '0'));
const value = fc.oneof(text, fc.integer({ min: -5, max: 99 }), fc.boolean(), fc.constant(null));

/** A list, sometimes with holes in it, as `new Array(n)` or a deleted item leaves. */
function list<T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.tuple(fc.array(item, { maxLength: 6 }), fc.array(fc.nat(6), { maxLength: 2 })).map(([items, holes]) => {
    const out = [...items];
    for (const hole of holes) if (hole < out.length) delete out[hole];
    return out;
  });
}

const context = fc.record({
  title: text,
  xs: fc.oneof(list(value), fc.constant(undefined), fc.constant([])),
  rows: list(list(value)),
  people: list(fc.record({ name: text, tags: fc.oneof(list(text), fc.dictionary(fc.constantFrom('a', 'b', 'c'), text)) })),
  obj: fc.dictionary(fc.constantFrom('k', 'l', 'm'), value),
});

describe('each, joining its iterations', () => {
  it('renders every template exactly as the built-in each does, for any lists, holes and values', () => {
    const { builtIn, joining } = environments();
    const pairs = TEMPLATES.map((source) => [builtIn.compile(source), joining.compile(source)] as const);
    fc.assert(
      fc.property(context, (view) => {
        for (const [a, b] of pairs) expect(b(view)).toBe(a(view));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output when compiled as plan compiles its templates, in both formats', () => {
    const { builtIn, joining } = environments();
    for (const helper of ['markdown', 'markdownInline', 'word', 'code', 'cell', 'date', 'join', 'eq', 'not', 'or', 'and', 'capital', 'plural', 'doc']) {
      for (const env of [builtIn, joining]) env.registerHelper(helper, () => '');
    }
    const view = { title: 'T', xs: ['a', '<b>', 3], rows: [[1, 2], [3]], people: [{ name: 'N & M', tags: ['x'] }], obj: { k: 1 } };
    for (const format of ['md', 'html'] as const) {
      for (const source of TEMPLATES) {
        const expected = builtIn.compile(source, templateCompileOptions(format))(view);
        expect(joining.compile(source, templateCompileOptions(format))(view)).toBe(expected);
      }
    }
  });

  it('leaves a list the built-in helper would reject, and an iterable, to the built-in helper', () => {
    const { builtIn, joining } = environments();
    const source = '{{#each xs}}{{@index}}{{this}}{{@last}};{{/each}}';
    const view = { xs: new Set(['a', 'b', 'c']) };
    expect(joining.compile(source)(view)).toBe(builtIn.compile(source)(view));
    expect(joining.compile(source)(view)).toBe('0afalse;1bfalse;2ctrue;');
    expect(() => joining.compile('{{#each}}x{{/each}}')({})).toThrow('Must pass iterator to #each');
  });

  it('passes an error thrown in a block through, as the built-in helper does', () => {
    const { joining } = environments();
    joining.registerHelper('boom', () => {
      throw new Error('boom at item');
    });
    expect(() => joining.compile('{{#each xs}}{{boom}}{{/each}}')({ xs: [1, 2] })).toThrow('boom at item');
  });
});

describe('the big lists of a page, kept whole with a mark in the page for each', () => {
  /** A template whose lists are big enough to be kept (BIG_LIST_LENGTH), one inside another, with small ones beside them. */
  const source = '# {{title}}\n\n{{#each groups}}\n## {{name}}  \n\n{{#each rows}}\n| {{this}} |  \n{{/each}}\n{{#each small}}{{this}}, {{/each}}end\n\n\n{{/each}}\nLast line {{#each tail}}{{this}} {{/each}}\t\n';
  const row = (i: number) => `row ${i} ${'x'.repeat(i % 40)}`;
  /** `groups` groups, every `bigEvery`th of them with `rows` rows and the others with three. */
  const view = (groups: number, rows: number, bigEvery: number) => ({
    title: 'Lists',
    groups: Array.from({ length: groups }, (_, g) => ({ name: `Group ${g}`, rows: Array.from({ length: g % bigEvery === 0 ? rows : 3 }, (_, i) => row(i)), small: ['a', 'b'] })),
    tail: Array.from({ length: rows }, (_, i) => `t${i}`),
  });

  it('renders exactly the page Handlebars and tidy make of the lists joined in place, in both formats', () => {
    const dir = makeTempDir('plan-list-marks-');
    for (const format of ['md', 'html'] as const) {
      mkdirSync(join(dir, format), { recursive: true });
      writeFileSync(join(dir, format, 'page.hbs'), source);
    }
    // Small lists only; big lists side by side; big lists inside a big list.
    for (const [groups, rows, bigEvery] of [[1, 10, 1], [3, 4000, 1], [2000, 9000, 700]] as const) {
      const data = view(groups, rows, bigEvery);
      for (const format of ['md', 'html'] as const) {
        const renderer = new DocumentRenderer(format, [dir], { words: {} });
        const expected = tidy(Handlebars.create().compile(source, templateCompileOptions(format))(data));
        if (rows >= 4000) expect(expected.length).toBeGreaterThan(2 * BIG_LIST_LENGTH);
        expect(renderer.render('page', data)).toBe(expected);
        const parts = renderer.renderParts('page', data);
        expect(parts.join('')).toBe(expected);
        expect(parts.some((part) => part.includes('\u0000'))).toBe(false);
      }
    }
  });

  it('never takes plan text for a mark: text that looks like one is written as it is', () => {
    const dir = makeTempDir('plan-list-marks-');
    mkdirSync(join(dir, 'md'), { recursive: true });
    writeFileSync(join(dir, 'md', 'page.hbs'), '{{#each rows}}{{this}}\n{{/each}}');
    const lookalike = '\u0000plan-list-0000000000000000-0\u0000';
    const rows = [lookalike, ...Array.from({ length: 9000 }, (_, i) => row(i))];
    const page = new DocumentRenderer('md', [dir], { words: {} }).render('page', { rows });
    expect(page.startsWith(`${lookalike}\n`)).toBe(true);
    expect(page).toBe(tidy(`${rows.join('\n')}\n`));
  });
});
