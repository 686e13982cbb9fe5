// The gap report: headline figures of how well the plan hangs together, then every finding grouped
// by rule and by portfolio, each with the source line to fix. Also the data of gaps.json.

import type { Diagnostic } from '../../diagnostic.js';
import { summarise } from '../../diagnostic.js';
import type { LinkedItem, LinkedPortfolio, Plan } from '../../link/plan-graph.js';
import { breakOf } from '../../rules/action-traces-to-aim.js';
import { builtInChecks, findRule } from '../../rules/index.js';
import { assessSmart } from '../../rules/objective-is-smart.js';

export interface Headline {
  id: string;
  label: string;
  count: number;
  total: number;
  /** Whole per cent, or null when there is nothing to count. */
  percent: number | null;
}

function headline(id: string, label: string, count: number, total: number): Headline {
  return { id, label, count, total, percent: total === 0 ? null : Math.round((count / total) * 100) };
}

export function headlines(plan: Plan | undefined): Headline[] {
  if (!plan) return [];
  const owned = plan.objectives.filter((o) => o.owner).length;
  const traced = plan.actions.filter((a) => breakOf(a) === undefined).length;
  const covered = plan.duties.filter((d) => d.coverage.some((c) => c.sections.length > 0)).length;
  const smart = plan.objectives.filter((o) => assessSmart(o, plan).reasons.length === 0).length;
  const served = plan.objectives.filter((o) => o.actions.length > 0).length;
  return [
    headline('objectives-owned', 'Objectives with an owner', owned, plan.objectives.length),
    headline('actions-traced', 'Actions traced to the collective aim', traced, plan.actions.length),
    headline('duties-covered', 'Statutory duties covered', covered, plan.duties.length),
    headline('objectives-smart', 'Objectives passing SMART', smart, plan.objectives.length),
    headline('objectives-served', 'Objectives served by an action', served, plan.objectives.length),
  ];
}

export interface FindingView {
  rule: string;
  severity: string;
  message: string;
  hint: string | null;
  location: string;
  file: string;
  line: number;
  column: number;
  subject: string | null;
}

export interface FindingGroup {
  id: string;
  title: string;
  description: string;
  errors: number;
  warnings: number;
  findings: FindingView[];
}

export interface GapsView {
  headlines: Headline[];
  summary: { errors: number; warnings: number };
  byRule: FindingGroup[];
  byPortfolio: FindingGroup[];
}

function findingView(d: Diagnostic): FindingView {
  return {
    rule: d.rule, severity: d.severity, message: d.message, hint: d.hint ?? null,
    location: `${d.file}:${d.line}:${d.column}`, file: d.file, line: d.line, column: d.column, subject: d.subject ?? null,
  };
}

function group(id: string, title: string, description: string, diagnostics: Diagnostic[]): FindingGroup {
  const { errors, warnings } = summarise(diagnostics);
  return { id, title, description, errors, warnings, findings: diagnostics.map(findingView) };
}

/** The portfolio a finding belongs to, through the item it is about. */
function portfolioOf(item: LinkedItem | undefined): LinkedPortfolio | undefined {
  switch (item?.kind) {
    case 'portfolio':
      return item;
    case 'objective':
      return item.owner;
    case 'action':
      return item.portfolio;
    case 'metric':
      return item.objective?.owner;
    default:
      return undefined;
  }
}

export function gapsView(plan: Plan | undefined, diagnostics: readonly Diagnostic[]): GapsView {
  const ruleOrder = new Map<string, number>();
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!byRule.has(d.rule)) byRule.set(d.rule, []);
    byRule.get(d.rule)!.push(d);
  }
  [...builtInChecks.map((c) => c.id)].forEach((id, i) => ruleOrder.set(id, i));
  const ruleGroups = [...byRule.entries()]
    .sort(([a], [b]) => (ruleOrder.get(a) ?? 100) - (ruleOrder.get(b) ?? 100) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, list]) => group(id, id, findRule(id)?.description ?? builtInChecks.find((c) => c.id === id)?.description ?? '', list));

  const byPortfolio = new Map<string, { portfolio: LinkedPortfolio | undefined; list: Diagnostic[] }>();
  for (const d of diagnostics) {
    const portfolio = portfolioOf(d.subject !== undefined ? plan?.byId.get(d.subject) : undefined);
    const key = portfolio?.id ?? '';
    if (!byPortfolio.has(key)) byPortfolio.set(key, { portfolio, list: [] });
    byPortfolio.get(key)!.list.push(d);
  }
  const order = new Map(plan?.portfolios.map((p, i) => [p.id, i]) ?? []);
  const portfolioGroups = [...byPortfolio.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : (order.get(a) ?? 0) - (order.get(b) ?? 0)))
    .map(([key, { portfolio, list }]) =>
      group(key || 'plan-wide', portfolio ? portfolio.item.name : 'Not tied to a portfolio', portfolio ? (portfolio.item.kind === 'enabler' ? 'Enabling workstream' : 'Portfolio') : 'Findings about the plan as a whole, its priorities, duties and files', list));

  return { headlines: headlines(plan), summary: summarise([...diagnostics]), byRule: ruleGroups, byPortfolio: portfolioGroups };
}

/** gaps.json: a public contract (docs/cli.md). */
export function gapsJson(plan: Plan | undefined, diagnostics: readonly Diagnostic[]) {
  const view = gapsView(plan, diagnostics);
  return {
    format: 'plan-gaps/1',
    plan: plan ? { id: plan.manifest.plan.id, title: plan.manifest.plan.title } : null,
    headlines: view.headlines.map(({ id, label, count, total, percent }) => ({ id, label, count, total, percent })),
    summary: view.summary,
    diagnostics: diagnostics.map((d) => ({
      rule: d.rule, severity: d.severity, message: d.message, ...(d.hint ? { hint: d.hint } : {}),
      file: d.file, line: d.line, column: d.column, subject: d.subject ?? null,
    })),
  };
}
