// Scenario workbooks: a baseline sheet, measure sheets from templates, and the trajectory sheet
// that wires them together in formulas. Building, adding and removing measures are pure functions
// that return a document or a command, so they undo like any edit.
import { columnLabel, quoteSheetName } from '../address';
import { type Command, applyCommand } from '../commands';
import {
  type NamedExpression,
  type RawCell,
  SCHEMA_VERSION,
  type ScenarioDocument,
  type Sheet,
  type SheetId,
  createSheet,
  findSheet,
  findSheetByName,
  newScenarioId,
  newSheetId,
} from '../document';
import { extractReferences, shiftFormula } from '../formula';
import { trajectoryFormats } from './modelFormats';
import {
  BASELINE_ROW,
  BASELINE_SHEET,
  CHART_NAME,
  FIRST_YEAR_COL,
  FIRST_YEAR_LABEL,
  KEY_FIGURES,
  MEASURE_LABEL,
  ROW,
  TRAJECTORY_SHEET,
  type TrajectoryColumns,
  YEAR_COUNT,
  trajectoryColumns,
  yearCountOf,
} from './layout';

/** Workbook names for the baseline parameters: readable formulas, one place to change them. */
export const GLOBAL_NAMES = {
  BaseYear: BASELINE_ROW.baseYear,
  BaseEmissions: BASELINE_ROW.baseEmissions,
  TargetYear: BASELINE_ROW.targetYear,
  TargetCut: BASELINE_ROW.targetCut,
  BauChange: BASELINE_ROW.bauChange,
  NeutralYear: BASELINE_ROW.neutralYear,
  CarbonBudget: BASELINE_ROW.carbonBudget,
} as const;

/** Where a measure sheet keeps what the trajectory links to (0-based rows). */
export interface MeasureRows {
  cost: number;
  type: number;
  years: number;
  reduction: number;
  total: number;
}

/** Find a measure sheet's marker rows by their labels in column A; null if it is not a measure. */
export function measureRows(sheet: Sheet): MeasureRows | null {
  const find = (label: string) => sheet.cells.findIndex((row) => row[0] === label);
  const rows = {
    cost: find(MEASURE_LABEL.cost),
    type: find(MEASURE_LABEL.type),
    years: find(MEASURE_LABEL.years),
    reduction: find(MEASURE_LABEL.reduction),
    total: find(MEASURE_LABEL.total),
  };
  return Object.values(rows).every((r) => r >= 0) ? rows : null;
}

const col = columnLabel;
const abs = (c: number, r: number) => `$${col(c)}$${r + 1}`;

/**
 * The BAU row's formula for the year in column `x` (`prev` is the column before, '' for the base
 * year); the default grows the base by BauChange each year.
 */
export type BauFormula = (x: string, prev: string, index: number) => string;

/** How a trajectory is built: its horizon and, for a generated region, its own BAU row. */
export interface TrajectoryOptions {
  yearCount?: number;
  bau?: BauFormula;
}

