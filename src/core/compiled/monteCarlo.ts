// Monte Carlo over a scenario workbook: draws the inputs, evaluates the trajectory for every sample
// with the compiled evaluator (or the reference engine, per workbook or per sample), and summarises
// the chance of meeting the targets. The reference engine is passed in: the core imports no HyperFormula.
import {
  FIRST_YEAR_COL,
  KEY_FIGURES,
  ROW,
  TRAJECTORY_SHEET,
  YEAR_COUNT,
  yearCountOf,
} from '../scenario/layout';
import { type CellAddress, type CompilableWorkbook, compileWorkbook } from './compile';
import { type MonteCarloInput, type SkippedParameter, monteCarloInputs } from './inputs';
import { type Distribution, drawSamples, rangeProblem } from './sampling';
import type { Scalar } from './values';
import { sampleAt } from './vector';

export type { MonteCarloInput } from './inputs';

/** The engine every compiled result must equal; evaluates what the compiled path cannot. */
export interface ReferenceEngine {
  /** A cell's value in the workbook as loaded, unrounded (folded constants). */
  constant(address: CellAddress): Scalar;
  /** One sample: set the inputs to these values and read the outputs. */
  evaluate(inputs: CellAddress[], values: number[], outputs: CellAddress[]): Scalar[];
}

export interface MonteCarloOptions {
  samples: number;
  seed: number;
  /** The sampled cells; without them, every ranged numeric parameter of the scenario (monteCarloInputs). */
  inputs?: MonteCarloInput[];
  /**
   * Without `inputs`: the distribution of a parameter by its address (`Drivmedel!B8`, as stored in
   * the scenario's MonteCarloSettings); a parameter not listed is triangular.
   */
  distributions?: Record<string, Distribution>;
  /** False turns the compiled evaluator off: every sample goes to the reference engine. */
  compiled?: boolean;
  /** Climate neutral means a residual at most this share of the base-year emissions (default 0.15). */
  neutralTolerance?: number;
  /** Samples per block; progress and cancel are checked between blocks. */
  blockSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Asked between blocks; true stops the run (the result says cancelled). */
  isCancelled?: () => boolean;
}

export interface Probability {
  probability: number;
  /** Standard error of the estimate, sqrt(p(1 − p) / n). */
  standardError: number;
}

