// The plan language as a JSON Schema, for editors (VS Code's YAML extension reads it through the
// `yaml-language-server` modeline): generated from the zod schemas, never written by hand, with each
// key's description from model/descriptions.ts. Given the ids of a plan, every reference also offers them.

import * as z from 'zod/mini';
import { ruleIds } from '../catalogue.js';
import { descriptions, type DescribedPart } from './descriptions.js';
import { collectionNames, collectionSchemas, manifestSchema, recordCollectionNames, recordSchemas } from './schema.js';

/** Where a plan keeps its schema, relative to the plan folder; hidden, so the plan never reads it as a source. */
export const SCHEMA_FILE = '.plan/schema.json';

/** A JSON Schema (draft-07) object, as far as this module reads and writes it. */
export interface JsonSchema {
  [keyword: string]: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  description?: string;
}

/** What a reference can name: the kinds of item a plan's ids are gathered for; a `target` is an objective or a metric, whose target it is. */
export type ReferenceKind = 'collective_aim' | 'priority' | 'portfolio' | 'objective' | 'action' | 'organisation' | 'edition' | 'target';

/** The ids of a plan by kind, for `plan schema DIR`. */
export type PlanIds = Partial<Record<ReferenceKind, readonly string[]>>;

/**
 * Where each part of the language sits in a source file's schema: a path of property names, with `[]`
 * for the items of a list.
 */
const partPaths: Record<Exclude<DescribedPart, 'manifest' | 'collections'>, string[]> = {
  plan: ['plan'],
  period: ['plan', 'period'],
  edition: ['plan', 'editions', '[]'],
  terms: ['plan', 'terms'],
  stated_counts: ['plan', 'stated_counts'],
  principles: ['principles'],
  collective_aim: ['collective_aim'],
  priorities: ['priorities', '[]'],
  portfolios: ['portfolios', '[]'],
  objectives: ['objectives', '[]'],
  target: ['objectives', '[]', 'target'],
  target_part: ['objectives', '[]', 'target', 'parts', '[]'],
  national_figure: ['objectives', '[]', 'target', 'national'],
  range: ['objectives', '[]', 'target', 'range'],
  actions: ['actions', '[]'],
  metrics: ['metrics', '[]'],
  organisations: ['organisations', '[]'],
  duties: ['duties', '[]'],
  projects: ['projects', '[]'],
  year: ['year'],
  trajectories: ['trajectories', '[]'],
  assessments: ['assessments', '[]'],
  progress: ['progress', '[]'],
};

/** Parts of the language that appear in more than one place: a range in a target, a part and a national figure. */
const morePartPaths: Partial<Record<keyof typeof partPaths, string[][]>> = {
  range: [['objectives', '[]', 'target', 'parts', '[]', 'range'], ['objectives', '[]', 'target', 'national', 'range']],
};

/** Every reference of the language: its path (as in partPaths) and the kind of item it names. `{}` is a mapping's keys. */
const references: { path: string[]; kind: ReferenceKind }[] = [
  { path: ['plan', 'organisation'], kind: 'organisation' },
  { path: ['priorities', '[]', 'aim'], kind: 'collective_aim' },
  { path: ['portfolios', '[]', 'priorities', '[]'], kind: 'priority' },
  { path: ['objectives', '[]', 'portfolio'], kind: 'portfolio' },
  { path: ['objectives', '[]', 'priorities', '[]'], kind: 'priority' },
  { path: ['actions', '[]', 'objectives', '[]'], kind: 'objective' },
  { path: ['actions', '[]', 'portfolio'], kind: 'portfolio' },
  { path: ['actions', '[]', 'owner'], kind: 'organisation' },
  { path: ['metrics', '[]', 'objective'], kind: 'objective' },
  { path: ['duties', '[]', 'coverage', '{}'], kind: 'edition' },
  { path: ['projects', '[]', 'portfolios', '[]'], kind: 'portfolio' },
  { path: ['objectives', '[]', 'target', 'organisations', '{}'], kind: 'organisation' },
  { path: ['trajectories', '[]', 'target'], kind: 'target' },
  { path: ['trajectories', '[]', 'organisation'], kind: 'organisation' },
  { path: ['assessments', '[]', 'target'], kind: 'target' },
  { path: ['assessments', '[]', 'organisation'], kind: 'organisation' },
  { path: ['progress', '[]', 'action'], kind: 'action' },
];

