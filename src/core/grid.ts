// The contract between the Grid component (src/ui/grid) and the state that feeds it, as plain types
// in the core so state and i18n can share them without importing the UI. The grid renders and
// interprets mouse and keyboard; every change goes out through GridActions as a named action.

import type { CellAddress } from './address';
import type { RawCell, SheetId } from './document';

/** A selected rectangle: `active` is the cell with focus, `extent` the opposite corner. */
export interface Selection {
  active: CellAddress;
  extent: CellAddress;
  /**
   * Optional (added by the grid): the selected rectangle when `active` is not one of its corners, as
   * when Tab/Enter cycle the active cell inside a selection. When absent, the selection is the rectangle
   * spanned by `active` and `extent`. Use `selectionRect()` from ui/grid/navigation to read either.
   */
  range?: CellRect;
}

export interface CellRect {
  row: number;
  col: number;
  rowEnd: number; // inclusive
  colEnd: number; // inclusive
}

/** What one cell shows: already formatted for the UI locale. */
export interface DisplayCell {
  text: string;
  /** Numbers align right, text left, booleans and errors centre (as in Excel). */
  align: 'left' | 'right' | 'center';
  /** Set when the value is an error: the code is `text`, this is the reason (hover and focus). */
  errorMessage?: string;
  /** True while the value is not yet known (not fetched, or recalculating). */
  pending?: boolean;
}

/** The in-progress edit of the active cell, shared by the in-cell editor and the formula bar. */
export interface EditState {
  row: number;
  col: number;
  text: string;
  /** Where the edit started: typing over a cell replaces its content (Excel's "Enter" mode),
   * F2 / double-click / the formula bar edit the existing content ("Edit" mode: arrows move the caret). */
  mode: 'enter' | 'edit';
  /** Which field has focus while editing. */
  focus: 'cell' | 'bar';
}

/** A reference found in the formula being edited, outlined on the grid in its colour. */
export interface RefHighlight extends CellRect {
  colorIndex: number;
}

export type MoveDirection = 'down' | 'up' | 'right' | 'left' | 'none';

export interface GridModel {
  sheetId(): SheetId;
  sheetName(): string;
  /** Rows and columns the grid scrolls over (used area plus headroom). */
  rowCount(): number;
  colCount(): number;
  columnWidth(col: number): number;
  /** Reactive: re-runs when the values of the viewport arrive. */
  display(row: number, col: number): DisplayCell;
  /** The raw content (for Ctrl+arrow data-region edges and copy). */
  raw(row: number, col: number): RawCell;
  selection(): Selection;
  editing(): EditState | null;
  highlights(): RefHighlight[];
  /**
   * Optional (added by the grid): bounding box of the non-empty cells, or null for an empty sheet. Used by
   * Ctrl+End, Ctrl+A and Ctrl+arrow; without it the grid scans `raw` over rowCount × colCount.
   */
  usedRange?(): CellRect | null;
  /**
   * Optional: the values a cell allows (a data-validation list, as in Excel), or null for any value.
   * The grid offers them as a dropdown on the active cell; the state refuses other typed values.
   */
  choices?(row: number, col: number): readonly string[] | null;
  /** Optional: why a cell's value is marked (outside its sourced range), in the UI language. */
  invalid?(row: number, col: number): string | null;
}

export interface GridActions {
  select(selection: Selection): void;
  /** The grid reports which cells are visible so the state can fetch their values. */
  setViewport(viewport: { row: number; col: number; rows: number; cols: number }): void;
  /** Begin editing the active cell: with `text` it replaces the content (typing), without it edits the content (F2). */
  startEdit(text?: string, focus?: 'cell' | 'bar'): void;
  /** `caret` is the editor's caret offset, for click-to-reference. */
  updateEdit(text: string, caret?: number): void;
  commitEdit(move: MoveDirection): void;
  cancelEdit(): void;
  /** Insert a reference to `rect` at the caret of the formula being edited (click-to-reference). */
  insertReference(rect: CellRect): void;
  clear(rect: CellRect): void;
  /** Serialise a rectangle for the clipboard (Excel's TSV and an HTML table); with cut, it is cleared on paste. */
  copy(rect: CellRect, cut: boolean): { text: string; html: string };
  /** Paste clipboard text (and HTML if present) with its top-left at `at`. */
  paste(at: CellAddress, data: { text: string; html?: string }): void;
  resizeColumn(col: number, width: number): void;
  undo(): void;
  redo(): void;
}
