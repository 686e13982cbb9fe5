// Renders every document of a build, in Markdown and HTML, one output file at a time, for the emit
// phase to write each as it is made. The team's site carries its public version in public/; the
// public site stands alone. Pure apart from reading templates and assets.

import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueEntry } from '../catalogue.js';
import type { Diagnostic } from '../diagnostic.js';
import { wholeContent, type OutputFile, type OutputFiles } from '../emit/output-files.js';
import type { LinkedItem, Plan } from '../link/plan-graph.js';
import { Thread } from '../link/thread.js';
import { assetFiles } from './assets.js';
import { DeferredSafeString, type PageSource } from './page-cache.js';
import { ChartParts, trajectoryChart } from './charts/trajectory-chart.js';
import { threadDiagram } from './diagram/svg.js';
import { codeStamp } from '../load/parse-cache.js';
import { builtInTemplatesDir, formatDate, type DocumentRenderer, type OutputFormat } from './engine.js';
import { rendererMaker, templateDirs, templateReader } from './renderers.js';
import { exportPlan } from './plan-export.js';
import { dutiesDate, dutiesView } from './views/duties.js';
import { gapsJson, gapsView } from './views/gaps.js';
import { indexView } from './views/index.js';
import { objectivesView } from './views/objectives.js';
import { planOnAPageView } from './views/plan-on-a-page.js';
import { portfolioIndexView, portfolioView } from './views/portfolio.js';
import { SiteMap, portfolioPath, rootOf, siteView, termsOf, type Audience } from './views/site.js';
import { summaryView } from './views/summary.js';
import { performanceViews } from './views/performance.js';
import { stocktakeView } from './views/stocktake.js';
import { whatsNewView, type PreviousEdition } from './views/whats-new.js';

export interface SiteOptions {
  /** The plan folder: its own templates/ folder overrides the built-in templates. */
  planDir: string;
  /** Every diagnostic code with its description, for the gap report. */
  catalogue: readonly CatalogueEntry[];
  /** Keep remote images in prose (`--allow-remote-images`); by default they become links. */
  remoteImages?: boolean;
  /** Read templates that symbolic links lead to outside the plan folder (`--allow-outside`). */
  allowOutside?: boolean;
  /** The formats to write; both by default. A preview in a browser needs only the HTML. */
  formats?: readonly OutputFormat[];
  /** Pages already rendered: by this process in an earlier build (`plan serve`), or by the last build into the same folder (`plan build`). */
  pages?: PageSource;
  /** `team` (the default): every document, with the public site in public/. `public`: the public site alone. */
  audience?: Audience;
  /** The public site's documents will be printed to PDF (`pdfPages`), so each links to its PDF. */
  pdf?: boolean;
  /** The plan as its previous edition published it, for the summary's "What's new since" (`plan.editions[].revision`). */
  previousEdition?: PreviousEdition;
  /**
   * Give each page as the parts it is made of (`DocumentRenderer.renderParts`), for a writer that
   * encodes them one after another, rather than as one string. Not with `pages`, which keeps strings.
   */
  inParts?: boolean;
  /**
   * A hash of every file the plan was compiled from (`digest` of a compilation): `plan.json`, made from
   * the compiled plan alone, is kept in `pages` by it, as a page is by its view.
   */
  sources?: string;
}

/** Where the team's site keeps its public version. */
export const PUBLIC_FOLDER = 'public';

const FORMATS: OutputFormat[] = ['md', 'html'];

/** How deep a template folder's files can lie: <format>/partials/<name>.hbs. */
const TEMPLATE_DEPTH = 3;

/**
 * What every page depends on besides its view, as a hash: the code, the text of every file in both
 * template folders (the plan's read as its renderer reads them, so a file it may not read stamps why
 * and the page is rendered, failing as it would without a cache), and the options of prose.
 */
export function pageStamp(options: SiteOptions): string {
  const read = templateReader(options);
  const stamp = createHash('sha256').update(codeStamp()).update('\0').update(JSON.stringify({ remoteImages: options.remoteImages ?? false }));
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return; // a plan without templates of its own
    }
    for (const name of names) {
      const path = join(dir, name);
      let folder = false;
      try {
        folder = statSync(path).isDirectory();
      } catch {
        // a link to nothing: the reader says so below
      }
      if (folder) {
        if (depth < TEMPLATE_DEPTH) walk(path, depth + 1);
        continue;
      }
      let text: string;
      try {
        text = `text\0${read(path)}`;
      } catch (cause) {
        text = `unreadable\0${(cause as Error).message}`;
      }
      stamp.update(`\0${path}\0${text.length}\0`).update(text);
    }
  };
  for (const dir of templateDirs(options.planDir)) {
    stamp.update(`\0folder\0${dir}`);
    walk(dir, 1);
  }
  return stamp.digest('hex');
}

