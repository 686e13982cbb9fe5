// The compiled plan as plain JSON data: every item with its resolved links and its source location.
// This shape is a public contract (docs/cli.md, "plan export"); `plan.json` in a build is the same.

import type { LinkedItem, Plan } from '../link/plan-graph.js';
import { Thread } from '../link/thread.js';
import { locate } from '../model/locate.js';
import { exportYear } from './year-export.js';
import { comparisonOf } from '../model/schema.js';

export const EXPORT_FORMAT = 'plan-compiled/1';

function location(item: LinkedItem) {
  const { file, line, column } = locate(item.item.at);
  return { file, line, column };
}

const ids = (items: readonly LinkedItem[]): string[] => written(items).map((i) => i.id);

/** Items with a schema error are left out: they are stand-ins, not the plan as written. */
const written = <T extends LinkedItem>(items: readonly T[]): T[] => items.filter((item) => !item.standIn);

export function exportPlan(plan: Plan) {
  const info = plan.manifest.plan;
  const thread = new Thread(plan);
  return {
    format: EXPORT_FORMAT,
    plan: {
      id: info.id,
      title: info.title,
      system: info.system,
      population: info.population ?? null,
      period: info.period,
      published: info.published ?? null,
      vision: info.vision ?? null,
      organisation: info.organisation ?? null,
      editions: plan.editions.map((e) => ({ id: e.id, title: e.title, published: e.published ?? null })),
      terms: info.terms,
      stated_counts: info.stated_counts,
      prose: plan.manifest.prose,
    },
    principles: plan.manifest.principles
      ? { title: plan.manifest.principles.title ?? null, description: plan.manifest.principles.description ?? null, items: plan.manifest.principles.items }
      : null,
    collective_aim: plan.aim
      ? {
          id: plan.aim.id,
          statement: plan.aim.item.statement,
          measure: plan.aim.item.measure ?? null,
          direction: plan.aim.item.direction ?? null,
          priorities: ids(plan.aim.priorities),
          location: location(plan.aim),
        }
      : null,
    priorities: written(plan.priorities).map((p) => ({
      id: p.id,
      number: p.item.number ?? null,
      title: p.item.title,
      description: p.item.description ?? null,
      aim: p.aim?.id ?? null,
      portfolios: ids(p.portfolios),
      objectives: ids(p.objectives),
      location: location(p),
    })),
    portfolios: written(plan.portfolios).map((p) => ({
      id: p.id,
      name: p.item.name,
      short_name: p.item.short_name ?? null,
      kind: p.item.kind,
      focus: p.item.focus,
      priorities: p.crossCutting ? ids(plan.priorities) : ids(p.priorities),
      cross_cutting: p.crossCutting,
      objectives: ids(p.objectives),
      actions: ids(p.actions),
      projects: ids(p.projects),
      location: location(p),
    })),
    objectives: written(plan.objectives).map((o) => {
      const smart = thread.smart(o);
      return {
        id: o.id,
        number: o.item.number ?? null,
        title: o.item.title,
        source: o.item.source,
        area: o.item.area ?? null,
        portfolio: o.owner?.id ?? null,
        priorities: ids(o.priorities),
        priorities_from: o.prioritiesFrom,
        // Which way the figure points is always said: as written, or derived as docs/language.md says.
        target: o.item.target ? { ...o.item.target, ...(o.item.target.value !== undefined ? { comparison: comparisonOf(o.item.target) } : {}) } : null,
        description: o.item.description ?? null,
        actions: ids(o.actions),
        metrics: ids(o.metrics),
        smart: { specific: smart.specific, measurable: smart.measurable, relevant: smart.relevant, timely: smart.timely, gaps: smart.failures.map((f) => `${f.letter}: ${f.reason}`) },
        location: location(o),
      };
    }),
    actions: written(plan.actions).map((a) => ({
      id: a.id,
      title: a.item.title,
      objectives: ids(a.objectives),
      portfolio: a.portfolio?.id ?? null,
      owner: a.owner?.id ?? null,
      due: a.item.due ?? null,
      status: a.item.status ?? null,
      description: a.item.description ?? null,
      reaches_aim: thread.reaches(a),
      location: location(a),
    })),
    metrics: written(plan.metrics).map((m) => ({
      id: m.id,
      name: m.item.name,
      unit: m.item.unit ?? null,
      baseline: m.item.baseline ?? null,
      target: m.item.target ?? null,
      comparison: m.item.target !== undefined ? comparisonOf({ value: m.item.target, baseline: m.item.baseline, comparison: m.item.comparison }) : null,
      by: m.item.by ?? null,
      objective: m.objective?.id ?? null,
      source: m.item.source ?? null,
      location: location(m),
    })),
    organisations: written(plan.organisations).map((o) => ({
      id: o.id,
      name: o.item.name,
      short_name: o.item.short_name ?? null,
      type: o.item.type,
      actions: ids(o.actions),
      location: location(o),
    })),
    duties: written(plan.duties).map((d) => ({
      id: d.id,
      title: d.item.title,
      requirement: d.item.requirement ?? null,
      since: d.item.since ?? null,
      coverage: Object.fromEntries(d.coverage.map((c) => [c.edition.id, c.sections])),
      status: Object.fromEntries(d.coverage.map((c) => [c.edition.id, c.status])),
      covered: d.coverage.some((c) => c.sections.length > 0),
      location: location(d),
    })),
    projects: written(plan.projects).map((p) => ({
      id: p.id,
      title: p.item.title,
      description: p.item.description ?? null,
      workstreams: p.item.workstreams,
      portfolios: ids(p.portfolios),
      location: location(p),
    })),
    year: exportYear(plan),
  };
}

export type PlanExport = ReturnType<typeof exportPlan>;
