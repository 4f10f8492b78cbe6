import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../src/core/document';
import type { NumberLocale } from '../../src/core/formulaLocale';
import { formatForEdit, parseInput } from '../../src/core/input';

const NBSP = '\u00A0';
const NNBSP = '\u202F';
const MINUS = '\u2212';

describe('parseInput', () => {
  it('reads empty text as an empty cell', () => {
    expect(parseInput('', 'sv')).toBeNull();
    expect(parseInput('', 'en')).toBeNull();
  });

  it('keeps formulas exactly as typed', () => {
    expect(parseInput('=SUM(A1:B2)', 'sv')).toBe('=SUM(A1:B2)');
    expect(parseInput('= 1 + 2 ', 'en')).toBe('= 1 + 2 ');
  });

  it('reads a lone "=" as text', () => {
    expect(parseInput('=', 'sv')).toBe('=');
  });

  it('forces text after a leading apostrophe', () => {
    expect(parseInput("'0123", 'sv')).toBe('0123');
    expect(parseInput("'TRUE", 'en')).toBe('TRUE');
    expect(parseInput("'1,5", 'sv')).toBe('1,5');
    expect(parseInput("''quoted", 'sv')).toBe("'quoted");
    expect(parseInput("'", 'sv')).toBe('');
  });

  it('keeps the apostrophe of forced text that starts with "=", since such a string would be a formula', () => {
    expect(parseInput("'=x", 'sv')).toBe("'=x");
    expect(parseInput("'=", 'sv')).toBe('=');
  });

  it('reads Swedish numbers with space, NBSP or narrow NBSP grouping and a decimal comma', () => {
    expect(parseInput('1 234,5', 'sv')).toBe(1234.5);
    expect(parseInput(`1${NBSP}234${NBSP}567,25`, 'sv')).toBe(1234567.25);
    expect(parseInput(`12${NNBSP}345`, 'sv')).toBe(12345);
    expect(parseInput('0,5', 'sv')).toBe(0.5);
    expect(parseInput(',5', 'sv')).toBe(0.5);
    expect(parseInput('42', 'sv')).toBe(42);
    expect(parseInput('0', 'sv')).toBe(0);
  });

  it('accepts a decimal point in Swedish when there is no comma and it is not grouping', () => {
    expect(parseInput('1.5', 'sv')).toBe(1.5);
    expect(parseInput('1234.5', 'sv')).toBe(1234.5);
    expect(parseInput('0.234', 'sv')).toBe(0.234);
    expect(parseInput('1 234.5', 'sv')).toBe(1234.5);
  });

  it('keeps dot-grouped numbers as text in Swedish rather than guessing', () => {
    expect(parseInput('1.234', 'sv')).toBe('1.234');
    expect(parseInput('12.345.678', 'sv')).toBe('12.345.678');
    expect(parseInput('1.234,5', 'sv')).toBe('1.234,5');
  });

  it('reads English numbers with comma grouping and a decimal point', () => {
    expect(parseInput('1,234.5', 'en')).toBe(1234.5);
    expect(parseInput('1,234,567', 'en')).toBe(1234567);
    expect(parseInput('1.234', 'en')).toBe(1.234);
    expect(parseInput('.5', 'en')).toBe(0.5);
  });

  it('keeps badly grouped numbers as text', () => {
    expect(parseInput('12 34', 'sv')).toBe('12 34');
    expect(parseInput('1 2345', 'sv')).toBe('1 2345');
    expect(parseInput('1,23', 'en')).toBe('1,23');
    expect(parseInput('1 234', 'en')).toBe('1 234');
    expect(parseInput('1234,5', 'en')).toBe('1234,5');
  });

  it('reads a leading hyphen or minus sign as negative', () => {
    expect(parseInput('-5', 'sv')).toBe(-5);
    expect(parseInput(`${MINUS}1 234,5`, 'sv')).toBe(-1234.5);
    expect(parseInput(`${MINUS}2.5`, 'en')).toBe(-2.5);
    expect(parseInput('-', 'sv')).toBe('-');
    expect(parseInput('--5', 'sv')).toBe('--5');
    expect(parseInput('- 5', 'sv')).toBe('- 5');
  });

  it('reads percentages as fractions', () => {
    expect(parseInput('75 %', 'sv')).toBe(0.75);
    expect(parseInput('75%', 'sv')).toBe(0.75);
    expect(parseInput(`75${NBSP}%`, 'sv')).toBe(0.75);
    expect(parseInput('-75 %', 'sv')).toBe(-0.75);
    expect(parseInput('1,1 %', 'sv')).toBe(0.011);
    expect(parseInput('12.5%', 'en')).toBe(0.125);
    expect(parseInput('%', 'sv')).toBe('%');
  });

  it('reads exponents', () => {
    expect(parseInput('1,5E3', 'sv')).toBe(1500);
    expect(parseInput('1.5e3', 'sv')).toBe(1500);
    expect(parseInput('1.5e3', 'en')).toBe(1500);
    expect(parseInput('2E-3', 'en')).toBe(0.002);
    expect(parseInput('1e+2', 'en')).toBe(100);
    expect(parseInput('E3', 'en')).toBe('E3');
    expect(parseInput('1E', 'en')).toBe('1E');
  });

  it('keeps numbers too large for a double as text', () => {
    expect(parseInput('1E999', 'en')).toBe('1E999');
  });

  it('ignores whitespace around numbers and booleans', () => {
    expect(parseInput(' 12 ', 'sv')).toBe(12);
    expect(parseInput(' true ', 'en')).toBe(true);
  });

  it('reads booleans case-insensitively, with the Swedish words in Swedish', () => {
    expect(parseInput('TRUE', 'en')).toBe(true);
    expect(parseInput('false', 'en')).toBe(false);
    expect(parseInput('True', 'sv')).toBe(true);
    expect(parseInput('sant', 'sv')).toBe(true);
    expect(parseInput('Falskt', 'sv')).toBe(false);
    expect(parseInput('SANT', 'en')).toBe('SANT');
  });

  it('keeps digit strings with leading zeros as text', () => {
    expect(parseInput('00123', 'sv')).toBe('00123');
    expect(parseInput('0123', 'en')).toBe('0123');
    expect(parseInput('00', 'sv')).toBe('00');
  });

  it('keeps digit strings with more than 15 significant digits as text', () => {
    expect(parseInput('123456789012345', 'sv')).toBe(123456789012345);
    expect(parseInput('1234567890123456', 'sv')).toBe('1234567890123456');
    expect(parseInput('198001011234567890', 'en')).toBe('198001011234567890');
    expect(parseInput('100000000000000000000', 'en')).toBe(1e20);
  });

  it('keeps anything else as text, exactly', () => {
    for (const text of [
      'Umeå',
      ' leading space',
      'trailing ',
      '12 kt',
      'kt 12',
      '1,2,3',
      '1..2',
      '#REF!',
      '+5',
      '2025-01-01',
    ]) {
      expect(parseInput(text, 'sv'), text).toBe(text);
    }
  });
});

