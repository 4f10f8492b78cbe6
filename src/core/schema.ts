// Runtime validation of the current (v2) scenario document: the gate every file and stored record
// passes before the app sees it. One declarative validator beside each document type (./validate).
import { parseReference } from './address';
import { DISTRIBUTIONS, type Distribution } from './compiled/sampling';
import {
  type DocumentMeta,
  type MonteCarloSettings,
  type NamedExpression,
  type RawCell,
  SCHEMA_VERSION,
  type ScenarioDocument,
  type ScenarioId,
  type Sheet,
  type SheetId,
} from './document';
import { formatCode, parseFormatCode } from './numberFormat';
import type { Result } from './result';
import {
  byType,
  check,
  describe,
  finiteNumber,
  invalid,
  list,
  literal,
  optional,
  record,
  refine,
  text,
  unique,
  type Validator,
  withDefault,
} from './validate';

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
  /** Monte Carlo: samples per run (runMonteCarlo's own limit), and the seed's range (a 32-bit int). */
  maxSamples: 1_000_000,
  maxSeed: 2 ** 31 - 1,
} as const;

/** Characters Excel refuses in sheet names; formula references to such sheets would not parse. */
const FORBIDDEN_SHEET_NAME_CHARS = /[[\]*?/\\:]/;

// HyperFormula's rule for named expressions (NAMED_EXPRESSION_PATTERN), repeated here so the
// core does not import the engine: a letter or underscore, then letters, digits, "_" or ".",
// and nothing that reads as an A1 or R1C1 cell reference.
const NAME_PATTERN = /^[A-Za-z\u00C0-\u02AF_][A-Za-z\u00C0-\u02AF0-9_.]*$/;
const A1_REFERENCE = /^\$?[A-Za-z]+\$?[0-9]+$/;
const R1C1_REFERENCE = /^[rR][0-9]*[cC][0-9]*$/;

/** True when `name` can be used as a workbook-scoped name in formulas. */
export function isValidName(name: string): boolean {
  return (
    name.length <= LIMITS.maxShortTextLength &&
    NAME_PATTERN.test(name) &&
    !A1_REFERENCE.test(name) &&
    !R1C1_REFERENCE.test(name)
  );
}

/** Why a name cannot be a sheet name on its own, before uniqueness. */
export type SheetNameRuleProblem = 'empty' | 'too-long' | 'invalid-char';

/**
 * Why `name` cannot be a sheet name (blank, longer than LIMITS.maxSheetNameLength, or holding
 * one of Excel's forbidden characters), or null when it can. Uniqueness is the caller's.
 * @example sheetNameRuleProblem('a/b') // 'invalid-char'
 */
export function sheetNameRuleProblem(name: string): SheetNameRuleProblem | null {
  if (name.trim() === '') return 'empty';
  if (name.length > LIMITS.maxSheetNameLength) return 'too-long';
  return FORBIDDEN_SHEET_NAME_CHARS.test(name) ? 'invalid-char' : null;
}

const shortText = text({ max: LIMITS.maxShortTextLength, nonEmpty: true });
const longText = text({ max: LIMITS.maxLongTextLength });

const timestamp = refine(
  text({ max: 64, nonEmpty: true }),
  (value) => !Number.isNaN(Date.parse(value)),
  'expected an ISO 8601 date and time',
);

/** A whole number between `min` and `max`. */
function wholeNumber(min: number, max: number): Validator<number> {
  return refine(
    finiteNumber(),
    (n) => Number.isInteger(n) && n >= min && n <= max,
    `expected a whole number from ${min} to ${max}`,
  );
}

const distribution: Validator<Distribution> = (value, path) =>
  DISTRIBUTIONS.includes(value as Distribution)
    ? (value as Distribution)
    : invalid(path, `expected ${DISTRIBUTIONS.join(', ')}, found ${describe(value)}`);

/**
 * Distributions by cell: every key a sheet-qualified cell (`Drivmedel!B8`), so no key can be
 * `__proto__` or another name an object gives meaning to; at most one per parameter cell possible.
 */
const distributions: Validator<Record<string, Distribution>> = (value, path, run) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid(path, 'expected an object');
  const keys = Object.keys(value);
  if (keys.length > LIMITS.maxNames) invalid(path, `has more than ${LIMITS.maxNames} entries`);
  const out: Record<string, Distribution> = {};
  for (const key of keys) {
    const at = { parent: path, key };
    const ref = key.length <= LIMITS.maxShortTextLength ? parseReference(key) : null;
    if (!ref || ref.sheet === undefined || ref.row !== ref.rowEnd || ref.col !== ref.colEnd)
      invalid(at, 'expected a cell with its sheet, such as Drivmedel!B8');
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    out[key] = distribution(descriptor && 'value' in descriptor ? descriptor.value : undefined, at, run);
  }
  return out;
};

const monteCarloSettings = record<MonteCarloSettings>({
  seed: wholeNumber(0, LIMITS.maxSeed),
  samples: wholeNumber(1, LIMITS.maxSamples),
  distributions: withDefault(distributions, () => ({})),
});

