// Shared set-up for the browser tests: a headless Chromium (the Debian package CI installs), pages opened
// from file:// with every request watched, and axe-core injected from node_modules.

import { existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AxeResults, Result as AxeResult } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The root of the repository. */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Where the browser tests expect Chromium; CI installs the Debian package there. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** axe-core's browser build, injected into each page. */
export const AXE_SCRIPT = join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');

/** Test artefacts (screenshots); git-ignored. */
export const ARTEFACTS_DIR = join(repoRoot, 'test-results');

/** The WCAG conformance levels the published documents must meet. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Chromium. Throws (so the tests fail, never skip) when the browser is not installed:
 * a missing browser must not pass CI silently.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH}, and it is not there. ` +
        'Install it (Debian/Ubuntu: `apt-get install chromium`) and run the tests again.',
    );
  }
  if (!existsSync(AXE_SCRIPT)) throw new Error(`axe-core is not installed: ${AXE_SCRIPT} is missing; run npm ci`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** True for a URL the offline site may load: its own files, inline data and the browser's own pages. */
function isLocal(url: string): boolean {
  return /^(file|data|blob|about|chrome|chrome-error):/i.test(url);
}

/**
 * A browser context for a site on disk. Every page's requests are watched: anything that is not file://
 * (or inline data) is recorded in `offsite`, and the context aborts it, so a font or script from a CDN
 * fails the tests instead of hanging them.
 */
export class SiteBrowser {
  /** Every request that tried to leave file://, as `page -> url`. */
  readonly offsite: string[] = [];
  /** Uncaught script errors, console errors and local files that failed to load, as `page: message`. */
  readonly pageErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly siteDir: string,
  ) {}

  static async open(browser: Browser, siteDir: string, viewport = { width: 1280, height: 900 }): Promise<SiteBrowser> {
    const context = await browser.newContext({ viewport, offline: true, javaScriptEnabled: true });
    const site = new SiteBrowser(context, siteDir);
    await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
    return site;
  }

  /** The file:// URL of a file of the site, given its path relative to the site folder ('' for the folder). */
  url(path: string): string {
    return pathToFileURL(join(this.siteDir, path)).href;
  }

  /** The path of a file:// URL relative to the site folder, with '/' separators; null when outside the site. */
  sitePath(url: string): string | null {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:') return null;
    const rel = relative(this.siteDir, fileURLToPath(parsed));
    if (rel === '..' || rel.startsWith(`..${sep}`)) return null;
    return rel.split(sep).join('/');
  }

  /** True when the site path names an existing file. */
  exists(path: string): boolean {
    const file = join(this.siteDir, path);
    return existsSync(file) && statSync(file).isFile();
  }

  /** Opens a page of the site (path relative to the site folder) and waits until it has loaded. */
  async page(path: string, options: { media?: 'screen' | 'print' } = {}): Promise<Page> {
    const page = await this.context.newPage();
    page.on('request', (request) => {
      if (!isLocal(request.url())) this.offsite.push(`${path} -> ${request.url()}`);
    });
    page.on('pageerror', (error) => this.pageErrors.push(`${path}: ${error.message}`));
    page.on('requestfailed', (request) => {
      if (isLocal(request.url())) this.pageErrors.push(`${path}: could not load ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') this.pageErrors.push(`${path}: console error: ${message.text()}`);
    });
    if (options.media) await page.emulateMedia({ media: options.media });
    const response = await page.goto(this.url(path), { waitUntil: 'load' });
    if (response && !response.ok() && response.status() !== 0) throw new Error(`${path} answered ${response.status()}`);
    return page;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** One axe finding, flattened for a readable assertion message. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending elements, with a shortened snippet of each. */
  nodes: string[];
}

function flatten(result: AxeResult): AxeFinding {
  return {
    rule: result.id,
    impact: result.impact ?? 'unknown',
    help: result.help,
    helpUrl: result.helpUrl,
    nodes: result.nodes.map((node) => {
      const html = node.html.replace(/\s+/g, ' ');
      return `${node.target.join(' ')}  ${html.length > 160 ? `${html.slice(0, 157)}...` : html}`;
    }),
  };
}

/** Runs axe-core on the page with the WCAG 2.2 AA tags; returns its violations split by impact. */
export async function runAxe(page: Page): Promise<{ blocking: AxeFinding[]; advisory: AxeFinding[] }> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe;
    // No preload: axe would fetch the stylesheets again to read their CSSOM, which Chromium refuses from
    // file:// (ERR_FAILED). Only css-orientation-lock needs it, and the site's CSS has no orientation query.
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false })) as unknown;
  }, [...AXE_TAGS]);
  const violations = (results as AxeResults).violations.map(flatten);
  return {
    blocking: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    advisory: violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical'),
  };
}

/** A readable listing of axe findings for an assertion message or the test log. */
export function formatAxe(page: string, findings: readonly AxeFinding[]): string {
  return findings
    .map((f) => `${page}: [${f.impact}] ${f.rule}: ${f.help} (${f.helpUrl})\n${f.nodes.map((n) => `    ${n}`).join('\n')}`)
    .join('\n');
}
