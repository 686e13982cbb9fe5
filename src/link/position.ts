// A target's latest position, as `plan trace` shows it: for each organisation, the measured position
// (met, not met or no data) from the latest actual, the planned value for that period, and each
// recorded assessment with who made it and when. Planned, assessed and measured are named as such.
// And an action's place in the stocktake: its latest progress update, and the stocktake that still
// waits for one.

import { dateInWords, periodInWords } from '../model/period.js';
import { figureInWords, trackedTargetsOf, valueInWords } from './targets.js';
import type { TraceNode } from './trace.js';
import { organisationName, type ComplianceStatus, type PlanningYear, type TargetSeries } from './year.js';
import type { TargetHolder } from './year-graph.js';
import type { LinkedAction } from './plan-graph.js';

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

/** How long an update's first line is shown; the rest is in the stocktake document. */
const UPDATE_SHOWN = 100;

/**
 * An action's place in the stocktake: its latest progress update (quarter, status, date, who reported
 * it and its first line), and the stocktake due that still waits for an update; none for a plan that
 * reports no year and an action with no update.
 */
export function progressNodes(year: PlanningYear, action: LinkedAction): TraceNode[] {
  const [latest, ...earlier] = year.progressOf(action);
  const awaited = year.awaitedUpdate(action);
  if (!latest && year.asAt === undefined) return [];
  const nodes: TraceNode[] = [];
  if (latest) {
    const record = latest.record;
    const status = record.status ? `${record.status.replace(/_/g, ' ')}, ` : '';
    const line = record.update.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
    const shown = line.length > UPDATE_SHOWN ? `${line.slice(0, UPDATE_SHOWN - 1).trimEnd()}…` : line;
    const more = earlier.length > 0 ? ` (${earlier.length === 1 ? '1 earlier update' : `${earlier.length} earlier updates`})` : '';
    nodes.push({ relation: `latest update, for ${latest.quarter.label}: ${status}reported on ${dateInWords(record.date)}${record.reported_by ? ` by ${record.reported_by}` : ''}: ${shown}${more}`, children: [] });
  } else {
    nodes.push({ relation: 'no progress update yet', children: [] });
  }
  if (awaited) nodes.push({ relation: `the ${awaited.label} stocktake, due by ${dateInWords(awaited.end)}, still waits for an update`, children: [] });
  return nodes;
}
