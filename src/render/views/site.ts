// What every page shares: the site's title and navigation, and the path back to the site's root.

import type { Plan } from '../../link/plan-graph.js';
import { formatDate } from '../engine.js';

export interface NavItem {
  title: string;
  path: string;
  current: boolean;
}

/** The documents of a build, in the order the front page and navigation list them. */
export const documents = [
  { path: 'summary', title: 'Summary', description: 'The published summary of the plan: our system, priorities, portfolios and the national objectives.' },
  { path: 'plan-on-a-page', title: 'Plan on a page', description: 'The golden thread on one page: collective aim, priorities, portfolios and objectives.' },
  { path: 'objectives', title: 'Objectives', description: 'Every objective with its owner, priorities, target, deadline and the actions serving it.' },
  { path: 'duties', title: 'Statutory duties', description: 'The Joint Forward Plan\'s statutory duties and where each edition covers them.' },
  { path: 'performance', title: 'Performance', description: 'Where each target stands for each organisation: measured, planned and assessed, with charts of trajectory against actuals.' },
  { path: 'stocktake', title: 'Stocktake', description: 'Every action with its latest progress update, by portfolio.' },
  { path: 'gaps', title: 'Gap report', description: 'Where the plan does not hang together, with the source line of every finding.' },
] as const;

export interface SiteView {
  planId: string;
  title: string;
  system: string;
  organisation: string | undefined;
  published: string;
  nav: NavItem[];
}

export function siteView(plan: Plan, current: string): SiteView {
  const info = plan.manifest.plan;
  const org = info.organisation ? plan.byId.get(info.organisation) : undefined;
  return {
    planId: info.id,
    title: info.title,
    system: info.system,
    organisation: org?.kind === 'organisation' ? org.item.name : undefined,
    published: formatDate(info.published),
    nav: [{ path: 'index', title: 'Home' }, ...documents, { path: 'portfolios', title: 'Portfolios' }].map((d) => ({
      title: d.title,
      path: d.path,
      current: d.path === current,
    })),
  };
}

/** `''` for a page at the root of the site, `'../'` for one in a sub-folder. */
export function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

export function portfolioPath(id: string): string {
  return `portfolios/${id}`;
}
