// The scenario's results beside the grid: trajectory against the targets (gap shaded), stacked
// wedges per measure, the MAC curve and the key figures — each with its sentence and its table.
import {
  type Accessor,
  For,
  Index,
  type JSX,
  Show,
  createEffect,
  createResource,
  createSignal,
  onCleanup,
  onMount,
} from 'solid-js';
import type { ErrorOrigin, ScenarioCheck } from '../../core/scenario/errorOrigin';
import type { Parameter, RangeWarning } from '../../core/scenario/parameters';
import { type ScenarioResult, type Series, macBars } from '../../core/scenario/result';
import { formatNumber, formatPercent } from '../../i18n/format';
import {
  cannotComputeSentence,
  keyFiguresSentence,
  macSentence,
  rangeWarningText,
  trajectorySentence,
  wedgesSentence,
} from '../../i18n/sentences';
import { bauSentence, sectorsSentence } from '../../i18n/regionSentences';
import { useI18n } from '../i18nContext';
import { OriginButtons } from './OriginButtons';
import { type ChartFormat, exportChart } from './exportChart';
import {
  type ChartLabels,
  type DrawChart,
  type Plot,
  chartLabels,
  macPlot,
  sectorsPlot,
  trajectoryPlot,
  updateTrajectory,
  withOriginalBau,
  wedgesPlot,
} from './plots';
import './charts.css';

/** A cell a panel can take the planner to. */
export type CellTarget = Pick<ErrorOrigin, 'sheetId' | 'row' | 'col'>;