describe('formatForEdit', () => {
  it('shows an empty cell as empty text', () => {
    expect(formatForEdit(null, 'sv')).toBe('');
  });

  it('shows numbers in the locale without grouping and at full precision', () => {
    expect(formatForEdit(1234.5, 'sv')).toBe('1234,5');
    expect(formatForEdit(1234.5, 'en')).toBe('1234.5');
    expect(formatForEdit(-0.75, 'sv')).toBe('-0,75');
    expect(formatForEdit(0.1 + 0.2, 'sv')).toBe('0,30000000000000004');
    expect(formatForEdit(1234567890, 'sv')).toBe('1234567890');
    expect(formatForEdit(1 / 3, 'en')).toBe('0.3333333333333333');
  });

  it('writes ordinary magnitudes without an exponent', () => {
    expect(formatForEdit(1e-7, 'sv')).toBe('0,0000001');
    expect(formatForEdit(1.5e-8, 'en')).toBe('0.000000015');
    expect(formatForEdit(1e20, 'en')).toBe('100000000000000000000');
  });

  it('uses an exponent for extreme magnitudes and for long integers that would read back as text', () => {
    expect(formatForEdit(1e21, 'en')).toBe('1E21');
    expect(formatForEdit(1.5e-12, 'sv')).toBe('1,5E-12');
    expect(formatForEdit(1234567890123456800, 'sv')).toBe('1,2345678901234568E18');
  });

  it('shows zero and negative zero as 0', () => {
    expect(formatForEdit(0, 'sv')).toBe('0');
    expect(formatForEdit(-0, 'sv')).toBe('0');
  });

  it('shows formulas in the locale: Swedish names and separators in sv, canonical in en', () => {
    expect(formatForEdit("=SUM(A1:B2,0.5)*'Klimatfond 2025'!$C$16", 'sv')).toBe(
      "=SUMMA(A1:B2;0,5)*'Klimatfond 2025'!$C$16",
    );
    expect(formatForEdit("=SUM(A1:B2,0.5)*'Klimatfond 2025'!$C$16", 'en')).toBe(
      "=SUM(A1:B2,0.5)*'Klimatfond 2025'!$C$16",
    );
  });

  it('shows booleans in the locale', () => {
    expect(formatForEdit(true, 'en')).toBe('TRUE');
    expect(formatForEdit(false, 'en')).toBe('FALSE');
    expect(formatForEdit(true, 'sv')).toBe('SANT');
    expect(formatForEdit(false, 'sv')).toBe('FALSKT');
  });

  it('shows ordinary text as it is', () => {
    expect(formatForEdit('Umeå', 'sv')).toBe('Umeå');
    expect(formatForEdit('00123', 'sv')).toBe('00123');
    expect(formatForEdit('1.234', 'sv')).toBe('1.234');
    expect(formatForEdit('=', 'sv')).toBe('=');
  });

  it('adds an apostrophe to text that would otherwise read as something else', () => {
    expect(formatForEdit('123', 'sv')).toBe("'123");
    expect(formatForEdit('TRUE', 'en')).toBe("'TRUE");
    expect(formatForEdit('sant', 'sv')).toBe("'sant");
    expect(formatForEdit('1.234', 'en')).toBe("'1.234");
    expect(formatForEdit("'quoted", 'sv')).toBe("''quoted");
    expect(formatForEdit('', 'sv')).toBe("'");
    expect(formatForEdit(' 12', 'sv')).toBe("' 12");
  });

  it('keeps the locale-specific cases apart', () => {
    expect(formatForEdit('sant', 'en')).toBe('sant');
    expect(formatForEdit('1,5', 'en')).toBe('1,5');
    expect(formatForEdit('1,5', 'sv')).toBe("'1,5");
  });
});

