// Goal seek ("Reach the target"): the values of one input cell between low and high that reach a
// goal, by a coarse scan and Brent's method in each bracket. Evaluates with the compiled evaluator
// where it compiles, else (and for any sample it cannot reproduce) with the reference engine passed in.
import { type CellAddress, type CompilableWorkbook, compileWorkbook } from '../compiled/compile';
import {
  MonteCarloInputError,
  type ReferenceEngine,
  keyFigureRow,
  sheetIndexOf,
} from '../compiled/monteCarlo';
import type { Scalar } from '../compiled/values';
import { isVector, sampleAt } from '../compiled/vector';
import { TRAJECTORY_SHEET } from '../scenario/layout';
import { brent } from './brent';

/** What to reach: the target-year target met (gap ≤ 0), the neutral-year residual at zero, or a cell equal to a value. */
export type Goal =
  | { kind: 'target2030' }
  | { kind: 'neutral2035' }
  | { kind: 'cell'; sheet: string; row: number; col: number; value: number };

export interface GoalSeekRequest {
  /** The cell varied (sheet by id or name). */
  input: { sheet: string; row: number; col: number };
  low: number;
  high: number;
  goal: Goal;
  /** Points of the coarse scan, low and high included (default 101). */
  scanPoints?: number;
  /** False evaluates every point with the reference engine. */
  compiled?: boolean;
}

/** A point: the input's value and the goal's quantity there (the gap, the residual or the cell's value). */
export interface GoalPoint {
  input: number;
  value: number;
}

export type GoalSeekAnswer =
  /** Every value found where the goal is just reached (for target and residual: where met turns to not met). */
  | { kind: 'solutions'; solutions: GoalPoint[] }
  /** The goal's quantity does not change with the input. */
  | { kind: 'independent'; value: number; met: boolean; why: 'no formula path' | 'constant' }
  /** Met at every value between low and high (target and residual goals). */
  | { kind: 'everywhere'; best: GoalPoint }
  /** Never reached: the point closest to it. */
  | { kind: 'unreachable'; best: GoalPoint };

export type GoalSeekResult = GoalSeekAnswer & {
  engine: 'compiled' | 'hyperformula';
  fallbackReason?: string;
  evaluations: number;
  ms: number;
};

/**
 * Seek the input values between low and high that reach the goal.
 * @throws MonteCarloInputError for an unknown sheet, a bad range, or a goal that gives no number anywhere.
 * @example goalSeek(workbook, reference, { input: { sheet: 'Drivmedel', row: 12, col: 1 }, low: 0, high: 1, goal: { kind: 'target2030' } })
 */
