// Prints pages of a written site to PDF with the system's Chromium (Debian's `chromium`), driven by
// playwright-core: one browser for every page, each printed with the site's print stylesheet on A4
// with its page numbers. Loaded only by `plan build --pdf`.

import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { wholeContent, type OutputFile, type OutputStream } from './output-files.js';
import { EmitError } from './write-tree.js';

/** The names the Chromium browser goes by on PATH. */
const CHROMIUM_NAMES = ['chromium', 'chromium-browser'];
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The flags a headless Chromium needs to run as root in a container, and to ask nothing of the network. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export class ChromiumMissing extends EmitError {}

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The Chromium to print with: `PLAN_CHROMIUM` when set, else `chromium` on PATH, else Debian's
 * /usr/bin/chromium. Refuses plainly, saying how to install it, when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const hint = 'Install Chromium (on Debian or Ubuntu: `apt-get install chromium`), or build without --pdf.';
  if (env.PLAN_CHROMIUM) {
    if (isExecutable(env.PLAN_CHROMIUM)) return env.PLAN_CHROMIUM;
    throw new ChromiumMissing(`plan build --pdf prints with Chromium, and PLAN_CHROMIUM names ${env.PLAN_CHROMIUM}, which is not a program that can be run.`, hint);
  }
  for (const folder of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of CHROMIUM_NAMES) if (isExecutable(join(folder, name))) return join(folder, name);
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new ChromiumMissing('plan build --pdf prints with Chromium, and Chromium is not installed (there is no `chromium` on PATH).', hint);
}

export interface PdfPage {
  /** The page to print, relative to the site folder: `summary.html`. */
  html: string;
  /** Where its PDF goes, relative to the site folder: `pdf/summary.pdf`. */
  pdf: string;
}

/** "Page 2 of 14" at the foot of every page, in the NHS font stack. */
const FOOTER = '<div style="width:100%;font:8pt Arial,sans-serif;color:#4c6272;text-align:center">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/** Prints each page of the site in `siteDir` to its PDF. Two pages at a time: the machine may have two cores. */
export async function printPdfs(chromium: string, siteDir: string, pages: readonly PdfPage[]): Promise<void> {
  const { chromium: launcher } = await import('playwright-core');
  let browser;
  try {
    browser = await launcher.launch({ executablePath: chromium, args: CHROMIUM_ARGS });
  } catch (cause) {
    throw new EmitError(`Chromium (${chromium}) would not start to print the PDFs: ${(cause as Error).message.split('\n')[0]}`, 'Check that Chromium runs (`chromium --version`), or build without --pdf.');
  }
  try {
    const context = await browser.newContext({ offline: true });
    const queue = [...pages];
    const work = async (): Promise<void> => {
      for (let page = queue.shift(); page; page = queue.shift()) {
        const tab = await context.newPage();
        await tab.goto(pathToFileURL(join(siteDir, page.html)).href, { waitUntil: 'load' });
        const target = join(siteDir, page.pdf);
        mkdirSync(dirname(target), { recursive: true });
        await tab.pdf({ path: target, preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, displayHeaderFooter: true, headerTemplate: '<div></div>', footerTemplate: FOOTER });
        await tab.close();
        if (!existsSync(target)) throw new EmitError(`Chromium printed no PDF of ${page.html}.`);
      }
    };
    await Promise.all([work(), work()]);
  } catch (cause) {
    if (cause instanceof EmitError) throw cause;
    throw new EmitError(`Chromium could not print the PDFs: ${(cause as Error).message.split('\n')[0]}`, 'Check that Chromium runs (`chromium --version`), or build without --pdf.');
  } finally {
    await browser.close();
  }
}

/**
 * The site's files as they come, each also written into a folder of the system's temporary files made
 * for this print alone; once the last has passed, the pages are printed there, their PDFs follow, and
 * the folder is removed. The PDFs go into the build like any other output, so the build's manifest
 * knows them and OUT is replaced in one step with everything in it.
 */
export async function* withPdfs(chromium: string, files: OutputStream, pages: readonly PdfPage[]): AsyncGenerator<OutputFile> {
  const folder = mkdtempSync(join(tmpdir(), 'plan-print-'));
  try {
    for await (const file of files) {
      const target = join(folder, ...file[0].split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, wholeContent(file[1]));
      yield file;
    }
    await printPdfs(chromium, folder, pages);
    for (const page of pages) yield [page.pdf, readFileSync(join(folder, ...page.pdf.split('/')))];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
