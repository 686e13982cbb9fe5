// One page per portfolio or enabling workstream: focus, priorities, objectives with targets, deadlines
// and SMART status, the actions serving them, metrics, and the findings about it.

import type { Diagnostic } from '../../diagnostic.js';
import { byNumber, type LinkedPortfolio, type Plan } from '../../link/plan-graph.js';
import type { Thread } from '../../link/thread.js';
import { formatLocation } from '../../diagnostic.js';
import { formatDate } from '../engine.js';
import { objectiveRow } from './shared.js';
import { portfolioPath } from './site.js';

export function portfolioView(thread: Thread, portfolio: LinkedPortfolio, diagnostics: readonly Diagnostic[]) {
  const subjects = new Set<string>([portfolio.id, ...portfolio.objectives.map((o) => o.id), ...portfolio.actions.map((a) => a.id)]);
  return {
    id: portfolio.id,
    title: portfolio.item.name,
    kind: portfolio.item.kind === 'enabler' ? 'Enabling workstream' : 'Portfolio',
    /** The kind in running text: "This portfolio owns…", not "This Portfolio owns…". */
    kindLower: portfolio.item.kind === 'enabler' ? 'enabling workstream' : 'portfolio',
    description: portfolio.item.description ?? null,
    focus: portfolio.item.focus,
    crossCutting: portfolio.crossCutting,
    priorities: [...portfolio.priorities].sort(byNumber).map((p) => ({ id: p.id, number: p.item.number ?? null, title: p.item.title })),
    objectives: [...portfolio.objectives].sort(byNumber).map((o) => objectiveRow(o, thread)),
    actions: portfolio.actions.map((a) => ({
      id: a.id,
      title: a.item.title,
      objectives: a.objectives.map((o) => ({ id: o.id, label: o.item.number !== undefined ? String(o.item.number) : o.id })),
      owner: a.owner?.item.name ?? null,
      due: formatDate(a.item.due),
      status: a.item.status?.replace('_', ' ') ?? null,
    })),
    metrics: portfolio.objectives.flatMap((o) => o.metrics).map((m) => ({
      id: m.id, name: m.item.name, unit: m.item.unit ?? null, baseline: m.item.baseline ?? null, target: m.item.target ?? null, by: formatDate(m.item.by), objective: m.objective?.id ?? null,
    })),
    projects: portfolio.projects.map((p) => ({ id: p.id, title: p.item.title })),
    findings: diagnostics.filter((d) => d.subject !== undefined && subjects.has(d.subject)).map((d) => ({
      severity: d.severity, rule: d.rule, message: d.message, location: formatLocation(d),
    })),
  };
}

export function portfolioIndexView(plan: Plan) {
  return {
    title: 'Portfolios and enabling workstreams',
    portfolios: plan.portfolios.filter((p) => p.item.kind === 'portfolio').map((p) => ({ id: p.id, name: p.item.name, path: portfolioPath(p.id), objectives: p.objectives.length, actions: p.actions.length })),
    enablers: plan.portfolios.filter((p) => p.item.kind === 'enabler').map((p) => ({ id: p.id, name: p.item.name, path: portfolioPath(p.id), objectives: p.objectives.length, actions: p.actions.length })),
  };
}
