// The guided start: a region's own scenario in four steps (organisation and target; the baseline
// pasted or typed as a year-header matrix, previewed with its refused rows; the BAU rule; the
// horizon). The numbers are read and the workbook built by the pure core (core/region).
import { For, Show, createMemo, createSignal } from 'solid-js';
import { type MatrixProblem, parseBaselineMatrix } from '../../core/region/baselineMatrix';
import {
  type BauRule,
  REGION_DEFAULTS,
  type RegionProblem,
  type RegionSpec,
  regionProblems,
} from '../../core/region/regionScenario';
import { formatNumber } from '../../i18n/format';
import type { StringKey } from '../../i18n/strings';
import { ModalDialog } from '../Dialogs';
import { type I18n, useI18n } from '../i18nContext';
import './start.css';

const STEPS = ['stepOrganisation', 'stepBaseline', 'stepBau', 'stepHorizon'] as const;

/** A refused row in the planner's words: the line and why. */
export function matrixProblemText(p: MatrixProblem, t: I18n['t']) {
  const why = t(`matrix_${p.code}` as StringKey, {
    cell: 'cell' in p ? p.cell : '',
    year: 'year' in p ? p.year : '',
    name: 'name' in p ? p.name : '',
    count: 'count' in p ? p.count : '',
  });
  return t('matrixRowProblem', { row: p.row, why });
}

function regionProblemText(p: RegionProblem, t: I18n['t']) {
  return t(`region_${p.code}` as StringKey, {
    year: 'year' in p ? p.year : '',
    sectors: 'sectors' in p ? p.sectors.join(', ') : '',
    max: 'max' in p ? p.max : '',
  });
}

/** Which step a problem belongs to, so "Create" can take the planner there. */
function stepOf(p: RegionProblem): number {
  if (p.code === 'trendNeedsTwoYears' || p.code === 'rateNeedsPositive') return 2;
  if (p.code === 'endYearOrder' || p.code === 'horizonTooLong') return 3;
  if (p.code === 'baseYearNotObserved' || p.code === 'baseYearIncomplete' || p.code === 'baseNotPositive')
    return 1;
  return 0;
}

