// The built site in a real browser: the embedded plan is built once with the built CLI, opened from
// file:// in headless Chromium (offline: nothing may leave file://), crawled from the front page, and
// checked for layout landmarks, broken links, the summary's tables, the golden-thread diagram, WCAG 2.2 AA
// (axe-core) and print styles. Screenshots go to test-results/ for a person to look at.

import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlanExport } from '../../src/render/plan-export.js';
import { ARTEFACTS_DIR, formatAxe, launchChromium, runAxe, SiteBrowser } from '../helpers/browser.js';
import { makeTempDir, repoRoot, runPlan } from '../helpers/cli.js';

const PLAN_DIR = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');

/** The documents every site has, besides the portfolio pages (whose index the front page links to). */
const DOCUMENTS = ['index.html', 'summary.html', 'plan-on-a-page.html', 'objectives.html', 'duties.html', 'performance.html', 'stocktake.html', 'gaps.html'];

let outDir = '';
let browser: Browser | undefined;
let site: SiteBrowser | undefined;
let plan: PlanExport;

beforeAll(async () => {
  outDir = join(makeTempDir('plan-browser-'), 'site');
  const result = await runPlan(['build', PLAN_DIR, '--out', outDir], { timeoutMs: 110_000 });
  expect(result.code, `plan build failed:\n${result.stderr}\n${result.stdout}`).toBe(0);
  plan = JSON.parse(readFileSync(join(outDir, 'plan.json'), 'utf8')) as PlanExport;
  browser = await launchChromium();
  site = await SiteBrowser.open(browser, outDir);
});

// Whatever a test opens, nothing may leave file:// and every local file must load.
let seen = { offsite: 0, errors: 0 };
beforeEach(() => {
  seen = { offsite: site?.offsite.length ?? 0, errors: site?.pageErrors.length ?? 0 };
});
afterEach(() => {
  if (!site) return;
  expect(site.offsite.slice(seen.offsite), 'requests that left file://').toEqual([]);
  expect(site.pageErrors.slice(seen.errors), 'script errors or local files that failed to load').toEqual([]);
});

afterAll(async () => {
  await site?.close();
  await browser?.close();
  // The temporary folders go in tests/helpers/cli.ts's own afterAll, which runs after this one.
});

function browserSite(): SiteBrowser {
  if (!site) throw new Error('the browser did not start: see the error in beforeAll');
  return site;
}

/** A reference from a page to another file: a link, stylesheet, icon, image or script. */
interface Reference {
  /** The element that makes it: a, link, img, ... */
  tag: string;
  /** The attribute as written. */
  raw: string;
  /** The absolute URL it resolves to. */
  url: string;
}

/** What one page of the site is made of, read in the browser. */
interface PageFacts {
  path: string;
  lang: string;
  title: string;
  h1: string[];
  h1InMain: number;
  mains: string[];
  banners: number;
  mainLandmarks: number;
  contentinfos: number;
  /** The element focused by the first Tab after load. */
  firstFocus: { tag: string; href: string | null; text: string; className: string; visible: boolean } | null;
  ids: string[];
  references: Reference[];
}

