// A region's own scenario from the guided start: organisation, years, target, the baseline matrix
// and the BAU rule become a baseline sheet with a sector table and a trajectory of the chosen horizon.
import { columnLabel, quoteSheetName } from '../address';
import {
  type NamedExpression,
  type RawCell,
  SCHEMA_VERSION,
  type ScenarioDocument,
  newScenarioId,
  newSheetId,
} from '../document';
import { BASELINE_ROW, BASELINE_SHEET, BAU_NAME, ROW, SECTOR_NAME } from '../scenario/layout';
import { buildScenario } from '../scenario/scenario';
import type { BaselineMatrix } from './baselineMatrix';

/** How emissions develop without measures after the last observed year. */
export type BauRule = 'flat' | 'rate' | 'linear';

/** The rule's value in the workbook's choice cell (Swedish, as the sheets are). */
export const BAU_RULE_LABEL: Record<BauRule, string> = {
  flat: 'oförändrad',
  rate: 'konstant takt',
  linear: 'linjär',
};

export interface RegionSpec {
  organisation: string;
  baseYear: number;
  targetYear: number;
  /** The cut by the target year against the base year, 0–1 (0.75 for −75 %). */
  targetCut: number;
  neutralYear: number;
  /** The last year of the trajectory (its horizon). */
  endYear: number;
  matrix: BaselineMatrix;
  bau: BauRule;
}

export const REGION_DEFAULTS = {
  targetYear: 2030,
  targetCut: 0.75,
  neutralYear: 2035,
  endYear: 2050,
} as const;
/** The longest horizon a generated trajectory gets (columns, not a limit of the method). */
export const MAX_HORIZON = 100;

export type RegionProblem =
  | { code: 'noOrganisation' }
  | { code: 'baseYearNotObserved'; year: number }
  | { code: 'baseYearIncomplete'; year: number; sectors: string[] }
  | { code: 'baseNotPositive' }
  | { code: 'targetYearOrder' }
  | { code: 'neutralYearOrder' }
  | { code: 'endYearOrder' }
  | { code: 'horizonTooLong'; max: number }
  | { code: 'cutOutOfRange' }
  | { code: 'trendNeedsTwoYears' }
  | { code: 'rateNeedsPositive' };

/** The observed totals the trajectory uses: years where every sector has a value, from the base year on. */
export interface ObservedTotals {
  years: number[];
  totals: number[];
  /** The matrix column of each year. */
  columns: number[];
}

/** Totals of the years every sector reports, from the base year to the end year. */
export function observedTotals(spec: Pick<RegionSpec, 'matrix' | 'baseYear' | 'endYear'>): ObservedTotals {
  const out: ObservedTotals = { years: [], totals: [], columns: [] };
  spec.matrix.years.forEach((year, c) => {
    if (year < spec.baseYear || year > spec.endYear) return;
    const values = spec.matrix.sectors.map((s) => s.values[c]);
    if (values.some((v) => v === null || v === undefined)) return;
    out.years.push(year);
    out.totals.push((values as number[]).reduce((a, b) => a + b, 0));
    out.columns.push(c);
  });
  return out;
}

/** What stops a region's scenario from being built; empty when it can be. */
export function regionProblems(spec: RegionSpec): RegionProblem[] {
  const problems: RegionProblem[] = [];
  if (spec.organisation.trim() === '') problems.push({ code: 'noOrganisation' });
  const baseColumn = spec.matrix.years.indexOf(spec.baseYear);
  if (baseColumn < 0) problems.push({ code: 'baseYearNotObserved', year: spec.baseYear });
  else {
    const missing = spec.matrix.sectors.filter((s) => s.values[baseColumn] === null).map((s) => s.name);
    if (missing.length > 0)
      problems.push({ code: 'baseYearIncomplete', year: spec.baseYear, sectors: missing });
  }
  const observed = observedTotals(spec);
  if (observed.years[0] === spec.baseYear && !((observed.totals[0] as number) > 0))
    problems.push({ code: 'baseNotPositive' });
  if (!(spec.targetYear > spec.baseYear)) problems.push({ code: 'targetYearOrder' });
  if (!(spec.neutralYear > spec.targetYear)) problems.push({ code: 'neutralYearOrder' });
  if (!(spec.endYear >= spec.neutralYear)) problems.push({ code: 'endYearOrder' });
  if (spec.endYear - spec.baseYear + 1 > MAX_HORIZON)
    problems.push({ code: 'horizonTooLong', max: MAX_HORIZON });
  if (!(spec.targetCut > 0 && spec.targetCut <= 1)) problems.push({ code: 'cutOutOfRange' });
  if (spec.bau !== 'flat' && baseColumn >= 0 && observed.years.length < 2)
    problems.push({ code: 'trendNeedsTwoYears' });
  if (spec.bau === 'rate' && observed.totals.some((t) => !(t > 0)))
    problems.push({ code: 'rateNeedsPositive' });
  return problems;
}

