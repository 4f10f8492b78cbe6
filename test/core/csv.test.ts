// CSV export neutralises formula injection while numbers stay numbers.
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/core/csv';

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
});
