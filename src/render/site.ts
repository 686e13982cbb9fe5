// Renders every document of a build, in Markdown and HTML, into a map of output paths to contents.
// Pure apart from reading templates and assets: the emit phase writes the map to disk.

import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import type { CatalogueEntry } from '../catalogue.js';
import type { Diagnostic } from '../diagnostic.js';
import type { OutputFiles } from '../emit/output-files.js';
import type { LinkedItem, Plan } from '../link/plan-graph.js';
import { Thread } from '../link/thread.js';
import { assetFiles } from './assets.js';
import { threadDiagram } from './diagram/svg.js';
import { planFolder, readSource } from '../load/plan-folder.js';
import { DocumentRenderer, TemplateError, builtInTemplatesDir, loadWords, type OutputFormat } from './engine.js';
import { exportPlan } from './plan-export.js';
import { dutiesView } from './views/duties.js';
import { gapsJson, gapsView } from './views/gaps.js';
import { indexView } from './views/index.js';
import { objectivesView } from './views/objectives.js';
import { planOnAPageView } from './views/plan-on-a-page.js';
import { portfolioIndexView, portfolioView } from './views/portfolio.js';
import { portfolioPath, rootOf, siteView } from './views/site.js';
import { summaryView } from './views/summary.js';
import { performanceView } from './views/performance.js';
import { stocktakeView } from './views/stocktake.js';

export interface SiteOptions {
  /** The plan folder: its own templates/ folder overrides the built-in templates. */
  planDir: string;
  /** Every diagnostic code with its description, for the gap report. */
  catalogue: readonly CatalogueEntry[];
  /** Keep remote images in prose (`--allow-remote-images`); by default they become links. */
  remoteImages?: boolean;
  /** Read templates that symbolic links lead to outside the plan folder (`--allow-outside`). */
  allowOutside?: boolean;
}

const FORMATS: OutputFormat[] = ['md', 'html'];

/** The template folders, most important first: the plan's own, so a file of the same name replaces the built-in one. */
function templateDirs(planDir: string): string[] {
  return [planFolder(planDir).templates, builtInTemplatesDir()];
}

/** Reads a template file; the plan's own are read as its sources are: regular files inside the plan, of bounded size, in UTF-8. */
function templateReader(options: SiteOptions): (path: string) => string {
  return (path) => {
    if (!path.startsWith(planFolder(options.planDir).templates + sep)) return readFileSync(path, 'utf8');
    const file = relative(options.planDir, path).split(sep).join('/');
    const source = readSource(options.planDir, file, { allowOutside: options.allowOutside ?? false });
    if ('text' in source) return source.text;
    throw new TemplateError(`The template ${file} cannot be used: ${source.line > 1 ? `line ${source.line}: ` : ''}${source.message.charAt(0).toLowerCase()}${source.message.slice(1)}`);
  };
}

/** The Markdown and HTML renderers of a build, sharing the words both formats say. */
function documentRenderers(options: SiteOptions): Map<OutputFormat, DocumentRenderer> {
  const dirs = templateDirs(options.planDir);
  const read = templateReader(options);
  const words = loadWords(dirs, read);
  const prose = { remoteImages: options.remoteImages ?? false };
  return new Map(FORMATS.map((format) => [format, new DocumentRenderer(format, dirs, { prose, read, words })]));
}

/** The page a diagram node links to, relative to the site root. */
function diagramHref(item: LinkedItem): string | undefined {
  switch (item.kind) {
    case 'collective_aim':
      return 'plan-on-a-page.html#aim';
    case 'priority':
      return `plan-on-a-page.html#priority-${item.id}`;
    case 'portfolio':
      return `${portfolioPath(item.id)}.html`;
    case 'objective':
      return `objectives.html#${item.id}`;
    default:
      return undefined;
  }
}

export async function renderSite(plan: Plan, diagnostics: readonly Diagnostic[], options: SiteOptions): Promise<OutputFiles> {
  const files: OutputFiles = new Map();
  const thread = new Thread(plan);
  const svg = await threadDiagram(thread, { href: diagramHref, title: `The golden thread of ${plan.manifest.plan.title}` });
  const diagram = new Handlebars.SafeString(svg);
  const summary = summaryView(plan);
  const performance = performanceView(plan);
  // The charts are trusted SVG made from escaped text: inline in HTML, files beside the Markdown.
  const performanceHtml = { ...performance, targets: performance.targets.map((t) => ({ ...t, charts: t.charts.map((c) => ({ ...c, svg: new Handlebars.SafeString(c.svg) })) })) };
  // The Markdown gives each chart's text summary and data table; the chart itself is in the HTML.
  const performanceMd = { ...performance, targets: performance.targets.map((t) => ({ ...t, charts: t.charts.map(({ svg: _svg, ...c }) => c) })) };

  const pages: { path: string; template: string; title: string; view: object; html?: object }[] = [
    { path: 'index', template: 'index', title: 'Home', view: { ...indexView(plan), diagram } },
    { path: 'summary', template: 'summary', title: summary.title, view: summary },
    { path: 'plan-on-a-page', template: 'plan-on-a-page', title: 'Plan on a page', view: { ...planOnAPageView(plan), diagram } },
    { path: 'objectives', template: 'objectives', title: 'Objectives', view: objectivesView(thread) },
    { path: 'duties', template: 'duties', title: 'Statutory duties', view: dutiesView(plan) },
    { path: 'performance', template: 'performance', title: 'Performance', view: performanceMd, html: performanceHtml },
    { path: 'stocktake', template: 'stocktake', title: 'Stocktake', view: stocktakeView(plan) },
    { path: 'gaps', template: 'gaps', title: 'Gap report', view: { ...gapsView(plan, diagnostics, options.catalogue), buildFailed: false } },
    { path: 'portfolios', template: 'portfolios-index', title: 'Portfolios', view: portfolioIndexView(plan) },
    ...plan.portfolios.map((p) => ({ path: portfolioPath(p.id), template: 'portfolio', title: p.item.name, view: portfolioView(thread, p, diagnostics) })),
  ];

  for (const [format, renderer] of documentRenderers(options)) {
    for (const page of pages) {
      const context = { ...(format === 'html' ? page.html ?? page.view : page.view), site: siteView(plan, page.path), root: rootOf(page.path), pageTitle: page.title };
      files.set(`${page.path}.${format}`, renderer.render(page.template, context));
    }
  }
  files.set('golden-thread.svg', svg);
  files.set('gaps.json', JSON.stringify(gapsJson(plan, diagnostics, options.catalogue), null, 2) + '\n');
  files.set('plan.json', JSON.stringify(exportPlan(plan), null, 2) + '\n');
  for (const [path, content] of assetFiles(builtInTemplatesDir())) files.set(path, content);
  return files;
}

/** Only the gap report (gaps.md, gaps.html, gaps.json): what a build writes when the plan has errors. */
export function renderGaps(plan: Plan | undefined, diagnostics: readonly Diagnostic[], options: SiteOptions): OutputFiles {
  const files: OutputFiles = new Map();
  const view = { ...gapsView(plan, diagnostics, options.catalogue), buildFailed: true };
  const site = plan
    ? siteView(plan, 'gaps')
    : { planId: '', title: 'Plan', system: '', organisation: undefined, published: '', nav: [] };
  for (const [format, renderer] of documentRenderers(options)) {
    files.set(`gaps.${format}`, renderer.render('gaps', { ...view, site, root: '', pageTitle: 'Gap report' }));
  }
  files.set('gaps.json', JSON.stringify(gapsJson(plan, diagnostics, options.catalogue), null, 2) + '\n');
  return files;
}
