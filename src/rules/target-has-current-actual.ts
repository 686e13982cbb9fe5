// Every tracked target has an actual for the latest complete period, by the day the plan reports at
// (`year.as_at`): otherwise its position is stale.

import { listInWords } from '../english.js';
import { dateInWords, periodInWords } from '../model/period.js';
import { organisationName, trackedName } from '../link/year.js';
import { defineRule } from './rule.js';

export const targetHasCurrentActual = defineRule({
  id: 'target-has-current-actual',
  description: 'Every target with a figure has an actual for the latest complete period.',
  defaultSeverity: 'warning',
  rationale:
    'A position reported on old figures looks better or worse than it is. Each month or quarter that has ended by the day the plan reports at (`year.as_at`) should have its measured value, for every organisation the target is tracked for.',
  messages: {
    stale: '{{name}} has no actual for {{period}}, the latest complete {{kind}} at {{asAt}}, for {{organisations}}{{latest}}.',
  },
  check({ plan, year }, report) {
    if (year.asAt === undefined) return;
    for (const tracked of year.tracked()) {
      if (tracked.milestones.length === 0 || plan.year.unread.has(tracked.holder.id)) continue;
      const period = year.latestComplete(tracked);
      if (!period) continue;
      const behind = year.behind(tracked);
      if (behind.length === 0) continue;
      const latest = behind.flatMap((s) => s.actuals).map((a) => a.actual.period).sort((a, b) => b.index - a.index)[0];
      report({
        item: tracked.holder, path: ['target'], key: true, messageId: 'stale',
        data: {
          name: trackedName(tracked), period: periodInWords(period), kind: period.kind, asAt: dateInWords(year.asAt),
          organisations: listInWords(behind.map((s) => organisationName(s.organisation))),
          latest: latest ? ` (the latest is for ${periodInWords(latest)})` : ' (none has been recorded)',
        },
        hint: `Add a row for ${period.label} to a CSV file in the plan's actuals/ folder: \`${tracked.holder.id},${behind[0]!.organisation?.id ?? 'ORGANISATION'},${period.label},VALUE\`.`,
      });
    }
  },
});
