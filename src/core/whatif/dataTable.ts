// Data tables (Excel's What-If Analysis → Data Table): the values an input takes (from–to–step or a
// list), the sweep points of a one- or two-variable table, and the table as rows for CSV and xlsx.
import { type CsvDialect, toCsv } from '../csv';
import type { Scalar } from '../compiled/values';
import { errorCodeOf } from './sweep';

/** At most this many values per input: a table wider than this is not read, only scrolled. */
export const MAX_TABLE_VALUES = 200;

export type ValuesSpec =
  | { kind: 'range'; from: number; to: number; step: number }
  | { kind: 'list'; values: number[] };

export type ValuesProblem = 'not-a-number' | 'step' | 'too-many' | 'empty';

/**
 * The values of a spec, from `from` towards `to` by `step` (to included when it falls on a step,
 * within rounding), or the list as given.
 * @example specValues({ kind: 'range', from: 0, to: 1, step: 0.25 }) // { ok: true, values: [0, 0.25, 0.5, 0.75, 1] }
 */
export function specValues(
  spec: ValuesSpec,
): { ok: true; values: number[] } | { ok: false; problem: ValuesProblem } {
  if (spec.kind === 'list') {
    if (spec.values.length === 0) return { ok: false, problem: 'empty' };
    if (!spec.values.every(Number.isFinite)) return { ok: false, problem: 'not-a-number' };
    if (spec.values.length > MAX_TABLE_VALUES) return { ok: false, problem: 'too-many' };
    return { ok: true, values: spec.values };
  }
  const { from, to, step } = spec;
  if (![from, to, step].every(Number.isFinite)) return { ok: false, problem: 'not-a-number' };
  if (from === to) return { ok: true, values: [from] };
  if (step === 0 || Math.sign(step) !== Math.sign(to - from)) return { ok: false, problem: 'step' };
  // Counting steps (not adding them up) keeps 0.1 steps from drifting to 0.30000000000000004.
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_TABLE_VALUES) return { ok: false, problem: 'too-many' };
  return {
    ok: true,
    values: Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12))),
  };
}

/** A list typed by a planner: numbers separated by `;` or spaces (and `,` in English, where it is not a decimal). */
export function parseValueList(text: string, parse: (s: string) => number | null): number[] | null {
  const parts = text
    .split(/[;\s]+/)
    .flatMap((p) => (parse(p) === null && p.includes(',') ? p.split(',') : [p]))
    .filter((p) => p !== '');
  const values = parts.map(parse);
  return values.length > 0 && values.every((v) => v !== null) ? (values as number[]) : null;
}

/** The sweep points of a table: every row value, and with a column input every pair, row by row. */
export function dataTablePoints(rows: readonly number[], columns?: readonly number[]): number[][] {
  if (!columns) return rows.map((r) => [r]);
  return rows.flatMap((r) => columns.map((c) => [r, c]));
}

/** A computed data table: row values, column values (absent for one variable), one cell per point. */
export interface DataTable {
  rowLabel: string;
  columnLabel?: string;
  outputLabel: string;
  rows: number[];
  columns?: number[];
  /** cells[row][column] (one column for a one-variable table). */
  cells: Scalar[][];
}

/** Reshape a sweep's values (point by point, one output) into the table's rows. */
export function tableCells(values: readonly Scalar[], rows: number, columns: number): Scalar[][] {
  return Array.from({ length: rows }, (_, r) => values.slice(r * columns, (r + 1) * columns));
}

/** The table as a spreadsheet lays it out: a corner (the input names), headers, then the values; errors as their codes. */
export function dataTableRows(table: DataTable): (string | number | null)[][] {
  const cell = (v: Scalar): string | number | null =>
    v === null || typeof v === 'number' || typeof v === 'string'
      ? v
      : typeof v === 'boolean'
        ? String(v)
        : errorCodeOf(v.error);
  const header = table.columns
    ? [`${table.rowLabel} \\ ${table.columnLabel ?? ''}`, ...table.columns]
    : [table.rowLabel, table.outputLabel];
  return [header, ...table.rows.map((r, i) => [r, ...(table.cells[i] ?? []).map(cell)])];
}

/** The table as CSV in a dialect (Swedish `;` and decimal comma, or English). */
export function dataTableCsv(table: DataTable, dialect: CsvDialect): string {
  return toCsv(dataTableRows(table), dialect);
}
