// The catalogue of rules, in the order they are documented, and the built-in checks that are not rules.

import { actionServesObjective } from './action-serves-objective.js';
import { actionTracesToAim } from './action-traces-to-aim.js';
import { dutyCovered } from './duty-covered.js';
import { objectiveHasAction } from './objective-has-action.js';
import { objectiveHasOwner } from './objective-has-owner.js';
import { objectiveIsSmart } from './objective-is-smart.js';
import { objectiveServesPriority } from './objective-serves-priority.js';
import { portfolioHasObjectives } from './portfolio-has-objectives.js';
import { portfolioServesPriority } from './portfolio-serves-priority.js';
import { priorityServesAim } from './priority-serves-aim.js';
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [
  objectiveHasOwner,
  objectiveServesPriority,
  priorityServesAim,
  portfolioServesPriority,
  actionTracesToAim,
  actionServesObjective,
  objectiveIsSmart,
  objectiveHasAction,
  portfolioHasObjectives,
  dutyCovered,
] as Rule[];

/** Checks made while loading, modelling and linking. They are always errors and cannot be switched off. */
export const builtInChecks: readonly { id: string; description: string }[] = [
  { id: 'read-error', description: 'A source file cannot be read.' },
  { id: 'yaml-syntax', description: 'A source file is not valid YAML, or repeats a key in one mapping.' },
  { id: 'yaml-structure', description: 'A source file is not a mapping of collections.' },
  { id: 'unknown-key', description: 'A key is not part of the plan language (usually a typo).' },
  { id: 'schema', description: 'A value is missing or of the wrong type.' },
  { id: 'duplicate-id', description: 'Two items share an id.' },
  { id: 'unknown-reference', description: 'A reference names an id that does not exist, or an item of the wrong kind.' },
  { id: 'config', description: 'The `rules:` settings name a rule or severity that does not exist.' },
];

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}
