// The link phase: resolves every id reference into the Plan graph. Reports a duplicate id once (at the
// later place, naming the first), references to ids that do not exist (with the nearest existing id)
// and references to an item of the wrong kind. References that a rule owns (an objective's owner, a
// priority's aim) are left to that rule. An item with a schema error becomes a stand-in, so references
// to it resolve and are not reported as references to nothing.

import type { Diagnostic, SourceLocation } from '../diagnostic.js';
import { formatLocation } from '../diagnostic.js';
import { withArticle } from '../english.js';
import { startOf } from '../load/located.js';
import { MANIFEST_FILE } from '../load/plan-folder.js';
import { childAt, locate, type FieldPath, type ItemSource } from '../model/locate.js';
import type { PlanSources, StandInSource } from '../model/validate.js';
import type { ModelledActuals } from '../model/actuals.js';
import { didYouMean } from '../suggest.js';
import {
  describeItem,
  kindNouns,
  type LinkedAction,
  type LinkedAim,
  type LinkedDuty,
  type LinkedItem,
  type LinkedMetric,
  type LinkedObjective,
  type LinkedOrganisation,
  type LinkedPortfolio,
  type LinkedPriority,
  type LinkedProject,
  type Plan,
} from './plan-graph.js';
import { linkDutyCoverage } from './duty-coverage.js';
import { Thread } from './thread.js';
import { linkYear } from './link-year.js';

export interface Linked {
  plan: Plan | undefined;
  diagnostics: Diagnostic[];
  /**
   * The first unknown-reference finding of each item's reference field, by `referenceKey`: a thread
   * that stops at that reference is told under it.
   */
  referenceFindings: Map<string, Diagnostic>;
}

export function referenceKey(itemId: string, field: string): string {
  return `${itemId}\u0000${field}`;
}

type Kind = LinkedItem['kind'];
type OfKind<K extends Kind> = Extract<LinkedItem, { kind: K }>;

interface Unresolved {
  kind: Kind;
  id: string;
  from: LinkedItem;
  path: FieldPath;
  found: LinkedItem | undefined;
}

const NO_ACTUALS: ModelledActuals = { actuals: [], unreadTargets: new Set(), diagnostics: [] };

