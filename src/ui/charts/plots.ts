// The chart drawings, with Observable Plot (loaded lazily, only when a scenario is shown). Each
// drawing (a DrawChart) turns a scenario result into an SVG figure; the numbers come from the engine.
import type * as PlotModule from '@observablehq/plot';
import { type ScenarioResult, macBars } from '../../core/scenario/result';
import { intlLocale } from '../../i18n/format';
import type { StringKey, UiLocale } from '../../i18n/strings';

export type Plot = typeof PlotModule;

export interface ChartLabels {
  year: string;
  tonnes: string;
  krPerTonne: string;
  cumulativeTonnes: string;
  projected: string;
  bau: string;
  targetLinear: string;
  targetNeutral: string;
  targetConstant: string;
  targetBudget: string;
}

/** The series and axis names in the UI language. */
export function chartLabels(t: (key: StringKey) => string): ChartLabels {
  return {
    year: t('chartYear'),
    tonnes: t('chartTonnes'),
    krPerTonne: t('chartKrPerTonne'),
    cumulativeTonnes: t('chartCumulativeTonnes'),
    projected: t('seriesProjected'),
    bau: t('seriesBau'),
    targetLinear: t('seriesTargetLinear'),
    targetNeutral: t('seriesTargetNeutral'),
    targetConstant: t('seriesTargetConstant'),
    targetBudget: t('seriesTargetBudget'),
  };
}

/** Colours that stay distinct on a projector and for common colour-vision deficiencies. */
export const SERIES_COLOURS = [
  '#0b5cad',
  '#d35400',
  '#1b7f3a',
  '#8e44ad',
  '#b7950b',
  '#16a085',
  '#c0392b',
  '#5d6d7e',
];

/** Axis numbers always grouped (a tonnage of 2 000 is not a year). */
const axis = (locale: UiLocale) => {
  const format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 });
  return (d: number) => format.format(d);
};

/**
 * How large to draw: `scale` multiplies type, line widths and margins (meeting mode draws at 2 for
 * a projector); `height` overrides the height derived from the width. Omitted: the panel's size.
 */
export interface PlotSize {
  scale?: number;
  height?: number;
}

/**
 * What every chart drawing is: Plot (loaded lazily by the caller), the result, the labels and
 * locale, the width in pixels and an optional size; it returns the figure. The panel, the meeting
 * slides and the comparison slide all draw through this one signature, so the drawings are
 * constants of this type rather than functions that each spell it out.
 */
export type DrawChart = (
  Plot: Plot,
  r: ScenarioResult,
  labels: ChartLabels,
  locale: UiLocale,
  width: number,
  sized?: PlotSize,
) => Element;

const size = (width: number, { scale = 1, height }: PlotSize = {}) => ({
  width: Math.max(320, width),
  height: height ?? Math.round(Math.max(240, Math.min(460, width * 0.55))),
  marginLeft: Math.round(80 * scale),
  style: { fontSize: `${Math.round(14 * scale)}px` },
  // Only a scaled plot sets these, so the panel's charts keep Plot's defaults.
  ...(scale === 1
    ? {}
    : {
        marginTop: Math.round(20 * scale),
        marginRight: Math.round(20 * scale),
        marginBottom: Math.round(36 * scale),
      }),
});

/** Fewer ticks on a scaled plot, so its larger labels keep Plot's spacing between them. */
const ticks = (length: number, spacing: number, { scale = 1 }: PlotSize = {}) =>
  scale === 1 ? {} : { ticks: Math.max(2, Math.floor(length / (spacing * scale))) };

/** The colour legend's options: swatches and labels grow with the scale. */
const legend = ({ scale = 1 }: PlotSize = {}) =>
  scale === 1
    ? { legend: true }
    : {
        legend: true,
        swatchSize: Math.round(15 * scale),
        style: { fontSize: `${Math.round(14 * scale)}px` },
      };

