// Meeting mode: the open scenario as full-screen slides for a projector — trajectory, wedges, MAC
// curve, key figures and a comparison — in large type, each with its sentence in words. It owns
// the keyboard while open, makes the rest of the app inert and leaves fullscreen when it closes.
import {
  type Accessor,
  For,
  Match,
  Show,
  Switch,
  createEffect,
  createResource,
  createSignal,
  onCleanup,
  onMount,
} from 'solid-js';
import { Portal } from 'solid-js/web';
import { type ScenarioResult, macBars } from '../../core/scenario/result';
import type { Levers } from '../../state/createLevers';
import { formatNumber, formatPercent } from '../../i18n/format';
import type { ErrorOrigin, ScenarioCheck } from '../../core/scenario/errorOrigin';
import {
  cannotComputeSentence,
  keyFiguresSentence,
  macSentence,
  trajectorySentence,
  wedgesSentence,
} from '../../i18n/sentences';
import type { UiLocale } from '../../i18n/strings';
import { type ChartFormat, exportChart } from '../charts/exportChart';
import {
  type ChartLabels,
  chartLabels,
  type DrawChart,
  type Plot,
  macPlot,
  trajectoryPlot,
  updateTrajectory,
  withOriginalBau,
  wedgesPlot,
} from '../charts/plots';
import { LeversPanel } from '../levers/LeversPanel';
import { OriginButtons } from '../charts/OriginButtons';
import { useI18n } from '../i18nContext';
import { comparisonPlot, comparisonSentence } from './comparison';

interface Slide {
  /** Stable name, also the chart part of an exported file name. */
  id: string;
  title: string;
  sentence: (r: ScenarioResult, locale: UiLocale) => string;
  /** A chart slide draws; the key-figures slide does not. */
  draw?: DrawChart;
  /** Moves the drawn figure in place while a lever is dragged (the trajectory). */
  update?: (figure: Element, r: ScenarioResult) => boolean;
}

/** Type, lines and margins at twice the panel's size: 28 px axis labels on a projector. */
const SCALE = 2;

