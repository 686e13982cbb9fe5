// `plan build [DIR...] [--out OUT] [--for team|public]`: check the plan, then write its documents
// (Markdown and HTML). The team's site has every document, the gap report and plan.json, with the
// public site in public/; with errors only the gap report is written and OUT keeps the rest of its
// earlier build. The public site alone is refused, with nothing written, while the plan has errors.
// Each file is written as it is made, so a big plan is never held as a whole site in memory. With
// --pdf, each public document is also printed to PDF before the new output replaces the old.
// Several plans are each built into dist/<plan id> (dist/<plan id>-public).

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { summarise } from '../diagnostic.js';
import type { OutputStream } from '../emit/output-files.js';
import { EmitError, checkOutputFolder, writeOutput, type WriteResult } from '../emit/write-tree.js';
import { compilePlan, type Compilation } from '../pipeline.js';
import { assetFiles } from '../render/assets.js';
import { builtInTemplatesDir, TemplateError } from '../render/engine.js';
import { openPageCacheFile } from '../render/page-cache-file.js';
import { pageStamp, pdfPages, renderGaps, siteFiles } from '../render/site.js';
import type { Audience } from '../render/views/site.js';
import type { RuleSettings } from '../rules/run.js';
import { terminalPath, terminalText } from '../report/terminal-text.js';
import { write } from './output.js';
import { previousEditionOf } from './previous-edition.js';
import { catalogue, printErrors } from './report-context.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, displayPath, findPlanFolders, isWithin } from './shared.js';

export interface BuildOptions {
  out?: string;
  quiet?: boolean;
  cache?: boolean;
  rule?: RuleSettings;
  allowOutside?: boolean;
  allowRemoteImages?: boolean;
  /** Who the site is for: `team` (the default) or `public`. */
  for?: Audience;
  /** Print each public document to PDF too. */
  pdf?: boolean;
}

export async function runBuild(dirs: readonly string[], options: BuildOptions): Promise<number> {
  const planDirs = findPlanFolders(dirs).map((folder) => folder.dir);
  // Without Chromium there can be no PDFs: say so before anything is built.
  let chromium: string | undefined;
  if (options.pdf) {
    const { ChromiumMissing, findChromium } = await import('../emit/pdf.js');
    try {
      chromium = findChromium();
    } catch (error) {
      if (error instanceof ChromiumMissing) throw new CannotRun(error.message, error.hint);
      throw error;
    }
  }
  if (planDirs.length > 1 && options.out !== undefined) {
    throw new CannotRun(`--out names one folder, but there are ${planDirs.length} plans (${planDirs.map((dir) => displayPath(dir)).join(', ')}).`,
      'Leave out --out to build each plan into dist/<plan id>, or build one plan at a time.');
  }
  // Every plan is compiled before any is written, so that two plans with one id are refused before either is built.
  const builds: PlanBuild[] = [];
  for (const planDir of planDirs) {
    const compilation = await compilePlan(planDir, { cache: options.cache ?? true, ruleOverrides: options.rule ?? {}, allowOutside: options.allowOutside ?? false, digest: options.cache ?? true });
    const id = compilation.plan?.manifest.plan.id ?? basename(planDir);
    const out = resolve(options.out ?? join(defaultOutBase(planDir), 'dist', options.for === 'public' ? `${id}-public` : id));
    const same = builds.find((build) => build.out === out);
    if (same) {
      throw new CannotRun(`${displayPath(same.planDir)} and ${displayPath(planDir)} would both be built into ${displayPath(out)}: they have the same plan id.`,
        'Give each plan its own `id:` in plan.yaml, or build them one at a time with --out.');
    }
    builds.push({ planDir, out, ...compilation });
  }
  collectSoonerIfBig();
  let code = EXIT_OK;
  for (const build of builds) code = Math.max(code, await buildPlan(build, options, chromium));
  return code;
}

/** The heap a compiled plan needs before its build collects garbage sooner than V8 would: a plan of about 15,000 actions. */
const BIG_HEAP_BYTES = 100 * 1024 * 1024;

/**
 * For a big plan, a full garbage collection whenever the heap has doubled since the last, where V8's
 * own rule lets a heap of this size grow about fourfold: the render makes hundreds of megabytes of
 * short-lived pages around a plan that stays in memory (150 MB at 50,000 actions), so the heap would
 * reach 650 MB before it collected again. At 50,000 actions this took the peak from 850–907 MB to
 * 490–740 MB, for about 3% more time. A small plan's heap never reaches the threshold, and so its
 * runs are as they were.
 */
function collectSoonerIfBig(): void {
  // The heap's size needs no module; node:v8, which takes 3 to 4 ms to load, is loaded only for a big plan.
  if (process.memoryUsage().heapUsed < BIG_HEAP_BYTES) return;
  const { setFlagsFromString } = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  setFlagsFromString('--heap-growing-percent=100');
  // V8 stamps a code cache with its flags: one that bin/plan makes again as this run ends (having found
  // none it could use) is made with the flags every run starts with, or the next run would turn it down.
  process.prependOnceListener('exit', () => setFlagsFromString('--heap-growing-percent=0'));
}

