// The Monte Carlo figures, with Observable Plot (loaded lazily by the tool): the projection's P5–P95
// band and median against the scenario's target paths, and the distribution of the target-year gap.
import type { Bin, MonteCarloResult } from '../../core/compiled/monteCarlo';
import type { ScenarioResult } from '../../core/scenario/result';
import { intlLocale } from '../../i18n/format';
import type { UiLocale } from '../../i18n/strings';
import type { ChartLabels, Plot } from '../charts/plots';

export interface FanLabels extends ChartLabels {
  band: string;
  median: string;
}

const grouped = (locale: UiLocale) => {
  const format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 });
  return (d: number) => format.format(d);
};

const dims = (width: number) => ({
  width: Math.max(320, width),
  height: Math.round(Math.max(220, Math.min(400, width * 0.5))),
  marginLeft: 80,
  style: { fontSize: '14px' },
});

/** The fan: P5–P95 as a band, P50 as a line, the 2030 and climate-neutral paths dashed. */
export function fanPlot(
  Plot: Plot,
  mc: MonteCarloResult,
  scenario: ScenarioResult | null,
  labels: FanLabels,
  locale: UiLocale,
  width: number,
): Element {
  const rows = mc.years.map((year, i) => ({
    year,
    p5: mc.projection.p5[i] ?? null,
    p50: mc.projection.p50[i] ?? null,
    p95: mc.projection.p95[i] ?? null,
  }));
  // The target paths are the scenario's own (they do not depend on the sampled inputs' draws here).
  const targets = scenario
    ? scenario.years.flatMap((year, i) => [
        { year, value: scenario.targets.linear[i] ?? null, series: labels.targetLinear },
        { year, value: scenario.targets.neutral[i] ?? null, series: labels.targetNeutral },
      ])
    : [];
  return Plot.plot({
    ...dims(width),
    x: { label: labels.year, tickFormat: (d: number) => String(d) },
    y: { label: labels.tonnes, grid: true, zero: true, tickFormat: grouped(locale) },
    color: {
      legend: true,
      domain: [labels.band, labels.median, labels.targetLinear, labels.targetNeutral],
      range: ['#9ec5ea', '#0b5cad', '#c0392b', '#1b7f3a'],
    },
    marks: [
      Plot.areaY(
        rows.filter(
          (d) => d.p5 !== null && d.p95 !== null && Number.isFinite(d.p5) && Number.isFinite(d.p95),
        ),
        { x: 'year', y1: 'p5', y2: 'p95', fill: () => labels.band, fillOpacity: 0.6 },
      ),
      Plot.lineY(
        targets.filter((d) => d.value !== null),
        { x: 'year', y: 'value', stroke: 'series', strokeWidth: 2, strokeDasharray: '6,4' },
      ),
      Plot.lineY(
        rows.filter((d) => d.p50 !== null && Number.isFinite(d.p50)),
        { x: 'year', y: 'p50', stroke: () => labels.median, strokeWidth: 3 },
      ),
      Plot.ruleY([0]),
    ],
  });
}

/** The gap's histogram: a bar per bin, a rule at 0 (left of it the target is met). */
export function gapPlot(
  Plot: Plot,
  bins: Bin[],
  labels: { gap: string; runs: string },
  locale: UiLocale,
  width: number,
): Element {
  return Plot.plot({
    ...dims(width),
    x: { label: labels.gap, tickFormat: grouped(locale) },
    y: { label: labels.runs, grid: true, tickFormat: grouped(locale) },
    marks: [
      Plot.rectY(bins, {
        x1: 'from',
        x2: 'to',
        y: 'count',
        fill: (d: Bin) => (d.to <= 0 ? '#1b7f3a' : d.from >= 0 ? '#c0392b' : '#b7950b'),
        inset: 0.5,
      }),
      Plot.ruleX([0], { strokeDasharray: '4,3' }),
      Plot.ruleY([0]),
    ],
  });
}
