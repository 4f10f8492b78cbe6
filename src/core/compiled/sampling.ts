// Seeded sampling of uncertain parameters. What "low" and "high" mean is decided here, once:
// triangular(low, value, high) by default; uniform between low and high; normal with low and high as
// its 5th and 95th percentiles (the stored value is then not used: the mean is their midpoint).
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export type Distribution = 'triangular' | 'uniform' | 'normal';

/** Every distribution, the default first. */
export const DISTRIBUTIONS: readonly Distribution[] = ['triangular', 'uniform', 'normal'];

export interface ParameterRange {
  low: number;
  /** The stored value: the mode of the triangular distribution. */
  mode: number;
  high: number;
  distribution: Distribution;
}

/** z of the 95th percentile of the standard normal. */
const Z95 = 1.6448536269514722;

/** Why a range cannot be sampled, or null when it can. */
export function rangeProblem(p: ParameterRange): string | null {
  if (![p.low, p.mode, p.high].every(Number.isFinite)) return 'low, value and high must be numbers';
  if (p.low > p.high) return 'low is above high';
  if (p.distribution === 'triangular' && (p.mode < p.low || p.mode > p.high))
    return 'the value is outside low–high';
  return null;
}

/**
 * n samples of each parameter from one seed. Each parameter draws from its own stream (the seeded
 * generator jumped 2^64 steps per parameter), so adding a parameter does not change the others' draws.
 */
export function drawSamples(parameters: ParameterRange[], n: number, seed: number): Float64Array[] {
  const base = xoroshiro128plus(seed | 0);
  return parameters.map((p) => {
    const rng = base.clone();
    base.jump();
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = quantile(p, rng);
    return out;
  });
}

function quantile(p: ParameterRange, rng: ReturnType<typeof xoroshiro128plus>): number {
  const { low: a, mode: c, high: b } = p;
  switch (p.distribution) {
    case 'uniform':
      return a + (b - a) * uniformFloat64(rng);
    case 'normal': {
      // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
      const u1 = 1 - uniformFloat64(rng);
      const u2 = uniformFloat64(rng);
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      return (a + b) / 2 + z * ((b - a) / (2 * Z95));
    }
    case 'triangular': {
      if (b === a) return a;
      const u = uniformFloat64(rng);
      const split = (c - a) / (b - a);
      return u < split ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
  }
}
