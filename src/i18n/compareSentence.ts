// A comparison of scenarios said in words, in the UI language: how far each gets by its target year,
// what is left in the neutrality year, and which is cheapest per tonne. Figures rounded for speech.
import type { ScenarioResult } from '../core/scenario/result';
import { formatPercent, intlLocale } from './format';
import { roundForSpeech } from './sentences';
import type { UiLocale } from './strings';

export interface SpokenScenario {
  name: string;
  result: ScenarioResult | null;
}

/** "−49 %" for a cut of 0.49, "+5 %" for a rise: the sign says the direction. */
export function signedPercent(share: number, locale: UiLocale, fractionDigits = 0): string {
  const amount = formatPercent(Math.abs(share), locale, fractionDigits);
  return `${share >= 0 ? '−' : '+'}${amount}`;
}

function tonnes(value: number, locale: UiLocale): string {
  const n = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 });
  return `${n.format(roundForSpeech(value))} t`;
}

function kronor(value: number, locale: UiLocale): string {
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(value)} kr`;
}

/**
 * The comparison in one or a few sentences; scenarios without a result are left out. On the
 * "% of base year" axis what is left in the neutrality year is said as a share of each base year.
 * @example compareSentence([{ name: 'A', result: a }, { name: 'B', result: b }], 'en')
 *   → 'A reaches −49% by 2030, B −52%. In 2035, 120,000 t remain in A and 98,000 t in B. …'
 */
export function compareSentence(
  scenarios: readonly SpokenScenario[],
  locale: UiLocale,
  axis: 'tonnes' | 'percent' = 'tonnes',
): string {
  const sv = locale === 'sv';
  const usable = scenarios.filter(
    (s): s is { name: string; result: ScenarioResult } =>
      s.result !== null && s.result.key.reductionAtTarget !== null && s.result.key.targetYear !== null,
  );
  if (usable.length === 0) return '';
  const firstYear = usable[0]?.result.key.targetYear;
  const reaches = usable.map((s, i) => {
    const { reductionAtTarget, targetYear } = s.result.key;
    const pct = signedPercent(reductionAtTarget as number, locale);
    const year =
      i === 0 || targetYear !== firstYear ? (sv ? ` till ${targetYear}` : ` by ${targetYear}`) : '';
    return i === 0 ? `${s.name} ${sv ? 'når' : 'reaches'} ${pct}${year}` : `${s.name} ${pct}${year}`;
  });
  const parts = [`${reaches.join(', ')}.`];

  const residuals = usable.filter(
    (s) => s.result.key.residualAtNeutral !== null && s.result.key.neutralYear !== null,
  );
  const neutralYear = residuals[0]?.result.key.neutralYear;
  if (
    residuals.length === usable.length &&
    residuals.every((s) => s.result.key.neutralYear === neutralYear)
  ) {
    const items = residuals.map((s) => {
      const left = Math.max(0, s.result.key.residualAtNeutral as number);
      const base = s.result.key.baseEmissions;
      // On the % axis the amount left is said as a share of the scenario's own base year.
      const amount =
        axis === 'percent' && base !== null && base > 0
          ? `${formatPercent(left / base, locale)} ${sv ? 'av basåret' : 'of the base year'}`
          : tonnes(left, locale);
      return `${amount} ${sv ? 'i' : 'in'} ${s.name}`;
    });
    const list = joinList(items, locale);
    parts.push(sv ? `År ${neutralYear} återstår ${list}.` : `In ${neutralYear}, ${list} remain.`);
  }

  const priced = usable.filter((s) => s.result.key.costPerTonne !== null && s.result.key.costPerTonne > 0);
  if (priced.length > 1) {
    const cheapest = priced.reduce((a, b) =>
      (b.result.key.costPerTonne as number) < (a.result.key.costPerTonne as number) ? b : a,
    );
    const price = `${kronor(cheapest.result.key.costPerTonne as number, locale)}/t`;
    parts.push(
      sv
        ? `Lägst kostnad per ton har ${cheapest.name} (${price}).`
        : `${cheapest.name} is the cheapest per tonne (${price}).`,
    );
  }
  return parts.join(' ');
}

function joinList(items: string[], locale: UiLocale): string {
  if (items.length <= 1) return items[0] ?? '';
  const and = locale === 'sv' ? 'och' : 'and';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}
