// What a target asks for, read one way for every use: the figure (or range) to reach, its direction,
// its unit, and by when; the parts a target has when it asks for several things or several dates; the
// figure each organisation is to reach; and the national figure, kept apart from the system's own.
// Compliance, the trajectory rules, the documents and `plan export` all read targets through here.

import { formatNumber, withUnit } from '../english.js';
import { comparisonOf, type Comparison } from '../model/schema.js';
import type { TargetHolder } from './year-graph.js';

/** A figure to reach: one number, or a range such as 12 to 15 per million. */
export type Figure = { value: number; range?: undefined } | { value?: undefined; range: readonly [number, number] };

/** One thing a target asks for by one date. */
export interface Milestone {
  figure: Figure;
  by: string | undefined;
}

/** One target as tracked through the year: an item's whole target, or one part of it measured apart. */
export interface TrackedTarget {
  holder: TargetHolder;
  /** The part, when the target's parts measure different things. */
  part: string | undefined;
  /** `no-26` or `no-26#under-18s`: unique across the plan. */
  key: string;
  measure: string | undefined;
  unit: string | undefined;
  comparison: Comparison | undefined;
  /** What the system is to reach, by date, earliest first; empty when the target gives no figure of the system's own. */
  milestones: Milestone[];
  /** The national figure the system's target is a share of, when the plan gives it. */
  national: Figure | undefined;
  /** The figure for each organisation, by organisation id, where the plan gives one. */
  byOrganisation: ReadonlyMap<string, Figure>;
}

/** The ids of a target's parts that are measured apart (and so may be named by `part:`). */
export function partIdsOf(holder: TargetHolder): string[] {
  return trackedTargetsOf(holder).flatMap((t) => (t.part !== undefined ? [t.part] : []));
}

const byDate = (a: Milestone, b: Milestone): number => (a.by ?? '9999') < (b.by ?? '9999') ? -1 : (a.by ?? '9999') > (b.by ?? '9999') ? 1 : 0;

/** The targets an item carries, as tracked: none, one, or one per part measured apart. */
export function trackedTargetsOf(holder: TargetHolder): TrackedTarget[] {
  if (holder.kind === 'metric') {
    const metric = holder.item;
    return [{
      holder, part: undefined, key: holder.id, measure: metric.name, unit: metric.unit,
      comparison: metric.target !== undefined ? comparisonOf({ value: metric.target, baseline: metric.baseline, comparison: metric.comparison }) : metric.comparison,
      milestones: metric.target !== undefined ? [{ figure: { value: metric.target }, by: metric.by }] : [],
      national: undefined, byOrganisation: new Map(),
    }];
  }
  const target = holder.item.target;
  // An objective with no target may still have its position assessed ("Cancer 62 days, reduce – compliant").
  if (!target) return [{ holder, part: undefined, key: holder.id, measure: undefined, unit: undefined, comparison: undefined, milestones: [], national: undefined, byOrganisation: new Map() }];
  const parts = target.parts ?? [];
  // Parts with a measure of their own are tracked apart; the others are the whole target's figures by date.
  const apart = parts.filter((p) => p.measure !== undefined && p.id !== undefined);
  const milestones: Milestone[] = [];
  const own = figureOf(target);
  if (own) milestones.push({ figure: own, by: target.by });
  for (const part of parts) {
    if (apart.includes(part)) continue;
    const figure = figureOf(part);
    if (figure) milestones.push({ figure, by: part.by ?? target.by });
  }
  const byOrganisation = new Map(Object.entries(target.organisations ?? {}).map(([id, value]) => [id, { value } as Figure]));
  const whole: TrackedTarget = {
    holder, part: undefined, key: holder.id, measure: target.measure, unit: target.unit,
    comparison: directionOf(target.comparison, milestones, target.baseline),
    milestones: milestones.sort(byDate), national: target.national ? figureOf(target.national) : undefined, byOrganisation,
  };
  const tracked = apart.map((part): TrackedTarget => {
    const figure = figureOf(part);
    return {
      holder, part: part.id, key: `${holder.id}#${part.id}`, measure: part.measure, unit: part.unit ?? target.unit,
      comparison: directionOf(part.comparison ?? target.comparison, figure ? [{ figure, by: undefined }] : [], undefined),
      milestones: figure ? [{ figure, by: part.by ?? target.by }] : [], national: undefined, byOrganisation: new Map(),
    };
  });
  // With every figure in parts measured apart, the whole has nothing of its own to track.
  const wholeHasFigures = whole.milestones.length > 0 || whole.national !== undefined || byOrganisation.size > 0 || tracked.length === 0;
  return wholeHasFigures ? [whole, ...tracked] : tracked;
}

