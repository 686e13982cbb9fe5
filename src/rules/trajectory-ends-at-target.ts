// A trajectory leads to its target: its last planned value reaches the target's figure, and every
// period it plans is inside the plan period.

import { locate } from '../model/locate.js';
import { figureFor, figureInWords, judge, trackedTargetsOf, trajectoryDirection, valueInWords } from '../link/targets.js';
import { organisationName, trackedName } from '../link/year.js';
import { defineRule } from './rule.js';

export const trajectoryEndsAtTarget = defineRule({
  id: 'trajectory-ends-at-target',
  description: 'Every trajectory ends at its target, within the plan period.',
  defaultSeverity: 'warning',
  rationale:
    'A planned trajectory is the plan for reaching a target month by month or quarter by quarter. One that ends short of the target plans to miss it, and a period outside the plan year is no part of this plan; either way the plan and its target disagree.',
  messages: {
    endsShort: '{{name}}: the planned trajectory for {{organisation}} ends at {{last}} in {{period}}, which does not reach the target of {{figure}}.',
    outsidePlan: '{{name}}: the {{kind}} trajectory for {{organisation}} plans {{period}}, which is outside the plan period ({{start}} to {{end}}).',
  },
  check({ plan }, report) {
    const { start, end } = plan.manifest.plan.period;
    for (const trajectory of plan.year.trajectories) {
      const tracked = trackedTargetsOf(trajectory.holder).find((t) => t.part === trajectory.part);
      if (!tracked) continue;
      const data = { name: trackedName(tracked), kind: trajectory.record.kind, organisation: organisationName(trajectory.organisation) };
      for (const { period } of trajectory.values) {
        if (period.start >= start && period.end <= end) continue;
        report({
          item: trajectory.holder, at: locate(trajectory.record.at, ['values', period.label], { key: true }), messageId: 'outsidePlan',
          data: { ...data, period: period.label, start, end },
          hint: `Plan only the periods from ${start} to ${end}; a later year's trajectory belongs in that year's plan.`,
        });
      }
      const last = trajectory.values[trajectory.values.length - 1];
      if (!last || trajectory.record.kind !== 'planned') continue;
      // Judged against the figure due by the end of the trajectory: one due later is not yet its end.
      const milestone = figureFor(tracked, trajectory.organisation?.id, last.period.end);
      if (!milestone || (milestone.by !== undefined && milestone.by > last.period.end)) continue;
      // A plain figure with no direction is reached only by reaching it exactly (or by ending inside a range).
      const judgement = judge(last.value, milestone.figure, trajectoryDirection(tracked.comparison, trajectory.values));
      if (judgement === 'met' || (judgement === 'no_direction' && last.value === milestone.figure.value)) continue;
      report({
        item: trajectory.holder, at: locate(trajectory.record.at, ['values', last.period.label]), messageId: 'endsShort',
        data: { ...data, last: valueInWords(last.value, tracked.unit), period: last.period.label, figure: figureInWords(milestone.figure, tracked.unit, tracked.comparison) },
        hint: `Make the last value reach ${figureInWords(milestone.figure, tracked.unit, tracked.comparison)}, or record that the plan expects to miss the target as a \`forecast\` trajectory.`,
      });
    }
  },
});
