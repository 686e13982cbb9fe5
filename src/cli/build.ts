// `plan build [DIR...] [--out OUT]`: check the plan, then write every document (Markdown and HTML), the
// diagram, plan.json and the gap report. With errors, only the gap report is written and OUT keeps
// the rest of its earlier build. Several plans are each built into dist/<plan id>.

import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { summarise } from '../diagnostic.js';
import { EmitError, checkOutputFolder, writeOutput, type WriteResult } from '../emit/write-tree.js';
import { compilePlan, type Compilation } from '../pipeline.js';
import { assetFiles } from '../render/assets.js';
import { builtInTemplatesDir, TemplateError } from '../render/engine.js';
import { renderGaps, renderSite } from '../render/site.js';
import type { RuleSettings } from '../rules/run.js';
import { terminalPath, terminalText } from '../report/terminal-text.js';
import { write } from './output.js';
import { catalogue, printErrors } from './report-context.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, displayPath, findPlanFolders, isWithin } from './shared.js';

export interface BuildOptions {
  out?: string;
  quiet?: boolean;
  cache?: boolean;
  rule?: RuleSettings;
  allowOutside?: boolean;
  allowRemoteImages?: boolean;
}

export async function runBuild(dirs: readonly string[], options: BuildOptions): Promise<number> {
  const planDirs = findPlanFolders(dirs).map((folder) => folder.dir);
  if (planDirs.length > 1 && options.out !== undefined) {
    throw new CannotRun(`--out names one folder, but there are ${planDirs.length} plans (${planDirs.map((dir) => displayPath(dir)).join(', ')}).`,
      'Leave out --out to build each plan into dist/<plan id>, or build one plan at a time.');
  }
  // Every plan is compiled before any is written, so that two plans with one id are refused before either is built.
  const builds: PlanBuild[] = [];
  for (const planDir of planDirs) {
    const compilation = await compilePlan(planDir, { cache: options.cache ?? true, ruleOverrides: options.rule ?? {}, allowOutside: options.allowOutside ?? false });
    const out = resolve(options.out ?? join(defaultOutBase(planDir), 'dist', compilation.plan?.manifest.plan.id ?? basename(planDir)));
    const same = builds.find((build) => build.out === out);
    if (same) {
      throw new CannotRun(`${displayPath(same.planDir)} and ${displayPath(planDir)} would both be built into ${displayPath(out)}: they have the same plan id.`,
        'Give each plan its own `id:` in plan.yaml, or build them one at a time with --out.');
    }
    builds.push({ planDir, out, ...compilation });
  }
  let code = EXIT_OK;
  for (const build of builds) code = Math.max(code, await buildPlan(build, options));
  return code;
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

async function buildPlan({ planDir, out, plan, diagnostics }: PlanBuild, options: BuildOptions): Promise<number> {
  const shownOut = displayPath(out);
  const summary = summarise(diagnostics);
  const renderOptions = { planDir, catalogue, remoteImages: options.allowRemoteImages ?? false, allowOutside: options.allowOutside ?? false };
  let written: WriteResult;
  try {
    checkOutputFolder(out, planDir, shownOut);
    if (summary.errors > 0) {
      await printErrors(planDir, diagnostics);
      const files = renderGaps(plan, diagnostics, renderOptions);
      // The gap report's page needs the stylesheet; an earlier build's assets are left as they are.
      if (!existsSync(join(out, 'assets'))) for (const [path, content] of assetFiles(builtInTemplatesDir())) files.set(path, content);
      await reportKept(await writeOutput(out, files, 'update', shownOut), out);
      await write(process.stderr, `plan: the plan has ${summary.errors} error(s), so only the gap report was written: ${displayPath(join(out, 'gaps.html'))}\n`);
      return EXIT_PROBLEMS;
    }
    const files = await renderSite(plan!, diagnostics, renderOptions);
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
  await write(process.stdout, `${displayPath(join(out, 'index.html'))}\n`);
  return EXIT_OK;
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
