// Issue 5's scale workbooks: many rows of `=base*(1-rate)^(year-BaseYear)` that all reach two global
// inputs, either through named expressions or through helper cells; plus the same numbers in a plain
// JS loop (the limit). Pure module: no DOM, no engine.
import type { SheetId } from '../src/core/document';
import type { EngineWorkbook } from '../workers/contract';

/** `named`: the globals are the names Rate and BaseYear. `helper`: they are cells $Z$1 and $Z$2. */
export type ScaleShape = 'named' | 'helper';

export const GLOBALS_SHEET_ID = 'sh-globals' as SheetId;
export const CALC_SHEET_ID = 'sh-calc' as SheetId;
export const GLOBALS_SHEET = 'Globals';
export const CALC_SHEET = 'Calc';
/** Formulas per row, in C..K; A holds the row's base value and B its year. */
export const SCALE_FORMULAS_PER_ROW = 9;
export const SCALE_COLS = 2 + SCALE_FORMULAS_PER_ROW;
export const RATE = 0.02;
export const BASE_YEAR = 2020;

export interface ScaleWorkbook {
  shape: ScaleShape;
  workbook: EngineWorkbook;
  /** The same sheets for HyperFormula.buildFromSheets, and its named expressions. */
  sheets: Record<string, (string | number | null)[][]>;
  names: { name: string; expression: string }[];
  rows: number;
  formulaCells: number;
}

export function baseOf(i: number): number {
  return 100 + (i % 97);
}

export function yearOf(i: number): number {
  return 2020 + (i % 31);
}

/** The formulas of row `r` (1-based): C..K. */
export function scaleFormulas(shape: ScaleShape, r: number): string[] {
  const rate = shape === 'named' ? 'Rate' : '$Z$1';
  const by = shape === 'named' ? 'BaseYear' : '$Z$2';
  return Array.from(
    { length: SCALE_FORMULAS_PER_ROW },
    (_, k) => `=A${r}*(1-${rate})^(B${r}-${by})*${k + 1}`,
  );
}

/** A workbook with at least `formulaCells` formulas on Calc (rounded up to whole rows). */
export function generateScaleWorkbook(shape: ScaleShape, formulaCells: number): ScaleWorkbook {
  const rows = Math.ceil(formulaCells / SCALE_FORMULAS_PER_ROW);
  const calc: (string | number | null)[][] = new Array(rows);
  for (let i = 0; i < rows; i++) calc[i] = [baseOf(i), yearOf(i), ...scaleFormulas(shape, i + 1)];
  if (shape === 'helper') {
    const first = calc[0] as (string | number | null)[];
    while (first.length < 25) first.push(null);
    first.push(`=${GLOBALS_SHEET}!$A$1`);
    (calc[1] as (string | number | null)[]).push(
      ...new Array(25 - SCALE_COLS).fill(null),
      `=${GLOBALS_SHEET}!$A$2`,
    );
  }
  const globals = [[RATE], [BASE_YEAR]];
  const names =
    shape === 'named'
      ? [
          { name: 'Rate', expression: `=${GLOBALS_SHEET}!$A$1` },
          { name: 'BaseYear', expression: `=${GLOBALS_SHEET}!$A$2` },
        ]
      : [];
  return {
    shape,
    workbook: {
      sheets: [
        { id: GLOBALS_SHEET_ID, name: GLOBALS_SHEET, cells: globals },
        { id: CALC_SHEET_ID, name: CALC_SHEET, cells: calc },
      ],
      names,
    },
    sheets: { [GLOBALS_SHEET]: globals, [CALC_SHEET]: calc },
    names,
    rows,
    formulaCells: rows * SCALE_FORMULAS_PER_ROW,
  };
}

/**
 * The same numbers without a spreadsheet: typed arrays and a loop. What any engine's cost is
 * compared with: the floor for computing these values in JavaScript on this machine.
 */
export class PlainScaleModel {
  readonly base: Float64Array;
  readonly year: Float64Array;
  readonly out: Float64Array;
  rate = RATE;
  baseYear = BASE_YEAR;

  /** Read inputs from the generated cells (the plain-JS "open"), then compute everything. */
  constructor(calc: (string | number | null)[][]) {
    const n = calc.length;
    this.base = new Float64Array(n);
    this.year = new Float64Array(n);
    this.out = new Float64Array(n * SCALE_FORMULAS_PER_ROW);
    for (let i = 0; i < n; i++) {
      const row = calc[i] as (string | number | null)[];
      this.base[i] = row[0] as number;
      this.year[i] = row[1] as number;
    }
    this.computeAll();
  }

  computeRow(i: number): void {
    const v = (this.base[i] as number) * (1 - this.rate) ** ((this.year[i] as number) - this.baseYear);
    const at = i * SCALE_FORMULAS_PER_ROW;
    for (let k = 0; k < SCALE_FORMULAS_PER_ROW; k++) this.out[at + k] = v * (k + 1);
  }

  computeAll(): void {
    for (let i = 0; i < this.base.length; i++) this.computeRow(i);
  }

  /** The value of K (the last formula) of row i. */
  last(i: number): number {
    return this.out[i * SCALE_FORMULAS_PER_ROW + SCALE_FORMULAS_PER_ROW - 1] as number;
  }
}
