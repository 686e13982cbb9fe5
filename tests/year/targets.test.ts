// Targets as real plans write them: a range, several parts by date, parts measured apart, a national
// figure kept apart from the system's own, and a figure per organisation.

import { describe, expect, it } from 'vitest';
import { changedSinceReview, reviewFingerprint } from '../../src/link/review.js';
import { trackedTargetsOf } from '../../src/link/targets.js';
import type { Objective } from '../../src/model/schema.js';
import { targetText } from '../../src/render/views/shared.js';
import { PlanningYear } from '../../src/link/year.js';
import { compileFixture, findingsOf, yaml, YEAR_MANIFEST } from '../helpers/plan-fixture.js';

const objective = (target: string) => yaml`
  organisations:
    - id: trust
      name: Example Hospitals NHS Trust
      type: nhs_trust
  objectives:
    - id: inpatients
      title: Reduce reliance on inpatient care
      source: national
      portfolio: urgent-care
      target:
${target.split('\n').map((line) => `        ${line}`).join('\n')}
`;

const partsApart = `comparison: at_most
by: 2024-03-31
parts:
  - id: adults
    measure: Adults cared for in an inpatient unit
    value: 30
    unit: per million adults
  - id: under-18s
    measure: Under-18s cared for in an inpatient unit
    range: { from: 12, to: 15 }
    unit: per million under-18s`;

function compile(target: string, csv?: string) {
  return compileFixture({ manifest: YEAR_MANIFEST, test: objective(target), files: csv ? { 'actuals/a.csv': csv } : {} });
}

function compliance(target: string, csv: string, key: string) {
  const compilation = compile(target, csv);
  const year = new PlanningYear(compilation.plan!);
  const tracked = year.tracked().find((t) => t.key === key)!;
  return year.series(tracked).map((s) => [s.organisation?.id, year.compliance(tracked, s).status]);
}

