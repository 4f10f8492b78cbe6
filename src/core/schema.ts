// Runtime validation of the current (v1) scenario document: the gate every file and stored record
// passes before the app sees it. Hand-written, no library; builds fresh objects from known fields only.
import {
  type DocumentMeta,
  type NamedExpression,
  type RawCell,
  SCHEMA_VERSION,
  type ScenarioDocument,
  type ScenarioId,
  type Sheet,
  type SheetId,
} from './document';
import { fail, ok, type Result } from './result';

/** Hard limits a document must respect. Rows, columns and cell text follow Excel's limits. */
export const LIMITS = {
  maxSheets: 200,
  maxRowsPerSheet: 1_048_576,
  maxColumnsPerSheet: 16_384,
  maxCellsPerWorkbook: 5_000_000,
  maxCellTextLength: 32_767,
  maxSheetNameLength: 100,
  /** Ids, workbook names and named-expression names (Excel caps defined names at 255). */
  maxShortTextLength: 255,
  /** Descriptions, sources and named-expression formulas. */
  maxLongTextLength: 32_767,
  maxNames: 10_000,
} as const;

/** Characters Excel refuses in sheet names; formula references to such sheets would not parse. */
const FORBIDDEN_SHEET_NAME_CHARS = /[[\]*?/\\:]/;

// HyperFormula's rule for named expressions (NAMED_EXPRESSION_PATTERN), repeated here so the
// core does not import the engine: a letter or underscore, then letters, digits, "_" or ".",
// and nothing that reads as an A1 or R1C1 cell reference.
const NAME_PATTERN = /^[A-Za-z\u00C0-\u02AF_][A-Za-z\u00C0-\u02AF0-9_.]*$/;
const A1_REFERENCE = /^\$?[A-Za-z]+\$?[0-9]+$/;
const R1C1_REFERENCE = /^[rR][0-9]*[cC][0-9]*$/;

/** Thrown inside this module only, to unwind a deep walk; never escapes validateDocument. */
class InvalidAt {
  constructor(readonly reason: string) {}
}

function invalid(path: string, message: string): never {
  throw new InvalidAt(`${path}: ${message}`);
}

type Fields = { readonly [key: string]: unknown };

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Read an own data property only: inherited values (a polluted or hostile prototype) and
 * accessors are ignored, and `__proto__` is never read through the prototype chain.
 */
function own(record: Fields, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(record, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}

function expectRecord(value: unknown, path: string): Fields {
  if (!isRecord(value)) invalid(path, 'expected an object');
  return value;
}

function expectArray(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) invalid(path, 'expected a list');
  return value;
}

function expectText(value: unknown, path: string, maxLength: number, allowEmpty = true): string {
  if (typeof value !== 'string') invalid(path, 'expected text');
  if (!allowEmpty && value.trim() === '') invalid(path, 'must not be empty');
  if (value.length > maxLength) invalid(path, `is longer than ${maxLength} characters`);
  return value;
}

function expectTimestamp(value: unknown, path: string): string {
  const text = expectText(value, path, 64, false);
  if (Number.isNaN(Date.parse(text))) invalid(path, 'expected an ISO 8601 date and time');
  return text;
}

function optionalText(value: unknown, path: string, maxLength: number): string | undefined {
  return value === undefined ? undefined : expectText(value, path, maxLength);
}

function validateMeta(value: unknown): DocumentMeta {
  const record = expectRecord(value, 'meta');
  const meta: DocumentMeta = {
    name: expectText(own(record, 'name'), 'meta.name', LIMITS.maxShortTextLength),
    createdAt: expectTimestamp(own(record, 'createdAt'), 'meta.createdAt'),
    updatedAt: expectTimestamp(own(record, 'updatedAt'), 'meta.updatedAt'),
  };
  const description = optionalText(own(record, 'description'), 'meta.description', LIMITS.maxLongTextLength);
  if (description !== undefined) meta.description = description;
  const source = optionalText(own(record, 'source'), 'meta.source', LIMITS.maxLongTextLength);
  if (source !== undefined) meta.source = source;
  return meta;
}

