// The plan source language as zod schemas. Every TypeScript type of the plan is inferred from here.
// Objects are strict: an unknown key is an error (usually a typo), never silently dropped data.
// Written with zod/mini, zod's functional API: the same validation in a twentieth of the code, which
// is what a command that runs for a fraction of a second pays for at every start.

import * as z from 'zod/mini';
import { severityOf, severitySpellings, type SeveritySpelling } from '../diagnostic.js';
import { dateSchema, idSchema, markdown, text } from './primitives.js';
import { yearSchema } from './year-schema.js';

export { dateSchema, idSchema, MAX_TEXT_LENGTH } from './primitives.js';

/** A list that is empty when the key is left out. */
const list = <T extends z.ZodMiniType>(item: T) => z._default(z.array(item), []);

const positiveWhole = z.int().check(z.positive());
const count = z.int().check(z.nonnegative());

/** A rule's severity in `rules:`: `off`, `warning` or `error`, or as ESLint writes it (`warn`, 0, 1, 2). */
export const severitySettingSchema = z.pipe(z.literal(severitySpellings), z.transform((spelling: SeveritySpelling) => severityOf(spelling)!));

export const editionSchema = z.strictObject({
  id: idSchema,
  title: text,
  published: z.optional(dateSchema),
  /** The git revision of the plan folder that published this edition: what "What's new since" is told against. */
  revision: z.optional(text),
});

/**
 * What a plan calls its units, where it does not call them portfolios and enabling workstreams: a
 * place's plan may have "boards", another system "programmes". Every document says these words.
 */
export const termsSchema = z.strictObject({
  portfolio: z.optional(text),
  portfolios: z.optional(text),
  enabler: z.optional(text),
  enablers: z.optional(text),
});

/**
 * Counts the published documents state, which may differ from what the plan lists: a plan may list
 * 31 key deliverables as actions while its documents speak of "50 national actions".
 */
export const statedCountsSchema = z.strictObject({
  national_objectives: z.optional(count),
  local_objectives: z.optional(count),
  national_actions: z.optional(count),
  actions: z.optional(count),
});

export const planInfoSchema = z.strictObject({
  id: idSchema,
  title: text,
  system: text,
  population: z.optional(z.union([text, z.number()])),
  period: z.strictObject({ start: dateSchema, end: dateSchema }).check(
    z.refine((period) => period.start <= period.end, { error: 'the plan period ends before it starts; `end` must be on or after `start`', path: ['end'] }),
  ),
  editions: list(editionSchema),
  vision: z.optional(text),
  /** The date the documents carry; documents never print the build time. */
  published: z.optional(dateSchema),
  organisation: z.optional(idSchema),
  terms: z._default(termsSchema, {}),
  stated_counts: z._default(statedCountsSchema, {}),
});

export const collectiveAimSchema = z.strictObject({
  id: idSchema,
  statement: text,
  measure: z.optional(text),
  direction: z.optional(z.enum(['reduce', 'increase'])),
  rationale: z.optional(markdown),
});

/** Named pieces of prose for the documents; each is Markdown written in the plan, never in a template. */
export const proseSchema = z.record(idSchema, markdown);

/** Principles that underpin the whole plan, such as the "5 Ps" of an Integrated Care Strategy. */
export const principlesSchema = z.strictObject({
  title: z.optional(text),
  description: z.optional(markdown),
  items: z.array(text).check(z.minLength(1, { error: 'must list at least one principle' })),
});

export const manifestSchema = z.strictObject({
  plan: planInfoSchema,
  collective_aim: z.optional(collectiveAimSchema),
  principles: z.optional(principlesSchema),
  rules: z._default(z.record(z.string(), severitySettingSchema), {}),
  prose: z._default(proseSchema, {}),
  year: z.optional(yearSchema),
});

export const prioritySchema = z.strictObject({
  id: idSchema,
  number: z.optional(positiveWhole),
  title: text,
  description: z.optional(markdown),
  aim: z.optional(idSchema),
});

export const portfolioSchema = z.strictObject({
  id: idSchema,
  name: text,
  short_name: z.optional(text),
  kind: z._default(z.enum(['portfolio', 'enabler']), 'portfolio'),
  focus: list(text),
  priorities: z.optional(z.array(idSchema)),
  description: z.optional(markdown),
});