/** The page a diagram node links to, relative to the site root. */
function diagramHref(item: LinkedItem, map: SiteMap): string | undefined {
  switch (item.kind) {
    case 'collective_aim':
      return 'plan-on-a-page.html#aim';
    case 'priority':
      return `plan-on-a-page.html#priority-${item.id}`;
    case 'portfolio': {
      const path = map.portfolioPath(item);
      return path === null ? undefined : `${path}.html`;
    }
    case 'objective':
      return `objectives.html#${item.id}`;
    default:
      return undefined;
  }
}

interface Page {
  path: string;
  template: string;
  title: string;
  /** The view of both formats: each format's template shows what it can of it. */
  view: object;
  /** The date the page carries, where it is not the plan's: the duty matrix carries its latest edition's. */
  published?: string | undefined;
}

/**
 * Every file of a build, each made when it is asked for: a page's view is worked out, rendered in
 * each format and let go before the next page's, so a big plan's pages are never all in memory at
 * once. Throws a TemplateError at the page whose template fails.
 */
export function* siteFiles(plan: Plan, diagnostics: readonly Diagnostic[], options: SiteOptions): Generator<OutputFile> {
  const audience = options.audience ?? 'team';
  const make = rendererMaker(options);
  const thread = new Thread(plan);
  const diagrams: Diagrams = new Map();
  const publicMap = new SiteMap(plan, 'public', options.pdf ?? false);
  const publicSite = oneSiteFiles(publicMap, thread, diagnostics, options, make, diagrams);
  if (audience === 'public') {
    yield* publicSite;
    return;
  }
  // The compiled plan first: the biggest file of a big build, it is written (on a thread of its own,
  // src/emit/background-writes.ts) while the pages are made, rather than waited for at the end.
  const planJson = () => JSON.stringify(exportPlan(plan), null, 2) + '\n';
  yield ['plan.json', options.pages && options.sources ? options.pages.page('json', 'plan.json', { sources: options.sources }, planJson) : planJson()];
  yield ['gaps.json', JSON.stringify(gapsJson(plan, diagnostics, options.catalogue), null, 2) + '\n'];
  for (const [path, content] of publicSite) yield [`${PUBLIC_FOLDER}/${path}`, content];
  yield* oneSiteFiles(new SiteMap(plan, 'team'), thread, diagnostics, options, make, diagrams, publicMap);
}

/** Every file of a build, held together: for `plan serve`, which serves them from memory. */
export function renderSite(plan: Plan, diagnostics: readonly Diagnostic[], options: SiteOptions): OutputFiles {
  const files: OutputFiles = new Map();
  for (const [path, content] of siteFiles(plan, diagnostics, options)) files.set(path, wholeContent(content));
  return files;
}

/** The diagrams drawn in a build, by the pages their nodes link to. */
type Diagrams = Map<string, string>;

/**
 * The golden-thread diagram of a site. The team's site and its public version draw the same one
 * whenever every node links to the same page on both, so it is drawn once.
 */
function diagramOf(map: SiteMap, thread: Thread, diagrams: Diagrams): string {
  const plan = map.plan;
  const linked: LinkedItem[] = [...(plan.aim ? [plan.aim] : []), ...plan.priorities, ...plan.portfolios, ...plan.objectives];
  const key = linked.map((item) => diagramHref(item, map) ?? '').join('\n');
  let svg = diagrams.get(key);
  if (svg === undefined) {
    const terms = map.terms;
    svg = threadDiagram(thread, {
      href: (item) => diagramHref(item, map),
      title: `The golden thread of ${plan.manifest.plan.title}`,
      words: { units: `${terms.Portfolios} and ${terms.enablers}`, portfolio: terms.portfolio, portfolios: terms.portfolios, enabler: terms.enabler, enablers: terms.enablers, underpinning: `${terms.Enablers} that underpin every priority` },
    });
    diagrams.set(key, svg);
  }
  return svg;
}

