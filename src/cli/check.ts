// `plan check [DIR]`: compile the plan, print every diagnostic in the chosen format, set the exit code.

import { summarise } from '../diagnostic.js';
import { compilePlan } from '../pipeline.js';
import { reporters } from '../report/index.js';
import type { RuleSettings } from '../rules/run.js';
import { reportContext } from './report-context.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, findPlanDir, write } from './shared.js';

export interface CheckOptions {
  format: string;
  maxWarnings?: number;
  rule?: RuleSettings;
  quiet?: boolean;
  cache?: boolean;
  allowOutside?: boolean;
}

export async function runCheck(dir: string | undefined, options: CheckOptions): Promise<number> {
  const reporter = reporters[options.format];
  if (!reporter) throw new CannotRun(`Unknown format ${options.format}.`, `Use one of: ${Object.keys(reporters).join(', ')}.`);
  const planDir = findPlanDir(dir);
  const compilation = await compilePlan(planDir, { ruleOverrides: options.rule ?? {}, cache: options.cache ?? true, allowOutside: options.allowOutside ?? false });
  const diagnostics = options.quiet ? compilation.diagnostics.filter((d) => d.severity === 'error') : compilation.diagnostics;
  const summary = summarise(compilation.diagnostics);
  await write(process.stdout, reporter(diagnostics, summarise(diagnostics), {
    ...reportContext(planDir, process.stdout),
    hiddenWarnings: compilation.diagnostics.length - diagnostics.length,
  }));
  if (summary.errors > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
    if (options.format === 'stylish') {
      await write(process.stderr, `plan: ${summary.warnings} warnings is more than --max-warnings ${options.maxWarnings}.\n`);
    }
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}
