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
import type { PlanYear } from './year-graph.js';

// Every linked item has `standIn`: true for an item written with a schema error. Link keeps a stand-in
// so references to it resolve; the rule runner drops every finding that touches one, because the item's
// own schema error already says what to fix (as the TypeScript compiler does with its error type).

export interface LinkedAim {
  kind: 'collective_aim';
  id: string;
  standIn: boolean;
  item: Located<CollectiveAim>;
  priorities: LinkedPriority[];
}

export interface LinkedPriority {
  kind: 'priority';
  id: string;
  standIn: boolean;
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
  standIn: boolean;
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
  standIn: boolean;
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
  standIn: boolean;
  item: Located<Action>;
  objectives: LinkedObjective[];
  /** The portfolio named on the action, or failing that the owner of its first objective. */
  portfolio: LinkedPortfolio | undefined;
  owner: LinkedOrganisation | undefined;
}

export interface LinkedMetric {
  kind: 'metric';
  id: string;
  standIn: boolean;
  item: Located<Metric>;
  objective: LinkedObjective | undefined;
}

export interface LinkedOrganisation {
  kind: 'organisation';
  id: string;
  standIn: boolean;
  item: Located<Organisation>;
  actions: LinkedAction[];
}

/**
 * How one edition meets a duty: `covered` (it lists sections), `unchanged` (it changes nothing, so the
 * last edition's sections stand), `not_covered`, or `not_a_duty` (an edition before the duty's `since`).
 */
export type CoverageStatus = 'covered' | 'unchanged' | 'not_covered' | 'not_a_duty';

export interface DutyCoverage {
  edition: Edition;
  status: CoverageStatus;
  /** The sections this edition lists: empty when it is unchanged, does not cover the duty or comes before it. */
  written: string[];
  /** The sections that cover the duty in this edition: those it lists or, when unchanged, the last edition's. */
  sections: string[];
  /** True in the edition from which a duty added later (`since`) is a duty. */
  isNew: boolean;
}

export interface LinkedDuty {
  kind: 'duty';
  id: string;
  standIn: boolean;
  item: Located<StatutoryDuty>;
  /** One entry per edition of the plan, in edition order. */
  coverage: DutyCoverage[];
}

export interface LinkedProject {
  kind: 'project';
  id: string;
  standIn: boolean;
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
  /** The planning year: trajectories, assessments, actuals and progress updates (year-graph.ts). */
  year: PlanYear;
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

/** An item's own words: its title, name or statement. */
export function titleOf(item: LinkedItem): string {
  switch (item.kind) {
    case 'collective_aim':
      return item.item.statement;
    case 'portfolio':
    case 'organisation':
    case 'metric':
      return item.item.name;
    default:
      return item.item.title;
  }
}

/** Titles in messages are cut at a word near this length, so a finding stays one readable line. */
const NAME_LENGTH = 70;

function shortTitle(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= NAME_LENGTH) return oneLine;
  const cut = oneLine.slice(0, NAME_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > NAME_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/**
 * How a finding names an item: by its number or kind, its title and its id, so a planner knows it
 * without looking the id up: "National objective 2: Improve Category 2 ambulance response times (`no-02`)".
 */
export function nameOf(item: LinkedItem): string {
  const title = shortTitle(titleOf(item));
  const id = `\`${item.id}\``;
  const numbered = (kind: string, number: number | undefined): string => (number !== undefined ? `${kind} ${number}: ${title} (${id})` : `${kind} "${title}" (${id})`);
  switch (item.kind) {
    case 'collective_aim':
      return `The collective aim "${title}" (${id})`;
    case 'priority':
      return numbered('Priority', item.item.number);
    case 'portfolio':
      return numbered(item.item.kind === 'enabler' ? 'Enabling workstream' : 'Portfolio', undefined);
    case 'objective':
      return numbered(item.item.source === 'national' ? 'National objective' : 'Local objective', item.item.number);
    default:
      return numbered(`${kindNouns[item.kind].charAt(0).toUpperCase()}${kindNouns[item.kind].slice(1)}`, undefined);
  }
}

/**
 * Numbered items first, by number (national objective 2 before 10), then the rest as the plan lists
 * them: the sort is stable, so items without numbers keep the order they are written in.
 */
export function byNumber(a: { item: { number?: number | undefined } }, b: { item: { number?: number | undefined } }): number {
  const na = a.item.number;
  const nb = b.item.number;
  if (na !== undefined && nb !== undefined) return na - nb;
  if (na !== undefined) return -1;
  if (nb !== undefined) return 1;
  return 0;
}
