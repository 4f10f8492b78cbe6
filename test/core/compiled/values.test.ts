// HyperFormula's scalar rules as the compiled evaluator reproduces them.
import { describe, expect, it } from 'vitest';
import {
  addWithEpsilon,
  compareValues,
  indexOffset,
  roundLikeHyperFormula,
} from '../../../src/core/compiled/values';

describe('HyperFormula value rules', () => {
  it('rounds a sum to zero within 1e-13 of its left operand (smart rounding)', () => {
    expect(addWithEpsilon(0.1 + 0.2, -0.3)).toBe(0);
    expect(addWithEpsilon(1, -0.999)).toBeCloseTo(0.001, 15);
  });

  it('compares numbers within 1e-13 and text ignoring case and accents', () => {
    expect(compareValues(1, 1 + 1e-14)).toBe(0);
    expect(compareValues(1, 1 + 1e-12)).toBe(-1);
    expect(compareValues('engång', 'ENGANG')).toBe(0);
    expect(compareValues(1, 'a')).toBe(-1);
    expect(compareValues(true, 'a')).toBe(1);
  });

  it("reads INDEX as the worker's INDEX does: one index on a one-row range counts along the row", () => {
    expect(indexOffset(1, 5, 3, 1, 1)).toBe(2);
    expect(indexOffset(1, 5, 1, 3, 2)).toBe(2);
    expect(indexOffset(1, 5, 3, 1, 2)).toEqual({ error: 'NUM' });
    expect(indexOffset(1, 5, 6, 1, 1)).toEqual({ error: 'NUM' });
    expect(indexOffset(3, 1, 0, 1, 1)).toEqual({ error: 'VALUE' });
  });

  it('truncates fractional INDEX indexes, so 0.9 is below 1 and 2.9 is the second', () => {
    expect(indexOffset(3, 1, 2.9, 1, 1)).toBe(1);
    expect(indexOffset(3, 2, 3.5, 1.99, 2)).toBe(4);
    expect(indexOffset(1, 4, 4.7, 1, 1)).toBe(3);
    expect(indexOffset(3, 1, 0.9, 1, 1)).toEqual({ error: 'VALUE' });
    expect(indexOffset(3, 1, 3.99, 1, 1)).toBe(2);
  });

  it('rounds exported numbers to 11 significant digits (precisionRounding 10)', () => {
    expect(roundLikeHyperFormula(0.1 + 0.2)).toBe(0.3);
    expect(roundLikeHyperFormula(123456.7890123456)).toBe(123456.78901);
  });
});
