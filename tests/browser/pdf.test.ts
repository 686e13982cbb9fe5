// `plan build --pdf`: each public document printed to PDF through Chromium, read back with poppler-utils
// as a reader of a board paper would meet it: A4 pages, no link addresses printed after the links, no
// table row split across two pages, and the pages as PNGs in test-results/pdf/ for a person to look at.
// Without Chromium it says how to install it and writes nothing.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanExport } from '../../src/render/plan-export.js';
import { ARTEFACTS_DIR } from '../helpers/browser.js';
import { makeTempDir, repoRoot, runPlan } from '../helpers/cli.js';
import { filesUnder } from '../helpers/site-text.js';

const PLAN_DIR = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');
const out = join(makeTempDir('plan-pdf-'), 'site');
let plan: PlanExport;

/** A poppler-utils program's output; fails the test, saying how to install it, when it is missing. */
function poppler(program: string, args: string[]): string {
  const result = spawnSync(program, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${program} is missing: install poppler-utils (apt-get install poppler-utils). ${result.error.message}`);
  expect(result.status, `${program} ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

const pagesOf = (pdf: string): number => Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [pdf]))?.[1]);
/** The text of each page of a PDF in reading order, which keeps a table cell's text together. */
const textByPage = (pdf: string): string[] => Array.from({ length: pagesOf(pdf) }, (_, i) => poppler('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-']));
/** Letters and digits only: a line broken at a hyphen or a space reads the same. */
const letters = (text: string): string => text.replace(/[^A-Za-z0-9]/g, '');

beforeAll(async () => {
  const result = await runPlan(['build', PLAN_DIR, '--for', 'public', '--pdf', '--out', out], { timeoutMs: 170_000 });
  expect(result.code, `plan build --pdf failed:\n${result.stderr}`).toBe(0);
  const team = join(makeTempDir('plan-pdf-team-'), 'site');
  expect((await runPlan(['build', PLAN_DIR, '--out', team])).code).toBe(0);
  plan = JSON.parse(readFileSync(join(team, 'plan.json'), 'utf8')) as PlanExport;
}, 200_000);

describe('plan build --pdf', () => {
  it('prints every public document and portfolio page into pdf/, and links each page to its PDF', () => {
    const pdfs = filesUnder(join(out, 'pdf'));
    const pages = filesUnder(out).filter((f) => f.endsWith('.html') && f !== 'index.html' && f !== 'portfolios.html');
    expect(pdfs).toEqual(pages.map((p) => p.replace(/\.html$/, '.pdf')).sort());
    expect(pdfs).toContain('summary.pdf');
    expect(readFileSync(join(out, 'summary.html'), 'utf8')).toContain('<a href="pdf/summary.pdf">');
    expect(readFileSync(join(out, 'portfolios', 'uec.html'), 'utf8')).toContain('<a href="../pdf/portfolios/uec.pdf">');
  });

  it('prints the summary on A4 pages, numbered, a document of a board paper\'s length', () => {
    const pdf = join(out, 'pdf', 'summary.pdf');
    const info = poppler('pdfinfo', [pdf]);
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    const pages = pagesOf(pdf);
    expect(pages).toBeGreaterThan(3);
    expect(pages).toBeLessThan(20);
    const text = textByPage(pdf);
    expect(text[0]).toContain('Operational Plan 2023/24 Summary');
    text.forEach((page, i) => expect(page.replace(/\s+/g, ' '), `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages}`));
  });

  it('prints no link address after a link, on any page of any PDF', () => {
    for (const file of filesUnder(join(out, 'pdf'))) {
      const text = poppler('pdftotext', [join(out, 'pdf', file), '-']);
      expect(text, file).not.toContain('(Link:');
      expect(text, file).not.toMatch(/\((?:\.\.\/)?[\w/-]+\.html(#[\w-]*)?\)/);
    }
  });

  it('splits no row of Appendix one across two pages', () => {
    const pages = textByPage(join(out, 'pdf', 'summary.pdf')).map(letters);
    const appendix = pages.findIndex((text) => text.includes(letters('Appendix one: national objectives')));
    const national = plan.objectives.filter((o) => o.source === 'national');
    expect(national.length).toBe(31);
    const split: string[] = [];
    for (const objective of national) {
      // The whole title, in the order it reads, on one page of the appendix.
      const title = letters(objective.title);
      if (!pages.some((text, i) => i >= appendix && text.includes(title))) split.push(`${objective.number}: its title is not whole on one page`);
    }
    expect(appendix).toBeGreaterThan(0);
    expect(split).toEqual([]);
  });

  it('splits no portfolio\'s row of the portfolio table across two pages', () => {
    const pages = textByPage(join(out, 'pdf', 'summary.pdf')).map(letters);
    const split: string[] = [];
    for (const portfolio of plan.portfolios.filter((p) => p.kind === 'portfolio')) {
      const deliverables = plan.actions.filter((a) => a.portfolio === portfolio.id).map((a) => letters(a.title));
      expect(deliverables.length).toBeGreaterThan(0);
      const page = pages.findIndex((text) => text.includes(letters(portfolio.name)) && text.includes(deliverables[0]!));
      if (page === -1 || !deliverables.every((d) => pages[page]!.includes(d))) split.push(`${portfolio.name}: its row is not whole on one page`);
    }
    expect(split).toEqual([]);
  });

  it('renders its pages to PNG for a person to look at, in test-results/pdf/', () => {
    const dir = join(ARTEFACTS_DIR, 'pdf');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const name of ['summary', 'plan-on-a-page', 'duties']) {
      poppler('pdftoppm', ['-r', '60', '-png', join(out, 'pdf', `${name}.pdf`), join(dir, name)]);
    }
    const images = filesUnder(dir);
    expect(images.length).toBe(pagesOf(join(out, 'pdf', 'summary.pdf')) + pagesOf(join(out, 'pdf', 'plan-on-a-page.pdf')) + pagesOf(join(out, 'pdf', 'duties.pdf')));
    for (const image of images) expect(statSync(join(dir, image)).size, image).toBeGreaterThan(5_000);
  });
});

describe('plan build --pdf without Chromium', () => {
  it('says how to install Chromium, exits 2 and writes nothing', async () => {
    const missing = join(makeTempDir('plan-pdf-missing-'), 'site');
    const result = await runPlan(['build', PLAN_DIR, '--pdf', '--out', missing], { env: { PLAN_CHROMIUM: '/nowhere/chromium' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('apt-get install chromium');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(missing)).toBe(false);
  });
});
