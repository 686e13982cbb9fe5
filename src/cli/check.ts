// `plan check [DIR...]`: compile each plan, print every diagnostic in the chosen format (one document for
// all the plans), set the exit code: the worst of them. With `--baseline`, the findings the baseline
// records are left out, and any other fails the check.

import { summarise, type Diagnostic } from '../diagnostic.js';
import { plural } from '../english.js';
import { compilePlan } from '../pipeline.js';
import { baselineText, entriesOf, matchBaseline, shrunk, type Baseline, type BaselineEntry } from '../report/baseline.js';
import { reporters } from '../report/index.js';
import type { PlanFindings } from '../report/reporter.js';
import { terminalText } from '../report/terminal-text.js';
import type { RuleSettings } from '../rules/run.js';
import { planKey, readBaseline } from './baseline-file.js';
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
  /** Leave out the findings this baseline file records, and fail on any other. */
  baseline?: string;
  /** Write the baseline file: created whole, or only shrunk unless `force`. */
  updateBaseline?: boolean;
  force?: boolean;
  /** Fail when an entry of the baseline matches no finding any more. */
  failOnStale?: boolean;
}

export async function runCheck(dirs: readonly string[], options: CheckOptions): Promise<number> {
  const reporter = reporters[options.format];
  if (!reporter) throw new CannotRun(`Unknown format ${options.format}.`, `Use one of: ${Object.keys(reporters).join(', ')}.`);
  const baselineFile = options.baseline;
  if (baselineFile === undefined && (options.updateBaseline || options.failOnStale)) throw new CannotRun(`--${options.updateBaseline ? 'update-baseline' : 'fail-on-stale'} needs --baseline FILE.`, 'For example: plan check --baseline plan-baseline.json --update-baseline');
  if (options.force && !options.updateBaseline) throw new CannotRun('--force goes with --update-baseline: it lets the baseline grow.');
  const planDirs = findPlanFolders(dirs).map((folder) => folder.dir);
  const read = baselineFile !== undefined ? readBaseline(baselineFile, options.updateBaseline ?? false) : undefined;
  const updated: Baseline | undefined = read && options.updateBaseline ? { format: read.baseline.format, plans: { ...read.baseline.plans } } : undefined;

  const plans: PlanFindings[] = [];
  const stale: { plan: string; entry: BaselineEntry }[] = [];
  let errors = 0;
  let warnings = 0;
  let fresh = 0;
  for (const planDir of planDirs) {
    const { diagnostics } = await compilePlan(planDir, { ruleOverrides: options.rule ?? {}, cache: options.cache ?? true, allowOutside: options.allowOutside ?? false });
    let reported: readonly Diagnostic[] = diagnostics;
    let suppressed = 0;
    if (read) {
      const key = planKey(baselineFile!, planDir);
      let entries = Object.hasOwn(read.baseline.plans, key) ? read.baseline.plans[key]! : [];
      if (updated) {
        // A new file records every finding; an existing one only shrinks, unless --force lets it grow.
        entries = !read.existed || options.force ? entriesOf(diagnostics) : shrunk(entries, diagnostics);
        if (entries.length > 0) updated.plans[key] = entries;
        else delete updated.plans[key];
      }
      const match = matchBaseline(entries, diagnostics);
      reported = match.fresh;
      suppressed = match.suppressed;
      fresh += match.fresh.length;
      for (const entry of match.stale) stale.push({ plan: key, entry });
    }
    const summary = summarise(reported);
    errors += summary.errors;
    warnings += summary.warnings;
    plans.push(planFindings(planDir, options.quiet ? reported.filter((d) => d.severity === 'error') : reported, reported, suppressed));
  }
  if (updated) writeReportFile(baselineFile!, baselineText(updated), planDirs, 'baseline');
  // A file is never coloured: it is read later, by a person or a tool, not by this terminal.
  if (options.outputFile !== undefined) writeReportFile(options.outputFile, reporter(plans, reportContext(false)), planDirs);
  else await write(process.stdout, reporter(plans, reportContext(useColour(process.stdout))));

  if (updated) await write(process.stderr, `plan: the baseline ${baselineFile} ${read!.existed ? 'now records' : 'is written, and records'} ${plural(countOf(updated), 'finding')}.\n`);
  if (stale.length > 0) await write(process.stderr, staleText(baselineFile!, stale));
  if (errors > 0) return EXIT_PROBLEMS;
  if (read && fresh > 0) {
    // Said whatever the format: a CI job that fails must say why.
    const grow = options.updateBaseline && !options.force ? '; the baseline only shrinks unless --force is given' : '';
    await write(process.stderr, `plan: ${plural(fresh, 'warning')} ${fresh === 1 ? 'is' : 'are'} not in the baseline ${baselineFile}${grow}.\n`);
    return EXIT_PROBLEMS;
  }
  if (options.failOnStale && stale.length > 0) return EXIT_PROBLEMS;
  // As ESLint counts them: the warnings of every plan checked, together.
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    await write(process.stderr, `plan: ${warnings} warnings is more than --max-warnings ${options.maxWarnings}.\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

function countOf(baseline: Baseline): number {
  return Object.values(baseline.plans).reduce((sum, entries) => sum + entries.reduce((n, entry) => n + entry.count, 0), 0);
}

/** The entries that match no finding any more, on stderr: a warning, not a failure unless asked. */
function staleText(file: string, stale: readonly { plan: string; entry: BaselineEntry }[]): string {
  const count = stale.reduce((sum, { entry }) => sum + entry.count, 0);
  const lines = [`plan: ${plural(count, 'finding')} in the baseline ${file} ${count === 1 ? 'is' : 'are'} gone (fixed, or reworded):`];
  for (const { plan, entry } of stale) {
    lines.push(`      ${plan}: ${entry.rule}${entry.subject !== null ? ` ${entry.subject}` : ''}: ${entry.message}${entry.count > 1 ? ` (${entry.count} of them)` : ''}`);
  }
  lines.push(`      Drop ${count === 1 ? 'it' : 'them'} from the baseline with: plan check --baseline ${file} --update-baseline`);
  // The file is the planner's to edit, so what it holds is shown as plan text is.
  return lines.map(terminalText).join('\n') + '\n';
}
