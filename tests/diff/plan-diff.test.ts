// What counts as a change between two versions of a plan: the diff of two compiled in-memory plans,
// told in the words every format of `plan diff` prints.

import { describe, expect, it } from 'vitest';
import { diffSections } from '../../src/diff/diff-words.js';
import { diffPlans, type PlanDiff } from '../../src/diff/plan-diff.js';
import { BASE_SYSTEM, MANIFEST, compileFixture, type FixtureParts } from '../helpers/plan-fixture.js';

function planOf(parts: FixtureParts) {
  const { plan } = compileFixture(parts);
  if (!plan) throw new Error('the fixture does not link');
  return plan;
}

/** The diff between two versions of the example plan, as the lines stylish prints under each heading. */
function linesOf(before: FixtureParts, after: FixtureParts): Record<string, string[]> {
  return linesOfDiff(diffPlans(planOf(before), planOf(after)));
}

function linesOfDiff(diff: PlanDiff): Record<string, string[]> {
  return Object.fromEntries(diffSections(diff).map((section) => [section.title, section.lines.map((line) => `${line.mark} ${line.text}`)]));
}

/** BASE_SYSTEM with one piece of text replaced; fails when the text is not there exactly once. */
function systemWith(from: string, to: string): string {
  expect(BASE_SYSTEM.split(from)).toHaveLength(2);
  return BASE_SYSTEM.replace(from, to);
}