export function goalSeek(
  workbook: CompilableWorkbook,
  reference: ReferenceEngine,
  request: GoalSeekRequest,
): GoalSeekResult {
  const started = performance.now();
  const { low, high, goal } = request;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high))
    throw new MonteCarloInputError('low and high must be numbers with low below high');
  const input: CellAddress = { ...request.input, sheet: sheetIndexOf(workbook, request.input.sheet) };
  const outputs = goalCells(workbook, goal);
  const quantity = (v: Scalar[]): number => {
    const [a, b] = v;
    if (typeof a !== 'number') return Number.NaN;
    if (goal.kind === 'target2030') return typeof b === 'number' ? a - b : Number.NaN;
    return goal.kind === 'cell' ? a - goal.value : a;
  };
  // Target and residual are "at most": met when the quantity is ≤ 0. A cell is "equal to".
  const atMost = goal.kind !== 'cell';
  const reported = (f: number) => (goal.kind === 'cell' ? f + goal.value : f);

  const compiled =
    request.compiled === false
      ? ({ ok: false, reason: 'the compiled evaluator is switched off' } as const)
      : compileWorkbook(workbook, [input], outputs, reference.constant);
  let evaluations = 0;
  const evaluate = (xs: number[]): { f: number[]; dependent: boolean } => {
    evaluations += xs.length;
    if (!compiled.ok) {
      return { f: xs.map((x) => quantity(reference.evaluate([input], [x], outputs))), dependent: true };
    }
    const values = compiled.program.run([Float64Array.from(xs)], xs.length);
    const f = xs.map((x, i) => {
      const v = quantity(values.map((o) => sampleAt(o, i)));
      // An error or text where a number was expected: the reference engine decides this point.
      return Number.isNaN(v) ? quantity(reference.evaluate([input], [x], outputs)) : v;
    });
    return { f, dependent: values.some(isVector) };
  };
  const one = (x: number) => evaluate([x]).f[0] as number;

  const n = Math.max(3, Math.floor(request.scanPoints ?? 101));
  const xs = Array.from({ length: n }, (_, i) => (i === n - 1 ? high : low + ((high - low) * i) / (n - 1)));
  const scan = evaluate(xs);
  const fs = scan.f;
  const numbered = fs.map((f, i) => ({ input: xs[i] as number, f })).filter((p) => !Number.isNaN(p.f));
  if (numbered.length === 0)
    throw new MonteCarloInputError('the goal gives no number anywhere between low and high');
  const finish = (answer: GoalSeekAnswer): GoalSeekResult => ({
    ...answer,
    engine: compiled.ok ? 'compiled' : 'hyperformula',
    ...(compiled.ok ? {} : { fallbackReason: compiled.reason }),
    evaluations,
    ms: performance.now() - started,
  });
  const met = (f: number) => (atMost ? f <= 0 : f === 0);
  const first = numbered[0] as { input: number; f: number };
  const constant = numbered.every((p) => p.f === first.f);
  if (!scan.dependent || constant) {
    return finish({
      kind: 'independent',
      value: reported(first.f),
      met: met(first.f),
      why: scan.dependent ? 'constant' : 'no formula path',
    });
  }
  const best = numbered.reduce((a, b) => (score(b.f) < score(a.f) ? b : a));
  function score(f: number) {
    return atMost ? f : Math.abs(f);
  }
  const bestPoint = { input: best.input, value: reported(best.f) };
  if (atMost && numbered.every((p) => met(p.f))) return finish({ kind: 'everywhere', best: bestPoint });

  // "At most" goals: a quantity clipped at 0 (the residual) never changes sign, so met points count
  // as just below zero and Brent finds where met turns to not met.
  const signed = (f: number) => (atMost && f <= 0 ? Math.min(f, -Number.MIN_VALUE) : f);
  const solutions: GoalPoint[] = [];
  const tolerance = (high - low) * 1e-10;
  for (let i = 0; i < n; i++) {
    const fa = fs[i] as number;
    if (!atMost && fa === 0) solutions.push({ input: xs[i] as number, value: reported(fa) });
    if (i === n - 1) continue;
    const fb = fs[i + 1] as number;
    if (Number.isNaN(fa) || Number.isNaN(fb)) continue;
    // An exact zero of an equality goal is a solution itself; an at-most zero is met (signed below).
    if (!atMost && (fa === 0 || fb === 0)) continue;
    const sa = signed(fa);
    const sb = signed(fb);
    if (sa > 0 === sb > 0) continue;
    const root = brent((x) => signed(one(x)), xs[i] as number, xs[i + 1] as number, {
      fa: sa,
      fb: sb,
      xTolerance: tolerance,
    });
    if (!root) continue;
    // For at-most goals answer the met side of the boundary, so the value given does meet the goal.
    const x = atMost && root.fx > 0 ? root.other : root.x;
    solutions.push({ input: x, value: reported(one(x)) });
  }
  if (solutions.length === 0) return finish({ kind: 'unreachable', best: bestPoint });
  return finish({ kind: 'solutions', solutions });
}

/** The cells a goal reads: projected and target level in the target year, the residual, or the cell. */
function goalCells(workbook: CompilableWorkbook, goal: Goal): CellAddress[] {
  if (goal.kind === 'cell') {
    if (!Number.isFinite(goal.value)) throw new MonteCarloInputError('the goal value must be a number');
    return [{ sheet: sheetIndexOf(workbook, goal.sheet), row: goal.row, col: goal.col }];
  }
  const bana = sheetIndexOf(workbook, TRAJECTORY_SHEET);
  if (goal.kind === 'target2030') {
    return [
      { sheet: bana, row: keyFigureRow('projectedAtTarget'), col: 1 },
      { sheet: bana, row: keyFigureRow('targetLevel'), col: 1 },
    ];
  }
  return [{ sheet: bana, row: keyFigureRow('residualAtNeutral'), col: 1 }];
}
