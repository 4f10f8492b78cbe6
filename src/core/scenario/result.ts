// Reading a scenario's evaluated named ranges into plain numbers for charts, key figures and the
// sentence that says the result in words. Pure: the values come from the engine.
import type { CellValue, NamedValues } from '../values';
import { BAU_NAME, CHART_NAME, KEY_FIGURES, type KeyFigure, SECTOR_NAME } from './layout';

export interface MeasureSeries {
  name: string;
  /** Reduction per year, aligned with `years`; null where the sheet gives no number (an error). */
  values: (number | null)[];
  cost: number | null;
  total: number | null;
  krPerTonne: number | null;
  type: string;
}

/** A series per year: null where the workbook gives an error or text, so no line is drawn there. */
export type Series = (number | null)[];

/** A region's emissions per sector and observed year (its baseline table); null cells are missing years. */
export interface SectorBreakdown {
  years: number[];
  sectors: { name: string; values: Series }[];
  /** The BAU rule as the workbook's choice cell says it, and the numbers it uses. */
  bau: { rule: string | null; change: number | null; slope: number | null; lastYear: number | null };
}

export interface ScenarioResult {
  years: number[];
  base: Series;
  bau: Series;
  projected: Series;
  targets: { linear: Series; neutral: Series; constant: Series; budget: Series };
  measures: MeasureSeries[];
  key: Record<KeyFigure, number | null>;
  /** Per-sector baseline, for scenarios that have a sector table (a generated region). */
  sectors?: SectorBreakdown | null;
  /**
   * The named ranges holding an error or text where the result wants numbers. Not empty means the
   * result cannot be computed (the views say so and name the origin; never a 0 in its place).
   */
  broken: string[];
}

/** The names a scenario view watches (a scenario without a sector table simply has no sector names). */
export const SCENARIO_NAMES: string[] = [
  ...Object.values(CHART_NAME),
  ...Object.values(SECTOR_NAME),
  ...Object.values(BAU_NAME),
];

/**
 * The names whose cells must all be numbers (or empty): where an error stops the result. The sector
 * table is input, drawn as it is: a typo there shows as a gap, not as a broken trajectory.
 */
export const NUMERIC_NAMES: string[] = Object.values(CHART_NAME).filter(
  (n) => n !== CHART_NAME.measureNames && n !== CHART_NAME.measureType,
);

/** The sector table's names and values, when the workbook has one. */
function readSectors(named: NamedValues): SectorBreakdown | null {
  const names = column(named, SECTOR_NAME.names);
  const years = row(named, SECTOR_NAME.years).map(num);
  const matrix = named[SECTOR_NAME.values] ?? [];
  if (names.length === 0 || years.length === 0 || years.some((y) => y === null)) return null;
  const sectors = names.flatMap((n, i) =>
    typeof n === 'string' && n !== '' ? [{ name: n, values: (matrix[i] ?? []).map(num) }] : [],
  );
  const single = (name: string) => named[name]?.[0]?.[0];
  const rule = single(BAU_NAME.rule);
  const bau = {
    rule: typeof rule === 'string' ? rule : null,
    change: num(single(BAU_NAME.change)),
    slope: num(single(BAU_NAME.slope)),
    lastYear: num(single(BAU_NAME.lastYear)),
  };
  return sectors.length > 0 ? { years: years as number[], sectors, bau } : null;
}

