// Synthetic workbooks for the benchmark: the same plain data goes to Bana's worker and to bare
// HyperFormula, so both build exactly the same grid. Pure module: no DOM, no engine.
import type { SheetId } from '../src/core/document';
import type { EngineWorkbook, RangeRequest } from '../workers/contract';

/**
 * `chain`: each row has an input in A and nine formulas that reference only cells of their own row.
 * `fanIn`: each row has an input in A and nine formulas that all reference one global cell ($Z$1),
 * the shape HyperFormula 3.5 builds in superlinear time.
 */
export type WorkbookShape = 'chain' | 'fanIn';

export const BENCH_SHEET_ID = 'sh-bench' as SheetId;
export const BENCH_SHEET_NAME = 'Bench';
/** Formulas per row (columns B..J). */
export const FORMULAS_PER_ROW = 9;
/** The global input of the fan-in shape: Z1, zero-based. */
export const GLOBAL_INPUT = { row: 0, col: 25 } as const;
/** The column of the last formula of a chain row (J): depends on every other cell of the row. */
export const CHAIN_LAST_COL = 9;
/** A viewport the size of a laptop screen of cells. */
export const VIEW_ROWS = 40;
export const VIEW_COLS = 10;
const GLOBAL_VALUE = 1.5;

export interface GeneratedWorkbook {
  shape: WorkbookShape;
  workbook: EngineWorkbook;
  /** The same cells as the workbook's only sheet, for HyperFormula.buildFromSheets. */
  cells: EngineWorkbook['sheets'][number]['cells'];
  rows: number;
  formulaCells: number;
}

/** Build a workbook with at least `formulaCells` formulas (rounded up to whole rows). */
export function generateWorkbook(shape: WorkbookShape, formulaCells: number): GeneratedWorkbook {
  const rows = Math.ceil(formulaCells / FORMULAS_PER_ROW);
  const cells: (string | number | null)[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const r = i + 1;
    const row: (string | number | null)[] =
      shape === 'chain'
        ? [
            r,
            `=A${r}*1.02`,
            `=B${r}+A${r}`,
            `=C${r}*0.5`,
            `=D${r}-B${r}`,
            `=E${r}+C${r}`,
            `=F${r}/2`,
            `=G${r}+1`,
            `=H${r}*A${r}`,
            `=I${r}-G${r}`,
          ]
        : [r, ...Array.from({ length: FORMULAS_PER_ROW }, (_, k) => `=$Z$1*A${r}+${k + 1}`)];
    cells[i] = row;
  }
  if (shape === 'fanIn') {
    const first = cells[0] as (string | number | null)[];
    while (first.length < GLOBAL_INPUT.col) first.push(null);
    first.push(GLOBAL_VALUE);
  }
  return {
    shape,
    workbook: { sheets: [{ id: BENCH_SHEET_ID, name: BENCH_SHEET_NAME, cells }], names: [] },
    cells,
    rows,
    formulaCells: rows * FORMULAS_PER_ROW,
  };
}

/** The value of J in a chain row whose input A is `a`, computed the way the formulas do. */
export function expectedChainLast(a: number): number {
  const b = a * 1.02;
  const c = b + a;
  const d = c * 0.5;
  const e = d - b;
  const f = e + c;
  const g = f / 2;
  const h = g + 1;
  const i = h * a;
  return i - g;
}

/** The value of B{r} in a fan-in row: global × input + 1. */
export function expectedFanInFirst(global: number, a: number): number {
  return global * a + 1;
}

/** A screen-sized viewport starting at `row`. */
export function viewportAt(row: number): RangeRequest {
  return { sheetId: BENCH_SHEET_ID, row, col: 0, rows: VIEW_ROWS, cols: VIEW_COLS };
}

/** True when two engine numbers agree (HyperFormula rounds results to about 14 digits). */
export function closeTo(actual: unknown, expected: number): boolean {
  return typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}
