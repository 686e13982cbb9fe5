// The messages a planner reads when the YAML or the plan language is wrong: each names the place
// (file:line:col), says what is wrong in plain words and, where it can, the nearest valid name.

import { describe, expect, it } from 'vitest';
import { objectiveSchema, targetSchema } from '../../src/model/schema.js';
import { compileTexts } from '../../src/compile-texts.js';
import { BASE_SYSTEM, compileFixture, findingsOf, MANIFEST, MANIFEST_LINES, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

describe('the base fixture', () => {
  it('is a valid plan with no diagnostics at all', () => {
    const compilation = compileFixture();
    expect(compilation.diagnostics).toEqual([]);
    expect(compilation.plan?.actions.map((a) => a.id)).toEqual(['same-day-emergency-care']);
  });
});

describe('unknown keys', () => {
  it('reports a misspelt collection name at the key and suggests the collection', () => {
    const compilation = compileFixture({
      test: yaml`
        objectivs:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
      `,
    });
    expect(onlyFindingOf(compilation, 'unknown-key')).toMatchObject({
      severity: 'error',
      file: 'test.yaml',
      line: 1,
      column: 1,
      message: '`objectivs` is not a collection of the plan language. Did you mean `objectives`?',
      hint: 'The top level of a source file may hold: priorities, portfolios, objectives, actions, metrics, organisations, duties, projects, trajectories, assessments, progress.',
    });
    expect(compilation.plan?.byId.has('bed-occupancy')).toBe(false);
  });

  it('reports an unknown field inside an objective at the field and suggests the nearest field', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            priority: [prevention]
      `,
    });
    const finding = onlyFindingOf(compilation, 'unknown-key');
    expect(finding).toMatchObject({
      severity: 'error',
      subject: 'bed-occupancy',
      file: 'test.yaml',
      line: 6,
      column: 5,
      message: 'Objective `bed-occupancy` has an unknown field `priority`. Did you mean `priorities`?',
    });
    expect(finding.hint).toBe(`The fields allowed here are: ${Object.keys(objectiveSchema.shape).join(', ')}.`);
    expect(finding.hint).toContain('priorities');
  });

  it('names the nested mapping that holds an unknown field', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              deadline: 2025-03-31
      `,
    });
    expect(onlyFindingOf(compilation, 'unknown-key')).toMatchObject({
      line: 7,
      column: 7,
      message: 'Objective `bed-occupancy` (in `target`) has an unknown field `deadline`.',
      hint: `The fields allowed here are: ${Object.keys(targetSchema.shape).join(', ')}.`,
    });
  });

  it('reports a plan.yaml section written in a source file', () => {
    const compilation = compileFixture({
      test: yaml`
        rules:
          objective-is-smart: off
      `,
    });
    expect(onlyFindingOf(compilation, 'unknown-key')).toMatchObject({
      line: 1,
      column: 1,
      message: '`rules:` belongs in plan.yaml, not in a source file.',
    });
  });

  it('reads an item whose only fault is an unknown key without that key, rather than as a stand-in', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours]
            lead: Jo Bloggs
      `,
    });
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject])).toEqual([['unknown-key', 'front-door-triage']]);
    const action = compilation.plan?.byId.get('front-door-triage');
    expect(action?.standIn).toBe(false);
    expect(action?.item).not.toHaveProperty('lead');
  });

  it('reports an unknown key and a misspelt portfolio on the same objective at once, and nothing else', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: community-response
            title: Respond to urgent community referrals within two hours
            source: local
            portfolio: urgent-cars
            owner: Jo Bloggs
            target: { measure: Referrals answered within two hours, value: 70, unit: '%', by: 2025-03-31 }
        actions:
          - id: two-hour-response
            title: Staff a two-hour community response team
            objectives: [community-response]
      `,
    });
    expect(compilation.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([
      ['objective-has-owner', 5, 16],
      ['unknown-key', 6, 5],
    ]);
    expect(onlyFindingOf(compilation, 'objective-has-owner').message).toContain('names `urgent-cars` as its owner');
    expect(onlyFindingOf(compilation, 'unknown-key').message).toBe('Objective `community-response` has an unknown field `owner`.');
  });
});

