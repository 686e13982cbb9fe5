// The link phase: resolves every id reference into the Plan graph. Reports duplicate ids (at both
// places), references to ids that do not exist (with the nearest existing id) and references to an
// item of the wrong kind. References that a rule owns (an objective's owner) are left to that rule.

import type { Diagnostic } from '../diagnostic.js';
import { childAt, locate, type FieldPath, type ItemSource, type Located } from '../model/locate.js';
import type { PlanSources } from '../model/validate.js';
import { nearest } from '../suggest.js';
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

export function link(sources: PlanSources): { plan: Plan | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const manifest = sources.manifest;
  if (!manifest) return { plan: undefined, diagnostics };

  const byId = new Map<string, LinkedItem>();
  const register = (item: LinkedItem): boolean => {
    const existing = byId.get(item.id);
    if (existing) {
      const here = locate(item.item.at, ['id']);
      const there = locate(existing.item.at, ['id']);
      diagnostics.push(
        duplicate(here, item, existing, there),
        duplicate(there, existing, item, here),
      );
      return false;
    }
    byId.set(item.id, item);
    return true;
  };

  let aim: LinkedAim | undefined;
  if (manifest.collective_aim) {
    const at: ItemSource = { ...manifest.at, node: childAt(manifest.at.node, ['collective_aim']) ?? manifest.at.node };
    aim = { kind: 'collective_aim', id: manifest.collective_aim.id, item: Object.assign(manifest.collective_aim, { at }), priorities: [] };
    register(aim);
  }

  // Build nodes; a duplicate keeps its first occurrence in the graph.
  const keep = <T extends LinkedItem>(nodes: T[]): T[] => nodes.filter(register);
  const priorities = keep(sources.priorities.map((item): LinkedPriority => ({ kind: 'priority', id: item.id, item, aim: undefined, portfolios: [], objectives: [] })));
  const portfolios = keep(sources.portfolios.map((item): LinkedPortfolio => ({ kind: 'portfolio', id: item.id, item, priorities: [], crossCutting: false, objectives: [], actions: [], projects: [] })));
  const objectives = keep(sources.objectives.map((item): LinkedObjective => ({ kind: 'objective', id: item.id, item, owner: undefined, priorities: [], prioritiesFrom: 'none', actions: [], metrics: [] })));
  const actions = keep(sources.actions.map((item): LinkedAction => ({ kind: 'action', id: item.id, item, objectives: [], portfolio: undefined, owner: undefined })));
  const metrics = keep(sources.metrics.map((item): LinkedMetric => ({ kind: 'metric', id: item.id, item, objective: undefined })));
  const organisations = keep(sources.organisations.map((item): LinkedOrganisation => ({ kind: 'organisation', id: item.id, item, actions: [] })));
  const duties = keep(sources.duties.map((item): LinkedDuty => ({ kind: 'duty', id: item.id, item, coverage: [] })));
  const projects = keep(sources.projects.map((item): LinkedProject => ({ kind: 'project', id: item.id, item, portfolios: [] })));

  const resolve = <K extends LinkedItem['kind']>(
    kind: K,
    id: string,
    from: LinkedItem | { item: Located<unknown>; id: string | undefined },
    path: FieldPath,
    report = true,
  ): Extract<LinkedItem, { kind: K }> | undefined => {
    const found = byId.get(id);
    if (found && found.kind === kind) return found as Extract<LinkedItem, { kind: K }>;
    // An item left out for a schema error has been reported already; a reference to it is not a second mistake.
    if (!report || (!found && sources.invalid.has(id))) return undefined;
    const location = locate(from.item.at, path);
    const subject = from.id;
    if (found) {
      diagnostics.push({
        rule: 'unknown-reference', severity: 'error', ...location, ...(subject ? { subject } : {}),
        message: `\`${id}\` is ${describeItem(found)}, but ${withArticle(kindNouns[kind])} is expected here.`,
        hint: suggestionHint(kind, id, byId),
      });
    } else {
      const suggestion = nearest(id, idsOfKind(kind, byId));
      diagnostics.push({
        rule: 'unknown-reference', severity: 'error', ...location, ...(subject ? { subject } : {}),
        message: `There is no ${kindNouns[kind]} with the id \`${id}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
        hint: suggestionHint(kind, id, byId),
      });
    }
    return undefined;
  };

  for (const priority of priorities) {
    const aimId = priority.item.aim;
    if (aimId === undefined) continue; // a priority without an aim is reported by priority-serves-aim
    // An aim that does not resolve is reported, with a did-you-mean, by the priority-serves-aim rule.
    const target = resolve('collective_aim', aimId, priority, ['aim'], false);
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
      objective.priorities.push(...objective.owner.priorities);
    } else if (objective.owner?.crossCutting) {
      objective.prioritiesFrom = 'enabler';
      objective.priorities.push(...priorities);
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
    const first = editionIds.indexOf(id);
    if (first === index) return;
    diagnostics.push({
      rule: 'duplicate-id', severity: 'error', ...locate(manifest.at, ['plan', 'editions', index, 'id']), subject: id,
      message: `The edition id \`${id}\` is used twice in \`plan.editions\`.`,
      hint: 'Give each edition its own id; duty coverage refers to editions by id.',
    });
  });
  for (const duty of duties) {
    for (const key of Object.keys(duty.item.coverage)) {
      if (!editionIds.includes(key)) {
        const suggestion = nearest(key, editionIds);
        diagnostics.push({
          rule: 'unknown-reference', severity: 'error', ...locate(duty.item.at, ['coverage', key], { key: true }), subject: duty.id,
          message: `Statutory duty \`${duty.id}\` gives coverage for \`${key}\`, which is not an edition of the plan.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
          hint: editionIds.length ? `The editions, listed under \`plan.editions\` in plan.yaml, are: ${editionIds.join(', ')}.` : 'List the plan\'s editions under `plan.editions` in plan.yaml.',
        });
      }
    }
    duty.coverage = editions.map((edition) => ({ edition, sections: duty.item.coverage[edition.id] ?? [] }));
  }

  if (manifest.plan.organisation !== undefined) {
    const org = byId.get(manifest.plan.organisation);
    if (!org || org.kind !== 'organisation') {
      const suggestion = nearest(manifest.plan.organisation, idsOfKind('organisation', byId));
      diagnostics.push({
        rule: 'unknown-reference', severity: 'error', ...locate(manifest.at, ['plan', 'organisation']),
        message: `The plan names \`${manifest.plan.organisation}\` as its organisation, but there is no organisation with that id.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      });
    }
  }

  const plan: Plan = { manifest, aim, editions, priorities, portfolios, objectives, actions, metrics, organisations, duties, projects, byId, invalid: sources.invalid };
  return { plan, diagnostics };
}

function duplicate(location: ReturnType<typeof locate>, item: LinkedItem, other: LinkedItem, otherLocation: ReturnType<typeof locate>): Diagnostic {
  return {
    rule: 'duplicate-id', severity: 'error', ...location, subject: item.id,
    message: `The id \`${item.id}\` is used twice: by ${describeItem(item)} here and by ${describeItem(other)} at ${otherLocation.file}:${otherLocation.line}:${otherLocation.column}.`,
    hint: 'Ids must be unique across the whole plan; rename one of them and update the references to it.',
  };
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function idsOfKind(kind: LinkedItem['kind'], byId: Map<string, LinkedItem>): string[] {
  const ids: string[] = [];
  for (const [id, item] of byId) if (item.kind === kind) ids.push(id);
  return ids;
}

function suggestionHint(kind: LinkedItem['kind'], id: string, byId: Map<string, LinkedItem>): string {
  const ids = idsOfKind(kind, byId);
  if (ids.length === 0) return `The plan has no ${kindNouns[kind]} yet; add one with the id \`${id}\`, or remove this reference.`;
  const shown = ids.length <= 12 ? ids.join(', ') : `${ids.slice(0, 12).join(', ')} and ${ids.length - 12} more`;
  return `Use the id of an existing ${kindNouns[kind]} (${shown}).`;
}
