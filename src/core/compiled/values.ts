// HyperFormula 3.5's value semantics, one scalar at a time, for the compiled evaluator: smart rounding
// of + and −, comparisons within precisionEpsilon, text compared ignoring case and accents, coercions,
// and INDEX/MATCH as HyperFormula reads them. Each rule names the HyperFormula source it follows.

/** HyperFormula's default `precisionEpsilon` (Config.mjs); `smartRounding` is on by default. */
export const PRECISION_EPSILON = 1e-13;
/** HyperFormula's default `precisionRounding` (Config.mjs): digits kept after the leading one on export. */
export const PRECISION_ROUNDING = 10;

/** HyperFormula's error types, plus UNSUPPORTED: a value this evaluator cannot reproduce (fall back). */
export type ErrorKind = 'DIV_BY_ZERO' | 'VALUE' | 'NUM' | 'NA' | 'REF' | 'NAME' | 'CYCLE' | 'UNSUPPORTED';

export interface ErrorValue {
  error: ErrorKind;
}

/** One cell's value: number, text, boolean, error, or null for an empty cell. */
export type Scalar = number | string | boolean | null | ErrorValue;

const ERRORS = new Map<ErrorKind, ErrorValue>();
/** The shared error value of a kind (errors carry no message here; the reference engine has those). */
export function errorOf(kind: ErrorKind): ErrorValue {
  let e = ERRORS.get(kind);
  if (!e) {
    e = Object.freeze({ error: kind });
    ERRORS.set(kind, e);
  }
  return e;
}

export function isError(v: Scalar): v is ErrorValue {
  return typeof v === 'object' && v !== null;
}

/** ArithmeticHelper.addWithEpsilonRaw: a sum within epsilon of the left operand's size is zero. */
export function addWithEpsilon(left: number, right: number): number {
  const ret = left + right;
  return Math.abs(ret) < PRECISION_EPSILON * Math.abs(left) ? 0 : ret;
}

/** ArithmeticHelper.subtract. */
export function subtractWithEpsilon(left: number, right: number): number {
  const ret = left - right;
  return Math.abs(ret) < PRECISION_EPSILON * Math.abs(left) ? 0 : ret;
}

/** ArithmeticHelper.floatCmp: equal within a relative epsilon. */
export function floatCompare(left: number, right: number): number {
  const mod = 1 + PRECISION_EPSILON;
  if (right >= 0 && left * mod >= right && left <= right * mod) return 0;
  if (right <= 0 && left * mod <= right && left >= right * mod) return 0;
  return left > right ? 1 : -1;
}

/** Interpreter.evaluateAst's post-processing of every number: non-finite is #NUM!, −0 is 0. */
export function finishNumber(x: number): number | ErrorValue {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY)
    return errorOf('NUM');
  return x === 0 ? 0 : x;
}

/** Exporter.cellValueRounding: how HyperFormula rounds every number it hands out. */
export function roundLikeHyperFormula(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const places = 10 ** (PRECISION_ROUNDING - exponent);
  return value < 0 ? -Math.round(-value * places) / places : Math.round(value * places) / places;
}

/**
 * Text HyperFormula might read as a number, a percentage, a currency amount or a date (it tries
 * all of these before giving up): we do not reproduce those parsers, so such text is UNSUPPORTED.
 */
function mightReadAsNumber(text: string): boolean {
  return /[0-9]/.test(text) || (text.trim() === '' && text !== '');
}

/** ArithmeticHelper.coerceScalarToNumberOrError, for the text this evaluator can decide. */
export function toNumber(v: Scalar): number | ErrorValue {
  if (typeof v === 'number') return v;
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    if (v === '') return 0;
    return mightReadAsNumber(v) ? errorOf('UNSUPPORTED') : errorOf('VALUE');
  }
  return v;
}

/** coerceScalarToBoolean; undefined where HyperFormula answers "wrong type" (#VALUE!). */
export function toBoolean(v: Scalar): boolean | ErrorValue | undefined {
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const upper = v.toUpperCase();
    if (upper === 'TRUE') return true;
    if (upper === 'FALSE' || upper === '') return false;
    return undefined;
  }
  return v;
}