describe('targets as real plans write them', () => {
  it('reads objective 26 as written: two parts measured apart, one of them a range, with no problems', () => {
    const compilation = compile(partsApart);
    expect(compilation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(findingsOf(compilation, 'objective-is-smart').filter((d) => d.subject === 'inpatients')).toEqual([]);
    const tracked = trackedTargetsOf(compilation.plan!.objectives.find((o) => o.id === 'inpatients')!);
    expect(tracked.map((t) => [t.key, t.unit, t.milestones.map((m) => m.figure)])).toEqual([
      ['inpatients#adults', 'per million adults', [{ value: 30 }]],
      ['inpatients#under-18s', 'per million under-18s', [{ range: [12, 15] }]],
    ]);
  });

  it('judges a part measured apart by its own actuals, named in the `part` column', () => {
    const csv = 'target,part,organisation,period,value\ninpatients,under-18s,trust,2024-03,14\ninpatients,adults,trust,2024-03,33\n';
    expect(compliance(partsApart, csv, 'inpatients#under-18s')).toEqual([['trust', 'met']]);
    expect(compliance(partsApart, csv, 'inpatients#adults')).toEqual([['trust', 'not_met']]);
  });

  it('reports a part the target does not have, with the nearest', () => {
    const csv = 'target,part,organisation,period,value\ninpatients,under-18,trust,2024-03,14\n';
    expect(findingsOf(compile(partsApart, csv), 'actual-refers-to-plan')[0]!.message).toBe('This actual is for part `under-18` of `inpatients`, which has no such part. Did you mean `under-18s`?');
  });

  it('judges a value against the part due at or after its period: 50% by September, 100% by March', () => {
    // A board paper's target, as written: "50% of care homes with a designated dementia liaison
    // practitioner by September 2023 and 100% by March 2024".
    const byDate = "measure: Care homes with a designated dementia liaison practitioner\ncomparison: at_least\nunit: '%'\nparts:\n  - value: 50\n    by: 2023-09-30\n  - value: 100\n    by: 2024-03-31";
    expect(compliance(byDate, 'target,organisation,period,value\ninpatients,trust,2023-09,60\n', 'inpatients')).toEqual([['trust', 'met']]);
    expect(compliance(byDate, 'target,organisation,period,value\ninpatients,trust,2024-03,60\n', 'inpatients')).toEqual([['trust', 'not_met']]);
  });

  it('judges against an organisation\'s own figure where the target gives one', () => {
    const perOrganisation = "measure: Seen within four hours\nvalue: 78\ncomparison: at_least\nunit: '%'\nby: 2024-03-31\norganisations:\n  trust: 76";
    expect(compliance(perOrganisation, 'target,organisation,period,value\ninpatients,trust,2024-03,77\n', 'inpatients')).toEqual([['trust', 'met']]);
  });

  it('keeps a national figure apart: it is not the system\'s own, so the target is not measurable and not judged', () => {
    const national = 'measure: More appointments\nnational:\n  value: 50000000\nunit: appointments\nby: 2024-03-31';
    const compilation = compile(national, 'target,organisation,period,value\ninpatients,trust,2024-03,1000\n');
    expect(findingsOf(compilation, 'objective-is-smart').find((d) => d.subject === 'inpatients')?.message).toContain("M: no value");
    expect(compliance(national, 'target,organisation,period,value\ninpatients,trust,2024-03,1000\n', 'inpatients')).toEqual([['trust', 'not_judged']]);
  });

  it('reports a target that gives both a value and a range', () => {
    const both = "measure: Seen\nvalue: 78\nrange: { from: 70, to: 80 }\nunit: '%'";
    expect(compile(both).diagnostics.filter((d) => d.rule === 'schema').map((d) => d.message)).toEqual([
      '`target.range` of objective `inpatients`: it gives both `value` and `range`; give the one figure, or the range, not both.',
    ]);
  });

  it('reports a part with a measure of its own but no id', () => {
    const unnamed = 'parts:\n  - measure: Adults\n    value: 30';
    expect(compile(unnamed).diagnostics.filter((d) => d.rule === 'schema').map((d) => d.message)[0]).toContain('a part with a `measure` of its own is measured apart and needs an `id`');
  });

  it('reports a figure for an organisation the plan does not have', () => {
    const unknown = "value: 78\nunit: '%'\norganisations:\n  trsut: 76\n  trustt: 75";
    expect(compile(unknown).diagnostics.filter((d) => d.rule === 'unknown-reference').map((d) => d.message)).toContain('The target of `inpatients` gives a figure for `trustt`, but there is no organisation with that id. Did you mean `trust`?');
  });
});

describe('targets as the documents print them', () => {
  it('names each date of a target of several parts by date', () => {
    expect(targetText({ measure: 'Care homes with a designated dementia liaison practitioner', comparison: 'at_least', unit: '%', by: '2024-03-31', parts: [{ value: 50, by: '2023-09-30' }, { value: 100 }] }))
      .toBe('Care homes with a designated dementia liaison practitioner: at least 50% by 30 September 2023 and at least 100%');
  });

  it('gives a range with no comparison as the range itself, met inside it', () => {
    expect(targetText({ measure: 'Under-18s in an inpatient unit', range: { from: 12, to: 15 }, unit: 'per million under-18s' })).toBe('Under-18s in an inpatient unit: 12–15 per million under-18s');
  });
});

describe('reviews of links to targets as real plans write them', () => {
  const objective = (to: number): Objective => ({
    id: 'no-26', title: 'Reduce reliance on inpatient care', source: 'national', priorities: undefined,
    target: { comparison: 'at_most', parts: [{ id: 'under-18s', measure: 'Under-18s', range: { from: 12, to }, unit: 'per million under-18s' }] },
  } as Objective);

  it('finds the target changed when a part\'s range changes', () => {
    expect(changedSinceReview(reviewFingerprint(objective(15)), objective(16))).toEqual(['target']);
  });
});
