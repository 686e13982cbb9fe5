// Pages rendered once for what they show: `plan serve` builds the site again on every save, and most
// pages do not change with one edit. A page is kept by a hash of its template's name, its format and
// the whole view it is rendered from, for as long as the templates stay as they are; so are the
// compiled templates themselves.

import { createHash } from 'node:crypto';

export class PageCache {
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
  }

  page(format: string, template: string, view: object, render: () => string): string {
    const key = createHash('sha256').update(`${format}\0${template}\0`).update(JSON.stringify(view)).digest('hex');
    let page = this.pages.get(key) ?? this.next.get(key);
    if (page === undefined) {
      page = render();
      this.rendered++;
    }
    this.next.set(key, page);
    return page;
  }

  /** The renderer of a format, made once for as long as the templates stay as they are. */
  renderer<R>(format: string, make: () => R): R {
    if (!this.renderers.has(format)) this.renderers.set(format, make());
    return this.renderers.get(format) as R;
  }
}