/** Rows of the generated baseline sheet beyond the shared parameter rows (0-based). */
export const REGION_ROW = {
  bauRule: 13,
  bauSlope: 14,
  lastObserved: 15,
  sectorHeader: 17,
  firstSector: 18,
} as const;

const RULE_CHOICE = `val: ${Object.values(BAU_RULE_LABEL).join('/')}`;

/** The baseline sheet: the shared parameter rows, the BAU rule, and the sector table with its totals. */
function baselineCells(spec: RegionSpec, observed: ObservedTotals): RawCell[][] {
  const { matrix } = spec;
  const totalRow = REGION_ROW.firstSector + matrix.sectors.length;
  const yearCol = (c: number) => columnLabel(1 + c);
  const total = (c: number) => `${yearCol(c)}${totalRow + 1}`;
  const baseCol = matrix.years.indexOf(spec.baseYear);
  const first = observed.columns[0] ?? baseCol;
  const last = observed.columns.at(-1) ?? baseCol;
  const lastYear = observed.years.at(-1) ?? spec.baseYear;
  const span = lastYear - spec.baseYear;
  const trendNote = `[D] Utvecklingen ${spec.baseYear}–${lastYear}, år där alla sektorer har värden`;
  const rows: RawCell[][] = [
    [`${spec.organisation} – baslinje ${spec.baseYear}`],
    [
      `Baslinje per sektor ${matrix.years[0]}–${matrix.years.at(-1)}, inmatad i guidad start. Målet: −${Math.round(spec.targetCut * 100)} % till ${spec.targetYear} mot ${spec.baseYear}.`,
    ],
    ['Parameter', 'Värde', 'Enhet', 'Låg', 'Hög', 'Källa / anmärkning'],
    ['Region', spec.organisation],
    ['Basår', spec.baseYear, 'år', null, null, '[S] Valt i guidad start'],
    ['Basutsläpp', `=${total(baseCol)}`, 't CO2e', null, null, 'Summan av sektorerna basåret'],
    ['Målår', spec.targetYear, 'år', null, null, '[S] Valt i guidad start'],
    ['Minskning till målåret', spec.targetCut, 'andel', null, null, '[S] Valt i guidad start'],
    [
      'Förändring per år utan åtgärder (BAU)',
      span > 0 ? `=(${total(last)}/${total(first)})^(1/${span})-1` : 0,
      'andel/år',
      null,
      null,
      `${trendNote}; används när utvecklingen är konstant takt`,
    ],
    ['Klimatneutralt år', spec.neutralYear, 'år', null, null, '[S] Valt i guidad start'],
    [
      'Koldioxidbudget från basåret',
      `=B${BASELINE_ROW.baseEmissions + 1}*(B${BASELINE_ROW.neutralYear + 1}-B${BASELINE_ROW.baseYear + 1})/2`,
      't CO2e',
      null,
      null,
      'Samma budget som linjärt till noll klimatneutralt år; skriv in en egen budget',
    ],
    [
      'Basutsläpp, låg',
      `=B${BASELINE_ROW.baseEmissions + 1}`,
      't CO2e',
      null,
      null,
      'Inget osäkerhetsintervall angivet',
    ],
    ['Basutsläpp, hög', `=B${BASELINE_ROW.baseEmissions + 1}`, 't CO2e'],
    [
      'Utveckling utan åtgärder',
      BAU_RULE_LABEL[spec.bau],
      RULE_CHOICE,
      null,
      null,
      'Efter senaste observerade år: oförändrad på den nivån, konstant takt (raden BAU ovan) eller linjär (raden nedan)',
    ],
    [
      'Förändring per år, linjär (BAU)',
      span > 0 ? `=(${total(last)}-${total(first)})/${span}` : 0,
      't CO2e/år',
      null,
      null,
      `${trendNote}; används när utvecklingen är linjär`,
    ],
    ['Senaste observerade år', lastYear, 'år', null, null, '[D] Sista året där alla sektorer har värden'],
    [],
    ['Utsläpp per sektor (t CO2e)', ...matrix.years],
    ...matrix.sectors.map((s) => [s.name, ...s.values]),
    [
      'Totalt (summa)',
      ...matrix.years.map((_, c) =>
        matrix.sectors.every((s) => s.values[c] !== null)
          ? `=SUM(${yearCol(c)}${REGION_ROW.firstSector + 1}:${yearCol(c)}${totalRow})`
          : null,
      ),
    ],
  ];
  return rows;
}

