// The gap's histogram: equal-width bins covering every value once.
import { describe, expect, it } from 'vitest';
import { histogram } from '../../../src/core/compiled/monteCarlo';

describe('histogram', () => {
  it('puts every value in exactly one bin, from the minimum to the maximum', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 100);
    const bins = histogram(values, 20);
    expect(bins).toHaveLength(20);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(1000);
    expect(bins[0]?.from).toBe(Math.min(...values));
    expect(bins.at(-1)?.to).toBe(Math.max(...values));
    for (let i = 1; i < bins.length; i++) expect(bins[i]?.from).toBeCloseTo(bins[i - 1]?.to as number, 9);
    const inFirst = values.filter((v) => v < (bins[0]?.to as number)).length;
    expect(bins[0]?.count).toBe(inFirst);
  });

  it('gives one bin for equal values and none for no values', () => {
    expect(histogram(Float64Array.of(3, 3, 3))).toEqual([{ from: 3, to: 3, count: 3 }]);
    expect(histogram(new Float64Array(0))).toEqual([]);
  });
});
