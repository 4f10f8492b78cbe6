// The one contract between the main thread and the engine worker. Types only: both sides import it,
// the worker's exposed object is checked against EngineApi with `satisfies`. Only plain data crosses.
import type { MonteCarloOptions, MonteCarloResult } from '../src/core/compiled/monteCarlo';
import type { NamedExpression, RawCell, SheetId } from '../src/core/document';
import type { GoalSeekRequest, GoalSeekResult } from '../src/core/whatif/goalSeek';
import type { SweepRequest, SweepResult } from '../src/core/whatif/sweep';
import type { CellValue, NamedValues } from '../src/core/values';

/** What the engine needs of a workbook: raw contents only, no metadata. */
export interface EngineWorkbook {
  sheets: EngineSheet[];
  names: NamedExpression[];
  /**
   * Cells whose formula once took longer than the engine allows: the engine gives each an error
   * instead of its formula (the document keeps the formula, so the planner can fix it).
   */
  quarantined?: CellAt[];
}

/** One cell of a sheet. */
export interface CellAt {
  sheetId: SheetId;
  row: number;
  col: number;
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

export interface RangeValues extends RangeRequest {
  /** Row-major, rows × cols entries. */
  values: CellValue[];
  /** The document revision these values reflect. */
  revision: number;
}

export interface ApplyResult {
  revision: number;
  /** Milliseconds spent in the engine. */
  ms: number;
  /** Fresh values for the caller's viewport, so a keystroke needs one round trip. */
  view?: RangeValues;
  /** Fresh values of the named ranges the caller watches (charts), in the same round trip. */
  named?: NamedValues;
}

/** One cell met while tracing an error: where it is and what it holds. */
export interface TracedCell {
  sheetId: SheetId;
  sheet: string;
  row: number;
  col: number;
  value: CellValue;
  formula: boolean;
}

/** Where the errors in some named ranges start (see EngineApi.traceErrors). */
export interface ErrorTrace {
  /** The cells of the ranges that hold an error or text, in the order the names were given. */
  starts: TracedCell[];
  /** The first errors up the dependency chain: errors none of whose inputs is an error. */
  errors: TracedCell[];
  /** Text values met on the way: a choice typed wrong, text where a number belongs. */
  texts: TracedCell[];
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
  /**
   * Walk from the cells of these named ranges that hold an error or text up their precedents to the
   * first errors, so a result that cannot be computed can name the cell where the trouble starts.
   */
  traceErrors(names: string[]): Promise<ErrorTrace>;
  /** The names of every function the engine knows (English, upper case), e.g. to list unknown ones on import. */
  functionNames(): Promise<string[]>;
}

/**
 * The Monte Carlo calls the engine worker exposes beside EngineApi (composed in engine.worker.ts), so
 * the worker's object is an EngineWorkerApi.
 */
export interface MonteCarloApi {
  /**
   * Monte Carlo over a workbook (its own engine instance; the loaded one is not touched), with
   * progress per block of samples. Rejects for unusable inputs; a cancel ends it with `cancelled`.
   */
  monteCarlo(
    workbook: EngineWorkbook,
    request: MonteCarloRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<MonteCarloResult>;
  /** Stop the running Monte Carlo after its current block. */
  cancelMonteCarlo(): Promise<void>;
}

/** Goal seek ("Reach the target") on a workbook, in its own engine instance like the Monte Carlo. */
export interface GoalSeekApi {
  /** Rejects for an unknown sheet, a bad range, or a goal that gives no number anywhere. */
  goalSeek(workbook: EngineWorkbook, request: GoalSeekRequest): Promise<GoalSeekResult>;
}

/** Sweeps (data tables, the tornado): a workbook evaluated at many points, in its own engine instance. */
export interface SweepApi {
  /** Rejects for an unknown sheet, a point of the wrong length, or too many points. */
  sweep(workbook: EngineWorkbook, request: SweepRequest): Promise<SweepResult>;
}

export type EngineWorkerApi = EngineApi & MonteCarloApi & GoalSeekApi & SweepApi;

/** A Monte Carlo run as plain data: samples, seed, inputs, the compiled switch and the tolerance. */
export type MonteCarloRequest = Omit<MonteCarloOptions, 'onProgress' | 'isCancelled'>;
