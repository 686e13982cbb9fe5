// A target's latest position, as `plan trace` shows it: for each organisation, the measured position
// (met, not met or no data) from the latest actual, the planned value for that period, and each
// recorded assessment with who made it and when. Planned, assessed and measured are named as such.

import { dateInWords, periodInWords } from '../model/period.js';
import { figureInWords, trackedTargetsOf, valueInWords } from './targets.js';
import type { TraceNode } from './trace.js';
import { organisationName, type ComplianceStatus, type PlanningYear, type TargetSeries } from './year.js';
import type { TargetHolder } from './year-graph.js';

export const statusWords: Record<ComplianceStatus, string> = {
  met: 'met',
  not_met: 'not met',
  no_data: 'no data',
  not_judged: 'not judged',
};

/** The latest position of each target an item carries, one node per organisation; none when nothing is tracked. */
export function positionNodes(year: PlanningYear, holder: TargetHolder): TraceNode[] {
  const tracked = year.tracked().filter((t) => trackedTargetsOf(holder).some((own) => own.key === t.key));
  // A plan that tracks no year (no `as_at`, no trajectory, actual or assessment) has no position to show.
  const hasData = (series: TargetSeries) => series.trajectories.length + series.actuals.length + series.assessments.length > 0;
  return tracked.flatMap((t) => {
    const latest = year.latestComplete(t);
    const shown = year.series(t).filter((series) => year.asAt !== undefined || hasData(series));
    const nodes = shown.map((series): TraceNode => {
      const compliance = year.compliance(t, series);
      const measured = compliance.latest
        ? `measured ${valueInWords(compliance.latest.actual.value, t.unit)} in ${periodInWords(compliance.latest.actual.period)}`
        : 'no measured value';
      const against = compliance.figure ? ` against ${figureInWords(compliance.figure, t.unit, t.comparison)}` : '';
      const why = compliance.reason ? ` (${compliance.reason})` : '';
      const planned = compliance.planned ? `; planned ${valueInWords(compliance.planned.value, t.unit)}` : '';
      const children: TraceNode[] = series.assessments.map((a) => ({
        relation: `assessed ${a.record.status === 'met' ? 'met' : 'not met'}${a.record.words ? ` ("${a.record.words}")` : ''} by ${a.record.assessed_by} on ${dateInWords(a.record.assessed_on)}, of the ${a.record.position} position${a.record.value !== undefined ? ` ${valueInWords(a.record.value, t.unit)}` : ''}${a.period ? ` in ${periodInWords(a.period)}` : ''}`,
        children: [],
      }));
      const stale = latest && !series.actuals.some((a) => a.actual.period.kind === latest.kind && a.actual.period.index >= latest.index) ? `; no actual yet for ${periodInWords(latest)}` : '';
      return { relation: `${organisationName(series.organisation)}: ${statusWords[compliance.status]}: ${measured}${against}${planned}${why}${stale}`, children };
    });
    if (nodes.length === 0) return [];
    return t.part !== undefined ? [{ relation: `part \`${t.part}\``, children: nodes }] : nodes;
  });
}
