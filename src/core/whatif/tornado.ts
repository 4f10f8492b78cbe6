// The tornado: each ranged parameter set to its low and to its high with the others at their values,
// as the points of one sweep, and the bars that sweep gives, sorted by swing (|high − low| effect).
import type { Scalar } from '../compiled/values';
import type { SweepCell } from './sweep';

/** A parameter the tornado varies: its cell, its value now and its sourced range. */
export interface TornadoInput extends SweepCell {
  value: number;
  low: number;
  high: number;
}

export interface TornadoBar<T extends TornadoInput = TornadoInput> {
  input: T;
  /** The output with the parameter at its low and at its high (null: not a number there). */
  atLow: number | null;
  atHigh: number | null;
  /** |atHigh − atLow|; null when either end is not a number. */
  swing: number | null;
}

/**
 * The sweep points: first every input at its value (the base), then for each input its low, then
 * its high, the others at their values.
 */
export function tornadoPoints(inputs: readonly TornadoInput[]): number[][] {
  const base = inputs.map((p) => p.value);
  const points = [base];
  inputs.forEach((p, k) => {
    for (const end of [p.low, p.high]) {
      const point = base.slice();
      point[k] = end;
      points.push(point);
    }
  });
  return points;
}

/** The output at the base point and the bars, largest swing first (those without a number last). */
export function tornadoBars<T extends TornadoInput>(
  inputs: readonly T[],
  values: readonly Scalar[],
): { base: number | null; bars: TornadoBar<T>[] } {
  const num = (v: Scalar | undefined) => (typeof v === 'number' ? v : null);
  const bars = inputs.map((input, k) => {
    const atLow = num(values[1 + 2 * k]);
    const atHigh = num(values[2 + 2 * k]);
    return {
      input,
      atLow,
      atHigh,
      swing: atLow === null || atHigh === null ? null : Math.abs(atHigh - atLow),
    };
  });
  // A stable sort: equal swings keep the parameters' order in the workbook.
  bars.sort((a, b) => (b.swing ?? -1) - (a.swing ?? -1));
  return { base: num(values[0]), bars };
}
