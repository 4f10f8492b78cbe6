// Geometry of the virtualised grid: column prefix sums (lazy, for up to 16 384 columns), fixed-height
// rows with a scaled scroll range for sheets taller than browsers can scroll, and the visible range.
// Pure: no DOM, so it runs in Node tests.

/** Height of every data row in CSS pixels. */
export const ROW_HEIGHT = 24;
/** Height of the column-letter header row. */
export const HEADER_HEIGHT = 24;
/** Width of the row-number header column. */
export const ROW_HEADER_WIDTH = 56;
/**
 * The tallest scroll range we let the browser handle. Firefox caps element heights near 17.9 million px
 * and Chrome near 33.5 million; 1 048 576 rows × 24 px = 25.2 million, so taller sheets are scaled.
 */
export const MAX_SCROLL_HEIGHT = 12_000_000;
/** Narrowest and widest column a user can drag to. */
export const MIN_COLUMN_WIDTH = 16;
export const MAX_COLUMN_WIDTH = 1200;

/** Offsets of variable-width columns, computed lazily from the left and cached. */
export interface ColumnLayout {
  readonly count: number;
  /** Left edge of `col` (0 for col 0; `total()` for col === count). */
  offset(col: number): number;
  width(col: number): number;
  /** Sum of all widths: the scroll width of the data area. */
  total(): number;
  /** The column under `x` (clamped to 0..count-1); -1 when there are no columns. */
  indexAt(x: number): number;
}

/**
 * Build prefix sums over `count` columns. `widthOf` is read only as far as offsets are asked for, in
 * chunks, so a sheet with 16 384 columns costs nothing until it is scrolled right (or `total()` is read).
 */
export function createColumnLayout(count: number, widthOf: (col: number) => number): ColumnLayout {
  const n = Math.max(0, Math.floor(count));
  let prefix = new Float64Array(Math.min(n, 256) + 1);
  let known = 0; // prefix[0..known] is valid

  function ensure(index: number): void {
    if (index <= known) return;
    if (index >= prefix.length) {
      const grown = new Float64Array(Math.min(n + 1, Math.max(index + 1, prefix.length * 2)));
      grown.set(prefix.subarray(0, known + 1));
      prefix = grown;
    }
    for (let k = known; k < index; k++) {
      const w = widthOf(k);
      prefix[k + 1] = (prefix[k] as number) + (Number.isFinite(w) && w > 0 ? w : 0);
    }
    known = index;
  }

  function clampIndex(col: number): number {
    return Math.min(n, Math.max(0, Math.floor(col)));
  }

  return {
    count: n,
    offset(col) {
      const c = clampIndex(col);
      ensure(c);
      return prefix[c] as number;
    },
    width(col) {
      const c = clampIndex(col);
      if (c >= n) return 0;
      ensure(c + 1);
      return (prefix[c + 1] as number) - (prefix[c] as number);
    },
    total() {
      ensure(n);
      return prefix[n] as number;
    },
    indexAt(x) {
      if (n === 0) return -1;
      // Extend until the known prefix passes x, then binary-search the last offset <= x.
      while (known < n && (prefix[known] as number) <= x) ensure(Math.min(n, known + 128));
      let lo = 0;
      let hi = known; // prefix[hi] > x or hi === n
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((prefix[mid] as number) <= x) lo = mid;
        else hi = mid - 1;
      }
      return Math.min(n - 1, lo);
    },
  };
}

/**
 * Maps the browser's scroll offset to the sheet's "natural" offset (row × rowHeight). Below the cap the
 * two are equal; above it, the scroll range is capped and the natural offset grows `ratio` times faster.
 */
export interface RowScale {
  readonly rowCount: number;
  readonly rowHeight: number;
  /** rowCount × rowHeight. */
  readonly naturalHeight: number;
  /** Height of the scrollable body (≤ MAX_SCROLL_HEIGHT). */
  readonly scrollHeight: number;
  /** Natural pixels per scrolled pixel (1 when not scaled). */
  readonly ratio: number;
  /** Height of the visible body the scale was built for. */
  readonly viewportHeight: number;
}

