// The parameter blocks of a workbook (rows `Parameter | Värde | Enhet | Låg | Hög | Källa`), read
// from the sheets themselves, and the rules a parameter's value and range must keep.
import { formatAddress, quoteSheetName } from '../address';
import { type RawCell, type Sheet, type SheetId, isFormula } from '../document';

/** Where a value comes from, as its source text says: [S] sourced, [D] derived, [U] unverified. */
export type ParameterClass = 'S' | 'D' | 'U';

/** What a parameter holds: a number, a share 0–1, a year, a choice from a list, or free text. */
export type ParameterKind =
  | { kind: 'number' }
  | { kind: 'share' }
  | { kind: 'year' }
  | { kind: 'choice'; options: string[] }
  | { kind: 'text' };

export interface Parameter {
  sheetId: SheetId;
  sheet: string;
  /** The value cell (column B of the parameter's row), 0-based. */
  row: number;
  col: number;
  /** `Drivmedel!B10`, as a planner reads it. */
  address: string;
  /** The block's header label in column A ("Parameter", "Bränsletabell …"). */
  block: string;
  name: string;
  value: RawCell;
  unit: string;
  low: RawCell;
  high: RawCell;
  source: string;
  class: ParameterClass | null;
  kind: ParameterKind;
}

/** A unit cell starting with this lists a choice's allowed values, separated by `/`. */
export const CHOICE_PREFIX = 'val:';

const HEADER = ['Värde', 'Enhet', 'Låg', 'Hög'] as const;

function isHeader(row: readonly RawCell[] | undefined): boolean {
  return !!row && typeof row[0] === 'string' && HEADER.every((label, i) => row[i + 1] === label);
}

function text(v: RawCell | undefined): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

/** The class a source text names first: `[S]`, `[S-svag]`, `[D]` or `[U]`. */
export function sourceClass(source: string): ParameterClass | null {
  const m = /\[([SDU])[\]-]/.exec(source);
  return m ? (m[1] as ParameterClass) : null;
}

/** The kind a parameter's unit says; a choice's unit lists its values (`val: HVO100/RME/Biogas/El`). */
export function parameterKind(unit: string, value: RawCell): ParameterKind {
  const u = unit.trim();
  if (u.toLowerCase().startsWith(CHOICE_PREFIX)) {
    const options = u
      .slice(CHOICE_PREFIX.length)
      .split('/')
      .map((o) => o.trim())
      .filter((o) => o !== '');
    return { kind: 'choice', options };
  }
  if (u === 'år') return { kind: 'year' };
  if (u === 'andel') return { kind: 'share' };
  if (u === '' && typeof value === 'string' && !isFormula(value)) return { kind: 'text' };
  return { kind: 'number' };
}

/** The parameters of one sheet: every row under a `… | Värde | Enhet | Låg | Hög | …` header, up to a blank row. */
export function sheetParameters(sheet: Pick<Sheet, 'id' | 'name' | 'cells'>): Parameter[] {
  const out: Parameter[] = [];
  let block: string | null = null;
  sheet.cells.forEach((row, r) => {
    if (isHeader(row)) {
      block = text(row[0]);
      return;
    }
    const name = row?.[0];
    if (typeof name !== 'string' || name.trim() === '') {
      block = null;
      return;
    }
    if (block === null) return;
    const value = row[1] ?? null;
    const unit = text(row[2]);
    const source = text(row[5]);
    out.push({
      sheetId: sheet.id,
      sheet: sheet.name,
      row: r,
      col: 1,
      address: `${quoteSheetName(sheet.name)}!${formatAddress(r, 1)}`,
      block,
      name,
      value,
      unit,
      low: row[3] ?? null,
      high: row[4] ?? null,
      source,
      class: sourceClass(source),
      kind: parameterKind(unit, value),
    });
  });
  return out;
}

/** Every parameter of a workbook, sheet by sheet (a scenario: the baseline and each measure). */
export function workbookParameters(doc: {
  sheets: readonly Pick<Sheet, 'id' | 'name' | 'cells'>[];
}): Parameter[] {
  return doc.sheets.flatMap(sheetParameters);
}

/** The parameter whose value cell this is, if any. */
export function parameterAt(
  params: readonly Parameter[],
  sheetId: SheetId,
  row: number,
  col: number,
): Parameter | undefined {
  return params.find((p) => p.sheetId === sheetId && p.row === row && p.col === col);
}

/** A parameter's range is ranged when either bound is given. */
export function isRanged(p: Parameter): boolean {
  return p.low !== null || p.high !== null;
}

/** Why a parameter's range breaks the rule: a ranged parameter has both bounds, both numbers, low ≤ high. */
export type RangeRuleProblem = 'one-bound' | 'bound-not-number' | 'low-above-high';

export function rangeRuleProblem(p: Parameter): RangeRuleProblem | null {
  if (!isRanged(p)) return null;
  if (p.low === null || p.high === null) return 'one-bound';
  if (typeof p.low !== 'number' || typeof p.high !== 'number') return 'bound-not-number';
  return p.low > p.high ? 'low-above-high' : null;
}

/** A value a parameter cannot hold (the result cannot be computed from it). */
export type ValueProblem =
  | { kind: 'not-an-option'; value: string; options: string[] }
  | { kind: 'text-for-number'; value: string; expected: 'number' | 'share' | 'year' }
  | { kind: 'not-a-year'; value: number };

/** A value outside its sourced range: allowed, but said and marked. */
export interface RangeWarning {
  side: 'below' | 'above';
  value: number;
  bound: number;
}

/** What is wrong with a parameter's computed value: a problem stops the result, a warning is listed. */
/**
 * The option a typed choice means: the exact spelling, else the one equal ignoring case and
 * surrounding spaces (as Excel's list validation accepts it); undefined when none.
 */
export function matchChoice(options: readonly string[], typed: string): string | undefined {
  return (
    options.find((o) => o === typed) ?? options.find((o) => o.toLowerCase() === typed.trim().toLowerCase())
  );
}

export function checkValue(
  p: Parameter,
  value: number | string | boolean | null | { error: string },
): { problem?: ValueProblem; warning?: RangeWarning } {
  const k = p.kind;
  if (k.kind === 'text') return {};
  if (k.kind === 'choice') {
    const v = value === null ? '' : typeof value === 'object' ? null : String(value);
    if (v === null) return {};
    return matchChoice(k.options, v) !== undefined
      ? {}
      : { problem: { kind: 'not-an-option', value: v, options: k.options } };
  }
  if (typeof value === 'string') return { problem: { kind: 'text-for-number', value, expected: k.kind } };
  if (typeof value !== 'number') return {};
  if (k.kind === 'year' && !Number.isInteger(value)) return { problem: { kind: 'not-a-year', value } };
  const low = typeof p.low === 'number' ? p.low : k.kind === 'share' ? 0 : null;
  const high = typeof p.high === 'number' ? p.high : k.kind === 'share' ? 1 : null;
  if (low !== null && value < low) return { warning: { side: 'below', value, bound: low } };
  if (high !== null && value > high) return { warning: { side: 'above', value, bound: high } };
  return {};
}