export function link(sources: PlanSources, actuals: ModelledActuals = NO_ACTUALS): Linked {
  const diagnostics: Diagnostic[] = [];
  const referenceFindings = new Map<string, Diagnostic>();
  const manifest = sources.manifest;
  if (!manifest) return { plan: undefined, diagnostics, referenceFindings };

  const byId = new Map<string, LinkedItem>();
  const register = (item: LinkedItem): boolean => {
    const existing = byId.get(item.id);
    if (!existing) {
      byId.set(item.id, item);
      return true;
    }
    const there = locate(existing.item.at, ['id']);
    diagnostics.push({
      rule: 'duplicate-id', severity: 'error', ...locate(item.item.at, ['id']), subject: item.id,
      message: `The id \`${item.id}\` is used twice: ${describeItem(item)} here, and ${describeItem(existing)} at ${formatLocation(there)}.`,
      hint: 'Ids must be unique across the whole plan; rename one of them and update the references to it.',
    });
    return false;
  };

  let aim: LinkedAim | undefined;
  if (manifest.collective_aim) {
    const at: ItemSource = { ...manifest.at, node: childAt(manifest.at.node, ['collective_aim']) ?? manifest.at.node };
    aim = { kind: 'collective_aim', id: manifest.collective_aim.id, standIn: false, item: Object.assign(manifest.collective_aim, { at }), priorities: [] };
    register(aim);
  }

  const priorities: LinkedPriority[] = [];
  const portfolios: LinkedPortfolio[] = [];
  const objectives: LinkedObjective[] = [];
  const actions: LinkedAction[] = [];
  const metrics: LinkedMetric[] = [];
  const organisations: LinkedOrganisation[] = [];
  const duties: LinkedDuty[] = [];
  const projects: LinkedProject[] = [];
  const nodeOf = (source: StandInSource, standIn: boolean): LinkedItem => {
    const id = source.item.id;
    let node: LinkedItem;
    switch (source.collection) {
      case 'priorities':
        node = { id, standIn, kind: 'priority', item: source.item, aim: undefined, portfolios: [], objectives: [] };
        break;
      case 'portfolios':
        node = { id, standIn, kind: 'portfolio', item: source.item, priorities: [], crossCutting: false, objectives: [], actions: [], projects: [] };
        break;
      case 'objectives':
        node = { id, standIn, kind: 'objective', item: source.item, owner: undefined, priorities: [], prioritiesFrom: 'none', actions: [], metrics: [] };
        break;
      case 'actions':
        node = { id, standIn, kind: 'action', item: source.item, objectives: [], portfolio: undefined, owner: undefined };
        break;
      case 'metrics':
        node = { id, standIn, kind: 'metric', item: source.item, objective: undefined };
        break;
      case 'organisations':
        node = { id, standIn, kind: 'organisation', item: source.item, actions: [] };
        break;
      case 'duties':
        node = { id, standIn, kind: 'duty', item: source.item, coverage: [] };
        break;
      case 'projects':
        node = { id, standIn, kind: 'project', item: source.item, portfolios: [] };
        break;
    }
    return node;
  };
  const collections = ['priorities', 'portfolios', 'objectives', 'actions', 'metrics', 'organisations', 'duties', 'projects'] as const;
  const valid: LinkedItem[] = [];
  for (const collection of collections) for (const item of sources[collection]) valid.push(nodeOf({ collection, item } as StandInSource, false));
  const standIns = sources.standIns.map((source) => nodeOf(source, true));
  // Ids are claimed in the order the items are written (plan.yaml, then the files by path), so of two
  // items with one id the first written is kept, whatever its kind; valid items before stand-ins, so a
  // stand-in never takes the place of a valid item.
  const kept = new Set<LinkedItem>();
  for (const node of [...writtenOrder(valid), ...writtenOrder(standIns)]) if (register(node)) kept.add(node);
  const lists = { priority: priorities, portfolio: portfolios, objective: objectives, action: actions, metric: metrics, organisation: organisations, duty: duties, project: projects } as Record<Kind, LinkedItem[]>;
  for (const node of [...valid, ...standIns]) if (kept.has(node)) lists[node.kind]!.push(node);

  // Unresolved references are reported once the graph is whole, so a hint can offer only items that
  // reach the collective aim.
  const unresolved: Unresolved[] = [];
  const resolve = <K extends Kind>(kind: K, id: string, from: LinkedItem, path: FieldPath, report = true): OfKind<K> | undefined => {
    const found = byId.get(id);
    if (found && found.kind === kind) return found as OfKind<K>;
    // Nothing is reported about a stand-in beyond its own schema error.
    if (report && !from.standIn) unresolved.push({ kind, id, from, path, found });
    return undefined;
  };

  for (const priority of priorities) {
    // An aim that does not resolve is reported, with a did-you-mean, by the priority-serves-aim rule.
    if (priority.item.aim === undefined) continue;
    const target = resolve('collective_aim', priority.item.aim, priority, ['aim'], false);
    if (target) {
      priority.aim = target;
      target.priorities.push(priority);
    }
  }

  for (const portfolio of portfolios) {
    (portfolio.item.priorities ?? []).forEach((id, index) => {
      const priority = resolve('priority', id, portfolio, ['priorities', index]);
      if (priority) {
        portfolio.priorities.push(priority);
        priority.portfolios.push(portfolio);
      }
    });
    portfolio.crossCutting = portfolio.item.kind === 'enabler' && portfolio.item.priorities === undefined;
  }

  for (const objective of objectives) {
    // The owner is checked, with a did-you-mean, by the objective-has-owner rule.
    if (objective.item.portfolio !== undefined) {
      objective.owner = resolve('portfolio', objective.item.portfolio, objective, ['portfolio'], false);
      objective.owner?.objectives.push(objective);
    }
    // An empty `priorities: []` is read as absent: the objective takes its owner's priorities.
    if (objective.item.priorities !== undefined && objective.item.priorities.length > 0) {
      objective.prioritiesFrom = 'objective';
      objective.item.priorities.forEach((id, index) => {
        const priority = resolve('priority', id, objective, ['priorities', index]);
        if (priority) objective.priorities.push(priority);
      });
    } else if (objective.owner && objective.owner.priorities.length > 0) {
      objective.prioritiesFrom = 'portfolio';
      objective.priorities = objective.owner.priorities.slice();
    } else if (objective.owner?.crossCutting) {
      objective.prioritiesFrom = 'enabler';
      objective.priorities = priorities.slice();
    }
    for (const priority of objective.priorities) priority.objectives.push(objective);
  }

  for (const action of actions) {
    action.item.objectives.forEach((id, index) => {
      const objective = resolve('objective', id, action, ['objectives', index]);
      if (objective) {
        action.objectives.push(objective);
        objective.actions.push(action);
      }
    });
    if (action.item.portfolio !== undefined) action.portfolio = resolve('portfolio', action.item.portfolio, action, ['portfolio']);
    else action.portfolio = action.objectives.find((o) => o.owner)?.owner;
    action.portfolio?.actions.push(action);
    if (action.item.owner !== undefined) {
      action.owner = resolve('organisation', action.item.owner, action, ['owner']);
      action.owner?.actions.push(action);
    }
  }

  for (const metric of metrics) {
    if (metric.item.objective === undefined) continue;
    metric.objective = resolve('objective', metric.item.objective, metric, ['objective']);
    metric.objective?.metrics.push(metric);
  }

  for (const project of projects) {
    project.item.portfolios.forEach((id, index) => {
      const portfolio = resolve('portfolio', id, project, ['portfolios', index]);
      if (portfolio) {
        project.portfolios.push(portfolio);
        portfolio.projects.push(project);
      }
    });
  }

  const editions = manifest.plan.editions;
  const editionIds = editions.map((e) => e.id);
  editionIds.forEach((id, index) => {
    if (editionIds.indexOf(id) === index) return;
    diagnostics.push({
      rule: 'duplicate-id', severity: 'error', ...locate(manifest.at, ['plan', 'editions', index, 'id']), subject: id,
      message: `The edition id \`${id}\` is used twice in \`plan.editions\`.`,
      hint: 'Give each edition its own id; duty coverage refers to editions by id.',
    });
  });
  linkDutyCoverage(duties, editions, diagnostics);

  const year = linkYear(sources, actuals, { byId, objectives, metrics, organisations, actions, manifest }, diagnostics);
  const plan: Plan = { manifest, aim, editions, priorities, portfolios, objectives, actions, metrics, organisations, duties, projects, byId, year };

  if (manifest.plan.organisation !== undefined) {
    const org = byId.get(manifest.plan.organisation);
    if (!org || org.kind !== 'organisation') {
      diagnostics.push({
        rule: 'unknown-reference', severity: 'error', ...locate(manifest.at, ['plan', 'organisation']),
        message: `The plan names \`${manifest.plan.organisation}\` as its organisation, but there is no organisation with that id.${didYouMean(manifest.plan.organisation, idsOf(organisations))}`,
      });
    }
  }

  const thread = new Thread(plan);
  const candidatesOf = new Map<Kind, Candidates>();
  for (const reference of unresolved) {
    let candidates = candidatesOf.get(reference.kind);
    if (!candidates) {
      const all = [...byId.values()].filter((item) => item.kind === reference.kind);
      // A link is worth offering only to an item whose own thread reaches the collective aim.
      const onThread = reference.kind === 'organisation' ? all : thread.reaching(all);
      candidates = { all, onThread, onThreadIds: new Set(idsOf(onThread)) };
      candidatesOf.set(reference.kind, candidates);
    }
    const diagnostic = unresolvedReference(reference, candidates);
    diagnostics.push(diagnostic);
    const key = referenceKey(reference.from.id, String(reference.path[0]));
    if (!referenceFindings.has(key)) referenceFindings.set(key, diagnostic);
  }
  return { plan, diagnostics, referenceFindings };
}

