// A cell's number format as a small typed value: general, fixed decimals with or without grouping,
// percent, and a unit suffix; read from and written as Excel format codes, and applied in the UI locale.
import type { NumberLocale } from './formulaLocale';

/** Most decimals a format may show (Excel allows 30; ten already shows every digit planners keep). */
export const MAX_DECIMALS = 10;
/** Longest unit suffix (`kr`, `t`, `MWh/år`): a short label, not a sentence. */
export const MAX_UNIT_LENGTH = 12;

/**
 * How a number in a cell is shown. `number` with `grouping: false` and no decimals is the plain
 * format for years (`2030`, not `2 030`); `unit` is shown after the number (`1 234 kr`).
 */
export type NumberFormat =
  | { kind: 'general' }
  | { kind: 'number'; decimals: number; grouping: boolean; unit?: string }
  | { kind: 'percent'; decimals: number };

export const GENERAL: NumberFormat = { kind: 'general' };

/** The presets the toolbar and Excel's keys apply. */
export const PRESETS = {
  general: GENERAL,
  /** Ctrl+Shift+1 in Excel: two decimals with thousands separators. */
  number: { kind: 'number', decimals: 2, grouping: true },
  thousands: { kind: 'number', decimals: 0, grouping: true },
  percent: { kind: 'percent', decimals: 0 },
  /** Years and ids: no grouping, no decimals. */
  plain: { kind: 'number', decimals: 0, grouping: false },
} as const satisfies Record<string, NumberFormat>;

/** Why a unit cannot be used, or null when it can: 1–12 characters, no quote or control character. */
export function unitProblem(unit: string): 'empty' | 'too-long' | 'invalid-char' | null {
  const trimmed = unit.trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length > MAX_UNIT_LENGTH) return 'too-long';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  return /["\u0000-\u001f\u007f]/.test(trimmed) ? 'invalid-char' : null;
}

/**
 * The Excel format code of a format: `General`, `0`, `0.00`, `#,##0`, `#,##0.0" kr"`, `0%`, `0.0%`.
 * `parseFormatCode` reads it back as an equal format.
 * @example formatCode({ kind: 'number', decimals: 0, grouping: true, unit: 'kr' }) // '#,##0" kr"'
 */
export function formatCode(format: NumberFormat): string {
  if (format.kind === 'general') return 'General';
  const fraction = format.decimals > 0 ? `.${'0'.repeat(format.decimals)}` : '';
  if (format.kind === 'percent') return `0${fraction}%`;
  const unit = format.unit === undefined ? '' : `" ${format.unit}"`;
  return `${format.grouping ? '#,##0' : '0'}${fraction}${unit}`;
}

/**
 * Read an Excel format code as a Bana format, or null when Bana cannot show it faithfully (dates,
 * times, scientific, fractions, scaling by thousands, more than MAX_DECIMALS decimals). Only the first
 * section (positive numbers) counts; colours, conditions and padding are ignored; literal text
 * before or after the number (quoted, escaped, or a `[$kr-41D]` currency) becomes the unit suffix.
 * `General` and the text format `@` are general.
 * @example parseFormatCode('#,##0.00 "kr";[Red]-#,##0.00 "kr"') // { kind: 'number', decimals: 2, grouping: true, unit: 'kr' }
 */
