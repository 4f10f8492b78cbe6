// The chart drawings, with Observable Plot (loaded lazily, only when a scenario is shown). Each
// drawing (a DrawChart) turns a scenario result into an SVG figure; the numbers come from the engine.
import type * as PlotModule from '@observablehq/plot';
import { type ScenarioResult, type Series, macBars } from '../../core/scenario/result';
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
  /** The BAU as the workbook was opened, drawn beside one a changed assumption moved. */
  bauOriginal: string;
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
    bauOriginal: t('seriesBauOriginal'),
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

/** A scenario result for the trajectory chart: with the BAU as opened when an assumption moved it. */
export interface TrajectoryResult extends ScenarioResult {
  originalBau?: Series | null;
}

/** The result to draw the trajectory from, with the BAU as opened (null: none to draw beside it). */
export function withOriginalBau(r: ScenarioResult, originalBau: Series | null): ScenarioResult {
  const out: TrajectoryResult = { ...r, originalBau };
  return out;
}

interface TrajectoryLine {
  label: string;
  colour: string;
  values: Series;
  width: number;
  dash?: string;
}

/** The trajectory's lines in drawing order (targets under the BAU under the projection). */
function trajectoryLines(r: TrajectoryResult, labels: ChartLabels, k: number): TrajectoryLine[] {
  const dash = `${6 * k},${4 * k}`;
  const lines: TrajectoryLine[] = [
    { label: labels.targetLinear, colour: '#c0392b', values: r.targets.linear, width: 2 * k, dash },
    { label: labels.targetNeutral, colour: '#1b7f3a', values: r.targets.neutral, width: 2 * k, dash },
    { label: labels.targetConstant, colour: '#d35400', values: r.targets.constant, width: 2 * k, dash },
    { label: labels.targetBudget, colour: '#8e44ad', values: r.targets.budget, width: 2 * k, dash },
  ];
  if (r.originalBau)
    lines.push({
      label: labels.bauOriginal,
      colour: '#5d6d7e',
      values: r.originalBau,
      width: 2 * k,
      dash: `${2 * k},${3 * k}`,
    });
  lines.push({ label: labels.bau, colour: '#7f8c8d', values: r.bau, width: 2 * k });
  lines.push({ label: labels.projected, colour: '#0b5cad', values: r.projected, width: 3.5 * k });
  return lines;
}

