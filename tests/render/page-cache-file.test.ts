// The page cache's keys, and what it keeps: a page is found again only when JSON stands for its view
// faithfully, and only from a file that is whole.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Handlebars from 'handlebars';
import { knownHash } from '../../src/emit/output-files.js';
import { openPageCacheFile } from '../../src/render/page-cache-file.js';
import { DeferredSafeString, PageKeys, pageKey, workedOutFrom } from '../../src/render/page-cache.js';
import { makeTempDir, removeTempDirs } from '../helpers/cli.js';

afterAll(removeTempDirs);

describe('the key of a page', () => {
  const view = { title: 'Urgent care', objectives: [{ id: 'no-01', count: 3, done: false, owner: null }] };

  it('is the same for the same view, stamp, format and template', () => {
    expect(pageKey('s', 'html', 'portfolio', view)).toBe(pageKey('s', 'html', 'portfolio', structuredClone(view)));
  });

  it('differs with the stamp, the format, the template and the view', () => {
    const key = pageKey('s', 'html', 'portfolio', view);
    expect(pageKey('t', 'html', 'portfolio', view)).not.toBe(key);
    expect(pageKey('s', 'md', 'portfolio', view)).not.toBe(key);
    expect(pageKey('s', 'html', 'index', view)).not.toBe(key);
    expect(pageKey('s', 'html', 'portfolio', { ...view, title: 'Planned care' })).not.toBe(key);
  });

  it('is worked out from one JSON of a view for all the formats it is rendered in', () => {
    let reads = 0;
    const counted = { title: 'Urgent care', get objectives() { reads++; return view.objectives; } };
    const keys = new PageKeys('s');
    const html = keys.of('html', 'portfolio', counted);
    const once = reads;
    expect(once).toBeGreaterThan(0);
    const md = keys.of('md', 'portfolio', counted);
    expect(reads).toBe(once);
    // The same keys as one view at a time would have, each format its own.
    expect(html).toBe(pageKey('s', 'html', 'portfolio', view));
    expect(md).toBe(pageKey('s', 'md', 'portfolio', view));
    expect(keys.of('html', 'index', counted)).toBe(pageKey('s', 'html', 'index', view));
    expect(new PageKeys('t').of('html', 'portfolio', view)).toBe(pageKey('t', 'html', 'portfolio', view));
    // A view JSON cannot stand for stays uncached in every format.
    const unfaithful = { value: Number.NaN };
    expect(keys.of('html', 'x', unfaithful)).toBeUndefined();
    expect(keys.of('md', 'x', unfaithful)).toBeUndefined();
  });

  it('holds a part of a view worked out from a source by that source, not by the part, and makes none of its trusted output', () => {
    let made = 0;
    const part = (json: string | undefined, rows: unknown[]) => ({ title: 'A&E', charts: [workedOutFrom({ rows, svg: new DeferredSafeString(() => `<svg>${++made}</svg>`) }, () => json)] });
    const key = pageKey('s', 'html', 'x', part('{"points":[1,2]}', [1, 2]));
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    // The part is not walked: what it shows is the source's to decide.
    expect(pageKey('s', 'html', 'x', part('{"points":[1,2]}', ['anything']))).toBe(key);
    expect(pageKey('s', 'html', 'x', part('{"points":[1,3]}', [1, 2]))).not.toBe(key);
    // Nor is it the part written out, nor the same source as plain data.
    expect(pageKey('s', 'html', 'x', { title: 'A&E', charts: [{ rows: [1, 2] }] })).not.toBe(key);
    expect(pageKey('s', 'html', 'x', { title: 'A&E', charts: [{ points: [1, 2] }] })).not.toBe(key);
    // A source JSON cannot stand for leaves the page uncached.
    expect(pageKey('s', 'html', 'x', part(undefined, [1, 2]))).toBeUndefined();
    // A copy of the part is an ordinary part of its view again, walked as any other.
    const marked = workedOutFrom({ rows: [1, 2] }, () => '{"points":[1,2]}');
    expect(pageKey('s', 'html', 'x', { charts: [{ ...marked }] })).toBe(pageKey('s', 'html', 'x', { charts: [{ rows: [1, 2] }] }));
    expect(Object.keys(marked)).toEqual(['rows']);
    expect(made).toBe(0);
  });

  it('writes a part\'s source as JSON only when a key is made, once for all formats', () => {
    let written = 0;
    const view = { charts: [workedOutFrom({ caption: 'A&E' }, () => { written++; return '{"points":[1]}'; })] };
    expect(Handlebars.compile('{{#each charts}}{{caption}}{{/each}}')(view)).toBe('A&amp;E');
    expect(written).toBe(0);
    const keys = new PageKeys('s');
    keys.of('html', 'x', view);
    keys.of('md', 'x', view);
    expect(written).toBe(1);
  });

  it('tells trusted SVG from the same text as a plain string', () => {
    expect(pageKey('s', 'html', 'x', { svg: new Handlebars.SafeString('<svg/>') })).not.toBe(pageKey('s', 'html', 'x', { svg: '<svg/>' }));
  });

  it('keys trusted output made when shown, on its own, by its text, as any trusted output', () => {
    let made = 0;
    const deferred = () => new DeferredSafeString(() => `<svg>${++made}</svg>`);
    const key = pageKey('s', 'html', 'x', { svg: deferred() });
    expect(made).toBe(1);
    expect(key).toBe(pageKey('s', 'html', 'x', { svg: new Handlebars.SafeString('<svg>1</svg>') }));
    expect(pageKey('s', 'html', 'x', { svg: deferred() })).not.toBe(key);
    expect(pageKey('s', 'html', 'x', { svg: '<svg>1</svg>' })).not.toBe(key);
  });

  it('makes trusted output when first shown, once, and writes it unescaped', () => {
    let made = 0;
    const svg = new DeferredSafeString(() => `<svg id="${++made}"/>`);
    const template = Handlebars.compile('{{svg}}|{{svg}}');
    expect(template({ svg })).toBe('<svg id="1"/>|<svg id="1"/>');
    expect(made).toBe(1);
  });

  it.each([
    ['a Map', { items: new Map([['a', 1]]) }],
    ['a Set', { items: new Set([1]) }],
    ['a function', { items: [{ title: () => 'x' }] }],
    ['NaN', { items: [{ value: Number.NaN }] }],
    ['Infinity', { deep: { value: Number.POSITIVE_INFINITY } }],
    ['a date', { when: new Date(0) }],
    ['a gap in a list', { items: [1, undefined, 3] }],
  ])('is none for a view holding %s, which JSON cannot stand for', (_what, held) => {
    expect(pageKey('s', 'html', 'x', held)).toBeUndefined();
  });
});

