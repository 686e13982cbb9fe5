// The plan source language as zod schemas. Every TypeScript type of the plan is inferred from here.
// Objects are strict: an unknown key is an error (usually a typo), never silently dropped data.

import { z } from 'zod';

// zod's JIT builds a validator function per schema with `new Function`; for a command that runs for a
// fraction of a second that costs more than it saves (measured: first validation 12 -> 8 ms, and faster at
// 50,000 actions too).
z.config({ jitless: true });

export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, {
    error: 'must be an id: letters, digits, `-`, `_` or `.`, starting with a letter or digit, at most 100 characters',
  });

/** A calendar date written YYYY-MM-DD that exists (no 31 February). */
export const dateSchema = z.iso.date({ error: 'must be a date written YYYY-MM-DD, such as 2024-03-31' });

const text = z.string().trim().min(1, { error: 'must not be empty' });
/** Prose that is rendered as Markdown (raw HTML is not allowed in it). */
const markdown = z.string();

export const severitySettingSchema = z.enum(['off', 'warning', 'error']);

export const editionSchema = z.strictObject({
  id: idSchema,
  title: text,
  published: dateSchema.optional(),
});

export const planInfoSchema = z.strictObject({
  id: idSchema,
  title: text,
  system: text,
  population: z.union([text, z.number()]).optional(),
  period: z
    .strictObject({ start: dateSchema, end: dateSchema })
    .refine((period) => period.start <= period.end, { error: 'the plan period ends before it starts; `end` must be on or after `start`', path: ['end'] }),
  editions: z.array(editionSchema).default([]),
  vision: text.optional(),
  /** The date the documents carry; documents never print the build time. */
  published: dateSchema.optional(),
  organisation: idSchema.optional(),
});

export const collectiveAimSchema = z.strictObject({
  id: idSchema,
  statement: text,
  measure: text.optional(),
  direction: z.enum(['reduce', 'increase']).optional(),
  rationale: markdown.optional(),
});

/** Named pieces of prose for the documents; each is Markdown written in the plan, never in a template. */
export const proseSchema = z.record(idSchema, markdown);

export const manifestSchema = z.strictObject({
  plan: planInfoSchema,
  collective_aim: collectiveAimSchema.optional(),
  rules: z.record(z.string(), severitySettingSchema).default({}),
  prose: proseSchema.default({}),
});

export const prioritySchema = z.strictObject({
  id: idSchema,
  number: z.int().positive().optional(),
  title: text,
  description: markdown.optional(),
  aim: idSchema.optional(),
});

export const portfolioSchema = z.strictObject({
  id: idSchema,
  name: text,
  short_name: text.optional(),
  kind: z.enum(['portfolio', 'enabler']).default('portfolio'),
  focus: z.array(text).default([]),
  priorities: z.array(idSchema).optional(),
  description: markdown.optional(),
});

/** Whether a target figure is a floor ("no less than 76%") or a ceiling ("92% or below"). */
export const comparisonSchema = z.enum(['at_least', 'at_most']);

export const targetSchema = z.strictObject({
  measure: text.optional(),
  baseline: z.number().optional(),
  value: z.number().optional(),
  comparison: comparisonSchema.optional(),
  unit: text.optional(),
  by: dateSchema.optional(),
});

export const objectiveSchema = z.strictObject({
  id: idSchema,
  title: text,
  source: z.enum(['national', 'local']),
  number: z.int().positive().optional(),
  area: text.optional(),
  portfolio: idSchema.optional(),
  priorities: z.array(idSchema).optional(),
  target: targetSchema.optional(),
  description: markdown.optional(),
});

export const actionSchema = z.strictObject({
  id: idSchema,
  title: text,
  objectives: z.array(idSchema).default([]),
  portfolio: idSchema.optional(),
  owner: idSchema.optional(),
  due: dateSchema.optional(),
  status: z.enum(['planned', 'in_progress', 'done', 'at_risk', 'stopped']).optional(),
  description: markdown.optional(),
});

export const metricSchema = z.strictObject({
  id: idSchema,
  name: text,
  unit: text.optional(),
  baseline: z.number().optional(),
  target: z.number().optional(),
  comparison: comparisonSchema.optional(),
  by: dateSchema.optional(),
  objective: idSchema.optional(),
  source: text.optional(),
});

export const organisationSchema = z.strictObject({
  id: idSchema,
  name: text,
  short_name: text.optional(),
  type: z.enum(['icb', 'nhs_trust', 'nhs_foundation_trust', 'local_authority', 'vcse', 'primary_care', 'independent', 'other']),
  description: markdown.optional(),
});

export const dutySchema = z.strictObject({
  id: idSchema,
  title: text,
  requirement: markdown.optional(),
  coverage: z.record(idSchema, z.array(text)).default({}),
});

export const projectSchema = z.strictObject({
  id: idSchema,
  title: text,
  description: markdown.optional(),
  workstreams: z.array(text).default([]),
  portfolios: z.array(idSchema).default([]),
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
export type Objective = z.infer<typeof objectiveSchema>;
export type Action = z.infer<typeof actionSchema>;
export type Metric = z.infer<typeof metricSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type StatutoryDuty = z.infer<typeof dutySchema>;
export type Project = z.infer<typeof projectSchema>;
export type SeveritySetting = z.infer<typeof severitySettingSchema>;
