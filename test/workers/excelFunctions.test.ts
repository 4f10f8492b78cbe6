// TEXT's plain number formats, as Excel renders them; other formats are left to HyperFormula.
import { describe, expect, it } from 'vitest';
import { plainNumberFormat } from '../../workers/excelFunctions';

describe('plainNumberFormat', () => {
  it.each([
    [0.256, '0%', '26%'],
    [0.256, '0.0%', '25.6%'],
    [1234.5678, '#,##0', '1,235'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [-1234.5, '#,##0', '-1,235'],
    [0.285, '0.00', '0.29'],
    [5, '000', '005'],
    [0.5, '#.##', '.5'],
    [2.5, '0.0#', '2.5'],
    [2.567, '0.0#', '2.57'],
    [42, '0', '42'],
  ])('formats %d with %s as %s', (value, format, text) => {
    expect(plainNumberFormat(value, format)).toBe(text);
  });

  it('leaves dates, text sections and literals to HyperFormula', () => {
    expect(plainNumberFormat(45292, 'yyyy-mm-dd')).toBeUndefined();
    expect(plainNumberFormat(1, '0 "kr"')).toBeUndefined();
    expect(plainNumberFormat(1, '')).toBeUndefined();
  });
});
