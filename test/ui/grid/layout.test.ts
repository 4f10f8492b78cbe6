import { describe, expect, it } from 'vitest';
import {
  createColumnLayout,
  createRowScale,
  MAX_SCROLL_HEIGHT,
  naturalTop,
  rowAtY,
  rowTop,
  scrollTopFor,
  scrollToReveal,
  visibleColumns,
  visibleRows,
} from '../../../src/ui/grid/layout';

describe('createColumnLayout', () => {
  it('sums widths into offsets', () => {
    const layout = createColumnLayout(4, (c) => [10, 20, 30, 40][c] ?? 0);
    expect([0, 1, 2, 3, 4].map((c) => layout.offset(c))).toEqual([0, 10, 30, 60, 100]);
    expect(layout.width(2)).toBe(30);
    expect(layout.total()).toBe(100);
  });

  it('finds the column under an x coordinate, clamping outside the sheet', () => {
    const layout = createColumnLayout(4, (c) => [10, 20, 30, 40][c] ?? 0);
    expect(layout.indexAt(-5)).toBe(0);
    expect(layout.indexAt(0)).toBe(0);
    expect(layout.indexAt(9.9)).toBe(0);
    expect(layout.indexAt(10)).toBe(1);
    expect(layout.indexAt(59)).toBe(2);
    expect(layout.indexAt(60)).toBe(3);
    expect(layout.indexAt(5000)).toBe(3);
  });

  it('reads widths lazily, only as far as asked', () => {
    const read = new Set<number>();
    const layout = createColumnLayout(16_384, (c) => {
      read.add(c);
      return 100;
    });
    expect(layout.offset(5)).toBe(500);
    expect(read.size).toBeLessThan(10);
    expect(layout.indexAt(250)).toBe(2);
    expect(read.size).toBeLessThan(200);
    expect(layout.offset(16_000)).toBe(1_600_000);
    expect(layout.total()).toBe(1_638_400);
    expect(layout.indexAt(1_638_399)).toBe(16_383);
    // each width read once thanks to the cache
    expect(read.size).toBe(16_384);
  });

  it('treats negative or invalid widths as zero and handles no columns', () => {
    const layout = createColumnLayout(3, (c) => [10, Number.NaN, -5][c] ?? 0);
    expect(layout.total()).toBe(10);
    expect(createColumnLayout(0, () => 10).indexAt(5)).toBe(-1);
  });
});

describe('createRowScale', () => {
  it('is unscaled for 100 000 rows', () => {
    const scale = createRowScale(100_000, 600);
    expect(scale.ratio).toBe(1);
    expect(scale.scrollHeight).toBe(2_400_000);
    expect(rowTop(scale, 500, 1234)).toBe(12_000);
    expect(rowAtY(scale, 12_001, 0)).toBe(500);
  });

  it('caps the scroll height for 1 048 576 rows and still reaches the first and last row', () => {
    const vh = 600;
    const scale = createRowScale(1_048_576, vh);
    expect(scale.scrollHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(scale.ratio).toBeGreaterThan(2);
    expect(naturalTop(scale, 0)).toBe(0);
    const bottom = scale.scrollHeight - vh;
    expect(naturalTop(scale, bottom)).toBeCloseTo(scale.naturalHeight - vh, 3);
    const span = visibleRows(scale, bottom, 0);
    expect(span.last).toBe(1_048_575);
  });

  it('places rows relative to the scroll position when scaled and inverts with rowAtY', () => {
    const scale = createRowScale(1_048_576, 600);
    const scrollTop = 5_000_000;
    const first = visibleRows(scale, scrollTop, 0).first;
    const top = rowTop(scale, first, scrollTop);
    // the first visible row starts at or just above the top of the viewport
    expect(top).toBeLessThanOrEqual(scrollTop);
    expect(top).toBeGreaterThan(scrollTop - 24);
    expect(rowAtY(scale, top + 1, scrollTop)).toBe(first);
    expect(rowAtY(scale, rowTop(scale, first + 10, scrollTop) + 23, scrollTop)).toBe(first + 10);
  });

  it('maps a natural offset back to a scrollTop', () => {
    const scale = createRowScale(1_048_576, 600);
    const st = scrollTopFor(scale, 24 * 500_000);
    expect(naturalTop(scale, st)).toBeCloseTo(24 * 500_000, 3);
  });
});

describe('visibleRows', () => {
  it('adds overscan, clamped to the sheet', () => {
    const scale = createRowScale(100, 240);
    expect(visibleRows(scale, 0, 4)).toEqual({ start: 0, end: 13, first: 0, last: 9, fullCount: 10 });
    const mid = visibleRows(scale, 24 * 50 + 12, 4);
    expect(mid.first).toBe(50);
    expect(mid.last).toBe(60);
    expect(mid.start).toBe(46);
    expect(mid.end).toBe(64);
    expect(visibleRows(scale, 24 * 90, 4).end).toBe(99);
  });

  it('is empty with no rows', () => {
    const span = visibleRows(createRowScale(0, 240), 0);
    expect(span.end).toBeLessThan(span.start);
  });
});

describe('visibleColumns', () => {
  it('returns the columns overlapping the viewport and counts the fully visible ones', () => {
    const layout = createColumnLayout(40, () => 100);
    const span = visibleColumns(layout, 150, 300, 2);
    expect(span.first).toBe(1);
    expect(span.last).toBe(4);
    expect(span.fullCount).toBe(2);
    expect(span.start).toBe(0);
    expect(span.end).toBe(6);
  });
});

describe('scrollToReveal', () => {
  it('moves as little as possible', () => {
    expect(scrollToReveal(100, 200, 150, 170)).toBe(100);
    expect(scrollToReveal(100, 200, 50, 70)).toBe(50);
    expect(scrollToReveal(100, 200, 290, 310)).toBe(110);
    // a span larger than the viewport shows its start
    expect(scrollToReveal(100, 200, 400, 700)).toBe(400);
  });
});
