// The result of each chart said in words, in the UI language: read aloud in meetings and by
// screen readers. Figures are rounded the way people say them (5 900 t, 41 %).
import type { ScenarioResult } from '../core/scenario/result';
import { formatPercent, intlLocale } from './format';
import type { UiLocale } from './strings';

/** Round tonnes for speech: nearest 100 above 1 000, nearest 10 above 100, else whole. */
export function roundForSpeech(value: number): number {
  const abs = Math.abs(value);
  const step = abs >= 1000 ? 100 : abs >= 100 ? 10 : 1;
  return Math.round(value / step) * step;
}

function tonnes(value: number, locale: UiLocale): string {
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(roundForSpeech(value))} t`;
}

function percent(share: number, locale: UiLocale): string {
  return formatPercent(share, locale, 0);
}

function kronor(value: number, locale: UiLocale): string {
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(value)} kr`;
}

/** The headline: reduction by the target year, whether the target is met and what is missing. */
export function trajectorySentence(r: ScenarioResult, locale: UiLocale): string {
  const {
    reductionAtTarget: cut,
    targetCut,
    shortfallAtTarget: short,
    targetYear,
    residualAtNeutral,
    neutralYear,
  } = r.key;
  if (cut === null || targetCut === null || targetYear === null) return '';
  const target = `−${percent(targetCut, locale)}`;
  const falls = cut >= 0;
  const amount = percent(Math.abs(cut), locale);
  const met = short !== null && short <= 0.5;
  const residual = residualAtNeutral ?? 0;
  if (locale === 'sv') {
    const first = `Med dessa åtgärder ${falls ? 'minskar' : 'ökar'} utsläppen med ${amount} till ${targetYear}; målet ${target} ${met ? 'nås' : `nås inte, det saknas ${tonnes(short ?? 0, locale)}`}.`;
    const second =
      neutralYear === null
        ? ''
        : residual <= 0.5
          ? ` År ${neutralYear} är utsläppen noll.`
          : ` År ${neutralYear} återstår ${tonnes(residual, locale)} som måste bort eller kompenseras för klimatneutralitet.`;
    return first + second;
  }
  const first = `With these measures emissions ${falls ? 'fall' : 'rise'} by ${amount} by ${targetYear}; the ${target} target is ${met ? 'met' : `not met, ${tonnes(short ?? 0, locale)} are missing`}.`;
  const second =
    neutralYear === null
      ? ''
      : residual <= 0.5
        ? ` In ${neutralYear} emissions are zero.`
        : ` In ${neutralYear}, ${tonnes(residual, locale)} remain to be cut or offset for climate neutrality.`;
  return first + second;
}

/** The wedges: how much the measures cut in the target year, and which cuts most. */
export function wedgesSentence(r: ScenarioResult, locale: UiLocale): string {
  const year = r.key.targetYear ?? r.years[0] ?? 0;
  const i = r.years.indexOf(year);
  const contributions = r.measures
    .map((m) => ({ name: m.name, t: m.values[i] ?? 0 }))
    .sort((a, b) => b.t - a.t);
  const total = contributions.reduce((s, m) => s + m.t, 0);
  const top = contributions[0];
  if (r.measures.length === 0) {
    return locale === 'sv' ? 'Scenariot har inga åtgärder ännu.' : 'The scenario has no measures yet.';
  }
  if (!top || total <= 0) {
    return locale === 'sv'
      ? `Åtgärderna minskar inte utsläppen år ${year}.`
      : `The measures cut nothing in ${year}.`;
  }
  return locale === 'sv'
    ? `Åtgärderna minskar utsläppen med ${tonnes(total, locale)} år ${year}; störst är ${top.name} med ${tonnes(top.t, locale)}.`
    : `The measures cut ${tonnes(total, locale)} in ${year}; the largest is ${top.name} with ${tonnes(top.t, locale)}.`;
}

/** The MAC curve: cheapest and dearest per tonne, and the total. */
export function macSentence(
  bars: { name: string; x0: number; x1: number; krPerTonne: number }[],
  locale: UiLocale,
): string {
  const first = bars[0];
  const last = bars.at(-1);
  if (!first || !last) {
    return locale === 'sv'
      ? 'Ingen åtgärd har både kostnad och minskning att jämföra.'
      : 'No measure has both a cost and a reduction to compare.';
  }
  const total = last.x1;
  return locale === 'sv'
    ? `Billigast per ton är ${first.name} (${kronor(first.krPerTonne, locale)}/t), dyrast ${last.name} (${kronor(last.krPerTonne, locale)}/t); tillsammans ${tonnes(total, locale)}.`
    : `Cheapest per tonne is ${first.name} (${kronor(first.krPerTonne, locale)}/t), dearest ${last.name} (${kronor(last.krPerTonne, locale)}/t); together ${tonnes(total, locale)}.`;
}

/** The key figures in one sentence: cost per tonne and the cumulative gap. */
export function keyFiguresSentence(r: ScenarioResult, locale: UiLocale): string {
  const { costPerTonne, totalCost, cumulativeGapToNeutral: gap, neutralYear } = r.key;
  const cost =
    costPerTonne !== null && totalCost !== null
      ? locale === 'sv'
        ? `Åtgärderna kostar ${kronor(totalCost, locale)}, ${kronor(costPerTonne, locale)} per ton.`
        : `The measures cost ${kronor(totalCost, locale)}, ${kronor(costPerTonne, locale)} per tonne.`
      : '';
  const gapText =
    gap !== null && neutralYear !== null
      ? locale === 'sv'
        ? ` Ackumulerat ligger utsläppen ${tonnes(Math.abs(gap), locale)} ${gap >= 0 ? 'över' : 'under'} målbanan till ${neutralYear}.`
        : ` Cumulatively, emissions are ${tonnes(Math.abs(gap), locale)} ${gap >= 0 ? 'above' : 'below'} the target path by ${neutralYear}.`
      : '';
  return (cost + gapText).trim();
}