describe('values of the wrong type', () => {
  it('reports a number written in words at the value, with a hint to write digits', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              value: seventy-six
      `,
    });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({
      severity: 'error',
      subject: 'bed-occupancy',
      file: 'test.yaml',
      line: 7,
      column: 14,
      message: '`target.value` of objective `bed-occupancy` should be a number, but it is the text "seventy-six".',
      hint: 'Write the number in digits, such as `value: 76`.',
    });
  });

  it('suggests moving a unit written after the number into `unit:`', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              value: 92%
      `,
    });
    expect(onlyFindingOf(compilation, 'schema').hint).toBe('Write the number alone, such as `value: 92`; put a unit such as % in its own `unit:` field.');
  });

  it('suggests quotes for a number where text belongs', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: year-one
            title: 2024
            aim: healthier-lives
      `,
    });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({
      line: 3,
      column: 12,
      message: '`title` of priority `year-one` should be text, but it is the number 2024.',
      hint: 'Put the value in quotes, such as `title: "2024"`.',
    });
  });

  it('reports a single id where a list belongs, with a hint to write a list', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: ae-4-hours
      `,
    });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({
      line: 4,
      column: 17,
      message: '`objectives` of action `front-door-triage` should be a list, but it is the text "ae-4-hours".',
    });
    expect(onlyFindingOf(compilation, 'schema').hint).toContain('objectives: [a, b]');
  });

  it('reports a collection that is not a list', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          id: front-door-triage
          title: Stream patients at the emergency department front door
      `,
    });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({
      line: 2,
      column: 3,
      message: '`actions` should be a list of action items, but it is not a list.',
    });
  });

  it('reports a file that is a list rather than a mapping of collections', () => {
    const compilation = compileFixture({
      test: yaml`
        - id: front-door-triage
          title: Stream patients at the emergency department front door
      `,
    });
    expect(onlyFindingOf(compilation, 'yaml-structure')).toMatchObject({
      line: 1,
      column: 1,
      message: 'This file is not a mapping of collections.',
    });
  });
});

describe('missing and empty fields', () => {
  it('reports a missing required field at the item, naming the field', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            source: national
            portfolio: urgent-care
      `,
    });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({
      severity: 'error',
      subject: 'bed-occupancy',
      file: 'test.yaml',
      line: 2,
      column: 5,
      message: 'Objective `bed-occupancy` has no `title`, which is required.',
      hint: 'Add `title:` with text.',
    });
  });

  it('reports a missing field that takes one of a fixed list of values, listing the values', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            portfolio: urgent-care
      `,
    });
    const finding = onlyFindingOf(compilation, 'schema');
    expect(finding).toMatchObject({ subject: 'bed-occupancy', file: 'test.yaml', line: 2, column: 5 });
    expect(finding.message).toContain('`source`');
    expect(finding.message).toContain('national, local');
  });

  it('names an item without an id by its place in the collection', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - title: Reduce general and acute bed occupancy
            source: national
      `,
    });
    const finding = onlyFindingOf(compilation, 'schema');
    expect(finding.message).toBe('Objective number 1 in `objectives` has no `id`, which is required.');
    expect(finding.subject).toBeUndefined();
  });

  it('reports text that is only spaces as empty', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: "   "
            objectives: [ae-4-hours]
      `,
    });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({ line: 3, column: 12, message: '`title` of action `front-door-triage` is empty.' });
  });

  it('reports plan.yaml without a `plan:` section', () => {
    const compilation = compileFixture({ manifest: MANIFEST.slice(MANIFEST.indexOf('collective_aim:')) });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({ file: 'plan.yaml', line: 1, column: 1, message: 'plan.yaml has no `plan:` section.' });
  });

  it('reports a plan with no plan.yaml as a read error', () => {
    const compilation = compileTexts([{ file: 'system.yaml', text: BASE_SYSTEM }]);
    expect(onlyFindingOf(compilation, 'read-error')).toMatchObject({ file: 'plan.yaml', line: 1, column: 1, message: 'The plan has no plan.yaml.' });
    expect(compilation.plan).toBeUndefined();
  });
});

describe('dates, ids and choices', () => {
  it('reports a date that does not exist at the value', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours]
            due: 2025-02-30
      `,
    });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({
      severity: 'error',
      subject: 'front-door-triage',
      line: 5,
      column: 10,
      message: '`due` of action `front-door-triage` is the text "2025-02-30", which must be a date written YYYY-MM-DD, such as 2024-03-31.',
    });
  });

  it('reports a date written day first', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours]
            due: 31/03/2025
      `,
    });
    expect(onlyFindingOf(compilation, 'schema').message).toContain('must be a date written YYYY-MM-DD');
  });

  it('accepts a date in quotes', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours]
            due: "2025-03-31"
      `,
    });
    expect(compilation.diagnostics).toEqual([]);
  });

  it('reports an id with a space in it', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front door triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours]
      `,
    });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({ line: 2, column: 9 });
    expect(onlyFindingOf(compilation, 'schema').message).toContain('must be an id: letters, digits');
  });

  it('reports a value outside a fixed list of choices and suggests the nearest', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours]
            status: in-progress
      `,
    });
    expect(onlyFindingOf(compilation, 'schema')).toMatchObject({
      severity: 'error',
      subject: 'front-door-triage',
      line: 5,
      column: 13,
      message:
        '`status` of action `front-door-triage` is the text "in-progress", which is not one of: planned, in_progress, done, at_risk, stopped. Did you mean `in_progress`?',
    });
  });

  it('keeps an item with a schema error as a stand-in, so its schema error is all that is reported about it', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            status: started
            objectives: [ae-4-hours]
      `,
    });
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject])).toEqual([['schema', 'front-door-triage']]);
    expect(compilation.plan?.byId.get('front-door-triage')?.standIn).toBe(true);
  });
});

describe('ids and references', () => {
  it('reports a duplicate id once, at the later place, naming the first', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: same-day-emergency-care
            title: Extend same day emergency care to weekends
            objectives: [ae-4-hours]
      `,
    });
    expect(onlyFindingOf(compilation, 'duplicate-id')).toMatchObject({
      severity: 'error',
      subject: 'same-day-emergency-care',
      file: 'test.yaml',
      line: 2,
      column: 9,
      message: 'The id `same-day-emergency-care` is used twice: action `same-day-emergency-care` here, and action `same-day-emergency-care` at system.yaml:20:9.',
      hint: 'Ids must be unique across the whole plan; rename one of them and update the references to it.',
    });
  });

  it('reports nothing but the duplicate id for an item that repeats another\'s id', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: same-day-emergency-care
            title: Extend same day emergency care to weekends
            objectives: [ae-4-hours]
      `,
    });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual(['duplicate-id']);
  });

  it('reports an id shared by items of different kinds once, at the later place in the plan\'s files', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: urgent-care
            title: Urgent care
            aim: healthier-lives
      `,
    });
    expect(onlyFindingOf(compilation, 'duplicate-id')).toMatchObject({
      file: 'test.yaml',
      line: 2,
      column: 9,
      message: 'The id `urgent-care` is used twice: priority `urgent-care` here, and portfolio `urgent-care` at system.yaml:6:9.',
    });
  });

  it('reports nothing but the duplicate id when the repeated id belongs to an item of another kind', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: urgent-care
            title: Urgent care
            aim: healthier-lives
      `,
    });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual(['duplicate-id']);
  });

  it('keeps the item written first, whatever its kind, so what it links stays linked', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: same-day-emergency-care
            title: Extend same day emergency care to weekends
            source: local
            portfolio: urgent-care
            target: { measure: Sites open at weekends, value: 100, unit: '%', by: 2025-03-31 }
      `,
    });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual(['duplicate-id']);
  });

  it('reports an unknown reference at the id, suggesting the nearest existing id of that kind', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours, bed-ocupancy]
      `,
    });
    expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({
      severity: 'error',
      subject: 'front-door-triage',
      file: 'test.yaml',
      line: 9,
      column: 30,
      message: 'There is no objective with the id `bed-ocupancy`. Did you mean `bed-occupancy`?',
      hint: 'Use the id of an existing objective (ae-4-hours, bed-occupancy).',
    });
  });

  it('offers in its hint only items that reach the collective aim, and says when the one it suggests does not', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [bed-ocupancy]
      `,
    });
    expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({
      message: 'There is no objective with the id `bed-ocupancy`. Did you mean `bed-occupancy`? It does not reach the collective aim yet either.',
      hint: 'Use the id of an existing objective (ae-4-hours).',
    });
  });

  it('reports a reference to an item of the wrong kind', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [urgent-care]
      `,
    });
    expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({ line: 4, column: 18 });
    expect(onlyFindingOf(compilation, 'unknown-reference').message).toContain('`urgent-care` is portfolio `urgent-care`');
  });

  // Reported as a bug: the message reads "but a objective is expected here".
  it('uses "an" before a kind that starts with a vowel in a wrong-kind reference', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [urgent-care]
      `,
    });
    expect(onlyFindingOf(compilation, 'unknown-reference').message).toBe(
      '`urgent-care` is portfolio `urgent-care`, but an objective is expected here.',
    );
  });
});

