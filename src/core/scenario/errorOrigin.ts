// Why a scenario's result cannot be computed, and where that starts: a parameter holding what it
// cannot (a choice outside its list, text where a number belongs), or the first error up the chain.
import { formatAddress, quoteSheetName } from '../address';
import { type ScenarioDocument, type SheetId, findSheetByName, isFormula } from '../document';
import { BASELINE_SHEET } from './layout';
import { type Parameter, type ValueProblem, checkValue, parameterAt, sheetParameters } from './parameters';
import { type ScenarioResult, withoutProjection } from './result';
import { measureSlots } from './scenario';

/** A cell as the engine's error trace gives it (workers/contract.ts TracedCell). */
interface TracedCell {
  sheetId: SheetId;
  sheet: string;
  row: number;
  col: number;
  value: number | string | boolean | null | { error: string; message: string };
  formula: boolean;
}

/** The engine's trace of the errors in a scenario's named ranges (workers/contract.ts ErrorTrace). */
export interface ErrorTraceLike {
  starts: TracedCell[];
  errors: TracedCell[];
  texts: TracedCell[];
}

export type OriginReason =
  | { kind: 'value'; problem: ValueProblem }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'text'; value: string };

/** The cell where a result's trouble starts, and why. */
export interface ErrorOrigin {
  sheetId: SheetId;
  sheet: string;
  row: number;
  col: number;
  /** `Drivmedel!B11` */
  address: string;
  reason: OriginReason;
}

function addressOf(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${formatAddress(row, col)}`;
}

/** The parameters a scenario's result reads: the baseline's, then each wired measure's, in slot order. */
export function scenarioParameters(doc: ScenarioDocument): Parameter[] {
  const baseline = findSheetByName(doc, BASELINE_SHEET);
  const measures = measureSlots(doc).flatMap((s) => (s.sheet ? [s.sheet] : []));
  return [...(baseline ? [baseline] : []), ...measures].flatMap(sheetParameters);
}

/** Parameters whose typed value (not a formula) is one they cannot hold. */
export function parameterOrigins(params: readonly Parameter[]): ErrorOrigin[] {
  const out: ErrorOrigin[] = [];
  for (const p of params) {
    if (isFormula(p.value) || typeof p.value === 'boolean') continue;
    const { problem } = checkValue(p, p.value);
    if (problem) out.push(valueOrigin(p, problem));
  }
  return out;
}

/** The origin "this parameter holds what it cannot" (a value off its list, text where a number belongs). */
export function valueOrigin(
  p: Parameter,
  problem: NonNullable<ReturnType<typeof checkValue>['problem']>,
): ErrorOrigin {
  return {
    sheetId: p.sheetId,
    sheet: p.sheet,
    row: p.row,
    col: p.col,
    address: p.address,
    reason: { kind: 'value', problem },
  };
}

/**
 * The origins an engine trace points at: parameters on the way that hold what they cannot; failing
 * that, the first errors up the chain; failing that, text where the result wants numbers.
 */
export function traceOrigins(trace: ErrorTraceLike, params: readonly Parameter[]): ErrorOrigin[] {
  const origin = (c: TracedCell, reason: OriginReason): ErrorOrigin => ({
    sheetId: c.sheetId,
    sheet: c.sheet,
    row: c.row,
    col: c.col,
    address: addressOf(c.sheet, c.row, c.col),
    reason,
  });
  const fromParams: ErrorOrigin[] = [];
  for (const c of trace.texts) {
    const p = parameterAt(params, c.sheetId, c.row, c.col);
    const problem = p && checkValue(p, c.value).problem;
    if (problem) fromParams.push(origin(c, { kind: 'value', problem }));
  }
  if (fromParams.length > 0) return fromParams;
  const errors = trace.errors.flatMap((c) =>
    typeof c.value === 'object' && c.value !== null
      ? [origin(c, { kind: 'error', code: c.value.error, message: c.value.message })]
      : [],
  );
  if (errors.length > 0) return errors;
  return trace.starts.flatMap((c) =>
    typeof c.value === 'string' ? [origin(c, { kind: 'text', value: c.value })] : [],
  );
}

function reasonKey(r: OriginReason): string {
  return r.kind === 'error' ? `error:${r.code}` : r.kind === 'value' ? `value:${r.problem.kind}` : 'text';
}

/**
 * Every origin once, in the order found; the same error along one row (a deleted measure sheet
 * breaks every year of its slot) is one origin over a range, `Bana!C7:AI7`, that selects its first cell.
 */
export function mergeOrigins(...lists: ErrorOrigin[][]): ErrorOrigin[] {
  const seen = new Set<string>();
  const rows = new Map<string, { origin: ErrorOrigin; lastCol: number }>();
  const out: ErrorOrigin[] = [];
  for (const o of lists.flat()) {
    const key = `${o.sheetId}:${o.row}:${o.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rowKey = `${o.sheetId}:${o.row}:${reasonKey(o.reason)}`;
    const run = rows.get(rowKey);
    if (run) {
      run.lastCol = Math.max(run.lastCol, o.col);
      run.origin.address = `${addressOf(o.sheet, o.row, run.origin.col)}:${formatAddress(o.row, run.lastCol)}`;
      continue;
    }
    const copy = { ...o };
    rows.set(rowKey, { origin: copy, lastCol: o.col });
    out.push(copy);
  }
  return out;
}

/** A scenario's result with what stops it: computable only when nothing does. */
export interface ScenarioCheck {
  result: ScenarioResult;
  computable: boolean;
  /** Where the trouble starts; empty while an error's trace is still on its way. */
  origins: ErrorOrigin[];
}

/**
 * Check a result against the parameters it reads and the engine's trace of its errors (null when
 * none was asked for). A parameter typed wrong stops the result even where no formula errs.
 */
export function checkScenario(
  result: ScenarioResult,
  params: readonly Parameter[],
  trace: ErrorTraceLike | null,
): ScenarioCheck {
  const origins = mergeOrigins(parameterOrigins(params), trace ? traceOrigins(trace, params) : []);
  const computable = result.broken.length === 0 && origins.length === 0;
  return {
    result: computable || result.broken.length > 0 ? result : withoutProjection(result),
    computable,
    origins,
  };
}