/**
 * The way a target's figures point: as written, else derived as for a single figure (comparisonOf),
 * from the last figure and the baseline. A range with no comparison written is met inside it, so it
 * has no direction.
 */
function directionOf(written: Comparison | undefined, milestones: readonly Milestone[], baseline: number | undefined): Comparison | undefined {
  if (written) return written;
  const last = milestones.map((m) => m.figure).filter((f) => f.value !== undefined).at(-1);
  if (!last || milestones.some((m) => m.figure.range)) return undefined;
  return comparisonOf({ value: last.value, baseline });
}

function figureOf(figure: { value?: number | undefined; range?: { from: number; to: number } | undefined }): Figure | undefined {
  if (figure.range) return { range: [figure.range.from, figure.range.to] };
  return figure.value !== undefined ? { value: figure.value } : undefined;
}

/** The figure for an organisation: its own where the target gives one, else the system's milestone in force. */
export function figureFor(tracked: TrackedTarget, organisation: string | undefined, periodEnd: string | undefined): Milestone | undefined {
  const own = organisation !== undefined ? tracked.byOrganisation.get(organisation) : undefined;
  const milestone = milestoneInForce(tracked, periodEnd);
  if (own) return { figure: own, by: milestone?.by };
  return milestone;
}

/**
 * The milestone a value for a period ending on `periodEnd` is judged against: the first one due on or
 * after it, or the last once every one is past. Without a period, the last: what the target ends at.
 */
export function milestoneInForce(tracked: TrackedTarget, periodEnd: string | undefined): Milestone | undefined {
  const milestones = tracked.milestones;
  if (milestones.length === 0) return undefined;
  if (periodEnd === undefined) return milestones[milestones.length - 1];
  return milestones.find((m) => m.by === undefined || m.by >= periodEnd) ?? milestones[milestones.length - 1];
}

export type Judgement = 'met' | 'not_met' | 'no_direction';

/** Whether a value reaches a figure in the target's direction; a plain figure with no direction cannot be judged, except a range. */
export function judge(value: number, figure: Figure, comparison: Comparison | undefined): Judgement {
  const [low, high] = figure.range ?? [figure.value, figure.value];
  if (comparison === 'at_least') return value >= low ? 'met' : 'not_met';
  if (comparison === 'at_most') return value <= high ? 'met' : 'not_met';
  if (figure.range) return value >= low && value <= high ? 'met' : 'not_met';
  return 'no_direction';
}

/**
 * The direction in which a trajectory's values are better: the target's own `comparison`, else the way
 * the trajectory itself runs (rising: at least; falling: at most); undefined for a flat one.
 */
export function trajectoryDirection(comparison: Comparison | undefined, values: readonly { value: number }[]): Comparison | undefined {
  if (comparison) return comparison;
  const first = values[0]?.value;
  const last = values[values.length - 1]?.value;
  if (first === undefined || last === undefined || first === last) return undefined;
  return last > first ? 'at_least' : 'at_most';
}

/** How far a value falls short of a planned one, in the target's direction (0 when it is as good or better). */
export function shortfall(value: number, planned: number, comparison: Comparison | undefined): number {
  if (comparison === 'at_least') return Math.max(0, planned - value);
  if (comparison === 'at_most') return Math.max(0, value - planned);
  return Math.abs(value - planned);
}

/** A figure in words, with the unit: "76%", "12–15 per million under-18s", "at most 92%". */
export function figureInWords(figure: Figure, unit: string | undefined, comparison?: Comparison): string {
  const amount = figure.range ? `${formatNumber(figure.range[0])}–${formatNumber(figure.range[1])}` : formatNumber(figure.value);
  const written = withUnit(amount, unit);
  return comparison === 'at_least' ? `at least ${written}` : comparison === 'at_most' ? `at most ${written}` : written;
}

/** A value in words, with the unit: "76.4%", "1,392 patients". */
export function valueInWords(value: number, unit: string | undefined): string {
  return figureInWords({ value }, unit);
}
