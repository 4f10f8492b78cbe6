// Formulas to syntax trees for the compiled evaluator, on the app's own lexer (core/formula.ts), with
// HyperFormula's grammar and precedence: comparison < & < + − < * / < ^ (left to right) < unary < %.
import { MAX_COLS, MAX_ROWS } from '../address';
import { extractReferences, tokenizeFormula } from '../formula';
import type { ComparisonOperator, ErrorKind } from './values';

export type FormulaNode =
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'error'; value: ErrorKind }
  | { kind: 'cell'; sheet: number; row: number; col: number }
  | { kind: 'range'; sheet: number; row: number; col: number; rowEnd: number; colEnd: number }
  | { kind: 'name'; name: string }
  | { kind: 'unary'; op: '-' | '+' | '%'; arg: FormulaNode }
  | {
      kind: 'binary';
      op: '+' | '-' | '*' | '/' | '^' | '&' | ComparisonOperator;
      left: FormulaNode;
      right: FormulaNode;
    }
  /** A null argument is a syntactically empty one, as in IF(A1,,2). */
  | { kind: 'call'; name: string; args: (FormulaNode | null)[] };

/** Thrown for a formula the compiled evaluator does not take; the reference engine evaluates it. */
export class UnsupportedFormulaError extends Error {
  override name = 'UnsupportedFormulaError';
}

interface Token {
  kind: string;
  text: string;
  start: number;
}

const ERROR_LITERALS: Record<string, ErrorKind> = {
  '#DIV/0!': 'DIV_BY_ZERO',
  '#VALUE!': 'VALUE',
  '#NUM!': 'NUM',
  '#N/A': 'NA',
  '#REF!': 'REF',
  '#NAME?': 'NAME',
};
const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>=']);

/**
 * Parse a formula (starting with "=") written on sheet `ownSheet`. `sheetIndex` maps a sheet name
 * (any case) to its index, or -1 for an unknown sheet.
 * @throws UnsupportedFormulaError for syntax the compiled evaluator does not handle (arrays, whole
 * columns, unknown sheets, TRUE/FALSE literals, anything malformed).
 */
export function parseFormula(
  formula: string,
  ownSheet: number,
  sheetIndex: (name: string) => number,
): FormulaNode {
  const refs = new Map(extractReferences(formula).map((r) => [r.start, r]));
  const tokens: Token[] = tokenizeFormula(formula).filter((t) => t.kind !== 'whitespace');
  let pos = 0;
  const fail = (why: string): never => {
    throw new UnsupportedFormulaError(`${why} in ${formula}`);
  };
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (text: string): boolean => {
    const t = tokens[pos];
    return t !== undefined && t.kind === 'operator' && t.text === text;
  };

  function comparison(): FormulaNode {
    let left = concatenation();
    for (let t = peek(); t?.kind === 'operator' && COMPARISONS.has(t.text); t = peek()) {
      pos++;
      left = { kind: 'binary', op: t.text as ComparisonOperator, left, right: concatenation() };
    }
    return left;
  }
  function concatenation(): FormulaNode {
    let left = additive();
    while (isOp('&')) {
      pos++;
      left = { kind: 'binary', op: '&', left, right: additive() };
    }
    return left;
  }
  function additive(): FormulaNode {
    let left = multiplicative();
    for (let t = peek(); t?.kind === 'operator' && (t.text === '+' || t.text === '-'); t = peek()) {
      pos++;
      left = { kind: 'binary', op: t.text as '+' | '-', left, right: multiplicative() };
    }
    return left;
  }
  function multiplicative(): FormulaNode {
    let left = power();
    for (let t = peek(); t?.kind === 'operator' && (t.text === '*' || t.text === '/'); t = peek()) {
      pos++;
      left = { kind: 'binary', op: t.text as '*' | '/', left, right: power() };
    }
    return left;
  }
  function power(): FormulaNode {
    let left = unary();
    while (isOp('^')) {
      pos++;
      left = { kind: 'binary', op: '^', left, right: unary() };
    }
    return left;
  }
  function unary(): FormulaNode {
    const t = peek();
    if (t?.kind === 'operator' && (t.text === '-' || t.text === '+')) {
      pos++;
      return { kind: 'unary', op: t.text as '-' | '+', arg: unary() };
    }
    let node = primary();
    while (isOp('%')) {
      pos++;
      node = { kind: 'unary', op: '%', arg: node };
    }
    return node;
  }
  function primary(): FormulaNode {
    const t = tokens[pos++];
    if (!t) return fail('Unexpected end');
    switch (t.kind) {
      case 'number':
        // HyperFormula 3.5 refuses "1E-14" (a parse error), so exponents are left to it.
        if (/e/i.test(t.text)) return fail('A number with an exponent');
        return { kind: 'number', value: Number(t.text) };
      case 'string':
        if (!t.text.endsWith('"') || t.text.length < 2) return fail('Unterminated text');
        return { kind: 'text', value: t.text.slice(1, -1).replaceAll('""', '"') };
      case 'error': {
        const value = ERROR_LITERALS[t.text.toUpperCase()];
        return value ? { kind: 'error', value } : fail(`Error literal ${t.text}`);
      }
      case 'reference':
        return reference(t);
      case 'name':
        return { kind: 'name', name: t.text };
      case 'function':
        return call(t.text.toUpperCase());
      case 'paren': {
        if (t.text !== '(') return fail('Unexpected ")"');
        const inner = comparison();
        if (tokens[pos++]?.text !== ')') return fail('Missing ")"');
        return inner;
      }
      default:
        return fail(`Unsupported ${t.kind} "${t.text}"`);
    }
  }
  function reference(t: Token): FormulaNode {
    const ref = refs.get(t.start);
    if (!ref) return fail('Unreadable reference');
    if (ref.rowEnd - ref.row + 1 >= MAX_ROWS || ref.colEnd - ref.col + 1 >= MAX_COLS) {
      return fail('Whole-column or whole-row range');
    }
    const sheet = ref.sheet === undefined ? ownSheet : sheetIndex(ref.sheet);
    if (sheet < 0) return fail(`Unknown sheet ${ref.sheet}`);
    // A range written across two sheets ("A!B1:C!D2") is #REF! in HyperFormula; leave it to it.
    if (/!.*:.*!/.test(t.text)) return fail('Range across sheets');
    const single = ref.row === ref.rowEnd && ref.col === ref.colEnd && !t.text.includes(':');
    return single
      ? { kind: 'cell', sheet, row: ref.row, col: ref.col }
      : { kind: 'range', sheet, row: ref.row, col: ref.col, rowEnd: ref.rowEnd, colEnd: ref.colEnd };
  }
  function call(name: string): FormulaNode {
    if (tokens[pos++]?.text !== '(') return fail('Missing "("');
    const args: (FormulaNode | null)[] = [];
    if (peek()?.text === ')') {
      pos++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      const t = peek();
      args.push(t?.kind === 'separator' || t?.text === ')' ? null : comparison());
      const next = tokens[pos++];
      if (next?.text === ')') return { kind: 'call', name, args };
      if (next?.kind !== 'separator' || next.text !== ',') return fail('Expected "," or ")"');
    }
  }

  if (tokens[0]?.kind !== 'operator' || tokens[0].text !== '=') fail('Not a formula');
  pos = 1;
  const tree = comparison();
  if (pos !== tokens.length) fail(`Unexpected "${tokens[pos]?.text}"`);
  return tree;
}
