// Evaluates one formula tree over all samples at once: each operator and function runs a tight loop
// over Float64Arrays when every operand is a plain number, and HyperFormula's scalar rules otherwise.
import { type FormulaNode, UnsupportedFormulaError } from './parse';
import {
  type ComparisonOperator,
  type ErrorValue,
  type Scalar,
  addWithEpsilon,
  compareValues,
  comparisonHolds,
  errorOf,
  finishNumber,
  floatCompare,
  indexOffset,
  isError,
  matchKey,
  subtractWithEpsilon,
  toBoolean,
  toNumber,
  toText,
} from './values';
import { type Sampled, SampleVector, isVector, plainNumbers, sampleAt, vectorFrom } from './vector';

/** The functions the compiled evaluator implements; anything else goes to the reference engine. */
export const COMPILED_FUNCTIONS: ReadonlySet<string> = new Set([
  'IF',
  'AND',
  'OR',
  'SUM',
  'MAX',
  'MIN',
  'EXP',
  'N',
  'INDEX',
  'MATCH',
  'NA',
]);

/** A rectangle of cells as an argument: its values row-major. */
interface RangeArg {
  height: number;
  width: number;
  items: Sampled[];
  /** Made from a single value (coerceToRange): an error in it is the argument's error. */
  scalar?: true;
}

/** What the evaluator needs from the workbook around a formula. */
export interface EvaluationContext {
  /** Number of samples. */
  n: number;
  /** A cell's value: sampled, or folded to one value. */
  cell(sheet: number, row: number, col: number): Sampled;
  /** A workbook name's definition: a tree (a reference or formula) or a constant. */
  name(name: string): FormulaNode | Scalar | undefined;
}

type Value = Sampled | RangeArg;

function isRange(v: Value): v is RangeArg {
  return typeof v === 'object' && v !== null && 'items' in v;
}

/** Evaluate a cell's formula: a range result of one cell is that cell; a larger one is unsupported. */
export function evaluateFormula(node: FormulaNode, ctx: EvaluationContext): Sampled {
  return scalarOf(evaluate(node, ctx));
}

function scalarOf(v: Value): Sampled {
  if (!isRange(v)) return v;
  if (v.height === 1 && v.width === 1) return v.items[0] as Sampled;
  // Implicit intersection of a range used as a scalar: HyperFormula's rules are not reproduced here.
  throw new UnsupportedFormulaError('A range used as a single value');
}

function evaluate(node: FormulaNode, ctx: EvaluationContext): Value {
  switch (node.kind) {
    case 'number':
      return finishNumber(node.value);
    case 'text':
      return node.value;
    case 'error':
      return errorOf(node.value);
    case 'cell':
      return ctx.cell(node.sheet, node.row, node.col);
    case 'range': {
      const items: Sampled[] = [];
      for (let r = node.row; r <= node.rowEnd; r++) {
        for (let c = node.col; c <= node.colEnd; c++) items.push(ctx.cell(node.sheet, r, c));
      }
      return { height: node.rowEnd - node.row + 1, width: node.colEnd - node.col + 1, items };
    }
    case 'name': {
      const def = ctx.name(node.name);
      if (def === undefined) return errorOf('NAME');
      if (typeof def === 'object' && def !== null && 'kind' in def) {
        // A name pointing at one cell evaluates to that cell's value, as HyperFormula does.
        const v = evaluate(def, ctx);
        return isRange(v) && v.height === 1 && v.width === 1 ? (v.items[0] as Sampled) : v;
      }
      return def;
    }
    case 'unary':
      return unary(node.op, scalarOf(evaluate(node.arg, ctx)), ctx.n);
    case 'binary':
      return binary(node.op, scalarOf(evaluate(node.left, ctx)), scalarOf(evaluate(node.right, ctx)), ctx.n);
    case 'call':
      return call(node, ctx);
  }
}

function unary(op: '-' | '+' | '%', v: Sampled, n: number): Sampled {
  if (op === '+') return v;
  const rule = (x: Scalar): Scalar => {
    const a = toNumber(x);
    if (isError(a)) return a;
    return finishNumber(op === '-' ? -a : a / 100);
  };
  if (!isVector(v)) return rule(v);
  const plain = plainNumbers(v, true);
  if (plain instanceof Float64Array) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = op === '-' ? -(plain[i] as number) : (plain[i] as number) / 100;
      out[i] = r === 0 ? 0 : r;
    }
    return new SampleVector(out);
  }
  return vectorFrom(n, (i) => rule(v.at(i)));
}

