// The public pages on a desktop (1280 px) and a phone (390 px), and on paper: nothing overflows its
// page or its table's box, no element is wider than the screen, the golden thread fits the width and
// starts at once, axe finds nothing, and the print style prints no link addresses and no grey block.
// Screenshots of the summary, the plan on a page and a portfolio page at both widths go to test-results/;
// so do the team's performance document and stocktake, which are checked the same way, with a page of
// charts of a synthetic year of actuals (bench/generate-year.ts) beside the embedded plan's.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS_DIR, formatAxe, launchChromium, runAxe, SiteBrowser } from '../helpers/browser.js';
import { syntheticYearPlan } from '../../bench/generate-year.js';
import { fixture, makeTempDir, repoRoot, runPlan, writePlan } from '../helpers/cli.js';

const WIDTHS = [1280, 390] as const;
const PAGES = ['index.html', 'summary.html', 'plan-on-a-page.html', 'objectives.html', 'duties.html', 'portfolios.html', 'portfolios/uec.html'];
/** A differently shaped plan, whose pages are checked too: boards, local objectives, no duties. */
const PLACE_PAGES = ['summary.html', 'plan-on-a-page.html', 'portfolios/ageing-board.html'];

let browser: Browser | undefined;
const sites: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, dir] of [['embedded', join(repoRoot, 'plans', 'staffordshire-stoke-2023-24')], ['place', fixture('place-boards')]] as const) {
    const out = join(makeTempDir(`plan-layout-${name}-`), 'site');
    const result = await runPlan(['build', dir, '--for', 'public', '--out', out], { timeoutMs: 110_000 });
    expect(result.code, result.stderr).toBe(0);
    sites[name] = out;
  }
  // The performance document and the stocktake are on the team's site only. The embedded plan has one
  // chart of one point, so a synthetic year of actuals shows charts as a planning team's year has them.
  for (const [name, dir] of [['team', join(repoRoot, 'plans', 'staffordshire-stoke-2023-24')], ['year', writePlan(syntheticYearPlan({ targets: 12, portfolios: 2, actuals: true }))]] as const) {
    const out = join(makeTempDir(`plan-layout-${name}-`), 'site');
    const built = await runPlan(['build', dir, '--out', out], { timeoutMs: 110_000 });
    expect(built.code, built.stderr).toBe(0);
    sites[name] = out;
  }
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

async function open(site: string, path: string, width: number, media: 'screen' | 'print' = 'screen'): Promise<{ page: Page; close: () => Promise<void> }> {
  const s = await SiteBrowser.open(browser!, sites[site]!, { width, height: 900 });
  const page = await s.page(path, { media });
  return {
    page,
    close: async () => {
      expect(s.offsite, 'requests that left file://').toEqual([]);
      expect(s.pageErrors, 'files that failed to load').toEqual([]);
      await s.close();
    },
  };
}

/** Everything that is wider than it may be: the page, a table's box, or an element past the screen's edge. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`the page is ${doc.scrollWidth} px wide in a ${doc.clientWidth} px window`);
    const name = (e: Element): string => `<${e.localName}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}>`;
    for (const box of document.querySelectorAll('.plan-table-scroll, table')) {
      if (box.scrollWidth > box.clientWidth + 1) problems.push(`${name(box)} holds ${box.scrollWidth} px in ${box.clientWidth} px`);
    }
    const width = window.innerWidth;
    for (const element of document.querySelectorAll('body *')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || getComputedStyle(element).visibility === 'hidden') continue;
      if (element.closest('.nhsuk-u-visually-hidden, .nhsuk-skip-link')) continue;
      if (rect.right > width + 1 || rect.left < -1) problems.push(`${name(element)} runs from ${Math.round(rect.left)} to ${Math.round(rect.right)} px in a ${width} px window`);
    }
    return problems;
  });
}

describe.each(WIDTHS)('the public site at %i px', (width) => {
  it.each(PAGES)('fits %s to the width: no page, table or element overflows', async (path) => {
    const { page, close } = await open('embedded', path, width);
    expect(await overflows(page)).toEqual([]);
    await page.close();
    await close();
  });

  it.each(PLACE_PAGES)('fits the place plan\'s %s to the width too', async (path) => {
    const { page, close } = await open('place', path, width);
    expect(await overflows(page)).toEqual([]);
    await page.close();
    await close();
  });

  it('shows the golden thread at once, within the width: the priorities, the trees and the table', async () => {
    const { page, close } = await open('embedded', 'plan-on-a-page.html', width);
    const thread = await page.evaluate(() => {
      const rect = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
      const heading = rect('#objectives h2');
      const firstTree = rect('.plan-tree');
      return {
        parts: ['.plan-priorities', '.plan-trees', '.plan-matrix'].map((selector) => ({ selector, right: rect(selector)?.right ?? Infinity })),
        gap: (firstTree?.top ?? Infinity) - (heading?.bottom ?? 0),
        trees: document.querySelectorAll('.plan-tree').length,
        window: window.innerWidth,
      };
    });
    await page.close();
    await close();
    for (const part of thread.parts) expect(part.right, `${part.selector} runs past the window`).toBeLessThanOrEqual(thread.window);
    expect(thread.trees).toBeGreaterThan(5);
    // The first portfolio's tree follows its heading and introduction, not a tall empty box.
    expect(thread.gap).toBeLessThan(400);
  });

  it('has no axe-core violation on the summary, the plan on a page and a portfolio page', { timeout: 120_000 }, async () => {
    const found: string[] = [];
    for (const path of ['summary.html', 'plan-on-a-page.html', 'portfolios/uec.html', 'duties.html']) {
      const { page, close } = await open('embedded', path, width);
      const result = await runAxe(page);
      const all = [...result.blocking, ...result.advisory];
      if (all.length > 0) found.push(formatAxe(`${path} at ${width} px`, all));
      await page.close();
      await close();
    }
    expect(found).toEqual([]);
  });

  it.each(['summary', 'plan-on-a-page', 'portfolios/uec'])('saves a screenshot of %s to test-results/', async (name) => {
    mkdirSync(ARTEFACTS_DIR, { recursive: true });
    const { page, close } = await open('embedded', `${name}.html`, width);
    const image = await page.screenshot({ path: join(ARTEFACTS_DIR, `${name.replace('/', '-')}-${width}.png`), fullPage: true });
    await page.close();
    await close();
    expect(image.length).toBeGreaterThan(10_000);
  });
});

/** The team's working documents: of the embedded plan, and the pages of charts of a synthetic year. */
const TEAM_DOCUMENTS = [['team', 'performance.html'], ['team', 'performance/uec.html'], ['team', 'stocktake.html'], ['year', 'performance.html'], ['year', 'performance/uec.html']] as const;

