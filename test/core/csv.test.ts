// CSV export neutralises formula injection while numbers stay numbers.
import { describe, expect, it } from 'vitest';
import { CSV_SWEDISH, csvDialectFor, csvField, toCsv } from '../../src/core/csv';

describe('csv', () => {
  it('prefixes text a spreadsheet would run as a formula', () => {
    for (const risky of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'])
      expect(csvField(risky).includes(`'${risky[0]}`)).toBe(true);
    expect(csvField('Norra Danviksbron')).toBe('Norra Danviksbron');
  });

  it('keeps numbers as numbers, including negatives, and quotes separators and quotes', () => {
    expect(csvField(-1921)).toBe('-1921');
    expect(csvField(0.75)).toBe('0.75');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(
      toCsv([
        ['year', 2030],
        [null, true],
      ]),
    ).toBe('year,2030\r\n,TRUE');
  });

  it('writes the Swedish dialect with semicolons and a decimal comma, quoting text that holds a semicolon', () => {
    expect(csvDialectFor('sv')).toBe(CSV_SWEDISH);
    expect(
      toCsv(
        [
          ['Växjö; centrum', -12.5, 0.75],
          ['1,5 mil', 2030, '=A1'],
        ],
        CSV_SWEDISH,
      ),
    ).toBe('"Växjö; centrum";-12,5;0,75\r\n1,5 mil;2030;\'=A1');
  });

  it('writes the English dialect with commas and a decimal point', () => {
    expect(toCsv([['a, b', -12.5]], csvDialectFor('en'))).toBe('"a, b",-12.5');
  });
});
