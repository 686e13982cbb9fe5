// The reference data that ships with plan: every item valid in the plan language, each file citing its
// sources, and the national objectives the same as the embedded plan encodes from the same document.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dutySchema, objectiveSchema } from '../../src/model/schema.js';
import { referenceDir } from '../../src/scaffold/reference.js';
import { repoRoot } from '../helpers/cli.js';

const read = (file: string) => readFileSync(join(referenceDir(), file), 'utf8');

describe('reference/national-objectives-2023-24.yaml', () => {
  const text = read('national-objectives-2023-24.yaml');
  const { objectives } = parse(text) as { objectives: { id: string; number: number; title: string }[] };

  it('cites the summary\'s Appendix one for the titles and the board paper\'s Appendix 3 for the areas', () => {
    expect(text).toContain('Operational Plan 2023/24 Summary');
    expect(text).toContain('Appendix one');
    expect(text).toContain('Appendix 3');
  });

  it('holds the 31 objectives numbered 1 to 31, each a valid national objective', () => {
    expect(objectives.map((o) => o.number)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(objectives.map((o) => o.id)).toEqual(objectives.map((o) => `no-${String(o.number).padStart(2, '0')}`));
    for (const objective of objectives) expect(objectiveSchema.safeParse({ ...objective, source: 'national' }).error, objective.id).toBeUndefined();
  });

  it('words each objective as the embedded plan, encoded from the same appendix, does', () => {
    const embedded = parse(readFileSync(join(repoRoot, 'plans', 'staffordshire-stoke-2023-24', 'objectives.yaml'), 'utf8')) as { objectives: { id: string; title: string; area: string }[] };
    expect(objectives.map((o) => [o.id, o.title])).toEqual(embedded.objectives.map((o) => [o.id, o.title]));
  });
});

describe('reference/jfp-statutory-duties.yaml', () => {
  const text = read('jfp-statutory-duties.yaml');
  const { duties } = parse(text) as { duties: { id: string; title: string; requirement: string }[] };

  it('cites the board paper\'s Appendix 2', () => {
    expect(text).toContain('Appendix 2, "Joint Forward Plan legislative requirements"');
  });

  it('holds the 17 requirements the appendix lists, each a valid duty with its requirement text', () => {
    expect(duties).toHaveLength(17);
    expect(new Set(duties.map((d) => d.id)).size).toBe(17);
    for (const duty of duties) {
      expect(dutySchema.safeParse(duty).error, duty.id).toBeUndefined();
      expect(duty.requirement.length, duty.id).toBeGreaterThan(50);
    }
  });
});
