// A measured value keeps to its trajectory: it falls short of the value planned for its period by no
// more than the tolerance the plan sets.

import { cellOf } from '../model/actuals.js';
import { shortfall, trajectoryDirection, valueInWords } from '../link/targets.js';
import { organisationName, trackedName } from '../link/year.js';
import { defineRule } from './rule.js';

export const actualOnTrajectory = defineRule({
  id: 'actual-on-trajectory',
  description: 'Every actual is within the plan\'s tolerance of its trajectory.',
  defaultSeverity: 'warning',
  rationale:
    'The trajectory is the plan for the year. An actual that falls further short of it than the plan allows is the early warning that the target will be missed, while there is time to act on it.',
  messages: {
    offTrajectory: '{{name}}: {{organisation}} measured {{value}} in {{period}}, {{gap}} {{side}} its {{kind}} trajectory of {{planned}}; the tolerance is {{tolerance}}.',
  },
  check({ plan, year }, report) {
    const relative = plan.year.settings.tolerance_percent;
    for (const tracked of year.tracked()) {
      for (const series of year.series(tracked)) {
        for (const { actual } of series.actuals) {
          const found = year.judgedAgainst(series, actual.period);
          if (!found) continue;
          const { trajectory, value: { value: planned } } = found;
          const direction = trajectoryDirection(tracked.comparison, trajectory.values);
          const tolerance = trajectory.record.tolerance ?? (relative !== undefined ? Math.abs(planned) * relative / 100 : 0);
          const gap = shortfall(actual.value, planned, direction);
          // A hair's breadth of floating point is no shortfall.
          if (gap <= tolerance + 1e-9) continue;
          report({
            item: tracked.holder, at: cellOf(actual, 'value'), messageId: 'offTrajectory',
            data: {
              name: trackedName(tracked), organisation: organisationName(series.organisation), value: valueInWords(actual.value, tracked.unit),
              period: actual.period.label, side: direction ? 'short of' : 'away from', gap: valueInWords(round(gap), tracked.unit), planned: valueInWords(planned, tracked.unit), kind: trajectory.record.kind,
              tolerance: trajectory.record.tolerance !== undefined ? valueInWords(tolerance, tracked.unit) : relative !== undefined ? `${relative}% of the planned value` : 'none',
            },
            hint: 'Record what is being done to recover in a progress update of the actions that deliver it; if the plan itself has changed, add a `forecast` trajectory.',
          });
        }
      }
    }
  },
});

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
