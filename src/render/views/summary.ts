// The published summary (the structure of the Operational Plan Summary): introduction, our system,
// purpose, priorities and collective aim, pathway redesign, the portfolio table, next steps, Appendix one.

import { byNumber } from '../../link/plan-graph.js';
import { MAX_OBJECTIVE_NODES } from '../diagram/nodes.js';
import { countsFromOne, numberList, portfolioRef, priorityRef } from './shared.js';
import type { SiteMap } from './site.js';

export function summaryView(map: SiteMap) {
  const plan = map.plan;
  const prose = plan.manifest.prose;
  const national = plan.objectives.filter((o) => o.item.source === 'national').sort(byNumber);
  const priorities = [...plan.priorities].sort(byNumber).map((p) => ({ ...priorityRef(p), description: p.item.description ?? null }));
  const title = plan.manifest.plan.title;
  const summarised = plan.objectives.length > MAX_OBJECTIVE_NODES;
  return {
    title: `${title} Summary`,
    // "The purpose of the Operational Plan 2023/24"; a title that starts with "The" is not given a second one.
    purposeHeading: `The purpose of ${/^the\s/i.test(title) ? title.replace(/^The/, 'the') : `the ${title}`}`,
    // The vision is shown on its own unless the purpose prose already quotes it.
    vision: plan.manifest.plan.vision && !(prose.purpose ?? '').includes(plan.manifest.plan.vision) ? plan.manifest.plan.vision : null,
    prose: {
      introduction: prose.introduction ?? null,
      system_explained: prose.system_explained ?? null,
      purpose: prose.purpose ?? null,
      system_priorities: prose.system_priorities ?? null,
      pathway_redesign: prose.pathway_redesign ?? null,
      portfolio_summary: prose.portfolio_summary ?? null,
      summary_and_next_steps: prose.summary_and_next_steps ?? null,
    },
    aim: plan.aim ? { statement: plan.aim.item.statement, measure: plan.aim.item.measure ?? null } : null,
    priorities,
    prioritiesOrdered: countsFromOne(priorities),
    projects: plan.projects.map((p) => ({ id: p.id, title: p.item.title, description: p.item.description ?? null, workstreams: p.item.workstreams })),
    // A column of national objectives, and of local ones, only in a plan that has some.
    nationalColumn: national.length > 0,
    localColumn: plan.objectives.some((o) => o.item.source === 'local'),
    portfolios: plan.portfolios.filter((p) => p.item.kind === 'portfolio').map((p) => ({
      ...portfolioRef(p, map),
      focus: p.item.focus,
      objectives: numberList([...p.objectives].filter((o) => o.item.source === 'national').sort(byNumber)),
      // Each by its title; in a plan with hundreds, how many (each portfolio's page lists them).
      localObjectives: summarised ? [] : [...p.objectives].filter((o) => o.item.source === 'local').sort(byNumber).map((o) => o.item.title),
      localCount: p.objectives.filter((o) => o.item.source === 'local').length,
      priorities: numberList([...p.priorities].sort(byNumber)),
      deliverables: p.actions.map((a) => a.item.title),
    })),
    enablers: plan.portfolios.filter((p) => p.item.kind === 'enabler').map((p) => portfolioRef(p, map)),
    principles: plan.manifest.principles ?? null,
    nationalObjectives: national.map((o) => ({
      id: o.id,
      number: o.item.number ?? null,
      title: o.item.title,
      portfolio: o.owner ? portfolioRef(o.owner, map) : null,
    })),
  };
}
