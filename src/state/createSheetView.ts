// What the grid shows of the open workbook's active sheet: the window of values fetched from the engine
// around the viewport, each cell formatted for the UI locale, and the area the grid scrolls over.
import { type Accessor, createMemo, createSignal } from 'solid-js';
import { type CellRange, MAX_COLS, MAX_ROWS } from '../core/address';
import {
  DEFAULT_COLUMN_WIDTH,
  type RawCell,
  type Sheet,
  getRaw,
  isFormula,
  usedSize,
} from '../core/document';
import { formatForEdit } from '../core/input';
import { formatAt } from '../core/numberFormat';
import type { EngineClient } from '../engine/engineClient';
import { formatValue } from '../i18n/format';
import type { UiLocale } from '../i18n/strings';
import type { DisplayCell, Selection } from '../core/grid';
import type { CellValue } from '../core/values';
import type { RangeRequest, RangeValues } from '../../workers/contract';

/** Rows and columns shown beyond the used area, so there is room to type. */
const HEADROOM_ROWS = 200;
const HEADROOM_COLS = 26;
/** Extra rows/columns fetched around the viewport so small scrolls need no round trip. */
const OVERSCAN_ROWS = 30;
const OVERSCAN_COLS = 8;
const PENDING: DisplayCell = { text: '', align: 'left', pending: true };

export interface SheetViewOptions {
  engine: EngineClient;
  sheet: Accessor<Sheet>;
  selection: Accessor<Selection>;
  locale: Accessor<UiLocale>;
}

export type SheetView = ReturnType<typeof createSheetView>;

export function createSheetView(options: SheetViewOptions) {
  const { engine, sheet, selection, locale } = options;
  const [values, setValues] = createSignal<RangeValues | null>(null);
  let fetchWindow: RangeRequest | null = null;
  let attached = true;
  const used = createMemo(() => usedSize(sheet()));

  /** The engine's values for a window of the active sheet (older windows and other sheets are dropped). */
  function receive(v: RangeValues): void {
    if (v.sheetId === sheet().id) setValues(v);
  }

  /** Another sheet is shown: nothing fetched so far applies. */
  function reset(): void {
    setValues(null);
    fetchWindow = null;
  }

  /** The grid reports its viewport; values are fetched for it plus overscan, unless already covered. */
  function setViewport(view: { row: number; col: number; rows: number; cols: number }): void {
    // A grid that is going away may still report its viewport: it no longer names the engine's workbook.
    if (!attached) return;
    const sheetId = sheet().id;
    const covered =
      fetchWindow &&
      fetchWindow.sheetId === sheetId &&
      view.row >= fetchWindow.row &&
      view.col >= fetchWindow.col &&
      view.row + view.rows <= fetchWindow.row + fetchWindow.rows &&
      view.col + view.cols <= fetchWindow.col + fetchWindow.cols;
    if (covered) return;
    const row = Math.max(0, view.row - OVERSCAN_ROWS);
    const col = Math.max(0, view.col - OVERSCAN_COLS);
    fetchWindow = {
      sheetId,
      row,
      col,
      rows: Math.min(MAX_ROWS - row, view.rows + 2 * OVERSCAN_ROWS),
      cols: Math.min(MAX_COLS - col, view.cols + 2 * OVERSCAN_COLS),
    };
    engine.setViewport(fetchWindow);
  }

  /** The computed value of a cell, or undefined while it is not fetched. */
  function valueAt(row: number, col: number): CellValue | undefined {
    const v = values();
    if (!v || v.sheetId !== sheet().id) return undefined;
    const r = row - v.row;
    const c = col - v.col;
    if (r < 0 || c < 0 || r >= v.rows || c >= v.cols) return undefined;
    return v.values[r * v.cols + c];
  }

  function display(row: number, col: number): DisplayCell {
    const value = valueAt(row, col);
    return value === undefined ? PENDING : formatValue(value, locale(), formatAt(sheet().formats, row, col));
  }

  function raw(row: number, col: number): RawCell {
    return getRaw(sheet(), row, col);
  }

  /** The text a cell puts on the clipboard: its value as shown, without grouping, so Excel reads it back. */
  function clipboardText(row: number, col: number): string {
    const content = raw(row, col);
    if (!isFormula(content))
      return content === null ? '' : formatForEdit(content, locale()).replace(/^'/, '');
    const value = valueAt(row, col);
    if (value === undefined) return content;
    if (typeof value === 'number' || typeof value === 'boolean') return formatForEdit(value, locale());
    if (value && typeof value === 'object') return value.error;
    return value ?? '';
  }

  // The grid scrolls over the used area plus headroom, and always reaches the selection: a jump with the
  // name box to H100000 on a small sheet must land on a cell the grid can show and point at.
  function rowCount(): number {
    const { active, extent } = selection();
    return Math.min(MAX_ROWS, Math.max(used().rows + HEADROOM_ROWS, 1000, active.row + 1, extent.row + 1));
  }

  function colCount(): number {
    const { active, extent } = selection();
    return Math.min(MAX_COLS, Math.max(used().cols + HEADROOM_COLS, 26, active.col + 1, extent.col + 1));
  }

  function columnWidth(col: number): number {
    return sheet().columnWidths[col] ?? DEFAULT_COLUMN_WIDTH;
  }

  /** Bounding box of the non-empty cells (Ctrl+End, Ctrl+A, Ctrl+arrows), or null for an empty sheet. */
  function usedRange(): CellRange | null {
    const { rows, cols } = used();
    return rows === 0 ? null : { row: 0, col: 0, rowEnd: rows - 1, colEnd: cols - 1 };
  }

  return {
    values,
    used,
    receive,
    reset,
    setViewport,
    display,
    raw,
    clipboardText,
    rowCount,
    colCount,
    columnWidth,
    usedRange,
    /** Stop steering the engine's viewport (the workbook is closed). */
    detach() {
      attached = false;
    },
  };
}
