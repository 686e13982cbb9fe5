// The best reading of an item that breaks the language: every field that is valid on its own is kept
// (in a list, every valid entry), and a required field that is not gets a neutral placeholder. Link
// turns it into a stand-in, so references to the item still resolve and its own schema error is the
// only thing reported about it. A stand-in is never published: a plan with a schema error has errors.

import type * as z from 'zod/mini';

interface Def {
  type: string;
  innerType?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  keyType?: unknown;
  valueType?: unknown;
  entries?: Record<string, unknown>;
}

const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } })?._zod?.def;

function unwrapped(schema: unknown): unknown {
  let current = schema;
  for (let def = defOf(current); def && ['optional', 'default', 'prefault', 'nullable'].includes(def.type); def = defOf(current)) {
    current = def.innerType;
  }
  return current;
}

const parses = (schema: unknown, value: unknown): { ok: true; data: unknown } | { ok: false } => {
  const result = (schema as z.ZodMiniType).safeParse(value);
  return result.success ? { ok: true, data: result.data } : { ok: false };
};

/** The valid part of a list or mapping that is not valid as a whole; undefined for anything else. */
function validPart(schema: unknown, value: unknown): unknown {
  const def = defOf(unwrapped(schema));
  if (def?.type === 'array' && Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const element of value) {
      const parsed = parses(def.element, element);
      if (parsed.ok) kept.push(parsed.data);
    }
    return kept;
  }
  if (def?.type === 'record' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const kept: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const parsedKey = parses(def.keyType, key);
      const parsedValue = parses(def.valueType, entry) ;
      const valueKept = parsedValue.ok ? parsedValue.data : validPart(def.valueType, entry);
      if (parsedKey.ok && valueKept !== undefined) Object.defineProperty(kept, key, { value: valueKept, enumerable: true, writable: true, configurable: true });
    }
    return kept;
  }
  return undefined;
}

/** A neutral value for a required field that could not be read: the id for text, the first choice of a list of choices. */
function placeholder(schema: unknown, id: string): unknown {
  const def = defOf(schema);
  if (!def || def.type === 'optional') return undefined;
  switch (def.type) {
    case 'string':
      return id;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'array':
      return [];
    case 'record':
      return {};
    case 'number':
    case 'int':
      return 0;
    default:
      return undefined;
  }
}

/** The stand-in reading of `raw` for an item schema, or undefined when not even that can be made. */
export function standInValue<T>(schema: z.ZodMiniType<T>, raw: unknown, id: string): T | undefined {
  const shape = defOf(schema)?.shape;
  if (!shape || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const given = Object.hasOwn(record, key) ? record[key] : undefined;
    const parsed = parses(field, given);
    const kept = parsed.ok ? parsed.data : validPart(field, given) ?? placeholder(field, id);
    if (kept !== undefined) value[key] = kept;
  }
  value.id = id;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}
