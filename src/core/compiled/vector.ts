// A column of N sampled values for one cell: plain numbers in a Float64Array, with any sample that is
// not a number (text, boolean, error, empty) kept aside, so the common all-numbers case stays a tight loop.
import type { Scalar } from './values';

export class SampleVector {
  /** The numbers; for a boolean vector 0/1. Ignored where `other` holds the sample. */
  readonly num: Float64Array;
  /** True when every sample is a boolean (stored in `num` as 0/1) and `other` is null. */
  readonly bool: boolean;
  /** Samples that are not plain numbers (or not plain booleans), sparse; null when there are none. */
  other: (Scalar | undefined)[] | null;

  constructor(num: Float64Array, bool = false, other: (Scalar | undefined)[] | null = null) {
    this.num = num;
    this.bool = bool;
    this.other = other;
  }

  get length(): number {
    return this.num.length;
  }

  /** Sample i as a scalar. */
  at(i: number): Scalar {
    const o = this.other?.[i];
    if (o !== undefined) return o;
    const x = this.num[i] as number;
    return this.bool ? x !== 0 : x;
  }

  /** Put a non-number (or, in a boolean vector, a non-boolean) sample aside. */
  setOther(i: number, value: Scalar): void {
    this.other ??= new Array<Scalar | undefined>(this.num.length);
    this.other[i] = value;
  }
}

/** A value during evaluation: the same for every sample (folded), or one per sample. */
export type Sampled = Scalar | SampleVector;

export function isVector(v: Sampled): v is SampleVector {
  return v instanceof SampleVector;
}

/** Sample i of a value. */
export function sampleAt(v: Sampled, i: number): Scalar {
  return v instanceof SampleVector ? v.at(i) : v;
}

/**
 * The numbers behind a value when every sample is a plain number (booleans count when `booleans`),
 * for the fast loops; null when some sample needs the scalar rules.
 */
export function plainNumbers(v: Sampled, booleans: boolean): Float64Array | number | null {
  if (v instanceof SampleVector) return v.other === null && (booleans || !v.bool) ? v.num : null;
  if (typeof v === 'number') return v;
  if (booleans && typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

/** Build a vector sample by sample from scalar rules (the slow, general path). */
export function vectorFrom(n: number, sample: (i: number) => Scalar): SampleVector {
  const out = new SampleVector(new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const v = sample(i);
    if (typeof v === 'number') out.num[i] = v;
    else out.setOther(i, v);
  }
  return out;
}