type BinaryOp = '+' | '-' | '*' | '/' | '^' | '&' | ComparisonOperator;

function arithmetic(op: '+' | '-' | '*' | '/' | '^', a: number, b: number): number {
  switch (op) {
    case '+':
      return addWithEpsilon(a, b);
    case '-':
      return subtractWithEpsilon(a, b);
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '^':
      return a ** b;
  }
}

/** One sample of a binary operator, by HyperFormula's rules (binaryErrorWrapper: left error first). */
function binaryScalar(op: BinaryOp, x: Scalar, y: Scalar): Scalar {
  if (op === '&') {
    const a = toText(x);
    if (isError(a)) return a;
    const b = toText(y);
    return isError(b) ? b : a + b;
  }
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '^') {
    const a = toNumber(x);
    if (isError(a)) return a;
    const b = toNumber(y);
    if (isError(b)) return b;
    if (op === '/' && b === 0) return errorOf('DIV_BY_ZERO');
    return finishNumber(arithmetic(op, a, b));
  }
  if (isError(x)) return x;
  if (isError(y)) return y;
  const sign = compareValues(x, y);
  return isError(sign) ? sign : comparisonHolds(op, sign);
}

function binary(op: BinaryOp, a: Sampled, b: Sampled, n: number): Sampled {
  if (!isVector(a) && !isVector(b)) return binaryScalar(op, a, b);
  if (op === '&') return vectorFrom(n, (i) => binaryScalar(op, sampleAt(a, i), sampleAt(b, i)));
  const comparison = op !== '+' && op !== '-' && op !== '*' && op !== '/' && op !== '^';
  // Booleans take part in arithmetic as 0/1, but compare as booleans: only plain numbers go fast there.
  const pa = plainNumbers(a, !comparison);
  const pb = plainNumbers(b, !comparison);
  if (pa === null || pb === null)
    return vectorFrom(n, (i) => binaryScalar(op, sampleAt(a, i), sampleAt(b, i)));
  const out = new SampleVector(new Float64Array(n), comparison);
  const num = out.num;
  for (let i = 0; i < n; i++) {
    const x = typeof pa === 'number' ? pa : (pa[i] as number);
    const y = typeof pb === 'number' ? pb : (pb[i] as number);
    if (comparison) {
      num[i] = comparisonHolds(op, floatCompare(x, y)) ? 1 : 0;
      continue;
    }
    const r = arithmetic(op, x, y);
    if (r - r === 0) num[i] = r === 0 ? 0 : r;
    else out.setOther(i, binaryScalar(op, x, y));
  }
  return out;
}

function call(node: Extract<FormulaNode, { kind: 'call' }>, ctx: EvaluationContext): Value {
  const { name, args } = node;
  if (args.some((a) => a === null)) throw new UnsupportedFormulaError(`An empty argument to ${name}`);
  const nodes = args as FormulaNode[];
  const arity = (min: number, max: number) => {
    if (nodes.length < min || nodes.length > max)
      throw new UnsupportedFormulaError(`${name} with ${nodes.length} arguments`);
  };
  const scalarArg = (k: number): Sampled => scalarOf(evaluate(nodes[k] as FormulaNode, ctx));
  switch (name) {
    case 'IF': {
      arity(2, 3);
      return ifThenElse(scalarArg(0), scalarArg(1), nodes.length > 2 ? scalarArg(2) : false, ctx.n);
    }
    case 'AND':
    case 'OR': {
      arity(1, 255);
      const values = nodes.map((_, k) => scalarArg(k));
      return logical(name, values, ctx.n);
    }
    case 'SUM':
    case 'MAX':
    case 'MIN': {
      arity(1, 255);
      return aggregate(name, nodes, ctx);
    }
    case 'EXP': {
      arity(1, 1);
      return map1(scalarArg(0), ctx.n, (x) => {
        const a = toNumber(x);
        return isError(a) ? a : finishNumber(Math.exp(a));
      });
    }
    case 'NA': {
      // The templates' choice cells give #N/A for a value outside their list.
      arity(0, 0);
      return errorOf('NA');
    }
    case 'N': {
      arity(1, 1);
      const v = evaluate(nodes[0] as FormulaNode, ctx);
      const first = isRange(v) ? (v.items[0] as Sampled) : v;
      return map1(first, ctx.n, (x) =>
        isError(x) || typeof x === 'number' ? x : typeof x === 'boolean' ? Number(x) : 0,
      );
    }
    case 'INDEX': {
      arity(2, 3);
      const range = asRange(evaluate(nodes[0] as FormulaNode, ctx));
      const row = scalarArg(1);
      const col = nodes.length > 2 ? scalarArg(2) : 1;
      return index(range, row, col, nodes.length > 2 ? 2 : 1, ctx.n);
    }
    case 'MATCH': {
      arity(3, 3);
      const type = nodes[2] as FormulaNode;
      if (type.kind !== 'number' || type.value !== 0)
        throw new UnsupportedFormulaError('MATCH other than exact (0)');
      return match(scalarArg(0), asRange(evaluate(nodes[1] as FormulaNode, ctx)), ctx.n);
    }
    default:
      throw new UnsupportedFormulaError(`The function ${name}`);
  }
}

