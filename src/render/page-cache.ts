// Pages rendered once for what they show: `plan serve` builds the site again on every save, and most
// pages do not change with one edit. A page is kept by a hash of its template's name, its format and
// the whole view it is rendered from, for as long as the templates stay as they are; so are the
// compiled templates themselves. `plan build` keeps its pages between runs (page-cache-file.ts).

import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';

/** Where the site's renderer gets its pages: rendered, or found from an earlier build. */
export interface PageSource {
  /**
   * The page of `template` in `format` for `view`: found, or made by `render`. A source that keeps its
   * pages in a file may give them as their UTF-8 bytes, which a build writes as they are.
   */
  page(format: string, template: string, view: object, render: () => string): string | Buffer;
  /** The renderer of a format, made by `make` when there is none to reuse. */
  renderer<R>(format: string, make: () => R): R;
}

/**
 * Trusted output (a chart's SVG) made only when a page that shows it is rendered, and once. Where the
 * page's key should not make it either, the part of the view that holds it is worked out from a source
 * (`workedOutFrom`), which the key holds instead; on its own it is keyed as any trusted output, by its text.
 */
export class DeferredSafeString extends Handlebars.SafeString {
  private made: string | undefined;

  constructor(private readonly make: () => string) {
    super('');
  }

  override toString(): string {
    return (this.made ??= this.make());
  }

  override toHTML(): string {
    return this.toString();
  }
}

/** The mark of a part of a view worked out from a source alone: what writes the source as JSON. */
const WORKED_OUT_FROM = Symbol('worked out from');

/**
 * Marks `fields`, a part of a view, as worked out by plan's code from one source alone, which `json`
 * writes as JSON (undefined when JSON cannot stand for it): a page's key holds that JSON in place of
 * the fields. A part that is bigger than what it is made from (a chart's data table and its drawing)
 * is written into the key small, by a plain `JSON.stringify` of its source, and only by a build that
 * keys its pages. Whatever the fields show must come from the source and the code alone. The mark is
 * not enumerable, so a copy of the fields (a spread, the Markdown escape) is an ordinary part of its
 * view again.
 */
export function workedOutFrom<T extends object>(fields: T, json: () => string | undefined): T {
  Object.defineProperty(fields, WORKED_OUT_FROM, { value: json });
  return fields;
}

/**
 * The key of a page: a hash of what else the page depends on (`stamp`), its format, its template and
 * its view as JSON. Undefined when JSON cannot stand for the view faithfully (a Map, a Set, a function,
 * a date, NaN or Infinity anywhere in it, or a value JSON refuses): such a page is rendered every time.
 */
export function pageKey(stamp: string, format: string, template: string, view: object): string | undefined {
  const digest = viewDigest(view);
  return digest === undefined ? undefined : keyOf(stamp, format, template, digest);
}

function keyOf(stamp: string, format: string, template: string, digest: string): string {
  return createHash('sha256').update(`${stamp}\0${format}\0${template}\0${digest}`).digest('hex');
}

/** A hash of a view as JSON, or undefined when JSON cannot stand for it. */
function viewDigest(view: object): string | undefined {
  const json = viewJson(view);
  return json === undefined ? undefined : createHash('sha256').update(json).digest('hex');
}

/**
 * The keys of a build's pages. A page is rendered from one view in each format, and its view, which is
 * as big as the page, is written as JSON and hashed once for all of them. A view must not change once a
 * page has been asked for with it.
 */
export class PageKeys {
  private readonly digests = new WeakMap<object, string | null>();

  constructor(private readonly stamp: string) {}

  of(format: string, template: string, view: object): string | undefined {
    let digest = this.digests.get(view);
    if (digest === undefined) {
      digest = viewDigest(view) ?? null;
      this.digests.set(view, digest);
    }
    return digest === null ? undefined : keyOf(this.stamp, format, template, digest);
  }
}

function viewJson(view: object): string | undefined {
  let faithful = true;
  try {
    const json = JSON.stringify(view, function (this: Record<string, unknown>, key: string, value: unknown) {
      // The value as the view holds it, before any toJSON (a date's) has turned it into something else.
      const held = this[key];
      switch (typeof held) {
        case 'number':
          if (!Number.isFinite(held)) faithful = false;
          return value;
        case 'string':
        case 'boolean':
          return value;
        case 'undefined':
          // Left out of an object, as a template reads it; in a list JSON would write null, which is not the same.
          if (Array.isArray(this)) faithful = false;
          return value;
        case 'object': {
          if (held === null || Array.isArray(held)) return value;
          const from = (held as { [WORKED_OUT_FROM]?: () => string | undefined })[WORKED_OUT_FROM];
          if (from !== undefined) {
            const json = from();
            if (json === undefined) faithful = false;
            return { workedOutFrom: json ?? null };
          }
          // Trusted output is written as its text; where a view holds one, its code always puts one there.
          if (held instanceof Handlebars.SafeString) return { SafeString: held.toString() };
          const prototype = Object.getPrototypeOf(held) as unknown;
          if (prototype !== Object.prototype && prototype !== null) faithful = false;
          return value;
        }
        default:
          faithful = false; // a function, a symbol or a bigint
          return undefined;
      }
    });
    return faithful ? json : undefined;
  } catch {
    return undefined; // a view that refers to itself
  }
}

export class PageCache implements PageSource {
  private keys = new PageKeys('');
  private pages = new Map<string, string>();
  private next = new Map<string, string>();
  private templates = '';
  private readonly renderers = new Map<string, unknown>();

  /** How many pages were rendered rather than found in the last build: for tests and the benchmark. */
  rendered = 0;

  /** Starts a build: pages not asked for in it are forgotten after it; new templates make every page new. */
  startBuild(templatesStamp: string): void {
    if (templatesStamp !== this.templates) {
      this.next.clear();
      this.renderers.clear();
    }
    this.templates = templatesStamp;
    this.pages = this.next;
    this.next = new Map();
    this.rendered = 0;
    this.keys = new PageKeys('');
  }

  page(format: string, template: string, view: object, render: () => string): string {
    const key = this.keys.of(format, template, view);
    let page = key === undefined ? undefined : this.pages.get(key) ?? this.next.get(key);
    if (page === undefined) {
      page = render();
      this.rendered++;
    }
    if (key !== undefined) this.next.set(key, page);
    return page;
  }

  /** The renderer of a format, made once for as long as the templates stay as they are. */
  renderer<R>(format: string, make: () => R): R {
    if (!this.renderers.has(format)) this.renderers.set(format, make());
    return this.renderers.get(format) as R;
  }
}
