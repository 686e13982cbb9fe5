// The planning year, answered in one place beside the golden thread: which targets are tracked, for
// which organisations; the planned, assessed and measured positions of each, kept apart; compliance
// (met, not met or no data) from the target's direction and the latest actual; which period is the
// latest complete one; and each action's place in the stocktake. Rules, `plan trace`, the documents
// and `plan export` all ask here, so they never disagree.

import { latestCompletePeriod, parsePeriod, periodOfDate, type Period, type PeriodKind } from '../model/period.js';
import { nameOf, type LinkedAction, type LinkedOrganisation, type LinkedPortfolio, type Plan } from './plan-graph.js';
import { figureFor, judge, trackedTargetsOf, type Figure, type Judgement, type TrackedTarget } from './targets.js';
import type { LinkedActual, LinkedAssessment, LinkedProgress, LinkedTrajectory, PlannedValue } from './year-graph.js';

/** One organisation's part in a tracked target: the system as a whole when `organisation` is undefined. */
export interface TargetSeries {
  organisation: LinkedOrganisation | undefined;
  /** Planned first, then forecasts, each in period order. */
  trajectories: LinkedTrajectory[];
  /** Measured values, in period order. */
  actuals: LinkedActual[];
  assessments: LinkedAssessment[];
}

export type ComplianceStatus = 'met' | 'not_met' | 'no_data' | 'not_judged';

/** The tracked targets one portfolio reports: `portfolio` is undefined for those tied to none. */
export interface PortfolioTargets {
  portfolio: LinkedPortfolio | undefined;
  targets: TrackedTarget[];
}

/** Where a target stands for one organisation: computed from the latest actual, never from a plan or an assessment. */
export interface Compliance {
  status: ComplianceStatus;
  /** Why it is `no_data` or `not_judged`, in words. */
  reason: string | undefined;
  /** The latest measured value, when there is one. */
  latest: LinkedActual | undefined;
  /** The figure it is judged against. */
  figure: Figure | undefined;
  /** What the trajectory planned for the latest actual's period, when it planned anything. */
  planned: PlannedValue | undefined;
}

export interface StocktakeStatus {
  /** The latest stocktake that has fallen due by `as_at`, if any. */
  due: Period | undefined;
  latest: LinkedProgress | undefined;
  /** Whether the latest update answers the stocktake due (or a later one). */
  upToDate: boolean;
}

const years = new WeakMap<Plan, PlanningYear>();

const organisationKey = (organisation: LinkedOrganisation | undefined): string => organisation?.id ?? '';

export class PlanningYear {
  private trackedMemo: TrackedTarget[] | undefined;
  private readonly seriesMemo = new Map<string, TargetSeries[]>();
  /** The latest complete period of each kind: the same for every target of the plan. */
  private readonly latestMemo = new Map<PeriodKind, Period | undefined>();
  private readonly plannedMemo = new WeakMap<TargetSeries, Map<string, { trajectory: LinkedTrajectory; value: PlannedValue }>>();
  private progressMemo: Map<LinkedAction, LinkedProgress[]> | undefined;
  private byPortfolioMemo: PortfolioTargets[] | undefined;
  private recordsMemo: Map<string, { trajectories: LinkedTrajectory[]; assessments: LinkedAssessment[]; actuals: LinkedActual[] }> | undefined;

  constructor(readonly plan: Plan) {}

  /** The plan's year, made once for the plan: the rules, the documents and plan.json ask the same one, so each answer is worked out once. */
  static of(plan: Plan): PlanningYear {
    let year = years.get(plan);
    if (!year) years.set(plan, (year = new PlanningYear(plan)));
    return year;
  }

  /** The day the plan reports at (`year.as_at`); undefined when the plan sets none. */
  get asAt(): string | undefined {
    return this.plan.year.settings.as_at;
  }