function num(v: CellValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** An error, or text other than "" (which formulas use for "nothing to show"). */
function isBroken(v: CellValue | undefined): boolean {
  return (typeof v === 'object' && v !== null) || (typeof v === 'string' && v !== '');
}

function row(named: NamedValues, name: string): CellValue[] {
  return named[name]?.[0] ?? [];
}

function column(named: NamedValues, name: string): CellValue[] {
  return (named[name] ?? []).map((r) => r[0] ?? null);
}

/** Turn the named ranges into series; null when the workbook is not a scenario (no years). */
export function readScenarioResult(named: NamedValues): ScenarioResult | null {
  const yearCells = row(named, CHART_NAME.years);
  const years = yearCells.map(num);
  if (years.length === 0 || years.every((y) => y === null)) return null;
  const broken = NUMERIC_NAMES.filter((n) => (named[n] ?? []).some((r) => r.some(isBroken)));
  // Years that are not numbers get a stand-in position so the other years still line up; the
  // result is broken, so no view shows them as figures.
  const firstYear = years.find((y) => y !== null) as number;
  const firstIndex = years.indexOf(firstYear);
  const yearsFilled = years.map((y, i) => y ?? firstYear + i - firstIndex);
  const series = (name: string): Series => row(named, name).map(num);
  const names = column(named, CHART_NAME.measureNames);
  const matrix = named[CHART_NAME.measures] ?? [];
  const cost = column(named, CHART_NAME.measureCost);
  const total = column(named, CHART_NAME.measureTotal);
  const type = column(named, CHART_NAME.measureType);
  const measures: MeasureSeries[] = [];
  names.forEach((n, i) => {
    if (typeof n !== 'string' || n === '') return;
    const c = num(cost[i]);
    const t = num(total[i]);
    measures.push({
      name: n,
      values: (matrix[i] ?? []).map(num),
      cost: c,
      total: t,
      krPerTonne: c !== null && t !== null && t > 0 ? c / t : null,
      type: typeof type[i] === 'string' ? (type[i] as string) : '',
    });
  });
  const keyColumn = column(named, CHART_NAME.keyFigures);
  const key = Object.fromEntries(KEY_FIGURES.map((k, i) => [k, num(keyColumn[i])])) as Record<
    KeyFigure,
    number | null
  >;
  return {
    years: yearsFilled,
    base: series(CHART_NAME.base),
    bau: series(CHART_NAME.bau),
    projected: series(CHART_NAME.projected),
    targets: {
      linear: series(CHART_NAME.targetLinear),
      neutral: series(CHART_NAME.targetNeutral),
      constant: series(CHART_NAME.targetConstant),
      budget: series(CHART_NAME.targetBudget),
    },
    measures,
    key,
    sectors: readSectors(named),
    broken,
  };
}

/**
 * The result with no projection, measures or key figures that depend on them: for a parameter typed
 * wrong that the formulas do not turn into an error (text in Startår compares as "later than any
 * year"), so the numbers they give are not the scenario's.
 */
export function withoutProjection(r: ScenarioResult): ScenarioResult {
  const none = r.years.map(() => null);
  const keep: KeyFigure[] = [
    'targetCut',
    'targetLevel',
    'baseYear',
    'baseEmissions',
    'targetYear',
    'neutralYear',
  ];
  const key = Object.fromEntries(KEY_FIGURES.map((k) => [k, keep.includes(k) ? r.key[k] : null])) as Record<
    KeyFigure,
    number | null
  >;
  return {
    ...r,
    projected: none,
    measures: r.measures.map((m) => ({ ...m, values: none, total: null, krPerTonne: null })),
    key,
  };
}

/** The year after which a measure gives nothing more, if it gave something and stops before `until`. */
export function measureEnd(m: MeasureSeries, years: readonly number[], until: number): number | null {
  let last = -1;
  m.values.forEach((v, i) => {
    if (v !== null && v !== 0) last = i;
  });
  const year = years[last];
  return last >= 0 && year !== undefined && year < until ? year : null;
}

/** Bars of a marginal abatement cost curve: cheapest per tonne first, each as wide as its reduction. */
export function macBars(
  measures: MeasureSeries[],
): { name: string; x0: number; x1: number; krPerTonne: number }[] {
  const usable = measures
    .filter((m) => m.total !== null && m.total > 0 && m.krPerTonne !== null)
    .sort((a, b) => (a.krPerTonne as number) - (b.krPerTonne as number));
  let x = 0;
  return usable.map((m) => {
    const bar = { name: m.name, x0: x, x1: x + (m.total as number), krPerTonne: m.krPerTonne as number };
    x = bar.x1;
    return bar;
  });
}