export function GuidedStart(props: { onClose: () => void; onCreate: (spec: RegionSpec) => void }) {
  const { t, locale } = useI18n();
  const [step, setStep] = createSignal(0);
  const [organisation, setOrganisation] = createSignal('');
  const [baseYear, setBaseYear] = createSignal('');
  const [targetYear, setTargetYear] = createSignal(String(REGION_DEFAULTS.targetYear));
  const [cut, setCut] = createSignal(String(REGION_DEFAULTS.targetCut * 100));
  const [neutralYear, setNeutralYear] = createSignal(String(REGION_DEFAULTS.neutralYear));
  const [endYear, setEndYear] = createSignal(String(REGION_DEFAULTS.endYear));
  const [text, setText] = createSignal('');
  const [bau, setBau] = createSignal<BauRule>('rate');
  const [tried, setTried] = createSignal(false);

  const parsed = createMemo(() => parseBaselineMatrix(text()));
  const whole = (s: string) => (/^\s*\d{4}\s*$/.test(s) ? Number(s) : Number.NaN);
  const spec = createMemo<RegionSpec>(() => {
    const matrix = parsed().matrix;
    const typedBase = whole(baseYear());
    return {
      organisation: organisation(),
      // Left empty, the base year is the baseline's first year.
      baseYear: Number.isNaN(typedBase) ? (matrix.years[0] ?? Number.NaN) : typedBase,
      targetYear: whole(targetYear()),
      targetCut: Number(cut().replace(',', '.').replace('−', '-')) / 100,
      neutralYear: whole(neutralYear()),
      endYear: whole(endYear()),
      matrix,
      bau: bau(),
    };
  });
  const problems = createMemo(() => regionProblems(spec()));
  const stepProblems = (s: number) => problems().filter((p) => stepOf(p) === s);
  /** What stops the step shown from going on. */
  const blocking = createMemo(() => {
    if (step() === 1) {
      const p = parsed();
      if (p.problems.length > 0 || p.matrix.sectors.length === 0) return [t('matrixFixRows')];
    }
    // Before the baseline is in, an empty base year is the baseline's first year: not known yet.
    const unknownBase = step() === 0 && baseYear().trim() === '';
    return stepProblems(step())
      .filter((p) => !(unknownBase && p.code === 'targetYearOrder'))
      .map((p) => regionProblemText(p, t));
  });

  function next(): void {
    setTried(true);
    if (blocking().length > 0) return;
    setTried(false);
    if (step() < STEPS.length - 1) {
      setStep(step() + 1);
      return;
    }
    const first = problems()[0];
    if (first) {
      setStep(stepOf(first));
      setTried(true);
      return;
    }
    props.onCreate(spec());
  }

  const n = (v: number | null) => (v === null ? '' : formatNumber(v, locale()));

  return (
    <ModalDialog titleId="guided-start-title" class="guided-start" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <h2 id="guided-start-title">{t('guidedStartTitle')}</h2>
        <ol class="guided-steps" aria-label={t('guidedStartSteps')}>
          <For each={STEPS}>
            {(key, i) => (
              <li aria-current={i() === step() ? 'step' : undefined} classList={{ current: i() === step() }}>
                {t(key)}
              </li>
            )}
          </For>
        </ol>
        <Show when={step() === 0}>
          <fieldset class="guided-fields">
            <legend>{t('stepOrganisation')}</legend>
            <label class="dialog-field">
              <span>{t('organisationName')}</span>
              <input
                type="text"
                value={organisation()}
                required
                onInput={(e) => setOrganisation(e.currentTarget.value)}
              />
            </label>
            <TextField
              label={t('baseYear')}
              value={baseYear}
              set={setBaseYear}
              placeholder={t('baseYearPlaceholder')}
            />
            <TextField label={t('targetYear')} value={targetYear} set={setTargetYear} />
            <TextField label={t('targetCutPercent')} value={cut} set={setCut} mode="decimal" />
            <TextField label={t('neutralYear')} value={neutralYear} set={setNeutralYear} />
          </fieldset>
        </Show>
        <Show when={step() === 1}>
          <label class="dialog-field">
            <span>{t('baselineMatrix')}</span>
            <textarea
              class="matrix-input"
              rows={8}
              spellcheck={false}
              aria-describedby="matrix-hint"
              value={text()}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
          <p id="matrix-hint" class="choice-description">
            {t('baselineMatrixHint')}
          </p>
          <Show when={parsed().problems.length > 0 && text().trim() !== ''}>
            <div class="matrix-problems" role="alert">
              <p>
                <strong>{t('matrixRefused')}</strong>
              </p>
              <ul>
                <For each={parsed().problems}>{(p) => <li>{matrixProblemText(p, t)}</li>}</For>
              </ul>
            </div>
          </Show>
          <Show when={parsed().matrix.sectors.length > 0}>
            <div class="matrix-preview">
              <table aria-label={t('matrixPreview')}>
                <thead>
                  <tr>
                    <th scope="col">{t('sector')}</th>
                    <For each={parsed().matrix.years}>{(y) => <th scope="col">{y}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={parsed().matrix.sectors}>
                    {(s) => (
                      <tr>
                        <th scope="row">{s.name}</th>
                        <For each={s.values}>
                          {(v) => (
                            <td classList={{ missing: v === null }}>
                              {v === null ? t('missingYear') : n(v)}
                            </td>
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Show>
        <Show when={step() === 2}>
          <fieldset class="choice-list">
            <legend>{t('stepBau')}</legend>
            <For each={['flat', 'rate', 'linear'] as BauRule[]}>
              {(rule) => (
                <label class="choice">
                  <input
                    type="radio"
                    name="bau-rule"
                    value={rule}
                    checked={bau() === rule}
                    onChange={() => setBau(rule)}
                  />
                  <span>
                    <strong>{t(`bau_${rule}` as StringKey)}</strong>
                    <span class="choice-description">{t(`bau_${rule}_hint` as StringKey)}</span>
                  </span>
                </label>
              )}
            </For>
          </fieldset>
        </Show>
        <Show when={step() === 3}>
          <TextField label={t('endYear')} value={endYear} set={setEndYear} />
          <p class="choice-description">
            {t('horizonSummary', {
              from: Number.isFinite(spec().baseYear) ? spec().baseYear : '–',
              to: Number.isFinite(spec().endYear) ? spec().endYear : '–',
            })}
          </p>
        </Show>
        <Show when={tried() && blocking().length > 0}>
          <div class="dialog-problem" role="alert">
            <For each={blocking()}>{(p) => <p>{p}</p>}</For>
          </div>
        </Show>
        <div class="dialog-buttons">
          <button type="button" onClick={() => props.onClose()}>
            {t('cancel')}
          </button>
          <Show when={step() > 0}>
            <button
              type="button"
              onClick={() => {
                setTried(false);
                setStep(step() - 1);
              }}
            >
              {t('back')}
            </button>
          </Show>
          <button type="submit" class="primary">
            {step() === STEPS.length - 1 ? t('createRegionScenario') : t('next')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** A labelled one-line field for a year or a number (text, so Swedish decimal commas type as they are). */
function TextField(props: {
  label: string;
  value: () => string;
  set: (value: string) => void;
  mode?: 'numeric' | 'decimal';
  placeholder?: string;
}) {
  return (
    <label class="dialog-field">
      <span>{props.label}</span>
      <input
        type="text"
        inputmode={props.mode ?? 'numeric'}
        value={props.value()}
        placeholder={props.placeholder}
        onInput={(e) => props.set(e.currentTarget.value)}
      />
    </label>
  );
}