/** Where dist/ goes: the current folder, or the plan folder when run from inside it (not in its prose/). */
function defaultOutBase(planDir: string): string {
  return isWithin(process.cwd(), planDir) ? planDir : process.cwd();
}

interface PlanBuild extends Compilation {
  planDir: string;
  /** The output folder, absolute. */
  out: string;
}

/** @param chromium the browser that prints the PDFs, with --pdf */
async function buildPlan({ planDir, out, plan, diagnostics, digest }: PlanBuild, options: BuildOptions, chromium?: string): Promise<number> {
  const shownOut = displayPath(out);
  const summary = summarise(diagnostics);
  const audience = options.for ?? 'team';
  const renderOptions = { planDir, catalogue, remoteImages: options.allowRemoteImages ?? false, allowOutside: options.allowOutside ?? false };
  try {
    checkOutputFolder(out, planDir, shownOut);
    if (summary.errors > 0 && audience === 'public') {
      await printErrors(planDir, diagnostics);
      await write(process.stderr, `plan: the plan has ${summary.errors} error(s), so the public site was not built; nothing was written to ${shownOut}.\n`);
      return EXIT_PROBLEMS;
    }
    if (summary.errors > 0) {
      await printErrors(planDir, diagnostics);
      const files = renderGaps(plan, diagnostics, renderOptions);
      // The gap report's page needs the stylesheet; an earlier build's assets are left as they are.
      if (!existsSync(join(out, 'assets'))) for (const [path, content] of assetFiles(builtInTemplatesDir())) files.set(path, content);
      await writeAndReport(out, files, 'update', shownOut);
      await write(process.stderr, `plan: the plan has ${summary.errors} error(s), so only the gap report was written: ${displayPath(join(out, 'gaps.html'))}\n`);
      return EXIT_PROBLEMS;
    }
    const previousEdition = await previousEditionOf(planDir, plan!);
    // The pages of the last build into OUT, beside the parse cache and switched off with it.
    const pages = openPageCacheFile({ enabled: options.cache ?? true, out, audience, stamp: () => pageStamp(renderOptions) });
    try {
      // Each file is written as it is made; a template that fails part-way leaves OUT as it was.
      let files: OutputStream = siteFiles(plan!, diagnostics, { ...renderOptions, audience, pdf: chromium !== undefined, previousEdition, ...(pages ? { pages } : { inParts: true }), ...(digest ? { sources: digest } : {}) });
      if (chromium !== undefined) {
        const { withPdfs } = await import('../emit/pdf.js');
        files = withPdfs(chromium, files, pdfPages(plan!, audience));
      }
      await writeAndReport(out, files, 'replace', shownOut);
      pages?.save();
    } finally {
      pages?.close();
    }
    if (pages && process.env.PLAN_DEBUG) await write(process.stderr, `plan: page cache ${terminalPath(pages.path)}: rendered ${pages.rendered} of ${pages.asked} pages\n`);
  } catch (error) {
    if (error instanceof EmitError || error instanceof TemplateError) throw new CannotRun(error.message, error instanceof EmitError ? error.hint : 'Check the templates in the plan\'s templates/ folder.');
    throw error;
  }
  if (!options.quiet) {
    const warnings = summary.warnings === 0 ? '' : audience === 'team' ? ` The plan has ${summary.warnings} warning(s): see ${displayPath(join(out, 'gaps.html'))}.` : ` The plan has ${summary.warnings} warning(s), which the public site does not show: run plan check to see them.`;
    await write(process.stderr, `plan: built the ${audience === 'team' ? 'team\'s site' : 'public site'} in ${shownOut}.${warnings}\n`);
  }
  await write(process.stdout, `${displayPath(join(out, 'index.html'))}\n`);
  return EXIT_OK;
}

/** Writes the output and says which of the user's files it kept: also when writing fails after it has moved one aside or completed an interrupted build. */
async function writeAndReport(out: string, files: OutputStream, mode: 'replace' | 'update', shownOut: string): Promise<void> {
  const written: WriteResult = { kept: [], completedInterrupted: false };
  try {
    await writeOutput(out, files, mode, shownOut, written);
  } finally {
    await reportKept(written, out);
  }
}

/** Says which of the user's files a build kept rather than replace, and where. */
async function reportKept(result: WriteResult, out: string): Promise<void> {
  const shown = (path: string) => terminalPath(displayPath(join(out, ...path.split('/'))));
  if (result.completedInterrupted) await write(process.stderr, `plan: an earlier build into ${terminalPath(displayPath(out))} was interrupted; its output was put in place first.\n`);
  for (const file of result.kept) {
    const why = file.reason === 'changed' ? 'was changed after plan wrote it' : 'was not written by plan';
    const where = file.movedTo ? `it is kept as ${shown(file.movedTo)}, and the new ${terminalText(file.path)} is in its place` : 'it is kept as it is, and left out of the build';
    await write(process.stderr, `plan: ${shown(file.path)} ${why}: ${where}.\n`);
  }
}
