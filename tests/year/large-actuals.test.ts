// A year of monthly actuals for 1,000 targets and five organisations: 60,000 CSV rows, generated here
// (bench/generate-year.ts), never committed.

import { describe, expect, it } from 'vitest';
import { SYNTHETIC_ORGANISATIONS, syntheticActuals, type SyntheticTarget } from '../../bench/generate-year.js';
import { compileFixture, findingsOf, yaml } from '../helpers/plan-fixture.js';
import { PlanningYear } from '../../src/link/year.js';

const targets: SyntheticTarget[] = Array.from({ length: 1_000 }, (_, i) => ({ id: `metric-${String(i + 1).padStart(4, '0')}`, baseline: 60 + (i % 20), value: 80 + (i % 15) }));

const manifest = yaml`
  plan:
    id: synthetic-2023-24
    title: Synthetic plan
    system: Synthetic ICS
    period:
      start: 2023-04-01
      end: 2024-03-31
  collective_aim:
    id: healthier-lives
    statement: Everyone lives a longer, healthier life.
  year:
    as_at: 2024-04-08
`;

const organisations = `organisations:\n${SYNTHETIC_ORGANISATIONS.map((id) => `  - id: ${id}\n    name: ${id}\n    type: other\n`).join('')}`;
const metrics = `metrics:\n${targets.map((t) => `  - id: ${t.id}\n    name: Measure ${t.id}\n    unit: '%'\n    target: ${t.value}\n    comparison: at_least\n`).join('')}`;
const csv = syntheticActuals({ targets, organisations: SYNTHETIC_ORGANISATIONS });

describe('60,000 rows of actuals', () => {
  it('are generated as a year of months for every target and organisation', () => {
    expect(csv.trimEnd().split('\n')).toHaveLength(60_001);
  });

  it('are read, every row linked to its target and organisation, with no problems', () => {
    const compilation = compileFixture({ manifest, system: `${organisations}${metrics}`, files: { 'actuals/year.csv': csv } });
    expect(compilation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(compilation.plan!.year.actuals).toHaveLength(60_000);
    expect(findingsOf(compilation, 'target-has-current-actual')).toEqual([]);
  });

  it('give each target the latest month as its compliance period', () => {
    const compilation = compileFixture({ manifest, system: `${organisations}${metrics}`, files: { 'actuals/year.csv': csv } });
    const year = new PlanningYear(compilation.plan!);
    const tracked = year.tracked();
    expect(tracked).toHaveLength(1_000);
    const positions = tracked.flatMap((t) => year.series(t).map((s) => year.compliance(t, s)));
    expect(positions).toHaveLength(5_000);
    expect(new Set(positions.map((p) => p.latest?.actual.period.label))).toEqual(new Set(['2024-03']));
    expect(positions.every((p) => p.status === 'met' || p.status === 'not_met')).toBe(true);
  });

  it('report one bad cell deep in the file at its own line and column', () => {
    const lines = csv.split('\n');
    lines[45_678] = lines[45_678]!.replace(/,[^,]*$/, ',n/a');
    const compilation = compileFixture({ manifest, system: `${organisations}${metrics}`, files: { 'actuals/year.csv': lines.join('\n') } });
    const errors = compilation.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.line, d.column, d.message])).toEqual([[45_679, lines[45_678]!.lastIndexOf(',') + 2, 'The `value` "n/a" is not a number.']]);
  });
});