function map1(v: Sampled, n: number, rule: (x: Scalar) => Scalar): Sampled {
  return isVector(v) ? vectorFrom(n, (i) => rule(v.at(i))) : rule(v);
}

/** A RANGE argument: a scalar is a one-cell range (coerceToRange). */
function asRange(v: Value): RangeArg {
  return isRange(v) ? v : { height: 1, width: 1, items: [v], scalar: true };
}

/** Sample i's error of a RANGE argument made from a single value, if it is one. */
function rangeError(range: RangeArg, i: number): ErrorValue | null {
  if (!range.scalar) return null;
  const v = sampleAt(range.items[0] as Sampled, i);
  return isError(v) ? v : null;
}

function ifThenElse(cond: Sampled, then: Sampled, otherwise: Sampled, n: number): Sampled {
  const rule = (c: Scalar, a: Scalar, b: Scalar): Scalar => {
    const t = toBoolean(c);
    if (t === undefined) return errorOf('VALUE');
    if (isError(t)) return t;
    return t ? a : b;
  };
  if (!isVector(cond)) {
    const t = toBoolean(cond);
    if (t === undefined) return errorOf('VALUE');
    if (isError(t)) return t;
    return t ? then : otherwise;
  }
  const pc = plainNumbers(cond, true);
  const pa = plainNumbers(then, false);
  const pb = plainNumbers(otherwise, false);
  if (pc instanceof Float64Array && pa !== null && pb !== null) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      out[i] =
        pc[i] !== 0
          ? typeof pa === 'number'
            ? pa
            : (pa[i] as number)
          : typeof pb === 'number'
            ? pb
            : (pb[i] as number);
    }
    return new SampleVector(out);
  }
  return vectorFrom(n, (i) => rule(cond.at(i), sampleAt(then, i), sampleAt(otherwise, i)));
}

function logical(name: 'AND' | 'OR', values: Sampled[], n: number): Sampled {
  const rule = (i: number): Scalar => {
    let any = false;
    let all = true;
    for (const v of values) {
      const b = toBoolean(sampleAt(v, i));
      if (b === undefined) return errorOf('VALUE');
      if (isError(b)) return b;
      any ||= b;
      all &&= b;
    }
    return name === 'OR' ? any : all;
  };
  if (!values.some(isVector)) return rule(0);
  const plain = values.map((v) => plainNumbers(v, true));
  if (plain.every((p) => p !== null)) {
    const out = new SampleVector(new Float64Array(n), true);
    for (let i = 0; i < n; i++) {
      let r = name === 'AND';
      for (const p of plain as (Float64Array | number)[]) {
        const b = (typeof p === 'number' ? p : (p[i] as number)) !== 0;
        if (name === 'OR' ? b : !b) {
          r = b;
          break;
        }
      }
      out.num[i] = r ? 1 : 0;
    }
    return out;
  }
  return vectorFrom(n, rule);
}

/** An argument of SUM/MAX/MIN and how HyperFormula reads it (NumericAggregationPlugin.reduce). */
interface AggregateArg {
  /** 'range': numbers and errors count, the rest is skipped; 'reference': the same for one cell;
   *  'value': coerced to a number first (TRUE is 1, text is #VALUE!). */
  how: 'range' | 'reference' | 'value';
  items: Sampled[];
}

