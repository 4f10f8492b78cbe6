// Formulas the engine must not see: HyperFormula builds explicit ranges cell by cell, so
// =SUM(A1:XFD1048576) would take minutes and gigabytes, however the range is written (a range, an
// OFFSET, a range operator, a named expression, whole columns across the sheet). Such a formula is
// refused with a message instead of freezing or killing the worker. Sizes computed while the engine
// runs (SEQUENCE of a cell's value) are refused by functionPlugins.ts with the same message.
import { isFormula, type RawCell } from '../src/core/document';
import { extractReferences, type FormulaToken, tokenizeFormula } from '../src/core/formula';

/** The largest explicit range the engine accepts (about 2 s and 150 MB in HyperFormula 3.5). */
export const MAX_RANGE_CELLS_IN_FORMULA = 200_000;
/** Whole columns (A:C) are handled lazily, but each costs about 1 ms even on an empty sheet. */
export const MAX_WHOLE_COLUMNS = 1_000;
/** Whole rows (2:5) likewise cost about 0.1 ms each. */
export const MAX_WHOLE_ROWS = 10_000;

/** The one message for a range too large, whichever way it was built. */
export function tooLargeMessage(text: string, cells: number): string {
  const n = (x: number) => x.toLocaleString('en');
  return `The range ${text} has ${n(cells)} cells; formulas may use ranges of up to ${n(MAX_RANGE_CELLS_IN_FORMULA)} cells, whole columns such as A:C (up to ${n(MAX_WHOLE_COLUMNS)}) or whole rows such as 2:5 (up to ${n(MAX_WHOLE_ROWS)}).`;
}

interface Box {
  row: number;
  col: number;
  rowEnd: number;
  colEnd: number;
  /** A whole-column (A:C) or whole-row (2:5) reference as written. */
  whole?: 'columns' | 'rows';
  /** The formula text it came from, for the message. */
  start: number;
  end: number;
}

const cellsOf = (b: Box) => (b.rowEnd - b.row + 1) * (b.colEnd - b.col + 1);

function tooLarge(b: Box): boolean {
  if (b.whole === 'columns') return b.colEnd - b.col + 1 > MAX_WHOLE_COLUMNS;
  if (b.whole === 'rows') return b.rowEnd - b.row + 1 > MAX_WHOLE_ROWS;
  return cellsOf(b) > MAX_RANGE_CELLS_IN_FORMULA;
}

/**
 * The cells OFFSET(cell, rows, cols, [height], [width]) names when its arguments are written as
 * numbers, which is the only form HyperFormula accepts (it turns it into a range while parsing).
 * `at` is the index of the token after OFFSET's "(".
 */
function offsetBox(tokens: FormulaToken[], at: number, refs: Map<number, Box>): Box | null {
  const cell = tokens[at];
  const ref = cell && refs.get(cell.start);
  if (!ref || ref.whole) return null;
  const numbers: number[] = [];
  let i = at + 1;
  while (tokens[i]?.text === ',' || tokens[i]?.text === ';') {
    let sign = 1;
    i++;
    if (tokens[i]?.text === '-' || tokens[i]?.text === '+') sign = tokens[i++]?.text === '-' ? -1 : 1;
    const number = tokens[i];
    if (number?.kind !== 'number') return null;
    numbers.push(sign * Number(number.text));
    i++;
  }
  const closing = tokens[i];
  if (closing?.text !== ')' || numbers.length < 2) return null;
  const [dRow = 0, dCol = 0, height = 1, width = 1] = numbers;
  const row = ref.row + dRow;
  const col = ref.col + dCol;
  return {
    row,
    col,
    rowEnd: row + height - 1,
    colEnd: col + width - 1,
    start: tokens[at - 2]?.start ?? 0,
    end: closing.end,
  };
}

/** Why a raw cell must not reach the engine, or null. */
export function refusal(raw: RawCell): string | null {
  // Only a range (":") or an OFFSET can be too large; most formulas skip the lexer entirely.
  if (!isFormula(raw) || !(raw.includes(':') || /offset/i.test(raw))) return null;
  const refs = new Map<number, Box>();
  for (const ref of extractReferences(raw)) {
    const text = raw.slice(ref.start, ref.end).replace(/^.*!/, '');
    const whole = /^\$?[A-Za-z]+:\$?[A-Za-z]+$/.test(text)
      ? 'columns'
      : /^\$?\d+:\$?\d+$/.test(text)
        ? 'rows'
        : undefined;
    refs.set(ref.start, { ...ref, ...(whole ? { whole } : {}) });
  }
  // Each operand (a reference or a static OFFSET), and the span of each range operator between two.
  const tokens = tokenizeFormula(raw).filter((t) => t.kind !== 'whitespace');
  const operands: { box: Box; index: number; last: number }[] = [];
  tokens.forEach((t, i) => {
    const ref = refs.get(t.start);
    if (t.kind === 'reference' && ref) operands.push({ box: ref, index: i, last: i });
    if (t.kind === 'function' && t.text.toUpperCase() === 'OFFSET' && tokens[i + 1]?.text === '(') {
      const box = offsetBox(tokens, i + 2, refs);
      if (box) operands.push({ box, index: i, last: tokens.findIndex((x) => x.end === box.end) });
    }
  });
  const boxes = operands.map((o) => o.box);
  operands.forEach((left, k) => {
    const right = operands[k + 1];
    if (right && tokens[left.last + 1]?.text === ':' && right.index === left.last + 2) {
      const a = left.box;
      const b = right.box;
      boxes.push({
        row: Math.min(a.row, b.row),
        col: Math.min(a.col, b.col),
        rowEnd: Math.max(a.rowEnd, b.rowEnd),
        colEnd: Math.max(a.colEnd, b.colEnd),
        start: a.start,
        end: b.end,
      });
    }
  });
  const huge = boxes.find(tooLarge);
  if (!huge) return null;
  const text = raw.slice(huge.start, huge.end).replace(/^[^(]*!/, '');
  return tooLargeMessage(text, cellsOf(huge));
}

/** Why a named expression must not reach the engine, or null: the same rules as for a formula. */
export function nameRefusal(name: string, expression: RawCell): string | null {
  const why = refusal(expression);
  return why && `The name ${name} is not used: ${why}`;
}