/** The kind of item the reference at `path` (as in partPaths) names, or undefined where the path is no reference. */
export function referenceKindAt(path: readonly string[]): ReferenceKind | undefined {
  return references.find((reference) => reference.path.join('.') === path.join('.'))?.kind;
}

/**
 * What a source file may hold: plan.yaml's sections (which `plan check` accepts only in plan.yaml) and
 * any of the collections, each a list, or nothing (`actions:` with nothing under it).
 */
const sourceFileSchema = z.strictObject({
  plan: z.optional(manifestSchema.shape.plan),
  collective_aim: manifestSchema.shape.collective_aim,
  principles: manifestSchema.shape.principles,
  rules: z.optional(manifestSchema.shape.rules),
  prose: z.optional(manifestSchema.shape.prose),
  year: manifestSchema.shape.year,
  ...(Object.fromEntries(recordCollectionNames.map((name) => [name, z.optional(z.nullable(z.array(recordSchemas[name])))])) as {
    [K in keyof typeof recordSchemas]: z.ZodMiniOptional<z.ZodMiniNullable<z.ZodMiniArray<(typeof recordSchemas)[K]>>>;
  }),
  ...(Object.fromEntries(collectionNames.map((name) => [name, z.optional(z.nullable(z.array(collectionSchemas[name])))])) as {
    [K in keyof typeof collectionSchemas]: z.ZodMiniOptional<z.ZodMiniNullable<z.ZodMiniArray<(typeof collectionSchemas)[K]>>>;
  }),
});

/** The JSON Schema of a plan source file; with `ids`, each reference offers the plan's own ids. */
export function planJsonSchema(ids?: PlanIds): JsonSchema {
  // The input side: what is written in the file, before defaults and the severity spellings' transform.
  const schema = z.toJSONSchema(sourceFileSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  schema.title = 'A plan source file';
  schema.description = 'A file of a plan written in the plan language (docs/language.md): plan.yaml, or any other .yaml file of the plan folder.';
  for (const [key, description] of Object.entries({ ...descriptions.manifest, ...descriptions.collections })) describe(schema.properties?.[key], description);
  for (const [part, path] of Object.entries(partPaths) as [keyof typeof partPaths, string[]][]) {
    for (const place of [path, ...(morePartPaths[part] ?? [])]) {
      const node = at(schema, place);
      if (!node?.properties) throw new Error(`the JSON Schema has no object at ${place.join('.')}`);
      for (const [key, description] of Object.entries(descriptions[part])) describe(node.properties[key], description);
    }
  }
  // Only the rules can be configured; the built-in checks are always errors.
  const rules = schema.properties?.rules;
  if (rules) rules.propertyNames = { enum: [...ruleIds] };
  if (ids) for (const reference of references) offerIds(schema, reference.path, ids[reference.kind] ?? []);
  return schema;
}

/** The schema at `path`: `[]` steps into a list's items (through `anyOf` for a list that may be empty), `{}` into a mapping's keys. */
function at(schema: JsonSchema | undefined, path: readonly string[]): JsonSchema | undefined {
  let node = schema;
  for (const step of path) {
    if (!node) return undefined;
    const list = node.anyOf?.find((branch) => branch.type === 'array') ?? node;
    node = step === '[]' ? list.items : step === '{}' ? node.propertyNames : node.properties?.[step];
  }
  return node;
}

/** An editor shows the description on hover; links, relative to docs/, are kept as their text. */
function describe(node: JsonSchema | undefined, markdown: string): void {
  if (node) node.description = markdown.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}

/**
 * The plan's ids as completions for a reference. The id rule stays beside them, so an id added to the
 * plan since the schema was written is not underlined: references to nothing are `plan check`'s to report.
 */
function offerIds(schema: JsonSchema, path: readonly string[], ids: readonly string[]): void {
  const parent = at(schema, path.slice(0, -1));
  const last = path.at(-1)!;
  const node = at(schema, path);
  if (!parent || !node || ids.length === 0) return;
  const { description, ...rule } = node;
  const offered: JsonSchema = { ...(description === undefined ? {} : { description }), anyOf: [{ enum: [...ids] }, rule] };
  if (last === '[]') (parent.anyOf?.find((branch) => branch.type === 'array') ?? parent).items = offered;
  else if (last === '{}') parent.propertyNames = offered;
  else parent.properties![last] = offered;
}
