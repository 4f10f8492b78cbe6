// Comparing scenarios, of one region or of several: their parameters matched by name (computed
// values, never formula text), which ones only one side has, and the axis that shows them fairly.
import { type RawCell, type Sheet, isFormula } from '../document';
import type { CellValue } from '../values';
import { type Parameter, workbookParameters } from './parameters';

/** A parameter the compared scenarios share (by sheet and name) whose value is not the same in all. */
export interface ComparedParameter {
  /** The sheet's name as the first scenario that has it spells it. */
  sheet: string;
  name: string;
  /** The unit as the first scenario that has the parameter gives it. */
  unit: string;
  /** The computed value per scenario, in the order given; `undefined` where it has no such parameter. */
  values: (CellValue | undefined)[];
}

/** A parameter only one of the compared scenarios has. */
export interface UnmatchedParameter {
  sheet: string;
  name: string;
  unit: string;
  value: CellValue;
}

export interface ParameterComparison {
  /** Shared parameters whose values differ, sheet by sheet in the order the sheets first appear. */
  differing: ComparedParameter[];
  /** Per scenario, in the order given: the parameters no other compared scenario has. */
  unmatched: UnmatchedParameter[][];
}

/** The computed value of a parameter's cell; the raw value stands in where it is not a formula. */
export type ParameterValueOf = (docIndex: number, p: Parameter) => CellValue | undefined;

interface Keyed {
  parameter: Parameter;
  value: CellValue;
}

/** The value to show when no computed value came back: a typed value as it is, a formula as nothing. */
function fallback(raw: RawCell): CellValue {
  return isFormula(raw) ? null : raw;
}

function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return a.error === b.error;
  return a === b;
}

/**
 * A workbook's parameters by key: its sheet (ignoring case) and name, numbered when the same name
 * appears again on that sheet (tables of alternatives can repeat one), so the n-th meets the n-th.
 */
function keyed(
  doc: { sheets: readonly Pick<Sheet, 'id' | 'name' | 'cells'>[] },
  computedValue: (p: Parameter) => CellValue | undefined,
) {
  const out = new Map<string, Keyed>();
  const seen = new Map<string, number>();
  for (const p of workbookParameters(doc)) {
    // A name that is a formula (a trajectory slot's `=Stål!$A$1`) is not a parameter's name.
    const name = p.name.trim();
    if (name.startsWith('=')) continue;
    const base = `${p.sheet.toLocaleLowerCase()}\u0000${name}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.set(`${base}\u0000${n}`, { parameter: p, value: computedValue(p) ?? fallback(p.value) });
  }
  return out;
}

/**
 * Compare scenarios by parameter: the parameter blocks of every sheet (parameters.ts), matched by
 * sheet and name across the scenarios. Lists the shared ones whose computed values differ, and per
 * scenario the ones no other scenario has.
 * @param computedValue The engine's value of a parameter's cell (a formula's result); without one, a typed
 *   value is used as it is and a formula shows as empty — its text is never compared.
 * @example compareParameters([stockholm, dalarna], values).differing[0]
 *   → { sheet: 'Baslinje', name: 'Basår', unit: 'år', values: [2024, 2018] }
 */
export function compareParameters(
  docs: readonly { sheets: readonly Pick<Sheet, 'id' | 'name' | 'cells'>[] }[],
  computedValue: ParameterValueOf = () => undefined,
): ParameterComparison {
  const maps = docs.map((doc, i) => keyed(doc, (p) => computedValue(i, p)));
  const keys: string[] = [];
  const known = new Set<string>();
  for (const map of maps) {
    for (const k of map.keys()) {
      if (known.has(k)) continue;
      known.add(k);
      keys.push(k);
    }
  }
  const differing: ComparedParameter[] = [];
  const unmatched: UnmatchedParameter[][] = docs.map(() => []);
  for (const k of keys) {
    const rows = maps.map((m) => m.get(k));
    const present = rows.flatMap((r, i) => (r ? [{ r, i }] : []));
    const first = present[0];
    if (!first) continue;
    if (present.length === 1) {
      const p = first.r.parameter;
      unmatched[first.i]?.push({ sheet: p.sheet, name: p.name, unit: p.unit, value: first.r.value });
      continue;
    }
    if (present.every(({ r }) => sameValue(r.value, first.r.value))) continue;
    const p = first.r.parameter;
    differing.push({ sheet: p.sheet, name: p.name, unit: p.unit, values: rows.map((r) => r?.value) });
  }
  return { differing, unmatched };
}

/** The value axis of a comparison: tonnes CO2e, or each scenario as a share of its own base year. */
export type CompareAxis = 'tonnes' | 'percent';

/** Bases further apart than this draw one scenario flat on a shared tonne axis. */
export const PERCENT_AXIS_RATIO = 5;

/**
 * The axis a comparison opens with: "% of base year" when the largest base is more than ×5 the
 * smallest (a small region beside a large one), else tonnes. Missing or non-positive bases give tonnes.
 * @example defaultAxis([607_000, 17_861]) → 'percent'
 */
export function defaultAxis(bases: readonly (number | null)[]): CompareAxis {
  const usable = bases.filter((b): b is number => typeof b === 'number' && Number.isFinite(b) && b > 0);
  if (usable.length < 2) return 'tonnes';
  return Math.max(...usable) > PERCENT_AXIS_RATIO * Math.min(...usable) ? 'percent' : 'tonnes';
}

/**
 * A series on the chosen axis: tonnes as they are, or per cent of `base` (100 = the base year).
 * Null stays null (no point is drawn), and without a usable base a percent series is all null.
 */
export function onAxis(
  series: readonly (number | null)[],
  axis: CompareAxis,
  base: number | null,
): (number | null)[] {
  if (axis === 'tonnes') return [...series];
  if (base === null || !(base > 0)) return series.map(() => null);
  return series.map((v) => (v === null ? null : (v / base) * 100));
}
