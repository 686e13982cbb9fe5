// The language of the planning year, as zod schemas: how the plan reports (`year:` in plan.yaml), the
// planned values of a target per period (trajectories), recorded assessments of a position, and an
// action's progress at each stocktake. Measured values (actuals) are not YAML: they are CSV files in
// the plan's actuals/ folder (model/actuals.ts). Planned, assessed and measured stay apart.

import * as z from 'zod/mini';
import { parsePeriod, periodProblem } from './period.js';
import { dateSchema, idSchema, markdown, text } from './primitives.js';

/** A month (`2024-03`) or a quarter of the financial year (`2023/24 Q4`). */
export const periodSchema = z.string().check(
  z.refine((value) => parsePeriod(value) !== undefined, {
    error: (issue) => `is not a period: ${typeof issue.input === 'string' ? periodProblem(issue.input) : 'write a month as YYYY-MM or a quarter as YYYY/YY Qn'}`,
  }),
);

/** A quarter of the financial year, such as `2023/24 Q2`. */
export const quarterSchema = z.string().check(
  z.refine((value) => parsePeriod(value)?.kind === 'quarter', { error: 'must be a quarter of the financial year, written YYYY/YY Qn, such as 2023/24 Q2' }),
);

const nonNegative = z.number().check(z.gte(0));

/** `year:` in plan.yaml: the date the plan reports at, its stocktakes, and how far an actual may stray from its trajectory. */
export const yearSchema = z.strictObject({
  /**
   * The day the plan's position is reported at. Periods that end before it are complete; without it,
   * nothing is stale and no stocktake is overdue. A date in the sources, never the clock, so the same
   * sources always give the same report.
   */
  as_at: z.optional(dateSchema),
  /** The quarters at which every action reports its progress; left out, every quarter of the plan period. */
  stocktakes: z.optional(z.array(quarterSchema)),
  /** How far, in per cent of the planned value, an actual may fall short of its trajectory; a trajectory's own `tolerance` wins. */
  tolerance_percent: z.optional(nonNegative),
});

/** What a planned figure is: the plan as agreed, or a later expectation. */
export const plannedKindSchema = z.enum(['planned', 'forecast']);

export const trajectorySchema = z.strictObject({
  /** The objective or metric whose target this trajectory leads to. */
  target: idSchema,
  /** The part of the target, when its parts are measured apart (see `parts:` of a target). */
  part: z.optional(idSchema),
  /** The organisation it is for; left out, the whole system. */
  organisation: z.optional(idSchema),
  kind: z._default(plannedKindSchema, 'planned'),
  /** Period -> planned value, in the target's unit. */
  values: z.record(periodSchema, z.number()),
  /** How far an actual may fall short of a planned value, in the target's unit. */
  tolerance: z.optional(nonNegative),
  source: z.optional(text),
});

/** The position an assessment judges: one planned or forecast in a submission, or a measured one. */
export const assessedPositionSchema = z.enum(['planned', 'forecast', 'measured']);

export const assessmentSchema = z.strictObject({
  target: idSchema,
  part: z.optional(idSchema),
  organisation: z.optional(idSchema),
  position: assessedPositionSchema,
  /** The period of the position assessed, when it is given. */
  period: z.optional(periodSchema),
  /** The figure of the position assessed, when it is given, in the target's unit. */
  value: z.optional(z.number()),
  /** The assessor's judgement. */
  status: z.enum(['met', 'not_met']),
  /** The assessor's own words for it, such as "compliant". */
  words: z.optional(text),
  /** Who made the assessment. */
  assessed_by: text,
  /** When it was made. */
  assessed_on: dateSchema,
  source: z.optional(text),
  note: z.optional(markdown),
});

export const progressStatusSchema = z.enum(['not_started', 'on_track', 'at_risk', 'off_track', 'done', 'stopped']);

/** One action's report at a stocktake. */
export const progressSchema = z.strictObject({
  action: idSchema,
  /** The date of the report. */
  date: dateSchema,
  /** The stocktake it answers; left out, the quarter its date falls in. */
  quarter: z.optional(quarterSchema),
  status: z.optional(progressStatusSchema),
  /** The update itself. */
  update: markdown,
  reported_by: z.optional(text),
  source: z.optional(text),
});

/** The collections of the planning year: records about items, not items of their own, so they have no `id`. */
export const recordSchemas = {
  trajectories: trajectorySchema,
  assessments: assessmentSchema,
  progress: progressSchema,
} as const;

export type RecordCollectionName = keyof typeof recordSchemas;
export const recordCollectionNames = Object.keys(recordSchemas) as RecordCollectionName[];

export const recordNouns: Record<RecordCollectionName, string> = {
  trajectories: 'trajectory',
  assessments: 'assessment',
  progress: 'progress update',
};

export type YearSettings = z.infer<typeof yearSchema>;
export type Trajectory = z.infer<typeof trajectorySchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
export type ProgressUpdate = z.infer<typeof progressSchema>;
export type ProgressStatus = z.infer<typeof progressStatusSchema>;
