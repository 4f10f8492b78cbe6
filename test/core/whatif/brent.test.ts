// Brent's method: roots of monotone, non-monotone, jumping and flat functions, in few evaluations.
import { describe, expect, it } from 'vitest';
import { brent } from '../../../src/core/whatif/brent';

describe('brent', () => {
  it('finds the root of a monotone function to the tolerance, faster than bisection', () => {
    const root = brent((x) => x ** 3 - 2 * x - 5, 2, 3, { xTolerance: 1e-12 });
    expect(root?.x).toBeCloseTo(2.0945514815423265, 11);
    // Bisection needs 40 steps for 1e-12 on a width of 1.
    expect(root?.evaluations).toBeLessThan(15);
  });

  it('finds a root of a non-monotone function inside its bracket', () => {
    // Three roots in [0, 10]: it falls and rises between them; any one of them is an answer.
    const hump = (x: number) => (x - 1) * (x - 3) * (x - 6);
    const root = brent(hump, 0, 10);
    expect([1, 3, 6].some((r) => Math.abs((root?.x ?? Number.NaN) - r) < 1e-9)).toBe(true);
    expect(Math.abs(root?.fx ?? 1)).toBeLessThan(1e-8);
    // A bracket that holds one root of a function that rises and falls.
    expect(brent(hump, 2, 4)?.x).toBeCloseTo(3, 10);
    expect(brent(hump, 4, 10)?.x).toBeCloseTo(6, 10);
  });

  it('finds where a step function jumps across zero', () => {
    const step = (x: number) => (x < 0.3 ? -1 : 1);
    const root = brent(step, 0, 1, { xTolerance: 1e-9 });
    expect(root?.x).toBeCloseTo(0.3, 8);
    // The last bracket straddles the jump: one end on each side.
    expect(Math.sign(root?.fx ?? 0)).toBe(-Math.sign(root?.fOther ?? 0));
    expect(Math.abs((root?.other ?? 0) - (root?.x ?? 1))).toBeLessThan(1e-8);
  });

  it('answers null for a flat function or a bracket without a sign change', () => {
    expect(brent(() => 4, 0, 1)).toBeNull();
    expect(brent((x) => x * x + 1, -1, 1)).toBeNull();
    expect(brent(() => Number.NaN, 0, 1)).toBeNull();
  });

  it('answers an end where f is exactly zero without searching', () => {
    expect(brent((x) => x - 2, 2, 5)).toEqual({ x: 2, fx: 0, other: 2, fOther: 0, evaluations: 2 });
    expect(brent((x) => x - 2, 0, 2, { fa: -2, fb: 0 })).toEqual({
      x: 2,
      fx: 0,
      other: 2,
      fOther: 0,
      evaluations: 0,
    });
  });
});
