// How computed values look in the UI locale: sv-SE `1 234,5`, en `1,234.5`, each number in its cell's
// format (core/numberFormat), errors as Excel codes.
import { GENERAL, type NumberFormat, intlLocale, formatGeneral, formatNumberAs } from '../core/numberFormat';
import type { CellValue } from '../core/values';
import type { DisplayCell } from '../core/grid';
import type { UiLocale } from './strings';

export { intlLocale } from '../core/numberFormat';

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

/** A number as Excel's General format shows it in a normal column (about 7 significant digits for
 * fractions, whole numbers in full, years ungrouped), grouped in the locale. The formula bar shows
 * full precision. */
export function formatNumber(value: number, locale: UiLocale): string {
  return formatGeneral(value, locale);
}

const BOOLEAN_TEXT: Record<UiLocale, [string, string]> = { sv: ['SANT', 'FALSKT'], en: ['TRUE', 'FALSE'] };

/** What one computed value shows in a cell: a number in its cell's format; text, booleans and errors as they are. */
export function formatValue(
  value: CellValue | undefined,
  locale: UiLocale,
  format: NumberFormat = GENERAL,
): DisplayCell {
  if (value === null || value === undefined) return { text: '', align: 'left' };
  if (typeof value === 'number') return { text: formatNumberAs(value, format, locale), align: 'right' };
  if (typeof value === 'boolean') {
    const [t, f] = BOOLEAN_TEXT[locale];
    return { text: value ? t : f, align: 'center' };
  }
  if (typeof value === 'string') return { text: value, align: 'left' };
  return { text: value.error, align: 'center', errorMessage: value.message };
}