  /** Every target tracked through the year: each with a figure, a trajectory, an actual or an assessment. */
  tracked(): TrackedTarget[] {
    if (!this.trackedMemo) {
      const year = this.plan.year;
      const withData = new Set<string>();
      for (const t of year.trajectories) withData.add(keyOf(t.holder.id, t.part));
      for (const a of year.assessments) withData.add(keyOf(a.holder.id, a.part));
      for (const a of year.actuals) withData.add(keyOf(a.holder.id, a.actual.part));
      this.trackedMemo = [...this.plan.objectives, ...this.plan.metrics]
        .filter((holder) => !holder.standIn)
        .flatMap(trackedTargetsOf)
        .filter((t) => t.milestones.length > 0 || t.national !== undefined || withData.has(t.key));
    }
    return this.trackedMemo;
  }

  /**
   * Every tracked target by the portfolio that reports it (an objective's owner, or the owner of the
   * objective a metric serves), in the plan's order of portfolios, each portfolio with at least one;
   * the targets tied to no portfolio last.
   */
  byPortfolio(): PortfolioTargets[] {
    if (!this.byPortfolioMemo) {
      const targets = new Map<LinkedPortfolio | undefined, TrackedTarget[]>();
      for (const tracked of this.tracked()) {
        const portfolio = portfolioOf(tracked);
        const owner = portfolio && !portfolio.standIn ? portfolio : undefined;
        const list = targets.get(owner);
        if (list) list.push(tracked);
        else targets.set(owner, [tracked]);
      }
      const order = [...this.plan.portfolios, undefined];
      this.byPortfolioMemo = order.flatMap((portfolio) => {
        const list = targets.get(portfolio);
        return list ? [{ portfolio, targets: list }] : [];
      });
    }
    return this.byPortfolioMemo;
  }

  /** A target's organisations, each with its planned, assessed and measured values; the plan's own organisation (or the system) first. */
  series(tracked: TrackedTarget): TargetSeries[] {
    let known = this.seriesMemo.get(tracked.key);
    if (!known) {
      known = this.computeSeries(tracked);
      this.seriesMemo.set(tracked.key, known);
    }
    return known;
  }

  private computeSeries(tracked: TrackedTarget): TargetSeries[] {
    const byKey = new Map<string, TargetSeries>();
    const seriesOf = (organisation: LinkedOrganisation | undefined): TargetSeries => {
      const key = organisationKey(organisation);
      let series = byKey.get(key);
      if (!series) {
        series = { organisation, trajectories: [], actuals: [], assessments: [] };
        byKey.set(key, series);
      }
      return series;
    };
    const own = this.plan.manifest.plan.organisation;
    const planOrganisation = own !== undefined ? this.plan.organisations.find((o) => o.id === own) : undefined;
    for (const id of tracked.byOrganisation.keys()) {
      const organisation = this.plan.organisations.find((o) => o.id === id);
      if (organisation) seriesOf(organisation);
    }
    const records = this.recordsOf(tracked.key);
    for (const t of records.trajectories) seriesOf(t.organisation).trajectories.push(t);
    for (const a of records.assessments) seriesOf(a.organisation).assessments.push(a);
    for (const a of records.actuals) seriesOf(a.organisation).actuals.push(a);
    // The target is the system's: the plan's own organisation is always tracked. Without one, the system
    // as a whole stands in only when no organisation is tracked, as actuals always name an organisation.
    if (planOrganisation || byKey.size === 0) seriesOf(planOrganisation);
    for (const series of byKey.values()) {
      series.actuals.sort((a, b) => a.actual.period.index - b.actual.period.index || (a.actual.period.kind === b.actual.period.kind ? 0 : a.actual.period.kind === 'month' ? -1 : 1));
      series.trajectories.sort((a, b) => (a.record.kind === b.record.kind ? 0 : a.record.kind === 'planned' ? -1 : 1));
    }
    const first = organisationKey(planOrganisation);
    return [...byKey.entries()]
      .sort(([a], [b]) => (a === first ? -1 : b === first ? 1 : a < b ? -1 : a > b ? 1 : 0))
      .map(([, series]) => series);
  }