/** The trajectory sheet: years, baseline, BAU, measure slots, projection, target paths, gaps, key figures. */
export function trajectoryCells(options: TrajectoryOptions = {}): RawCell[][] {
  const cols = trajectoryColumns(options.yearCount ?? YEAR_COUNT);
  const { cost: COST_COL, total: TOTAL_COL, krPerTonne: KR_PER_T_COL, type: TYPE_COL } = cols;
  const rows: RawCell[][] = [];
  const set = (r: number, c: number, v: RawCell) => {
    while (rows.length <= r) rows.push([]);
    const row = rows[r] as RawCell[];
    while (row.length < c) row.push(null);
    row[c] = v;
  };
  const years = (r: number, label: string, unit: string, formula: BauFormula) => {
    set(r, 0, label);
    set(r, 1, unit);
    for (let i = 0; i < cols.yearCount; i++) {
      const c = FIRST_YEAR_COL + i;
      set(r, c, formula(col(c), i === 0 ? '' : col(c - 1), i));
    }
  };
  const y = ROW.years + 1;
  const b = ROW.base + 1;
  set(ROW.title, 0, 'Utsläppsbana mot målen');
  set(ROW.title, 1, 'Ändra antaganden på bladet Baslinje och på åtgärdsbladen; allt här är formler.');
  years(ROW.years, 'År', '', (_x, p) => (p ? `=${p}${y}+1` : '=BaseYear'));
  years(ROW.base, 'Basutsläpp', 't CO2e', (_x, p) => (p ? `=${p}${b}` : '=BaseEmissions'));
  years(
    ROW.bau,
    'Utan åtgärder (BAU)',
    't CO2e',
    options.bau ?? ((x, p) => (p ? `=${p}${ROW.bau + 1}*(1+BauChange)` : `=${x}${b}`)),
  );
  set(ROW.measuresHeader, 0, 'Åtgärder: minskning per år');
  set(ROW.measuresHeader, 1, 't CO2e');
  set(ROW.measuresHeader, COST_COL, 'Kostnad (kr)');
  set(ROW.measuresHeader, TOTAL_COL, 'Total minskning (t)');
  set(ROW.measuresHeader, KR_PER_T_COL, 'Kr per ton');
  set(ROW.measuresHeader, TYPE_COL, 'Typ');
  const first = ROW.firstSlot + 1;
  const last = ROW.lastSlot + 1;
  years(ROW.sumMeasures, 'Summa åtgärder', 't CO2e', (x) => `=SUM(${x}${first}:${x}${last})`);
  years(
    ROW.projected,
    'Prognos med åtgärder',
    't CO2e',
    (x) => `=MAX(0,${x}${ROW.bau + 1}-${x}${ROW.sumMeasures + 1})`,
  );
  const t = (x: string) => `${x}$${y}`;
  const e0 = (x: string) => `${x}$${b}`;
  years(
    ROW.targetLinear,
    'Mål: linjärt till −75 % målåret, sedan till noll',
    't CO2e',
    (x) =>
      `=IF(${t(x)}<=TargetYear,${e0(x)}-${e0(x)}*TargetCut*(${t(x)}-BaseYear)/(TargetYear-BaseYear),MAX(0,${e0(x)}*(1-TargetCut)*(1-(${t(x)}-TargetYear)/(NeutralYear-TargetYear))))`,
  );
  years(
    ROW.targetNeutral,
    'Mål: linjärt till klimatneutralt år',
    't CO2e',
    (x) => `=MAX(0,${e0(x)}*(1-(${t(x)}-BaseYear)/(NeutralYear-BaseYear)))`,
  );
  years(
    ROW.targetConstant,
    'Mål: konstant takt till målåret',
    't CO2e',
    (x) => `=${e0(x)}*(1-TargetCut)^((${t(x)}-BaseYear)/(TargetYear-BaseYear))`,
  );
  years(
    ROW.targetBudget,
    'Mål: koldioxidbudget (exponentiell)',
    't CO2e',
    (x) => `=${e0(x)}*EXP(-(${e0(x)}/CarbonBudget)*(${t(x)}-BaseYear))`,
  );
  const p = (x: string) => `${x}${ROW.projected + 1}`;
  const cumulative = (gapRow: number) => (x: string, prev: string) =>
    prev
      ? `=${prev}${ROW[gapRow === ROW.gapLinear ? 'gapLinearCumulative' : 'gapNeutralCumulative'] + 1}+${x}${gapRow + 1}`
      : `=${x}${gapRow + 1}`;
  years(ROW.gapLinear, 'Gap mot 2030-målbanan', 't CO2e', (x) => `=${p(x)}-${x}${ROW.targetLinear + 1}`);
  years(ROW.gapLinearCumulative, 'Gap mot 2030-målbanan, ackumulerat', 't CO2e', cumulative(ROW.gapLinear));
  years(
    ROW.gapNeutral,
    'Gap mot klimatneutral-banan',
    't CO2e',
    (x) => `=${p(x)}-${x}${ROW.targetNeutral + 1}`,
  );
  years(
    ROW.gapNeutralCumulative,
    'Gap mot klimatneutral-banan, ackumulerat',
    't CO2e',
    cumulative(ROW.gapNeutral),
  );
  years(ROW.gapConstant, 'Gap mot konstant takt', 't CO2e', (x) => `=${p(x)}-${x}${ROW.targetConstant + 1}`);
  years(ROW.gapBudget, 'Gap mot koldioxidbudget', 't CO2e', (x) => `=${p(x)}-${x}${ROW.targetBudget + 1}`);
  years(ROW.reductionShare, 'Minskning mot basåret', 'andel', (x) => `=1-${p(x)}/${e0(x)}`);

  const range = (r: number) => `$${FIRST_YEAR_LABEL}$${r + 1}:$${cols.lastYearLabel}$${r + 1}`;
  const at = (r: number, yearName: string) => `INDEX(${range(r)},1,${yearName}-BaseYear+1)`;
  const k = ROW.firstKey;
  const keyRow = (name: (typeof KEY_FIGURES)[number]) => k + KEY_FIGURES.indexOf(name) + 1;
  const keyFormulas: Record<(typeof KEY_FIGURES)[number], [string, string, RawCell]> = {
    reductionAtTarget: [
      'Minskning till målåret',
      'andel',
      `=1-${at(ROW.projected, 'TargetYear')}/BaseEmissions`,
    ],
    targetCut: ['Målets minskning', 'andel', '=TargetCut'],
    projectedAtTarget: ['Prognos målåret', 't CO2e', `=${at(ROW.projected, 'TargetYear')}`],
    targetLevel: ['Målnivå målåret', 't CO2e', '=BaseEmissions*(1-TargetCut)'],
    shortfallAtTarget: [
      'Saknas till målet målåret',
      't CO2e',
      `=MAX(0,B${keyRow('projectedAtTarget')}-B${keyRow('targetLevel')})`,
    ],
    residualAtNeutral: ['Kvar klimatneutralt år', 't CO2e', `=${at(ROW.projected, 'NeutralYear')}`],
    cumulativeGapToNeutral: [
      'Ackumulerat gap till klimatneutralt år',
      't CO2e',
      `=${at(ROW.gapLinearCumulative, 'NeutralYear')}`,
    ],
    totalCost: [
      'Total kostnad',
      'kr',
      `=SUM(${abs(COST_COL, ROW.firstSlot)}:${abs(COST_COL, ROW.lastSlot)})`,
    ],
    totalReduction: [
      'Total minskning',
      't CO2e',
      `=SUM(${abs(TOTAL_COL, ROW.firstSlot)}:${abs(TOTAL_COL, ROW.lastSlot)})`,
    ],
    costPerTonne: [
      'Kostnad per ton',
      'kr/t',
      `=IF(B${keyRow('totalReduction')}>0,B${keyRow('totalCost')}/B${keyRow('totalReduction')},"")`,
    ],
    baseYear: ['Basår', 'år', '=BaseYear'],
    baseEmissions: ['Basutsläpp', 't CO2e', '=BaseEmissions'],
    targetYear: ['Målår', 'år', '=TargetYear'],
    neutralYear: ['Klimatneutralt år', 'år', '=NeutralYear'],
  };
  set(ROW.keyHeader, 0, 'Nyckeltal');
  KEY_FIGURES.forEach((name, i) => {
    const [label, unit, formula] = keyFormulas[name];
    set(k + i, 0, label);
    set(k + i, 1, formula);
    set(k + i, 2, unit);
  });
  return rows;
}

