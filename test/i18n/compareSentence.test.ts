// The comparison in words, in Swedish and English.
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../src/core/scenario/result';
import { compareSentence, signedPercent } from '../../src/i18n/compareSentence';

function result(key: Partial<ScenarioResult['key']>): ScenarioResult {
  return {
    years: [2018, 2030],
    base: [],
    bau: [],
    projected: [],
    targets: { linear: [], neutral: [], constant: [], budget: [] },
    measures: [],
    broken: [],
    key: {
      reductionAtTarget: null,
      targetCut: 0.75,
      projectedAtTarget: null,
      targetLevel: null,
      shortfallAtTarget: null,
      residualAtNeutral: null,
      cumulativeGapToNeutral: null,
      totalCost: null,
      totalReduction: null,
      costPerTonne: null,
      baseYear: 2018,
      baseEmissions: null,
      targetYear: 2030,
      neutralYear: 2035,
      ...key,
    },
  };
}

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('compareSentence', () => {
  const a = {
    name: 'A',
    result: result({ reductionAtTarget: 0.49, residualAtNeutral: 123_456, costPerTonne: 1500 }),
  };
  const b = {
    name: 'B',
    result: result({ reductionAtTarget: 0.521, residualAtNeutral: 98_040, costPerTonne: 900 }),
  };

  it('says what is left as a share of each base year on the % axis', () => {
    const big = {
      name: 'Stockholm',
      result: result({ reductionAtTarget: 0.3, residualAtNeutral: 303_500, baseEmissions: 607_000 }),
    };
    const small = {
      name: 'Dalarna',
      result: result({ reductionAtTarget: 0.6, residualAtNeutral: 4_465, baseEmissions: 17_860 }),
    };
    expect(plain(compareSentence([big, small], 'en', 'percent'))).toBe(
      'Stockholm reaches −30% by 2030, Dalarna −60%. In 2035, 50% of the base year in Stockholm and 25% of the base year in Dalarna remain.',
    );
    expect(plain(compareSentence([big, small], 'sv', 'percent'))).toContain(
      'År 2035 återstår 50 % av basåret i Stockholm och 25 % av basåret i Dalarna.',
    );
  });

  it('says how far each scenario gets, what is left and which is cheapest, in English', () => {
    expect(plain(compareSentence([a, b], 'en'))).toBe(
      'A reaches −49% by 2030, B −52%. In 2035, 123,500 t in A and 98,000 t in B remain. B is the cheapest per tonne (900 kr/t).',
    );
  });

  it('says the same in Swedish', () => {
    expect(plain(compareSentence([a, b], 'sv'))).toBe(
      'A når −49 % till 2030, B −52 %. År 2035 återstår 123 500 t i A och 98 000 t i B. Lägst kostnad per ton har B (900 kr/t).',
    );
  });

  it('names each target year when they differ, and leaves out scenarios without a result', () => {
    const c = {
      name: 'C',
      result: result({ reductionAtTarget: -0.05, targetYear: 2040, neutralYear: 2045 }),
    };
    expect(plain(compareSentence([a, { name: 'X', result: null }, c], 'en'))).toBe(
      'A reaches −49% by 2030, C +5% by 2040.',
    );
    expect(compareSentence([{ name: 'X', result: null }], 'sv')).toBe('');
  });

  it('signs percentages by direction', () => {
    expect(plain(signedPercent(0.75, 'sv'))).toBe('−75 %');
    expect(signedPercent(-0.1, 'en')).toBe('+10%');
  });
});
