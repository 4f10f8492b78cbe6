// Sensitivity (a tornado chart): each ranged parameter at its low and at its high, the others at
// their values, in one sweep in the what-if worker; bars sorted by swing in plain SVG, a table
// alternative, and a sentence naming the parameter that matters most.
import { For, Show, createSignal } from 'solid-js';
import type { ScenarioDocument } from '../../core/document';
import type { Parameter } from '../../core/scenario/parameters';
import type { SweepResult } from '../../core/whatif/sweep';
import { type TornadoBar, type TornadoInput, tornadoBars, tornadoPoints } from '../../core/whatif/tornado';
import { useI18n } from '../i18nContext';
import type { WhatIfToolProps } from './toolProps';
import {
  AnswerStatus,
  EngineNote,
  type OutputChoice,
  OutputPicker,
  amount,
  failureText,
  levers,
  outputLabel,
  outputUnit,
} from './whatIfInputs';
import './whatIfTools.css';

type Input = TornadoInput & { parameter: Parameter };

interface Computed {
  base: number | null;
  bars: TornadoBar<Input>[];
  skipped: Parameter[];
  output: string;
  unit: string;
  result: SweepResult;
  doc: ScenarioDocument;
}

const LOW_COLOUR = '#0b5cad';
const HIGH_COLOUR = '#b34700';