export function ScenarioPanel(props: {
  result: Accessor<ScenarioResult | null>;
  /** The open workbook's name, for exported chart file names. */
  workbookName?: Accessor<string>;
  /** The result checked (createScenarioChecks): when it cannot be computed the panel says so. */
  check?: Accessor<ScenarioCheck | null>;
  /** Values outside their sourced range, listed under the key figures. */
  warnings?: Accessor<{ parameter: Parameter; warning: RangeWarning }[]>;
  /** Select a cell in the grid (an error's origin, a value out of range). */
  onSelectCell?: (cell: CellTarget) => void;
  /** True while a lever is dragged: the trajectory moves in place, the other charts wait for release. */
  live?: Accessor<boolean>;
  /** The BAU as opened, while a changed assumption moved it: drawn beside it, and in the table. */
  originalBau?: Accessor<Series | null>;
}) {
  const { t, locale } = useI18n();
  /** The result to show: the checked one (no projection when a parameter is typed wrong). */
  const shown = () => props.check?.()?.result ?? props.result();
  const failed = () => {
    const c = props.check?.();
    return c && !c.computable ? c : null;
  };
  /** Every sentence of a result that cannot be computed is the same: what stops it and where. */
  const say = (sentence: (r: ScenarioResult) => string, r: ScenarioResult) => {
    const f = failed();
    return f ? cannotComputeSentence(f.origins, locale()) : sentence(r);
  };
  const workbook = () => props.workbookName?.() ?? '';
  const [plot] = createResource(() => import('@observablehq/plot'));
  const labels = (): ChartLabels => chartLabels(t);
  const n = (v: number | null | undefined, digits = 0) =>
    v === null || v === undefined ? '–' : formatNumber(digits === 0 ? Math.round(v) : v, locale());
  const pct = (v: number | null | undefined) => formatPercent(v, locale());
  const live = () => props.live?.() ?? false;
  const originalBau = () => props.originalBau?.() ?? null;

  return (
    <Show when={shown()}>
      {(r) => (
        <section class="scenario-panel" aria-labelledby="scenario-panel-title">
          <h2 id="scenario-panel-title">{t('scenarioResults')}</h2>
          <Show when={failed()}>
            {(f) => (
              <div class="cannot-compute" role="alert" data-testid="cannot-compute">
                <p>
                  <strong>{t('cannotComputeTitle')}</strong>
                </p>
                <Show when={f().origins.length > 0} fallback={<p>{cannotComputeSentence([], locale())}</p>}>
                  <OriginButtons origins={f().origins} onSelect={(o) => props.onSelectCell?.(o)} />
                </Show>
              </div>
            )}
          </Show>
          <figure class="key-figures" aria-labelledby="kf-title">
            <figcaption id="kf-title">{t('keyFigures')}</figcaption>
            <dl>
              <div>
                <dt>{t('kfReduction', { year: r().key.targetYear ?? '' })}</dt>
                <dd data-key="reductionAtTarget">{pct(r().key.reductionAtTarget)}</dd>
                <dd class="sub">{t('kfTarget', { cut: pct(r().key.targetCut) })}</dd>
              </div>
              <div>
                <dt>{t('kfShortfall', { year: r().key.targetYear ?? '' })}</dt>
                <dd data-key="shortfallAtTarget">{n(r().key.shortfallAtTarget)} t</dd>
              </div>
              <div>
                <dt>{t('kfResidual', { year: r().key.neutralYear ?? '' })}</dt>
                <dd data-key="residualAtNeutral">{n(r().key.residualAtNeutral)} t</dd>
              </div>
              <div>
                <dt>{t('kfCumulativeGap', { year: r().key.neutralYear ?? '' })}</dt>
                <dd data-key="cumulativeGapToNeutral">{n(r().key.cumulativeGapToNeutral)} t</dd>
              </div>
              <div>
                <dt>{t('kfCostPerTonne')}</dt>
                <dd data-key="costPerTonne">{n(r().key.costPerTonne)} kr/t</dd>
                <dd class="sub">{t('kfTotalCost', { cost: n(r().key.totalCost) })}</dd>
              </div>
            </dl>
            <p class="sentence">{say((x) => keyFiguresSentence(x, locale()), r())}</p>
            <Show when={(props.warnings?.() ?? []).length > 0}>
              <div class="range-warnings" data-testid="range-warnings">
                <p>
                  <strong>{t('outOfRangeTitle')}</strong>
                </p>
                <ul>
                  <For each={props.warnings?.() ?? []}>
                    {(w) => (
                      <li>
                        <button
                          type="button"
                          class="link-button"
                          title={t('goToCell', { cell: w.parameter.address })}
                          onClick={() => props.onSelectCell?.(w.parameter)}
                        >
                          {rangeWarningText(w.parameter, w.warning, locale())}
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            </Show>
          </figure>
          <Chart
            id="chart-trajectory"
            title={t('chartTrajectory')}
            sentence={say((x) => trajectorySentence(x, locale()), r())}
            note={failed() ? say(() => '', r()) : undefined}
            plot={plot()}
            draw={trajectoryPlot}
            update={updateTrajectory}
            live={live()}
            workbook={workbook()}
            result={withOriginalBau(r(), originalBau())}
            labels={labels()}
            table={
              <DataTable
                columns={[
                  t('chartYear'),
                  t('seriesProjected'),
                  t('seriesBau'),
                  ...(originalBau() ? [t('seriesBauOriginal')] : []),
                  t('seriesTargetLinear'),
                  t('seriesTargetNeutral'),
                  t('seriesTargetConstant'),
                  t('seriesTargetBudget'),
                ]}
                rows={r().years.map((year, i) => ({
                  header: String(year),
                  cells: [
                    r().projected[i],
                    r().bau[i],
                    ...(originalBau() ? [originalBau()?.[i] ?? null] : []),
                    r().targets.linear[i],
                    r().targets.neutral[i],
                    r().targets.constant[i],
                    r().targets.budget[i],
                  ].map((v) => n(v)),
                }))}
              />
            }
          />
          <Show when={r().sectors}>
            {(sectors) => (
              <Chart
                id="chart-sectors"
                title={t('chartSectors')}
                sentence={`${sectorsSentence(sectors(), locale())} ${bauSentence(sectors(), r().key.baseYear, locale())}`}
                plot={plot()}
                draw={sectorsPlot}
                workbook={workbook()}
                result={r()}
                labels={labels()}
                table={
                  <DataTable
                    columns={[t('sector'), ...sectors().years.map(String)]}
                    rows={sectors().sectors.map((x) => ({
                      header: x.name,
                      cells: x.values.map((v) => (v === null ? t('missingYear') : n(v, 1))),
                    }))}
                  />
                }
              />
            )}
          </Show>
          <Chart
            id="chart-wedges"
            title={t('chartWedges')}
            sentence={say((x) => wedgesSentence(x, locale()), r())}
            note={failed() ? say(() => '', r()) : undefined}
            plot={plot()}
            draw={wedgesPlot}
            live={live()}
            workbook={workbook()}
            result={r()}
            labels={labels()}
            table={
              <DataTable
                columns={[t('chartYear'), ...r().measures.map((m) => m.name)]}
                rows={r().years.map((year, i) => ({
                  header: String(year),
                  cells: r().measures.map((m) => n(m.values[i])),
                }))}
              />
            }
          />
          <Chart
            id="chart-mac"
            title={t('chartMac')}
            sentence={say((x) => macSentence(macBars(x.measures), locale()), r())}
            note={failed() ? say(() => '', r()) : undefined}
            plot={plot()}
            draw={macPlot}
            live={live()}
            workbook={workbook()}
            result={r()}
            labels={labels()}
            table={
              <DataTable
                columns={[
                  t('measure'),
                  t('chartKrPerTonne'),
                  t('totalReductionT'),
                  t('costKr'),
                  t('measureType'),
                ]}
                rows={r().measures.map((m) => ({
                  header: m.name,
                  cells: [n(m.krPerTonne), n(m.total), n(m.cost), m.type],
                }))}
              />
            }
          />
        </section>
      )}
    </Show>
  );
}

function Chart(props: {
  id: string;
  title: string;
  sentence: string;
  plot: Plot | undefined;
  draw: DrawChart;
  /**
   * Moves a drawn figure to a new result in place (false: it cannot). While `live`, a chart with one
   * is updated in place, and a chart without one keeps its drawing until `live` ends.
   */
  update?: (figure: Element, result: ScenarioResult) => boolean;
  live?: boolean;
  result: ScenarioResult;
  labels: ChartLabels;
  table: JSX.Element;
  workbook: string;
  /** Written into exported files: why the result cannot be computed. */
  note?: string | undefined;
}) {
  const { t, locale } = useI18n();
  let host: HTMLDivElement | undefined;
  const save = (format: ChartFormat) => {
    if (!host) return;
    const file = {
      workbook: props.workbook,
      chart: props.id.replace(/^chart-/, ''),
      title: props.title,
      ...(props.note ? { note: props.note } : {}),
    };
    exportChart(host, format, file).catch((error: unknown) => console.error('chart export failed', error));
  };
  const [width, setWidth] = createSignal(560);
  onMount(() => {
    if (!host || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 560);
      if (Math.abs(w - width()) > 8) setWidth(w);
    });
    observer.observe(host);
    onCleanup(() => observer.disconnect());
  });
  let drawn: { figure: Element; width: number; locale: string } | null = null;
  createEffect(() => {
    const Plot = props.plot;
    const result = props.result;
    const w = width();
    const language = locale();
    if (!host || !Plot) return;
    if (props.live && drawn && drawn.width === w && drawn.locale === language) {
      // Dragging a lever: only what moves is touched, and Plot's full drawing waits for the release.
      if (!props.update || props.update(drawn.figure, result)) return;
    }
    const figure = props.draw(Plot, result, props.labels, language, w);
    figure.setAttribute('aria-hidden', 'true');
    host.replaceChildren(figure);
    drawn = { figure, width: w, locale: language };
  });
  return (
    <figure class="chart-figure" id={props.id} aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div class="chart" ref={host} role="img" aria-label={`${props.title}. ${props.sentence}`}>
        <Show when={!props.plot}>
          <p class="chart-loading">{t('loadingChart')}</p>
        </Show>
      </div>
      <p class="sentence">{props.sentence}</p>
      <div class="chart-export">
        <button
          type="button"
          aria-label={t('downloadSvg', { chart: props.title })}
          disabled={!props.plot}
          onClick={() => save('svg')}
        >
          ⤓ SVG
        </button>
        <button
          type="button"
          aria-label={t('downloadPng', { chart: props.title })}
          disabled={!props.plot}
          onClick={() => save('png')}
        >
          ⤓ PNG
        </button>
      </div>
      <details class="chart-table">
        <summary>{t('showTable', { chart: props.title })}</summary>
        {props.table}
      </details>
    </figure>
  );
}

/** A chart's numbers as an accessible table: column headers, and a row header per row. */
function DataTable(props: { columns: string[]; rows: { header: string; cells: string[] }[] }) {
  return (
    <table>
      <thead>
        <tr>
          <For each={props.columns}>{(c) => <th scope="col">{c}</th>}</For>
        </tr>
      </thead>
      <tbody>
        {/* By position: a dragged lever changes the numbers, and only their text nodes are updated. */}
        <Index each={props.rows}>
          {(row) => (
            <tr>
              <th scope="row">{row().header}</th>
              <Index each={row().cells}>{(cell) => <td>{cell()}</td>}</Index>
            </tr>
          )}
        </Index>
      </tbody>
    </table>
  );
}
