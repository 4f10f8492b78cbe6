// Seeded sampling: each distribution's moments and percentiles, and the same seed giving the same draws.
import { describe, expect, it } from 'vitest';
import { drawSamples, rangeProblem } from '../../../src/core/compiled/sampling';

function moments(xs: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let sq = 0;
  for (const x of xs) sq += (x - mean) ** 2;
  return { mean, variance: sq / (xs.length - 1) };
}

const N = 100_000;

describe('drawSamples', () => {
  it('draws triangular(low, value, high) with its mean and variance, inside low–high', () => {
    const [a, c, b] = [2, 3, 10];
    const [xs] = drawSamples([{ low: a, mode: c, high: b, distribution: 'triangular' }], N, 1) as [
      Float64Array,
    ];
    const m = moments(xs);
    expect(m.mean).toBeCloseTo((a + b + c) / 3, 1);
    expect(m.variance / ((a * a + b * b + c * c - a * b - a * c - b * c) / 18)).toBeCloseTo(1, 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(a);
    expect(Math.max(...xs)).toBeLessThanOrEqual(b);
  });

  it('draws uniform between low and high', () => {
    const [xs] = drawSamples([{ low: -1, mode: 0, high: 3, distribution: 'uniform' }], N, 2) as [
      Float64Array,
    ];
    const m = moments(xs);
    expect(m.mean).toBeCloseTo(1, 1);
    expect(m.variance / (16 / 12)).toBeCloseTo(1, 1);
  });

  it('draws normal with low and high as its 5th and 95th percentiles', () => {
    const [xs] = drawSamples([{ low: 10, mode: 0, high: 20, distribution: 'normal' }], N, 3) as [
      Float64Array,
    ];
    const sorted = xs.slice().sort();
    expect(moments(xs).mean).toBeCloseTo(15, 1);
    expect(sorted[Math.round(0.05 * N)]).toBeCloseTo(10, 0);
    expect(sorted[Math.round(0.95 * N)]).toBeCloseTo(20, 0);
  });

  it('gives the same draws for the same seed, and each parameter its own stream', () => {
    const p = { low: 0, mode: 0.5, high: 1, distribution: 'triangular' as const };
    const [one] = drawSamples([p], 100, 42);
    const [again, second] = drawSamples([p, p], 100, 42);
    expect(again).toEqual(one);
    expect(second).not.toEqual(one);
    expect(drawSamples([p], 100, 43)[0]).not.toEqual(one);
  });

  it('says why a range cannot be sampled', () => {
    expect(rangeProblem({ low: 2, mode: 1, high: 1, distribution: 'uniform' })).toMatch(/low is above high/);
    expect(rangeProblem({ low: 0, mode: 5, high: 1, distribution: 'triangular' })).toMatch(/outside/);
    expect(rangeProblem({ low: 0, mode: 0.5, high: 1, distribution: 'normal' })).toBeNull();
  });
});
