// A1-style addresses: column labels, formatting cells and ranges, quoting sheet names,
// and parsing what a user types into the name box. Rows and columns are 0-based here.

export interface CellAddress {
  row: number;
  col: number;
}

/** A rectangle of cells, inclusive at both ends, 0-based. */
export interface CellRange {
  row: number;
  col: number;
  rowEnd: number;
  colEnd: number;
}

/** A range as typed in the name box, with the sheet it names (unquoted) when one was given. */
export interface ParsedReference extends CellRange {
  sheet?: string;
}

/** The grid's size, the same as Excel's and HyperFormula's defaults. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/**
 * Letters that may appear in an unquoted sheet name or identifier: ASCII letters and the
 * Latin-1/Latin Extended block HyperFormula's lexer accepts (so å, ä, ö, é, ü …).
 */
export const LETTER_CLASS = 'A-Za-z\\u00C0-\\u02AF';

const PLAIN_SHEET_NAME = new RegExp(`^[${LETTER_CLASS}_][${LETTER_CLASS}0-9_]*$`);
const CELL_LIKE = /^[A-Za-z]{1,3}[0-9]+$/;
const R1C1_LIKE = /^[Rr][0-9]*[Cc][0-9]*$/;

/**
 * The label of a 0-based column: 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD".
 * @example columnLabel(27) // "AB"
 */
export function columnLabel(col: number): string {
  let label = '';
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    label = String.fromCharCode(65 + rem) + label;
    n = Math.floor((n - 1) / 26);
  }
  return label;
}

/**
 * The 0-based index of a column label, case-insensitive: "A" → 0, "xfd" → 16383.
 * Returns −1 for anything that is not 1–3 letters naming a column inside the grid.
 */
export function columnIndex(label: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(label)) return -1;
  let n = 0;
  for (const ch of label.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1 < MAX_COLS ? n - 1 : -1;
}

/** "A1"-style address of a 0-based cell. */
export function formatAddress(row: number, col: number): string {
  return `${columnLabel(col)}${row + 1}`;
}

/**
 * "A1:C3", or "A1" for a single cell. A range spanning every row is written as whole
 * columns ("A:C") and one spanning every column as whole rows ("3:5"), as Excel does.
 */
export function formatRange(rect: CellRange): string {
  const top = Math.min(rect.row, rect.rowEnd);
  const bottom = Math.max(rect.row, rect.rowEnd);
  const left = Math.min(rect.col, rect.colEnd);
  const right = Math.max(rect.col, rect.colEnd);
  if (left === 0 && right === MAX_COLS - 1) return `${top + 1}:${bottom + 1}`;
  if (top === 0 && bottom === MAX_ROWS - 1) return `${columnLabel(left)}:${columnLabel(right)}`;
  if (top === bottom && left === right) return formatAddress(top, left);
  return `${formatAddress(top, left)}:${formatAddress(bottom, right)}`;
}

/**
 * A sheet name as it must appear before "!" in a formula: unchanged when it is a plain
 * identifier, otherwise in single quotes with inner quotes doubled.
 * @example quoteSheetName('Klimatfond 2025') // "'Klimatfond 2025'"
 */
export function quoteSheetName(name: string): string {
  const plain =
    PLAIN_SHEET_NAME.test(name) &&
    !CELL_LIKE.test(name) &&
    !R1C1_LIKE.test(name) &&
    !/^(TRUE|FALSE)$/i.test(name);
  return plain ? name : `'${name.replaceAll("'", "''")}'`;
}

/** Removes the quotes around a quoted sheet name and undoubles inner quotes. */
export function unquoteSheetName(text: string): string {
  return text.startsWith("'") && text.endsWith("'") && text.length >= 2
    ? text.slice(1, -1).replaceAll("''", "'")
    : text;
}

const SHEET_PREFIX = `(?:'((?:[^']|'')+)'|([${LETTER_CLASS}0-9_]+))!`;
const NAME_BOX = new RegExp(`^(?:${SHEET_PREFIX})?([^:]+)(?::([^:]+))?$`);
const CELL_PART = /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/;
const COL_PART = /^\$?([A-Za-z]{1,3})$/;
const ROW_PART = /^\$?([0-9]+)$/;

/** A 1-based row label ("40") as a 0-based index, or −1 when it is outside the grid. */
function rowIndex(digits: string): number {
  const n = Number(digits);
  return n >= 1 && n <= MAX_ROWS ? n - 1 : -1;
}

/**
 * Parses a reference typed into the name box: "H40", "$H$40", "A1:C5", "A:C", "3:5",
 * "Sheet2!B3", "'Klimatfond 2025'!B3:C4"; surrounding whitespace is ignored.
 * Returns null when the text is malformed or outside the grid (a named expression such
 * as "Target_2030" is also null: resolving names is the caller's business).
 * The result is normalised so that row <= rowEnd and col <= colEnd.
 */
export function parseReference(text: string): ParsedReference | null {
  const m = NAME_BOX.exec(text.trim());
  if (!m) return null;
  const quoted = m[1];
  const bare = m[2];
  const first = m[3] ?? '';
  const second = m[4];
  let range: CellRange | null = null;

  const a = CELL_PART.exec(first);
  if (a) {
    const b = second === undefined ? a : CELL_PART.exec(second);
    if (!b) return null;
    range = fromEnds(
      columnIndex(a[1] ?? ''),
      rowIndex(a[2] ?? ''),
      columnIndex(b[1] ?? ''),
      rowIndex(b[2] ?? ''),
    );
  } else if (second !== undefined) {
    const ca = COL_PART.exec(first);
    const cb = COL_PART.exec(second);
    const ra = ROW_PART.exec(first);
    const rb = ROW_PART.exec(second);
    if (ca && cb) {
      range = fromEnds(columnIndex(ca[1] ?? ''), 0, columnIndex(cb[1] ?? ''), MAX_ROWS - 1);
    } else if (ra && rb) {
      range = fromEnds(0, rowIndex(ra[1] ?? ''), MAX_COLS - 1, rowIndex(rb[1] ?? ''));
    }
  }
  if (!range) return null;
  const sheet = quoted !== undefined ? quoted.replaceAll("''", "'") : bare;
  return sheet === undefined ? range : { sheet, ...range };
}

function fromEnds(col: number, row: number, colEnd: number, rowEnd: number): CellRange | null {
  if (col < 0 || row < 0 || colEnd < 0 || rowEnd < 0) return null;
  return {
    row: Math.min(row, rowEnd),
    col: Math.min(col, colEnd),
    rowEnd: Math.max(row, rowEnd),
    colEnd: Math.max(col, colEnd),
  };
}
