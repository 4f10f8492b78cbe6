// New fund decisions as edits: the form's input checked, written into the fund sheet's free rows
// (a decision row and its cost lines, one undoable command), and a decision's measure built from
// its template with the decision's values, ready to add to a scenario.
import { type Command, applyCommand } from '../commands';
import type { RawCell, ScenarioDocument, Sheet } from '../document';
import { MEASURE_LABEL } from '../scenario/layout';
import { customiseTemplate } from '../scenario/shipped';
import type { Decision, FundData, ReductionKind } from './fund';
import { FUND_LABEL, type FundTable, KIND_TEXT, fundTables } from './readFund';

export interface CostLineInput {
  category: string;
  amount: number;
  description: string;
}

export interface DecisionInput {
  project: string;
  unit: string;
  cost: number;
  /** t CO2e once or per year, as `kind` says; null when none is given. */
  reduction: number | null;
  kind: ReductionKind;
  year: number;
  lifetime: number | null;
  template: string | null;
  lines: CostLineInput[];
}

export type DecisionProblem =
  | { kind: 'name' }
  | { kind: 'cost' }
  | { kind: 'reduction' }
  | { kind: 'year' }
  | { kind: 'line'; index: number };

/** What is wrong with a new decision before it is written: each problem once, in form order. */
export function decisionProblems(input: DecisionInput, fund: Pick<FundData, 'budgets'>): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  if (input.project.trim() === '') problems.push({ kind: 'name' });
  if (!Number.isFinite(input.cost) || input.cost <= 0) problems.push({ kind: 'cost' });
  if (input.reduction !== null && (!Number.isFinite(input.reduction) || input.reduction < 0))
    problems.push({ kind: 'reduction' });
  if (!fund.budgets.some((b) => b.year === input.year)) problems.push({ kind: 'year' });
  input.lines.forEach((l, index) => {
    if (l.category.trim() === '' || !Number.isFinite(l.amount) || l.amount <= 0)
      problems.push({ kind: 'line', index });
  });
  return problems;
}

/** Blank rows (column A empty) of a table, top down. */
function freeRows(cells: readonly (readonly RawCell[] | undefined)[], t: FundTable): number[] {
  const out: number[] = [];
  for (let r = t.first; r <= t.last; r++) {
    const a = cells[r]?.[0];
    if (a === undefined || a === null || a === '') out.push(r);
  }
  return out;
}

/** Write `values` by header label into one row, one setCells per cell so formulas between stay. */
function writeRow(
  sheet: Sheet,
  t: FundTable,
  row: number,
  values: Record<string, RawCell>,
  first: RawCell,
): Command[] {
  const cells: [number, RawCell][] = [[0, first]];
  for (const [name, value] of Object.entries(values)) {
    const col = t.columns[name];
    if (col !== undefined) cells.push([col, value]);
  }
  return cells.map(([col, value]) => ({ type: 'setCells', sheetId: sheet.id, row, col, values: [[value]] }));
}

/**
 * The command that writes a new decision into the last decision table's first free row and its cost
 * lines into the cost-line table's free rows, as one undoable step. Refused when a table is full.
 */
export function addDecisionCommand(
  sheet: Sheet,
  input: DecisionInput,
): { ok: true; command: Command; row: number } | { ok: false; full: 'decisions' | 'costLines' } {
  const tables = fundTables(sheet.cells);
  // New decisions go to the last decision table (the seed's own table is a closed record above it).
  const decisionTable = [...tables].reverse().find((t) => t.kind === 'decisions');
  const row = decisionTable ? freeRows(sheet.cells, decisionTable)[0] : undefined;
  if (!decisionTable || row === undefined) return { ok: false, full: 'decisions' };
  const lineTable = [...tables].reverse().find((t) => t.kind === 'costLines');
  const lineRows = lineTable ? freeRows(sheet.cells, lineTable) : [];
  if (input.lines.length > 0 && (!lineTable || lineRows.length < input.lines.length))
    return { ok: false, full: 'costLines' };
  const commands = writeRow(
    sheet,
    decisionTable,
    row,
    {
      [FUND_LABEL.unit]: input.unit.trim(),
      [FUND_LABEL.cost]: input.cost,
      [FUND_LABEL.reduction]: input.reduction,
      [FUND_LABEL.kind]: input.kind === 'none' ? null : KIND_TEXT[input.kind],
      [FUND_LABEL.year]: input.year,
      [FUND_LABEL.lifetime]: input.lifetime,
      [FUND_LABEL.template]: input.template,
    },
    input.project.trim(),
  );
  input.lines.forEach((line, i) => {
    const at = lineRows[i];
    if (!lineTable || at === undefined) return;
    commands.push(
      ...writeRow(
        sheet,
        lineTable,
        at,
        {
          [FUND_LABEL.unit]: input.unit.trim(),
          [FUND_LABEL.amount]: line.amount,
          [FUND_LABEL.category]: line.category,
          [FUND_LABEL.description]: line.description.trim() || null,
        },
        input.project.trim(),
      ),
    );
  });
  return { ok: true, command: { type: 'batch', commands }, row };
}

/**
 * The row of a measure template's calculation that gives its reduction at full effect: the last row
 * labelled "Minskning …" above the years row ("Minskning vid full effekt", "… vid leverans").
 */
function fullEffectRow(sheet: Sheet): number {
  const years = sheet.cells.findIndex((r) => r[0] === MEASURE_LABEL.years);
  let found = -1;
  sheet.cells.forEach((r, i) => {
    if ((years < 0 || i < years) && typeof r[0] === 'string' && r[0].startsWith('Minskning')) found = i;
  });
  return found;
}

/**
 * A decision's measure: its template with the decision's title, cost, year, kind and lifetime, and
 * its reduction in place of the template's full-effect calculation (said in the note beside it, so
 * the planner can restore the calculation). A lifetime not given keeps the template's.
 * @throws when the template lacks a parameter every measure template has (a programmer error).
 */
export function decisionMeasure(template: ScenarioDocument, decision: Decision): ScenarioDocument {
  const set: Record<string, RawCell> = { Kostnad: decision.cost };
  if (decision.year !== null) set.Startår = decision.year;
  if (decision.kind === 'one-off') set.Typ = 'engång';
  if (decision.kind === 'annual') set.Typ = 'årlig';
  if (decision.lifetime !== null) set.Livslängd = decision.lifetime;
  const title = decision.unit ? `${decision.project} (${decision.unit})` : decision.project;
  let doc = customiseTemplate(template, { template: template.id, title, set });
  const sheet = doc.sheets[0];
  const row = sheet ? fullEffectRow(sheet) : -1;
  const reduces = decision.reduction !== null && (decision.kind === 'one-off' || decision.kind === 'annual');
  if (sheet && row >= 0 && reduces) {
    const before = sheet.cells[row]?.[1];
    const unit = decision.kind === 'annual' ? 't CO2e/år' : 't CO2e';
    const note = `Klimatfondens beslut: ${decision.reduction} ${unit}. Mallens beräkning (${String(before)}) är ersatt av beslutets siffra; skriv in den igen för att räkna från parametrarna.`;
    const cell = (col: number, value: RawCell): Command => ({
      type: 'setCells',
      sheetId: sheet.id,
      row,
      col,
      values: [[value]],
    });
    doc = applyCommand(doc, { type: 'batch', commands: [cell(1, decision.reduction), cell(5, note)] }).doc;
  }
  return doc;
}