describe.each(WIDTHS)('the team\'s working documents at %i px', (width) => {
  it.each(TEAM_DOCUMENTS)('fits %s\'s %s to the width: no page, table or element overflows', async (site, path) => {
    const { page, close } = await open(site, path, width);
    expect(await overflows(page)).toEqual([]);
    // A chart's data table, opened, fits too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    expect(await overflows(page)).toEqual([]);
    await page.close();
    await close();
  });

  it.each(TEAM_DOCUMENTS)('has no axe-core violation on %s\'s %s, charts and all', { timeout: 120_000 }, async (site, path) => {
    const { page, close } = await open(site, path, width);
    const result = await runAxe(page);
    await page.close();
    await close();
    expect([...result.blocking, ...result.advisory].map((v) => formatAxe(`${path} at ${width} px`, [v]))).toEqual([]);
  });

  it.each([['team', 'performance'], ['team', 'stocktake'], ['year', 'performance'], ['year', 'performance/uec']] as const)('saves a screenshot of %s\'s %s to test-results/', async (site, name) => {
    mkdirSync(ARTEFACTS_DIR, { recursive: true });
    const { page, close } = await open(site, `${name}.html`, width);
    const image = await page.screenshot({ path: join(ARTEFACTS_DIR, `${site}-${name.replace('/', '-')}-${width}.png`), fullPage: true });
    await page.close();
    await close();
    expect(image.length).toBeGreaterThan(10_000);
  });
});

describe('the public site on paper', () => {
  it.each(['summary.html', 'plan-on-a-page.html'])('prints %s with no link address after a link, rows kept whole and no grey block', async (path) => {
    const { page, close } = await open('embedded', path, 794, 'print');
    const printed = await page.evaluate(() => {
      const addresses = [...document.querySelectorAll('a[href]')]
        .filter((a) => !/^https?:/.test(a.getAttribute('href') ?? ''))
        .map((a) => getComputedStyle(a, '::after').content)
        .filter((content) => content !== 'none' && content !== 'normal' && content !== '""');
      const rows = [...document.querySelectorAll('tr')].filter((tr) => getComputedStyle(tr).breakInside !== 'avoid').length;
      const headings = [...document.querySelectorAll('main h2, main h3')].filter((h) => getComputedStyle(h).breakAfter !== 'avoid').length;
      const grey = [document.body, document.documentElement, document.querySelector('.nhsuk-footer')]
        .filter((e): e is Element => e !== null)
        .map((e) => getComputedStyle(e).backgroundColor)
        .filter((colour) => colour !== 'rgb(255, 255, 255)' && colour !== 'rgba(0, 0, 0, 0)');
      return { addresses, rows, headings, grey };
    });
    await page.close();
    await close();
    expect(printed.addresses).toEqual([]);
    expect(printed.rows, 'table rows that may break across pages').toBe(0);
    expect(printed.headings, 'headings that may be left at the foot of a page').toBe(0);
    expect(printed.grey, 'grey backgrounds in print').toEqual([]);
  });
});
