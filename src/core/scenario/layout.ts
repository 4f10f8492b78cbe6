// The shape every scenario workbook shares: the trajectory sheet's rows and columns, the baseline
// sheet's parameter cells, the measure sheets' marker labels, and the named ranges charts read.
import { columnIndex, columnLabel } from '../address';

/**
 * The templates' and shipped scenarios' horizon: 33 years from the base year (2018 → 2050). A
 * scenario's own horizon is its Chart_Years range (yearCountOf); every reader asks the scenario.
 */
export const YEAR_COUNT = 33;
/** Years start in column C on the trajectory and on every measure sheet, so columns line up. */
export const FIRST_YEAR_COL = 2;
export const FIRST_YEAR_LABEL = columnLabel(FIRST_YEAR_COL);

/** The trajectory's columns for a horizon of `yearCount` years. */
export interface TrajectoryColumns {
  yearCount: number;
  lastYearCol: number;
  lastYearLabel: string;
  /** Per-measure columns after the years: cost, total reduction, kr per tonne, type. */
  cost: number;
  total: number;
  krPerTonne: number;
  type: number;
}

/** The trajectory's columns for a horizon of `yearCount` years (one empty column after the years). */
export function trajectoryColumns(yearCount: number): TrajectoryColumns {
  if (!Number.isInteger(yearCount) || yearCount < 1)
    throw new Error(`a horizon needs whole years, got ${yearCount}`);
  const lastYearCol = FIRST_YEAR_COL + yearCount - 1;
  const cost = lastYearCol + 2;
  return {
    yearCount,
    lastYearCol,
    lastYearLabel: columnLabel(lastYearCol),
    cost,
    total: cost + 1,
    krPerTonne: cost + 2,
    type: cost + 3,
  };
}

export const TRAJECTORY_SHEET = 'Bana';
export const BASELINE_SHEET = 'Baslinje';

/** Trajectory rows (0-based). */
export const ROW = {
  title: 0,
  years: 1,
  base: 2,
  bau: 3,
  measuresHeader: 4,
  firstSlot: 5,
  /** Measure slots: one row per measure, wired to its sheet's reduction row. */
  slotCount: 20,
  get lastSlot() {
    return this.firstSlot + this.slotCount - 1;
  },
  get sumMeasures() {
    return this.lastSlot + 1;
  },
  get projected() {
    return this.lastSlot + 2;
  },
  get targetLinear() {
    return this.lastSlot + 3;
  },
  get targetNeutral() {
    return this.lastSlot + 4;
  },
  get targetConstant() {
    return this.lastSlot + 5;
  },
  get targetBudget() {
    return this.lastSlot + 6;
  },
  get gapLinear() {
    return this.lastSlot + 7;
  },
  get gapLinearCumulative() {
    return this.lastSlot + 8;
  },
  get gapNeutral() {
    return this.lastSlot + 9;
  },
  get gapNeutralCumulative() {
    return this.lastSlot + 10;
  },
  get gapConstant() {
    return this.lastSlot + 11;
  },
  get gapBudget() {
    return this.lastSlot + 12;
  },
  get reductionShare() {
    return this.lastSlot + 13;
  },
  get keyHeader() {
    return this.lastSlot + 15;
  },
  get firstKey() {
    return this.lastSlot + 16;
  },
};

/** Key figures, in order, from ROW.firstKey on the trajectory (label in A, value in B). */
export const KEY_FIGURES = [
  'reductionAtTarget',
  'targetCut',
  'projectedAtTarget',
  'targetLevel',
  'shortfallAtTarget',
  'residualAtNeutral',
  'cumulativeGapToNeutral',
  'totalCost',
  'totalReduction',
  'costPerTonne',
  'baseYear',
  'baseEmissions',
  'targetYear',
  'neutralYear',
] as const;
export type KeyFigure = (typeof KEY_FIGURES)[number];

/** Baseline parameter cells (column B, 0-based rows) that the workbook names point at. */
export const BASELINE_ROW = {
  region: 3,
  baseYear: 4,
  baseEmissions: 5,
  targetYear: 6,
  targetCut: 7,
  bauChange: 8,
  neutralYear: 9,
  carbonBudget: 10,
  low: 11,
  high: 12,
} as const;

/** Labels in column A of every measure sheet that the wiring finds rows by. */
export const MEASURE_LABEL = {
  cost: 'Kostnad',
  start: 'Startår',
  type: 'Typ',
  lifetime: 'Livslängd',
  years: 'År',
  reduction: 'Minskning (t CO2e)',
  total: 'Total minskning (t CO2e)',
  krPerTonne: 'Kr per ton',
} as const;

/** Named ranges the charts read (and planners can use in formulas). */
export const CHART_NAME = {
  years: 'Chart_Years',
  base: 'Chart_Base',
  bau: 'Chart_BAU',
  projected: 'Chart_Projected',
  targetLinear: 'Chart_Target2030',
  targetNeutral: 'Chart_Neutral2035',
  targetConstant: 'Chart_ConstantRate',
  targetBudget: 'Chart_CarbonBudget',
  measureNames: 'Chart_MeasureNames',
  measures: 'Chart_Measures',
  measureCost: 'Chart_MeasureCost',
  measureTotal: 'Chart_MeasureTotal',
  measureType: 'Chart_MeasureType',
  keyFigures: 'Chart_KeyFigures',
} as const;
/** Named ranges of a region's sector table (on its baseline sheet), for the per-sector chart. */
export const SECTOR_NAME = {
  names: 'Chart_SectorNames',
  years: 'Chart_SectorYears',
  values: 'Chart_SectorValues',
} as const;

/** Names of a generated region's BAU rule (on its baseline sheet), read for the BAU sentence. */
export const BAU_NAME = {
  rule: 'BauRule',
  change: 'BauChange',
  slope: 'BauSlope',
  lastYear: 'BauLastYear',
} as const;

export type ChartName = (typeof CHART_NAME)[keyof typeof CHART_NAME];

/**
 * A scenario's horizon in years, from the width of its Chart_Years range (`=Bana!$C$2:$AI$2`); null
 * when the workbook has no such name or it is not a one-row range.
 */
export function yearCountOf(workbook: {
  names: readonly { name: string; expression: unknown }[];
}): number | null {
  const years = workbook.names.find((n) => n.name === CHART_NAME.years);
  if (!years || typeof years.expression !== 'string') return null;
  const m = /!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)\s*$/i.exec(years.expression);
  if (!m || m[2] !== m[4]) return null;
  const count = columnIndex((m[3] as string).toUpperCase()) - columnIndex((m[1] as string).toUpperCase()) + 1;
  return count >= 1 ? count : null;
}
