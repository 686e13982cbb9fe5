// The compiler's phases in order: load -> model -> link -> rules. Each takes the previous one's output;
// the result is the linked plan (when the sources were good enough to link) and every diagnostic.

import { appendDiagnostics, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import type { Plan } from './link/plan-graph.js';
import { link } from './link/link.js';
import { loadPlan } from './load/load-plan.js';
import type { ParseCache } from './load/parse-cache.js';
import type { FileModel, ParsedSource } from './load/located.js';
import type { SourceText } from './load/plan-folder.js';
import { validateSources } from './model/validate.js';
import { modelActuals } from './model/actuals.js';
import type { ParsedTable } from './load/actuals-csv.js';
import { resolveSettings, runRules, type RuleSettings } from './rules/run.js';

export interface Compilation {
  plan: Plan | undefined;
  diagnostics: Diagnostic[];
  /** The number of source files read. */
  fileCount: number;
  /** With `digest`: a hash of every file the plan was compiled from (load/load-plan.ts). */
  digest?: string;
}

export interface CompileOptions {
  /** Severities that override the manifest's `rules:`, e.g. from `--rule`. */
  ruleOverrides?: RuleSettings;
  /** Use the parse cache (default true). */
  cache?: boolean;
  /** Read sources and prose whose real path is outside the plan folder (`--allow-outside`). */
  allowOutside?: boolean;
  /** A parse cache of the caller's own (see load/load-plan.ts). */
  parseCache?: ParseCache;
  /** Work out `digest`, for what is made from the compiled plan alone (`plan.json` in a build's page cache). */
  digest?: boolean;
}

export async function compilePlan(dir: string, options: CompileOptions = {}): Promise<Compilation> {
  const loaded = await loadPlan(dir, { cache: options.cache ?? true, allowOutside: options.allowOutside ?? false, digest: options.digest ?? false, ...(options.parseCache ? { parseCache: options.parseCache } : {}) });
  const compilation = compileParsed(loaded.files, loaded.prose, loaded.actuals, loaded.diagnostics, options, loaded.keepModel);
  return loaded.digest ? { ...compilation, digest: loaded.digest } : compilation;
}

/** `keepModel` is told what validation made of each file with no faults (see load/load-plan.ts). */
export function compileParsed(files: ParsedSource[], prose: readonly SourceText[], tables: readonly ParsedTable[], loadDiagnostics: Diagnostic[], options: CompileOptions,
  keepModel?: (file: ParsedSource, model: FileModel) => void): Compilation {
  const diagnostics = loadDiagnostics.slice();
  const { sources, diagnostics: modelDiagnostics } = validateSources(files, prose, keepModel ? { keepModel } : {});
  appendDiagnostics(diagnostics, modelDiagnostics);
  const actuals = modelActuals(tables);
  appendDiagnostics(diagnostics, actuals.diagnostics);
  const { plan, diagnostics: linkDiagnostics, referenceFindings } = link(sources, actuals);
  appendDiagnostics(diagnostics, linkDiagnostics);
  if (plan) {
    const { settings, diagnostics: configDiagnostics } = resolveSettings(plan, options.ruleOverrides);
    appendDiagnostics(diagnostics, configDiagnostics);
    appendDiagnostics(diagnostics, runRules(plan, settings, referenceFindings));
  }
  return { plan, diagnostics: sortDiagnostics(diagnostics), fileCount: files.length };
}

