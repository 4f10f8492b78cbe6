// The number formats Bana's own models give their cells, read from each row's unit label: years plain,
// shares as percent, tonnes and kronor with thousands separators. Only how numbers show changes.
import { type RawCell, isFormula } from '../document';
import { type FormatRows, type NumberFormat, PRESETS, storedCode } from '../numberFormat';
import { FIRST_YEAR_COL, ROW, YEAR_COUNT, trajectoryColumns } from './layout';

/** Units counted in whole tonnes, kronor or items: grouped, no decimals. */
const GROUPED_UNIT = /^(t CO2e|ton$|kr(\/t|\b)|st(\/år)?$|liter\/år|km\/år|kg N2O\/år)/;

/**
 * The format for numbers in a row labelled with `unit`, or null to leave them General. A share
 * (`andel`) shows as percent with the decimals its typed values need (at most one); `andel/år`
 * always with one, since yearly changes are small.
 * @example unitFormat('andel', [0.75]) // { kind: 'percent', decimals: 0 }
 */
export function unitFormat(unit: RawCell, values: readonly RawCell[]): NumberFormat | null {
  if (typeof unit !== 'string') return null;
  const trimmed = unit.trim();
  if (trimmed === 'år') return PRESETS.plain;
  if (trimmed === 'andel/år' || trimmed === 'andel per år') return { kind: 'percent', decimals: 1 };
  if (trimmed === 'andel') {
    const whole = values.every((v) => typeof v !== 'number' || Number.isInteger(Math.round(v * 1e6) / 1e4));
    return { kind: 'percent', decimals: whole ? 0 : 1 };
  }
  return GROUPED_UNIT.test(trimmed) ? PRESETS.thousands : null;
}

/** True when a cell holds a number or a formula (a value a format applies to). */
function numeric(raw: RawCell): boolean {
  return typeof raw === 'number' || isFormula(raw);
}

/**
 * Formats for the parameter block of a template or baseline sheet: label in A, value in B, unit in C,
 * low and high in D and E. Rows without a known unit stay General.
 */
export function parameterFormats(cells: readonly RawCell[][]): FormatRows {
  const rows: FormatRows = [];
  cells.forEach((row, r) => {
    const values = [row[1] ?? null, row[3] ?? null, row[4] ?? null];
    const format = unitFormat(row[2] ?? null, values);
    if (!format) return;
    const code = storedCode(format);
    const out: (string | null)[] = [];
    for (const c of [1, 3, 4]) if (numeric(row[c] ?? null)) out[c] = code;
    for (let c = 0; c < out.length; c++) out[c] ??= null;
    if (out.length > 0) rows[r] = out;
  });
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return rows;
}

/**
 * `formats` with `extra` laid over it (an entry of `extra` wins where it is set); both row-major.
 */
export function overlayFormats(formats: FormatRows, extra: FormatRows): FormatRows {
  const out = formats.map((row) => [...row]);
  extra.forEach((row, r) => {
    row.forEach((code, c) => {
      if (code === null || code === undefined) return;
      const target = out[r] ?? [];
      while (target.length < c) target.push(null);
      target[c] = code;
      out[r] = target;
    });
  });
  for (let r = 0; r < out.length; r++) out[r] ??= [];
  return out;
}

/**
 * Formats for a scenario's trajectory sheet (see trajectoryCells): the year row plain, each year row
 * by its unit in column B (for a horizon of `yearCount` years), measure slots in tonnes and kronor, key figures by their unit in column C.
 */
export function trajectoryFormats(cells: readonly RawCell[][], yearCount = YEAR_COUNT): FormatRows {
  const columns = trajectoryColumns(yearCount);
  const plain = storedCode(PRESETS.plain);
  const grouped = storedCode(PRESETS.thousands);
  const rows: FormatRows = cells.map((row, r) => {
    const out: (string | null)[] = [];
    const years = (code: string | null) => {
      for (let c = FIRST_YEAR_COL; c <= columns.lastYearCol; c++) out[c] = code;
    };
    if (r === ROW.years) years(plain);
    else if (r >= ROW.firstSlot && r <= ROW.lastSlot) {
      years(grouped);
      for (const c of [columns.cost, columns.total, columns.krPerTonne]) out[c] = grouped;
    } else {
      const unit = unitFormat(row[1] ?? null, []);
      const keyUnit = numeric(row[1] ?? null) ? unitFormat(row[2] ?? null, []) : null;
      if (unit) years(storedCode(unit));
      else if (keyUnit) out[1] = storedCode(keyUnit);
    }
    for (let c = 0; c < out.length; c++) out[c] ??= null;
    return out;
  });
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}