/** Names: the baseline parameters and the ranges the charts read. */
export function scenarioNames(yearCount: number = YEAR_COUNT): NamedExpression[] {
  const { lastYearCol, lastYearLabel, cost, total, type } = trajectoryColumns(yearCount);
  const baseline = quoteSheetName(BASELINE_SHEET);
  const traj = quoteSheetName(TRAJECTORY_SHEET);
  const yearsOf = (r: number) => `=${traj}!$${FIRST_YEAR_LABEL}$${r + 1}:$${lastYearLabel}$${r + 1}`;
  const colOf = (c: number) => `=${traj}!${abs(c, ROW.firstSlot)}:${abs(c, ROW.lastSlot)}`;
  return [
    ...Object.entries(GLOBAL_NAMES).map(([name, row]) => ({
      name,
      expression: `=${baseline}!${abs(1, row)}`,
    })),
    { name: CHART_NAME.years, expression: yearsOf(ROW.years) },
    { name: CHART_NAME.base, expression: yearsOf(ROW.base) },
    { name: CHART_NAME.bau, expression: yearsOf(ROW.bau) },
    { name: CHART_NAME.projected, expression: yearsOf(ROW.projected) },
    { name: CHART_NAME.targetLinear, expression: yearsOf(ROW.targetLinear) },
    { name: CHART_NAME.targetNeutral, expression: yearsOf(ROW.targetNeutral) },
    { name: CHART_NAME.targetConstant, expression: yearsOf(ROW.targetConstant) },
    { name: CHART_NAME.targetBudget, expression: yearsOf(ROW.targetBudget) },
    { name: CHART_NAME.measureNames, expression: colOf(0) },
    {
      name: CHART_NAME.measures,
      expression: `=${traj}!${abs(FIRST_YEAR_COL, ROW.firstSlot)}:${abs(lastYearCol, ROW.lastSlot)}`,
    },
    { name: CHART_NAME.measureCost, expression: colOf(cost) },
    { name: CHART_NAME.measureTotal, expression: colOf(total) },
    { name: CHART_NAME.measureType, expression: colOf(type) },
    {
      name: CHART_NAME.keyFigures,
      expression: `=${traj}!${abs(1, ROW.firstKey)}:${abs(1, ROW.firstKey + KEY_FIGURES.length - 1)}`,
    },
  ];
}