export function createRowScale(
  rowCount: number,
  viewportHeight: number,
  rowHeight = ROW_HEIGHT,
  maxScrollHeight = MAX_SCROLL_HEIGHT,
): RowScale {
  const rows = Math.max(0, Math.floor(rowCount));
  const naturalHeight = rows * rowHeight;
  const vh = Math.max(0, viewportHeight);
  if (naturalHeight <= maxScrollHeight || maxScrollHeight <= vh) {
    return {
      rowCount: rows,
      rowHeight,
      naturalHeight,
      scrollHeight: naturalHeight,
      ratio: 1,
      viewportHeight: vh,
    };
  }
  // Map the whole scroll range [0, max - vh] onto the whole natural range [0, natural - vh] so that
  // both the first and the last row can be reached exactly.
  const ratio = Math.max(1, (naturalHeight - vh) / (maxScrollHeight - vh));
  return {
    rowCount: rows,
    rowHeight,
    naturalHeight,
    scrollHeight: maxScrollHeight,
    ratio,
    viewportHeight: vh,
  };
}

/** The natural offset (row × rowHeight) at the top of the viewport for a given scrollTop. */
export function naturalTop(scale: RowScale, scrollTop: number): number {
  const maxTop = Math.max(0, scale.naturalHeight - scale.viewportHeight);
  return Math.min(maxTop, Math.max(0, scrollTop * scale.ratio));
}

/** The scrollTop that puts natural offset `top` at the top of the viewport. */
export function scrollTopFor(scale: RowScale, top: number): number {
  return Math.max(0, top / scale.ratio);
}

/**
 * Where `row` is drawn inside the scrolled body (0 = top of the body content). Equal to row × rowHeight
 * when unscaled; when scaled, rows are placed relative to the current scroll position.
 */
export function rowTop(scale: RowScale, row: number, scrollTop: number): number {
  if (scale.ratio === 1) return row * scale.rowHeight;
  return scrollTop + row * scale.rowHeight - naturalTop(scale, scrollTop);
}

/** The row at body-content coordinate `y` (inverse of rowTop), clamped to the sheet. */
export function rowAtY(scale: RowScale, y: number, scrollTop: number): number {
  const natural = scale.ratio === 1 ? y : y - scrollTop + naturalTop(scale, scrollTop);
  return Math.min(Math.max(0, scale.rowCount - 1), Math.max(0, Math.floor(natural / scale.rowHeight)));
}

/** Inclusive index ranges. `first..last` are (at least partly) visible; `start..end` add overscan. */
export interface VisibleSpan {
  start: number;
  end: number;
  first: number;
  last: number;
  /** Rows (or columns) that fit completely in the viewport: the size of a page. */
  fullCount: number;
}

/** Visible rows for a body of height `viewportHeight` scrolled to `scrollTop`. */
export function visibleRows(scale: RowScale, scrollTop: number, overscan = 4): VisibleSpan {
  const rh = scale.rowHeight;
  const fullCount = Math.max(1, Math.floor(scale.viewportHeight / rh));
  if (scale.rowCount === 0) return { start: 0, end: -1, first: 0, last: -1, fullCount };
  const top = naturalTop(scale, scrollTop);
  const lastIndex = scale.rowCount - 1;
  const first = Math.min(lastIndex, Math.floor(top / rh));
  const last = Math.min(lastIndex, Math.max(first, Math.ceil((top + scale.viewportHeight) / rh) - 1));
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(lastIndex, last + overscan),
    first,
    last,
    fullCount,
  };
}

/** Visible columns for a data area of width `viewportWidth` scrolled to `scrollLeft`. */
export function visibleColumns(
  layout: ColumnLayout,
  scrollLeft: number,
  viewportWidth: number,
  overscan = 2,
): VisibleSpan {
  if (layout.count === 0) return { start: 0, end: -1, first: 0, last: -1, fullCount: 1 };
  const left = Math.max(0, scrollLeft);
  const right = left + Math.max(0, viewportWidth);
  const first = layout.indexAt(left);
  let last = first;
  while (last + 1 < layout.count && layout.offset(last + 1) < right) last++;
  let fullCount = 0;
  for (let c = first; c <= last; c++) {
    if (layout.offset(c) >= left && layout.offset(c + 1) <= right) fullCount++;
  }
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(layout.count - 1, last + overscan),
    first,
    last,
    fullCount: Math.max(1, fullCount),
  };
}

/**
 * The scroll offset (in the same units as `start`/`end`) that brings the span [start, end) into a
 * viewport of `size` currently at `current`, moving as little as possible; `current` if already visible.
 */
export function scrollToReveal(current: number, size: number, start: number, end: number): number {
  if (start < current) return start;
  if (end > current + size) return Math.min(start, end - size);
  return current;
}