  /** The year's records about one tracked target, found through one index of them all (a plan may have 60,000 actuals). */
  private recordsOf(key: string) {
    if (!this.recordsMemo) {
      const index = new Map<string, { trajectories: LinkedTrajectory[]; assessments: LinkedAssessment[]; actuals: LinkedActual[] }>();
      const entry = (k: string) => {
        let found = index.get(k);
        if (!found) index.set(k, (found = { trajectories: [], assessments: [], actuals: [] }));
        return found;
      };
      const year = this.plan.year;
      for (const t of year.trajectories) entry(keyOf(t.holder.id, t.part)).trajectories.push(t);
      for (const a of year.assessments) entry(keyOf(a.holder.id, a.part)).assessments.push(a);
      for (const a of year.actuals) entry(keyOf(a.holder.id, a.actual.part)).actuals.push(a);
      this.recordsMemo = index;
    }
    return this.recordsMemo.get(key) ?? { trajectories: [], assessments: [], actuals: [] };
  }

  /** Whether a target is reported by months or by quarters: as its trajectories are written, else its actuals, else by months. */
  periodKind(tracked: TrackedTarget): PeriodKind {
    for (const series of this.series(tracked)) {
      const planned = series.trajectories[0]?.values[0];
      if (planned) return planned.period.kind;
    }
    for (const series of this.series(tracked)) if (series.actuals[0]) return series.actuals[0].actual.period.kind;
    return 'month';
  }

  /** The latest complete period a target should have an actual for, by `as_at`; undefined when the plan sets no `as_at`. */
  latestComplete(tracked: TrackedTarget): Period | undefined {
    const asAt = this.asAt;
    if (asAt === undefined) return undefined;
    const kind = this.periodKind(tracked);
    if (this.latestMemo.has(kind)) return this.latestMemo.get(kind);
    const { start, end } = this.plan.manifest.plan.period;
    // Within the plan period: after it ends, its last period is the latest that this plan asks for.
    const latest = end < asAt ? periodOfDate(end, kind) : latestCompletePeriod(asAt, kind);
    const complete = latest.end < start || latest.end >= asAt ? undefined : latest;
    this.latestMemo.set(kind, complete);
    return complete;
  }

  /** The organisations of a target with no actual for the latest complete period (none when the plan sets no `as_at`). */
  behind(tracked: TrackedTarget): TargetSeries[] {
    const period = this.latestComplete(tracked);
    if (!period) return [];
    return this.series(tracked).filter((s) => !s.actuals.some((a) => a.actual.period.kind === period.kind && a.actual.period.index >= period.index));
  }

  /** The measured position of a target for one organisation: met, not met or no data, from the latest actual. */
  compliance(tracked: TrackedTarget, series: TargetSeries): Compliance {
    const latest = series.actuals[series.actuals.length - 1];
    const planned = latest ? this.plannedFor(series, latest.actual.period) : undefined;
    if (!latest) return { status: 'no_data', reason: 'no actual has been recorded', latest, figure: undefined, planned };
    const milestone = figureFor(tracked, series.organisation?.id, latest.actual.period.end);
    if (!milestone) return { status: 'not_judged', reason: tracked.national ? 'the target gives only the national figure, not the system\'s own' : 'the target gives no figure', latest, figure: undefined, planned };
    const judgement: Judgement = judge(latest.actual.value, milestone.figure, tracked.comparison);
    if (judgement === 'no_direction') {
      return { status: 'not_judged', reason: 'the target does not say whether its figure is a floor or a ceiling', latest, figure: milestone.figure, planned };
    }
    return { status: judgement, reason: undefined, latest, figure: milestone.figure, planned };
  }

  /** The planned value for a period: from the plan as agreed, else the latest forecast. */
  plannedFor(series: TargetSeries, period: Period): PlannedValue | undefined {
    return this.judgedAgainst(series, period)?.value;
  }

