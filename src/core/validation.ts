// The grid's input rules read from a sheet's parameter blocks: a choice cell's allowed values (Excel's
// data-validation list) with the check of a typed value, and the sourced range a value is marked against.
import type { RawCell, Sheet } from './document';
import { isFormula } from './document';
import {
  type Parameter,
  type RangeWarning,
  checkValue,
  matchChoice,
  sheetParameters,
} from './scenario/parameters';

/** A typed value a choice cell does not allow: nothing was written. */
export interface NotInListProblem {
  kind: 'not-in-list';
  value: string;
  options: readonly string[];
}

/** The parameters of one sheet by value cell, for lookups while the grid draws. */
export interface SheetRules {
  /** The parameter whose value cell this is, if any. */
  at(row: number, col: number): Parameter | undefined;
}

export function sheetRules(sheet: Pick<Sheet, 'id' | 'name' | 'cells'>): SheetRules {
  const byCell = new Map<string, Parameter>();
  for (const p of sheetParameters(sheet)) byCell.set(`${p.row}:${p.col}`, p);
  return { at: (row, col) => byCell.get(`${row}:${col}`) };
}

/** The values a cell allows, or null when it takes any value. */
export function cellChoices(rules: SheetRules, row: number, col: number): readonly string[] | null {
  const k = rules.at(row, col)?.kind;
  return k?.kind === 'choice' && k.options.length > 0 ? k.options : null;
}

/**
 * Check a value entered into a choice cell. An empty cell and a formula pass (the result check names a
 * formula's wrong value); a value that differs from an option only in case is written as the option,
 * since the model compares exactly. Anything else is refused with the allowed values.
 */
export function checkChoice(
  options: readonly string[] | null,
  raw: RawCell,
): { ok: true; value: RawCell } | { ok: false; problem: NotInListProblem } {
  if (!options || raw === null || isFormula(raw)) return { ok: true, value: raw };
  const typed = String(raw);
  const match = matchChoice(options, typed);
  if (match !== undefined) return { ok: true, value: match };
  return { ok: false, problem: { kind: 'not-in-list', value: typed, options } };
}

/** A typed number outside its parameter's sourced range (allowed, but marked). */
export function cellRangeWarning(
  rules: SheetRules,
  row: number,
  col: number,
  raw: RawCell,
): { parameter: Parameter; warning: RangeWarning } | null {
  const parameter = rules.at(row, col);
  if (!parameter || typeof raw !== 'number') return null;
  const { warning } = checkValue(parameter, raw);
  return warning ? { parameter, warning } : null;
}