/** The cells of one trajectory slot row linking to a measure sheet. */
export function slotRow(sheetName: string, rows: MeasureRows, yearCount: number = YEAR_COUNT): RawCell[] {
  const ref = quoteSheetName(sheetName);
  const row: RawCell[] = [`=${ref}!$A$1`, 't CO2e'];
  const { lastYearCol } = trajectoryColumns(yearCount);
  for (let c = FIRST_YEAR_COL; c <= lastYearCol; c++) row.push(`=${ref}!${col(c)}${rows.reduction + 1}`);
  row.push(null);
  row.push(`=${ref}!$B$${rows.cost + 1}`);
  row.push(`=${ref}!$B$${rows.total + 1}`);
  row.push(null); // kr per tonne, filled with the slot's own row by placeSlot
  row.push(`=${ref}!$B$${rows.type + 1}`);
  return row;
}

function placeSlot(row: RawCell[], slot: number, cols: TrajectoryColumns): RawCell[] {
  const copy = [...row];
  const r = ROW.firstSlot + slot + 1;
  const total = col(cols.total);
  // No N(): an error in the measure's total must stay an error here, not become "".
  copy[cols.krPerTonne] = `=IF(${total}${r}>0,${col(cols.cost)}${r}/${total}${r},"")`;
  return copy;
}

/**
 * A measure sheet's year band (its rows from "År" to "Minskning", columns from C) fitted to
 * `yearCount` years: each row continues its first year's formula (references shifted as a fill right
 * does) or is cut, and sums over the old band (`SUM(C36:AI36)`) are widened or narrowed with it.
 */