/**
 * The BAU row: observed totals up to the last observed year (straight lines between observed years),
 * then the chosen rule from the previous year, read live from the BauRule cell.
 */
function bauFormula(spec: RegionSpec, observed: ObservedTotals) {
  const totalRow = REGION_ROW.firstSector + spec.matrix.sectors.length + 1;
  const ref = (c: number) => `${quoteSheetName(BASELINE_SHEET)}!$${columnLabel(1 + c)}$${totalRow}`;
  const lastYear = observed.years.at(-1) ?? spec.baseYear;
  const bau = ROW.bau + 1;
  const rule = BAU_NAME.rule;
  return (x: string, prev: string, i: number): string => {
    const year = spec.baseYear + i;
    if (i === 0) return `=${x}${ROW.base + 1}`;
    if (year > lastYear)
      return `=IF(${rule}="${BAU_RULE_LABEL.flat}",${prev}${bau},IF(${rule}="${BAU_RULE_LABEL.rate}",${prev}${bau}*(1+${BAU_NAME.change}),IF(${rule}="${BAU_RULE_LABEL.linear}",MAX(0,${prev}${bau}+${BAU_NAME.slope}),NA())))`;
    const k = observed.years.indexOf(year);
    if (k >= 0) return `=${ref(observed.columns[k] as number)}`;
    const after = observed.years.findIndex((y) => y > year);
    const a = observed.years[after - 1] as number;
    const b = observed.years[after] as number;
    const ra = ref(observed.columns[after - 1] as number);
    const rb = ref(observed.columns[after] as number);
    return `=${ra}+(${rb}-${ra})*${year - a}/${b - a}`;
  };
}

/** Build the region's scenario workbook; throws if regionProblems finds anything (check it first). */
export function buildRegionScenario(
  spec: RegionSpec,
  options: { now?: Date; measures?: ScenarioDocument[]; name?: string } = {},
): ScenarioDocument {
  const problems = regionProblems(spec);
  if (problems.length > 0)
    throw new Error(`the region cannot be built: ${problems.map((p) => p.code).join(', ')}`);
  const observed = observedTotals(spec);
  const stamp = (options.now ?? new Date()).toISOString();
  const cells = baselineCells(spec, observed);
  const baseline: ScenarioDocument = {
    schemaVersion: SCHEMA_VERSION,
    id: newScenarioId(),
    meta: {
      name: cells[0]?.[0] as string,
      createdAt: stamp,
      updatedAt: stamp,
      source: `${spec.organisation} (guidad start)`,
    },
    sheets: [
      {
        id: newSheetId(),
        name: BASELINE_SHEET,
        cells,
        columnWidths: [300, 110, 110, 90, 80, 420],
      },
    ],
    names: [],
  };
  const sheet = quoteSheetName(BASELINE_SHEET);
  const cell = (row: number) => `=${sheet}!$B$${row + 1}`;
  const n = spec.matrix.sectors.length;
  const lastCol = columnLabel(spec.matrix.years.length);
  const names: NamedExpression[] = [
    { name: BAU_NAME.rule, expression: cell(REGION_ROW.bauRule) },
    { name: BAU_NAME.slope, expression: cell(REGION_ROW.bauSlope) },
    { name: BAU_NAME.lastYear, expression: cell(REGION_ROW.lastObserved) },
    {
      name: SECTOR_NAME.names,
      expression: `=${sheet}!$A$${REGION_ROW.firstSector + 1}:$A$${REGION_ROW.firstSector + n}`,
    },
    {
      name: SECTOR_NAME.years,
      expression: `=${sheet}!$B$${REGION_ROW.sectorHeader + 1}:$${lastCol}$${REGION_ROW.sectorHeader + 1}`,
    },
    {
      name: SECTOR_NAME.values,
      expression: `=${sheet}!$B$${REGION_ROW.firstSector + 1}:$${lastCol}$${REGION_ROW.firstSector + n}`,
    },
  ];
  return buildScenario({
    name:
      options.name?.trim() ||
      `${spec.organisation} – mot −${Math.round(spec.targetCut * 100)} % till ${spec.targetYear}`,
    description: `Egen baslinje per sektor från ${spec.baseYear}, år till ${spec.endYear}.`,
    baseline,
    measures: options.measures ?? [],
    now: options.now,
    trajectory: { yearCount: spec.endYear - spec.baseYear + 1, bau: bauFormula(spec, observed) },
    names,
  });
}
