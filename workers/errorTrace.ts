// Where an error starts: from the cells of named ranges that hold an error or text, walk up the
// precedents (the references in each formula, and the cells named expressions point at) to the
// first errors, collecting the text values met on the way. Plain data out.
import type { HyperFormula, SimpleCellAddress } from 'hyperformula';
import type { SheetId } from '../src/core/document';
import { extractReferences, tokenizeFormula } from '../src/core/formula';
import type { CellValue } from '../src/core/values';
import type { ErrorTrace, TracedCell } from './contract';

/** The walk stops after this many cells, so a huge workbook cannot stall the engine. */
export const MAX_TRACED_CELLS = 20_000;

type ToPlain = (value: ReturnType<HyperFormula['getCellValue']>) => CellValue;

function isError(v: CellValue): boolean {
  return typeof v === 'object' && v !== null;
}

function isText(v: CellValue): boolean {
  return typeof v === 'string' && v !== '';
}

/**
 * Trace the errors in the named ranges `names` (ranges whose cells should all be numbers or empty).
 * `sheetIdOf` maps HyperFormula's sheet numbers to ours; sheets it does not know (deleted) are skipped.
 */
export function traceErrors(
  hf: HyperFormula,
  names: string[],
  sheetIdOf: (hfSheet: number) => SheetId | undefined,
  toPlain: ToPlain,
): ErrorTrace {
  const errors: TracedCell[] = [];
  const texts: TracedCell[] = [];
  const starts: TracedCell[] = [];
  const seen = new Set<string>();
  const values = new Map<string, CellValue>();
  const keyOf = (a: SimpleCellAddress) => `${a.sheet}:${a.row}:${a.col}`;
  const valueAt = (a: SimpleCellAddress) => {
    const k = keyOf(a);
    let v = values.get(k);
    if (v === undefined) {
      v = toPlain(hf.getCellValue(a));
      values.set(k, v);
    }
    return v;
  };
  const traced = (a: SimpleCellAddress): TracedCell | null => {
    const sheetId = sheetIdOf(a.sheet);
    const sheet = hf.getSheetName(a.sheet);
    if (!sheetId || sheet === undefined) return null;
    return { sheetId, sheet, row: a.row, col: a.col, value: valueAt(a), formula: hf.doesCellHaveFormula(a) };
  };
  const cellsOf = (start: SimpleCellAddress, end: SimpleCellAddress): SimpleCellAddress[] => {
    const out: SimpleCellAddress[] = [];
    for (let row = start.row; row <= end.row && out.length < MAX_TRACED_CELLS; row++)
      for (let col = start.col; col <= end.col; col++) out.push({ sheet: start.sheet, row, col });
    return out;
  };
  const rangeOfName = (name: string): SimpleCellAddress[] => {
    const formula = hf.getNamedExpressionFormula(name);
    if (formula === undefined) return [];
    const text = formula.replace(/^=/, '');
    const range = hf.simpleCellRangeFromString(text, 0);
    if (range) return cellsOf(range.start, range.end);
    const cell = hf.simpleCellAddressFromString(text, 0);
    return cell ? [cell] : [];
  };
  /**
   * A formula's inputs, read from its own text: the cells and ranges it references and the cells its
   * names point at. (HyperFormula's getCellPrecedents searches the whole graph per call: far too slow
   * for a walk over hundreds of cells.)
   */
  const inputsOf = (a: SimpleCellAddress): SimpleCellAddress[] => {
    const formula = hf.getCellFormula(a);
    if (!formula) return [];
    const out: SimpleCellAddress[] = [];
    for (const ref of extractReferences(formula)) {
      const sheet = ref.sheet === undefined ? a.sheet : hf.getSheetId(ref.sheet);
      if (sheet === undefined || !sheetIdOf(sheet)) continue;
      out.push(
        ...cellsOf({ sheet, row: ref.row, col: ref.col }, { sheet, row: ref.rowEnd, col: ref.colEnd }),
      );
    }
    for (const t of tokenizeFormula(formula)) if (t.kind === 'name') out.push(...rangeOfName(t.text));
    return out;
  };
  const visit = (a: SimpleCellAddress): void => {
    const k = keyOf(a);
    if (seen.has(k) || seen.size >= MAX_TRACED_CELLS) return;
    seen.add(k);
    const v = valueAt(a);
    if (!isError(v) && !isText(v)) return;
    const cell = traced(a);
    if (!cell) return;
    if (isText(v)) texts.push(cell);
    if (!cell.formula) {
      if (isError(v)) errors.push(cell);
      return;
    }
    const inputs = inputsOf(a);
    const bad = inputs.filter((i) => isError(valueAt(i)) || isText(valueAt(i)));
    for (const i of bad) visit(i);
    // The first error up the chain: an error none of whose inputs is an error.
    if (isError(v) && !inputs.some((i) => isError(valueAt(i)))) errors.push(cell);
  };
  for (const name of names) {
    for (const a of rangeOfName(name)) {
      const v = valueAt(a);
      if (!isError(v) && !isText(v)) continue;
      const cell = traced(a);
      if (cell && starts.length < 1000) starts.push(cell);
      visit(a);
    }
  }
  return { starts, errors, texts };
}
