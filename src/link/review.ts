// Reviews of links: each link from an action or metric to an objective may keep, in `reviewed:`, a
// fingerprint of the objective's fields as they were when someone last checked that the link still
// holds. When those fields change, the link is suspect until it is reviewed again.

import { createHash } from 'node:crypto';
import type { Objective } from '../model/schema.js';
import type { LinkedAction, LinkedMetric, LinkedObjective, Plan } from './plan-graph.js';

/** The fields of an objective a review looks at, in the order of the fingerprint's four groups. */
export const reviewedFields = ['title', 'target', 'deadline', 'owner'] as const;
export type ReviewedField = (typeof reviewedFields)[number];

/** What each field is, read from the objective: the title, the target's figure, its deadline, its owner. */
function fieldValue(objective: Objective, field: ReviewedField): string {
  const target = objective.target;
  switch (field) {
    case 'title':
      // Reflowing a long title is no change of meaning.
      return objective.title.replace(/\s+/g, ' ').trim();
    case 'target':
    {
      // The fields of targets as real plans write them join only when given, so a single figure's fingerprint stays as it was.
      const more = [target?.range, target?.national, target?.organisations, target?.parts];
      const written = more.some((field) => field !== undefined) ? more.map((field) => field ?? null) : [];
      return JSON.stringify([target?.measure ?? null, target?.value ?? null, target?.comparison ?? null, target?.unit ?? null, ...written]);
    }
    case 'deadline':
      return target?.by ?? '';
    case 'owner':
      return objective.portfolio ?? '';
  }
}

/** Four hex digits for one field: a change of that field changes them, but for one time in 65,536. */
function fieldDigits(objective: Objective, field: ReviewedField): string {
  return createHash('sha256').update(`${field}\u0000${fieldValue(objective, field)}`).digest('hex').slice(0, 4);
}

/** The fingerprint of an objective as it is now: `3fa2-c1e0-7b9d-05e4` (title, target, deadline, owner). */
export function reviewFingerprint(objective: Objective): string {
  return reviewedFields.map((field) => fieldDigits(objective, field)).join('-');
}

/** The fields whose part of a recorded fingerprint no longer matches the objective. */
export function changedSinceReview(recorded: string, objective: Objective): ReviewedField[] {
  const parts = recorded.split('-');
  return reviewedFields.filter((field, index) => parts[index] !== fieldDigits(objective, field));
}

/** One link from an action or metric to an objective it serves, with its review. */
export interface ReviewedLink {
  from: LinkedAction | LinkedMetric;
  objective: LinkedObjective;
  /** The fingerprint in the source, or undefined when the link has never been reviewed. */
  recorded: string | undefined;
  /** The fields changed since the review; empty when the review holds or there is none. */
  changed: ReviewedField[];
}

/**
 * Every link from an action or metric to an objective, in the order the plan lists them. Only the
 * links with a review are fingerprinted, so a plan without reviews pays nothing for them.
 */
export function reviewedLinks(plan: Plan): ReviewedLink[] {
  const links: ReviewedLink[] = [];
  const add = (from: LinkedAction | LinkedMetric, objective: LinkedObjective) => {
    const reviews = from.item.reviewed ?? {};
    const recorded = Object.hasOwn(reviews, objective.id) ? reviews[objective.id] : undefined;
    links.push({ from, objective, recorded, changed: recorded === undefined ? [] : changedSinceReview(recorded, objective.item) });
  };
  for (const action of plan.actions) for (const objective of action.objectives) add(action, objective);
  for (const metric of plan.metrics) if (metric.objective) add(metric, metric.objective);
  return links;
}

/** The ids in an item's `reviewed:` that name no objective it serves: reviews left behind by a link taken away. */
export function reviewsWithoutLink(item: LinkedAction | LinkedMetric): string[] {
  const served = item.kind === 'action' ? item.objectives.map((o) => o.id) : item.objective ? [item.objective.id] : [];
  const named = item.kind === 'action' ? item.item.objectives : item.item.objective !== undefined ? [item.item.objective] : [];
  // A reference that does not resolve is reported on its own; its review is not a second mistake.
  return Object.keys(item.item.reviewed ?? {}).filter((id) => !served.includes(id) && !named.includes(id));
}
