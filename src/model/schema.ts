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

/** A rule's severity in `rules:`: `off`, `warning` or `error`, or as ESLint writes it (`warn`, 0, 1, 2). */
export const severitySettingSchema = z.pipe(z.literal(severitySpellings), z.transform((spelling: SeveritySpelling) => severityOf(spelling)!));

export const editionSchema = z.strictObject({
  id: idSchema,
  title: text,
  published: z.optional(dateSchema),
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

export const manifestSchema = z.strictObject({
  plan: planInfoSchema,
  collective_aim: z.optional(collectiveAimSchema),
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

export const targetSchema = z.strictObject({
  measure: z.optional(text),
  baseline: z.optional(z.number()),
  value: z.optional(z.number()),
  comparison: z.optional(comparisonSchema),
  unit: z.optional(text),
  by: z.optional(dateSchema),
});

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

export const actionSchema = z.strictObject({
  id: idSchema,
  title: text,
  objectives: list(idSchema),
  portfolio: z.optional(idSchema),
  owner: z.optional(idSchema),
  due: z.optional(dateSchema),
  status: z.optional(z.enum(['planned', 'in_progress', 'done', 'at_risk', 'stopped'])),
  description: z.optional(markdown),
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
});

export const organisationSchema = z.strictObject({
  id: idSchema,
  name: text,
  short_name: z.optional(text),
  type: z.enum(['icb', 'nhs_trust', 'nhs_foundation_trust', 'local_authority', 'vcse', 'primary_care', 'independent', 'other']),
  description: z.optional(markdown),
});

export const dutySchema = z.strictObject({
  id: idSchema,
  title: text,
  requirement: z.optional(markdown),
  coverage: z._default(z.record(idSchema, z.array(text)), {}),
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
export type Edition = z.infer<typeof editionSchema>;
export type CollectiveAim = z.infer<typeof collectiveAimSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type Portfolio = z.infer<typeof portfolioSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type Action = z.infer<typeof actionSchema>;
export type Metric = z.infer<typeof metricSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type StatutoryDuty = z.infer<typeof dutySchema>;
export type Project = z.infer<typeof projectSchema>;
export type SeveritySetting = z.infer<typeof severitySettingSchema>;
