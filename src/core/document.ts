// The scenario document: the one source of truth that is saved, shared, undone and evaluated.
// Raw cell contents only; values are derived by the engine and can always be rebuilt from this.

/** Branded ids so a sheet id is never passed where a scenario id is expected. */
export type ScenarioId = string & { readonly __brand: 'ScenarioId' };
export type SheetId = string & { readonly __brand: 'SheetId' };

/** The current schema version. Bump it only together with a numbered migration in migrations.ts. */
export const SCHEMA_VERSION = 1;

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
}

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

/** Size of the used area of a sheet: one past the last non-empty row and column. */
export function usedSize(sheet: Sheet): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  sheet.cells.forEach((row, r) => {
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] !== null && row[c] !== undefined && row[c] !== '') {
        rows = r + 1;
        if (c + 1 > cols) cols = c + 1;
        break;
      }
    }
  });
  return { rows, cols };
}

export function isFormula(raw: RawCell): raw is string {
  return typeof raw === 'string' && raw.startsWith('=') && raw.length > 1;
}
