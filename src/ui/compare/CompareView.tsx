// Scenarios side by side: pick two or more, then one chart of their projected emissions (and the
// first one's target path), a table of key figures, the inputs that differ, and the comparison in words.
import { For, Show, createEffect, createResource, createSignal, onCleanup, onMount } from 'solid-js';
import type { RawCell, ScenarioId } from '../../core/document';
import { compareSentence, signedPercent } from '../../i18n/compareSentence';
import { formatNumber, intlLocale } from '../../i18n/format';
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
  const sentence = () => compareSentence(scenarios(), props.locale);
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
  const raw = (value: RawCell | undefined) => {
    if (value === undefined || value === null || value === '') return '–';
    if (typeof value === 'number') return formatNumber(value, props.locale);
    if (typeof value === 'boolean')
      return props.locale === 'sv' ? (value ? 'SANT' : 'FALSKT') : String(value).toUpperCase();
    return value;
  };

  return (
    <section class="compare-results" aria-label={t('compareScenarios')}>
      <p class="sentence compare-sentence">{sentence()}</p>
      <CompareChart
        comparison={props.comparison}
        plot={props.plot}
        locale={props.locale}
        sentence={sentence()}
      />
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
                  when={s.result && s.result.broken.length === 0 ? s.result : null}
                  fallback={
                    <td colSpan={5} class="compare-failed">
                      {s.result
                        ? `${t('cannotComputeTitle')}: ${t('compareOpenToSee')}`
                        : t('compareFailed', { message: s.error ?? '' })}
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
      <Show
        when={props.comparison.differences.length > 0}
        fallback={<p class="compare-same">{t('compareNoDifferences')}</p>}
      >
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
            <For each={props.comparison.differences}>
              {(d) => (
                <tr>
                  <th scope="row">{d.label}</th>
                  <td class="text">{d.sheet}</td>
                  <td class="text">{d.unit}</td>
                  <For each={d.values}>{(value) => <td>{raw(value)}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

function CompareChart(props: {
  comparison: Comparison;
  plot: Plot | undefined;
  locale: UiLocale;
  sentence: string;
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
      tonnes: t('chartTonnes'),
      target: (name) => t('compareTargetOf', { name }),
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

/** One line per scenario's projection, and the first scenario's linear target path dashed. */
function drawComparison(
  Plot: Plot,
  comparison: Comparison,
  opts: { year: string; tonnes: string; target: (name: string) => string; locale: UiLocale; width: number },
): Element {
  const evaluated = comparison.scenarios.filter((s) => s.result !== null);
  const rows = evaluated.flatMap((s) =>
    (s.result?.years ?? []).map((year, i) => ({
      year,
      value: s.result?.projected[i] ?? null,
      series: s.name,
    })),
  );
  const first = evaluated[0];
  const targetName = first ? opts.target(first.name) : '';
  const target = first?.result
    ? first.result.years.map((year, i) => ({
        year,
        value: first.result?.targets.linear[i] ?? null,
        series: targetName,
      }))
    : [];
  const format = new Intl.NumberFormat(intlLocale(opts.locale), { maximumFractionDigits: 0 });
  return Plot.plot({
    width: Math.max(320, opts.width),
    height: Math.round(Math.max(240, Math.min(420, opts.width * 0.5))),
    marginLeft: 80,
    style: { fontSize: '14px' },
    x: { label: opts.year, tickFormat: (d: number) => String(d) },
    y: { label: opts.tonnes, grid: true, zero: true, tickFormat: (d: number) => format.format(d) },
    color: {
      legend: true,
      domain: [...evaluated.map((s) => s.name), ...(first ? [targetName] : [])],
      range: [...evaluated.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length] as string), '#c0392b'],
    },
    marks: [
      Plot.lineY(target, { x: 'year', y: 'value', stroke: 'series', strokeWidth: 2, strokeDasharray: '6,4' }),
      Plot.lineY(rows, { x: 'year', y: 'value', stroke: 'series', strokeWidth: 3 }),
      Plot.ruleY([0]),
    ],
  });
}
