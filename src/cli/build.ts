// `plan build [DIR] [--out OUT]`: check the plan, then write every document (Markdown and HTML), the
// diagram, plan.json and the gap report. With errors, only the gap report is written and OUT keeps
// the rest of its earlier build.

import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { summarise } from '../diagnostic.js';
import { EmitError, checkOutputFolder, writeOutput, type WriteResult } from '../emit/write-tree.js';
import { compilePlan } from '../pipeline.js';
import { assetFiles } from '../render/assets.js';
import { builtInTemplatesDir, TemplateError } from '../render/engine.js';
import { renderGaps, renderSite } from '../render/site.js';
import type { RuleSettings } from '../rules/run.js';
import { printErrors } from './report-context.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, displayPath, findPlanDir, write } from './shared.js';

export interface BuildOptions {
  out?: string;
  quiet?: boolean;
  cache?: boolean;
  rule?: RuleSettings;
  allowOutside?: boolean;
  allowRemoteImages?: boolean;
}

export async function runBuild(dir: string | undefined, options: BuildOptions): Promise<number> {
  const planDir = findPlanDir(dir);
  const { plan, diagnostics } = await compilePlan(planDir, { cache: options.cache ?? true, ruleOverrides: options.rule ?? {}, allowOutside: options.allowOutside ?? false });
  const out = resolve(options.out ?? join('dist', plan?.manifest.plan.id ?? basename(planDir)));
  const shownOut = displayPath(out);
  const summary = summarise(diagnostics);
  let written: WriteResult;
  try {
    checkOutputFolder(out, planDir, shownOut);
    if (summary.errors > 0) {
      await printErrors(planDir, diagnostics);
      const files = renderGaps(plan, diagnostics, { planDir, remoteImages: options.allowRemoteImages ?? false, allowOutside: options.allowOutside ?? false });
      // The gap report's page needs the stylesheet; an earlier build's assets are left as they are.
      if (!existsSync(join(out, 'assets'))) for (const [path, content] of assetFiles(builtInTemplatesDir())) files.set(path, content);
      await reportKept(await writeOutput(out, files, 'update', shownOut), out);
      await write(process.stderr, `plan: the plan has ${summary.errors} error(s), so only the gap report was written: ${displayPath(join(out, 'gaps.html'))}\n`);
      return EXIT_PROBLEMS;
    }
    const files = await renderSite(plan!, diagnostics, { planDir, remoteImages: options.allowRemoteImages ?? false, allowOutside: options.allowOutside ?? false });
    written = await writeOutput(out, files, 'replace', shownOut);
  } catch (error) {
    if (error instanceof EmitError || error instanceof TemplateError) throw new CannotRun(error.message, error instanceof EmitError ? error.hint : 'Check the templates in the plan\'s templates/ folder.');
    throw error;
  }
  await reportKept(written, out);
  if (!options.quiet) {
    const warnings = summary.warnings > 0 ? ` The plan has ${summary.warnings} warning(s): see ${displayPath(join(out, 'gaps.html'))}.` : '';
    await write(process.stderr, `plan: built ${shownOut}.${warnings}\n`);
  }
  await write(process.stdout, `${join(out, 'index.html')}\n`);
  return EXIT_OK;
}

/** Says which of the user's files a build kept rather than replace, and where. */
async function reportKept(result: WriteResult, out: string): Promise<void> {
  const shown = (path: string) => displayPath(join(out, ...path.split('/')));
  if (result.completedInterrupted) await write(process.stderr, `plan: an earlier build into ${displayPath(out)} was interrupted; its output was put in place first.\n`);
  for (const file of result.kept) {
    const why = file.reason === 'changed' ? 'was changed after plan wrote it' : 'was not written by plan';
    const where = file.movedTo ? `it is kept as ${shown(file.movedTo)}, and the new ${file.path} is in its place` : 'it is kept as it is, and left out of the build';
    await write(process.stderr, `plan: ${shown(file.path)} ${why}: ${where}.\n`);
  }
}
