// Scenarios side by side, of one region or several: pick two or more, then one chart of their
// projected emissions each with its own target path, on tonnes or "% of base year" (the chart's table
// and sentence follow the axis), key figures, the parameters that differ, and the comparison in words.
import {
  For,
  Show,
  createEffect,
  createMemo,
  createResource,
  createSignal,
  onCleanup,
  onMount,
} from 'solid-js';
import type { ScenarioId } from '../../core/document';
import { type CompareAxis, defaultAxis, onAxis } from '../../core/scenario/compare';
import type { CellValue } from '../../core/values';
import { compareSentence, signedPercent } from '../../i18n/compareSentence';
import { formatNumber, intlLocale } from '../../i18n/format';
import { originText } from '../../i18n/sentences';
import type { UiLocale } from '../../i18n/strings';
import type { AppState } from '../../state/createAppState';
import { type ComparedScenario, type Comparison, createComparison } from '../../state/createComparison';
import { type Plot, SERIES_COLOURS } from '../charts/plots';
import { ModalDialog } from '../Dialogs';
import { useI18n } from '../i18nContext';
import '../charts/charts.css';
import './compare.css';

export function CompareView(props: { app: AppState; onClose: () => void }) {
  const { t, locale } = useI18n();
  const comparison = createComparison(props.app);
  const [choices] = createResource(() => comparison.candidates());
  const openId = props.app.session().doc().id;
  const [picked, setPicked] = createSignal<ScenarioId[]>(props.app.session().isScenario() ? [openId] : []);
  const [result, setResult] = createSignal<Comparison | null>(null);
  const [running, setRunning] = createSignal(false);
  const [plot] = createResource(() => import('@observablehq/plot'));

  const toggle = (id: ScenarioId, on: boolean) =>
    setPicked((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)));

  async function run(): Promise<void> {
    // Compare in the list's order, so the first scenario (whose target path is drawn) is predictable.
    const order = (choices() ?? []).map((c) => c.id).filter((id) => picked().includes(id));
    if (order.length < 2) return;
    setRunning(true);
    try {
      setResult(await comparison.compare(order));
    } finally {
      setRunning(false);
    }
  }

  return (
    <ModalDialog titleId="compare-title" class="compare-dialog" onClose={props.onClose}>
      <h2 id="compare-title">{t('compareScenarios')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset class="choice-list compare-choices">
          <legend>{t('compareChoose')}</legend>
          <Show when={choices() && (choices()?.length ?? 0) < 2}>
            <p>{t('compareTooFew')}</p>
          </Show>
          <For each={choices() ?? []}>
            {(c) => (
              <label class="choice">
                <input
                  type="checkbox"
                  checked={picked().includes(c.id)}
                  onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                />
                <span>{c.name}</span>
              </label>
            )}
          </For>
        </fieldset>
        <div class="dialog-buttons">
          <span class="compare-hint">{picked().length < 2 ? t('compareNeedTwo') : ''}</span>
          <button type="submit" class="primary" disabled={running() || picked().length < 2}>
            {t('compare')}
          </button>
        </div>
      </form>
      <p role="status" class="compare-status">
        {running() ? t('comparing') : ''}
      </p>
      <Show when={result()}>
        {(r) => <CompareResults comparison={r()} plot={plot()} locale={locale()} />}
      </Show>
      <div class="dialog-buttons">
        <button type="button" onClick={() => props.onClose()}>
          {t('close')}
        </button>
      </div>
    </ModalDialog>
  );
}

