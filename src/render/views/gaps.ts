// The gap report: headline figures of how well the plan hangs together, then every finding grouped
// by rule and by portfolio, each with the source line to fix. Also the data of gaps.json.

import type { CatalogueEntry } from '../../catalogue.js';
import { diagnosticJson, formatLocation, summarise, type Diagnostic } from '../../diagnostic.js';
import type { LinkedItem, LinkedPortfolio, Plan } from '../../link/plan-graph.js';
import { Thread } from '../../link/thread.js';
import { PlanningYear } from '../../link/year.js';

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
  const thread = new Thread(plan);
  const owned = plan.objectives.filter((o) => o.owner).length;
  const traced = plan.actions.filter((a) => thread.reaches(a)).length;
  const covered = plan.duties.filter((d) => d.coverage.some((c) => c.sections.length > 0)).length;
  const smart = plan.objectives.filter((o) => thread.smart(o).failures.length === 0).length;
  const served = plan.objectives.filter((o) => o.actions.length > 0).length;
  const year = PlanningYear.of(plan);
  const figured = year.tracked().filter((t) => t.milestones.length > 0);
  const current = figured.filter((t) => year.latestComplete(t) !== undefined && year.behind(t).length === 0).length;
  const live = plan.actions.filter((a) => !a.standIn);
  const stocktaken = live.filter((a) => year.stocktake(a).upToDate).length;
  const yearHeadlines = [
    ...(year.asAt !== undefined ? [headline('targets-current', 'Targets with an actual for the latest complete period', current, figured.length)] : []),
    ...(year.dueStocktake() ? [headline('actions-stocktaken', 'Actions with a progress update for the latest stocktake', stocktaken, live.length)] : []),
  ];
  return [
    headline('objectives-owned', 'Objectives with an owner', owned, plan.objectives.length),
    headline('actions-traced', 'Actions traced to the collective aim', traced, plan.actions.length),
    headline('duties-covered', 'Statutory duties covered', covered, plan.duties.length),
    headline('objectives-smart', 'Objectives passing SMART', smart, plan.objectives.length),
    headline('objectives-served', 'Objectives served by an action', served, plan.objectives.length),
    ...yearHeadlines,
  ];
}

export type FindingView = ReturnType<typeof diagnosticJson> & { location: string };

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
  return { ...diagnosticJson(d), location: formatLocation(d) };
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

/** @param catalogue every diagnostic code with its description, built-in checks first */
export function gapsView(plan: Plan | undefined, diagnostics: readonly Diagnostic[], catalogue: readonly CatalogueEntry[]): GapsView {
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!byRule.has(d.rule)) byRule.set(d.rule, []);
    byRule.get(d.rule)!.push(d);
  }
  // Built-in checks (the errors that stop everything) first, then the rules, in catalogue order.
  const ruleOrder = new Map([...catalogue].sort((a, b) => Number(a.configurable) - Number(b.configurable)).map((entry, i) => [entry.id as string, i]));
  const ruleGroups = [...byRule.entries()]
    .sort(([a], [b]) => (ruleOrder.get(a) ?? ruleOrder.size) - (ruleOrder.get(b) ?? ruleOrder.size) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, list]) => group(id, id, catalogue.find((entry) => entry.id === id)?.description ?? '', list));

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
export function gapsJson(plan: Plan | undefined, diagnostics: readonly Diagnostic[], catalogue: readonly CatalogueEntry[]) {
  const view = gapsView(plan, diagnostics, catalogue);
  return {
    format: 'plan-gaps/1',
    plan: plan ? { id: plan.manifest.plan.id, title: plan.manifest.plan.title } : null,
    headlines: view.headlines.map(({ id, label, count, total, percent }) => ({ id, label, count, total, percent })),
    summary: view.summary,
    diagnostics: diagnostics.map((d) => diagnosticJson(d)),
  };
}