/** The y extent every line and zero need (Plot's own default with `zero: true`). */
function trajectoryExtent(lines: TrajectoryLine[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const line of lines)
    for (const v of line.values)
      if (v !== null) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

type Scale = (v: number) => number;

/** An SVG path through the points that have numbers; a missing year leaves a gap, never a 0. */
export function linePath(years: readonly number[], values: Series, x: Scale, y: Scale): string {
  let d = '';
  let pen = false;
  years.forEach((year, i) => {
    const v = values[i] ?? null;
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(year).toFixed(2)},${y(v).toFixed(2)}`;
    pen = true;
  });
  return d;
}

/**
 * The gap between the projection and the 2030 path as two areas: above the path (red) and below it
 * (green), split exactly where the lines cross, over the years that have both.
 */
export function gapPaths(
  years: readonly number[],
  projected: Series,
  target: Series,
  x: Scale,
  y: Scale,
): { above: string; below: string } {
  let above = '';
  let below = '';
  let run: { t: number; p: number; l: number }[] = [];
  const flush = () => {
    if (run.length > 1) {
      const area = (edge: (q: { p: number; l: number }) => number) => {
        const forth = run.map((q) => `${x(q.t).toFixed(2)},${y(edge(q)).toFixed(2)}`);
        const back = [...run].reverse().map((q) => `${x(q.t).toFixed(2)},${y(q.l).toFixed(2)}`);
        return `M${forth.join('L')}L${back.join('L')}Z`;
      };
      above += area((q) => Math.max(q.p, q.l));
      below += area((q) => Math.min(q.p, q.l));
    }
    run = [];
  };
  years.forEach((t, i) => {
    const p = projected[i] ?? null;
    const l = target[i] ?? null;
    if (p === null || l === null) {
      flush();
      return;
    }
    const prev = run.at(-1);
    // Where the projection crosses the path between two years, both areas meet at that point.
    if (prev && Math.sign(prev.p - prev.l) * Math.sign(p - l) < 0) {
      const f = (prev.p - prev.l) / (prev.p - prev.l - (p - l));
      const at = prev.l + f * (l - prev.l);
      run.push({ t: prev.t + f * (t - prev.t), p: at, l: at });
    }
    run.push({ t, p, l });
  });
  flush();
  return { above, below };
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Update functions of drawn trajectory figures (see updateTrajectory). */
const trajectoryUpdates = new WeakMap<Element, (r: TrajectoryResult) => boolean>();

/**
 * Move a drawn trajectory figure's lines and gap to a new result in place (a lever dragged): the
 * same scales, the same elements, only their `d` attributes set. False when it cannot (another set
 * of lines or years, or a value outside the drawn axis): the caller draws the figure again.
 */
export function updateTrajectory(figure: Element, r: TrajectoryResult): boolean {
  return trajectoryUpdates.get(figure)?.(r) ?? false;
}

export const trajectoryPlot: DrawChart = (Plot, result, labels, locale, width, sized = {}) => {
  const r = result as TrajectoryResult;
  const k = sized.scale ?? 1;
  const lines = trajectoryLines(r, labels, k);
  const [lo, hi] = trajectoryExtent(lines);
  const years = r.years;
  const dims = size(width, sized);
  // The lines and the gap are drawn by one mark of our own with stable elements, so a dragged
  // lever only sets their `d` (updateTrajectory); Plot draws the axes, grid and legend.
  const paths: SVGPathElement[] = [];
  let gap: { above: SVGPathElement; below: SVGPathElement } | null = null;
  let scales: { x: Scale; y: Scale } | null = null;
  const path = (attrs: Record<string, string | number>) => {
    const el = document.createElementNS(SVG_NS, 'path');
    for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
    return el;
  };
  const draw = (x: Scale, y: Scale, now: TrajectoryResult) => {
    const g = gapPaths(now.years, now.projected, now.targets.linear, x, y);
    gap?.above.setAttribute('d', g.above);
    gap?.below.setAttribute('d', g.below);
    trajectoryLines(now, labels, k).forEach((line, i) => {
      paths[i]?.setAttribute('d', linePath(now.years, line.values, x, y));
    });
  };
  const mark = (_index: number[], s: { x?: Scale; y?: Scale }) => {
    const group = document.createElementNS(SVG_NS, 'g');
    group.setAttribute('class', 'trajectory-lines');
    group.setAttribute('aria-label', 'trajectory');
    if (!s.x || !s.y) return group;
    scales = { x: s.x, y: s.y };
    gap = {
      above: path({ class: 'gap-above', fill: '#c0392b', 'fill-opacity': 0.18, stroke: 'none' }),
      below: path({ class: 'gap-below', fill: '#1b7f3a', 'fill-opacity': 0.18, stroke: 'none' }),
    };
    group.append(gap.above, gap.below);
    for (const line of lines) {
      // As Plot writes a line: the shared stroke attributes on a group, the colour on the path.
      const g = document.createElementNS(SVG_NS, 'g');
      const attrs: Record<string, string | number> = {
        fill: 'none',
        'stroke-width': line.width,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
        ...(line.dash ? { 'stroke-dasharray': line.dash } : {}),
      };
      for (const [key, value] of Object.entries(attrs)) g.setAttribute(key, String(value));
      g.setAttribute('aria-label', line.label);
      const el = path({ stroke: line.colour });
      g.append(el);
      paths.push(el);
      group.append(g);
    }
    draw(s.x, s.y, r);
    return group;
  };
  const figure = Plot.plot({
    ...dims,
    x: {
      domain: [years[0] ?? 0, years.at(-1) ?? 1],
      label: labels.year,
      tickFormat: (d: number) => String(d),
      ...ticks(dims.width, 80, sized),
    },
    y: {
      domain: [lo, hi],
      label: labels.tonnes,
      grid: true,
      tickFormat: axis(locale),
      ...ticks(dims.height, 35, sized),
    },
    color: {
      ...legend(sized),
      domain: [
        labels.projected,
        labels.bau,
        ...(r.originalBau ? [labels.bauOriginal] : []),
        labels.targetLinear,
        labels.targetNeutral,
        labels.targetConstant,
        labels.targetBudget,
      ],
      range: [
        '#0b5cad',
        '#7f8c8d',
        ...(r.originalBau ? ['#5d6d7e'] : []),
        '#c0392b',
        '#1b7f3a',
        '#d35400',
        '#8e44ad',
      ],
    },
    marks: [
      mark as unknown as PlotModule.Markish,
      Plot.ruleY([0], sized.scale ? { strokeWidth: sized.scale } : {}),
    ],
  });
  trajectoryUpdates.set(figure, (next) => {
    if (!scales || next.years.length !== years.length || next.years.some((y, i) => y !== years[i]))
      return false;
    const nextLines = trajectoryLines(next, labels, k);
    if (nextLines.length !== lines.length) return false;
    const [nextLo, nextHi] = trajectoryExtent(nextLines);
    if (nextLo < lo || nextHi > hi) return false;
    draw(scales.x, scales.y, next);
    return true;
  });
  return figure;
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