export const trajectoryPlot: DrawChart = (Plot, r, labels, locale, width, sized = {}) => {
  const k = sized.scale ?? 1;
  // A year without a number (an error upstream) stays null: Plot leaves a gap, never a line at 0.
  const rows = r.years.map((year, i) => ({
    year,
    projected: r.projected[i] ?? null,
    bau: r.bau[i] ?? null,
    linear: r.targets.linear[i] ?? null,
    neutral: r.targets.neutral[i] ?? null,
    constant: r.targets.constant[i] ?? null,
    budget: r.targets.budget[i] ?? null,
  }));
  const long = rows.flatMap((d) => [
    { year: d.year, value: d.projected, series: labels.projected },
    { year: d.year, value: d.bau, series: labels.bau },
    { year: d.year, value: d.linear, series: labels.targetLinear },
    { year: d.year, value: d.neutral, series: labels.targetNeutral },
    { year: d.year, value: d.constant, series: labels.targetConstant },
    { year: d.year, value: d.budget, series: labels.targetBudget },
  ]);
  const dims = size(width, sized);
  return Plot.plot({
    ...dims,
    x: { label: labels.year, tickFormat: (d: number) => String(d), ...ticks(dims.width, 80, sized) },
    y: {
      label: labels.tonnes,
      grid: true,
      zero: true,
      tickFormat: axis(locale),
      ...ticks(dims.height, 35, sized),
    },
    color: {
      ...legend(sized),
      domain: [
        labels.projected,
        labels.bau,
        labels.targetLinear,
        labels.targetNeutral,
        labels.targetConstant,
        labels.targetBudget,
      ],
      range: ['#0b5cad', '#7f8c8d', '#c0392b', '#1b7f3a', '#d35400', '#8e44ad'],
    },
    marks: [
      // The gap: red where the projection is above the 2030 target path, green where below; only
      // over the years that have both (Plot cannot draw a difference with no points).
      Plot.differenceY(
        rows.filter((d) => d.projected !== null && d.linear !== null),
        {
          x: 'year',
          y1: 'linear',
          y2: 'projected',
          positiveFill: '#c0392b',
          negativeFill: '#1b7f3a',
          fillOpacity: 0.18,
          stroke: 'none',
        },
      ),
      Plot.lineY(
        long.filter((d) => d.series !== labels.projected && d.series !== labels.bau),
        { x: 'year', y: 'value', stroke: 'series', strokeWidth: 2 * k, strokeDasharray: `${6 * k},${4 * k}` },
      ),
      Plot.lineY(
        long.filter((d) => d.series === labels.bau),
        { x: 'year', y: 'value', stroke: 'series', strokeWidth: 2 * k },
      ),
      Plot.lineY(
        long.filter((d) => d.series === labels.projected),
        { x: 'year', y: 'value', stroke: 'series', strokeWidth: 3.5 * k },
      ),
      Plot.ruleY([0], sized.scale ? { strokeWidth: sized.scale } : {}),
    ],
  });
};

export const wedgesPlot: DrawChart = (Plot, r, labels, locale, width, sized = {}) => {
  const long = r.measures.flatMap((m) =>
    r.years.map((year, i) => ({ year, value: m.values[i] ?? null, measure: m.name })),
  );
  const dims = size(width, sized);
  return Plot.plot({
    ...dims,
    x: { label: labels.year, tickFormat: (d: number) => String(d), ...ticks(dims.width, 80, sized) },
    y: { label: labels.tonnes, grid: true, tickFormat: axis(locale), ...ticks(dims.height, 35, sized) },
    color: { ...legend(sized), range: SERIES_COLOURS },
    marks: [
      Plot.areaY(long, { x: 'year', y: 'value', fill: 'measure', curve: 'step-after' }),
      Plot.ruleY([0], sized.scale ? { strokeWidth: sized.scale } : {}),
    ],
  });
};

export const macPlot: DrawChart = (Plot, r, labels, locale, width, sized = {}) => {
  const bars = macBars(r.measures);
  const dims = size(width, sized);
  return Plot.plot({
    ...dims,
    x: { label: labels.cumulativeTonnes, tickFormat: axis(locale), ...ticks(dims.width, 80, sized) },
    y: { label: labels.krPerTonne, grid: true, tickFormat: axis(locale), ...ticks(dims.height, 35, sized) },
    color: { ...legend(sized), range: SERIES_COLOURS },
    marks: [
      Plot.rectY(bars, { x1: 'x0', x2: 'x1', y: 'krPerTonne', fill: 'name', inset: 0.5 }),
      Plot.ruleY([0], sized.scale ? { strokeWidth: sized.scale } : {}),
    ],
  });
};

/** A region's baseline per sector: stacked bars per observed year; a missing year leaves its sector out. */
export const sectorsPlot: DrawChart = (Plot, r, labels, locale, width, sized = {}) => {
  const s = r.sectors;
  const long = (s?.sectors ?? []).flatMap((x) =>
    (s?.years ?? []).flatMap((year, i) => {
      const value = x.values[i];
      return value === null || value === undefined ? [] : [{ year: String(year), value, sector: x.name }];
    }),
  );
  const dims = size(width, sized);
  return Plot.plot({
    ...dims,
    x: { label: labels.year, type: 'band' },
    y: { label: labels.tonnes, grid: true, tickFormat: axis(locale), ...ticks(dims.height, 35, sized) },
    color: { ...legend(sized), range: SERIES_COLOURS, domain: (s?.sectors ?? []).map((x) => x.name) },
    marks: [
      Plot.barY(long, { x: 'year', y: 'value', fill: 'sector', order: null }),
      Plot.ruleY([0], sized.scale ? { strokeWidth: sized.scale } : {}),
    ],
  });
};
