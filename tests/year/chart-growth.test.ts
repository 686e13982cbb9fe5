// The benchmark calls chart drawing linear when its time grows as the number of charts to a power of
// at most 1.1: the power is the slope of the times on a log-log scale.

import { describe, expect, it } from 'vitest';
import { growthExponent } from '../../bench/year.js';

const sizes = [500, 1_000, 2_000, 4_000, 8_000];

describe('the growth exponent of the benchmark', () => {
  it('is 1 for times in proportion to the charts, whatever the cost of one', () => {
    expect(growthExponent(sizes.map((charts) => ({ charts, ms: charts * 0.073 })))).toBeCloseTo(1, 10);
    expect(growthExponent(sizes.map((charts) => ({ charts, ms: charts * 5 })))).toBeCloseTo(1, 10);
  });

  it('is 2 for times that grow with the square of the charts, and 0.5 with its root', () => {
    expect(growthExponent(sizes.map((charts) => ({ charts, ms: charts * charts * 1e-4 })))).toBeCloseTo(2, 10);
    expect(growthExponent(sizes.map((charts) => ({ charts, ms: Math.sqrt(charts) })))).toBeCloseTo(0.5, 10);
  });

  it('stays within 1.1 for times in proportion with a tenth either way of noise, and not when the cost per chart doubles over the sizes', () => {
    const noise = [1.1, 0.9, 1.1, 0.9, 1.1];
    expect(growthExponent(sizes.map((charts, i) => ({ charts, ms: charts * noise[i]! })))).toBeLessThan(1.1);
    expect(growthExponent(sizes.map((charts, i) => ({ charts, ms: charts * (0.9 + i * 0.05) })))).toBeLessThan(1.1);
    expect(growthExponent(sizes.map((charts, i) => ({ charts, ms: charts * (1 + i / 4) })))).toBeGreaterThan(1.1);
  });
});
