// A chart of trajectory against actuals, as SVG: plan text in it is escaped, and a chart drawn with
// the parts the other charts of its page share is the chart drawn alone.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChartParts, number, trajectoryChart, type ChartInput } from '../../src/render/charts/trajectory-chart.js';

const periods = ['2023-04', '2023-05', '2023-06'];
const chart = (overrides: Partial<ChartInput> = {}): ChartInput => ({
  id: 'chart-1', title: 'A&E: UHNM', description: 'UHNM: 3 planned values.', periods, unit: '%', target: [76],
  series: [
    { label: 'Planned', kind: 'planned', points: periods.map((period, i) => ({ period, value: 70 + i * 3 })) },
    { label: 'Measured', kind: 'measured', points: periods.map((period, i) => ({ period, value: 69 + i * 3.5 })) },
  ],
  ...overrides,
});

describe('a trajectory chart', () => {
  it('escapes plan text in its title, description and axis label, so none of it is markup', () => {
    const svg = trajectoryChart(chart({ title: '<script>alert(1)</script> "A&E"', description: 'It\'s <b>bold</b>', unit: 'per <1000> & "so"' }));
    expect(svg).toContain('<title id="chart-1-title">&lt;script&gt;alert(1)&lt;/script&gt; &quot;A&amp;E&quot;</title>');
    expect(svg).toContain('<desc id="chart-1-desc">It&#39;s &lt;b&gt;bold&lt;/b&gt;</desc>');
    expect(svg).toContain('>per &lt;1000&gt; &amp; &quot;so&quot;</text>');
    expect(svg).not.toMatch(/<script|<b>/);
  });

  it('is the same drawn with the parts other charts of its page share as drawn alone', () => {
    const shared = new ChartParts();
    const others = [chart({ id: 'chart-2', target: [80] }), chart({ id: 'chart-3', periods: ['2023-04', '2023-05'] }), chart({ id: 'chart-4', unit: 'patients' })];
    for (const other of others) trajectoryChart(other, shared);
    for (const input of [chart(), ...others]) expect(trajectoryChart(input, shared)).toBe(trajectoryChart(input));
  });
});

describe('the numbers on a chart', () => {
  const intl = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

  it('are written as Intl.NumberFormat writes them in en-GB, to two decimals at most', () => {
    // Halves of the shortest decimal (0.015, not the binary 0.01499…), carries, groups, signs, the edges of toString.
    for (const n of [0, -0, 1, -1, 0.015, -0.015, 1.005, 0.125, -0.125, 999.995, 999.994, 9_999.999, 1_000, -1_234_567.891, 1e20, 9.99e20, 1e21, -1e22, 0.001, -0.001, 1e-7, -1.5e-10, 12_345.6, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(number(n), String(n)).toBe(intl.format(n));
    }
    fc.assert(fc.property(fc.double(), (n) => number(n) === intl.format(n)), { numRuns: 20_000 });
    // Figures as plans write them: whole numbers and a few decimals.
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999 }), (whole, thousandths) => {
      const n = whole + thousandths / 1_000;
      return number(n) === intl.format(n);
    }), { numRuns: 20_000 });
  });
});
