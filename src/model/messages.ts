// Turns zod's validation issues into messages a planner can act on: what is wrong, where, how to fix it.

import type { core } from 'zod/mini';
import { didYouMean } from '../suggest.js';

export interface PlainIssue {
  message: string;
  hint?: string;
  /** Set for an unknown key: the diagnostic points at the key itself. */
  key?: string;
  /** The issue is with the last key of its path, not its value: the diagnostic points at the key. */
  atKey?: boolean;
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
  record: 'a mapping',
  date: 'a date',
};

export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty';
  if (typeof value === 'string') return `the text "${truncate(value)}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `\`${value}\``;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

/**
 * @param subject how the item is named, e.g. "objective `uec-01`"
 * @param fieldPath the path of the field inside the item, as written in YAML
 * @param knownKeys for unknown keys: the keys that are allowed where it was found
 */
export function planIssue(issue: core.$ZodIssue, subject: string, knownKeys: readonly string[]): PlainIssue[] {
  const field = issue.path.map(String).join('.');
  const where = field ? `\`${field}\` of ${subject}` : subject;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        key,
        message: `${capitalise(subject)}${field ? ` (in \`${field}\`)` : ''} has an unknown field \`${key}\`.${didYouMean(key, knownKeys)}`,
        hint: knownKeys.length ? `The fields allowed here are: ${knownKeys.join(', ')}.` : undefined,
      }));
    case 'invalid_type': {
      const expected = typeNames[issue.expected] ?? issue.expected;
      if (issue.input === undefined) {
        return [{ message: `${capitalise(subject)} has no \`${field}\`, which is required.`, hint: `Add \`${lastStep(field)}:\` with ${expected}.` }];
      }
      return [{ message: `${capitalise(where)} should be ${expected}, but it is ${describeValue(issue.input)}.`, hint: typeHint(issue.expected, issue.input, lastStep(field)) }];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      if (issue.input === undefined) {
        return [{ message: `${capitalise(subject)} has no \`${field}\`, which is required: one of ${allowed.join(', ')}.`, hint: `Add \`${lastStep(field)}:\` with one of: ${allowed.join(', ')}.` }];
      }
      return [{
        message: `${capitalise(where)} is ${describeValue(issue.input)}, which is not one of: ${allowed.join(', ')}.${typeof issue.input === 'string' ? didYouMean(issue.input, allowed) : ''}`,
      }];
    }
    case 'invalid_union':
      // The one union of a duty's `coverage`: a list of sections or `unchanged`.
      if (issue.path[0] === 'coverage') {
        return [{
          message: `${capitalise(where)} is ${describeValue(issue.input)}, which is not allowed here.${typeof issue.input === 'string' ? didYouMean(issue.input, ['unchanged']) : ''}`,
          hint: 'Write the list of sections of that edition that cover the duty, `unchanged` when the edition changes nothing, or `[]` when it does not cover it.',
        }];
      }
      return [{ message: `${capitalise(where)} is ${describeValue(issue.input)}, which is not allowed here.`, hint: 'Write text or a number.' }];
    case 'invalid_key': {
      // The path ends with the key itself: the message names the mapping that holds it.
      const holder = issue.path.slice(0, -1).map(String).join('.');
      const key = typeof issue.input === 'string' ? `"${truncate(issue.input)}"` : describeValue(issue.input);
      return [{ atKey: true, message: `${capitalise(holder ? `\`${holder}\` of ${subject}` : subject)} has the key ${key}, which ${issue.issues[0]?.message ?? 'is not allowed here'}.` }];
    }
    case 'invalid_element':
      return [{ message: `${capitalise(where)} has an item that ${issue.issues[0]?.message ?? 'is not allowed'}.` }];
    case 'too_small':
      if (issue.origin === 'string') return [{ message: `${capitalise(where)} is empty.`, hint: `Write a value for \`${lastStep(field)}\`, or remove the line.` }];
      if (issue.origin === 'array') return [{ message: `${capitalise(where)} must list at least ${issue.minimum} item(s).` }];
      return [{ message: `${capitalise(where)} is ${describeValue(issue.input)}; it must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}.` }];
    case 'too_big':
      if (issue.origin === 'string') {
        const length = typeof issue.input === 'string' ? issue.input.length.toLocaleString('en-GB') : 'too many';
        return [{ message: `${capitalise(where)} is ${length} characters long; it may be at most ${issue.maximum.toLocaleString('en-GB')}.`, hint: 'Keep it to a line or two, and put the detail in `description:`, which is Markdown and has no such limit.' }];
      }
      return [{ message: `${capitalise(where)} is ${describeValue(issue.input)}; it must be at most ${issue.maximum}.` }];
    case 'custom':
      return [{ message: `${capitalise(where)}: ${issue.message}.` }];
    default:
      return [{ message: `${capitalise(where)} is ${describeValue(issue.input)}, which ${issue.message}.` }];
  }
}

function typeHint(expected: string, input: unknown, field: string): string | undefined {
  if ((expected === 'number' || expected === 'int') && typeof input === 'string') {
    const digits = input.match(/-?\d+(?:\.\d+)?/);
    return digits
      ? `Write the number alone, such as \`${field}: ${digits[0]}\`; put a unit such as % in its own \`unit:\` field.`
      : `Write the number in digits, such as \`${field}: 76\`.`;
  }
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) {
    return `Put the value in quotes, such as \`${field}: "${String(input)}"\`.`;
  }
  if (expected === 'array') return `Write a list, one item per line starting with \`- \`, or in brackets: \`${field}: [a, b]\`.`;
  if (expected === 'object') return 'Write the fields indented below this key.';
  return undefined;
}

function lastStep(field: string): string {
  const steps = field.split('.');
  const last = steps[steps.length - 1] ?? field;
  return /^\d+$/.test(last) ? (steps[steps.length - 2] ?? last) : last;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
