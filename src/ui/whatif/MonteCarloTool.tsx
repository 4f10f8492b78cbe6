// The Monte Carlo tool: what low and high mean (a distribution per parameter, stored with the seed
// and run count in the scenario), a run in the what-if worker with progress and cancel, and its
// results in words, figures and tables. The worker computes; this only asks and shows.
import {
  For,
  type JSX,
  Show,
  createEffect,
  createMemo,
  createResource,
  createSignal,
  onCleanup,
  onMount,
} from 'solid-js';
import type { MonteCarloResult } from '../../core/compiled/monteCarlo';
import { DISTRIBUTIONS, type Distribution } from '../../core/compiled/sampling';
import { DEFAULT_MONTE_CARLO, type MonteCarloSettings } from '../../core/document';
import type { Parameter } from '../../core/scenario/parameters';
import { LIMITS } from '../../core/schema';
import { formatNumber, formatPercent, intlLocale } from '../../i18n/format';
import type { UiLocale } from '../../i18n/strings';
import { monteCarloSentence } from '../../i18n/sentences';
import { useI18n } from '../i18nContext';
import { chartLabels } from '../charts/plots';
import { fanPlot, gapPlot } from './monteCarloPlots';
import type { WhatIfToolProps } from './toolProps';
import './monteCarlo.css';

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; result: MonteCarloResult }
  | { kind: 'cancelled'; done: number; total: number }
  | { kind: 'failed'; reason: string };

/** The parameters a default run samples: numbers and shares with a numeric low and high. */
function sampled(parameters: Parameter[]): Parameter[] {
  return parameters.filter(
    (p) =>
      (p.kind.kind === 'number' || p.kind.kind === 'share') &&
      typeof p.low === 'number' &&
      typeof p.high === 'number',
  );
}

