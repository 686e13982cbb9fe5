// The performance document: for every tracked target, each organisation's position, measured,
// planned and assessed, each named as such, with the status always in words; a chart of trajectory
// against actuals with its text summary and data table; and the recorded assessments by organisation,
// as the plan's submission lists them.

import { dateInWords, periodInWords } from '../../model/period.js';
import type { Plan } from '../../link/plan-graph.js';
import { statusWords } from '../../link/position.js';
import { figureInWords, milestoneInForce, valueInWords, type TrackedTarget } from '../../link/targets.js';
import { organisationName, PlanningYear, type ComplianceStatus, type TargetSeries } from '../../link/year.js';
import { trajectoryChart } from '../charts/trajectory-chart.js';
import { formatDate } from '../engine.js';

const statusTags: Record<ComplianceStatus, string> = { met: 'green', not_met: 'red', no_data: 'grey', not_judged: 'grey' };

/** How a document names a target: the objective's number and title, or the metric's name. */
function targetTitle(t: TrackedTarget): string {
  const holder = t.holder;
  const base = holder.kind === 'objective'
    ? `${holder.item.source === 'national' ? 'National objective' : 'Local objective'}${holder.item.number !== undefined ? ` ${holder.item.number}` : ''}: ${holder.item.title}`
    : `Metric: ${holder.item.name}`;
  return t.part !== undefined ? `${base} (part ${t.part})` : base;
}

function chartOf(year: PlanningYear, t: TrackedTarget, series: TargetSeries, nextIndex: () => number) {
  const periods = new Map<number, string>();
  const kind = year.periodKind(t);
  for (const tr of series.trajectories) for (const v of tr.values) if (v.period.kind === kind) periods.set(v.period.index, v.period.label);
  for (const a of series.actuals) if (a.actual.period.kind === kind) periods.set(a.actual.period.index, a.actual.period.label);
  if (periods.size === 0) return undefined;
  const index = nextIndex();
  const labels = [...periods.entries()].sort((a, b) => a[0] - b[0]).map(([, label]) => label);
  const lines = [
    ...series.trajectories.map((tr) => ({ label: tr.record.kind === 'planned' ? 'Planned' : 'Forecast', kind: tr.record.kind, points: tr.values.filter((v) => v.period.kind === kind).map((v) => ({ period: v.period.label, value: v.value })) })),
    ...(series.actuals.length ? [{ label: 'Measured', kind: 'measured' as const, points: series.actuals.filter((a) => a.actual.period.kind === kind).map((a) => ({ period: a.actual.period.label, value: a.actual.value })) }] : []),
  ];
  const milestone = milestoneInForce(t, undefined);
  const figure = milestone ? (milestone.figure.range ? [...milestone.figure.range] : [milestone.figure.value]) : [];
  const who = organisationName(series.organisation);
  const measured = series.actuals.length;
  const planned = series.trajectories.reduce((n, tr) => n + tr.values.length, 0);
  const last = series.actuals[series.actuals.length - 1];
  const summary = `${who}: ${planned} planned value${planned === 1 ? '' : 's'} and ${measured} measured value${measured === 1 ? '' : 's'} from ${labels[0]} to ${labels[labels.length - 1]}${milestone ? `, against a target of ${figureInWords(milestone.figure, t.unit, t.comparison)}` : ''}.${last ? ` The latest measured value is ${valueInWords(last.actual.value, t.unit)} in ${periodInWords(last.actual.period)}.` : ' No value has been measured yet.'}`;
  const rows = labels.map((label) => ({
    period: label,
    values: lines.map((l) => {
      const point = l.points.find((p) => p.period === label);
      return point ? valueInWords(point.value, t.unit) : '–';
    }),
  }));
  const svg = trajectoryChart({ id: `chart-${index}`, title: `${targetTitle(t)}: ${who}`, description: summary, periods: labels, series: lines, target: figure, unit: t.unit });
  return { id: `chart-${index}`, svg, summary, caption: `${who}: planned and measured values by period`, headings: lines.map((l) => l.label), rows };
}

export function performanceView(plan: Plan) {
  const year = new PlanningYear(plan);
  let chartCount = 0;
  const counts: Record<ComplianceStatus, number> = { met: 0, not_met: 0, no_data: 0, not_judged: 0 };
  const targets = year.tracked().map((t) => {
    const latest = year.latestComplete(t);
    const figure = milestoneInForce(t, undefined);
    const positions = year.series(t).map((series) => {
      const c = year.compliance(t, series);
      counts[c.status]++;
      return {
        organisation: organisationName(series.organisation),
        status: c.status,
        statusWords: statusWords[c.status].charAt(0).toUpperCase() + statusWords[c.status].slice(1),
        tag: statusTags[c.status],
        measured: c.latest ? `${valueInWords(c.latest.actual.value, t.unit)} in ${periodInWords(c.latest.actual.period)}` : undefined,
        planned: c.planned ? valueInWords(c.planned.value, t.unit) : undefined,
        reason: c.reason,
        stale: latest !== undefined && !series.actuals.some((a) => a.actual.period.kind === latest.kind && a.actual.period.index >= latest.index) ? periodInWords(latest) : undefined,
        assessments: series.assessments.map((a) => ({
          statusWords: a.record.status === 'met' ? 'Met' : 'Not met',
          tag: a.record.status === 'met' ? 'green' : 'red',
          words: a.record.words,
          position: a.record.position,
          value: a.record.value !== undefined ? valueInWords(a.record.value, t.unit) : undefined,
          period: a.period ? periodInWords(a.period) : undefined,
          by: a.record.assessed_by,
          on: dateInWords(a.record.assessed_on),
          source: a.record.source,
        })),
      };
    });
    const charts = year.series(t).map((series) => chartOf(year, t, series, () => ++chartCount)).filter((c) => c !== undefined);
    return {
      key: t.key,
      anchor: t.key.replace(/[^A-Za-z0-9_-]/g, '-'),
      title: targetTitle(t),
      measure: t.measure,
      figure: figure ? figureInWords(figure.figure, t.unit, t.comparison) : undefined,
      national: t.national ? figureInWords(t.national, t.unit) : undefined,
      by: figure?.by ? formatDate(figure.by) : undefined,
      positions,
      charts,
    };
  });
  // The assessments again, by organisation, as a submission lists its positions.
  const byOrganisation = new Map<string, { organisation: string; lines: { target: string; statusWords: string; tag: string; words: string | undefined; value: string | undefined; period: string | undefined }[] }>();
  for (const t of year.tracked()) {
    for (const series of year.series(t)) {
      for (const a of series.assessments) {
        const who = organisationName(series.organisation);
        const entry = byOrganisation.get(who) ?? { organisation: who, lines: [] };
        entry.lines.push({
          target: targetTitle(t), statusWords: a.record.status === 'met' ? 'Met' : 'Not met', tag: a.record.status === 'met' ? 'green' : 'red',
          words: a.record.words, value: a.record.value !== undefined ? valueInWords(a.record.value, t.unit) : undefined, period: a.period ? periodInWords(a.period) : undefined,
        });
        byOrganisation.set(who, entry);
      }
    }
  }
  return {
    title: 'Performance',
    asAt: year.asAt ? dateInWords(year.asAt) : undefined,
    counts,
    targets,
    assessedByOrganisation: [...byOrganisation.values()],
  };
}