const documentMeta = record<DocumentMeta>({
  name: text({ max: LIMITS.maxShortTextLength }),
  createdAt: timestamp,
  updatedAt: timestamp,
  description: optional(longText),
  source: optional(longText),
  monteCarlo: optional(monteCarloSettings),
});

/** Holes and `undefined` (sparse arrays written by `cells[r][c] = x`) are read as empty. */
const rawCell = byType<RawCell>({
  empty: () => null,
  boolean: (value) => value as boolean,
  number: finiteNumber(),
  string: text({ max: LIMITS.maxCellTextLength, longer: 'text is' }),
  expected: 'expected a number, text, boolean or empty',
});

const cellRow = byType<RawCell[]>({
  empty: () => [],
  otherwise: list(rawCell, {
    max: LIMITS.maxColumnsPerSheet,
    noun: 'columns',
    // Counted before the walk, so a hostile document fails fast instead of being copied first.
    before: (row, path, run) => {
      if (run.add('cells', row.length) > LIMITS.maxCellsPerWorkbook) {
        invalid(path, `the workbook has more than ${LIMITS.maxCellsPerWorkbook} cells`);
      }
    },
  }),
});

const columnWidth = byType<number | null>({
  empty: () => null,
  number: (value, path) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? value
      : invalid(path, 'expected a width in pixels or empty'),
  expected: 'expected a width in pixels or empty',
});

const SHEET_NAME_REFUSALS: Record<SheetNameRuleProblem, string> = {
  empty: 'must not be empty',
  'too-long': `is longer than ${LIMITS.maxSheetNameLength} characters`,
  'invalid-char': 'must not contain any of [ ] * ? / \\ :',
};

const sheetName: Validator<string> = (value, path) => {
  if (typeof value !== 'string') invalid(path, 'expected text');
  const problem = sheetNameRuleProblem(value);
  return problem === null ? value : invalid(path, SHEET_NAME_REFUSALS[problem]);
};

/** A format code, read leniently and kept in the canonical form `formatCode` writes. */
const formatEntry = byType<string | null>({
  empty: () => null,
  string: (value, path) => {
    const format = parseFormatCode(value as string);
    if (format === null) invalid(path, `"${String(value).slice(0, 40)}" is not a number format Bana knows`);
    return format.kind === 'general' ? null : formatCode(format);
  },
  expected: 'expected a number format code or empty',
});

const formatRow = byType<(string | null)[]>({
  empty: () => [],
  otherwise: list(formatEntry, {
    max: LIMITS.maxColumnsPerSheet,
    noun: 'columns',
    before: (row, path, run) => {
      if (run.add('formats', row.length) > LIMITS.maxCellsPerWorkbook) {
        invalid(path, `the workbook has more than ${LIMITS.maxCellsPerWorkbook} formatted cells`);
      }
    },
  }),
});

/** Sheet formats with trailing empties trimmed; `undefined` (left out) when no cell has one. */
const sheetFormats: Validator<(string | null)[][] | undefined> = (value, path, run) => {
  if (value === undefined || value === null) return undefined;
  const rows = list(formatRow, { max: LIMITS.maxRowsPerSheet, noun: 'rows' })(value, path, run);
  for (const row of rows) while (row.length > 0 && row[row.length - 1] === null) row.pop();
  while (rows.length > 0 && (rows[rows.length - 1] as (string | null)[]).length === 0) rows.pop();
  return rows.length === 0 ? undefined : rows;
};

// Names compare with plain toLowerCase, not the locale variant, so validity never depends on the
// user's locale.
const sheet = record<Sheet>({
  id: unique(
    shortText as Validator<SheetId>,
    'sheet ids',
    (id) => id,
    (id) => `the id "${id}" is used by another sheet`,
  ),
  name: unique(
    sheetName,
    'sheet names',
    (name) => name.toLowerCase(),
    (name) => `the name "${name}" is used by another sheet`,
  ),
  cells: list(cellRow, { max: LIMITS.maxRowsPerSheet, noun: 'rows' }),
  // Missing widths mean "all default"; older writers may have left the field out.
  columnWidths: withDefault(list(columnWidth, { max: LIMITS.maxColumnsPerSheet, noun: 'entries' }), () => []),
  formats: sheetFormats,
});

const namedExpression = record<NamedExpression>({
  name: unique(
    refine(
      shortText,
      isValidName,
      (name) => `"${name}" is not a valid name (letters, digits, "_" or ".", not a cell reference)`,
    ),
    'names',
    (name) => name.toLowerCase(),
    (name) => `the name "${name}" is defined twice`,
  ),
  expression: byType<string | number>({ number: finiteNumber(), otherwise: longText }),
});

const scenarioDocument = record<ScenarioDocument>({
  schemaVersion: literal(SCHEMA_VERSION),
  id: shortText as Validator<ScenarioId>,
  meta: documentMeta,
  sheets: list(sheet, {
    max: LIMITS.maxSheets,
    noun: 'sheets',
    empty: 'a workbook needs at least one sheet',
  }),
  // An absent list is an empty list: names are optional in hand-written files.
  names: withDefault(list(namedExpression, { max: LIMITS.maxNames, noun: 'entries' }), () => []),
});

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
  return check(scenarioDocument, input, 'document');
}
