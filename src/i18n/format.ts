// How computed values look in the UI locale: sv-SE `1 234,5`, en `1,234.5`, errors as Excel codes.
import type { CellValue } from '../core/values';
import type { DisplayCell } from '../core/grid';
import type { UiLocale } from './strings';

const integerFormats = new Map<UiLocale, Intl.NumberFormat>();
const decimalFormats = new Map<UiLocale, Intl.NumberFormat>();
const scientificFormats = new Map<UiLocale, Intl.NumberFormat>();

function cached(map: Map<UiLocale, Intl.NumberFormat>, locale: UiLocale, options: Intl.NumberFormatOptions) {
  let format = map.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), options);
    map.set(locale, format);
  }
  return format;
}

/** The BCP 47 tag for number formatting in each UI language. */
export function intlLocale(locale: UiLocale): string {
  return locale === 'sv' ? 'sv-SE' : 'en-GB';
}

/**
 * A share as a percentage in the UI locale, with at most `fractionDigits` decimals; a missing value
 * is a dash, as in the key figures.
 * @example formatPercent(0.493, 'sv', 1) // "49,3 %"
 */
export function formatPercent(
  share: number | null | undefined,
  locale: UiLocale,
  fractionDigits = 1,
): string {
  if (share === null || share === undefined) return '–';
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'percent',
    maximumFractionDigits: fractionDigits,
  }).format(share);
}

/**
 * Recently formatted numbers per locale. The grid formats every visible cell again when values arrive
 * or rows scroll into view, and most of those numbers were just formatted: a lookup is ~20× cheaper
 * than Intl. Cleared when full, so it never grows past MAX_REMEMBERED entries.
 */
const remembered = new Map<UiLocale, Map<number, string>>();
const MAX_REMEMBERED = 4096;

/** A number as Excel's General format shows it in a normal column (about 7 significant digits for
 * fractions, whole numbers in full), grouped in the locale. The formula bar shows full precision. */
export function formatNumber(value: number, locale: UiLocale): string {
  // -0 would share 0's entry (Map keys compare with SameValueZero), and Intl writes it "-0".
  if (Object.is(value, -0)) return formatNumberNow(value, locale);
  const known = remembered.get(locale) ?? new Map<number, string>();
  remembered.set(locale, known);
  let text = known.get(value);
  if (text === undefined) {
    if (known.size >= MAX_REMEMBERED) known.clear();
    text = formatNumberNow(value, locale);
    known.set(value, text);
  }
  return text;
}

function formatNumberNow(value: number, locale: UiLocale): string {
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    return cached(scientificFormats, locale, { notation: 'scientific', maximumSignificantDigits: 6 }).format(
      value,
    );
  }
  // Whole numbers that read as years (1900–2100) are not grouped: "2030", not "2 030". Until cells
  // carry number formats this is the one exception to grouping.
  if (Number.isInteger(value) && value >= 1900 && value <= 2100) return String(value);
  if (Number.isInteger(value))
    return cached(integerFormats, locale, { maximumFractionDigits: 0 }).format(value);
  return cached(decimalFormats, locale, { maximumSignificantDigits: 7 }).format(value);
}

const BOOLEAN_TEXT: Record<UiLocale, [string, string]> = { sv: ['SANT', 'FALSKT'], en: ['TRUE', 'FALSE'] };

/** What one computed value shows in a cell. */
export function formatValue(value: CellValue | undefined, locale: UiLocale): DisplayCell {
  if (value === null || value === undefined) return { text: '', align: 'left' };
  if (typeof value === 'number') return { text: formatNumber(value, locale), align: 'right' };
  if (typeof value === 'boolean') {
    const [t, f] = BOOLEAN_TEXT[locale];
    return { text: value ? t : f, align: 'center' };
  }
  if (typeof value === 'string') return { text: value, align: 'left' };
  return { text: value.error, align: 'center', errorMessage: value.message };
}
