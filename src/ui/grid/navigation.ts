// Keyboard selection rules of the grid, as Excel users know them: arrows, Ctrl+arrow data-region
// edges, Home/Ctrl+Home/Ctrl+End, PageUp/PageDown, and Tab/Enter cycling inside a selection.
// Pure: it sees the sheet only through NavContext, so it runs in Node tests.
import type { CellAddress } from '../../core/address';
import type { CellRect, Selection } from '../../core/grid';

export interface NavContext {
  /** The grid's scroll range: moves never leave 0..rowCount-1 × 0..colCount-1. */
  rowCount: number;
  colCount: number;
  /** Rows and columns that fit in the viewport (PageUp/PageDown, Alt+PageUp/PageDown). */
  pageRows: number;
  pageCols: number;
  isEmpty(row: number, col: number): boolean;
  /** Bounding box of the non-empty cells, or null for an empty sheet (Ctrl+End, Ctrl+A). */
  usedRange(): CellRect | null;
  /**
   * A rectangle outside which every cell is empty, not necessarily tight; Ctrl+arrow skips what lies
   * outside it without reading cells. Defaults to usedRange(); give the whole grid when that is costly.
   */
  dataBounds?(): CellRect | null;
}

export interface NavModifiers {
  shift: boolean;
  /** Ctrl, or Cmd on macOS. */
  ctrl: boolean;
  alt: boolean;
}

const NAV_KEYS = [
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Tab',
  'Enter',
] as const;
export type NavKey = (typeof NAV_KEYS)[number];

export function isNavKey(key: string): key is NavKey {
  return (NAV_KEYS as readonly string[]).includes(key);
}

/** The rectangle spanned by two corners, in any order. */
export function normalizeRect(a: CellAddress, b: CellAddress): CellRect {
  return {
    row: Math.min(a.row, b.row),
    col: Math.min(a.col, b.col),
    rowEnd: Math.max(a.row, b.row),
    colEnd: Math.max(a.col, b.col),
  };
}

/** The selected rectangle: `range` when set (Tab/Enter cycling), else the span of active and extent. */
export function selectionRect(sel: Selection): CellRect {
  return sel.range ?? normalizeRect(sel.active, sel.extent);
}

export function rectContains(rect: CellRect, row: number, col: number): boolean {
  return row >= rect.row && row <= rect.rowEnd && col >= rect.col && col <= rect.colEnd;
}

export function isSingleCell(rect: CellRect): boolean {
  return rect.row === rect.rowEnd && rect.col === rect.colEnd;
}

export function sameRect(a: CellRect, b: CellRect): boolean {
  return a.row === b.row && a.col === b.col && a.rowEnd === b.rowEnd && a.colEnd === b.colEnd;
}

/** A one-cell selection at (row, col). */
export function cellSelection(row: number, col: number): Selection {
  return { active: { row, col }, extent: { row, col } };
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(0, max), Math.max(0, value));
}

/** How many cells scanUsedRange reads at most (about 20 ms of raw reads). */
export const USED_RANGE_SCAN_BUDGET = 4_000_000;

/**
 * Scan for the bounding box of non-empty cells, for models that do not provide one. It walks up from
 * the last row and in from the last column, so a sheet whose data reaches its end stops early. Only the
 * first `budget / colCount` rows are read: a model with a large rowCount should implement usedRange().
 */
export function scanUsedRange(
  rowCount: number,
  colCount: number,
  isEmpty: (row: number, col: number) => boolean,
  budget = USED_RANGE_SCAN_BUDGET,
): CellRect | null {
  rowCount = Math.min(rowCount, Math.max(1, Math.floor(budget / Math.max(1, colCount))));
  let lastRow = -1;
  for (let r = rowCount - 1; r >= 0 && lastRow < 0; r--) {
    for (let c = 0; c < colCount; c++) {
      if (!isEmpty(r, c)) {
        lastRow = r;
        break;
      }
    }
  }
  if (lastRow < 0) return null;
  let firstRow = 0;
  for (let r = 0; r <= lastRow; r++) {
    let filled = false;
    for (let c = 0; c < colCount && !filled; c++) filled = !isEmpty(r, c);
    if (filled) {
      firstRow = r;
      break;
    }
  }
  const columnFilled = (c: number): boolean => {
    for (let r = firstRow; r <= lastRow; r++) if (!isEmpty(r, c)) return true;
    return false;
  };
  let lastCol = colCount - 1;
  while (lastCol > 0 && !columnFilled(lastCol)) lastCol--;
  let firstCol = 0;
  while (firstCol < lastCol && !columnFilled(firstCol)) firstCol++;
  return { row: firstRow, col: firstCol, rowEnd: lastRow, colEnd: lastCol };
}

