// How a lever's value reads in the UI locale: shares (units `andel`, `andel/år`) as percentages with
// the rest of the unit, other numbers with as many decimals as the slider's step, then the unit.
import type { Lever } from '../../core/scenario/levers';
import { intlLocale } from '../../i18n/format';
import type { UiLocale } from '../../i18n/strings';

function decimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** `60 %`, `−3,70 %/år`, `429 078 liter/år`: the value with its unit, for the label and aria-valuetext. */
export function leverValueText(lever: Lever, value: number | null, locale: UiLocale): string {
  if (value === null) return '–';
  const unit = lever.parameter.unit.trim();
  const share = lever.parameter.kind.kind === 'share' || /^andel\b/.test(unit);
  if (share) {
    const digits = Math.max(0, decimals(lever.step) - 2);
    const text = new Intl.NumberFormat(intlLocale(locale), {
      style: 'percent',
      maximumFractionDigits: digits,
    }).format(value);
    return `${text}${unit.replace(/^andel/, '')}`;
  }
  const text = new Intl.NumberFormat(intlLocale(locale), {
    maximumFractionDigits: Math.max(decimals(lever.step), lever.parameter.kind.kind === 'year' ? 0 : 2),
    useGrouping: lever.parameter.kind.kind !== 'year',
  }).format(value);
  return unit && unit !== '–' ? `${text} ${unit}` : text;
}