/** coerceScalarToString, used by `&`. */
export function toText(v: Scalar): string | ErrorValue {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'number') return v.toString();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

/** forceNormalizeString: lower case, accents dropped (MATCH's exact search and text equality). */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** HyperFormula's default collator (StringHelper.collatorFromConfig): base sensitivity, 'en'. */
const COLLATOR = new Intl.Collator('en', {
  sensitivity: 'base',
  caseFirst: 'lower',
  ignorePunctuation: false,
});

/** CellValueTypeOrd: how values of different types order against each other. */
function typeOrder(v: Scalar): number {
  if (v === null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 3;
  return 4;
}

/**
 * ArithmeticHelper.compare for two non-error values: numbers within epsilon, text by the collator,
 * booleans as 0/1, mixed types by type order. Text that HyperFormula might read as a date is UNSUPPORTED.
 */
export function compareValues(left: Scalar, right: Scalar): number | ErrorValue {
  if (
    (typeof left === 'string' && mightReadAsNumber(left)) ||
    (typeof right === 'string' && mightReadAsNumber(right))
  ) {
    return errorOf('UNSUPPORTED');
  }
  let l = left;
  let r = right;
  if (l === null) l = emptyAs(r);
  else if (r === null) r = emptyAs(l);
  if (typeof l === 'string' && typeof r === 'string') return COLLATOR.compare(l, r);
  if (typeof l === 'boolean' && typeof r === 'boolean') return Number(l) - Number(r);
  if (typeof l === 'number' && typeof r === 'number') return floatCompare(l, r);
  if (l === null && r === null) return 0;
  return Math.sign(typeOrder(l) - typeOrder(r));
}

/** coerceEmptyToValue: an empty cell compares as the other side's zero value. */
function emptyAs(other: Scalar): Scalar {
  if (typeof other === 'string') return '';
  if (typeof other === 'number') return 0;
  if (typeof other === 'boolean') return false;
  return null;
}

export type ComparisonOperator = '=' | '<>' | '<' | '>' | '<=' | '>=';

/** The result of a comparison operator given compare()'s sign. */
export function comparisonHolds(op: ComparisonOperator, sign: number): boolean {
  switch (op) {
    case '=':
      return sign === 0;
    case '<>':
      return sign !== 0;
    case '<':
      return sign < 0;
    case '>':
      return sign > 0;
    case '<=':
      return sign <= 0;
    case '>=':
      return sign >= 0;
  }
}

/**
 * INDEX(range, row, [col]) as the worker's INDEX reads it (workers/functionPlugins.ts, Excel's
 * reading; COMPATIBILITY.md "INDEX exactly"): the element's row-major offset in a height × width
 * range, or an error. Fractional indexes are truncated; with a single index on a one-row range the
 * index counts along the row (INDEX(A1:E1, 3) is C1); an index below 1 is #VALUE!, past the range
 * #NUM!. This is the one place INDEX's rule lives, so a change to the worker's INDEX is mirrored here.
 */
export function indexOffset(
  height: number,
  width: number,
  row: number,
  col: number,
  givenIndexes: 1 | 2,
): number | ErrorValue {
  let r = Math.trunc(row);
  let c = Math.trunc(col);
  if (givenIndexes === 1 && height === 1) {
    c = r;
    r = 1;
  }
  if (c < 1 || r < 1) return errorOf('VALUE');
  if (c > width || r > height) return errorOf('NUM');
  return (r - 1) * width + (c - 1);
}

/**
 * The lookup key for MATCH's exact mode (AdvancedFind.findNormalizedValue): text normalised,
 * numbers and booleans as they are, compared with === (no epsilon, no wildcards: HyperFormula 3.5's
 * MATCH does not use wildcards).
 */
export function matchKey(v: Scalar): string | number | boolean | null {
  if (typeof v === 'string') return `s:${normalizeText(v)}`;
  if (isError(v)) return null;
  return v;
}
