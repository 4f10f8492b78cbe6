// The pasted baseline matrix: Swedish and English numbers read back to what was formatted, missing
// years kept as gaps, and every refused row named with its line and reason.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBaselineMatrix, parseMatrixNumber } from '../../../src/core/region/baselineMatrix';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/region/${name}`, import.meta.url), 'utf8');

describe('parseMatrixNumber', () => {
  it('reads Swedish decimal commas and space, no-break and narrow no-break thousands', () => {
    expect(parseMatrixNumber('12 345,6')).toBe(12345.6);
    expect(parseMatrixNumber('12\u00a0345,6')).toBe(12345.6);
    expect(parseMatrixNumber('1\u202f234\u202f567')).toBe(1234567);
    expect(parseMatrixNumber('0,25')).toBe(0.25);
    expect(parseMatrixNumber('−1,5')).toBe(-1.5);
    expect(parseMatrixNumber('-3 000')).toBe(-3000);
  });

  it('reads English numbers only where they cannot be Swedish; one comma is a decimal comma', () => {
    expect(parseMatrixNumber('12,345.6')).toBe(12345.6);
    expect(parseMatrixNumber('1,234,567')).toBe(1234567);
    expect(parseMatrixNumber('12.5')).toBe(12.5);
    expect(parseMatrixNumber('12,345')).toBe(12.345);
  });

  it('refuses text, stray separators and mixed grouping', () => {
    for (const bad of ['fyra', '12 34,5', '1,2,3', '12.345,6', '1e5', '', '—', '12 345.6.7', '5 %']) {
      expect(parseMatrixNumber(bad), bad).toBeNull();
    }
  });

  it('round-trips any number formatted in Swedish or in English with grouping', () => {
    const sv = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 3 });
    const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3, minimumFractionDigits: 1 });
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const rounded = Math.round(x * 1000) / 1000;
        expect(parseMatrixNumber(sv.format(rounded))).toBeCloseTo(rounded, 6);
        // English always with a decimal point here, so never read as Swedish.
        expect(parseMatrixNumber(en.format(rounded))).toBeCloseTo(rounded, 6);
      }),
    );
  });
});

describe('parseBaselineMatrix', () => {
  it('reads the 6 × 5 Swedish fixture with a missing year as a gap', () => {
    const { matrix, problems } = parseBaselineMatrix(fixture('baseline-6x5-sv.tsv'));
    expect(problems).toEqual([]);
    expect(matrix.years).toEqual([2018, 2019, 2020, 2021, 2022]);
    expect(matrix.sectors.map((s) => s.name)).toEqual([
      'Transporter',
      'Energi',
      'Jordbruk',
      'Industri',
      'Bygg och fastigheter',
      'Avfall',
    ]);
    expect(matrix.sectors[0]?.values).toEqual([12345.6, 11980.2, 10512, 10877.4, 10120.9]);
    expect(matrix.sectors[1]?.values[0]).toBe(8450);
    expect(matrix.sectors[5]?.values).toEqual([1050.2, 1012.8, null, 965.4, 940]);
  });

  it('refuses a bad row with its line and the cell, and keeps the good rows', () => {
    const { matrix, problems } = parseBaselineMatrix(fixture('baseline-bad-row-sv.tsv'));
    expect(problems).toEqual([{ row: 4, code: 'notANumber', cell: 'fyra', year: 2019 }]);
    expect(matrix.sectors.map((s) => s.name)).not.toContain('Jordbruk');
    expect(matrix.sectors).toHaveLength(5);
  });

  it('reads semicolon-separated lines and names each kind of refused row', () => {
    const text = ['Post;2020;2021', ';1;2', 'El;1;2', 'el;3;4', 'Värme;1;2;3', 'Vatten;;', 'Gas;1,5;2'].join(
      '\n',
    );
    const { matrix, problems } = parseBaselineMatrix(text);
    expect(matrix.sectors.map((s) => s.name)).toEqual(['El', 'Gas']);
    expect(problems).toEqual([
      { row: 2, code: 'noName' },
      { row: 4, code: 'duplicateSector', name: 'el' },
      { row: 5, code: 'extraCells', count: 1 },
      { row: 6, code: 'noValues', name: 'Vatten' },
    ]);
  });

  it('refuses a header that is not a row of increasing years', () => {
    expect(parseBaselineMatrix('Sektor\t2018\tår 2019').problems).toEqual([
      { row: 1, code: 'badYear', cell: 'år 2019' },
    ]);
    expect(parseBaselineMatrix('\n\nS\t2019\t2018\nA\t1\t2').problems).toEqual([
      { row: 3, code: 'yearsOutOfOrder', year: 2018 },
    ]);
    expect(parseBaselineMatrix('S\t2018\t2018').problems[0]?.code).toBe('duplicateYear');
    expect(parseBaselineMatrix('Sektor').problems).toEqual([{ row: 1, code: 'noYears' }]);
    expect(parseBaselineMatrix('S\t2018').problems).toEqual([{ row: 2, code: 'noSectors' }]);
  });
});
