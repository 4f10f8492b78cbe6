// The derived-values record: the last computed values of a workbook's last viewed region and of its
// chart ranges, stored beside it so a reopened workbook can paint them before the engine has answered.
// Never the truth: each record names the document version it came from and is ignored once that moved on.
import type { ScenarioId } from '../core/document';

/** The record's format. A record of another format is ignored (it is a cache: the engine rebuilds it). */
export const DERIVED_VALUES_FORMAT = 1;
/** At most this many cells per stored range: a region of a few screens, never a whole sheet. */
export const MAX_DERIVED_CELLS = 20_000;

/** A computed value as the engine gives it (structurally the worker contract's `CellValue`). */
export type DerivedValue = number | string | boolean | null | { error: string; message: string };

/** A rectangle of values of one sheet, row-major (`rows × cols` entries). */
export interface DerivedRange {
  sheetId: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  values: DerivedValue[];
}

/** What is stored per workbook (the DERIVED_VALUES_STORE record, keyed by `workbookId`). */
export interface DerivedValuesRecord {
  workbookId: ScenarioId;
  format: typeof DERIVED_VALUES_FORMAT;
  /** Marks the record as derived: it may be dropped at any time and is never exported or shared. */
  derived: true;
  /** `meta.updatedAt` of the document the values were computed from: they hold only for that version. */
  updatedAt: string;
  /** The session's revision the values reflect (diagnostics; revisions restart with every session). */
  revision: number;
  /** The region last viewed (the grid's viewport with its overscan), if it was small enough to keep. */
  view?: DerivedRange;
  /** The named ranges the charts read (`Chart_Projected`, …), each as rows of values. */
  named: Record<string, DerivedValue[][]>;
}

/** What the session has at hand after the engine answered: the values and the document they belong to. */
export interface DerivedValuesInput {
  workbookId: ScenarioId;
  /** `meta.updatedAt` of the document version the engine computed (the one being saved). */
  updatedAt: string;
  revision: number;
  view?: DerivedRange;
  named?: Record<string, DerivedValue[][]>;
}

/**
 * Build the record to store with a save, as plain data (the engine's objects may carry more fields).
 * A region or a named range above MAX_DERIVED_CELLS is left out: storing it would cost more than
 * the engine takes to compute it.
 * @example
 * const derived = captureDerivedValues({ workbookId: doc.id, updatedAt: doc.meta.updatedAt,
 *   revision, view: lastView, named: lastNamed });
 * await storage.saveIfUnchanged(doc, known, derived);
 */
export function captureDerivedValues(input: DerivedValuesInput): DerivedValuesRecord {
  const named: Record<string, DerivedValue[][]> = {};
  for (const [name, rows] of Object.entries(input.named ?? {})) {
    let cells = 0;
    for (const row of rows) cells += row.length;
    if (cells <= MAX_DERIVED_CELLS) named[name] = rows.map((row) => row.map(plainValue));
  }
  const record: DerivedValuesRecord = {
    workbookId: input.workbookId,
    format: DERIVED_VALUES_FORMAT,
    derived: true,
    updatedAt: input.updatedAt,
    revision: input.revision,
    named,
  };
  const view = input.view;
  if (
    view !== undefined &&
    view.rows * view.cols <= MAX_DERIVED_CELLS &&
    view.values.length === view.rows * view.cols
  ) {
    record.view = {
      sheetId: view.sheetId,
      row: view.row,
      col: view.col,
      rows: view.rows,
      cols: view.cols,
      values: view.values.map(plainValue),
    };
  }
  return record;
}

/**
 * The record if it still describes `updatedAt` (the version of the document that is stored or open),
 * otherwise undefined: values of an older or newer version (another tab saved, a file was imported)
 * must not be shown.
 */
export function derivedValuesFor(
  record: DerivedValuesRecord | undefined,
  workbookId: ScenarioId,
  updatedAt: string,
): DerivedValuesRecord | undefined {
  if (record === undefined || record.workbookId !== workbookId || record.updatedAt !== updatedAt)
    return undefined;
  return record;
}

/** A value of the view at (row, col) of `sheetId`, or undefined when the record does not hold that cell. */
export function derivedValueAt(
  record: DerivedValuesRecord,
  sheetId: string,
  row: number,
  col: number,
): DerivedValue | undefined {
  const view = record.view;
  if (view === undefined || view.sheetId !== sheetId) return undefined;
  const r = row - view.row;
  const c = col - view.col;
  if (r < 0 || c < 0 || r >= view.rows || c >= view.cols) return undefined;
  return view.values[r * view.cols + c];
}

function plainValue(value: DerivedValue): DerivedValue {
  if (typeof value === 'object' && value !== null) return { error: value.error, message: value.message };
  return value;
}

function readValue(value: unknown): DerivedValue | typeof INVALID {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? INVALID : value;
  if (typeof value === 'object' && Object.hasOwn(value, 'error')) {
    const { error, message } = value as { error: unknown; message: unknown };
    if (typeof error === 'string' && error.startsWith('#')) {
      return { error, message: typeof message === 'string' ? message : '' };
    }
  }
  return INVALID;
}

const INVALID = Symbol('invalid');

function readValues(list: unknown, length: number): DerivedValue[] | undefined {
  if (!Array.isArray(list) || list.length !== length) return undefined;
  const values: DerivedValue[] = [];
  for (const item of list) {
    const value = readValue(item);
    if (value === INVALID) return undefined;
    values.push(value);
  }
  return values;
}

function isCount(value: unknown, max = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/**
 * A stored record, checked field by field (stored data may be old, damaged or planted): the record
 * with known fields only, or undefined, in which case the caller simply waits for the engine.
 */
export function readDerivedValuesRecord(value: unknown): DerivedValuesRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const get = (key: string): unknown =>
    Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  const workbookId = get('workbookId');
  const updatedAt = get('updatedAt');
  const revision = get('revision');
  if (get('format') !== DERIVED_VALUES_FORMAT || get('derived') !== true) return undefined;
  if (typeof workbookId !== 'string' || typeof updatedAt !== 'string' || !isCount(revision)) return undefined;
  const namedIn = get('named');
  if (typeof namedIn !== 'object' || namedIn === null || Array.isArray(namedIn)) return undefined;
  const named: Record<string, DerivedValue[][]> = {};
  for (const [name, rows] of Object.entries(namedIn)) {
    if (!Array.isArray(rows)) return undefined;
    const read: DerivedValue[][] = [];
    for (const row of rows) {
      const values = readValues(row, Array.isArray(row) ? row.length : -1);
      if (values === undefined) return undefined;
      read.push(values);
    }
    named[name] = read;
  }
  const record: DerivedValuesRecord = {
    workbookId: workbookId as ScenarioId,
    format: DERIVED_VALUES_FORMAT,
    derived: true,
    updatedAt,
    revision,
    named,
  };
  const viewIn = get('view');
  if (viewIn !== undefined) {
    if (typeof viewIn !== 'object' || viewIn === null) return undefined;
    const v = viewIn as Record<string, unknown>;
    const { sheetId, row, col, rows, cols } = v;
    if (typeof sheetId !== 'string' || !isCount(row) || !isCount(col)) return undefined;
    if (!isCount(rows, MAX_DERIVED_CELLS) || !isCount(cols, MAX_DERIVED_CELLS)) return undefined;
    if (rows * cols > MAX_DERIVED_CELLS) return undefined;
    const values = readValues(v.values, rows * cols);
    if (values === undefined) return undefined;
    record.view = { sheetId, row, col, rows, cols, values };
  }
  return record;
}
