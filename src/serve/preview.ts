// What `plan serve` shows: the plan's site, built again after every save into a folder of its own, or,
// while the plan has errors, the errors. Each build reuses what the last one made: files that did not
// change are not parsed again (a parse cache in memory), a diagram that draws the same is not laid out
// again, and only the output files that changed are written. A browser shows only the HTML pages, so
// the Markdown ones are not made.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueEntry } from '../catalogue.js';
import { summarise, type Diagnostic } from '../diagnostic.js';
import { writeFileWhole } from '../emit/write-file.js';
import { MemoryParseCache } from '../load/memory-cache.js';
import { openParseCache } from '../load/parse-cache.js';
import type { Plan } from '../link/plan-graph.js';
import { compilePlan } from '../pipeline.js';
import { TemplateError } from '../render/engine.js';
import { PageCache } from '../render/page-cache.js';
import { pageStamp, renderSite } from '../render/site.js';
import type { PreviousEdition } from '../render/views/whats-new.js';

export interface PreviewBuild {
  /** Counts up from 1 with each build: a page knows which build it shows. */
  number: number;
  /** The diagnostics that are errors: while there are any, the pages show them. */
  errors: Diagnostic[];
  /**
   * What stopped the site being made although the plan has no errors (a template of the plan's own
   * that cannot be used, a previous edition that cannot be read): shown like an error.
   */
  problem?: { heading: string; message: string; hint: string };
  warnings: number;
  /** The site's files by path, as written into the output folder (empty while there are errors). */
  files: ReadonlyMap<string, string | Buffer>;
  /** How long the build took, in milliseconds. */
  ms: number;
  /** How many source files were parsed again. */
  parsed: number;
  /** How many pages were rendered again (the others were as the last build made them). */
  rendered: number;
}

/** A reason the site cannot be made, thrown by what a preview is given (its previous edition): the page shows it. */
export class PreviewProblem extends Error {
  constructor(readonly heading: string, message: string, readonly hint: string) {
    super(message);
  }
}

export class Preview {
  private readonly parseCache: MemoryParseCache;
  private readonly pages = new PageCache();
  private written = new Map<string, string | Buffer>();
  private count = 0;
  private readonly previousEdition: (plan: Plan) => Promise<PreviousEdition | undefined>;

  constructor(
    readonly planDir: string,
    /** The folder the site is written into; outside the plan, and plan's own. */
    readonly outDir: string,
    private readonly catalogue: readonly CatalogueEntry[],
    options: {
      cache?: boolean;
      /** The plan's previous edition, for the summary's "What's new since", as `plan build` reads it. */
      previousEdition?: (plan: Plan) => Promise<PreviousEdition | undefined>;
    } = {},
  ) {
    this.previousEdition = options.previousEdition ?? (async () => undefined);
    this.parseCache = new MemoryParseCache(openParseCache(options.cache ?? true));
  }

  async build(): Promise<PreviewBuild> {
    const started = performance.now();
    this.parseCache.resetCount();
    const { plan, diagnostics } = await compilePlan(this.planDir, { parseCache: this.parseCache });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    let files: ReadonlyMap<string, string | Buffer> = new Map();
    let problem: PreviewBuild['problem'];
    if (plan && errors.length === 0) {
      try {
        const previousEdition = await this.previousEdition(plan);
        this.pages.startBuild(pageStamp({ planDir: this.planDir, catalogue: this.catalogue }));
        files = renderSite(plan, diagnostics, { planDir: this.planDir, catalogue: this.catalogue, pages: this.pages, formats: ['html'], previousEdition });
        this.write(files);
      } catch (error) {
        if (error instanceof TemplateError) problem = { heading: 'A template of the plan cannot be used', message: error.message, hint: 'Check the templates in the plan\'s templates/ folder.' };
        else if (error instanceof PreviewProblem) problem = { heading: error.heading, message: error.message, hint: error.hint };
        else throw error;
      }
    }
    this.count++;
    return {
      number: this.count, errors, ...(problem ? { problem } : {}), warnings: summarise(diagnostics).warnings, files,
      ms: performance.now() - started, parsed: this.parseCache.misses, rendered: this.pages.rendered,
    };
  }

  /** Writes the files that changed since the last build, each whole, and removes those no longer built. */
  private write(files: ReadonlyMap<string, string | Buffer>): void {
    for (const [path, content] of files) {
      const before = this.written.get(path);
      if (before !== undefined && (before === content || (Buffer.isBuffer(before) && Buffer.isBuffer(content) && before.equals(content)))) continue;
      writeFileWhole(join(this.outDir, path), content);
    }
    for (const path of this.written.keys()) if (!files.has(path)) rmSync(join(this.outDir, path), { force: true });
    this.written = new Map(files);
  }
}
