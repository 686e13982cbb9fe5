// One page per portfolio or enabling workstream: focus, priorities, objectives with targets and
// deadlines, the actions serving them, metrics; on the team's site also SMART status and the findings.

import type { Diagnostic } from '../../diagnostic.js';
import { formatLocation } from '../../diagnostic.js';
import { byNumber, type LinkedPortfolio } from '../../link/plan-graph.js';
import type { Thread } from '../../link/thread.js';
import { formatDate } from '../engine.js';
import { comparisonOf } from '../../model/schema.js';
import { directedFigure, figureText, objectiveRow, portfolioRef, priorityRef, sharedFor } from './shared.js';
import type { SiteMap } from './site.js';

/** A portfolio's actions, as both sites list them. */
const actionsOf = sharedFor((portfolio: LinkedPortfolio) => portfolio.actions.map((a) => ({
  id: a.id,
  title: a.item.title,
  // Each objective by its number, or by its title where it has none.
  objectives: a.objectives.map((o) => ({ id: o.id, label: o.item.number !== undefined ? String(o.item.number) : o.item.title })),
  owner: a.owner?.item.name ?? null,
  due: formatDate(a.item.due),
  status: a.item.status?.replace('_', ' ') ?? null,
})));

/** The metrics of a portfolio's objectives, as both sites list them. */
const metricsOf = sharedFor((portfolio: LinkedPortfolio) => portfolio.objectives.flatMap((o) => o.metrics).map((m) => ({
  id: m.id,
  name: m.item.name,
  baseline: m.item.baseline !== undefined ? figureText(m.item.baseline, m.item.unit) : null,
  target: m.item.target !== undefined ? directedFigure(m.item.target, m.item.unit, comparisonOf({ value: m.item.target, baseline: m.item.baseline, comparison: m.item.comparison })) : null,
  by: formatDate(m.item.by),
})));

export function portfolioView(thread: Thread, portfolio: LinkedPortfolio, diagnostics: readonly Diagnostic[], map: SiteMap) {
  const subjects = new Set<string>([portfolio.id, ...portfolio.objectives.map((o) => o.id), ...portfolio.actions.map((a) => a.id)]);
  const actions = actionsOf(portfolio);
  const metrics = metricsOf(portfolio);
  const terms = map.terms;
  const enabler = portfolio.item.kind === 'enabler';
  return {
    id: portfolio.id,
    title: portfolio.item.name,
    kind: enabler ? terms.Enabler : terms.Portfolio,
    /** The kind in running text: "This portfolio owns…", not "This Portfolio owns…". */
    kindLower: enabler ? terms.enabler : terms.portfolio,
    description: portfolio.item.description ?? null,
    focus: portfolio.item.focus,
    crossCutting: portfolio.crossCutting,
    priorities: [...portfolio.priorities].sort(byNumber).map(priorityRef),
    objectives: [...portfolio.objectives].sort(byNumber).map((o) => objectiveRow(o, thread, map)),
    actions,
    // The public site leaves out a column that no action fills, rather than a column of "Not given".
    columns: {
      objectives: map.team || actions.some((a) => a.objectives.length > 0),
      owner: map.team || actions.some((a) => a.owner),
      due: map.team || actions.some((a) => a.due),
    },
    metrics,
    /** On the team's site, the page of the performance document with this portfolio's tracked targets. */
    performancePath: map.performancePath(portfolio),
    metricColumns: {
      baseline: map.team || metrics.some((m) => m.baseline !== null),
      by: map.team || metrics.some((m) => m.by),
    },
    projects: portfolio.projects.map((p) => ({ id: p.id, title: p.item.title, description: p.item.description ?? null, workstreams: p.item.workstreams })),
    findings: map.team
      ? diagnostics.filter((d) => d.subject !== undefined && subjects.has(d.subject)).map((d) => ({
        severity: d.severity, rule: d.rule, message: d.message, context: d.context ?? [], hint: d.hint ?? null, location: formatLocation(d),
      }))
      : [],
  };
}

export function portfolioIndexView(map: SiteMap) {
  const entry = (p: LinkedPortfolio) => ({ ...portfolioRef(p, map), objectives: p.objectives.length, actions: p.actions.length });
  const listed = map.plan.portfolios.filter((p) => map.hasPage(p));
  return {
    title: `${map.terms.Portfolios} and ${map.terms.enablers}`,
    portfolios: listed.filter((p) => p.item.kind === 'portfolio').map(entry),
    enablers: listed.filter((p) => p.item.kind === 'enabler').map(entry),
  };
}