async function readFacts(page: Page, path: string): Promise<PageFacts> {
  const facts = await page.evaluate(() => {
    const scoped = 'article, aside, main, nav, section, [role="article"], [role="complementary"], [role="main"], [role="navigation"], [role="region"]';
    const landmark = (tag: string, role: string) =>
      [...document.querySelectorAll(`${tag}, [role="${role}"]`)].filter(
        (e) => e.getAttribute('role') === role || (e.localName === tag && !e.parentElement?.closest(scoped)),
      ).length;
    const references: { tag: string; raw: string; url: string }[] = [];
    for (const element of document.querySelectorAll('[href], [src], [*|href]')) {
      const raw = element.getAttribute('href') ?? element.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? element.getAttribute('src');
      if (raw === null) continue;
      references.push({ tag: element.localName, raw, url: new URL(raw, document.baseURI).href });
    }
    return {
      lang: document.documentElement.getAttribute('lang') ?? '',
      title: document.title.trim(),
      h1: [...document.querySelectorAll('h1')].map((h) => (h.textContent ?? '').trim()),
      h1InMain: document.querySelectorAll('main h1').length,
      mains: [...document.querySelectorAll('main')].map((m) => m.id),
      banners: landmark('header', 'banner'),
      mainLandmarks: document.querySelectorAll('main, [role="main"]').length,
      contentinfos: landmark('footer', 'contentinfo'),
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      references,
    };
  });
  await page.keyboard.press('Tab');
  const firstFocus = await page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return null;
    const box = active.getBoundingClientRect();
    return {
      tag: active.localName,
      href: active.getAttribute('href'),
      text: (active.textContent ?? '').trim(),
      className: active.getAttribute('class') ?? '',
      visible: box.width > 1 && box.height > 1,
    };
  });
  return { path, ...facts, firstFocus };
}

let crawl: Promise<Map<string, PageFacts>> | undefined;

/**
 * Follows every same-site reference from the front page, breadth first, and reads each HTML page once.
 * Memoised: the tests below share one crawl.
 */
function crawled(): Promise<Map<string, PageFacts>> {
  crawl ??= (async () => {
    const s = browserSite();
    const pages = new Map<string, PageFacts>();
    const queue = ['index.html'];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (pages.has(path)) continue;
      const page = await s.page(path);
      try {
        const facts = await readFacts(page, path);
        pages.set(path, facts);
        for (const ref of facts.references) {
          const target = s.sitePath(ref.url);
          if (target !== null && target.endsWith('.html') && s.exists(target) && !pages.has(target) && !queue.includes(target)) queue.push(target);
        }
      } finally {
        await page.close();
      }
    }
    return pages;
  })();
  return crawl;
}

/** Every .html file the build wrote, relative to the site folder with '/' separators. */
function builtHtmlFiles(): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.html'))
    .sort();
}

function byNumber(a: { id: string; number: number | null }, b: { id: string; number: number | null }): number {
  const an = a.number ?? Number.POSITIVE_INFINITY;
  const bn = b.number ?? Number.POSITIVE_INFINITY;
  return an !== bn ? an - bn : a.id.localeCompare(b.id);
}