describe('YAML mistakes', () => {
  it('reports text with an unquoted `: ` in it as a syntax error at the value', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Front door: stream patients
            objectives: [ae-4-hours]
      `,
    });
    const finding = onlyFindingOf(compilation, 'yaml-syntax');
    expect(finding).toMatchObject({ severity: 'error', file: 'test.yaml', line: 3, column: 12 });
    expect(finding.hint).toContain('in quotes');
    // A file that cannot be read as YAML adds nothing to the plan.
    expect(compilation.plan?.byId.has('front-door-triage')).toBe(false);
  });

  it('reports an unclosed bracket', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            objectives: [ae-4-hours
      `,
    });
    expect(findingsOf(compilation, 'yaml-syntax').length).toBeGreaterThan(0);
    expect(findingsOf(compilation, 'yaml-syntax')[0]).toMatchObject({ file: 'test.yaml', line: 5, column: 1 });
  });

  it('reports a key written twice in one mapping at the second one', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
            title: Stream patients at the emergency department front door
            title: Front door streaming
            objectives: [ae-4-hours]
      `,
    });
    expect(onlyFindingOf(compilation, 'yaml-syntax')).toMatchObject({
      severity: 'error',
      file: 'test.yaml',
      line: 4,
      column: 5,
      message: 'This key appears twice in the same mapping; the second would silently replace the first.',
    });
  });

  it('reports a tab used for indentation', () => {
    const compilation = compileFixture({ test: 'actions:\n\t- id: front-door-triage\n' });
    expect(onlyFindingOf(compilation, 'yaml-syntax')).toMatchObject({
      line: 2,
      column: 1,
      message: 'A tab is used for indentation; YAML allows only spaces.',
    });
  });

  // Reported as a bug: one mis-indented line gives two identical diagnostics.
  it('reports a mis-indented line once', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: front-door-triage
             title: Stream patients at the emergency department front door
      `,
    });
    expect(findingsOf(compilation, 'yaml-syntax')).toHaveLength(1);
  });
});

