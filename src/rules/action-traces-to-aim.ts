// Every action reaches the collective aim: action -> objective -> priority -> aim. When the action
// names no objective, the thread may run through the action's portfolio instead (and the
// action-serves-objective rule warns about the missing objective).

import type { LinkedAction, LinkedObjective, LinkedPriority } from '../link/plan-graph.js';
import { defineRule } from './rule.js';

export const actionTracesToAim = defineRule({
  id: 'action-traces-to-aim',
  description: 'Every action reaches the collective aim through objective, priority and aim.',
  defaultSeverity: 'error',
  rationale:
    'The golden thread is the promise that every action the system takes serves its one collective aim. An action whose thread breaks is effort the plan cannot account for.',
  messages: {
    broken: 'Action `{{id}}` does not reach the collective aim: {{howFar}}.',
  },
  check(plan, report) {
    for (const action of plan.actions) {
      // An objective left out for a schema error cannot be followed; its own error says what to fix.
      if (action.objectives.length === 0 && action.item.objectives.some((id) => plan.invalid.has(id))) continue;
      const howFar = breakOf(action);
      if (howFar !== undefined) report({ item: action, messageId: 'broken', data: { id: action.id, howFar }, hint: hintFor(action) });
    }
  },
});

const reaches = (priority: LinkedPriority): boolean => priority.aim !== undefined;
const objectiveReaches = (objective: LinkedObjective): boolean => objective.priorities.some(reaches);

/** Undefined when the action reaches the aim; otherwise how far its thread got, in words. */
export function breakOf(action: LinkedAction): string | undefined {
  if (action.objectives.length > 0) {
    if (action.objectives.some(objectiveReaches)) return undefined;
    return action.objectives.map((objective) => objectiveBreak(objective)).join('; ');
  }
  if (action.item.objectives.length > 0) {
    return `the thread stops at the action: none of the objectives it names (${action.item.objectives.join(', ')}) exists`;
  }
  const portfolio = action.item.portfolio !== undefined ? action.portfolio : undefined;
  if (!portfolio) return 'the thread stops at the action: it serves no objective and names no portfolio';
  if (portfolio.priorities.some(reaches) || portfolio.crossCutting) return undefined;
  if (portfolio.priorities.length === 0) return `the thread stops at portfolio \`${portfolio.id}\`: the action serves no objective, and its portfolio serves no priority`;
  return `the thread stops at ${portfolio.priorities.map((p) => `priority \`${p.id}\``).join(' and ')}, which serves no collective aim`;
}

function objectiveBreak(objective: LinkedObjective): string {
  if (objective.priorities.length === 0) return `the thread stops at objective \`${objective.id}\`, which serves no priority`;
  return `the thread reaches objective \`${objective.id}\` and ${objective.priorities.map((p) => `priority \`${p.id}\``).join(', ')}, but stops there: no collective aim is served`;
}

function hintFor(action: LinkedAction): string {
  if (action.objectives.length === 0) return 'Add `objectives:` naming the objective(s) this action delivers.';
  const first = action.objectives[0]!;
  if (first.priorities.length === 0) return `Give objective \`${first.id}\` a priority (or an owner that has priorities).`;
  return `Give priority \`${first.priorities[0]!.id}\` the collective aim in \`aim:\`.`;
}
