// The trajectory's own paths, which a dragged lever sets in place: a line leaves a gap where a year
// has no number, and the gap to the 2030 path splits exactly where the projection crosses it.
import { describe, expect, it } from 'vitest';
import { gapPaths, linePath } from '../../src/ui/charts/plots';

const x = (year: number) => (year - 2020) * 10;
const y = (v: number) => 100 - v;

describe('linePath', () => {
  it('draws through the years with numbers and lifts the pen over a missing one (never a 0)', () => {
    expect(linePath([2020, 2021, 2022, 2023], [50, 40, null, 20], x, y)).toBe(
      'M0.00,50.00L10.00,60.00M30.00,80.00',
    );
    expect(linePath([2020, 2021], [null, null], x, y)).toBe('');
  });
});

describe('gapPaths', () => {
  it('splits the gap at the crossing: red above the path before it, green below after it', () => {
    // Projection 60 → 20, path 40 → 40: they cross half-way, at 2020.5 and 40.
    const { above, below } = gapPaths([2020, 2021], [60, 20], [40, 40], x, y);
    expect(above).toBe('M0.00,40.00L5.00,60.00L10.00,60.00L10.00,60.00L5.00,60.00L0.00,60.00Z');
    expect(below).toBe('M0.00,60.00L5.00,60.00L10.00,80.00L10.00,60.00L5.00,60.00L0.00,60.00Z');
  });

  it('draws nothing over years where either line has no number', () => {
    expect(gapPaths([2020, 2021, 2022], [60, null, 20], [40, 40, 40], x, y)).toEqual({
      above: '',
      below: '',
    });
  });
});