describe('a diff of two versions of a plan', () => {
  it('is empty for the same plan', () => {
    expect(linesOf({}, {})).toEqual({});
  });

  it('tells the threads that broke once, for one cause, naming where they stop now', () => {
    const ownerless = systemWith('    portfolio: urgent-care\n', '');
    expect(linesOf({}, { system: ownerless })).toEqual({
      Changed: ['~ objective `ae-4-hours` portfolio `urgent-care` → none'],
      'Golden thread': ['✖ objective `ae-4-hours` and action `same-day-emergency-care` no longer reach the collective aim: national objective "Patients seen within four hours in A&E" (`ae-4-hours`) has no owner'],
    });
  });

  it('tells the threads that mended', () => {
    const ownerless = systemWith('    portfolio: urgent-care\n', '');
    expect(linesOf({ system: ownerless }, {})['Golden thread']).toEqual([
      '✔ objective `ae-4-hours` and action `same-day-emergency-care` reach the collective aim again',
    ]);
  });

  it('says when an added item does not reach the collective aim', () => {
    const test = 'actions:\n  - id: handover-cohorting\n    title: Cohort patients awaiting handover\n    objectives: [ae-4-hours]\n  - id: leaflets\n    title: Print leaflets\n';
    expect(linesOf({}, { test }).Added).toEqual([
      '+ action `handover-cohorting` "Cohort patients awaiting handover"',
      '+ action `leaflets` "Print leaflets" (its thread does not reach the collective aim)',
    ]);
  });

  it('finds items renamed together that refer to each other, and reports nothing else', () => {
    const renamed = BASE_SYSTEM.replace('id: ae-4-hours', 'id: ae-four-hours').replace('[ae-4-hours]', '[ae-four-hours]').replace('id: same-day-emergency-care', 'id: sdec');
    expect(linesOf({}, { system: renamed })).toEqual({
      Renamed: [
        '~ objective `ae-4-hours` is now `ae-four-hours` "Patients seen within four hours in A&E"',
        '~ action `same-day-emergency-care` is now `sdec` "Open same day emergency care at every acute site"',
      ],
    });
  });

  it('does not guess a rename between look-alikes: two removed items with the same content stay removed', () => {
    const twins = 'organisations:\n  - id: trust-a\n    name: A trust\n    type: nhs_trust\n  - id: trust-b\n    name: A trust\n    type: nhs_trust\n';
    const one = 'organisations:\n  - id: trust-c\n    name: A trust\n    type: nhs_trust\n';
    expect(linesOf({ test: twins }, { test: one })).toEqual({
      Added: ['+ organisation `trust-c` "A trust"'],
      Removed: ['- organisation `trust-a` "A trust"', '- organisation `trust-b` "A trust"'],
    });
  });

  it('tells an item whose content changed with its id as removed and added, not as a rename', () => {
    const changed = BASE_SYSTEM.replace('id: same-day-emergency-care', 'id: sdec').replace('at every acute site', 'at both sites');
    expect(linesOf({}, { system: changed })).toEqual({
      Added: ['+ action `sdec` "Open same day emergency care at both sites"'],
      Removed: ['- action `same-day-emergency-care` "Open same day emergency care at every acute site"'],
    });
  });

  it('does not count the order of the objectives an action serves as a change', () => {
    const test = 'objectives:\n  - id: handovers\n    title: Faster handovers\n    source: local\n    portfolio: urgent-care\n';
    const both = (list: string) => ({ test, system: systemWith('objectives: [ae-4-hours]', `objectives: ${list}`) });
    expect(linesOf(both('[ae-4-hours, handovers]'), both('[handovers, ae-4-hours]'))).toEqual({});
  });

  it('tells what an action serves now and no longer', () => {
    const test = 'objectives:\n  - id: handovers\n    title: Faster handovers\n    source: local\n    portfolio: urgent-care\n';
    expect(linesOf({ test }, { test, system: systemWith('objectives: [ae-4-hours]', 'objectives: [ae-4-hours, handovers]') }).Changed).toEqual([
      '~ action `same-day-emergency-care` now serves `handovers` as well',
    ]);
    expect(linesOf({ test }, { test, system: systemWith('objectives: [ae-4-hours]', 'objectives: [handovers]') }).Changed).toEqual([
      '~ action `same-day-emergency-care` now serves `handovers`, no longer serves `ae-4-hours`',
    ]);
  });

  it('says a comparison only when it changed, and every other target field in its own words', () => {
    const after = systemWith("      value: 76\n      unit: '%'\n", "      baseline: 70\n      value: 76\n      comparison: at_least\n      unit: '%'\n").replace('Patients seen within four hours of arrival', 'Seen within four hours');
    expect(linesOf({}, { system: after }).Changed).toEqual([
      '~ objective `ae-4-hours` target 76% → at least 76%, measure "Patients seen within four hours of arrival" → "Seen within four hours", baseline none → 70%',
    ]);
  });

  it('tells a metric\'s target with its unit and comparison', () => {
    const metric = (figure: string) => `metrics:\n  - id: waits\n    name: Four-hour waits\n${figure}    objective: ae-4-hours\n`;
    expect(linesOf({ test: metric("    unit: '%'\n    target: 76\n") }, { test: metric("    unit: '%'\n    target: 78\n    comparison: at_least\n") }).Changed).toEqual([
      '~ metric `waits` target 76% → at least 78%',
    ]);
    expect(linesOf({ test: metric("    unit: '%'\n    target: 76\n") }, { test: metric('    unit: patients\n    target: 76\n') }).Changed).toEqual([
      '~ metric `waits` target 76% → 76 patients',
    ]);
  });

  it('tells a target that became a national figure as that, not as a target taken away', () => {
    const national = systemWith("      value: 76\n      unit: '%'\n", "      unit: '%'\n      national:\n        value: 76\n");
    expect(linesOf({}, { system: national }).Changed).toEqual([
      '~ objective `ae-4-hours` target 76% → none, national figure none → 76%',
    ]);
    // Only the target's unit changed: a national figure neither version gives is not told.
    expect(linesOf({}, { system: systemWith("      unit: '%'\n", '      unit: patients\n') }).Changed).toEqual([
      '~ objective `ae-4-hours` target 76% → 76 patients',
    ]);
  });

  it('tells a range, each organisation\'s figure and each part of a target in their own words', () => {
    const target = (figure: string) => systemWith("      value: 76\n      unit: '%'\n      by: 2024-03-31\n", figure);
    const before = target("      value: 76\n      unit: '%'\n      by: 2024-03-31\n      organisations:\n        trust-a: 74\n        trust-b: 78\n      parts:\n        - value: 50\n          by: 2023-09-30\n        - id: under-18s\n          measure: Under-18s seen within four hours\n          range: {from: 12, to: 15}\n          unit: per million\n");
    const after = target("      range: {from: 74, to: 78}\n      unit: '%'\n      by: 2024-03-31\n      organisations:\n        trust-a: 75\n        trust-c: 80\n      parts:\n        - value: 60\n          by: 2023-10-31\n        - id: under-18s\n          measure: Under-18s seen within four hours\n          range: {from: 10, to: 15}\n          unit: per million\n        - id: adults\n          measure: Adults seen within four hours\n          value: 30\n");
    expect(linesOf({ system: before }, { system: after }).Changed).toEqual([
      '~ objective `ae-4-hours` target 76% → 74–78%, figure for `trust-a` 74% → 75%, figure for `trust-c` none → 80%, figure for `trust-b` 78% → none, '
        + 'part 1 50% → 60%, part 1 by 2023-09-30 → 2023-10-31, part `under-18s` 12–15 per million → 10–15 per million, part `adults` 30% added',
    ]);
    const diff = diffPlans(planOf({ system: before }), planOf({ system: after }));
    expect(diff.changed[0]!.changes.find((c) => c.field === 'target')).toMatchObject({ from: { value: 76, comparison: null, unit: '%' }, to: { range: { from: 74, to: 78 }, comparison: null, unit: '%' } });
  });

  it('tells changes to the plan itself: its fields, its editions, its rules and its prose', () => {
    const before = `${MANIFEST}prose:\n  introduction: Welcome.\n`;
    const after = MANIFEST.replace('Joint Forward Plan 2024 refresh', 'Joint Forward Plan 2024/25 refresh').replace('    end: 2028-03-31', '    end: 2029-03-31')
      .replace('      title: Joint Forward Plan 2024/25 refresh\n', '      title: Joint Forward Plan 2024/25 refresh\n    - id: jfp-2025\n      title: Joint Forward Plan 2025 refresh\n')
      + 'rules:\n  objective-is-smart: off\nprose:\n  introduction: Welcome to our plan.\n  next-steps: What we do next.\n';
    expect(linesOf({ manifest: before }, { manifest: after })).toEqual({
      Added: ['+ edition `jfp-2025` "Joint Forward Plan 2025 refresh"', '+ prose `next-steps`'],
      Changed: [
        '~ the plan `example-ics-2023-28` period 2023-04-01 to 2028-03-31 → 2023-04-01 to 2029-03-31, rule `objective-is-smart` default → off',
        '~ edition `jfp-2024` title "Joint Forward Plan 2024 refresh" → "Joint Forward Plan 2024/25 refresh"',
        '~ prose `introduction` text changed',
      ],
    });
  });

  it('tells a duty newly covered by an edition, and sections added to another', () => {
    const duty = (coverage: string) => `duties:\n  - id: inequalities\n    title: Reduce inequalities\n    coverage:\n${coverage}`;
    const before = duty('      jfp-2023: [Our population]\n');
    const after = duty('      jfp-2023: [Our population, Prevention]\n      jfp-2024: [Start well]\n');
    expect(linesOf({ test: before }, { test: after })).toEqual({
      'Duty coverage': [
        '~ statutory duty `inequalities` `jfp-2023` adds "Prevention"',
        '~ statutory duty `inequalities` now covered by `jfp-2024`, in "Start well"',
      ],
    });
  });

  it('tells an edition that leaves a duty unchanged, and one that no longer does', () => {
    const duty = (coverage: string) => `duties:\n  - id: inequalities\n    title: Reduce inequalities\n    coverage:\n      jfp-2023: [Our population]\n${coverage}`;
    expect(linesOf({ test: duty('      jfp-2024: []\n') }, { test: duty('      jfp-2024: unchanged\n') })['Duty coverage']).toEqual([
      '~ statutory duty `inequalities` `jfp-2024` now leaves it unchanged (was not covered)',
    ]);
    expect(linesOf({ test: duty('      jfp-2024: unchanged\n') }, { test: duty('      jfp-2024: [Start well]\n') })['Duty coverage']).toEqual([
      '~ statutory duty `inequalities` `jfp-2024` no longer leaves it unchanged: now in "Start well"',
    ]);
    expect(linesOf({ test: duty('      jfp-2024: [Start well]\n') }, { test: duty('      jfp-2024: unchanged\n') })['Duty coverage']).toEqual([
      '~ statutory duty `inequalities` `jfp-2024` now leaves it unchanged (was in "Start well")',
    ]);
  });

  it('tells the coverage of an added duty, edition by edition', () => {
    const test = 'duties:\n  - id: workforce\n    title: Workforce\n    coverage:\n      jfp-2023: []\n      jfp-2024: [Workforce and education]\n';
    expect(linesOf({}, { test })).toEqual({
      Added: ['+ statutory duty `workforce` "Workforce"'],
      'Duty coverage': ['~ statutory duty `workforce` now covered by `jfp-2024`, in "Workforce and education"'],
    });
  });
});
