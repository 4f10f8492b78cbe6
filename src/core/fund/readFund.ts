// Reading the fund's tables from its sheet: the decision tables, the budget per year, the cost
// categories with their eligibility and the cost lines, each found by its header labels (so the
// planner can move, widen or add to them in the grid), like parameters.ts reads parameter blocks.
import type { RawCell, Sheet } from '../document';
import type { CellValue } from '../values';
import type { BudgetFrame, CostCategory, CostLine, Decision, FundData, ReductionKind } from './fund';

/** Header labels the tables are found by (the fund workbook is Swedish, like the seed). */
export const FUND_LABEL = {
  unit: 'Verksamhet',
  cost: 'Beslutat (kr)',
  reduction: 'Minskning (t CO2e)',
  kind: 'Typ',
  krPerTonne: 'Kr per ton',
  note: 'Notering',
  year: 'År',
  spent: 'Upparbetat (kr)',
  lifetime: 'Livslängd (år)',
  template: 'Åtgärdsmall',
  frame: 'Ram (kr)',
  category: 'Kostnadskategori',
  eligible: 'Stödberättigad',
  amount: 'Belopp (kr)',
  description: 'Beskrivning',
} as const;

/** The words in the Typ column and the kind each means. */
const KIND_WORDS: Record<string, ReductionKind> = {
  engång: 'one-off',
  'per år': 'annual',
  årlig: 'annual',
  möjliggörare: 'enabler',
};

/** The Typ word a kind is written with. */
export const KIND_TEXT: Record<Exclude<ReductionKind, 'none'>, string> = {
  'one-off': 'engång',
  annual: 'per år',
  enabler: 'möjliggörare',
};

export type FundTableKind = 'decisions' | 'budget' | 'categories' | 'costLines';

/** A table on the fund sheet: its header row, its columns by label, and the rows it spans. */
export interface FundTable {
  kind: FundTableKind;
  header: number;
  /** 0-based column of each header label. */
  columns: Record<string, number>;
  /** Rows from the one under the header up to (not including) a `Summa …` row or the next header. */
  first: number;
  last: number;
}

type Cell = RawCell | CellValue | undefined;

function label(v: Cell): string {
  return typeof v === 'string' ? v.trim() : '';
}

function tableKind(row: readonly Cell[]): FundTableKind | null {
  const labels = new Set(row.map(label));
  if (labels.has(FUND_LABEL.cost) && labels.has(FUND_LABEL.reduction)) return 'decisions';
  if (labels.has(FUND_LABEL.frame)) return 'budget';
  if (labels.has(FUND_LABEL.amount) && labels.has(FUND_LABEL.category)) return 'costLines';
  if (label(row[0]) === FUND_LABEL.category && labels.has(FUND_LABEL.eligible)) return 'categories';
  return null;
}

/**
 * The fund tables of a sheet, raw cells or computed values alike (headers are plain text either way).
 * A table runs to the row before a `Summa …` row, the next table's header or the sheet's end; blank
 * rows inside it are free rows for new entries.
 */
export function fundTables(rows: readonly (readonly Cell[] | undefined)[]): FundTable[] {
  const tables: FundTable[] = [];
  rows.forEach((row, r) => {
    const kind = row ? tableKind(row) : null;
    if (!kind || !row) return;
    const columns: Record<string, number> = {};
    row.forEach((v, c) => {
      const l = label(v);
      if (l !== '' && columns[l] === undefined) columns[l] = c;
    });
    tables.push({ kind, header: r, columns, first: r + 1, last: rows.length - 1 });
  });
  for (const t of tables) {
    for (let r = t.first; r < rows.length; r++) {
      const row = rows[r];
      const isEnd = label(row?.[0]).startsWith('Summa') || (row !== undefined && tableKind(row) !== null);
      if (isEnd) {
        t.last = r - 1;
        break;
      }
    }
  }
  return tables;
}

/** A sheet is the fund's when it has a decision table and a budget table. */
export function isFundSheet(sheet: Pick<Sheet, 'cells'>): boolean {
  const kinds = new Set(fundTables(sheet.cells).map((t) => t.kind));
  return kinds.has('decisions') && kinds.has('budget');
}

/** The fund's sheet of a workbook, if it has one. */
export function findFundSheet<S extends Pick<Sheet, 'cells'>>(doc: { sheets: readonly S[] }): S | undefined {
  return doc.sheets.find(isFundSheet);
}

function num(v: Cell): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function text(v: Cell): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function kindOf(v: Cell): ReductionKind {
  return KIND_WORDS[text(v).toLocaleLowerCase('sv')] ?? 'none';
}

function eligibleOf(v: Cell): boolean {
  if (typeof v === 'boolean') return v;
  return ['ja', 'yes', 'sant', 'true'].includes(text(v).toLocaleLowerCase('sv'));
}

/** The categories' condition column: the one whose label starts with "Villkor". */
function conditionColumn(t: FundTable): number {
  const found = Object.entries(t.columns).find(([l]) => l.startsWith('Villkor'));
  return found ? found[1] : -1;
}

/**
 * Read the fund from its sheet's computed values (a formula's result, never its text): every
 * decision table's filled rows, the budget frames, the cost categories and the cost lines.
 */
export function readFund(values: readonly (readonly CellValue[] | undefined)[]): FundData {
  const fund: FundData = { decisions: [], budgets: [], categories: [], costLines: [] };
  for (const t of fundTables(values)) {
    const at = (row: readonly CellValue[] | undefined, name: string): Cell => {
      const c = t.columns[name];
      return c === undefined ? undefined : row?.[c];
    };
    for (let r = t.first; r <= t.last; r++) {
      const row = values[r];
      const name = text(row?.[0]);
      if (name === '') continue;
      if (t.kind === 'decisions') {
        fund.decisions.push({
          row: r,
          project: name,
          unit: text(at(row, FUND_LABEL.unit)),
          cost: num(at(row, FUND_LABEL.cost)),
          reduction: num(at(row, FUND_LABEL.reduction)),
          kind: kindOf(at(row, FUND_LABEL.kind)),
          year: num(at(row, FUND_LABEL.year)),
          spent: num(at(row, FUND_LABEL.spent)),
          lifetime: num(at(row, FUND_LABEL.lifetime)),
          template: text(at(row, FUND_LABEL.template)) || null,
        } satisfies Decision);
      } else if (t.kind === 'budget') {
        const year = num(row?.[0]);
        const frame = num(at(row, FUND_LABEL.frame));
        if (year !== null && frame !== null) fund.budgets.push({ year, frame } satisfies BudgetFrame);
      } else if (t.kind === 'categories') {
        fund.categories.push({
          name,
          eligible: eligibleOf(at(row, FUND_LABEL.eligible)),
          condition: text(row?.[conditionColumn(t)]),
        } satisfies CostCategory);
      } else {
        fund.costLines.push({
          row: r,
          project: name,
          unit: text(at(row, FUND_LABEL.unit)),
          amount: num(at(row, FUND_LABEL.amount)),
          category: text(at(row, FUND_LABEL.category)),
          description: text(at(row, FUND_LABEL.description)),
        } satisfies CostLine);
      }
    }
  }
  return fund;
}
