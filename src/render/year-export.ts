// The planning year as plain JSON data, for `plan export` and plan.json: every tracked target with its
// planned, assessed and measured positions kept apart, per organisation, with compliance computed from
// the latest actual; and every action's progress at the stocktake. Part of the public contract
// (docs/cli.md, "plan export").

import { locate } from '../model/locate.js';
import type { Figure, Milestone } from '../link/targets.js';
import { PlanningYear } from '../link/year.js';
import type { Plan } from '../link/plan-graph.js';

const figureJson = (figure: Figure | undefined) => (figure ? { value: figure.value ?? null, range: figure.range ? [...figure.range] : null } : null);
const milestoneJson = (m: Milestone) => ({ ...figureJson(m.figure)!, by: m.by ?? null });

export function exportYear(plan: Plan) {
  const year = PlanningYear.of(plan);
  const due = year.dueStocktake();
  return {
    as_at: year.asAt ?? null,
    stocktakes: year.stocktakes().map((q) => q.label),
    due_stocktake: due?.label ?? null,
    tolerance_percent: plan.year.settings.tolerance_percent ?? null,
    targets: year.tracked().map((tracked) => {
      const latest = year.latestComplete(tracked);
      return {
        key: tracked.key,
        target: tracked.holder.id,
        part: tracked.part ?? null,
        measure: tracked.measure ?? null,
        unit: tracked.unit ?? null,
        comparison: tracked.comparison ?? null,
        milestones: tracked.milestones.map(milestoneJson),
        national: figureJson(tracked.national),
        organisations: Object.fromEntries([...tracked.byOrganisation].map(([id, figure]) => [id, figureJson(figure)])),
        period_kind: year.periodKind(tracked),
        latest_complete_period: latest?.label ?? null,
        positions: year.series(tracked).map((series) => {
          const compliance = year.compliance(tracked, series);
          return {
            organisation: series.organisation?.id ?? null,
            planned: series.trajectories.map((t) => ({
              kind: t.record.kind,
              values: Object.fromEntries(t.values.map((v) => [v.period.label, v.value])),
              tolerance: t.record.tolerance ?? null,
              source: t.record.source ?? null,
              location: locate(t.record.at),
            })),
            assessed: series.assessments.map((a) => ({
              position: a.record.position,
              period: a.period?.label ?? null,
              value: a.record.value ?? null,
              status: a.record.status,
              words: a.record.words ?? null,
              assessed_by: a.record.assessed_by,
              assessed_on: a.record.assessed_on,
              source: a.record.source ?? null,
              note: a.record.note ?? null,
              location: locate(a.record.at),
            })),
            measured: series.actuals.map(({ actual }) => ({
              period: actual.period.label,
              value: actual.value,
              note: actual.note ?? null,
              location: { file: actual.at.file, line: actual.at.line, column: 1 },
            })),
            compliance: {
              status: compliance.status,
              reason: compliance.reason ?? null,
              period: compliance.latest?.actual.period.label ?? null,
              value: compliance.latest?.actual.value ?? null,
              figure: figureJson(compliance.figure),
              planned: compliance.planned?.value ?? null,
            },
          };
        }),
      };
    }),
    stocktake: plan.actions.filter((a) => !a.standIn).map((action) => {
      const status = year.stocktake(action);
      return {
        action: action.id,
        up_to_date: status.upToDate,
        updates: year.progressOf(action).map((p) => ({
          quarter: p.quarter.label,
          date: p.record.date,
          status: p.record.status ?? null,
          update: p.record.update,
          reported_by: p.record.reported_by ?? null,
          source: p.record.source ?? null,
          location: locate(p.record.at),
        })),
      };
    }),
  };
}
