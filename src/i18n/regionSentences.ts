// A region's own baseline said in words: which BAU rule the scenario uses and where the emissions
// come from, per sector, in the UI language.
import type { SectorBreakdown } from '../core/scenario/result';
import { formatPercent, intlLocale } from './format';
import { roundForSpeech } from './sentences';
import type { UiLocale } from './strings';

function tonnes(value: number, locale: UiLocale): string {
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(roundForSpeech(value))} t`;
}

/** The BAU rule the workbook's choice cell holds, in the sheet's Swedish words. */
const RULES = { flat: 'oförändrad', rate: 'konstant takt', linear: 'linjär' } as const;

/** Which rule the BAU path follows after the last observed year, with its number. */
export function bauSentence(s: SectorBreakdown, baseYear: number | null, locale: UiLocale): string {
  const { rule, change, slope, lastYear } = s.bau;
  if (lastYear === null) return '';
  const sv = locale === 'sv';
  const from = baseYear !== null && baseYear < lastYear ? `${baseYear}–${lastYear}` : String(lastYear);
  const observed = sv
    ? `Utan åtgärder följer banan de observerade åren till ${lastYear}, `
    : `Without measures the path follows the observed years to ${lastYear}, `;
  if (rule === RULES.flat)
    return (
      observed +
      (sv ? `sedan oförändrad på ${lastYear} års nivå.` : `then stays flat at the ${lastYear} level.`)
    );
  if (rule === RULES.rate && change !== null) {
    const rate = `${change < 0 ? '−' : '+'}${formatPercent(Math.abs(change), locale, 1)}`;
    return (
      observed +
      (sv
        ? `sedan konstant takt ${rate} per år (trenden ${from}).`
        : `then changes at a constant rate of ${rate} a year (the trend ${from}).`)
    );
  }
  if (rule === RULES.linear && slope !== null) {
    const step = `${slope < 0 ? '−' : '+'}${tonnes(Math.abs(slope), locale)}`;
    return (
      observed +
      (sv
        ? `sedan linjärt ${step} per år (trenden ${from}), aldrig under noll.`
        : `then changes linearly by ${step} a year (the trend ${from}), never below zero.`)
    );
  }
  return sv
    ? `Regeln för utvecklingen utan åtgärder (${rule ?? ''}) är inte ett av valen oförändrad, konstant takt eller linjär.`
    : `The rule for emissions without measures (${rule ?? ''}) is not one of flat, constant rate or linear.`;
}

/** The largest sectors in the first year every sector reports: name, tonnes and share. */
export function sectorsSentence(s: SectorBreakdown, locale: UiLocale): string {
  const sv = locale === 'sv';
  const c = s.years.findIndex((_, i) => s.sectors.every((x) => x.values[i] !== null));
  if (c < 0) return sv ? 'Inget år har värden för alla sektorer.' : 'No year has values for every sector.';
  const year = s.years[c] as number;
  const rows = s.sectors.map((x) => ({ name: x.name, t: x.values[c] as number }));
  const total = rows.reduce((a, r) => a + r.t, 0);
  const top = [...rows].sort((a, b) => b.t - a.t).slice(0, 2);
  const part = (r: { name: string; t: number }) =>
    `${r.name} ${tonnes(r.t, locale)}${total > 0 ? ` (${formatPercent(r.t / total, locale, 0)})` : ''}`;
  const list = top.map(part).join(sv ? ' och ' : ' and ');
  return sv
    ? `${year} kom ${tonnes(total, locale)} från ${s.sectors.length} sektorer; störst: ${list}.`
    : `In ${year}, ${tonnes(total, locale)} came from ${s.sectors.length} sectors; largest: ${list}.`;
}
