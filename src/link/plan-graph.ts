// The linked plan: every item with its references resolved into objects, in both directions, so rules
// and documents can walk the golden thread (action -> objective -> priority -> collective aim) directly.

import type { Located } from '../model/locate.js';
import type {
  Action,
  CollectiveAim,
  Edition,
  Manifest,
  Metric,
  Objective,
  Organisation,
  Portfolio,
  Priority,
  Project,
  StatutoryDuty,
} from '../model/schema.js';

export interface LinkedAim {
  kind: 'collective_aim';
  id: string;
  item: Located<CollectiveAim>;
  priorities: LinkedPriority[];
}

export interface LinkedPriority {
  kind: 'priority';
  id: string;
  item: Located<Priority>;
  /** The collective aim it serves, when `aim` names the plan's aim. */
  aim: LinkedAim | undefined;
  /** Portfolios that list this priority. */
  portfolios: LinkedPortfolio[];
  /** Objectives that serve this priority, directly or through their owner. */
  objectives: LinkedObjective[];
}

export interface LinkedPortfolio {
  kind: 'portfolio';
  id: string;
  item: Located<Portfolio>;
  priorities: LinkedPriority[];
  /** True for an enabling workstream that lists no priorities: it underpins every priority. */
  crossCutting: boolean;
  objectives: LinkedObjective[];
  actions: LinkedAction[];
  projects: LinkedProject[];
}

/** Where an objective's priorities come from. */
export type PrioritySource = 'objective' | 'portfolio' | 'enabler' | 'none';

export interface LinkedObjective {
  kind: 'objective';
  id: string;
  item: Located<Objective>;
  owner: LinkedPortfolio | undefined;
  priorities: LinkedPriority[];
  prioritiesFrom: PrioritySource;
  actions: LinkedAction[];
  metrics: LinkedMetric[];
}

export interface LinkedAction {
  kind: 'action';
  id: string;
  item: Located<Action>;
  objectives: LinkedObjective[];
  /** The portfolio named on the action, or failing that the owner of its first objective. */
  portfolio: LinkedPortfolio | undefined;
  owner: LinkedOrganisation | undefined;
}

export interface LinkedMetric {
  kind: 'metric';
  id: string;
  item: Located<Metric>;
  objective: LinkedObjective | undefined;
}

export interface LinkedOrganisation {
  kind: 'organisation';
  id: string;
  item: Located<Organisation>;
  actions: LinkedAction[];
}

export interface DutyCoverage {
  edition: Edition;
  sections: string[];
}

export interface LinkedDuty {
  kind: 'duty';
  id: string;
  item: Located<StatutoryDuty>;
  /** One entry per edition of the plan, in edition order; `sections` is empty where the edition does not cover it. */
  coverage: DutyCoverage[];
}

export interface LinkedProject {
  kind: 'project';
  id: string;
  item: Located<Project>;
  portfolios: LinkedPortfolio[];
}

export type LinkedItem =
  | LinkedAim
  | LinkedPriority
  | LinkedPortfolio
  | LinkedObjective
  | LinkedAction
  | LinkedMetric
  | LinkedOrganisation
  | LinkedDuty
  | LinkedProject;

export interface Plan {
  manifest: Located<Manifest>;
  aim: LinkedAim | undefined;
  editions: Edition[];
  priorities: LinkedPriority[];
  portfolios: LinkedPortfolio[];
  objectives: LinkedObjective[];
  actions: LinkedAction[];
  metrics: LinkedMetric[];
  organisations: LinkedOrganisation[];
  duties: LinkedDuty[];
  projects: LinkedProject[];
  /** Every item by id; ids are unique across the whole plan. */
  byId: Map<string, LinkedItem>;
  /** Items left out of the plan for breaking the language (already reported), by id, as written. */
  invalid: ReadonlyMap<string, { collection: string; value: Record<string, unknown> }>;
}

/** How an item kind is named in messages. */
export const kindNouns: Record<LinkedItem['kind'], string> = {
  collective_aim: 'the collective aim',
  priority: 'priority',
  portfolio: 'portfolio',
  objective: 'objective',
  action: 'action',
  metric: 'metric',
  organisation: 'organisation',
  duty: 'statutory duty',
  project: 'project',
};

export function describeItem(item: LinkedItem): string {
  return item.kind === 'collective_aim' ? `the collective aim \`${item.id}\`` : `${kindNouns[item.kind]} \`${item.id}\``;
}

/** Compares by number when both have one, then by id: national objective 2 before 10. */
export function byNumberThenId(a: { item: { number?: number | undefined }; id: string }, b: { item: { number?: number | undefined }; id: string }): number {
  const na = a.item.number;
  const nb = b.item.number;
  if (na !== undefined && nb !== undefined && na !== nb) return na - nb;
  if (na !== undefined && nb === undefined) return -1;
  if (na === undefined && nb !== undefined) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
