// Which of a scenario's ranged parameters are levers (what a measure does: its size, its shares) and
// which are assumptions (what the world is: the baseline, its BAU trend, emission factors), grouped
// by sheet. The rule, read from the shipped models:
//   - every ranged parameter on the baseline sheet is an assumption (base emissions, BAU trend);
//   - on a measure sheet, an emission factor is an assumption: a unit of CO2(e) per something that is
//     not a time (`t CO2/t stål`, `g CO2e/st`, `kg CO2e/liter`, `g CO2/kWh`), or a GWP;
//   - every other ranged parameter on a measure sheet is a lever (`t CO2e/år` is a measure's size).
// Only parameters a slider can hold are listed: numeric (number, share, year), both bounds numbers,
// low < high. Pure: it reads the document only.
import { type RawCell, type ScenarioDocument, type Sheet, isFormula } from '../document';
import { scenarioParameters } from './errorOrigin';
import { BASELINE_SHEET } from './layout';
import { type Parameter, rangeRuleProblem } from './parameters';

export type LeverRole = 'lever' | 'assumption';

export interface Lever {
  parameter: Parameter;
  role: LeverRole;
  low: number;
  high: number;
  /** The slider's step: 0.01 for a share, 1 for a year, else a round number near 1/100 of the range. */
  step: number;
}

/** The ranged parameters of one sheet (the baseline or one measure), in sheet order. */
export interface LeverGroup {
  sheetId: Sheet['id'];
  /** The measure's title (A1), else the sheet's name. */
  title: string;
  levers: Lever[];
}

export interface LeverClassification {
  levers: LeverGroup[];
  assumptions: LeverGroup[];
}

/** A unit of emissions per something other than a year: an emission factor. */
const EMISSION_FACTOR_UNIT = /CO2e?\s*\/\s*(?!år\b|yr\b|year\b)\S/i;
const GWP = /\bGWP/i;

/** True when a parameter is an emission factor (by its unit, or a global warming potential). */
export function isEmissionFactor(p: Pick<Parameter, 'unit' | 'name'>): boolean {
  return EMISSION_FACTOR_UNIT.test(p.unit) || GWP.test(p.name);
}

/** Lever or assumption, by the rule in this module's header. */
export function leverRole(p: Parameter): LeverRole {
  return p.sheet === BASELINE_SHEET || isEmissionFactor(p) ? 'assumption' : 'lever';
}

/** A round step (1, 2 or 5 × a power of ten) no larger than a hundredth of the range. */
export function sliderStep(kind: Parameter['kind']['kind'], low: number, high: number): number {
  if (kind === 'share') return 0.01;
  if (kind === 'year') return 1;
  const target = (high - low) / 100;
  const power = 10 ** Math.floor(Math.log10(target));
  const step = [5, 2, 1].map((m) => m * power).find((s) => s <= target * (1 + 1e-9)) ?? power;
  // Written as a decimal with no binary noise (0.0005, not 0.0005000000000000001).
  return Number(step.toPrecision(1));
}

/** A parameter a slider can hold: numeric, with two numeric bounds, low below high. */
export function toLever(p: Parameter): Lever | null {
  if (p.kind.kind !== 'number' && p.kind.kind !== 'share' && p.kind.kind !== 'year') return null;
  if (rangeRuleProblem(p) !== null || typeof p.low !== 'number' || typeof p.high !== 'number') return null;
  if (!(p.low < p.high)) return null;
  if (typeof p.value !== 'number' && !isFormula(p.value)) return null;
  return {
    parameter: p,
    role: leverRole(p),
    low: p.low,
    high: p.high,
    step: sliderStep(p.kind.kind, p.low, p.high),
  };
}

function sheetTitle(sheet: Sheet | undefined, fallback: string): string {
  const title: RawCell | undefined = sheet?.cells[0]?.[0];
  return typeof title === 'string' && title.trim() !== '' ? title : fallback;
}

/** The scenario's levers and assumptions, each grouped by sheet (baseline first, then measures in slot order). */
export function classifyLevers(doc: ScenarioDocument): LeverClassification {
  const out: LeverClassification = { levers: [], assumptions: [] };
  for (const p of scenarioParameters(doc)) {
    const lever = toLever(p);
    if (!lever) continue;
    const groups = lever.role === 'lever' ? out.levers : out.assumptions;
    let group = groups.find((g) => g.sheetId === p.sheetId);
    if (!group) {
      const sheet = doc.sheets.find((s) => s.id === p.sheetId);
      group = { sheetId: p.sheetId, title: sheetTitle(sheet, p.sheet), levers: [] };
      groups.push(group);
    }
    group.levers.push(lever);
  }
  return out;
}

/** Every lever and assumption in one list (levers first). */
export function allLevers(c: LeverClassification): Lever[] {
  return [...c.levers, ...c.assumptions].flatMap((g) => g.levers);
}