  /**
   * The trajectory an actual of a period is judged against (the first of the series' trajectories with
   * a value for the period: the plan as agreed, else a forecast) and that value. Indexed once for each
   * series: a year of monthly actuals would otherwise search the trajectories for every row.
   */
  judgedAgainst(series: TargetSeries, period: Period): { trajectory: LinkedTrajectory; value: PlannedValue } | undefined {
    let byPeriod = this.plannedMemo.get(series);
    if (!byPeriod) {
      byPeriod = new Map();
      for (const trajectory of series.trajectories) {
        for (const value of trajectory.values) if (!byPeriod.has(value.period.label)) byPeriod.set(value.period.label, { trajectory, value });
      }
      this.plannedMemo.set(series, byPeriod);
    }
    return byPeriod.get(period.label);
  }

  // ---- The stocktake ---------------------------------------------------------------------------------

  /** The quarters at which every action reports: `year.stocktakes`, or each quarter of the plan period. */
  stocktakes(): Period[] {
    const listed = this.plan.year.settings.stocktakes;
    if (listed) return listed.map((q) => parsePeriod(q)!).sort((a, b) => a.index - b.index);
    const { start, end } = this.plan.manifest.plan.period;
    const quarters: Period[] = [];
    for (let quarter = periodOfDate(start, 'quarter'); quarter.end <= end && quarters.length < 400; quarter = periodOfDate(nextDay(quarter.end), 'quarter')) quarters.push(quarter);
    return quarters;
  }

  /** The latest stocktake that has fallen due by `as_at` (its quarter has ended). */
  dueStocktake(): Period | undefined {
    const asAt = this.asAt;
    if (asAt === undefined) return undefined;
    return this.stocktakes().filter((q) => q.end < asAt).pop();
  }

  /** An action's progress updates, latest first (by quarter, then date). */
  progressOf(action: LinkedAction): LinkedProgress[] {
    if (!this.progressMemo) {
      this.progressMemo = new Map();
      for (const update of this.plan.year.progress) {
        const list = this.progressMemo.get(update.action) ?? [];
        list.push(update);
        this.progressMemo.set(update.action, list);
      }
      for (const list of this.progressMemo.values()) {
        list.sort((a, b) => b.quarter.index - a.quarter.index || (a.record.date < b.record.date ? 1 : a.record.date > b.record.date ? -1 : 0));
      }
    }
    return this.progressMemo.get(action) ?? [];
  }

  stocktake(action: LinkedAction): StocktakeStatus {
    const due = this.dueStocktake();
    const latest = this.progressOf(action)[0];
    const upToDate = due === undefined || (latest !== undefined && latest.quarter.index >= due.index);
    return { due, latest, upToDate };
  }

  /**
   * The stocktake an action still owes an update for: the latest one due, when the action is under way
   * (neither it nor its latest update says `done` or `stopped`) and has no update for it. What the
   * stocktake-up-to-date rule reports, and the rows a workbook's Progress sheet leaves to fill in.
   */
  awaitedUpdate(action: LinkedAction): Period | undefined {
    if (action.standIn || this.plan.year.unread.has(action.id)) return undefined;
    const { due, latest, upToDate } = this.stocktake(action);
    const finished = action.item.status === 'done' || action.item.status === 'stopped' || latest?.record.status === 'done' || latest?.record.status === 'stopped';
    return upToDate || finished ? undefined : due;
  }
}

/** The portfolio that reports a target: its objective's owner, or the owner of the objective its metric serves. */
function portfolioOf(tracked: TrackedTarget): LinkedPortfolio | undefined {
  const holder = tracked.holder;
  return holder.kind === 'objective' ? holder.owner : holder.objective?.owner;
}

function keyOf(holderId: string, part: string | undefined): string {
  return part === undefined ? holderId : `${holderId}#${part}`;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** How a finding or document names a tracked target: the item, and the part when it is one. */
export function trackedName(tracked: TrackedTarget): string {
  return tracked.part === undefined ? nameOf(tracked.holder) : `${nameOf(tracked.holder)}, part \`${tracked.part}\``;
}

/** How an organisation is named beside a figure: its short name, or "the system" for the system as a whole. */
export function organisationName(organisation: LinkedOrganisation | undefined): string {
  return organisation ? organisation.item.short_name ?? organisation.item.name : 'the system';
}