/** Holes and `undefined` (sparse arrays written by `cells[r][c] = x`) are read as empty. */
function validateCell(value: unknown, path: string): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(path, 'expected a finite number');
    return value;
  }
  if (typeof value === 'string') {
    if (value.length > LIMITS.maxCellTextLength) {
      invalid(path, `text is longer than ${LIMITS.maxCellTextLength} characters`);
    }
    return value;
  }
  return invalid(path, 'expected a number, text, boolean or empty');
}

interface CellBudget {
  used: number;
}

function validateCells(value: unknown, path: string, budget: CellBudget): RawCell[][] {
  const rows = expectArray(value, path);
  if (rows.length > LIMITS.maxRowsPerSheet) invalid(path, `has more than ${LIMITS.maxRowsPerSheet} rows`);
  const cells: RawCell[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const rowPath = `${path}[${r}]`;
    const rawRow = rows[r];
    if (rawRow === undefined || rawRow === null) {
      cells[r] = [];
      continue;
    }
    const row = expectArray(rawRow, rowPath);
    if (row.length > LIMITS.maxColumnsPerSheet) {
      invalid(rowPath, `has more than ${LIMITS.maxColumnsPerSheet} columns`);
    }
    // Counted before the walk, so a hostile document fails fast instead of being copied first.
    budget.used += row.length;
    if (budget.used > LIMITS.maxCellsPerWorkbook) {
      invalid(rowPath, `the workbook has more than ${LIMITS.maxCellsPerWorkbook} cells`);
    }
    const out: RawCell[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) out[c] = validateCell(row[c], `${rowPath}[${c}]`);
    cells[r] = out;
  }
  return cells;
}

function validateColumnWidths(value: unknown, path: string): (number | null)[] {
  // Missing widths mean "all default"; older writers may have left the field out.
  if (value === undefined) return [];
  const widths = expectArray(value, path);
  if (widths.length > LIMITS.maxColumnsPerSheet) {
    invalid(path, `has more than ${LIMITS.maxColumnsPerSheet} entries`);
  }
  const out: (number | null)[] = new Array(widths.length);
  for (let c = 0; c < widths.length; c++) {
    const width = widths[c];
    if (width === null || width === undefined) out[c] = null;
    else if (typeof width === 'number' && Number.isFinite(width) && width >= 0) out[c] = width;
    else invalid(`${path}[${c}]`, 'expected a width in pixels or empty');
  }
  return out;
}

function validateSheetName(value: unknown, path: string): string {
  const name = expectText(value, path, LIMITS.maxSheetNameLength, false);
  if (FORBIDDEN_SHEET_NAME_CHARS.test(name)) invalid(path, 'must not contain any of [ ] * ? / \\ :');
  return name;
}

function validateSheets(value: unknown): Sheet[] {
  const list = expectArray(value, 'sheets');
  if (list.length === 0) invalid('sheets', 'a workbook needs at least one sheet');
  if (list.length > LIMITS.maxSheets) invalid('sheets', `has more than ${LIMITS.maxSheets} sheets`);
  const ids = new Set<string>();
  const names = new Set<string>();
  const budget: CellBudget = { used: 0 };
  const sheets: Sheet[] = [];
  for (let i = 0; i < list.length; i++) {
    const path = `sheets[${i}]`;
    const record = expectRecord(list[i], path);
    const id = expectText(own(record, 'id'), `${path}.id`, LIMITS.maxShortTextLength, false);
    if (ids.has(id)) invalid(`${path}.id`, `the id "${id}" is used by another sheet`);
    ids.add(id);
    const name = validateSheetName(own(record, 'name'), `${path}.name`);
    // Plain toLowerCase, not the locale variant, so validity never depends on the user's locale.
    const key = name.toLowerCase();
    if (names.has(key)) invalid(`${path}.name`, `the name "${name}" is used by another sheet`);
    names.add(key);
    sheets.push({
      id: id as SheetId,
      name,
      cells: validateCells(own(record, 'cells'), `${path}.cells`, budget),
      columnWidths: validateColumnWidths(own(record, 'columnWidths'), `${path}.columnWidths`),
    });
  }
  return sheets;
}