/** A whole number within [min, max] typed by the planner, or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  const n = Number(text.trim().replace(/[\s\u00a0]/g, ''));
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

export default function MonteCarloTool(props: WhatIfToolProps) {
  const { t, locale } = useI18n();
  const settings = (): MonteCarloSettings => props.session.doc().meta.monteCarlo ?? DEFAULT_MONTE_CARLO;
  const rows = createMemo(() => sampled(props.parameters()));
  const [seedText, setSeedText] = createSignal(String(settings().seed));
  const [samplesText, setSamplesText] = createSignal(String(settings().samples));
  // Undo, a reload or another tab can change the stored settings: the fields follow them.
  createEffect(() => setSeedText(String(settings().seed)));
  createEffect(() => setSamplesText(String(settings().samples)));
  const seed = () => wholeNumber(seedText(), 0, LIMITS.maxSeed);
  const samples = () => wholeNumber(samplesText(), 1, LIMITS.maxSamples);
  const [state, setState] = createSignal<RunState>({ kind: 'idle' });
  const running = () => state().kind === 'running';
  const broken = () => (props.session.scenario()?.broken.length ?? 0) > 0;

  /** Store changed settings in the scenario: one undoable step, saved with it. */
  function store(change: Partial<MonteCarloSettings>): void {
    const next = { ...settings(), ...change };
    const now = settings();
    if (
      next.seed === now.seed &&
      next.samples === now.samples &&
      JSON.stringify(next.distributions) === JSON.stringify(now.distributions)
    )
      return;
    props.session.execute({ type: 'setMonteCarlo', settings: next }, 'monte-carlo-settings');
  }

  function setDistribution(p: Parameter, d: Distribution): void {
    const distributions = { ...settings().distributions };
    // The default is not written down, so a file lists only the choices a planner made.
    if (d === 'triangular') delete distributions[p.address];
    else distributions[p.address] = d;
    store({ distributions });
  }

  const distributionOf = (p: Parameter): Distribution => {
    const chosen = settings().distributions;
    return Object.hasOwn(chosen, p.address) ? (chosen[p.address] as Distribution) : 'triangular';
  };

  async function run(): Promise<void> {
    const s = seed();
    const n = samples();
    if (s === null || n === null || running()) return;
    store({ seed: s, samples: n });
    setState({ kind: 'running', done: 0, total: n });
    try {
      const result = await props.whatIf.monteCarlo(
        { seed: s, samples: n, distributions: settings().distributions },
        (done, total) => {
          if (state().kind === 'running') setState({ kind: 'running', done, total });
        },
      );
      setState(
        result.cancelled ? { kind: 'cancelled', done: result.samples, total: n } : { kind: 'done', result },
      );
    } catch (error) {
      setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  }

  // A run still going when the tool closes is stopped: nobody would see its result.
  onCleanup(() => {
    if (running()) void props.whatIf.cancelMonteCarlo();
  });

  const result = () => {
    const s = state();
    return s.kind === 'done' ? s.result : null;
  };
  const sentence = (r: MonteCarloResult) =>
    monteCarloSentence(
      r,
      props.session.scenario()?.key.targetYear ?? null,
      props.session.scenario()?.key.neutralYear ?? null,
      locale(),
    );
  const usable = (r: MonteCarloResult) => r.samples - r.invalidSamples > 0;

  return (
    <div class="monte-carlo" data-testid="monte-carlo">
      <p>{t('mcIntro')}</p>
      <details class="mc-reading">
        <summary>{t('mcReadingTitle')}</summary>
        <ul>
          <li>{t('mcReadingTriangular')}</li>
          <li>{t('mcReadingUniform')}</li>
          <li>{t('mcReadingNormal')}</li>
        </ul>
        <p>{t('mcReadingOthers')}</p>
      </details>
      <div class="mc-controls">
        <WholeNumberField
          label={t('mcSeed')}
          text={seedText()}
          value={seed()}
          problemId="mc-seed-problem"
          disabled={running()}
          onInput={setSeedText}
          onCommit={(n) => store({ seed: n })}
        />
        <WholeNumberField
          label={t('mcSamples')}
          text={samplesText()}
          value={samples()}
          problemId="mc-samples-problem"
          disabled={running()}
          onInput={setSamplesText}
          onCommit={(n) => store({ samples: n })}
        />
        <button
          type="button"
          disabled={running() || seed() === null || samples() === null || broken() || rows().length === 0}
          onClick={() => void run()}
        >
          {t('mcRun')}
        </button>
        <Show when={running()}>
          <button type="button" onClick={() => void props.whatIf.cancelMonteCarlo()}>
            {t('mcCancel')}
          </button>
        </Show>
      </div>
      <Show when={seed() === null}>
        <p id="mc-seed-problem" class="problem" role="alert">
          {t('mcSeedProblem')}
        </p>
      </Show>
      <Show when={samples() === null}>
        <p id="mc-samples-problem" class="problem" role="alert">
          {t('mcSamplesProblem')}
        </p>
      </Show>
      <Show when={broken()}>
        <p class="problem" role="alert">
          {t('mcScenarioBroken')}
        </p>
      </Show>
      <div class="mc-status" role="status">
        <Show when={state().kind === 'running' && (state() as { done: number; total: number })}>
          {(s) => (
            <>
              <progress aria-label={t('mcProgress')} max={s().total} value={s().done} />
              <span>
                {t('mcRunning', {
                  done: whole(s().done, locale()),
                  total: whole(s().total, locale()),
                })}
              </span>
            </>
          )}
        </Show>
        <Show when={state().kind === 'cancelled' && (state() as { done: number; total: number })}>
          {(s) => (
            <p data-testid="mc-cancelled">
              {t('mcCancelled', {
                done: whole(s().done, locale()),
                total: whole(s().total, locale()),
              })}
            </p>
          )}
        </Show>
        <Show when={state().kind === 'failed' && (state() as { reason: string })}>
          {(s) => <p class="problem">{t('mcFailed', { reason: s().reason })}</p>}
        </Show>
      </div>
      <Show when={result()}>
        {(r) => <Results result={r()} sentence={sentence(r())} usable={usable(r())} {...props} />}
      </Show>
      <Show when={rows().length > 0} fallback={<p>{t('mcNoParameters')}</p>}>
        <table class="mc-parameters">
          <caption>{t('mcParameters')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('parameterName')}</th>
              <th scope="col">{t('mcCell')}</th>
              <th scope="col">{t('parameterLow')}</th>
              <th scope="col">{t('parameterValue')}</th>
              <th scope="col">{t('parameterHigh')}</th>
              <th scope="col">{t('parameterUnit')}</th>
              <th scope="col">{t('mcDistribution')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(p) => (
                <tr data-address={p.address}>
                  <th scope="row">
                    <button
                      type="button"
                      class="link"
                      onClick={() => props.onSelectCell({ sheetId: p.sheetId, row: p.row, col: p.col })}
                    >
                      {p.name}
                    </button>
                  </th>
                  <td>{p.address}</td>
                  <td>{cellText(p.low, locale())}</td>
                  <td>{cellText(p.value, locale())}</td>
                  <td>{cellText(p.high, locale())}</td>
                  <td>{p.unit}</td>
                  <td>
                    <select
                      aria-label={t('mcDistributionOf', { name: p.name })}
                      value={distributionOf(p)}
                      disabled={running()}
                      onChange={(e) => setDistribution(p, e.currentTarget.value as Distribution)}
                    >
                      <For each={DISTRIBUTIONS}>{(d) => <option value={d}>{t(`mcDist_${d}`)}</option>}</For>
                    </select>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </div>
  );
}

/** A text field for a whole number: marked invalid while it is not one, stored when changed. */
function WholeNumberField(props: {
  label: string;
  text: string;
  value: number | null;
  problemId: string;
  disabled: boolean;
  onInput: (text: string) => void;
  onCommit: (value: number) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        type="text"
        inputMode="numeric"
        value={props.text}
        aria-invalid={props.value === null}
        aria-describedby={props.problemId}
        disabled={props.disabled}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onChange={() => {
          if (props.value !== null) props.onCommit(props.value);
        }}
      />
    </label>
  );
}

/** Counts and tonnes, always grouped and rounded: 2 000 runs are not the year 2000 (formatNumber). */
function whole(n: number, locale: UiLocale): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(n);
}

function cellText(v: Parameter['value'], locale: UiLocale): string {
  return typeof v === 'number' ? formatNumber(v, locale) : v === null ? '' : String(v);
}

function Results(props: WhatIfToolProps & { result: MonteCarloResult; sentence: string; usable: boolean }) {
  const { t, locale } = useI18n();
  const r = () => props.result;
  const pct = (x: number) => formatPercent(x, locale(), 1);
  const tonnes = (x: number | undefined) =>
    x === undefined || !Number.isFinite(x) ? '–' : whole(x, locale());
  const seconds = () =>
    new Intl.NumberFormat(intlLocale(locale()), { maximumFractionDigits: 2 }).format(r().ms / 1000);
  const key = () => props.session.scenario()?.key;
  return (
    <section class="mc-results" aria-label={t('mcTab')}>
      <p class="sentence" data-testid="mc-sentence">
        {props.sentence}
      </p>
      <p class="mc-engine" data-testid="mc-engine">
        {r().engine === 'compiled'
          ? t('mcEngineCompiled', {
              reference: whole(r().referenceSamples, locale()),
              samples: whole(r().samples, locale()),
              seconds: seconds(),
            })
          : t('mcEngineHyperformula', { reason: r().fallbackReason ?? '', seconds: seconds() })}
      </p>
      <For each={r().skipped}>
        {(s) => (
          <p class="mc-skipped">{t('mcSkipped', { name: s.name, address: s.address, reason: s.reason })}</p>
        )}
      </For>
      <Show when={props.usable}>
        <dl class="mc-probabilities">
          <div>
            <dt>{t('mcTargetMet', { year: key()?.targetYear ?? '' })}</dt>
            <dd data-testid="mc-p-target">{pct(r().target.probability)}</dd>
            <dd class="sub">{t('mcStandardError', { se: pct(r().target.standardError) })}</dd>
          </div>
          <div>
            <dt>{t('mcNeutral', { year: key()?.neutralYear ?? '' })}</dt>
            <dd data-testid="mc-p-neutral">{pct(r().neutral.probability)}</dd>
            <dd class="sub">{t('mcStandardError', { se: pct(r().neutral.standardError) })}</dd>
          </div>
        </dl>
        <p class="mc-tolerance">
          {t('mcTolerance', { tolerance: formatPercent(r().neutral.tolerance, locale(), 0) })}
        </p>
        <Figure
          id="mc-fan"
          title={t('mcFanTitle')}
          sentence={props.sentence}
          draw={(Plot, width) =>
            fanPlot(
              Plot,
              r(),
              props.session.scenario(),
              { ...chartLabels(t), band: t('mcBand'), median: t('mcMedian') },
              locale(),
              width,
            )
          }
          table={
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('chartYear')}</th>
                  <th scope="col">P5</th>
                  <th scope="col">P50</th>
                  <th scope="col">P95</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().years}>
                  {(year, i) => (
                    <tr>
                      <th scope="row">{year}</th>
                      <td>{tonnes(r().projection.p5[i()])}</td>
                      <td>{tonnes(r().projection.p50[i()])}</td>
                      <td>{tonnes(r().projection.p95[i()])}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          }
        />
        <Figure
          id="mc-gap"
          title={t('mcGapTitle', { year: key()?.targetYear ?? '' })}
          sentence={`P5 ${tonnes(r().gap.p5)} t, P50 ${tonnes(r().gap.p50)} t, P95 ${tonnes(r().gap.p95)} t.`}
          draw={(Plot, width) =>
            gapPlot(Plot, r().gapHistogram, { gap: t('mcGapAxis'), runs: t('mcRunsAxis') }, locale(), width)
          }
          table={
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('mcFrom')}</th>
                  <th scope="col">{t('mcTo')}</th>
                  <th scope="col">{t('mcRunsAxis')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().gapHistogram}>
                  {(bin) => (
                    <tr>
                      <td>{tonnes(bin.from)}</td>
                      <td>{tonnes(bin.to)}</td>
                      <td>{whole(bin.count, locale())}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          }
        />
      </Show>
    </section>
  );
}

/** A lazily drawn figure with its sentence and a table alternative. */
function Figure(props: {
  id: string;
  title: string;
  sentence: string;
  draw: (Plot: typeof import('@observablehq/plot'), width: number) => Element;
  table: JSX.Element;
}) {
  const { t } = useI18n();
  const [plot] = createResource(() => import('@observablehq/plot'));
  let host: HTMLDivElement | undefined;
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
  createEffect(() => {
    const Plot = plot();
    if (!host || !Plot) return;
    const figure = props.draw(Plot, width());
    figure.setAttribute('aria-hidden', 'true');
    host.replaceChildren(figure);
  });
  return (
    <figure class="chart-figure" id={props.id} aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div class="chart" ref={host} role="img" aria-label={`${props.title}. ${props.sentence}`}>
        <Show when={!plot()}>
          <p class="chart-loading">{t('loadingChart')}</p>
        </Show>
      </div>
      <details class="chart-table">
        <summary>{t('showTable', { chart: props.title })}</summary>
        {props.table}
      </details>
    </figure>
  );
}