export interface Spread {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export interface MonteCarloResult {
  /** Which engine evaluated the samples: the compiled evaluator, or HyperFormula for the whole run. */
  engine: 'compiled' | 'hyperformula';
  /** Why the compiled evaluator was not used, when it was not. */
  fallbackReason?: string;
  /** Samples the compiled path handed to HyperFormula (an error or value it does not reproduce). */
  referenceSamples: number;
  samples: number;
  seed: number;
  /** The inputs sampled: those given, or the scenario's ranged numeric parameters. */
  inputs: MonteCarloInput[];
  /** Ranged parameters left out of a default run, and why. */
  skipped: SkippedParameter[];
  /** Samples whose outputs were not numbers even in HyperFormula: left out of the figures. */
  invalidSamples: number;
  cancelled: boolean;
  years: number[];
  /** P5/P50/P95 of the projected emissions per year, t CO2e. */
  projection: { p5: number[]; p50: number[]; p95: number[] };
  /** P(projected emissions in the target year ≤ the target level). */
  target: Probability;
  /** P(residual in the climate-neutral year ≤ tolerance × base-year emissions). */
  neutral: Probability & { tolerance: number };
  /** Projected minus target level in the target year, t CO2e (positive: short of the target). */
  gap: Spread;
  /** The gap's distribution: equal-width bins from its min to its max (empty without samples). */
  gapHistogram: Bin[];
  ms: number;
}

/** The trajectory row of a key figure (its value is in column B). */
export const keyFigureRow = (name: (typeof KEY_FIGURES)[number]) => ROW.firstKey + KEY_FIGURES.indexOf(name);
const KEY = keyFigureRow;

/** A sheet's index by id or name (case-insensitive). @throws MonteCarloInputError when there is none. */
export function sheetIndexOf(workbook: CompilableWorkbook, name: string): number {
  const i = workbook.sheets.findIndex((s) => s.id === name || s.name.toLowerCase() === name.toLowerCase());
  if (i < 0) throw new MonteCarloInputError(`no sheet "${name}"`);
  return i;
}

/** Percentile (linear between order statistics) of sorted values. */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

function spread(values: Float64Array): Spread {
  const sorted = values.slice().sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p5: percentile(sorted, 0.05),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** One bin of a histogram: values from `from` up to `to` (the last bin includes `to`). */
export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** Equal-width bins over the values' range; one bin when they are all the same. */
export function histogram(values: Float64Array, bins = 30): Bin[] {
  if (values.length === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [{ from: min, to: max, count: values.length }];
  const width = (max - min) / bins;
  const counts = new Uint32Array(bins);
  for (const v of values) {
    const i = Math.min(bins - 1, Math.floor((v - min) / width));
    counts[i] = (counts[i] as number) + 1;
  }
  return Array.from(counts, (count, i) => ({
    from: min + i * width,
    to: i === bins - 1 ? max : min + (i + 1) * width,
    count,
  }));
}

function probability(hits: number, n: number): Probability {
  const p = n > 0 ? hits / n : Number.NaN;
  return { probability: p, standardError: n > 0 ? Math.sqrt((p * (1 - p)) / n) : Number.NaN };
}

/** Thrown for options that cannot run: no trajectory sheet, an unknown sheet, a bad range. */
export class MonteCarloInputError extends Error {
  override name = 'MonteCarloInputError';
}

/**
 * Run a Monte Carlo simulation of a scenario workbook.
 * @throws MonteCarloInputError when the workbook has no trajectory or an input is unusable.
 * @example await runMonteCarlo(workbook, reference, { samples: 10_000, seed: 1, inputs: [{ sheet: 'Drivmedel', row: 7, col: 1, low: 380000, mode: 420000, high: 500000, distribution: 'triangular' }] })
 */
export async function runMonteCarlo(
  workbook: CompilableWorkbook,
  reference: ReferenceEngine,
  options: MonteCarloOptions,
): Promise<MonteCarloResult> {
  const started = performance.now();
  const n = Math.floor(options.samples);
  if (!(n >= 1 && n <= 1_000_000)) throw new MonteCarloInputError('samples must be between 1 and 1 000 000');
  const sheetOf = (name: string) => sheetIndexOf(workbook, name);
  const bana = sheetOf(TRAJECTORY_SHEET);
  const defaults = options.inputs
    ? { inputs: options.inputs, skipped: [] }
    : monteCarloInputs(
        workbook,
        (p) => reference.constant({ sheet: sheetOf(p.sheet), row: p.row, col: p.col }),
        (address) => {
          const chosen = options.distributions;
          return chosen && Object.hasOwn(chosen, address) ? chosen[address] : undefined;
        },
      );
  if (defaults.inputs.length === 0)
    throw new MonteCarloInputError('the scenario has no ranged numeric parameter to sample; name the inputs');
  const inputs = defaults.inputs.map((p) => {
    const why = rangeProblem(p);
    if (why) throw new MonteCarloInputError(`input ${p.sheet}!R${p.row + 1}C${p.col + 1}: ${why}`);
    return { sheet: sheetOf(p.sheet), row: p.row, col: p.col };
  });
  // The scenario's own horizon (Chart_Years), so a 2045 or 2060 region samples every year it has.
  const yearCount = yearCountOf(workbook) ?? YEAR_COUNT;
  const yearCols = Array.from({ length: yearCount }, (_, i) => FIRST_YEAR_COL + i);
  const years = yearCols.map((col) => reference.constant({ sheet: bana, row: ROW.years, col }));
  if (years.some((y) => typeof y !== 'number'))
    throw new MonteCarloInputError('the workbook has no trajectory years');
  const outputs: CellAddress[] = [
    ...yearCols.map((col) => ({ sheet: bana, row: ROW.projected, col })),
    { sheet: bana, row: KEY('projectedAtTarget'), col: 1 },
    { sheet: bana, row: KEY('targetLevel'), col: 1 },
    { sheet: bana, row: KEY('residualAtNeutral'), col: 1 },
    { sheet: bana, row: KEY('baseEmissions'), col: 1 },
  ];
  const Y = yearCols.length;
  const tolerance = options.neutralTolerance ?? 0.15;

  const compiled =
    options.compiled === false
      ? ({ ok: false, reason: 'the compiled evaluator is switched off' } as const)
      : compileWorkbook(workbook, inputs, outputs, reference.constant);
  const drawn = drawSamples(defaults.inputs, n, options.seed);
  const columns = outputs.map(() => new Float64Array(n));
  const valid = new Uint8Array(n);
  let referenceSamples = 0;
  const blockSize = Math.max(1, options.blockSize ?? 1000);
  let done = 0;
  let cancelled = false;

  const fromReference = (i: number) => {
    const values = reference.evaluate(
      inputs,
      drawn.map((d) => d[i] as number),
      outputs,
    );
    storeSample(i, values);
  };
  const storeSample = (i: number, values: Scalar[]) => {
    let ok = 1;
    values.forEach((v, o) => {
      if (typeof v === 'number') (columns[o] as Float64Array)[i] = v;
      else ok = 0;
    });
    valid[i] = ok;
  };

  while (done < n) {
    if (options.isCancelled?.()) {
      cancelled = true;
      break;
    }
    const size = Math.min(blockSize, n - done);
    if (compiled.ok) {
      const block = drawn.map((d) => d.subarray(done, done + size));
      const values = compiled.program.run(block, size);
      for (let j = 0; j < size; j++) {
        const i = done + j;
        let clean = true;
        values.forEach((v, o) => {
          const x = sampleAt(v, j);
          if (typeof x === 'number') (columns[o] as Float64Array)[i] = x;
          else clean = false;
        });
        if (clean) valid[i] = 1;
        else {
          // An error or a value that is not a number: HyperFormula decides this sample.
          referenceSamples++;
          fromReference(i);
        }
      }
    } else {
      for (let i = done; i < done + size; i++) fromReference(i);
    }
    done += size;
    options.onProgress?.(done, n);
    // Let the worker answer a cancel between blocks.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  let count = 0;
  for (let i = 0; i < done; i++) count += valid[i] as number;
  const pick = (o: number) => {
    const out = new Float64Array(count);
    let k = 0;
    const col = columns[o] as Float64Array;
    for (let i = 0; i < done; i++) if (valid[i]) out[k++] = col[i] as number;
    return out;
  };
  const projection = { p5: [] as number[], p50: [] as number[], p95: [] as number[] };
  for (let y = 0; y < Y; y++) {
    const s = pick(y).sort();
    projection.p5.push(percentile(s, 0.05));
    projection.p50.push(percentile(s, 0.5));
    projection.p95.push(percentile(s, 0.95));
  }
  const projected = pick(Y);
  const level = pick(Y + 1);
  const residual = pick(Y + 2);
  const base = pick(Y + 3);
  const gap = projected.map((p, i) => p - (level[i] as number));
  let met = 0;
  let neutral = 0;
  for (let i = 0; i < count; i++) {
    if ((gap[i] as number) <= 0) met++;
    if ((residual[i] as number) <= tolerance * (base[i] as number)) neutral++;
  }
  return {
    engine: compiled.ok ? 'compiled' : 'hyperformula',
    ...(compiled.ok ? {} : { fallbackReason: compiled.reason }),
    referenceSamples,
    samples: done,
    seed: options.seed,
    inputs: defaults.inputs,
    skipped: defaults.skipped,
    invalidSamples: done - count,
    cancelled,
    years: years as number[],
    projection,
    target: probability(met, count),
    neutral: { ...probability(neutral, count), tolerance },
    gap: spread(gap),
    gapHistogram: histogram(gap),
    ms: performance.now() - started,
  };
}
