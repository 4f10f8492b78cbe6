// The default inputs of a Monte Carlo run: every ranged numeric parameter of the scenario (its
// parameter blocks, read by parameters.ts), drawn triangular(low, value, high) unless told otherwise.
import { formatAddress, quoteSheetName } from '../address';
import type { RawCell, SheetId } from '../document';
import { type Parameter, rangeRuleProblem, workbookParameters } from '../scenario/parameters';
import type { CompilableWorkbook } from './compile';
import { type Distribution, type ParameterRange, rangeProblem } from './sampling';

/** One sampled parameter: a cell (sheet by id or name) and how it varies. */
export interface MonteCarloInput extends ParameterRange {
  sheet: string;
  row: number;
  col: number;
}

/**
 * A sampled cell as a planner reads it and as the scenario stores its distribution
 * (`MonteCarloSettings.distributions`): the same text as `Parameter.address`.
 * @example inputAddress({ sheet: 'Klimatfond 2025', row: 7, col: 1 }) // "'Klimatfond 2025'!B8"
 */
export function inputAddress(p: { sheet: string; row: number; col: number }): string {
  return `${quoteSheetName(p.sheet)}!${formatAddress(p.row, p.col)}`;
}

/** A ranged parameter left out of the run, and why (said to the planner, not dropped silently). */
export interface SkippedParameter {
  address: string;
  name: string;
  reason: string;
}

export interface DefaultInputs {
  inputs: MonteCarloInput[];
  skipped: SkippedParameter[];
}

/**
 * The inputs a Monte Carlo run samples when none are given: each parameter with a low and a high
 * whose kind is a number or a share (choices, text and years are not sampled). The mode is the
 * stored value, or for a formula the value `computed` gives (the engine's value of that cell).
 * @example monteCarloInputs(doc, (p) => engine.cell(p.sheet, p.row, p.col))
 */
export function monteCarloInputs(
  workbook: Pick<CompilableWorkbook, 'sheets'>,
  computed: (p: Parameter) => unknown = () => undefined,
  distribution: Distribution | ((address: string) => Distribution | undefined) = 'triangular',
): DefaultInputs {
  const distributionOf = (address: string) =>
    (typeof distribution === 'function' ? distribution(address) : distribution) ?? 'triangular';
  const sheets = workbook.sheets.map((s) => ({
    id: (s.id ?? s.name) as SheetId,
    name: s.name,
    cells: s.cells,
  }));
  const inputs: MonteCarloInput[] = [];
  const skipped: SkippedParameter[] = [];
  for (const p of workbookParameters({ sheets })) {
    if (p.low === null && p.high === null) continue;
    const skip = (reason: string) => skipped.push({ address: p.address, name: p.name, reason });
    if (p.kind.kind !== 'number' && p.kind.kind !== 'share') {
      skip(`a ${p.kind.kind} is not sampled`);
      continue;
    }
    const rule = rangeRuleProblem(p);
    if (rule) {
      skip(`its range breaks the rule (${rule})`);
      continue;
    }
    const mode = numberOf(p.value) ?? numberOf(computed(p));
    if (mode === undefined) {
      skip('its value is not a number');
      continue;
    }
    const input: MonteCarloInput = {
      sheet: p.sheet,
      row: p.row,
      col: p.col,
      low: p.low as number,
      mode,
      high: p.high as number,
      distribution: distributionOf(p.address),
    };
    const why = rangeProblem(input);
    if (why) skip(why);
    else inputs.push(input);
  }
  return { inputs, skipped };
}

/** A number as stored or computed; a formula, text or error is not one. */
function numberOf(v: RawCell | unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