describe('the `rules:` settings', () => {
  it('reports a severity that does not exist at the value', () => {
    const manifest = MANIFEST + yaml`
      rules:
        objective-is-smart: warnin
    `;
    expect(onlyFindingOf(compileFixture({ manifest }), 'schema')).toMatchObject({
      file: 'plan.yaml',
      line: MANIFEST_LINES + 2,
      column: 23,
      message: '`rules.objective-is-smart` of the plan manifest is the text "warnin", which is not one of: off, warning, error, warn, 0, 1, 2. Did you mean `warning`?',
    });
  });

  describe('accepts ESLint\'s spellings of a severity', () => {
    // An objective that no action delivers: objective-has-action reports it, as a warning by default.
    const undelivered = yaml`
      objectives:
        - id: ambulance-handovers
          title: Hand ambulance patients over within 45 minutes
          source: national
          portfolio: urgent-care
    `;
    const severityWith = (spelling: string) => {
      const compilation = compileFixture({ manifest: `${MANIFEST}rules:\n  objective-has-action: ${spelling}\n`, test: undelivered });
      expect(findingsOf(compilation, 'schema')).toEqual([]);
      return findingsOf(compilation, 'objective-has-action').map((d) => d.severity);
    };

    it('`warn` is warning', () => expect(severityWith('warn')).toEqual(['warning']));
    it('`0` is off', () => expect(severityWith('0')).toEqual([]));
    it('`1` is warning', () => expect(severityWith('1')).toEqual(['warning']));
    it('`2` is error', () => expect(severityWith('2')).toEqual(['error']));
  });

  it('refuses to configure a built-in check', () => {
    const manifest = MANIFEST + yaml`
      rules:
        duplicate-id: off
    `;
    expect(onlyFindingOf(compileFixture({ manifest }), 'config')).toMatchObject({
      severity: 'error',
      file: 'plan.yaml',
      line: MANIFEST_LINES + 2,
      column: 3,
      message: '`duplicate-id` is a built-in check and is always an error; it cannot be configured.',
    });
  });

  it('reports a rule id that is nothing like a rule, without a suggestion', () => {
    const manifest = MANIFEST + yaml`
      rules:
        spelling: off
    `;
    const finding = onlyFindingOf(compileFixture({ manifest }), 'config');
    expect(finding.message).toBe('There is no rule `spelling`.');
    expect(finding.hint).toContain('objective-has-owner');
  });
});

describe('keys that are not allowed', () => {
  it('reports a planned value for a period that does not exist at its key, naming the mapping that holds it', () => {
    const compilation = compileFixture({
      test: yaml`
        trajectories:
          - target: bed-occupancy
            values:
              2024-04: 74
              2024-13: 74.5
      `,
    });
    const finding = findingsOf(compilation, 'schema').find((f) => f.file === 'test.yaml');
    expect(finding).toMatchObject({
      severity: 'error',
      line: 5,
      column: 7,
      message: '`values` of trajectory number 1 in `trajectories` has the key "2024-13", which is not a period: there is no month 13; months are 01 to 12.',
    });
  });

  it('reports an organisation written as a name rather than an id at its key', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target:
              measure: general and acute bed occupancy
              value: 92
              unit: '%'
              by: 2024-03-31
              organisations:
                Royal Stoke: 93
      `,
    });
    expect(findingsOf(compilation, 'schema').find((f) => f.file === 'test.yaml')).toMatchObject({
      line: 12,
      column: 9,
      message: expect.stringMatching(/^`target\.organisations` of objective `bed-occupancy` has the key "Royal Stoke", which must be an id/),
    });
  });
});
