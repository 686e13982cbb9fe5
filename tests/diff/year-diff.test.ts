// What plan diff tells of the planning year: how the plan reports, its trajectories, assessments and
// progress updates, its measured values and where its targets stand, between two versions.

import { describe, expect, it } from 'vitest';
import { countsInWords, diffSections } from '../../src/diff/diff-words.js';
import { diffPlans, hasChanges, type PlanDiff } from '../../src/diff/plan-diff.js';
import { json } from '../../src/render/diff/json.js';
import { BASE_SYSTEM, compileFixture, yaml, YEAR_MANIFEST, type FixtureParts } from '../helpers/plan-fixture.js';

const RECORDS = yaml`
  organisations:
    - id: trust
      name: Example Hospitals NHS Trust
      type: nhs_trust
  trajectories:
    - target: ae-4-hours
      organisation: trust
      tolerance: 1
      values:
        2024-01: 74
        2024-02: 75
        2024-03: 76
  assessments:
    - target: ae-4-hours
      organisation: trust
      position: planned
      period: 2024-03
      value: 76.4
      status: met
      words: compliant
      assessed_by: Example ICB planning team
      assessed_on: 2024-02-23
  progress:
    - action: same-day-emergency-care
      date: 2024-03-27
      quarter: 2023/24 Q4
      status: on_track
      update: Open at both sites.
      reported_by: Urgent care board
`;

const ACTUALS = 'target,organisation,period,value\nae-4-hours,trust,2024-01,74.2\nae-4-hours,trust,2024-02,75.5\n';

function version(records = RECORDS, actuals = ACTUALS, parts: FixtureParts = {}): FixtureParts {
  return { manifest: YEAR_MANIFEST, test: records, files: { 'actuals/ae.csv': actuals }, ...parts };
}

function diffOf(before: FixtureParts, after: FixtureParts): PlanDiff {
  const plan = (parts: FixtureParts) => {
    const compilation = compileFixture(parts);
    const errors = compilation.diagnostics.filter((d) => d.severity === 'error');
    if (!compilation.plan || errors.length > 0) throw new Error(`the fixture has errors: ${errors.map((d) => d.message).join('; ')}`);
    return compilation.plan;
  };
  return diffPlans(plan(before), plan(after));
}

function linesOf(before: FixtureParts, after: FixtureParts): Record<string, string[]> {
  return Object.fromEntries(diffSections(diffOf(before, after)).map((section) => [section.title, section.lines.map((line) => `${line.mark} ${line.text}`)]));
}

/** RECORDS with one piece of text replaced; fails when the text is not there exactly once. */
function recordsWith(from: string, to: string): string {
  expect(RECORDS.split(from)).toHaveLength(2);
  return RECORDS.replace(from, to);
}