export function parseFormatCode(code: string): NumberFormat | null {
  // Excel caps a format code at 255 characters; a longer one is not a format.
  if (code.length > 255) return null;
  const trimmed = code.trim();
  if (trimmed === '' || /^general$/i.test(trimmed) || trimmed === '@') return GENERAL;
  let digits = '';
  let percent = false;
  let literal = '';
  let inNumber = 'before' as 'before' | 'in' | 'after';
  const addLiteral = (text: string) => {
    literal += text;
    if (inNumber === 'in') inNumber = 'after';
  };
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i] as string;
    if (ch === ';') break;
    if (ch === '"') {
      const end = trimmed.indexOf('"', i + 1);
      if (end < 0) return null;
      addLiteral(trimmed.slice(i + 1, end));
      i = end;
    } else if (ch === '\\') {
      addLiteral(trimmed[i + 1] ?? '');
      i++;
    } else if (ch === '_' || ch === '*') {
      i++; // padding to the width of the next character, or filling with it: nothing to show
    } else if (ch === '[') {
      const end = trimmed.indexOf(']', i + 1);
      if (end < 0) return null;
      const inside = trimmed.slice(i + 1, end);
      // [$kr-41D] is a currency symbol with a locale; [Red], [>100] and [$-41D] show no text.
      const currency = /^\$([^-]*)/.exec(inside);
      if (currency?.[1]) addLiteral(currency[1]);
      i = end;
    } else if ('0#?,.'.includes(ch)) {
      if (inNumber === 'after') return null;
      inNumber = 'in';
      digits += ch;
    } else if (ch === '%') {
      percent = true;
      if (inNumber === 'in') inNumber = 'after';
    } else if (/[eEdDmMyYhHsS/@]/.test(ch)) {
      return null; // scientific, dates, times, fractions, text placeholders: not a Bana format
    } else {
      addLiteral(ch);
    }
  }
  const number = /^([#0?,]*?)([#0?]*)(?:\.([0#?]*))?$/.exec(digits);
  if (!number || digits === '' || !/[0#?]/.test(digits)) return null;
  const integer = `${number[1] ?? ''}${number[2] ?? ''}`;
  // A comma after the last digit placeholder scales by a thousand: Bana cannot show that.
  if (/,$/.test(integer)) return null;
  const decimals = (number[3] ?? '').length;
  if (decimals > MAX_DECIMALS) return null;
  if (percent) return { kind: 'percent', decimals };
  const grouping = integer.includes(',');
  const unit = literal.trim();
  if (unit === '') return { kind: 'number', decimals, grouping };
  return unitProblem(unit) === null ? { kind: 'number', decimals, grouping, unit } : null;
}

/** True when two formats show numbers the same way. */
export function sameFormat(a: NumberFormat, b: NumberFormat): boolean {
  return formatCode(a) === formatCode(b);
}

/**
 * `format` with `delta` more (or fewer) decimals, within 0–MAX_DECIMALS. General becomes a number
 * format with grouping, as Excel's "increase decimals" does.
 */
export function withDecimals(format: NumberFormat, delta: number): NumberFormat {
  const base: Exclude<NumberFormat, { kind: 'general' }> =
    format.kind === 'general' ? { kind: 'number', decimals: 0, grouping: true } : format;
  const decimals = Math.max(0, Math.min(MAX_DECIMALS, base.decimals + delta));
  return { ...base, decimals };
}

/** `format` with a unit suffix (or none, for an empty unit); percent and general become `#,##0`. */
export function withUnit(format: NumberFormat, unit: string): NumberFormat {
  const base = format.kind === 'number' ? format : { kind: 'number' as const, decimals: 0, grouping: true };
  const trimmed = unit.trim();
  if (trimmed === '') return { kind: 'number', decimals: base.decimals, grouping: base.grouping };
  return { kind: 'number', decimals: base.decimals, grouping: base.grouping, unit: trimmed };
}

// ---- showing numbers -----------------------------------------------------------------------------

/** The BCP 47 tag for number formatting in each UI language. */
export function intlLocale(locale: NumberLocale): string {
  return locale === 'sv' ? 'sv-SE' : 'en-GB';
}

const intlCache = new Map<string, Intl.NumberFormat>();

function intl(locale: NumberLocale, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale}|${key}`;
  let format = intlCache.get(id);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), options);
    intlCache.set(id, format);
  }
  return format;
}

/**
 * Recently formatted general numbers per locale. The grid formats every visible cell again when values
 * arrive or rows scroll into view, and most of those numbers were just formatted: a lookup is ~20×
 * cheaper than Intl. Cleared when full, so it never grows past MAX_REMEMBERED entries.
 */
const remembered = new Map<NumberLocale, Map<number, string>>();
const MAX_REMEMBERED = 4096;

/**
 * A number as Excel's General format shows it in a normal column (about 7 significant digits for
 * fractions, whole numbers in full), grouped in the locale. Whole numbers that read as years
 * (1900–2100) are not grouped: a cell without a format holding 2030 is most likely a year.
 */
export function formatGeneral(value: number, locale: NumberLocale): string {
  // -0 would share 0's entry (Map keys compare with SameValueZero), and Intl writes it "-0".
  if (Object.is(value, -0)) return formatGeneralNow(value, locale);
  const known = remembered.get(locale) ?? new Map<number, string>();
  remembered.set(locale, known);
  let text = known.get(value);
  if (text === undefined) {
    if (known.size >= MAX_REMEMBERED) known.clear();
    text = formatGeneralNow(value, locale);
    known.set(value, text);
  }
  return text;
}

function formatGeneralNow(value: number, locale: NumberLocale): string {
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    return intl(locale, 'sci', { notation: 'scientific', maximumSignificantDigits: 6 }).format(value);
  }
  if (Number.isInteger(value) && value >= 1900 && value <= 2100) return String(value);
  if (Number.isInteger(value)) return intl(locale, 'int', { maximumFractionDigits: 0 }).format(value);
  return intl(locale, 'dec', { maximumSignificantDigits: 7 }).format(value);
}

/**
 * A number as `format` shows it in the UI locale: sv `1 234,5`, `75 %`, `1 234 kr`; en `1,234.5`,
 * `75%`. A value that rounds to zero shows no minus sign (`-0,001` with no decimals is `0`).
 * @example formatNumberAs(0.75, PRESETS.percent, 'sv') // '75 %'
 */
export function formatNumberAs(value: number, format: NumberFormat, locale: NumberLocale): string {
  if (format.kind === 'general') return formatGeneral(value, locale);
  const { decimals } = format;
  if (format.kind === 'percent') {
    return intl(locale, `p${decimals}`, {
      style: 'percent',
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: 'negative',
    }).format(value);
  }
  const text = intl(locale, `n${decimals}${format.grouping ? 'g' : ''}`, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: format.grouping,
    signDisplay: 'negative',
  }).format(value);
  // A no-break space, so the unit never wraps away from its number.
  return format.unit === undefined ? text : `${text}\u00a0${format.unit}`;
}

// ---- formats in a sheet --------------------------------------------------------------------------

/**
 * A sheet's formats, row-major like its cells and sparse the same way: `null` (or a missing entry)
 * is General. Each entry is a format code as `formatCode` writes it.
 */
export type FormatRows = (string | null)[][];

/** The format of one cell in a sheet's format rows (General when it has none or it cannot be read). */
export function formatAt(formats: FormatRows | undefined, row: number, col: number): NumberFormat {
  const code = formats?.[row]?.[col];
  if (code === null || code === undefined) return GENERAL;
  return parsedCode(code);
}

const parsed = new Map<string, NumberFormat>();

/** parseFormatCode for codes already in a document (valid by construction), remembered. */
function parsedCode(code: string): NumberFormat {
  let format = parsed.get(code);
  if (!format) {
    format = parseFormatCode(code) ?? GENERAL;
    if (parsed.size > 1024) parsed.clear();
    parsed.set(code, format);
  }
  return format;
}

/** The code a document stores for a format: null for General, so unformatted cells cost nothing. */
export function storedCode(format: NumberFormat): string | null {
  return format.kind === 'general' ? null : formatCode(format);
}