/** One site's documents, diagram and assets, a page at a time. On the team's site, `publicMap` is its public version's. */
function* oneSiteFiles(map: SiteMap, thread: Thread, diagnostics: readonly Diagnostic[], options: SiteOptions, make: (format: OutputFormat) => DocumentRenderer, diagrams: Diagrams, publicMap?: SiteMap): Generator<OutputFile> {
  const plan = map.plan;
  const svg = diagramOf(map, thread, diagrams);
  const dutyNews = whatsNewView(map);
  const performance = once(() => performancePages(map));

  const documents: Record<string, () => Omit<Page, 'path'>> = {
    index: () => ({ template: 'index', title: 'Home', view: indexView(map) }),
    summary: () => {
      const summary = { ...summaryView(map), whatsNew: options.previousEdition ? whatsNewView(map, options.previousEdition) : null };
      return { template: 'summary', title: summary.title, view: summary };
    },
    'plan-on-a-page': () => ({ template: 'plan-on-a-page', title: 'Plan on a page', view: planOnAPageView(map) }),
    objectives: () => ({ template: 'objectives', title: 'Objectives', view: objectivesView(thread, map) }),
    duties: () => ({ template: 'duties', title: 'Statutory duties', view: { ...dutiesView(map), whatsNew: dutyNews && dutyNews.duties ? { ...dutyNews, changes: [] } : null }, published: dutiesDate(map) }),
    performance: () => performance().index,
    stocktake: () => ({ template: 'stocktake', title: 'Stocktake', view: stocktakeView(plan) }),
    gaps: () => ({ template: 'gaps', title: 'Gap report', view: { ...gapsView(plan, diagnostics, options.catalogue), buildFailed: false } }),
    portfolios: () => ({ template: 'portfolios-index', title: 'Portfolios', view: portfolioIndexView(map) }),
  };
  const pageAt = (path: string): Page => {
    const document = documents[path];
    if (document) return { path, ...document() };
    if (path.startsWith('performance/')) {
      const { pages } = performance();
      const performancePage = pages.get(path);
      // Its charts are let go once its page is made: the rest of the site does not need them.
      pages.delete(path);
      if (performancePage) return { path, ...performancePage };
    }
    const portfolio = plan.portfolios.find((p) => portfolioPath(p.id) === path)!;
    return { path, template: 'portfolio', title: portfolio.item.name, view: portfolioView(thread, portfolio, diagnostics, map) };
  };

  for (const path of map.pages) {
    const page = pageAt(path);
    const site = siteView(map, page.path, page.title, publicMap);
    if ('published' in page) site.published = formatDate(page.published);
    // One context for every format, so a page's key writes its view as JSON once.
    const context = { ...page.view, site, root: rootOf(page.path), pageTitle: page.title };
    for (const format of options.formats ?? FORMATS) {
      // A renderer is made only for a page that is rendered: a build that finds every page compiles no template.
      if (!options.pages) {
        yield [`${page.path}.${format}`, options.inParts ? make(format).renderParts(page.template, context) : make(format).render(page.template, context)];
        continue;
      }
      const pages = options.pages;
      const render = () => pages.renderer(format, () => make(format)).render(page.template, context);
      yield [`${page.path}.${format}`, pages.page(format, page.template, context, render)];
    }
  }
  yield ['golden-thread.svg', svg];
  yield* assetFiles(builtInTemplatesDir());
}

/** A value worked out when first asked for, and only then. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * The performance document: its first page, and a page per portfolio whose charts are trusted SVG made
 * from escaped text, inline in the HTML only (the Markdown gives each chart's text summary and data
 * table in its place). Each chart is drawn when its HTML page is rendered, so a page found in the page
 * cache draws none; the page's key holds what each chart is drawn from.
 */
function performancePages(map: SiteMap): { index: Omit<Page, 'path'>; pages: Map<string, Omit<Page, 'path'>> } {
  const { index, pages } = performanceViews(map, () => {
    // The charts of a page share the parts of their drawings that repeat.
    const parts = new ChartParts();
    return (chart) => new DeferredSafeString(() => trajectoryChart(chart, parts));
  });
  return {
    index: { template: 'performance', title: 'Performance', view: index },
    pages: new Map(pages.map(({ page: { path }, view }) => [path, { template: 'performance-portfolio', title: view.pageTitle, view }])),
  };
}

/** The public documents to print, each HTML page with its PDF, relative to the output folder of a build for `audience`. */
export function pdfPages(plan: Plan, audience: Audience): { html: string; pdf: string }[] {
  const root = audience === 'team' ? `${PUBLIC_FOLDER}/` : '';
  return new SiteMap(plan, 'public', true).printable.map((page) => ({ html: `${root}${page}.html`, pdf: `${root}pdf/${page}.pdf` }));
}

/** Only the gap report (gaps.md, gaps.html, gaps.json): what a build writes when the plan has errors. */
export function renderGaps(plan: Plan | undefined, diagnostics: readonly Diagnostic[], options: SiteOptions): OutputFiles {
  const files: OutputFiles = new Map();
  const view = { ...gapsView(plan, diagnostics, options.catalogue), buildFailed: true };
  const site = plan
    ? siteView(new SiteMap(plan, 'team'), 'gaps', 'Gap report')
    : { planId: '', title: 'Plan', system: '', organisation: undefined, published: '', nav: [], team: true, publicVersion: null, pdfVersion: null, documentTitle: 'Gap report', terms: termsOf() };
  const make = rendererMaker(options);
  for (const format of FORMATS) {
    files.set(`gaps.${format}`, make(format).render('gaps', { ...view, site, root: '', pageTitle: 'Gap report' }));
  }
  files.set('gaps.json', JSON.stringify(gapsJson(plan, diagnostics, options.catalogue), null, 2) + '\n');
  return files;
}