interface Candidates {
  all: LinkedItem[];
  onThread: LinkedItem[];
  onThreadIds: ReadonlySet<string>;
}

function unresolvedReference({ kind, id, from, path, found }: Unresolved, candidates: Candidates): Diagnostic {
  const location: SourceLocation = locate(from.item.at, path);
  const caution = (match: string): string | undefined => (candidates.onThreadIds.has(match) ? undefined : 'It does not reach the collective aim yet either.');
  const message = found
    ? `\`${id}\` is ${describeItem(found)}, but ${withArticle(kindNouns[kind])} is expected here.`
    : `There is no ${kindNouns[kind]} with the id \`${id}\`.${didYouMean(id, idsOf(candidates.all), caution)}`;
  return { rule: 'unknown-reference', severity: 'error', ...location, subject: from.id, message, hint: useExisting(kind, id, candidates.onThread, candidates.all.length) };
}

/** Items sorted as they are written: plan.yaml first, then the files by path, then by place in the file. */
function writtenOrder(items: readonly LinkedItem[]): LinkedItem[] {
  const fileRank = (file: string): string => (file === MANIFEST_FILE ? '' : file);
  return [...items].sort((a, b) => {
    const fa = fileRank(a.item.at.file);
    const fb = fileRank(b.item.at.file);
    return fa < fb ? -1 : fa > fb ? 1 : startOf(a.item.at.node) - startOf(b.item.at.node);
  });
}

function idsOf(items: readonly LinkedItem[]): string[] {
  return items.map((item) => item.id);
}

function useExisting(kind: Kind, id: string, offered: readonly LinkedItem[], existing: number): string {
  if (existing === 0) return `The plan has no ${kindNouns[kind]} yet; add one with the id \`${id}\`, or remove this reference.`;
  if (offered.length === 0) return `No ${kindNouns[kind]} of the plan reaches the collective aim yet; fix one, or remove this reference.`;
  const ids = idsOf(offered);
  const shown = ids.length <= 12 ? ids.join(', ') : `${ids.slice(0, 12).join(', ')} and ${ids.length - 12} more`;
  return `Use the id of an existing ${kindNouns[kind]} (${shown}).`;
}