export default function TornadoTool(props: WhatIfToolProps) {
  const { t, locale } = useI18n();
  const [output, setOutput] = createSignal<OutputChoice>({ kind: 'emissions2030', cell: '' });
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [computed, setComputed] = createSignal<Computed | null>(null);

  async function compute(): Promise<void> {
    const all = levers(props.parameters());
    // A parameter whose value is a formula has no stored value to return to: it is left out, and said.
    const inputs: Input[] = [];
    const skipped: Parameter[] = [];
    for (const p of all) {
      if (typeof p.value === 'number')
        inputs.push({
          sheet: p.sheetId,
          row: p.row,
          col: p.col,
          value: p.value,
          low: p.low as number,
          high: p.high as number,
          parameter: p,
        });
      else skipped.push(p);
    }
    if (inputs.length === 0) {
      setProblem(t('tnNoLevers'));
      return;
    }
    const kind = output().kind;
    setProblem(null);
    setBusy(true);
    const doc = props.session.doc();
    try {
      const result = await props.whatIf.sweep({
        inputs: inputs.map(({ sheet, row, col }) => ({ sheet, row, col })),
        points: tornadoPoints(inputs),
        outputs: [{ kind } as { kind: Exclude<typeof kind, 'cell'> }],
      });
      const { base, bars } = tornadoBars(
        inputs,
        result.values.map((v) => v[0] ?? null),
      );
      setComputed({
        base,
        bars,
        skipped,
        output: outputLabel(kind, props.session, t),
        unit: outputUnit(kind),
        result,
        doc,
      });
    } catch (error) {
      setComputed(null);
      setProblem(failureText(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="what-if-tool tornado">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void compute();
        }}
      >
        <OutputPicker
          session={props.session}
          kinds={['emissions2030', 'gap2030', 'residual2035', 'costPerTonne']}
          value={output()}
          onChange={setOutput}
        />
        <button type="submit" disabled={busy()}>
          {t('tnCompute')}
        </button>
      </form>
      <AnswerStatus busy={busy()} problem={problem()} />
      <Show when={!busy() && computed()}>
        {(c) => {
          const n = (v: number | null) => (v === null ? '–' : amount(v, c().unit, locale()));
          const top = () => c().bars.find((b) => (b.swing ?? 0) > 0);
          return (
            <div class="tornado-result">
              <Show when={props.session.doc() !== c().doc}>
                <p class="what-if-stale">{t('wiStale')}</p>
              </Show>
              <p class="sentence" data-testid="tornado-sentence">
                <Show when={top()} fallback={t('tnNone', { output: c().output })}>
                  {(b) =>
                    t('tnSentence', {
                      name: b().input.parameter.name,
                      output: c().output,
                      atLow: n(b().atLow),
                      atHigh: n(b().atHigh),
                    })
                  }
                </Show>{' '}
                {t('tnBase', { value: n(c().base) })}
              </p>
              <TornadoChart computed={c()} />
              <div class="data-table-wrap">
                <table class="data-table tornado-table" data-testid="tornado-table">
                  <caption>{t('tnCaption', { output: c().output })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('parameterName')}</th>
                      <th scope="col">{t('parameterLow')}</th>
                      <th scope="col">{t('parameterHigh')}</th>
                      <th scope="col">{t('tnAtLow')}</th>
                      <th scope="col">{t('tnAtHigh')}</th>
                      <th scope="col">{t('tnSwing')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={c().bars}>
                      {(b) => (
                        <tr>
                          <th scope="row">
                            {b.input.parameter.name}{' '}
                            <span class="what-if-engine">({b.input.parameter.sheet})</span>
                          </th>
                          <td>{amount(b.input.low, b.input.parameter.unit, locale())}</td>
                          <td>{amount(b.input.high, b.input.parameter.unit, locale())}</td>
                          <td>{n(b.atLow)}</td>
                          <td>{n(b.atHigh)}</td>
                          <td data-swing={b.swing === null ? '' : String(b.swing)}>{n(b.swing)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <Show when={c().skipped.length > 0}>
                <p>
                  {t('tnSkipped', {
                    list: c()
                      .skipped.map((p) => p.name)
                      .join(', '),
                  })}
                </p>
              </Show>
              <EngineNote result={c().result} />
            </div>
          );
        }}
      </Show>
    </div>
  );
}

/** The bars, largest swing on top: from the base value to the output at the low and at the high. */
function TornadoChart(props: { computed: Computed }) {
  const { t, locale } = useI18n();
  const ROW = 22;
  const LABEL = 230;
  const WIDTH = 640;
  // Parameters that move nothing stay in the table; the chart shows the ones that matter.
  const bars = () => props.computed.bars.filter((b) => (b.swing ?? 0) > 0);
  const domain = () => {
    const xs = bars().flatMap((b) => [b.atLow as number, b.atHigh as number]);
    if (props.computed.base !== null) xs.push(props.computed.base);
    const min = Math.min(...xs);
    const max = Math.max(...xs);
    return min === max ? [min - 1, max + 1] : [min, max];
  };
  const x = (v: number) => {
    const [min, max] = domain() as [number, number];
    return LABEL + ((v - min) / (max - min)) * (WIDTH - LABEL - 10);
  };
  const height = () => bars().length * ROW + 30;
  const base = () => props.computed.base ?? (domain()[0] as number);
  const short = (s: string) => (s.length > 34 ? `${s.slice(0, 33)}…` : s);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${height()}`}
        width={WIDTH}
        height={height()}
        role="img"
        aria-label={t('tnCaption', { output: props.computed.output })}
      >
        <For each={bars()}>
          {(b, i) => {
            const y = () => 4 + i() * ROW;
            const span = (v: number) => ({
              x: Math.min(x(base()), x(v)),
              w: Math.max(1, Math.abs(x(v) - x(base()))),
            });
            return (
              <g>
                <text x={LABEL - 6} y={y() + ROW / 2 + 4} text-anchor="end">
                  {short(b.input.parameter.name)}
                </text>
                <rect
                  x={span(b.atLow as number).x}
                  y={y() + 2}
                  width={span(b.atLow as number).w}
                  height={ROW / 2 - 2}
                  fill={LOW_COLOUR}
                />
                <rect
                  x={span(b.atHigh as number).x}
                  y={y() + ROW / 2}
                  width={span(b.atHigh as number).w}
                  height={ROW / 2 - 2}
                  fill={HIGH_COLOUR}
                />
              </g>
            );
          }}
        </For>
        <line x1={x(base())} x2={x(base())} y1={0} y2={height() - 24} stroke="#1d2329" stroke-width="1" />
        <text x={x(base())} y={height() - 8} text-anchor="middle">
          {amount(base(), props.computed.unit, locale())}
        </text>
      </svg>
      <figcaption>
        <span class="legend-low">■ {t('tnAtLow')}</span> <span class="legend-high">■ {t('tnAtHigh')}</span>
      </figcaption>
    </figure>
  );
}
