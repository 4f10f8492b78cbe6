// Reading a scenario's evaluated named ranges into plain numbers for charts, key figures and the
// sentence that says the result in words. Pure: the values come from the engine.
import type { CellValue, NamedValues } from '../values';
import { CHART_NAME, KEY_FIGURES, type KeyFigure } from './layout';

export interface MeasureSeries {
  name: string;
  /** Reduction per year, aligned with `years`. */
  values: number[];
  cost: number | null;
  total: number | null;
  krPerTonne: number | null;
  type: string;
}

export interface ScenarioResult {
  years: number[];
  base: number[];
  bau: number[];
  projected: number[];
  targets: { linear: number[]; neutral: number[]; constant: number[]; budget: number[] };
  measures: MeasureSeries[];
  key: Record<KeyFigure, number | null>;
}

/** The names a scenario view watches. */
export const SCENARIO_NAMES: string[] = Object.values(CHART_NAME);

function num(v: CellValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
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
  if (years.length === 0 || years.some((y) => y === null)) return null;
  const series = (name: string) => row(named, name).map((v) => num(v) ?? 0);
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
      values: (matrix[i] ?? []).map((v) => num(v) ?? 0),
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
    years: years as number[],
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
  };
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