function aggregate(name: 'SUM' | 'MAX' | 'MIN', nodes: FormulaNode[], ctx: EvaluationContext): Sampled {
  const args: AggregateArg[] = nodes.map((node) => {
    if (node.kind === 'range') return { how: 'range', items: asRange(evaluate(node, ctx)).items };
    const v = evaluate(node, ctx);
    if (isRange(v)) throw new UnsupportedFormulaError(`A range from a name or function inside ${name}`);
    return { how: node.kind === 'cell' ? 'reference' : 'value', items: [v] };
  });
  const reduce = name === 'SUM' ? addWithEpsilon : name === 'MAX' ? Math.max : Math.min;
  const initial = name === 'SUM' ? 0 : name === 'MAX' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const finish = (acc: number): Scalar => finishNumber(name === 'SUM' || Number.isFinite(acc) ? acc : 0);
  const rule = (i: number): Scalar => {
    let acc = initial;
    for (const arg of args) {
      if (arg.how === 'range') {
        // A range is folded on its own, then joined to the running total (reducingFunction(val, acc)).
        let part = initial;
        for (const item of arg.items) {
          const x = sampleAt(item, i);
          if (isError(x)) return x;
          if (typeof x === 'number') part = reduce(part, x);
        }
        acc = reduce(part, acc);
        continue;
      }
      const raw = sampleAt(arg.items[0] as Sampled, i);
      const x = arg.how === 'value' ? toNumber(raw) : raw;
      if (isError(x)) return x;
      if (typeof x === 'number') acc = reduce(acc, x);
    }
    return finish(acc);
  };
  const all = args.flatMap((a) => a.items);
  if (!all.some(isVector)) return rule(0);
  // Fast path: every sampled item a plain number, every folded item a number or skipped for good.
  const fast = args.every((a) =>
    a.items.every((v) =>
      isVector(v)
        ? plainNumbers(v, false) !== null
        : typeof v === 'number' || (a.how !== 'value' && !isError(v)),
    ),
  );
  if (!fast) return vectorFrom(ctx.n, rule);
  const out = new Float64Array(ctx.n);
  const parts = args.map((a) => ({
    range: a.how === 'range',
    items: a.items
      .filter((v) => isVector(v) || typeof v === 'number')
      .map((v) => (isVector(v) ? v.num : (v as number))),
  }));
  const result = new SampleVector(out);
  for (let i = 0; i < ctx.n; i++) {
    let acc = initial;
    for (const part of parts) {
      if (part.range) {
        let p = initial;
        for (const item of part.items) p = reduce(p, typeof item === 'number' ? item : (item[i] as number));
        acc = reduce(p, acc);
      } else {
        for (const item of part.items)
          acc = reduce(acc, typeof item === 'number' ? item : (item[i] as number));
      }
    }
    const r = finish(acc);
    if (typeof r === 'number') out[i] = r;
    else result.setOther(i, r);
  }
  return result;
}

function index(range: RangeArg, row: Sampled, col: Sampled, givenIndexes: 1 | 2, n: number): Sampled {
  const offsetOf = (r: Scalar, c: Scalar, i: number): number | ErrorValue => {
    const bad = rangeError(range, i);
    if (bad) return bad;
    const rn = toNumber(r);
    if (isError(rn)) return rn;
    const cn = toNumber(c);
    if (isError(cn)) return cn;
    return indexOffset(range.height, range.width, rn, cn, givenIndexes);
  };
  if (!isVector(row) && !isVector(col) && !(range.scalar && isVector(range.items[0] as Sampled))) {
    const offset = offsetOf(row, col, 0);
    return isError(offset) ? offset : (range.items[offset] as Sampled);
  }
  return vectorFrom(n, (i) => {
    const offset = offsetOf(sampleAt(row, i), sampleAt(col, i), i);
    return isError(offset) ? offset : sampleAt(range.items[offset] as Sampled, i);
  });
}

function match(key: Sampled, range: RangeArg, n: number): Sampled {
  if (range.width > 1 && range.height > 1) return errorOf('NA');
  const find = (k: Scalar, i: number): Scalar => {
    if (isError(k)) return k;
    const bad = rangeError(range, i);
    if (bad) return bad;
    const wanted = matchKey(k === null ? 0 : k);
    for (let j = 0; j < range.items.length; j++) {
      const item = sampleAt(range.items[j] as Sampled, i);
      if (item !== null && !isError(item) && matchKey(item) === wanted) return j + 1;
    }
    return errorOf('NA');
  };
  if (!isVector(key) && !range.items.some(isVector)) return find(key, 0);
  return vectorFrom(n, (i) => find(sampleAt(key, i), i));
}