function CompareResults(props: { comparison: Comparison; plot: Plot | undefined; locale: UiLocale }) {
  const { t } = useI18n();
  const scenarios = () => props.comparison.scenarios;
  // Regions of very different size lie flat on one tonne axis: they open on "% of base year".
  const [axis, setAxis] = createSignal<CompareAxis>(
    defaultAxis(props.comparison.scenarios.map((s) => s.result?.key.baseEmissions ?? null)),
  );
  const sentence = () => compareSentence(scenarios(), props.locale, axis());
  const n = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : formatNumber(Math.round(v), props.locale);
  const tonnes = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${n(v)} t`);
  /** The year shared by every evaluated scenario, or null when they differ. */
  const shared = (pick: (s: ComparedScenario) => number | null | undefined) => {
    const years = new Set(scenarios().flatMap((s) => (s.result ? [pick(s)] : [])));
    const [only] = years;
    return years.size === 1 && typeof only === 'number' ? only : null;
  };
  const targetYear = () => shared((s) => s.result?.key.targetYear);
  const neutralYear = () => shared((s) => s.result?.key.neutralYear);
  const withYear = (text: string, year: number | null | undefined, sharedYear: number | null) =>
    sharedYear === null && typeof year === 'number' ? `${text} (${year})` : text;
  const shown = (value: CellValue | undefined) => {
    if (value === undefined || value === null || value === '') return '–';
    if (typeof value === 'number') return formatNumber(value, props.locale);
    if (typeof value === 'boolean')
      return props.locale === 'sv' ? (value ? 'SANT' : 'FALSKT') : String(value).toUpperCase();
    // An error is shown as the error, never as a number.
    if (typeof value === 'object') return value.error;
    return value;
  };
  /** Why a row cannot be computed: the cell where the error starts, or the engine's message. */
  const whyNot = (s: ComparedScenario) => {
    if (!s.result) return t('compareFailed', { message: s.error ?? '' });
    const [first, ...more] = s.origins;
    if (!first) return `${t('cannotComputeTitle')}: ${t('compareOpenToSee')}`;
    const rest = more.length > 0 ? ` (+${more.length})` : '';
    return `${t('cannotComputeTitle')}: ${originText(first, props.locale)}${rest}`;
  };
  const differing = () => props.comparison.parameters.differing;

  return (
    <section class="compare-results" aria-label={t('compareScenarios')}>
      <p class="sentence compare-sentence">{sentence()}</p>
      <fieldset class="compare-axis">
        <legend>{t('compareAxis')}</legend>
        <label>
          <input
            type="radio"
            name="compare-axis"
            checked={axis() === 'tonnes'}
            onChange={() => setAxis('tonnes')}
          />
          {t('compareAxisTonnes')}
        </label>
        <label>
          <input
            type="radio"
            name="compare-axis"
            checked={axis() === 'percent'}
            onChange={() => setAxis('percent')}
          />
          {t('compareAxisPercent')}
        </label>
      </fieldset>
      <CompareChart
        comparison={props.comparison}
        plot={props.plot}
        locale={props.locale}
        sentence={sentence()}
        axis={axis()}
      />
      <CompareTable comparison={props.comparison} locale={props.locale} axis={axis()} />
      <table class="compare-table compare-key-figures">
        <caption>{t('keyFigures')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compareScenario')}</th>
            <th scope="col">
              {targetYear() === null
                ? t('compareReductionAny')
                : t('kfReduction', { year: targetYear() ?? '' })}
            </th>
            <th scope="col">
              {neutralYear() === null
                ? t('compareResidualAny')
                : t('kfResidual', { year: neutralYear() ?? '' })}
            </th>
            <th scope="col">
              {neutralYear() === null
                ? t('compareGapAny')
                : t('kfCumulativeGap', { year: neutralYear() ?? '' })}
            </th>
            <th scope="col">{t('compareTotalCost')}</th>
            <th scope="col">{t('chartKrPerTonne')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={scenarios()}>
            {(s) => (
              <tr>
                <th scope="row">{s.name}</th>
                <Show
                  when={s.result && s.computable ? s.result : null}
                  fallback={
                    <td colSpan={5} class="compare-failed">
                      {whyNot(s)}
                    </td>
                  }
                >
                  {(r) => (
                    <>
                      <td>
                        {withYear(
                          r().key.reductionAtTarget === null
                            ? '–'
                            : signedPercent(r().key.reductionAtTarget as number, props.locale, 1),
                          r().key.targetYear,
                          targetYear(),
                        )}
                      </td>
                      <td>
                        {withYear(tonnes(r().key.residualAtNeutral), r().key.neutralYear, neutralYear())}
                      </td>
                      <td>{tonnes(r().key.cumulativeGapToNeutral)}</td>
                      <td>{n(r().key.totalCost)}</td>
                      <td>{n(r().key.costPerTonne)}</td>
                    </>
                  )}
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={differing().length > 0} fallback={<p class="compare-same">{t('compareNoDifferences')}</p>}>
        <table class="compare-table compare-inputs">
          <caption>{t('compareInputs')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compareParameter')}</th>
              <th scope="col">{t('compareSheet')}</th>
              <th scope="col">{t('compareUnit')}</th>
              <For each={scenarios()}>{(s) => <th scope="col">{s.name}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={differing()}>
              {(d) => (
                <tr>
                  <th scope="row">{d.name}</th>
                  <td class="text">{d.sheet}</td>
                  <td class="text">{d.unit}</td>
                  <For each={d.values}>{(value) => <td>{shown(value)}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <For each={scenarios()}>
        {(s, i) => (
          <Show when={(props.comparison.parameters.unmatched[i()] ?? []).length > 0}>
            <table class="compare-table compare-unmatched">
              <caption>{t('compareOnlyIn', { name: s.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('compareParameter')}</th>
                  <th scope="col">{t('compareSheet')}</th>
                  <th scope="col">{t('compareUnit')}</th>
                  <th scope="col">{s.name}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.comparison.parameters.unmatched[i()] ?? []}>
                  {(p) => (
                    <tr>
                      <th scope="row">{p.name}</th>
                      <td class="text">{p.sheet}</td>
                      <td class="text">{p.unit}</td>
                      <td>{shown(p.value)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </For>
    </section>
  );
}

/** The years the chart's table lists: each scenario's base, target and neutrality years, and the last. */
function tableYears(comparison: Comparison): number[] {
  const years = new Set<number>();
  for (const s of comparison.scenarios) {
    const r = s.result;
    if (!r) continue;
    for (const y of [r.key.baseYear, r.key.targetYear, r.key.neutralYear, r.years.at(-1)]) {
      if (typeof y === 'number' && r.years.includes(y)) years.add(y);
    }
  }
  return [...years].sort((a, b) => a - b);
}

/** The chart's alternative: projection and target of each scenario in the key years, on the chart's axis. */
function CompareTable(props: { comparison: Comparison; locale: UiLocale; axis: CompareAxis }) {
  const { t } = useI18n();
  const drawn = () => props.comparison.scenarios.filter((s) => s.result !== null && s.computable);
  const years = createMemo(() => tableYears({ ...props.comparison, scenarios: drawn() }));
  const cell = (s: ComparedScenario, which: 'projected' | 'target', year: number) => {
    const r = s.result;
    if (!r) return '–';
    const i = r.years.indexOf(year);
    if (i < 0) return '–';
    const series = which === 'projected' ? r.projected : r.targets.linear;
    const v = onAxis([series[i] ?? null], props.axis, r.key.baseEmissions)[0] ?? null;
    if (v === null) return '–';
    return props.axis === 'percent'
      ? `${formatNumber(Math.round(v * 10) / 10, props.locale)} %`
      : `${formatNumber(Math.round(v), props.locale)} t`;
  };
  return (
    <table class="compare-table compare-chart-table">
      <caption>
        {t('compareAsTable')} ({props.axis === 'percent' ? t('compareAxisPercentUnit') : t('chartTonnes')})
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('chartYear')}</th>
          <For each={drawn()}>
            {(s) => (
              <>
                <th scope="col">{s.name}</th>
                <th scope="col">{t('compareTargetOf', { name: s.name })}</th>
              </>
            )}
          </For>
        </tr>
      </thead>
      <tbody>
        <For each={years()}>
          {(year) => (
            <tr>
              <th scope="row">{year}</th>
              <For each={drawn()}>
                {(s) => (
                  <>
                    <td>{cell(s, 'projected', year)}</td>
                    <td>{cell(s, 'target', year)}</td>
                  </>
                )}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

function CompareChart(props: {
  comparison: Comparison;
  plot: Plot | undefined;
  locale: UiLocale;
  sentence: string;
  axis: CompareAxis;
}) {
  const { t } = useI18n();
  let host: HTMLDivElement | undefined;
  const [width, setWidth] = createSignal(640);
  onMount(() => {
    if (!host || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 640);
      if (w > 0 && Math.abs(w - width()) > 8) setWidth(w);
    });
    observer.observe(host);
    onCleanup(() => observer.disconnect());
  });
  createEffect(() => {
    const Plot = props.plot;
    if (!host || !Plot) return;
    const figure = drawComparison(Plot, props.comparison, {
      year: t('chartYear'),
      value: props.axis === 'percent' ? t('compareAxisPercentUnit') : t('chartTonnes'),
      target: (name) => t('compareTargetOf', { name }),
      axis: props.axis,
      locale: props.locale,
      width: width(),
    });
    figure.setAttribute('aria-hidden', 'true');
    host.replaceChildren(figure);
  });
  return (
    <figure class="chart-figure compare-chart" aria-labelledby="compare-chart-title">
      <figcaption id="compare-chart-title">{t('compareChart')}</figcaption>
      <div class="chart" ref={host} role="img" aria-label={`${t('compareChart')}. ${props.sentence}`}>
        <Show when={!props.plot}>
          <p class="chart-loading">{t('loadingChart')}</p>
        </Show>
      </div>
    </figure>
  );
}

/**
 * One line per scenario's projection, and each scenario's own linear target path dashed in its
 * colour; on the % axis each is a share of its own base year.
 */
function drawComparison(
  Plot: Plot,
  comparison: Comparison,
  opts: {
    year: string;
    value: string;
    target: (name: string) => string;
    axis: CompareAxis;
    locale: UiLocale;
    width: number;
  },
): Element {
  const drawn = comparison.scenarios.flatMap((s) =>
    s.result && s.computable ? [{ ...s, result: s.result }] : [],
  );
  const colour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length] as string;
  const points = (
    s: (typeof drawn)[number],
    series: readonly (number | null)[],
    name: string,
  ): { year: number; value: number | null; series: string }[] => {
    const values = onAxis(series, opts.axis, s.result.key.baseEmissions);
    return s.result.years.map((year, i) => ({ year, value: values[i] ?? null, series: name }));
  };
  const projected = drawn.flatMap((s) => points(s, s.result.projected, s.name));
  const targets = drawn.flatMap((s) => points(s, s.result.targets.linear, opts.target(s.name)));
  const domain = drawn.flatMap((s) => [s.name, opts.target(s.name)]);
  const range = drawn.flatMap((_, i) => [colour(i), colour(i)]);
  const digits = opts.axis === 'percent' ? 1 : 0;
  const format = new Intl.NumberFormat(intlLocale(opts.locale), { maximumFractionDigits: digits });
  return Plot.plot({
    width: Math.max(320, opts.width),
    height: Math.round(Math.max(240, Math.min(420, opts.width * 0.5))),
    marginLeft: 80,
    style: { fontSize: '14px' },
    x: { label: opts.year, tickFormat: (d: number) => String(d) },
    y: { label: opts.value, grid: true, zero: true, tickFormat: (d: number) => format.format(d) },
    color: { legend: true, domain, range },
    marks: [
      Plot.lineY(targets, {
        x: 'year',
        y: 'value',
        z: 'series',
        stroke: 'series',
        strokeWidth: 2,
        strokeDasharray: '6,4',
        ariaDescription: 'target path',
      }),
      Plot.lineY(projected, {
        x: 'year',
        y: 'value',
        z: 'series',
        stroke: 'series',
        strokeWidth: 3,
        ariaDescription: 'projection',
      }),
      Plot.ruleY([0]),
    ],
  });
}
