// Every action reaches the collective aim: action -> objective -> priority -> aim. When the action
// names no objective, the thread may run through the action's portfolio instead (and the
// action-serves-objective rule warns about the missing objective).

import { nameOf } from '../link/plan-graph.js';
import { gapInWords, mendInWords } from '../link/thread.js';
import { defineRule } from './rule.js';

export const actionTracesToAim = defineRule({
  id: 'action-traces-to-aim',
  description: 'Every action reaches the collective aim through objective, priority and aim.',
  defaultSeverity: 'error',
  rationale:
    'The golden thread is the promise that every action the system takes serves its one collective aim. An action whose thread breaks is effort the plan cannot account for.',
  messages: {
    broken: '{{name}} does not reach the collective aim: the thread stops where {{where}}.',
    brokenAlso: 'does not reach the collective aim',
  },
  check({ plan, thread }, report) {
    for (const action of plan.actions) {
      const { reaches, gaps } = thread.of(action);
      if (reaches) continue;
      report({
        // Every gap is reported where it is; this is what follows from it for the action.
        item: action, because: gaps, messageId: 'broken', consequenceId: 'brokenAlso',
        data: { name: nameOf(action), where: gaps.map((gap) => gapInWords(gap, action)).join('; and where ') },
        hint: gaps.slice(0, 3).map((gap) => mendInWords(gap, plan)).join(' '),
      });
    }
  },
});