/**
 * Where Ctrl+arrow goes from `from` (Excel): inside a block of filled cells, to the last filled cell
 * before a blank; otherwise to the next filled cell in that direction; with none, to the sheet edge.
 * Stretches outside the used range are skipped without reading cells, so a 1 048 576-row jump is cheap.
 */
export function dataEdge(from: CellAddress, dRow: number, dCol: number, ctx: NavContext): CellAddress {
  const maxRow = ctx.rowCount - 1;
  const maxCol = ctx.colCount - 1;
  const vertical = dRow !== 0;
  const step = vertical ? dRow : dCol;
  const limit = vertical ? maxRow : maxCol;
  const used = ctx.dataBounds ? ctx.dataBounds() : ctx.usedRange();
  const at = (p: number): CellAddress => (vertical ? { row: p, col: from.col } : { row: from.row, col: p });
  const filled = (p: number): boolean => {
    const a = at(p);
    return used !== null && rectContains(used, a.row, a.col) && !ctx.isEmpty(a.row, a.col);
  };
  const edge = step > 0 ? limit : 0;
  let p = vertical ? from.row : from.col;
  if (p + step < 0 || p + step > limit) return at(clamp(p, limit));

  if (filled(p) && filled(p + step)) {
    while (p + step >= 0 && p + step <= limit && filled(p + step)) p += step;
    return at(p);
  }

  if (used === null) return at(edge);
  const cross = vertical ? from.col : from.row;
  const crossLo = vertical ? used.col : used.row;
  const crossHi = vertical ? used.colEnd : used.rowEnd;
  if (cross < crossLo || cross > crossHi) return at(edge);
  const lo = vertical ? used.row : used.col;
  const hi = vertical ? used.rowEnd : used.colEnd;

  p += step;
  for (;;) {
    if (step > 0 && p > hi) return at(edge);
    if (step < 0 && p < lo) return at(edge);
    if (step > 0 && p < lo) p = lo;
    if (step < 0 && p > hi) p = hi;
    if (filled(p)) return at(p);
    if (p + step < 0 || p + step > limit) return at(p);
    p += step;
  }
}

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** Move `cell` one step (or to the data edge with ctrl), clamped to the sheet. */
function stepCell(
  cell: CellAddress,
  dRow: number,
  dCol: number,
  ctrl: boolean,
  ctx: NavContext,
): CellAddress {
  if (ctrl) return dataEdge(cell, dRow, dCol, ctx);
  return { row: clamp(cell.row + dRow, ctx.rowCount - 1), col: clamp(cell.col + dCol, ctx.colCount - 1) };
}

/** Tab / Enter inside a multi-cell selection: advance the active cell, wrapping row- or column-wise. */
function cycle(sel: Selection, rect: CellRect, byRow: boolean, backward: boolean): Selection {
  let { row, col } = sel.active;
  if (byRow) {
    col += backward ? -1 : 1;
    if (col > rect.colEnd) {
      col = rect.col;
      row = row + 1 > rect.rowEnd ? rect.row : row + 1;
    } else if (col < rect.col) {
      col = rect.colEnd;
      row = row - 1 < rect.row ? rect.rowEnd : row - 1;
    }
  } else {
    row += backward ? -1 : 1;
    if (row > rect.rowEnd) {
      row = rect.row;
      col = col + 1 > rect.colEnd ? rect.col : col + 1;
    } else if (row < rect.row) {
      row = rect.rowEnd;
      col = col - 1 < rect.col ? rect.colEnd : col - 1;
    }
  }
  return { active: { row, col }, extent: sel.extent, range: rect };
}

