// `plan build [DIR] [--out OUT]`: check the plan, then write every document (Markdown and HTML), the
// diagram, plan.json and the gap report. With errors, only the gap report is written and OUT keeps
// the rest of its earlier build.

import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { summarise } from '../diagnostic.js';
import { EmitError, checkOutputFolder, replaceFolder, updateFiles } from '../emit/write-tree.js';
import { compilePlan } from '../pipeline.js';
import { assetFiles } from '../render/assets.js';
import { builtInTemplatesDir, TemplateError } from '../render/engine.js';
import { renderGaps, renderSite } from '../render/site.js';
import type { RuleSettings } from '../rules/run.js';
import { write } from './output.js';
import { printErrors } from './report-context.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, displayPath, findPlanDir } from './shared.js';

export interface BuildOptions {
  out?: string;
  quiet?: boolean;
  cache?: boolean;
  rule?: RuleSettings;
}

export async function runBuild(dir: string | undefined, options: BuildOptions): Promise<number> {
  const planDir = findPlanDir(dir);
  const { plan, diagnostics } = await compilePlan(planDir, { cache: options.cache ?? true, ruleOverrides: options.rule ?? {} });
  const out = resolve(options.out ?? join('dist', plan?.manifest.plan.id ?? basename(planDir)));
  const shownOut = displayPath(out);
  const summary = summarise(diagnostics);
  try {
    checkOutputFolder(out, planDir);
    if (summary.errors > 0) {
      await printErrors(planDir, diagnostics);
      const files = renderGaps(plan, diagnostics, { planDir });
      // The gap report's page needs the stylesheet; an earlier build's assets are left as they are.
      if (!existsSync(join(out, 'assets'))) for (const [path, content] of assetFiles(builtInTemplatesDir())) files.set(path, content);
      updateFiles(out, files);
      await write(process.stderr, `plan: the plan has ${summary.errors} error(s), so only the gap report was written: ${displayPath(join(out, 'gaps.html'))}\n`);
      return EXIT_PROBLEMS;
    }
    const files = await renderSite(plan!, diagnostics, { planDir });
    replaceFolder(out, files);
  } catch (error) {
    if (error instanceof EmitError || error instanceof TemplateError) throw new CannotRun(error.message, error instanceof EmitError ? error.hint : 'Check the templates in the plan\'s templates/ folder.');
    throw error;
  }
  if (!options.quiet) {
    const warnings = summary.warnings > 0 ? ` The plan has ${summary.warnings} warning(s): see ${displayPath(join(out, 'gaps.html'))}.` : '';
    await write(process.stderr, `plan: built ${shownOut}.${warnings}\n`);
  }
  await write(process.stdout, `${displayPath(join(out, 'index.html'))}\n`);
  return EXIT_OK;
}