describe('parseInput and formatForEdit together', () => {
  const numbers = [
    0,
    1,
    -1,
    0.5,
    -0.5,
    42,
    1234.5,
    -1234.5,
    0.1,
    0.2,
    0.1 + 0.2,
    1 / 3,
    2 / 3,
    Math.PI,
    -Math.E,
    0.75,
    0.011,
    1e-7,
    1e-9,
    1.5e-12,
    5e-324,
    1e20,
    1e21,
    1.7976931348623157e308,
    -1e300,
    123456789012345,
    1234567890123456,
    1234567890123456800,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    2 ** 53 + 2,
    1e15 + 0.3,
    99.99,
    0.001,
    100,
    1000,
    1e6,
    2030,
    -75,
    12345.678901,
  ];
  const texts = [
    '',
    ' ',
    'Umeå',
    'Klimatfond 2025',
    '123',
    '0123',
    '00123',
    '1,5',
    '1.5',
    '1.234',
    '1 234',
    '1 234,5',
    '75 %',
    '75%',
    '-5',
    `${MINUS}5`,
    '1E3',
    'TRUE',
    'false',
    'SANT',
    'falskt',
    "'",
    "'x",
    "''x",
    "'=x",
    '=',
    ' 12 ',
    '#REF!',
    'a\tb',
    'rad 1\nrad 2',
    '1234567890123456',
    '+5',
    '−',
    '%',
    ',',
    '.',
    'E5',
    '12 kt',
  ];
  const formulas = ['=A1', '=SUM(A1:B2)', "='Klimatfond 2025'!$C$16*Target_2030", '= 1 '];
  const values: RawCell[] = [
    null,
    true,
    false,
    ...numbers,
    ...numbers.map((n) => n * 7.3).filter(Number.isFinite),
    ...texts,
    ...formulas,
  ];

  for (const locale of ['sv', 'en'] as NumberLocale[]) {
    it(`gives every RawCell back in ${locale}`, () => {
      for (const value of values) {
        const shown = formatForEdit(value, locale);
        expect(parseInput(shown, locale), `${String(value)} shown as ${JSON.stringify(shown)}`).toBe(value);
      }
    });

    it(`gives random numbers back in ${locale}`, () => {
      let seed = 12345;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      for (let i = 0; i < 2000; i++) {
        const magnitude = 10 ** Math.floor(random() * 40 - 20);
        const value = (random() - 0.5) * magnitude;
        const shown = formatForEdit(value, locale);
        expect(parseInput(shown, locale), shown).toBe(value === 0 ? 0 : value);
      }
    });
  }

  it('reads what the user typed and shows it the same way when it is already canonical', () => {
    for (const [typed, locale] of [
      ['1234,5', 'sv'],
      ['1234.5', 'en'],
      ['=A1+B2', 'sv'],
      ['SANT', 'sv'],
      ['TRUE', 'en'],
      ['Växjö', 'sv'],
      ["'123", 'en'],
    ] as [string, NumberLocale][]) {
      expect(formatForEdit(parseInput(typed, locale), locale)).toBe(typed);
    }
  });
});