/**
 * The selection after pressing `key` (not while editing), or null when the key is not a grid move
 * (End alone, Ctrl+PageUp/PageDown, which the app may use to switch sheets).
 *
 * Without Shift the selection collapses to the moved active cell; with Shift the active cell stays and
 * the extent (the opposite corner) moves. Tab/Enter keep a multi-cell selection and cycle inside it.
 */
export function moveSelection(
  sel: Selection,
  key: NavKey,
  mods: NavModifiers,
  ctx: NavContext,
): Selection | null {
  const maxRow = ctx.rowCount - 1;
  const maxCol = ctx.colCount - 1;
  if (maxRow < 0 || maxCol < 0) return null;
  const extend = (extent: CellAddress): Selection => ({ active: sel.active, extent });
  const collapse = (cell: CellAddress): Selection => cellSelection(cell.row, cell.col);
  // Shift-moves continue from the moving corner; a cycled selection's corner is its far side.
  const corner = sel.extent;

  const arrow = ARROWS[key];
  if (arrow) {
    const [dRow, dCol] = arrow;
    if (mods.shift) return extend(stepCell(corner, dRow, dCol, mods.ctrl, ctx));
    return collapse(stepCell(sel.active, dRow, dCol, mods.ctrl, ctx));
  }

  switch (key) {
    case 'Home': {
      if (mods.ctrl) return mods.shift ? extend({ row: 0, col: 0 }) : collapse({ row: 0, col: 0 });
      return mods.shift ? extend({ row: corner.row, col: 0 }) : collapse({ row: sel.active.row, col: 0 });
    }
    case 'End': {
      if (!mods.ctrl) return null;
      const used = ctx.usedRange();
      const last = used ? { row: used.rowEnd, col: used.colEnd } : { row: 0, col: 0 };
      return mods.shift ? extend(last) : collapse(last);
    }
    case 'PageUp':
    case 'PageDown': {
      if (mods.ctrl) return null;
      const sign = key === 'PageDown' ? 1 : -1;
      const from = mods.shift ? corner : sel.active;
      const to = mods.alt
        ? { row: from.row, col: clamp(from.col + sign * Math.max(1, ctx.pageCols), maxCol) }
        : { row: clamp(from.row + sign * Math.max(1, ctx.pageRows), maxRow), col: from.col };
      return mods.shift ? extend(to) : collapse(to);
    }
    case 'Tab':
    case 'Enter': {
      const rect = selectionRect(sel);
      const byRow = key === 'Tab';
      if (!isSingleCell(rect)) return cycle(sel, rect, byRow, mods.shift);
      const [dRow, dCol] = byRow ? [0, mods.shift ? -1 : 1] : [mods.shift ? -1 : 1, 0];
      return collapse(stepCell(sel.active, dRow, dCol, false, ctx));
    }
  }
  return null;
}

/**
 * Ctrl+A: the used area; pressed again (or on an empty sheet) the whole grid, as in Excel.
 */
export function selectAll(sel: Selection, ctx: NavContext): Selection {
  const whole: CellRect = { row: 0, col: 0, rowEnd: ctx.rowCount - 1, colEnd: ctx.colCount - 1 };
  const used = ctx.usedRange();
  const target = used && !sameRect(used, selectionRect(sel)) ? used : whole;
  return { active: { row: target.row, col: target.col }, extent: { row: target.rowEnd, col: target.colEnd } };
}

/** Whole columns from `anchorCol` to `col` (column-header click and Shift+click). */
export function columnSelection(anchorCol: number, col: number, rowCount: number): Selection {
  return { active: { row: 0, col: anchorCol }, extent: { row: Math.max(0, rowCount - 1), col } };
}

/** Whole rows from `anchorRow` to `row` (row-header click and Shift+click). */
export function rowSelection(anchorRow: number, row: number, colCount: number): Selection {
  return { active: { row: anchorRow, col: 0 }, extent: { row, col: Math.max(0, colCount - 1) } };
}