export function fitMeasureYears(cells: RawCell[][], rows: MeasureRows, yearCount: number): RawCell[][] {
  const out = cells.map((row) => [...row]);
  const yearRow = out[rows.years] ?? [];
  const oldCount = Math.max(1, yearRow.length - FIRST_YEAR_COL);
  if (oldCount === yearCount) return out;
  const oldLast = columnLabel(FIRST_YEAR_COL + oldCount - 1);
  const newLast = columnLabel(FIRST_YEAR_COL + yearCount - 1);
  for (let r = rows.years; r <= rows.reduction; r++) {
    const row = out[r];
    if (!row || row.length <= FIRST_YEAR_COL) continue;
    const first = row[FIRST_YEAR_COL] ?? null;
    // The year row's second column is the first to count on (=C35+1); the others fill from C.
    const model = r === rows.years ? (row[FIRST_YEAR_COL + 1] ?? null) : first;
    const from = r === rows.years ? 1 : 0;
    const band: RawCell[] = [];
    for (let i = 0; i < yearCount; i++) {
      const kept = i < oldCount ? (row[FIRST_YEAR_COL + i] ?? null) : undefined;
      if (kept !== undefined) band.push(kept);
      else
        band.push(
          typeof model === 'string' && model.startsWith('=') ? shiftFormula(model, 0, i - from) : model,
        );
    }
    out[r] = [...row.slice(0, FIRST_YEAR_COL), ...band];
  }
  const bandRange = new RegExp(
    `(?<![A-Z0-9_])(\\$?${FIRST_YEAR_LABEL}\\$?(\\d+):\\$?)${oldLast}(\\$?(\\d+))(?![A-Z0-9(])`,
    'gi',
  );
  const inBand = (r: number) => r >= rows.years + 1 && r <= rows.reduction + 1;
  for (const row of out) {
    row.forEach((v, c) => {
      if (typeof v !== 'string' || !v.startsWith('=')) return;
      row[c] = v.replace(bandRange, (all, head: string, r1: string, tail: string, r2: string) =>
        r1 === r2 && inBand(Number(r1)) ? `${head}${newLast}${tail}` : all,
      );
    });
  }
  return out;
}

/**
 * A measure template's sheet, renamed to be unique, fitted to the scenario's horizon and with its year
 * row tied to the trajectory.
 */
export function prepareMeasureSheet(
  template: Sheet,
  doc: Pick<ScenarioDocument, 'sheets'>,
  yearCount: number = YEAR_COUNT,
): Sheet | null {
  const rows = measureRows(template);
  if (!rows) return null;
  let name = template.name;
  for (let i = 2; findSheetByName(doc as ScenarioDocument, name); i++) name = `${template.name} ${i}`;
  const cells = fitMeasureYears(template.cells, rows, yearCount);
  const yearRow = cells[rows.years] as RawCell[];
  yearRow[FIRST_YEAR_COL] = `=${quoteSheetName(TRAJECTORY_SHEET)}!$${FIRST_YEAR_LABEL}$${ROW.years + 1}`;
  const sheet: Sheet = { id: newSheetId(), name, cells, columnWidths: [...template.columnWidths] };
  // The template's number formats come along (years plain, shares as percent).
  if (template.formats) sheet.formats = template.formats.map((row) => [...row]);
  return sheet;
}

export interface ScenarioParts {
  name: string;
  description?: string;
  baseline: ScenarioDocument;
  measures: ScenarioDocument[];
  now?: Date;
  /** The horizon and BAU row; the shipped scenarios keep the defaults (33 years, BauChange). */
  trajectory?: TrajectoryOptions;
  /** Names beyond the standard ones (a generated region's BAU rule and sector ranges). */
  names?: NamedExpression[];
}

/** Build a scenario workbook from a baseline and measure templates. */
export function buildScenario(parts: ScenarioParts): ScenarioDocument {
  const stamp = (parts.now ?? new Date()).toISOString();
  const baselineSheet = parts.baseline.sheets[0];
  if (!baselineSheet) throw new Error('the baseline template has no sheet');
  const yearCount = parts.trajectory?.yearCount ?? YEAR_COUNT;
  const trajectory = createSheet(TRAJECTORY_SHEET, trajectoryCells(parts.trajectory));
  trajectory.columnWidths = [300, 70];
  trajectory.formats = trajectoryFormats(trajectory.cells, yearCount);
  const baseline: Sheet = { ...structuredClone(baselineSheet), id: newSheetId(), name: BASELINE_SHEET };
  let doc: ScenarioDocument = {
    schemaVersion: SCHEMA_VERSION,
    id: newScenarioId(),
    meta: {
      name: parts.name,
      createdAt: stamp,
      updatedAt: stamp,
      ...(parts.description ? { description: parts.description } : {}),
      source: [parts.baseline.meta.source, ...parts.measures.map((m) => m.meta.source)]
        .filter(Boolean)
        .join(' · '),
    },
    sheets: [trajectory, baseline],
    names: [...scenarioNames(yearCount), ...(parts.names ?? [])],
  };
  for (const measure of parts.measures) {
    const command = addMeasureCommand(doc, measure);
    if (!command) continue;
    doc = applyLocally(doc, command);
  }
  return doc;
}