describe('a page-cache file', () => {
  function openCache(cache: string) {
    return openPageCacheFile({ enabled: true, out: '/site', audience: 'team', stamp: () => 'stamp', env: { PLAN_CACHE_DIR: cache } })!;
  }

  it('finds a page in the next build, but renders a view JSON cannot stand for every time', () => {
    const cache = makeTempDir();
    let renders = 0;
    const render = (text: string) => () => {
      renders++;
      return text;
    };
    // A page is given as its bytes, encoded once for the file and for the output folder alike.
    const asText = (page: string | Buffer): string | false => Buffer.isBuffer(page) && page.toString('utf8');
    const first = openCache(cache);
    expect(asText(first.page('html', 'a', { title: 'Plain' }, render('plain page')))).toBe('plain page');
    expect(first.page('html', 'b', { items: new Map() }, render('map page'))).toBe('map page');
    first.save();
    first.close();
    expect(renders).toBe(2);

    const second = openCache(cache);
    expect(asText(second.page('html', 'a', { title: 'Plain' }, render('plain page')))).toBe('plain page');
    expect(second.page('html', 'b', { items: new Map() }, render('map page'))).toBe('map page');
    expect(second.rendered).toBe(1);
    expect(renders).toBe(3);
  });

  it('uses a page only while its bytes have the hash kept with it, and tells the writer that hash', () => {
    const cache = makeTempDir();
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const first = openCache(cache);
    for (const name of ['a', 'b', 'c']) {
      const page = first.page('html', name, { name }, () => `page ${name}, rendered`) as Buffer;
      // A rendered page's hash is worked out once, for the cache and for the output manifest.
      expect(knownHash(page)).toBe(sha256(page));
    }
    first.save();
    first.close();

    // One byte of page b changed where it is kept: b is rendered again, a and c are found.
    const file = first.path;
    const bytes = readFileSync(file);
    const at = bytes.indexOf('page b');
    bytes[at + 5] = 'B'.charCodeAt(0);
    writeFileSync(file, bytes);
    const second = openCache(cache);
    const pages = ['a', 'b', 'c'].map((name) => second.page('html', name, { name }, () => `page ${name}, rendered again`) as Buffer);
    expect(pages.map((page) => page.toString('utf8'))).toEqual(['page a, rendered', 'page b, rendered again', 'page c, rendered']);
    expect(second.rendered).toBe(1);
    for (const page of pages) expect(knownHash(page)).toBe(sha256(page));
    second.save();
    second.close();

    // The file written again holds b as rendered, and a and c as they were.
    const third = openCache(cache);
    expect(['a', 'b', 'c'].map((name) => (third.page('html', name, { name }, () => 'not found') as Buffer).toString('utf8')))
      .toEqual(['page a, rendered', 'page b, rendered again', 'page c, rendered']);
    expect(third.rendered).toBe(0);
  });

  it('keeps nothing of a build that was not saved', () => {
    const cache = makeTempDir();
    const first = openCache(cache);
    first.page('md', 'a', { title: 'Plain' }, () => 'page');
    first.close();
    const second = openCache(cache);
    second.page('md', 'a', { title: 'Plain' }, () => 'page');
    expect(second.rendered).toBe(1);
  });

  it('is switched off by PLAN_CACHE=0 and by --no-cache', () => {
    const cache = makeTempDir();
    expect(openPageCacheFile({ enabled: true, out: '/site', audience: 'team', stamp: () => 's', env: { PLAN_CACHE_DIR: cache, PLAN_CACHE: '0' } })).toBeUndefined();
    expect(openPageCacheFile({ enabled: false, out: '/site', audience: 'team', stamp: () => 's', env: { PLAN_CACHE_DIR: join(cache) } })).toBeUndefined();
  });
});