/** Whether a target figure is a floor ("no less than 76%") or a ceiling ("92% or below"). */
export const comparisonSchema = z.enum(['at_least', 'at_most']);
export type Comparison = z.infer<typeof comparisonSchema>;

/**
 * Which way a target figure points: `comparison` when it is written; otherwise derived, as
 * docs/language.md says: a ceiling when the baseline is above the figure (the measure is to come
 * down), else a floor, a figure to reach.
 */
export function comparisonOf(target: { value?: number | undefined; baseline?: number | undefined; comparison?: Comparison | undefined }): Comparison {
  if (target.comparison) return target.comparison;
  if (target.baseline !== undefined && target.value !== undefined && target.baseline > target.value) return 'at_most';
  return 'at_least';
}

/** A range such as "12–15 per million": from the first figure to the second, both included. */
export const rangeSchema = z.strictObject({ from: z.number(), to: z.number() }).check(
  z.refine((range) => range.from <= range.to, { error: 'the range ends below where it starts; `to` must be at least `from`', path: ['to'] }),
);

/** A figure is one number (`value`) or a range (`range`), never both. */
const oneFigure = z.refine((figure: unknown) => {
  const { value, range } = figure as { value?: unknown; range?: unknown };
  return !(value !== undefined && range !== undefined);
}, {
  error: 'it gives both `value` and `range`; give the one figure, or the range, not both', path: ['range'],
});

/**
 * One part of a target that asks for several things: a figure by a date ("50% by September 2023 and
 * 100% by March 2024"), or a measure of its own ("no more than 30 adults ... and no more than 12–15
 * under-18s ..."), which is then measured apart and named by its `id`. Fields left out are the target's.
 */
export const targetPartSchema = z.strictObject({
  id: z.optional(idSchema),
  measure: z.optional(text),
  value: z.optional(z.number()),
  range: z.optional(rangeSchema),
  comparison: z.optional(comparisonSchema),
  unit: z.optional(text),
  by: z.optional(dateSchema),
}).check(oneFigure);

/** The national figure the system's target is a share of ("50 million more appointments" in England). */
export const nationalFigureSchema = z.strictObject({
  value: z.optional(z.number()),
  range: z.optional(rangeSchema),
  unit: z.optional(text),
}).check(oneFigure);

export const targetSchema = z.strictObject({
  measure: z.optional(text),
  baseline: z.optional(z.number()),
  value: z.optional(z.number()),
  range: z.optional(rangeSchema),
  comparison: z.optional(comparisonSchema),
  unit: z.optional(text),
  by: z.optional(dateSchema),
  /** The national figure, kept apart from the system's own. */
  national: z.optional(nationalFigureSchema),
  /** A figure for each organisation, by organisation id, where the plan gives one. */
  organisations: z.optional(z.record(idSchema, z.number())),
  parts: z.optional(z.array(targetPartSchema)),
}).check(
  oneFigure,
  z.refine((target) => (target.parts ?? []).every((part) => part.measure === undefined || part.id !== undefined), {
    error: 'a part with a `measure` of its own is measured apart and needs an `id`, which trajectories, assessments and actuals name as `part:`', path: ['parts'],
  }),
  z.refine((target) => {
    const ids = (target.parts ?? []).flatMap((part) => (part.id !== undefined ? [part.id] : []));
    return new Set(ids).size === ids.length;
  }, { error: 'two of its parts have the same `id`', path: ['parts'] }),
);

export const objectiveSchema = z.strictObject({
  id: idSchema,
  title: text,
  source: z.enum(['national', 'local']),
  number: z.optional(positiveWhole),
  area: z.optional(text),
  portfolio: z.optional(idSchema),
  priorities: z.optional(z.array(idSchema)),
  target: z.optional(targetSchema),
  description: z.optional(markdown),
});

/**
 * What a link from an action or metric to an objective was last reviewed against (`plan review` writes
 * it): four groups of four hex digits, one for each field of the objective a review looks at.
 */