describe('the planning year in a diff', () => {
  it('is empty for the same plan, records and actuals', () => {
    const diff = diffOf(version(), version());
    expect(hasChanges(diff)).toBe(false);
    expect(countsInWords(diff)).not.toContain('planning year');
  });

  it('tells a trajectory period by period, and its other fields', () => {
    const after = recordsWith('      2024-03: 76\n', '      2024-03: 76.5\n      2024-04: 77\n').replace('      2024-01: 74\n', '').replace('tolerance: 1', 'tolerance: 2');
    expect(linesOf(version(), version(after))).toEqual({
      'Planning year': ['~ trajectory of objective `ae-4-hours` for `trust`: 2024-01 74 → none, 2024-03 76 → 76.5, 2024-04 none → 77, tolerance 1 → 2'],
    });
  });

  it('tells a trajectory\'s periods in time order, a quarter after the months it ends', () => {
    const quarterly = (q4: number, january: number) => recordsWith('      2024-01: 74\n      2024-02: 75\n      2024-03: 76\n', `      '2023/24 Q4': ${q4}\n      2024-01: ${january}\n`);
    expect(linesOf(version(quarterly(75, 74)), version(quarterly(76, 73)))['Planning year']).toEqual([
      '~ trajectory of objective `ae-4-hours` for `trust`: 2024-01 74 → 73, 2023/24 Q4 75 → 76',
    ]);
  });

  it('tells a forecast added beside a trajectory as a record of its own, and a trajectory taken out', () => {
    const forecast = '  - target: ae-4-hours\n    organisation: trust\n    kind: forecast\n    values:\n      2024-03: 75\n';
    const withForecast = recordsWith('assessments:\n', `${forecast}assessments:\n`);
    expect(linesOf(version(), version(withForecast))['Planning year']).toEqual(['+ forecast of objective `ae-4-hours` for `trust`: 1 value, 2024-03']);
    const without = recordsWith('  - target: ae-4-hours\n    organisation: trust\n    tolerance: 1\n    values:\n      2024-01: 74\n      2024-02: 75\n      2024-03: 76\n', '');
    expect(linesOf(version(), version(without))['Planning year']).toEqual(['- trajectory of objective `ae-4-hours` for `trust`: 3 values, 2024-01 to 2024-03']);
  });

  it('tells an assessment judged again, and a new one beside it', () => {
    const judgedAgain = recordsWith('    status: met\n    words: compliant\n', '    status: not_met\n    words: not compliant\n');
    expect(linesOf(version(), version(judgedAgain))['Planning year']).toEqual([
      '~ assessment of the planned position of objective `ae-4-hours` for `trust` in 2024-03: status met → not_met, words "compliant" → "not compliant"',
    ]);
    const later = '  - target: ae-4-hours\n    organisation: trust\n    position: measured\n    period: 2024-03\n    value: 75.9\n    status: not_met\n    assessed_by: Example Hospitals\n    assessed_on: 2024-04-20\n';
    expect(linesOf(version(), version(recordsWith('progress:\n', `${later}progress:\n`)))['Planning year']).toEqual([
      '+ assessment of the measured position of objective `ae-4-hours` for `trust` in 2024-03: not met, 75.9%, by Example Hospitals on 2024-04-20',
    ]);
  });

  it('tells a progress update changed, and the next quarter\'s added', () => {
    const changed = recordsWith('    status: on_track\n    update: Open at both sites.\n', '    status: at_risk\n    update: Open at one site; the second is delayed.\n');
    const next = '  - action: same-day-emergency-care\n    date: 2024-06-28\n    quarter: 2024/25 Q1\n    status: done\n    update: Open at both sites.\n';
    expect(linesOf(version(), version(changed + next))['Planning year']).toEqual([
      '~ progress update on action `same-day-emergency-care` for 2023/24 Q4: status on_track → at_risk, update changed',
      '+ progress update on action `same-day-emergency-care` for 2024/25 Q1: done, reported on 2024-06-28',
    ]);
  });

  it('tells how the plan reports', () => {
    const later = YEAR_MANIFEST.replace('as_at: 2024-04-08', 'as_at: 2024-05-08');
    expect(linesOf(version(), version(RECORDS, ACTUALS, { manifest: later }))['Planning year']).toEqual(['~ year as at 2024-04-08 → 2024-05-08']);
  });

  it('tells a month of measured values added as one line, a value restated on its own, and where the target stands now', () => {
    const march = `${ACTUALS.replace('2024-02,75.5', '2024-02,75.4')}ae-4-hours,trust,2024-03,76.3\n`;
    const diff = diffOf(version(), version(RECORDS, march));
    expect(Object.fromEntries(diffSections(diff).map((s) => [s.title, s.lines.map((l) => `${l.mark} ${l.text}`)]))).toEqual({
      'Measured values': [
        '+ 2024-03: 1 measured value, of 1 target for 1 organisation',
        '~ measured value of objective `ae-4-hours` for `trust` in 2024-02 75.5 → 75.4',
      ],
      'Where targets stand': ['✔ objective `ae-4-hours` for `trust` not met → met: measured 76.3% in March 2024, against at least 76%'],
    });
    expect(countsInWords(diff)).toBe('0 added, 0 removed, 0 renamed, 0 changed; 0 threads broken, 0 mended; 0 duty coverage changes; planning year: 0 changes to how it reports and its records, 1 measured value added, 1 changed, 0 removed, 1 position changed');
    // Taken out again: the month goes, and the target falls back.
    expect(linesOf(version(RECORDS, march), version())).toMatchObject({
      'Measured values': ['~ measured value of objective `ae-4-hours` for `trust` in 2024-02 75.4 → 75.5', '- 2024-03: 1 measured value, of 1 target for 1 organisation, taken out'],
      'Where targets stand': ['✖ objective `ae-4-hours` for `trust` met → not met: measured 75.5% in February 2024, against at least 76%'],
    });
  });

  it('counts the measured values of a period across targets and organisations', () => {
    const twoTrusts = recordsWith('organisations:\n', 'organisations:\n  - id: second-trust\n    name: Second Hospitals NHS Trust\n    type: nhs_trust\n');
    const march = `${ACTUALS}ae-4-hours,trust,2024-03,76.3\nae-4-hours,second-trust,2024-03,71\nae-4-hours,second-trust,2024-02,70\n`;
    expect(linesOf(version(twoTrusts), version(twoTrusts, march))['Measured values']).toEqual([
      '+ 2024-02: 1 measured value, of 1 target for 1 organisation',
      '+ 2024-03: 2 measured values, of 1 target for 2 organisations',
    ]);
  });

  it('reads the records of a renamed objective with its new id, so they are not told as taken out and added', () => {
    const rename = (text: string) => text.replaceAll('ae-4-hours', 'ae-four-hours');
    const after = version(rename(RECORDS), rename(ACTUALS), { system: rename(BASE_SYSTEM) });
    const diff = diffOf(version(), after);
    expect(diff.renamed.map((r) => `${r.from} → ${r.to}`)).toEqual(['ae-4-hours → ae-four-hours']);
    expect(diff.year).toEqual({ settings: [], records: [], actuals: { added: [], removed: [], changed: [] }, compliance: [] });
  });

  it('gives every change as data in JSON', () => {
    const march = `${ACTUALS}ae-4-hours,trust,2024-03,76.3\n`;
    const diff = diffOf(version(), version(recordsWith('      2024-03: 76\n', '      2024-03: 77\n'), march));
    const versionOf = { folder: 'plans/example', revision: undefined, commit: undefined };
    const out = JSON.parse(json({ old: versionOf, new: versionOf, diff }, { colour: false })) as Record<string, any>;
    expect(out.summary).toMatchObject({ year_settings: 0, year_records: 1, actuals_added: 1, actuals_changed: 0, actuals_removed: 0, positions_changed: 1 });
    expect(out.year.records).toEqual([{
      change: 'changed', kind: 'trajectory', about: { target: 'ae-4-hours', part: null, organisation: 'trust', kind: 'planned' },
      text: 'trajectory of objective `ae-4-hours` for `trust`: 2024-03 76 → 77', changes: [{ field: 'values.2024-03', from: 76, to: 77, text: '2024-03 76 → 77' }],
    }]);
    expect(out.year.actuals.added).toEqual([{ target: 'ae-4-hours', part: null, organisation: 'trust', period: '2024-03', value: 76.3 }]);
    expect(out.year.positions).toEqual([{ target: 'ae-4-hours', part: null, organisation: 'trust', from: 'not_met', to: 'met', text: 'objective `ae-4-hours` for `trust` not met → met: measured 76.3% in March 2024, against at least 76%' }]);
  });
});