/** True when `name` can be used as a workbook-scoped name in formulas. */
export function isValidName(name: string): boolean {
  return (
    name.length <= LIMITS.maxShortTextLength &&
    NAME_PATTERN.test(name) &&
    !A1_REFERENCE.test(name) &&
    !R1C1_REFERENCE.test(name)
  );
}

/** True when `name` can be used as a sheet name (length and characters; not uniqueness). */
export function isValidSheetName(name: string): boolean {
  return (
    name.trim() !== '' && name.length <= LIMITS.maxSheetNameLength && !FORBIDDEN_SHEET_NAME_CHARS.test(name)
  );
}

function validateNames(value: unknown): NamedExpression[] {
  // An absent list is an empty list: names are optional in hand-written files.
  if (value === undefined) return [];
  const list = expectArray(value, 'names');
  if (list.length > LIMITS.maxNames) invalid('names', `has more than ${LIMITS.maxNames} entries`);
  const seen = new Set<string>();
  const names: NamedExpression[] = [];
  for (let i = 0; i < list.length; i++) {
    const path = `names[${i}]`;
    const record = expectRecord(list[i], path);
    const name = expectText(own(record, 'name'), `${path}.name`, LIMITS.maxShortTextLength, false);
    if (!isValidName(name)) {
      invalid(
        `${path}.name`,
        `"${name}" is not a valid name (letters, digits, "_" or ".", not a cell reference)`,
      );
    }
    const key = name.toLowerCase();
    if (seen.has(key)) invalid(`${path}.name`, `the name "${name}" is defined twice`);
    seen.add(key);
    const expression = own(record, 'expression');
    if (typeof expression === 'number') {
      if (!Number.isFinite(expression)) invalid(`${path}.expression`, 'expected a finite number');
      names.push({ name, expression });
    } else {
      names.push({
        name,
        expression: expectText(expression, `${path}.expression`, LIMITS.maxLongTextLength),
      });
    }
  }
  return names;
}

/**
 * Check that `input` is a well-formed current-version scenario document and return a fresh copy
 * holding only the known fields. Unknown keys (including `__proto__`, `constructor`, `prototype`)
 * are dropped; only own data properties are read. Sparse or `undefined` cells read as empty.
 *
 * @param input Anything: parsed JSON, a stored IndexedDB record, the output of a migration.
 * @returns `{ ok: true, value }` with a document that shares no objects with `input`, or
 *   `{ ok: false, reason }` where reason names the path, e.g.
 *   `sheets[1].cells[3][2]: expected a number, text, boolean or empty`.
 * @example
 * const result = validateDocument(JSON.parse(text));
 * if (!result.ok) showError(result.reason);
 */
export function validateDocument(input: unknown): Result<ScenarioDocument, string> {
  try {
    const record = expectRecord(input, 'document');
    const version = own(record, 'schemaVersion');
    if (version !== SCHEMA_VERSION) {
      invalid('schemaVersion', `expected ${SCHEMA_VERSION}, found ${describe(version)}`);
    }
    const id = expectText(own(record, 'id'), 'id', LIMITS.maxShortTextLength, false) as ScenarioId;
    const meta = validateMeta(own(record, 'meta'));
    const sheets = validateSheets(own(record, 'sheets'));
    const names = validateNames(own(record, 'names'));
    return ok({ schemaVersion: SCHEMA_VERSION, id, meta, sheets, names });
  } catch (error) {
    if (error instanceof InvalidAt) return fail(error.reason);
    // A RangeError from a pathological input (say, a getter-free but enormous string) stays a value.
    return fail(`document: could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `"${value.slice(0, 20)}"`;
  return Array.isArray(value) ? 'a list' : typeof value;
}
