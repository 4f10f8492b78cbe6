// A region's baseline in words: the BAU sentence names the rule the workbook holds, with its number,
// and the sector sentence names the largest sectors of the first complete year.
import { describe, expect, it } from 'vitest';
import type { SectorBreakdown } from '../../src/core/scenario/result';
import { bauSentence, sectorsSentence } from '../../src/i18n/regionSentences';

function breakdown(rule: string | null): SectorBreakdown {
  return {
    years: [2018, 2019, 2022],
    sectors: [
      { name: 'Transporter', values: [12000, null, 10000] },
      { name: 'Industri', values: [21000, 20500, 18800] },
      { name: 'Avfall', values: [1000, 990, 940] },
    ],
    bau: { rule, change: -0.0342, slope: -1650, lastYear: 2022 },
  };
}

describe('bauSentence', () => {
  it('says which rule follows the last observed year, in both languages', () => {
    expect(bauSentence(breakdown('konstant takt'), 2018, 'en')).toBe(
      'Without measures the path follows the observed years to 2022, then changes at a constant rate of −3.4% a year (the trend 2018–2022).',
    );
    expect(bauSentence(breakdown('konstant takt'), 2018, 'sv')).toMatch(
      /^Utan åtgärder följer banan de observerade åren till 2022, sedan konstant takt −3,4\s%/,
    );
    expect(bauSentence(breakdown('oförändrad'), 2018, 'en')).toContain('then stays flat at the 2022 level.');
    expect(bauSentence(breakdown('linjär'), 2018, 'en')).toContain(
      'then changes linearly by −1,700 t a year',
    );
  });

  it('says so when the choice cell holds something that is not a rule', () => {
    expect(bauSentence(breakdown('kanske'), 2018, 'en')).toBe(
      'The rule for emissions without measures (kanske) is not one of flat, constant rate or linear.',
    );
  });
});

describe('sectorsSentence', () => {
  it('names the total and the two largest sectors of the first year every sector reports', () => {
    expect(sectorsSentence(breakdown('linjär'), 'en')).toBe(
      'In 2018, 34,000 t came from 3 sectors; largest: Industri 21,000 t (62%) and Transporter 12,000 t (35%).',
    );
  });
});
