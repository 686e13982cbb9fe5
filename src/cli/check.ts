// `plan check [DIR...]`: compile each plan, print every diagnostic in the chosen format (one document for
// all the plans), set the exit code: the worst of them.

import { summarise } from '../diagnostic.js';
import { compilePlan } from '../pipeline.js';
import { reporters } from '../report/index.js';
import type { PlanFindings } from '../report/reporter.js';
import type { RuleSettings } from '../rules/run.js';
import { useColour, write } from './output.js';
import { planFindings, reportContext } from './report-context.js';
import { writeReportFile } from './report-file.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, findPlanFolders } from './shared.js';

export interface CheckOptions {
  format: string;
  /** Write the report to this file instead of stdout. */
  outputFile?: string;
  maxWarnings?: number;
  rule?: RuleSettings;
  quiet?: boolean;
  cache?: boolean;
  allowOutside?: boolean;
}

export async function runCheck(dirs: readonly string[], options: CheckOptions): Promise<number> {
  const reporter = reporters[options.format];
  if (!reporter) throw new CannotRun(`Unknown format ${options.format}.`, `Use one of: ${Object.keys(reporters).join(', ')}.`);
  const plans: PlanFindings[] = [];
  let errors = 0;
  let warnings = 0;
  const planDirs = findPlanFolders(dirs).map((folder) => folder.dir);
  for (const planDir of planDirs) {
    const { diagnostics } = await compilePlan(planDir, { ruleOverrides: options.rule ?? {}, cache: options.cache ?? true, allowOutside: options.allowOutside ?? false });
    const summary = summarise(diagnostics);
    errors += summary.errors;
    warnings += summary.warnings;
    plans.push(planFindings(planDir, options.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics, diagnostics));
  }
  // A file is never coloured: it is read later, by a person or a tool, not by this terminal.
  if (options.outputFile !== undefined) writeReportFile(options.outputFile, reporter(plans, reportContext(false)), planDirs);
  else await write(process.stdout, reporter(plans, reportContext(useColour(process.stdout))));
  if (errors > 0) return EXIT_PROBLEMS;
  // As ESLint counts them: the warnings of every plan checked, together.
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    // Said whatever the format, as ESLint does: a CI job that fails must say why.
    await write(process.stderr, `plan: ${warnings} warnings is more than --max-warnings ${options.maxWarnings}.\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}
