// Sweep: a workbook evaluated at many points of a few input cells (data tables, the tornado), with the
// compiled evaluator over Float64Arrays where it compiles, else and for any point it cannot reproduce
// with the reference engine passed in (the core imports no HyperFormula).
import { type CellAddress, type CompilableWorkbook, compileWorkbook } from '../compiled/compile';
import {
  MonteCarloInputError,
  type ReferenceEngine,
  keyFigureRow,
  sheetIndexOf,
} from '../compiled/monteCarlo';
import { type ErrorKind, type Scalar, roundLikeHyperFormula } from '../compiled/values';
import type { ErrorCode } from '../values';
import { sampleAt } from '../compiled/vector';
import { TRAJECTORY_SHEET } from '../scenario/layout';

/** A cell by sheet id or name, 0-based row and column. */
export interface SweepCell {
  sheet: string;
  row: number;
  col: number;
}

/**
 * What a sweep reads at each point: the target-year emissions, the target-year gap (projected minus
 * target level; positive is short of the target), the neutral-year residual, kr per tonne, or a cell.
 */
export type SweepOutput =
  | { kind: 'emissions2030' }
  | { kind: 'gap2030' }
  | { kind: 'residual2035' }
  | { kind: 'costPerTonne' }
  | ({ kind: 'cell' } & SweepCell);

export interface SweepRequest {
  /** The cells varied. */
  inputs: SweepCell[];
  /** One value per input at each point. */
  points: number[][];
  outputs: SweepOutput[];
  /** False evaluates every point with the reference engine. */
  compiled?: boolean;
}

/** At most this many points in one sweep (a 1000 × 1000 data table is not a table anyone reads). */
export const MAX_SWEEP_POINTS = 100_000;

export interface SweepResult {
  /** values[point][output]: a number, or the error, text or empty value the cell holds there. */
  values: Scalar[][];
  /** Per point: is the target-year target met (gap ≤ 0); null without a trajectory or a number. */
  met: (boolean | null)[];
  engine: 'compiled' | 'hyperformula';
  fallbackReason?: string;
  /** Points (of a compiled sweep) the reference engine evaluated: an error or text the compiled path hands over. */
  referencePoints: number;
  ms: number;
}

/**
 * Evaluate the outputs at every point.
 * @throws MonteCarloInputError for an unknown sheet, a point of the wrong length or not a number, too many points.
 * @example sweep(workbook, reference, { inputs: [{ sheet: 'Drivmedel', row: 12, col: 1 }], points: [[0], [0.5], [1]], outputs: [{ kind: 'gap2030' }] })
 */
export function sweep(
  workbook: CompilableWorkbook,
  reference: ReferenceEngine,
  request: SweepRequest,
): SweepResult {
  const started = performance.now();
  const { points } = request;
  if (request.inputs.length === 0) throw new MonteCarloInputError('name at least one input');
  if (points.length > MAX_SWEEP_POINTS)
    throw new MonteCarloInputError(`at most ${MAX_SWEEP_POINTS} points in one sweep`);
  for (const p of points) {
    if (p.length !== request.inputs.length || !p.every(Number.isFinite))
      throw new MonteCarloInputError('every point needs one number per input');
  }
  const inputs: CellAddress[] = request.inputs.map((c) => ({ ...c, sheet: sheetIndexOf(workbook, c.sheet) }));
  const bana = workbook.sheets.findIndex((s) => s.name.toLowerCase() === TRAJECTORY_SHEET.toLowerCase());
  const key = (name: Parameters<typeof keyFigureRow>[0]): CellAddress => {
    if (bana < 0) throw new MonteCarloInputError(`the workbook has no ${TRAJECTORY_SHEET} sheet`);
    return { sheet: bana, row: keyFigureRow(name), col: 1 };
  };
  // The cells read: each output's cells, then the target-year pair for `met` when there is a trajectory.
  const cells: CellAddress[] = [];
  const cellIndex = (a: CellAddress) => {
    const i = cells.findIndex((c) => c.sheet === a.sheet && c.row === a.row && c.col === a.col);
    return i >= 0 ? i : cells.push(a) - 1;
  };
  const readers = request.outputs.map((o): ((v: Scalar[]) => Scalar) => {
    if (o.kind === 'cell') {
      const i = cellIndex({ sheet: sheetIndexOf(workbook, o.sheet), row: o.row, col: o.col });
      return (v) => v[i] as Scalar;
    }
    if (o.kind === 'gap2030') {
      const p = cellIndex(key('projectedAtTarget'));
      const t = cellIndex(key('targetLevel'));
      return (v) => difference(v[p] as Scalar, v[t] as Scalar);
    }
    const name =
      o.kind === 'emissions2030'
        ? 'projectedAtTarget'
        : o.kind === 'residual2035'
          ? 'residualAtNeutral'
          : 'costPerTonne';
    const i = cellIndex(key(name));
    return (v) => v[i] as Scalar;
  });
  const gapOf =
    bana < 0
      ? null
      : (() => {
          const p = cellIndex(key('projectedAtTarget'));
          const t = cellIndex(key('targetLevel'));
          return (v: Scalar[]) => difference(v[p] as Scalar, v[t] as Scalar);
        })();

  const compiled =
    request.compiled === false
      ? ({ ok: false, reason: 'the compiled evaluator is switched off' } as const)
      : compileWorkbook(workbook, inputs, cells, reference.constant);
  let referencePoints = 0;
  const rows: Scalar[][] = new Array(points.length);
  if (compiled.ok) {
    const columns = inputs.map((_, k) => Float64Array.from(points, (p) => p[k] as number));
    const values = compiled.program.run(columns, points.length);
    for (let i = 0; i < points.length; i++) {
      const row = values.map((v) => shown(sampleAt(v, i)));
      if (row.every((v) => typeof v === 'number')) rows[i] = row;
      else {
        // An error or text: HyperFormula decides this point (it has the exact error and text rules).
        referencePoints++;
        rows[i] = reference.evaluate(inputs, points[i] as number[], cells);
      }
    }
  } else {
    for (let i = 0; i < points.length; i++)
      rows[i] = reference.evaluate(inputs, points[i] as number[], cells);
  }
  return {
    values: rows.map((row) => readers.map((read) => read(row))),
    met: rows.map((row) => {
      const gap = gapOf?.(row);
      return typeof gap === 'number' ? gap <= 0 : null;
    }),
    engine: compiled.ok ? 'compiled' : 'hyperformula',
    ...(compiled.ok ? {} : { fallbackReason: compiled.reason }),
    referencePoints,
    ms: performance.now() - started,
  };
}

/** A number as HyperFormula shows it (10 significant digits), so both engines answer the same. */
function shown(v: Scalar): Scalar {
  return typeof v === 'number' ? roundLikeHyperFormula(v) : v;
}

/** a − b when both are numbers; otherwise whichever is not a number (an error stays an error). */
function difference(a: Scalar, b: Scalar): Scalar {
  if (typeof a !== 'number') return a;
  if (typeof b !== 'number') return b;
  return roundLikeHyperFormula(a - b);
}

const ERROR_CODES: Record<ErrorKind, ErrorCode> = {
  DIV_BY_ZERO: '#DIV/0!',
  VALUE: '#VALUE!',
  NUM: '#NUM!',
  NA: '#N/A',
  REF: '#REF!',
  NAME: '#NAME?',
  CYCLE: '#CYCLE!',
  UNSUPPORTED: '#ERROR!',
};

/** An error as a spreadsheet shows it (#DIV/0!, #N/A …). */
export function errorCodeOf(kind: ErrorKind): ErrorCode {
  return ERROR_CODES[kind];
}
