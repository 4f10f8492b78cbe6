// The one contract between the main thread and the engine worker. Types only: both sides import it,
// the worker's exposed object is checked against EngineApi with `satisfies`. Only plain data crosses.
import type { NamedExpression, RawCell, SheetId } from '../src/core/document';

/** What the engine needs of a workbook: raw contents only, no metadata. */
export interface EngineWorkbook {
  sheets: EngineSheet[];
  names: NamedExpression[];
}

export interface EngineSheet {
  id: SheetId;
  name: string;
  cells: RawCell[][];
}

/** An incremental change to the engine: typed or pasted cells. Sheet and name changes reload the whole workbook. */
export type EngineOp = { kind: 'setCells'; sheetId: SheetId; row: number; col: number; values: RawCell[][] };

/** A rectangle of a sheet, e.g. the visible viewport or a named range for a chart. */
export interface RangeRequest {
  sheetId: SheetId;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Error codes as Excel shows them. */
export type ErrorCode =
  | '#DIV/0!'
  | '#REF!'
  | '#NAME?'
  | '#CYCLE!'
  | '#VALUE!'
  | '#N/A'
  | '#NUM!'
  | '#ERROR!'
  | '#SPILL!'
  | '#LIC!';

export interface CellErrorValue {
  error: ErrorCode;
  /** The engine's explanation, shown on hover and focus. */
  message: string;
}

/** A computed value: a number, text, a boolean, an error, or null for empty. */
export type CellValue = number | string | boolean | null | CellErrorValue;

export interface RangeValues extends RangeRequest {
  /** Row-major, rows × cols entries. */
  values: CellValue[];
  /** The document revision these values reflect. */
  revision: number;
}

/** Values of named ranges (e.g. `Chart_Projected`), each as rows of cells. */
export type NamedValues = Record<string, CellValue[][]>;

export interface ApplyResult {
  revision: number;
  /** Milliseconds spent in the engine. */
  ms: number;
  /** Fresh values for the caller's viewport, so a keystroke needs one round trip. */
  view?: RangeValues;
  /** Fresh values of the named ranges the caller watches (charts), in the same round trip. */
  named?: NamedValues;
}

export interface LoadResult {
  revision: number;
  ms: number;
  view?: RangeValues;
  named?: NamedValues;
}

/**
 * The engine worker's API. Every method rejects with an Error carrying the engine's message
 * if it cannot finish (the client adds timeouts: a dead worker never answers).
 */
export interface EngineApi {
  /** Replace the whole engine state with this workbook, built with a single buildFromSheets. */
  load(
    workbook: EngineWorkbook,
    revision: number,
    view?: RangeRequest,
    names?: string[],
  ): Promise<LoadResult>;
  /** Apply ops in one batch (one recalculation); fresh values for the viewport and watched names come back in the answer. */
  apply(ops: EngineOp[], revision: number, view?: RangeRequest, names?: string[]): Promise<ApplyResult>;
  /** Values for a rectangle, e.g. the visible viewport. */
  getValues(range: RangeRequest): Promise<RangeValues>;
  /** Values of named expressions: a range name gives its cells, a constant or formula one cell. Unknown names are left out. */
  getNamed(names: string[]): Promise<NamedValues>;
  /** The names of every function the engine knows (English, upper case), e.g. to list unknown ones on import. */
  functionNames(): Promise<string[]>;
}
