// Values as the UI shows them: grouped in the locale, errors as Excel codes, years ungrouped.
import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, formatValue } from '../../src/i18n/format';
import { roundForSpeech } from '../../src/i18n/sentences';

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatValue', () => {
  it('groups numbers in the UI locale', () => {
    expect(spaces(formatNumber(1234.5, 'sv'))).toBe('1 234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(spaces(formatNumber(10_000_000, 'sv'))).toBe('10 000 000');
  });

  it('shows years without grouping and fractions to about seven significant digits', () => {
    expect(formatNumber(2030, 'sv')).toBe('2030');
    expect(spaces(formatNumber(2666.6666667, 'sv'))).toBe('2 666,667');
    expect(spaces(formatNumber(-1921, 'sv')).replace('\u2212', '-')).toBe('-1 921');
  });

  it('shows errors by their code with the reason, booleans in the language', () => {
    expect(formatValue({ error: '#DIV/0!', message: 'Division by zero.' }, 'en')).toEqual({
      text: '#DIV/0!',
      align: 'center',
      errorMessage: 'Division by zero.',
    });
    expect(formatValue(true, 'sv').text).toBe('SANT');
    expect(formatValue(null, 'en').text).toBe('');
  });
});

describe('roundForSpeech', () => {
  it('rounds tonnes the way people say them', () => {
    expect(roundForSpeech(5912)).toBe(5900);
    expect(roundForSpeech(467.3)).toBe(470);
    expect(roundForSpeech(22.4)).toBe(22);
  });
});

describe('formatNumber, remembered', () => {
  it('gives the same text from memory as when first formatted, per locale, also after many numbers', () => {
    const first = [1234.5, -0, 0, 2030, 1e20].map((v) => [formatNumber(v, 'sv'), formatNumber(v, 'en')]);
    for (let i = 0; i < 10_000; i++) formatNumber(i + 0.25, 'sv');
    const again = [1234.5, -0, 0, 2030, 1e20].map((v) => [formatNumber(v, 'sv'), formatNumber(v, 'en')]);
    expect(again).toEqual(first);
    expect(spaces(formatNumber(1234.5, 'sv'))).toBe('1 234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });
});

describe('formatPercent', () => {
  it('writes a share as a percentage in the UI locale, and a missing value as a dash', () => {
    expect(formatPercent(0.493, 'sv').replace(/\s/g, ' ')).toBe('49,3 %');
    expect(formatPercent(0.493, 'en')).toBe('49.3%');
    expect(formatPercent(0.4951, 'en', 0)).toBe('50%');
    expect(formatPercent(null, 'sv')).toBe('–');
    expect(formatPercent(undefined, 'en')).toBe('–');
  });
});