/** The trajectory sheet of a scenario workbook, found through the Chart_Years name. */
export function findTrajectory(doc: ScenarioDocument): Sheet | null {
  const years = doc.names.find((n) => n.name === CHART_NAME.years);
  if (!years || typeof years.expression !== 'string') return null;
  const ref = extractReferences(years.expression)[0];
  return (ref?.sheet && findSheetByName(doc, ref.sheet)) || null;
}

/** Which measure sheet each trajectory slot links to (null for an empty slot). */
export function measureSlots(doc: ScenarioDocument): { slot: number; sheet: Sheet | null }[] {
  const trajectory = findTrajectory(doc);
  if (!trajectory) return [];
  return Array.from({ length: ROW.slotCount }, (_, slot) => {
    const link = trajectory.cells[ROW.firstSlot + slot]?.[FIRST_YEAR_COL];
    const name = typeof link === 'string' ? extractReferences(link)[0]?.sheet : undefined;
    return { slot, sheet: name ? (findSheetByName(doc, name) ?? null) : null };
  });
}

/** A command that inserts a measure template's sheet and wires it into the first free slot. */
export function addMeasureCommand(doc: ScenarioDocument, template: ScenarioDocument): Command | null {
  const trajectory = findTrajectory(doc);
  const source = template.sheets[0];
  if (!trajectory || !source) return null;
  const free = measureSlots(doc).find((s) => s.sheet === null && isEmptySlot(trajectory, s.slot));
  if (!free) return null;
  const cols = trajectoryColumns(yearCountOf(doc) ?? YEAR_COUNT);
  const sheet = prepareMeasureSheet(source, doc, cols.yearCount);
  const rows = sheet && measureRows(sheet);
  if (!sheet || !rows) return null;
  return {
    type: 'batch',
    commands: [
      { type: 'addSheet', sheet, index: doc.sheets.length },
      {
        type: 'setCells',
        sheetId: trajectory.id,
        row: ROW.firstSlot + free.slot,
        col: 0,
        values: [placeSlot(slotRow(sheet.name, rows, cols.yearCount), free.slot, cols)],
      },
    ],
  };
}

/** A command that removes a measure: clears its slot on the trajectory and deletes its sheet. */
export function removeMeasureCommand(doc: ScenarioDocument, sheetId: SheetId): Command | null {
  const trajectory = findTrajectory(doc);
  const slot = measureSlots(doc).find((s) => s.sheet?.id === sheetId);
  if (!trajectory || !slot || !findSheet(doc, sheetId)) return null;
  const width = (trajectory.cells[ROW.firstSlot + slot.slot] ?? []).length;
  return {
    type: 'batch',
    commands: [
      {
        type: 'setCells',
        sheetId: trajectory.id,
        row: ROW.firstSlot + slot.slot,
        col: 0,
        values: [new Array(width).fill(null)],
      },
      { type: 'removeSheet', sheetId },
    ],
  };
}

function isEmptySlot(trajectory: Sheet, slot: number): boolean {
  const row = trajectory.cells[ROW.firstSlot + slot] ?? [];
  return row.every((v) => v === null || v === '');
}

function applyLocally(doc: ScenarioDocument, command: Command): ScenarioDocument {
  return applyCommand(doc, command).doc;
}