describe('the built site in a browser, from file://', () => {
  it('reaches every document from the front page, including each portfolio page', async () => {
    const pages = await crawled();
    const reached = [...pages.keys()].sort();
    for (const doc of DOCUMENTS) expect(reached, `${doc} is not linked from the front page`).toContain(doc);
    for (const portfolio of plan.portfolios) {
      expect(reached, `the page of portfolio ${portfolio.id} is not reachable`).toContain(`portfolios/${portfolio.id}.html`);
    }
    // Nothing the build wrote is an orphan.
    expect(reached).toEqual(builtHtmlFiles());

    // The front page's "Portfolios" document is the index of every portfolio page.
    const s = browserSite();
    const front = await s.page('index.html');
    const href = await front.getByRole('main').getByRole('link', { name: 'Portfolios', exact: true }).first().getAttribute('href');
    await front.close();
    expect(href, 'the front page has no link to the portfolios index').not.toBeNull();
    const indexPath = s.sitePath(new URL(href!, s.url('index.html')).href);
    const index = indexPath === null ? undefined : pages.get(indexPath);
    expect(index, `the portfolios index ${href} was not crawled`).toBeDefined();
    const linked = new Set(index!.references.map((r) => s.sitePath(r.url)));
    for (const portfolio of plan.portfolios) {
      expect(linked.has(`portfolios/${portfolio.id}.html`), `${indexPath} does not link to ${portfolio.id}`).toBe(true);
    }
  }, 240_000); // the first test crawls every page of the team's and the public site, for all the tests below

  it('gives every page one h1, <main id="maincontent">, header/main/footer landmarks, a language and a title', async () => {
    const problems: string[] = [];
    for (const facts of (await crawled()).values()) {
      const p = facts.path;
      if (facts.h1.length !== 1) problems.push(`${p}: ${facts.h1.length} <h1> elements (${JSON.stringify(facts.h1)})`);
      else if (facts.h1[0] === '') problems.push(`${p}: the <h1> is empty`);
      if (facts.h1InMain !== facts.h1.length) problems.push(`${p}: the <h1> is outside <main>`);
      if (facts.mains.length !== 1 || facts.mains[0] !== 'maincontent') problems.push(`${p}: <main> elements with ids ${JSON.stringify(facts.mains)}, want one with id "maincontent"`);
      if (facts.banners !== 1) problems.push(`${p}: ${facts.banners} banner (header) landmarks, want 1`);
      if (facts.mainLandmarks !== 1) problems.push(`${p}: ${facts.mainLandmarks} main landmarks, want 1`);
      if (facts.contentinfos !== 1) problems.push(`${p}: ${facts.contentinfos} contentinfo (footer) landmarks, want 1`);
      if (!/^en(-[A-Z]{2})?$/.test(facts.lang)) problems.push(`${p}: <html lang="${facts.lang}">, want an English language tag`);
      if (facts.title === '') problems.push(`${p}: empty <title>`);
      const duplicates = facts.ids.filter((id, i) => facts.ids.indexOf(id) !== i);
      if (duplicates.length > 0) problems.push(`${p}: duplicate ids ${JSON.stringify([...new Set(duplicates)])}`);
    }
    expect(problems).toEqual([]);
  });

  it('makes the skip link the first thing Tab reaches on every page, and shows it when focused', async () => {
    const problems: string[] = [];
    for (const facts of (await crawled()).values()) {
      const focus = facts.firstFocus;
      if (!focus) problems.push(`${facts.path}: Tab focused nothing`);
      else if (focus.tag !== 'a' || focus.href !== '#maincontent' || !/\bnhsuk-skip-link\b/.test(focus.className)) {
        problems.push(`${facts.path}: Tab focused <${focus.tag} class="${focus.className}" href="${focus.href}">${focus.text}, not the skip link`);
      } else if (!/skip to main content/i.test(focus.text)) problems.push(`${facts.path}: the skip link reads "${focus.text}"`);
      else if (!focus.visible) problems.push(`${facts.path}: the focused skip link is not visible`);
    }
    expect(problems).toEqual([]);
  });

  it('has no broken internal links: every same-site reference is a file and every #fragment an id on its page', async () => {
    const s = browserSite();
    const pages = await crawled();
    const problems: string[] = [];
    let checked = 0;
    for (const facts of pages.values()) {
      for (const ref of facts.references) {
        const url = new URL(ref.url);
        if (url.protocol !== 'file:') continue; // links to other sites are not loaded, and are not this test's business
        checked++;
        const where = `${facts.path}: <${ref.tag}> "${ref.raw}"`;
        const target = s.sitePath(url.href);
        if (target === null) {
          problems.push(`${where} points outside the site`);
          continue;
        }
        if (!s.exists(target)) {
          problems.push(`${where}: ${target} does not exist`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment === '') continue;
        const targetPage = pages.get(target);
        if (!targetPage) problems.push(`${where}: #${fragment} on ${target}, which is not an HTML page`);
        else if (!targetPage.ids.includes(fragment)) problems.push(`${where}: ${target} has no id "${fragment}"`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('loads nothing from outside file:// (no CDN, no web fonts) and every local file it asks for', async () => {
    const s = browserSite();
    await crawled();
    expect(s.offsite, 'requests that left file://').toEqual([]);
    expect(s.pageErrors, 'script errors or files that failed to load').toEqual([]);
  });
});

describe('summary.html', () => {
  it('has one portfolio-table row per portfolio, with its name, national objective numbers and priority numbers', async () => {
    const page = await browserSite().page('summary.html');
    const table = await page.evaluate(() => {
      const t = document.querySelector('table.plan-portfolio-table');
      if (!t) return null;
      const text = (e: Element | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        headers: [...t.querySelectorAll('thead th')].map((th) => text(th)),
        rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({
          id: tr.getAttribute('data-portfolio'),
          cells: [...tr.children].map((c) => text(c)),
          link: tr.querySelector('a')?.getAttribute('href') ?? null,
        })),
      };
    });
    await page.close();
    expect(table, 'summary.html has no table.plan-portfolio-table').not.toBeNull();
    const column = (name: RegExp) => {
      const index = table!.headers.findIndex((h) => name.test(h));
      expect(index, `no column ${name} in ${JSON.stringify(table!.headers)}`).toBeGreaterThanOrEqual(0);
      return index;
    };
    const nameColumn = column(/^portfolio$/i);
    const objectivesColumn = column(/national objectives/i);
    const prioritiesColumn = column(/priorities/i);

    const objectives = new Map(plan.objectives.map((o) => [o.id, o]));
    const priorities = new Map(plan.priorities.map((p) => [p.id, p]));
    const numbers = (items: { id: string; number: number | null }[]) => {
      const list = [...items].sort(byNumber).map((i) => (i.number !== null ? String(i.number) : i.id)).join(', ');
      return list === '' ? 'None' : list;
    };
    const expected = plan.portfolios
      .filter((p) => p.kind === 'portfolio')
      .map((p) => ({
        id: p.id,
        name: p.name,
        objectives: numbers(p.objectives.map((id) => objectives.get(id)!).filter((o) => o.source === 'national')),
        priorities: numbers(p.priorities.map((id) => priorities.get(id)!)),
        link: `portfolios/${p.id}.html`,
      }));
    expect(expected.length).toBeGreaterThan(0);
    const actual = table!.rows.map((row) => ({
      id: row.id,
      name: row.cells[nameColumn],
      objectives: row.cells[objectivesColumn],
      priorities: row.cells[prioritiesColumn],
      link: row.link,
    }));
    expect(actual).toEqual(expected);
  });

  it('lists every national objective in Appendix one, one row each, in number order', async () => {
    const page = await browserSite().page('summary.html');
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('#appendix-one ~ table tbody tr, section[aria-labelledby="appendix-one"] table tbody tr')].map((tr) => ({
        id: tr.getAttribute('data-objective'),
        number: (tr.querySelector('th')?.textContent ?? '').trim(),
        title: (tr.querySelector('td')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        links: [...tr.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      })),
    );
    const dataRows = await page.evaluate(() => document.querySelectorAll('tr[data-objective]').length);
    await page.close();
    const national = plan.objectives.filter((o) => o.source === 'national').sort(byNumber);
    expect(national.length).toBeGreaterThan(0);
    // One set of rows, whichever way the appendix is marked up.
    const unique = rows.filter((row, i) => rows.findIndex((r) => r.id === row.id) === i);
    expect(dataRows).toBe(national.length);
    expect(unique).toEqual(
      national.map((o) => ({
        id: o.id,
        number: String(o.number ?? ''),
        title: o.title.replace(/\s+/g, ' ').trim(),
        links: o.portfolio ? [`objectives.html#${o.id}`, `portfolios/${o.portfolio}.html`] : [`objectives.html#${o.id}`],
      })),
    );
  });
});

describe('golden-thread.svg, opened on its own', () => {
  it('is an SVG named by its <title>, with one linked node per aim, priority, portfolio and objective', async () => {
    const s = browserSite();
    const pages = await crawled();
    const page = await s.page('golden-thread.svg');
    const diagram = await page.evaluate(() => {
      const svg = document.documentElement;
      const title = svg.querySelector(':scope > title');
      const labelledBy = (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      return {
        role: svg.getAttribute('role'),
        title: (title?.textContent ?? '').trim(),
        titleId: title?.id ?? '',
        labelledBy: labelledBy.map((id) => ({ id, exists: document.getElementById(id) !== null })),
        nodes: [...svg.querySelectorAll('[data-id]')].map((node) => {
          const link = node.querySelector('a');
          const href = link ? (link.getAttribute('href') ?? link.getAttributeNS('http://www.w3.org/1999/xlink', 'href')) : null;
          return { id: node.getAttribute('data-id') ?? '', href, url: href === null ? null : new URL(href, document.baseURI).href };
        }),
      };
    });
    await page.close();
    // role="img" would make the node links presentational (axe: nested-interactive), so a diagram with
    // links is a group, named by its <title>.
    expect(diagram.role).toBe('group');
    expect(diagram.title).not.toBe('');
    expect(diagram.labelledBy.map((l) => l.id), 'the name does not include the <title>').toContain(diagram.titleId);
    expect(diagram.labelledBy.filter((l) => !l.exists), 'aria-labelledby names missing ids').toEqual([]);

    const expected = [
      ...(plan.collective_aim ? [plan.collective_aim.id] : []),
      ...plan.priorities.map((p) => p.id),
      ...plan.portfolios.map((p) => p.id),
      ...plan.objectives.map((o) => o.id),
    ].sort();
    expect(diagram.nodes.map((n) => n.id).sort()).toEqual(expected);

    const problems: string[] = [];
    for (const node of diagram.nodes) {
      if (node.url === null) {
        problems.push(`node ${node.id} is not a link`);
        continue;
      }
      const target = s.sitePath(node.url);
      if (target === null || !s.exists(target)) {
        problems.push(`node ${node.id} links to ${node.href}, which does not exist`);
        continue;
      }
      const fragment = decodeURIComponent(new URL(node.url).hash.slice(1));
      if (fragment !== '' && !pages.get(target)?.ids.includes(fragment)) problems.push(`node ${node.id} links to ${node.href}: no such id on ${target}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('plan-on-a-page.html', () => {
  it('links every objective once, in the tree of the portfolio that owns it, and names every portfolio in the matrix', async () => {
    const page = await browserSite().page('plan-on-a-page.html');
    const found = await page.evaluate(() => ({
      trees: [...document.querySelectorAll('.plan-tree')].map((tree) => ({
        portfolio: tree.querySelector('.plan-tree__name')?.textContent?.trim() ?? '',
        objectives: [...tree.querySelectorAll('.plan-tree__objective a')].map((a) => (a.getAttribute('href') ?? '').split('#')[1]),
      })),
      matrix: [...document.querySelectorAll('table.plan-matrix tbody th[scope="row"]')].map((th) => (th.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' | '),
    }));
    await page.close();
    const owned = plan.portfolios.filter((p) => p.objectives.length > 0);
    expect(found.trees.filter((t) => t.objectives.length > 0)).toEqual(owned.map((p) => ({ portfolio: p.name, objectives: [...p.objectives].sort((a, b) => byNumber(plan.objectives.find((o) => o.id === a)!, plan.objectives.find((o) => o.id === b)!)) })));
    for (const portfolio of plan.portfolios) expect(found.matrix).toContain(portfolio.name);
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe-core violations (WCAG 2.2 AA) on any page', { timeout: 300_000 }, async () => {
    const s = browserSite();
    const paths = [...(await crawled()).keys()].sort();
    const blocking: string[] = [];
    const advisory: string[] = [];
    for (const path of paths) {
      const page = await s.page(path);
      try {
        const result = await runAxe(page);
        if (result.blocking.length > 0) blocking.push(formatAxe(path, result.blocking));
        if (result.advisory.length > 0) advisory.push(formatAxe(path, result.advisory));
      } finally {
        await page.close();
      }
    }
    const note = advisory.length > 0 ? `Moderate and minor findings (not failing the test):\n${advisory.join('\n')}` : 'No moderate or minor findings.';
    if (advisory.length > 0) console.log(note);
    expect(blocking, `Serious or critical axe-core violations on ${paths.length} pages.\n${note}`).toEqual([]);
  });
});

describe('the performance document', () => {
  it('names each chart by its title and description, beside a text summary and a data table, and axe finds nothing serious on its page', async () => {
    const page = await browserSite().page('performance/uec.html');
    try {
      const charts = await page.$$eval('.plan-chart-block', (blocks) => blocks.map((block) => {
        const svg = block.querySelector('figure svg');
        const ids = (svg?.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
        return {
          role: svg?.getAttribute('role'),
          named: ids.map((id) => block.querySelector(`#${id}`)?.textContent ?? ''),
          summary: block.querySelector('figure figcaption')?.textContent ?? '',
          table: block.querySelector('details.plan-chart-data summary')?.textContent?.trim() ?? '',
          tableRows: block.querySelectorAll('details table tbody tr').length,
        };
      }));
      expect(charts.length).toBeGreaterThan(0);
      for (const chart of charts) {
        expect(chart.role).toBe('img');
        expect(chart.named).toHaveLength(2);
        expect(chart.named.every((text) => text.length > 0)).toBe(true);
        expect(chart.summary).toMatch(/planned value/);
        expect(chart.table).toMatch(/planned and measured values by period/);
        expect(chart.tableRows).toBeGreaterThan(0);
      }
      expect((await runAxe(page)).blocking).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('opens a chart\'s data table from its summary, and prints every table open', async () => {
    const page = await browserSite().page('performance/uec.html');
    try {
      const table = page.locator('details.plan-chart-data table').first();
      expect(await table.isVisible()).toBe(false);
      await page.locator('details.plan-chart-data summary').first().click();
      expect(await table.isVisible()).toBe(true);
      await page.reload();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('details.plan-chart-data table').first().isVisible()).toBe(true);
      expect(await page.locator('details.plan-chart-data summary').first().isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });
});

describe('screenshots and print', () => {
  it.each(['summary', 'index'])('saves a full-page screenshot of %s.html to test-results/', async (name) => {
    mkdirSync(ARTEFACTS_DIR, { recursive: true });
    const page = await browserSite().page(`${name}.html`);
    const file = join(ARTEFACTS_DIR, `${name}.png`);
    const image = await page.screenshot({ path: file, fullPage: true });
    await page.close();
    expect(image.length).toBeGreaterThan(10_000);
  });

  it('prints summary.html without the header navigation or skip link, and with the main content', async () => {
    const measure = async (media: 'screen' | 'print') => {
      const page = await browserSite().page('summary.html', { media });
      const result = await page.evaluate(() => {
        const hidden = (e: Element) => {
          for (let at: Element | null = e; at; at = at.parentElement) if (getComputedStyle(at).display === 'none') return true;
          return false;
        };
        const skip = document.querySelector('a.nhsuk-skip-link, a[href="#maincontent"]');
        const navs = [...document.querySelectorAll('header nav')];
        const main = document.querySelector('main');
        const h1 = main?.querySelector('h1');
        const box = main?.getBoundingClientRect();
        return {
          skipLink: skip ? (hidden(skip) ? 'hidden' : 'shown') : 'missing',
          navigation: navs.length === 0 ? 'missing' : navs.every((n) => getComputedStyle(n).display === 'none') ? 'hidden' : 'shown',
          main: main && !hidden(main) && getComputedStyle(main).visibility === 'visible' && box!.height > 100 ? 'shown' : 'hidden',
          heading: h1 && !hidden(h1) && h1.getBoundingClientRect().height > 0 ? 'shown' : 'hidden',
          portfolioTable: (() => {
            const t = document.querySelector('table.plan-portfolio-table');
            return t && !hidden(t) ? 'shown' : 'hidden';
          })(),
        };
      });
      await page.close();
      return result;
    };
    // On screen the navigation is there, so hiding it in print is the print style's doing.
    expect(await measure('screen')).toMatchObject({ navigation: 'shown', main: 'shown' });
    expect(await measure('print')).toEqual({ skipLink: 'hidden', navigation: 'hidden', main: 'shown', heading: 'shown', portfolioTable: 'shown' });
  });
});
