// The climate fund as a model: decisions with their cost and reduction, the budget per year
// (decided, spent, remaining), kr per tonne with one-off and annual reductions kept apart, a ranking,
// and an eligibility check of each decision's cost lines. Pure: the data comes from readFund.ts.

/** How a decision's reduction happens: once, every year, not by itself (it enables others), or not given. */
export type ReductionKind = 'one-off' | 'annual' | 'enabler' | 'none';

export interface Decision {
  /** The row on the fund sheet (0-based). */
  row: number;
  project: string;
  /** The organisation the money goes to (Verksamhet). */
  unit: string;
  /** Decided kr; null where the cell holds no number. */
  cost: number | null;
  /** t CO2e once (one-off) or per year (annual); null where none is given. */
  reduction: number | null;
  kind: ReductionKind;
  year: number | null;
  /** Kr spent so far; null where not reported. */
  spent: number | null;
  /** Years an annual reduction lasts; null where not given. */
  lifetime: number | null;
  /** The measure template (models/templates file stem) this decision's measure is built from. */
  template: string | null;
}

export interface BudgetFrame {
  year: number;
  /** The year's budget in kr. */
  frame: number;
}

export interface CostCategory {
  name: string;
  eligible: boolean;
  /** The fund's condition, as the workbook states it. */
  condition: string;
}

export interface CostLine {
  row: number;
  project: string;
  unit: string;
  amount: number | null;
  category: string;
  description: string;
}

/** Everything the fund view shows, read from the fund's workbook. */
export interface FundData {
  decisions: Decision[];
  budgets: BudgetFrame[];
  categories: CostCategory[];
  costLines: CostLine[];
}

/** One year's budget: decided, spent, remaining; money must be spent within the year. */
export interface YearBudget {
  year: number;
  frame: number;
  decided: number;
  spent: number;
  /** Frame minus decided: what is left to decide. Negative when over budget. */
  remaining: number;
  /** Decided minus spent: what must still be spent before the year ends. */
  unspent: number;
  /** How many of the year's decisions report what they spent. */
  spentReported: number;
  decisions: number;
}

/**
 * The budget per year: each frame with the year's decided and spent money. Decisions without a
 * number for their cost add nothing; spending not reported counts as not spent (and is counted).
 * @example fundBudget(fund)[0] → { year: 2025, frame: 10_000_000, decided: 10_000_000, remaining: 0, … }
 */
export function fundBudget(fund: Pick<FundData, 'decisions' | 'budgets'>): YearBudget[] {
  return fund.budgets.map(({ year, frame }) => {
    const mine = fund.decisions.filter((d) => d.year === year);
    const decided = sum(mine.map((d) => d.cost ?? 0));
    const spent = sum(mine.map((d) => d.spent ?? 0));
    return {
      year,
      frame,
      decided,
      spent,
      remaining: frame - decided,
      unspent: decided - spent,
      spentReported: mine.filter((d) => d.spent !== null).length,
      decisions: mine.length,
    };
  });
}

/**
 * The fund's reductions by kind. One-off and annual tonnes are different quantities (t once against
 * t every year) and are never added: there is deliberately no total.
 */
export function reductionTotals(decisions: readonly Decision[]): { oneOff: number; annual: number } {
  const of = (kind: ReductionKind) =>
    sum(decisions.filter((d) => d.kind === kind).map((d) => d.reduction ?? 0));
  return { oneOff: of('one-off'), annual: of('annual') };
}

/** A project: the decisions sharing one project name (one project funded through several units). */
export interface Project {
  name: string;
  rows: number[];
  cost: number;
  /** The sum of its decisions' reductions; null when none gives one. */
  reduction: number | null;
  /** The kind of its reductions; 'mixed' when its rows give reductions of different kinds. */
  kind: ReductionKind | 'mixed';
  /** kr per tonne (one-off) or kr per tonne and year (annual); null when it has no reduction. */
  krPerTonne: number | null;
}

/**
 * Decisions grouped by project name: a reduction given on one row of a group (the aprons' 750 t per
 * year across five units) is the whole group's, so its kr per tonne is the group's cost over it.
 */
export function fundProjects(decisions: readonly Decision[]): Project[] {
  const byName = new Map<string, Decision[]>();
  for (const d of decisions) {
    const key = d.project.trim();
    byName.set(key, [...(byName.get(key) ?? []), d]);
  }
  return [...byName.entries()].map(([name, rows]) => {
    const cost = sum(rows.map((d) => d.cost ?? 0));
    const reducing = rows.filter((d) => d.reduction !== null && d.reduction > 0);
    const kinds = new Set(reducing.map((d) => d.kind));
    const kind: Project['kind'] =
      kinds.size > 1 ? 'mixed' : ([...kinds][0] ?? rows.find((d) => d.kind !== 'none')?.kind ?? 'none');
    const reduction = reducing.length > 0 ? sum(reducing.map((d) => d.reduction ?? 0)) : null;
    const rankable = reduction !== null && (kind === 'one-off' || kind === 'annual');
    return {
      name,
      rows: rows.map((d) => d.row),
      cost,
      reduction,
      kind,
      krPerTonne: rankable && reduction !== null ? cost / reduction : null,
    };
  });
}

export interface Ranking {
  /** One-off reductions, cheapest kr per tonne first. */
  oneOff: Project[];
  /** Annual reductions, cheapest kr per (tonne per year) first. */
  annual: Project[];
  /** Projects without a reduction to rank by (enablers, none given, mixed kinds). */
  unranked: Project[];
}

/**
 * Projects ranked by kr per tonne, one-off and annual apart: a tonne saved once and a tonne saved
 * every year are not the same thing, so they are not put in one list.
 */
export function fundRanking(decisions: readonly Decision[]): Ranking {
  const projects = fundProjects(decisions);
  const ranked = (kind: ReductionKind) =>
    projects
      .filter((p) => p.kind === kind && p.krPerTonne !== null)
      .sort((a, b) => (a.krPerTonne as number) - (b.krPerTonne as number));
  return {
    oneOff: ranked('one-off'),
    annual: ranked('annual'),
    unranked: projects.filter((p) => p.krPerTonne === null),
  };
}

/** A decision's cost lines checked against the fund's conditions. */
export interface Eligibility {
  lines: CostLine[];
  /** Lines in a category the fund does not pay for. */
  ineligible: CostLine[];
  /** Lines whose category is not one of the fund's categories. */
  unknown: CostLine[];
  /** The lines' sum, and whether it equals the decided amount. */
  linesTotal: number;
  matchesDecided: boolean;
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('sv') === b.trim().toLocaleLowerCase('sv');
}

/**
 * The eligibility check of one decision: its cost lines (same project and unit), each tagged by
 * category; lines in an ineligible category, or in no known category, are flagged.
 */
export function eligibility(
  decision: Decision,
  fund: Pick<FundData, 'costLines' | 'categories'>,
): Eligibility {
  const lines = fund.costLines.filter(
    (l) => sameText(l.project, decision.project) && sameText(l.unit, decision.unit),
  );
  const categoryOf = (l: CostLine) => fund.categories.find((c) => sameText(c.name, l.category));
  const linesTotal = sum(lines.map((l) => l.amount ?? 0));
  return {
    lines,
    ineligible: lines.filter((l) => categoryOf(l)?.eligible === false),
    unknown: lines.filter((l) => categoryOf(l) === undefined),
    linesTotal,
    matchesDecided: decision.cost !== null && Math.abs(linesTotal - decision.cost) < 0.5,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
