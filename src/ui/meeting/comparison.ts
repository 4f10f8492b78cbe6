// The meeting's comparison slide: the scenario with measures beside the path without measures and
// the two target paths, in the target year and the neutrality year, as grouped bars and in words.
// It compares within one scenario; comparing workbooks side by side is src/ui/compare/CompareView.
import type { ScenarioResult } from '../../core/scenario/result';
import { intlLocale } from '../../i18n/format';
import { roundForSpeech } from '../../i18n/sentences';
import type { UiLocale } from '../../i18n/strings';
import type { DrawChart } from '../charts/plots';

/** The years the slide compares: the target year and the neutrality year, when the scenario has them. */
function comparedYears(r: ScenarioResult): number[] {
  const wanted = [r.key.targetYear, r.key.neutralYear].filter(
    (y): y is number => y !== null && r.years.includes(y),
  );
  const unique = [...new Set(wanted)];
  const last = r.years.at(-1);
  return unique.length > 0 ? unique : last === undefined ? [] : [last];
}

/** Grouped bars per compared year: without measures, with measures, the −75 % path, the neutral path. */
export const comparisonPlot: DrawChart = (Plot, r, labels, locale, width, sized = {}) => {
  const scale = sized.scale ?? 1;
  const series = [labels.bau, labels.projected, labels.targetLinear, labels.targetNeutral];
  const rows = comparedYears(r).flatMap((year) => {
    const i = r.years.indexOf(year);
    const values = [r.bau[i], r.projected[i], r.targets.linear[i], r.targets.neutral[i]];
    // No number (an error upstream) draws no bar, never a bar at 0.
    return series.map((name, s) => ({ year: String(year), series: name, value: values[s] ?? null }));
  });
  const format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 });
  return Plot.plot({
    width: Math.max(320, width),
    height: sized.height ?? Math.round(Math.max(240, Math.min(460, width * 0.55))),
    marginLeft: Math.round(80 * scale),
    marginBottom: Math.round(36 * scale),
    marginTop: Math.round(20 * scale),
    style: { fontSize: `${Math.round(14 * scale)}px` },
    fx: { label: labels.year, padding: 0.15 },
    x: { axis: null, domain: series, padding: 0.08 },
    y: {
      label: labels.tonnes,
      grid: true,
      zero: true,
      tickFormat: (d: number) => format.format(d),
      ticks: Math.max(2, Math.floor((sized.height ?? 300) / (35 * scale))),
    },
    color: {
      legend: true,
      domain: series,
      range: ['#5d6d7e', '#0b5cad', '#c0392b', '#1b7f3a'],
      ...(scale === 1
        ? {}
        : { swatchSize: Math.round(15 * scale), style: { fontSize: `${Math.round(14 * scale)}px` } }),
    },
    marks: [
      Plot.barY(rows, { fx: 'year', x: 'series', y: 'value', fill: 'series' }),
      Plot.text(rows, {
        fx: 'year',
        x: 'series',
        y: 'value',
        text: (d: { value: number }) => format.format(roundForSpeech(d.value)),
        dy: -10 * scale,
        fontSize: Math.round(12 * scale),
        fill: '#16202a',
      }),
      Plot.ruleY([0], { strokeWidth: scale }),
    ],
  });
};

/** The comparison in words: where the scenario lands against no measures and the target paths. */
export function comparisonSentence(r: ScenarioResult, locale: UiLocale): string {
  const t = (v: number) =>
    `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(roundForSpeech(Math.abs(v)))} t`;
  const sv = locale === 'sv';
  return comparedYears(r)
    .map((year, n) => {
      const i = r.years.indexOf(year);
      const projected = r.projected[i] ?? null;
      const bau = r.bau[i] ?? null;
      const isTargetYear = year === r.key.targetYear && n === 0;
      const target = (isTargetYear ? r.targets.linear[i] : r.targets.neutral[i]) ?? null;
      // A year the result cannot give is not said as a figure (the views say why instead).
      if (projected === null || bau === null || target === null) return '';
      const path = isTargetYear
        ? sv
          ? 'på målbanan'
          : 'on the target path'
        : sv
          ? 'på den klimatneutrala banan'
          : 'on the climate-neutral path';
      return sv
        ? `År ${year} ligger scenariot på ${t(projected)}, mot ${t(bau)} utan åtgärder och ${t(target)} ${path}.`
        : `In ${year} the scenario is at ${t(projected)}, against ${t(bau)} without measures and ${t(target)} ${path}.`;
    })
    .filter(Boolean)
    .join(' ');
}