export function MeetingMode(props: {
  result: Accessor<ScenarioResult | null>;
  workbookName: Accessor<string>;
  onExit: () => void;
  /** The result checked: when it cannot be computed every slide says so and names the cell. */
  check?: Accessor<ScenarioCheck | null>;
  /** Leave the meeting and select a cell (an error's origin). */
  onSelectCell?: (cell: Pick<ErrorOrigin, 'sheetId' | 'row' | 'col'>) => void;
  /** The scenario's levers, shown beside the slides (compact, at projector size). */
  levers?: Levers;
}) {
  const { t, locale } = useI18n();
  const shown = () => props.check?.()?.result ?? props.result();
  const failed = () => {
    const c = props.check?.();
    return c && !c.computable ? c : null;
  };
  /** A slide's sentence, or what stops the result and where. */
  const say = (s: Slide, r: ScenarioResult) => {
    const f = failed();
    return f ? cannotComputeSentence(f.origins, locale()) : s.sentence(r, locale());
  };
  const [plot] = createResource(() => import('@observablehq/plot'));
  const [index, setIndex] = createSignal(0);
  let root: HTMLDivElement | undefined;
  let chartHost: HTMLDivElement | undefined;

  const slides = (): Slide[] => [
    {
      id: 'trajectory',
      title: t('chartTrajectory'),
      sentence: trajectorySentence,
      draw: trajectoryPlot,
      update: updateTrajectory,
    },
    { id: 'wedges', title: t('chartWedges'), sentence: wedgesSentence, draw: wedgesPlot },
    {
      id: 'mac',
      title: t('chartMac'),
      sentence: (r, l) => macSentence(macBars(r.measures), l),
      draw: macPlot,
    },
    { id: 'key-figures', title: t('keyFigures'), sentence: keyFiguresSentence },
    { id: 'comparison', title: t('chartComparison'), sentence: comparisonSentence, draw: comparisonPlot },
  ];
  const slide = () => slides()[index()] as Slide;
  const last = () => slides().length - 1;
  const go = (to: number) => setIndex(Math.max(0, Math.min(last(), to)));

  const labels = (): ChartLabels => chartLabels(t);

  function onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // A slider's keys move the slider; an Escape it used (a drag put back) is not the meeting's.
    if (e.defaultPrevented || e.target instanceof HTMLInputElement) return;
    // Space and Enter on a focused button press that button, as everywhere else.
    const onButton = e.target instanceof HTMLButtonElement;
    switch (e.key) {
      case 'ArrowRight':
      case 'PageDown':
        go(index() + 1);
        break;
      case ' ':
        if (onButton) return;
        go(index() + (e.shiftKey ? -1 : 1));
        break;
      case 'ArrowLeft':
      case 'PageUp':
        go(index() - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(last());
        break;
      case 'Escape':
        props.onExit();
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  function save(format: ChartFormat): void {
    if (!chartHost) return;
    const f = failed();
    const file = {
      workbook: props.workbookName(),
      chart: slide().id,
      title: slide().title,
      ...(f ? { note: cannotComputeSentence(f.origins, locale()) } : {}),
    };
    exportChart(chartHost, format, file).catch((error: unknown) =>
      console.error('chart export failed', error),
    );
  }

  onMount(() => {
    const app = document.getElementById('root');
    const wasInert = app?.hasAttribute('inert') ?? true;
    app?.setAttribute('inert', '');
    document.addEventListener('keydown', onKey);
    root?.focus();
    // Fullscreen when the browser allows it; refused (headless, iframes, no gesture) the overlay
    // still fills the window. Leaving fullscreen by the browser's own Esc also ends meeting mode.
    let fullscreen = false;
    const onFullscreenChange = () => {
      if (document.fullscreenElement === root) fullscreen = true;
      else if (fullscreen) props.onExit();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    if (root && document.fullscreenEnabled && typeof root.requestFullscreen === 'function') {
      root.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
    }
    onCleanup(() => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      if (document.fullscreenElement && document.fullscreenElement === root) {
        document.exitFullscreen().catch(() => undefined);
      }
      if (!wasInert) app?.removeAttribute('inert');
    });
  });

  const n = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : formatNumber(Math.round(v), locale());
  const pct = (v: number | null | undefined) => formatPercent(v, locale());

  return (
    <Portal>
      <div
        class="meeting"
        ref={root}
        role="dialog"
        aria-modal="true"
        aria-label={t('meetingLabel', { name: props.workbookName() })}
        aria-describedby="meeting-keys"
        tabindex="-1"
        lang={locale()}
      >
        <p id="meeting-keys" class="visually-hidden">
          {t('meetingKeys')}
        </p>
        <div class="meeting-body">
          <Show when={shown()}>
            {(r) => (
              <section
                class="meeting-slide"
                aria-roledescription={t('meetingSlide')}
                aria-labelledby="meeting-slide-title"
              >
                <h2 id="meeting-slide-title">{slide().title}</h2>
                <Show when={failed()}>
                  {(f) => (
                    <div class="meeting-cannot-compute" role="alert" data-testid="cannot-compute">
                      <strong>{t('cannotComputeTitle')}</strong>
                      <OriginButtons origins={f().origins} onSelect={(o) => props.onSelectCell?.(o)} />
                    </div>
                  )}
                </Show>
                <Switch>
                  <Match when={slide().draw} keyed>
                    {(draw) => (
                      <figure class="meeting-figure" aria-labelledby="meeting-slide-title">
                        <MeetingChart
                          plot={plot()}
                          draw={draw}
                          update={slide().update}
                          live={props.levers?.preview() != null}
                          result={withOriginalBau(r(), props.levers?.originalBau() ?? null)}
                          labels={labels()}
                          label={`${slide().title}. ${say(slide(), r())}`}
                          ref={(el) => {
                            chartHost = el;
                          }}
                        />
                        <figcaption class="sentence">{say(slide(), r())}</figcaption>
                      </figure>
                    )}
                  </Match>
                  <Match when={!slide().draw}>
                    <div class="meeting-key-figures">
                      <dl>
                        <For
                          each={[
                            {
                              key: 'reductionAtTarget',
                              label: t('kfReduction', { year: r().key.targetYear ?? '' }),
                              value: pct(r().key.reductionAtTarget),
                              sub: t('kfTarget', { cut: pct(r().key.targetCut) }),
                            },
                            {
                              key: 'shortfallAtTarget',
                              label: t('kfShortfall', { year: r().key.targetYear ?? '' }),
                              value: `${n(r().key.shortfallAtTarget)} t`,
                            },
                            {
                              key: 'residualAtNeutral',
                              label: t('kfResidual', { year: r().key.neutralYear ?? '' }),
                              value: `${n(r().key.residualAtNeutral)} t`,
                            },
                            {
                              key: 'cumulativeGapToNeutral',
                              label: t('kfCumulativeGap', { year: r().key.neutralYear ?? '' }),
                              value: `${n(r().key.cumulativeGapToNeutral)} t`,
                            },
                            {
                              key: 'costPerTonne',
                              label: t('kfCostPerTonne'),
                              value: `${n(r().key.costPerTonne)} kr/t`,
                              sub: t('kfTotalCost', { cost: n(r().key.totalCost) }),
                            },
                          ]}
                        >
                          {(item) => (
                            <div>
                              <dt>{item.label}</dt>
                              <dd class="big" data-key={item.key}>
                                {item.value}
                              </dd>
                              <Show when={item.sub}>
                                <dd class="sub">{item.sub}</dd>
                              </Show>
                            </div>
                          )}
                        </For>
                      </dl>
                      <p class="sentence">{say(slide(), r())}</p>
                    </div>
                  </Match>
                </Switch>
              </section>
            )}
          </Show>
          <Show when={props.levers}>
            {(levers) => (
              <aside class="meeting-levers" aria-label={t('levers')}>
                <LeversPanel levers={levers()} compact />
              </aside>
            )}
          </Show>
        </div>
        <div class="meeting-nav">
          <button type="button" aria-disabled={index() === 0} onClick={() => go(index() - 1)}>
            <span aria-hidden="true">← </span>
            {t('meetingPrevious')}
          </button>
          <p class="meeting-status" role="status" aria-live="polite">
            {t('meetingSlideOf', { n: index() + 1, total: slides().length })}
          </p>
          <button type="button" aria-disabled={index() === last()} onClick={() => go(index() + 1)}>
            {t('meetingNext')}
            <span aria-hidden="true"> →</span>
          </button>
          <span class="meeting-spacer" />
          <Show when={slide().draw}>
            <div class="chart-export">
              <button
                type="button"
                aria-label={t('downloadSvg', { chart: slide().title })}
                disabled={!plot()}
                onClick={() => save('svg')}
              >
                ⤓ SVG
              </button>
              <button
                type="button"
                aria-label={t('downloadPng', { chart: slide().title })}
                disabled={!plot()}
                onClick={() => save('png')}
              >
                ⤓ PNG
              </button>
            </div>
          </Show>
          <button type="button" class="meeting-exit" onClick={() => props.onExit()}>
            {t('meetingExit')}
          </button>
        </div>
      </div>
    </Portal>
  );
}

/**
 * One chart at projector size: as wide as the slide, and as tall as the room left under the
 * heading once Plot's HTML legend is measured (drawn twice when the legend needs the space).
 */
function MeetingChart(props: {
  plot: Plot | undefined;
  draw: DrawChart;
  update?: ((figure: Element, r: ScenarioResult) => boolean) | undefined;
  /** A lever is being dragged: move the drawn figure in place, or keep it until the release. */
  live: boolean;
  result: ScenarioResult;
  labels: ChartLabels;
  label: string;
  ref: (el: HTMLDivElement) => void;
}) {
  const { t, locale } = useI18n();
  let host: HTMLDivElement | undefined;
  const [box, setBox] = createSignal({ width: 0, height: 0 });
  onMount(() => {
    if (!host) return;
    props.ref(host);
    const measure = () => {
      if (!host) return;
      const next = { width: Math.floor(host.clientWidth), height: Math.floor(host.clientHeight) };
      const now = box();
      if (Math.abs(next.width - now.width) > 8 || Math.abs(next.height - now.height) > 8) setBox(next);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(host);
    onCleanup(() => observer.disconnect());
  });
  let drawn: { figure: Element; width: number; height: number } | null = null;
  createEffect(() => {
    const Plot = props.plot;
    const { width, height } = box();
    const result = props.result;
    if (!host || !Plot || width === 0) return;
    if (props.live && drawn && drawn.width === width && drawn.height === height) {
      if (!props.update || props.update(drawn.figure, result)) return;
    }
    const draw = (plotHeight: number) => {
      const figure = props.draw(Plot, result, props.labels, locale(), width, {
        scale: SCALE,
        height: Math.max(200, plotHeight),
      });
      figure.setAttribute('aria-hidden', 'true');
      host?.replaceChildren(figure);
      return figure;
    };
    let figure = draw(height - 24 * SCALE);
    const legend = figure.querySelector(':scope > div');
    const legendHeight = legend instanceof HTMLElement ? legend.offsetHeight + 24 : 0;
    if (legendHeight > 24 * SCALE) figure = draw(height - legendHeight);
    drawn = { figure, width, height };
  });
  return (
    <div class="meeting-chart" ref={host} role="img" aria-label={props.label}>
      <Show when={!props.plot}>
        <p class="chart-loading">{t('loadingChart')}</p>
      </Show>
    </div>
  );
}
