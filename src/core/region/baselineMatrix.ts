// A region's baseline pasted or typed as a year-header matrix (first row years, first column sectors),
// as Excel and LibreOffice copy it: parsed into numbers with a reason for every row it refuses.

/** Emissions per sector and year; null where the year is missing for that sector. */
export interface BaselineMatrix {
  years: number[];
  sectors: { name: string; values: (number | null)[] }[];
}

/** Why a row was refused; `row` is the 1-based line of the pasted text. */
export type MatrixProblem =
  | { row: number; code: 'noYears' }
  | { row: number; code: 'badYear'; cell: string }
  | { row: number; code: 'duplicateYear'; year: number }
  | { row: number; code: 'yearsOutOfOrder'; year: number }
  | { row: number; code: 'noName' }
  | { row: number; code: 'duplicateSector'; name: string }
  | { row: number; code: 'notANumber'; cell: string; year: number }
  | { row: number; code: 'extraCells'; count: number }
  | { row: number; code: 'noValues'; name: string }
  | { row: number; code: 'noSectors' };

export interface MatrixParse {
  /** The header and every row that parsed; refused rows are left out. */
  matrix: BaselineMatrix;
  problems: MatrixProblem[];
}

/** Years a baseline may name: four digits, within reason for emissions statistics. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

// Spaces Excel, LibreOffice and Intl put between thousands: space, no-break, narrow no-break, thin.
const GROUP_SPACE = '[ \\u00a0\\u202f\\u2009]';
const SWEDISH_GROUPED = new RegExp(`^\\d{1,3}(?:${GROUP_SPACE}\\d{3})+(?:,\\d+)?$`);
const SWEDISH_PLAIN = /^\d+(?:,\d+)?$/;
const ENGLISH_GROUPED = /^\d{1,3}(?:,\d{3})+\.\d+$|^\d{1,3}(?:,\d{3}){2,}$/;
const DOT_DECIMAL = /^\d+\.\d+$|^\d*\.\d+$/;

/**
 * A pasted number: Swedish first (`12 345,6`, `−1,5`, `0,25`), English where it cannot be Swedish
 * (`12,345.6`, `1,234,567`, `12.5`). One comma with no dot is a decimal comma, as in Swedish; null
 * for anything else, never a guess.
 */
export function parseMatrixNumber(text: string): number | null {
  let s = text
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .trim();
  let sign = 1;
  if (/^[-−–]/.test(s)) {
    sign = -1;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  let plain: string | null = null;
  if (SWEDISH_GROUPED.test(s) || SWEDISH_PLAIN.test(s))
    plain = s.replace(new RegExp(GROUP_SPACE, 'g'), '').replace(',', '.');
  else if (ENGLISH_GROUPED.test(s)) plain = s.replace(/,/g, '');
  else if (DOT_DECIMAL.test(s)) plain = s;
  if (plain === null) return null;
  const n = Number(plain);
  return Number.isFinite(n) ? (n === 0 ? 0 : sign * n) : null;
}

/** The cells of a pasted line: tab-separated as spreadsheets copy, or `;` as Swedish CSV. */
function splitLine(line: string, separator: string): string[] {
  const cells = line.split(separator).map((c) => c.trim());
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** One sector row against the header and the rows already read: the sector, or why it is refused. */
function readRow(
  cells: string[],
  row: number,
  matrix: BaselineMatrix,
): BaselineMatrix['sectors'][number] | MatrixProblem {
  const [rawName = '', ...rest] = cells;
  const name = rawName.replace(/^"(.*)"$/s, '$1').trim();
  if (name === '') return { row, code: 'noName' };
  if (matrix.sectors.some((s) => s.name.toLowerCase() === name.toLowerCase()))
    return { row, code: 'duplicateSector', name };
  if (rest.length > matrix.years.length)
    return { row, code: 'extraCells', count: rest.length - matrix.years.length };
  const values: (number | null)[] = [];
  for (const [c, year] of matrix.years.entries()) {
    const cell = rest[c] ?? '';
    const n = cell === '' ? null : parseMatrixNumber(cell);
    if (cell !== '' && n === null) return { row, code: 'notANumber', cell, year };
    values.push(n);
  }
  if (values.every((v) => v === null)) return { row, code: 'noValues', name };
  return { name, values };
}

/** Parse a year-header matrix; rows that cannot be read are refused, each with its reason. */
export function parseBaselineMatrix(text: string): MatrixParse {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const separator = lines.some((l) => l.includes('\t')) ? '\t' : ';';
  const problems: MatrixProblem[] = [];
  const matrix: BaselineMatrix = { years: [], sectors: [] };
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return { matrix, problems: [{ row: 1, code: 'noYears' }] };
  const headerRow = headerIndex + 1;
  const header = splitLine(lines[headerIndex] as string, separator).slice(1);
  for (const cell of header) {
    const year = /^\d{4}$/.test(cell) ? Number(cell) : Number.NaN;
    if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
      problems.push({ row: headerRow, code: 'badYear', cell });
      return { matrix: { years: [], sectors: [] }, problems };
    }
    if (matrix.years.includes(year)) {
      problems.push({ row: headerRow, code: 'duplicateYear', year });
      return { matrix: { years: [], sectors: [] }, problems };
    }
    if (matrix.years.length > 0 && year < (matrix.years.at(-1) as number)) {
      problems.push({ row: headerRow, code: 'yearsOutOfOrder', year });
      return { matrix: { years: [], sectors: [] }, problems };
    }
    matrix.years.push(year);
  }
  if (matrix.years.length === 0) return { matrix, problems: [{ row: headerRow, code: 'noYears' }] };

  lines.slice(headerIndex + 1).forEach((line, i) => {
    if (line.trim() === '') return;
    const read = readRow(splitLine(line, separator), headerRow + 1 + i, matrix);
    if ('code' in read) problems.push(read);
    else matrix.sectors.push(read);
  });
  if (matrix.sectors.length === 0 && problems.length === 0)
    problems.push({ row: headerRow + 1, code: 'noSectors' });
  return { matrix, problems };
}
