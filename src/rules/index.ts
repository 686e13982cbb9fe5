// The registry of rules, in the order the catalogue lists them, and their entries in the catalogue.

import { ruleIds, type CatalogueEntry, type RuleId } from '../catalogue.js';
import { actionServesObjective } from './action-serves-objective.js';
import { actionTracesToAim } from './action-traces-to-aim.js';
import { dutyCovered } from './duty-covered.js';
import { linkIsReviewed } from './link-is-reviewed.js';
import { objectiveHasAction } from './objective-has-action.js';
import { objectiveHasOwner } from './objective-has-owner.js';
import { objectiveIsSmart } from './objective-is-smart.js';
import { objectiveServesPriority } from './objective-serves-priority.js';
import { portfolioHasObjectives } from './portfolio-has-objectives.js';
import { portfolioServesPriority } from './portfolio-serves-priority.js';
import { priorityServesAim } from './priority-serves-aim.js';
import type { Rule } from './rule.js';
import { actualOnTrajectory } from './actual-on-trajectory.js';
import { actualRefersToPlan } from './actual-refers-to-plan.js';
import { stocktakeUpToDate } from './stocktake-up-to-date.js';
import { targetHasCurrentActual } from './target-has-current-actual.js';
import { trajectoryEndsAtTarget } from './trajectory-ends-at-target.js';

const byId: Record<RuleId, Rule> = {
  'objective-has-owner': objectiveHasOwner,
  'objective-serves-priority': objectiveServesPriority,
  'priority-serves-aim': priorityServesAim,
  'portfolio-serves-priority': portfolioServesPriority,
  'action-traces-to-aim': actionTracesToAim,
  'action-serves-objective': actionServesObjective,
  'objective-is-smart': objectiveIsSmart,
  'objective-has-action': objectiveHasAction,
  'portfolio-has-objectives': portfolioHasObjectives,
  'duty-covered': dutyCovered,
  'link-is-reviewed': linkIsReviewed,
  'trajectory-ends-at-target': trajectoryEndsAtTarget,
  'actual-on-trajectory': actualOnTrajectory,
  'target-has-current-actual': targetHasCurrentActual,
  'actual-refers-to-plan': actualRefersToPlan,
  'stocktake-up-to-date': stocktakeUpToDate,
};

export const rules: readonly Rule[] = ruleIds.map((id) => byId[id]);

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}

export const ruleEntries: readonly CatalogueEntry[] = rules.map((rule) => ({
  id: rule.id,
  description: rule.description,
  rationale: rule.rationale,
  defaultSeverity: rule.defaultSeverity,
  configurable: true,
  docs: `rules/${rule.id}.md`,
}));
