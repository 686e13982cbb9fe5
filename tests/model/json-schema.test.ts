// The editor schema (`plan schema`) agrees with `plan check` about what a plan file may hold: every file
// of the embedded plan passes it, wrong types and unknown keys fail it, and with a plan the references
// offer that plan's ids.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { planJsonSchema, type JsonSchema } from '../../src/model/json-schema.js';
import { copyPlan, repoRoot, runPlan, writePlan } from '../helpers/cli.js';
import { validatorOf } from '../helpers/json-schema.js';
import { yaml } from '../helpers/plan-fixture.js';

const EMBEDDED = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');
const validate = validatorOf(planJsonSchema());
const errorsOf = (text: string) => (validate(parse(text)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('the JSON Schema of the plan language', () => {
  it('accepts every file of the embedded plan', () => {
    const files = readdirSync(EMBEDDED).filter((name) => name.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(errorsOf(readFileSync(join(EMBEDDED, file), 'utf8')), file).toEqual([]);
  });

  it('rejects a target value written with its unit', () => {
    const errors = errorsOf(yaml`
      objectives:
        - id: ae-4-hours
          title: Patients seen within four hours in A&E
          source: national
          target:
            value: 76 percent
    `);
    expect(errors).toContain('/objectives/0/target/value must be number');
  });

  it('rejects a misspelt key', () => {
    const errors = errorsOf(yaml`
      objectives:
        - id: ae-4-hours
          title: Patients seen within four hours in A&E
          source: national
          priority: [prevention]
    `);
    expect(errors).toContain('/objectives/0 must NOT have additional properties');
  });

  it('rejects a date that does not exist', () => {
    expect(errorsOf('actions:\n  - id: a\n    title: A\n    due: 2025-02-30\n')).toContain('/actions/0/due must match format "date"');
  });

  it('accepts an empty collection, as plan check does', () => {
    expect(errorsOf('actions:\n')).toEqual([]);
  });

  it('offers only rule ids under rules', () => {
    expect(errorsOf('rules:\n  objective-is-smart: off\n')).toEqual([]);
    expect(errorsOf('rules:\n  objective-is-smrt: off\n').join('\n')).toContain('/rules property name must be valid');
  });

  it('with a plan\'s ids, offers them for each reference and still accepts an id added since', () => {
    const schema = planJsonSchema({ portfolio: ['uec', 'primary-care'] });
    const objective = schema.properties!.objectives!.anyOf!.find((branch) => branch.type === 'array')!.items!;
    expect(objective.properties!.portfolio!.anyOf![0]).toEqual({ enum: ['uec', 'primary-care'] });
    const withIds = validatorOf(schema);
    expect(withIds(parse('objectives:\n  - id: a\n    title: A\n    source: local\n    portfolio: a-new-portfolio\n'))).toBe(true);
    expect(withIds(parse('objectives:\n  - id: a\n    title: A\n    source: local\n    portfolio: 12\n'))).toBe(false);
  });
});

describe('plan schema', () => {
  it('prints the schema of the language', async () => {
    const result = await runPlan(['schema']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as JsonSchema;
    expect(printed.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(JSON.stringify(printed.properties!.objectives)).not.toContain('"enum":["uec"');
  });

  it('given a plan, offers its portfolio ids for an objective\'s portfolio', async () => {
    const result = await runPlan(['schema', EMBEDDED]);
    expect(result.code).toBe(0);
    const objective = (JSON.parse(result.stdout) as JsonSchema).properties!.objectives!.anyOf!.find((branch) => branch.type === 'array')!.items!;
    const offered = objective.properties!.portfolio!.anyOf![0]!.enum as string[];
    expect(offered).toContain('uec');
    expect(offered).toContain('primary-care');
  });

  it('given a plan, offers its objective and metric ids for the target of a trajectory and of an assessment', async () => {
    const result = await runPlan(['schema', EMBEDDED]);
    expect(result.code).toBe(0);
    const properties = (JSON.parse(result.stdout) as JsonSchema).properties!;
    for (const collection of ['trajectories', 'assessments']) {
      const record = properties[collection]!.anyOf!.find((branch) => branch.type === 'array')!.items!;
      const offered = record.properties!.target!.anyOf![0]!.enum as string[];
      expect(offered, collection).toContain('no-01');
      expect(offered, collection).toContain('metric-ae-4-hours');
    }
  });

  it('with --write, writes .plan/schema.json in the plan folder and replaces it on the next run', async () => {
    const plan = copyPlan(EMBEDDED);
    const first = await runPlan(['schema', plan, '--write']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    const written = readFileSync(join(plan, '.plan', 'schema.json'), 'utf8');
    expect(written).toBe((await runPlan(['schema', plan])).stdout);
    expect((await runPlan(['schema', plan, '--write'])).code).toBe(0);
  });

  it('with --write, refuses to replace a .plan/schema.json that plan did not write', async () => {
    const plan = writePlan({ 'plan.yaml': 'plan:\n  id: p\n  title: P\n  system: S\n  period: {start: 2025-04-01, end: 2026-03-31}\n', '.plan/schema.json': '{"mine": true}\n' });
    const result = await runPlan(['schema', plan, '--write']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('was not written by plan, so plan will not replace it');
    expect(readFileSync(join(plan, '.plan', 'schema.json'), 'utf8')).toBe('{"mine": true}\n');
  });
});
