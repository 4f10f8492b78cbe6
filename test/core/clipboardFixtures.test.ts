// Real clipboard text as Excel and LibreOffice put it there, pasted through the same path the app
// uses (parseTsv then parseInput in the UI locale): each cell lands with the expected value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTsv } from '../../src/core/clipboard';
import type { NumberLocale } from '../../src/core/formulaLocale';
import { parseInput } from '../../src/core/input';

function paste(file: string, locale: NumberLocale) {
  const text = readFileSync(new URL(`../fixtures/clipboard/${file}`, import.meta.url), 'utf8');
  return parseTsv(text).map((row) => row.map((cell) => parseInput(cell, locale)));
}

describe('clipboard fixtures', () => {
  it('Excel (Swedish): grouped numbers, quoted multi-line cells, doubled quotes, ids, percent, comma decimals', () => {
    const cells = paste('excel-sv.txt', 'sv');
    expect(cells).toHaveLength(5);
    expect(cells[1]).toEqual(['Norra Danviksbron', 1_000_000, 950, 'Engångsminskning:\nstål vid leverans']);
    expect(cells[2]).toEqual(['Flergångssprutor', 900_000, 14, 'Citat "per år"']);
    // Leading zeros and long digit strings are ids: kept as typed. A negative number stays a number.
    expect(cells[3]).toEqual(['Org.nr', '0012345', '12345678901234567890', -1921]);
    // Dates stay text (no date formats yet), so nothing is silently turned into a serial number.
    expect(cells[4]).toEqual(['Andel', 0.75, 0.109, '2024-05-01']);
  });

  it('Excel (English): CRLF inside a quoted cell, thousands commas, negatives, booleans', () => {
    const cells = paste('excel-en.txt', 'en');
    expect(cells).toEqual([
      ['Project', 'Decided', 'Reduction'],
      ['Steel', 1_000_000, 950.5],
      ['Two\r\nlines', -3.2, true],
    ]);
  });

  it('LibreOffice (LF line ends, empty trailing cells)', () => {
    const cells = paste('libreoffice-sv.txt', 'sv');
    expect(cells[0]).toEqual(['Post', 2018, 2021]);
    expect(cells[2]).toEqual(['Hälso- och\nsjukvård', 12126, 10348]);
    expect(cells[3]).toEqual(['Tom', null, null]);
  });
});