export const reviewFingerprintSchema = z.string().check(
  z.regex(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/, { error: 'must be a review fingerprint as `plan review` writes it, such as 3fa2-c1e0-7b9d-05e4' }),
);

/** The reviews of an item's links: objective id -> fingerprint. */
const reviewed = z.optional(z.record(idSchema, reviewFingerprintSchema));

export const actionSchema = z.strictObject({
  id: idSchema,
  title: text,
  objectives: list(idSchema),
  portfolio: z.optional(idSchema),
  owner: z.optional(idSchema),
  due: z.optional(dateSchema),
  status: z.optional(z.enum(['planned', 'in_progress', 'done', 'at_risk', 'stopped'])),
  description: z.optional(markdown),
  reviewed,
});

export const metricSchema = z.strictObject({
  id: idSchema,
  name: text,
  unit: z.optional(text),
  baseline: z.optional(z.number()),
  target: z.optional(z.number()),
  comparison: z.optional(comparisonSchema),
  by: z.optional(dateSchema),
  objective: z.optional(idSchema),
  source: z.optional(text),
  reviewed,
});

export const organisationSchema = z.strictObject({
  id: idSchema,
  name: text,
  short_name: z.optional(text),
  type: z.enum(['icb', 'nhs_trust', 'nhs_foundation_trust', 'local_authority', 'vcse', 'primary_care', 'independent', 'other']),
  description: z.optional(markdown),
});

/**
 * How one edition of the plan meets a duty: the sections that cover it, `unchanged` (the edition
 * changes nothing, as a "-" in a matrix of an update says), or `[]` (the edition does not cover it).
 */
export const editionCoverageSchema = z.union([z.literal('unchanged'), z.array(text)]);

export const dutySchema = z.strictObject({
  id: idSchema,
  title: text,
  requirement: z.optional(markdown),
  /** The edition from which it is a duty of the plan: a duty added by a later edition. */
  since: z.optional(idSchema),
  coverage: z._default(z.record(idSchema, editionCoverageSchema), {}),
});

export const projectSchema = z.strictObject({
  id: idSchema,
  title: text,
  description: z.optional(markdown),
  workstreams: list(text),
  portfolios: list(idSchema),
});

/** The collections a source file may hold, each a list of items with an `id`. */
export const collectionSchemas = {
  priorities: prioritySchema,
  portfolios: portfolioSchema,
  objectives: objectiveSchema,
  actions: actionSchema,
  metrics: metricSchema,
  organisations: organisationSchema,
  duties: dutySchema,
  projects: projectSchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;

/** The planning year's collections (trajectories, assessments, progress): records about items, without ids of their own. */
export { recordSchemas, recordCollectionNames, recordNouns, type RecordCollectionName } from './year-schema.js';
export type CollectionItem<K extends CollectionName> = z.infer<(typeof collectionSchemas)[K]>;
export const collectionNames = Object.keys(collectionSchemas) as CollectionName[];

/** What one item of each collection is called in a message: "objective `uec-01`". */
export const itemNouns: Record<CollectionName, string> = {
  priorities: 'priority',
  portfolios: 'portfolio',
  objectives: 'objective',
  actions: 'action',
  metrics: 'metric',
  organisations: 'organisation',
  duties: 'statutory duty',
  projects: 'project',
};

export type Manifest = z.infer<typeof manifestSchema>;
export type PlanInfo = z.infer<typeof planInfoSchema>;
export type Terms = z.infer<typeof termsSchema>;
export type StatedCounts = z.infer<typeof statedCountsSchema>;
export type Principles = z.infer<typeof principlesSchema>;
export type EditionCoverage = z.infer<typeof editionCoverageSchema>;
export type Edition = z.infer<typeof editionSchema>;
export type CollectiveAim = z.infer<typeof collectiveAimSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type Portfolio = z.infer<typeof portfolioSchema>;
export type Target = z.infer<typeof targetSchema>;
export type TargetPart = z.infer<typeof targetPartSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type Action = z.infer<typeof actionSchema>;
export type Metric = z.infer<typeof metricSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type StatutoryDuty = z.infer<typeof dutySchema>;
export type Project = z.infer<typeof projectSchema>;
export type SeveritySetting = z.infer<typeof severitySettingSchema>;
