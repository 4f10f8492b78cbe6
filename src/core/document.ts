// The scenario document: the one source of truth that is saved, shared, undone and evaluated.
// Raw cell contents only; values are derived by the engine and can always be rebuilt from this.
import type { Distribution } from './compiled/sampling';

/** Branded ids so a sheet id is never passed where a scenario id is expected. */
export type ScenarioId = string & { readonly __brand: 'ScenarioId' };
export type SheetId = string & { readonly __brand: 'SheetId' };

/** The current schema version. Bump it only together with a numbered migration in migrations.ts. */
export const SCHEMA_VERSION = 2;

/**
 * What a user typed into a cell, canonicalised: a number, a boolean, text, a formula
 * (a string starting with "=", in HyperFormula's English syntax), or null for empty.
 */
export type RawCell = string | number | boolean | null;

export interface Sheet {
  id: SheetId;
  name: string;
  /** Row-major, sparse at the end: rows may be shorter than the widest row, or empty. */
  cells: RawCell[][];
  /** Column widths in CSS pixels by column index; null or missing means the default width. */
  columnWidths: (number | null)[];
  /**
   * Number formats, row-major and sparse like `cells` (since schema 2): each entry is a format code
   * (core/numberFormat `formatCode`), null or missing is General. Absent when no cell has a format.
   */
  formats?: (string | null)[][];
}

export interface NamedExpression {
  /** A workbook-scoped name such as `Target_2030`. */
  name: string;
  /** A constant or a formula (starting with "="). */
  expression: string | number;
}

export interface DocumentMeta {
  name: string;
  description?: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  /** Where the numbers came from (free text), shown with the workbook. */
  source?: string;
  /** How this scenario's Monte Carlo runs: absent means the defaults (seed 1, 10 000, triangular). */
  monteCarlo?: MonteCarloSettings;
}

/**
 * A Monte Carlo run as the planner set it up, kept with the scenario so that the app and
 * `bana montecarlo` give the same figures. An optional field: files without it need no migration.
 */
export interface MonteCarloSettings {
  /** A whole number 0 … 2^31 − 1: the same seed gives the same draws. */
  seed: number;
  samples: number;
  /**
   * The distribution of a parameter by its value cell as a planner reads it (`Drivmedel!B8`, the
   * sheet name quoted as in formulas); a parameter not listed is triangular(low, value, high).
   */
  distributions: Record<string, Distribution>;
}

/** The Monte Carlo settings of a scenario that has stored none. */
export const DEFAULT_MONTE_CARLO: MonteCarloSettings = { seed: 1, samples: 10_000, distributions: {} };

export interface ScenarioDocument {
  schemaVersion: typeof SCHEMA_VERSION;
  id: ScenarioId;
  meta: DocumentMeta;
  sheets: Sheet[];
  names: NamedExpression[];
}

export const DEFAULT_COLUMN_WIDTH = 96;

let idCounter = 0;
/** A short random id; crypto.randomUUID exists in browsers and Node 20. */
export function newId(prefix: string): string {
  idCounter += 1;
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.random().toString(36).slice(2, 10);
  return `${prefix}_${random}${idCounter.toString(36)}`;
}

export function newScenarioId(): ScenarioId {
  return newId('wb') as ScenarioId;
}

export function newSheetId(): SheetId {
  return newId('sh') as SheetId;
}

export function createSheet(name: string, cells: RawCell[][] = [], id: SheetId = newSheetId()): Sheet {
  return { id, name, cells, columnWidths: [] };
}

/** A blank workbook with one empty sheet. */
export function createDocument(name: string, sheetName = 'Sheet1', now = new Date()): ScenarioDocument {
  const stamp = now.toISOString();
  return {
    schemaVersion: SCHEMA_VERSION,
    id: newScenarioId(),
    meta: { name, createdAt: stamp, updatedAt: stamp },
    sheets: [createSheet(sheetName)],
    names: [],
  };
}

/** Read one raw cell; out-of-range reads are empty. */
export function getRaw(sheet: Sheet, row: number, col: number): RawCell {
  return sheet.cells[row]?.[col] ?? null;
}

export function findSheet(doc: ScenarioDocument, id: SheetId): Sheet | undefined {
  return doc.sheets.find((s) => s.id === id);
}

export function findSheetByName(doc: ScenarioDocument, name: string): Sheet | undefined {
  const lower = name.toLocaleLowerCase();
  return doc.sheets.find((s) => s.name.toLocaleLowerCase() === lower);
}

export interface UsedSize {
  rows: number;
  cols: number;
}

/**
 * Used sizes by cells array. Sheets are immutable (every command makes a new `cells` array), so a
 * size computed once stays true; `setCells` hands the size on to the next array without a rescan.
 */
const usedSizes = new WeakMap<readonly (readonly RawCell[])[], UsedSize>();

function isEmptyCell(value: RawCell | undefined): boolean {
  return value === null || value === undefined || value === '';
}

/** One past the last non-empty cell of a row (0 for an empty row). */
export function rowWidth(row: readonly RawCell[] | undefined): number {
  if (!row) return 0;
  for (let c = row.length - 1; c >= 0; c--) if (!isEmptyCell(row[c])) return c + 1;
  return 0;
}

/** Size of the used area of a sheet: one past the last non-empty row and column. */
export function usedSize(sheet: Sheet): UsedSize {
  const known = usedSizes.get(sheet.cells);
  if (known) return known;
  let rows = 0;
  let cols = 0;
  const { cells } = sheet;
  for (let r = 0; r < cells.length; r++) {
    const width = rowWidth(cells[r]);
    if (width > 0) {
      rows = r + 1;
      if (width > cols) cols = width;
    }
  }
  const size = { rows, cols };
  usedSizes.set(cells, size);
  return size;
}

/**
 * Record the used size of `next`, a copy of `previous` in which only the rows in `changed` differ
 * (row index → the row before and after), when it follows from `previous`'s known size without a
 * rescan: a new cell can only grow the area; emptying the last row or the widest row needs a scan.
 */
export function carryUsedSize(
  previous: readonly RawCell[][],
  next: readonly RawCell[][],
  changed: Iterable<[row: number, before: readonly RawCell[] | undefined, after: readonly RawCell[]]>,
): void {
  const known = usedSizes.get(previous);
  if (!known) return;
  let { rows, cols } = known;
  for (const [r, before, after] of changed) {
    const width = rowWidth(after);
    const widthBefore = rowWidth(before);
    if (width < widthBefore && (widthBefore === known.cols || (width === 0 && r + 1 === known.rows))) return;
    if (width > 0) {
      if (r + 1 > rows) rows = r + 1;
      if (width > cols) cols = width;
    }
  }
  usedSizes.set(next, { rows, cols });
}

export function isFormula(raw: RawCell): raw is string {
  return typeof raw === 'string' && raw.startsWith('=') && raw.length > 1;
}
