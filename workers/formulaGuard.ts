// Formulas the engine must not see: HyperFormula builds explicit ranges cell by cell, so
// =SUM(A1:XFD1048576) would take minutes and gigabytes (whole columns like A:A are handled lazily
// and stay allowed). Such a formula is refused with a message instead of freezing or killing the worker.
import { isFormula, type RawCell } from '../src/core/document';
import { extractReferences } from '../src/core/formula';

/** The largest explicit range the engine accepts (about 2 s and 150 MB in HyperFormula 3.5). */
export const MAX_RANGE_CELLS_IN_FORMULA = 200_000;

/** Why a raw cell must not reach the engine, or null. */
export function refusal(raw: RawCell): string | null {
  // Only a range (":") can be too large; most formulas skip the lexer entirely.
  if (!isFormula(raw) || !raw.includes(':')) return null;
  for (const ref of extractReferences(raw)) {
    // Written as whole columns (A:C) or whole rows (2:5): HyperFormula handles those lazily.
    const text = raw.slice(ref.start, ref.end).replace(/^.*!/, '');
    if (/^\$?[A-Za-z]+:\$?[A-Za-z]+$/.test(text) || /^\$?\d+:\$?\d+$/.test(text)) continue;
    const cells = (ref.rowEnd - ref.row + 1) * (ref.colEnd - ref.col + 1);
    if (cells > MAX_RANGE_CELLS_IN_FORMULA) {
      return `The range ${text} has ${cells.toLocaleString('en')} cells; formulas may use ranges of up to ${MAX_RANGE_CELLS_IN_FORMULA.toLocaleString('en')} cells, or whole columns such as A:C.`;
    }
  }
  return null;
}

/** What the engine gets instead of a refused formula: an error its dependents see as #N/A. */
export const REFUSED_FORMULA = '=NA()';
