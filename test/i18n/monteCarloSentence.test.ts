// The Monte Carlo result in words, in both UI languages; no figure for a cancelled or failed run.
import { describe, expect, it } from 'vitest';
import { type MonteCarloFigures, monteCarloSentence as say } from '../../src/i18n/sentences';

/** The sentence with Intl's no-break spaces as plain spaces, to compare with text typed here. */
const monteCarloSentence = (...args: Parameters<typeof say>) => say(...args).replace(/[\u00a0\u202f]/g, ' ');

const figures: MonteCarloFigures = {
  samples: 10_000,
  invalidSamples: 0,
  cancelled: false,
  target: { probability: 0.12, standardError: 0.00325 },
  neutral: { probability: 0.031, standardError: 0.0017, tolerance: 0.15 },
};

describe('monteCarloSentence', () => {
  it('says in Swedish how often the target is met, with its standard error and the tolerance', () => {
    const s = monteCarloSentence(figures, 2030, 2035, 'sv');
    expect(s).toContain('Med dessa intervall nås 2030-målet i 12 % av 10 000 körningar (±0,3 %).');
    expect(s).toContain('Klimatneutralitet 2035 (högst 15 % av basårets utsläpp kvar) nås i 3 % (±0,2 %).');
  });

  it('says it in English', () => {
    const s = monteCarloSentence(figures, 2030, 2035, 'en');
    expect(s).toContain('With these ranges the 2030 target is met in 12% of 10,000 runs (±0.3%).');
    expect(s).toContain(
      'Climate neutrality in 2035 (at most 15% of base-year emissions left) is reached in 3% (±0.2%).',
    );
  });

  it('counts only the runs that gave a number, and says how many did not', () => {
    const s = monteCarloSentence({ ...figures, invalidSamples: 40 }, 2030, 2035, 'en');
    expect(s).toContain('of 9,960 runs');
    expect(s).toContain('40 runs gave no number (an error) and are left out.');
  });

  it('gives no figure when no run gave a number, or the run was cancelled', () => {
    const none = monteCarloSentence(
      { ...figures, invalidSamples: 10_000, target: { probability: Number.NaN, standardError: Number.NaN } },
      2030,
      2035,
      'sv',
    );
    expect(none).toMatch(/arbetsboken ger ett fel/);
    expect(none).not.toMatch(/\d+ %/);
    const cancelled = monteCarloSentence({ ...figures, cancelled: true }, 2030, 2035, 'en');
    expect(cancelled).toBe('The run was cancelled; no result.');
  });
});
