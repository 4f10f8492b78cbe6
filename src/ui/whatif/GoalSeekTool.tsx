// "Reach the target": goal seek on a lever or any cell between its low and high, in the what-if
// worker. Lists every solution (each applied as one undoable edit) or says plainly why there is none.
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import type { ScenarioDocument } from '../../core/document';
import type { Goal, GoalSeekResult } from '../../core/whatif/goalSeek';
import { useI18n } from '../i18nContext';
import type { WhatIfToolProps } from './toolProps';
import {
  type ChosenInput,
  AnswerStatus,
  EngineNote,
  InputPicker,
  TextField,
  amount,
  failureText,
  initialInput,
  resolveCell,
  resolveInput,
  typedNumber,
} from './whatIfInputs';
import './whatIfTools.css';

type GoalKind = Goal['kind'];
const GOALS: GoalKind[] = ['target2030', 'neutral2035', 'cell'];

interface Answer {
  result: GoalSeekResult;
  input: ChosenInput;
  goal: Goal;
  /** The document the answer was computed on: after any edit it is stale. */
  doc: ScenarioDocument;
}

export default function GoalSeekTool(props: WhatIfToolProps) {
  const { t, locale } = useI18n();
  const [input, setInput] = createSignal(initialInput(props.parameters()));
  const [goalKind, setGoalKind] = createSignal<GoalKind>('target2030');
  const [goalCell, setGoalCell] = createSignal('');
  const [goalValue, setGoalValue] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [answer, setAnswer] = createSignal<Answer | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [applied, setApplied] = createSignal<string | null>(null);
  const years = () => props.session.scenario()?.key;
  const goalLabel = (kind: GoalKind) =>
    kind === 'target2030'
      ? t('gsTarget', { year: years()?.targetYear ?? 2030 })
      : kind === 'neutral2035'
        ? t('gsNeutral', { year: years()?.neutralYear ?? 2035 })
        : t('gsCell');

  function goal(): { ok: true; goal: Goal } | { ok: false; message: string } {
    const kind = goalKind();
    if (kind !== 'cell') return { ok: true, goal: { kind } };
    const cell = resolveCell(goalCell(), props.session, t);
    if (!cell.ok) return cell;
    const value = typedNumber(goalValue(), locale());
    if (value === null) return { ok: false, message: t('wiBadNumber') };
    return { ok: true, goal: { kind: 'cell', sheet: cell.sheetId, row: cell.row, col: cell.col, value } };
  }

  async function seek(): Promise<void> {
    setApplied(null);
    const chosen = resolveInput(input(), props.parameters(), props.session, locale(), t);
    const g = goal();
    if (!chosen.ok || !g.ok) {
      setProblem(!chosen.ok ? chosen.message : g.ok ? '' : g.message);
      return;
    }
    setProblem(null);
    setBusy(true);
    const doc = props.session.doc();
    const { sheetId, row, col, low, high } = chosen.input;
    try {
      const result = await props.whatIf.goalSeek({
        input: { sheet: sheetId, row, col },
        low,
        high,
        goal: g.goal,
      });
      setAnswer({ result, input: chosen.input, goal: g.goal, doc });
    } catch (error) {
      setAnswer(null);
      setProblem(failureText(error, t));
    } finally {
      setBusy(false);
    }
  }

  /** The goal's quantity at a point, said for its goal: the gap, the residual or the cell. */
  const quantity = (a: Answer, value: number) =>
    a.goal.kind === 'target2030'
      ? t('gsGap', { value: amount(value, 't CO2e', locale()) })
      : a.goal.kind === 'neutral2035'
        ? t('gsResidual', { value: amount(value, 't CO2e', locale()) })
        : t('gsCellIs', { value: amount(value, '', locale()) });
  const at = (a: Answer, x: number) => amount(x, a.input.unit, locale());
  const stale = (a: Answer) => props.session.doc() !== a.doc;
  /** The answer when it is of this kind (for Match, which narrows by the value it is given). */
  const ofKind = <K extends GoalSeekResult['kind']>(a: Answer, kind: K) =>
    a.result.kind === kind ? (a.result as Extract<GoalSeekResult, { kind: K }>) : undefined;

  function apply(a: Answer, x: number): void {
    const { sheetId, row, col } = a.input;
    props.session.execute({ type: 'setCells', sheetId, row, col, values: [[x]] }, 'goal-seek');
    setApplied(t('gsApplied', { cell: a.input.address, value: at(a, x) }));
  }

  return (
    <div class="what-if-tool goal-seek">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void seek();
        }}
      >
        <InputPicker
          id="goal-seek-input"
          label={t('wiInput')}
          parameters={props.parameters}
          value={input()}
          onChange={setInput}
        />
        <fieldset class="what-if-goal">
          <legend>{t('gsGoal')}</legend>
          <For each={GOALS}>
            {(kind) => (
              <label>
                <input
                  type="radio"
                  name="goal-seek-goal"
                  checked={goalKind() === kind}
                  onChange={() => setGoalKind(kind)}
                />{' '}
                {goalLabel(kind)}
              </label>
            )}
          </For>
          <Show when={goalKind() === 'cell'}>
            <TextField label={t('wiCell')} kind="cell" value={goalCell()} onInput={setGoalCell} />
            <TextField
              label={t('gsCellValue')}
              kind="number"
              size={10}
              value={goalValue()}
              onInput={setGoalValue}
            />
          </Show>
        </fieldset>
        <button type="submit" disabled={busy()}>
          {t('gsSeek')}
        </button>
      </form>
      <AnswerStatus busy={busy()} problem={problem()} testId="goal-seek-answer">
        <Show when={!busy() && answer()}>
          {(a) => (
            <>
              <Show when={stale(a())}>
                <p class="what-if-stale">{t('wiStale')}</p>
              </Show>
              <Switch>
                <Match when={ofKind(a(), 'solutions')}>
                  {(r) => (
                    <>
                      <p>{t('gsSolutions')}</p>
                      <ul class="goal-seek-solutions">
                        <For each={r().solutions}>
                          {(s) => (
                            <li>
                              <span data-testid="goal-seek-solution" data-value={String(s.input)}>
                                {a().input.name} = {at(a(), s.input)}
                              </span>{' '}
                              ({quantity(a(), s.value)}){' '}
                              <button
                                type="button"
                                disabled={stale(a())}
                                aria-label={t('gsApplyLabel', {
                                  cell: a().input.address,
                                  value: at(a(), s.input),
                                })}
                                onClick={() => apply(a(), s.input)}
                              >
                                {t('gsApply')}
                              </button>
                            </li>
                          )}
                        </For>
                      </ul>
                    </>
                  )}
                </Match>
                <Match when={ofKind(a(), 'independent')}>
                  {(r) => (
                    <p data-testid="goal-seek-refusal">
                      {t('gsIndependent', {
                        value: quantity(a(), r().value),
                      })}
                    </p>
                  )}
                </Match>
                <Match when={ofKind(a(), 'unreachable') ?? ofKind(a(), 'everywhere')}>
                  {(r) => (
                    <p data-testid="goal-seek-refusal">
                      {t(r().kind === 'unreachable' ? 'gsUnreachable' : 'gsEverywhere', {
                        low: at(a(), a().input.low),
                        high: at(a(), a().input.high),
                        value: quantity(a(), r().best.value),
                        input: at(a(), r().best.input),
                      })}
                    </p>
                  )}
                </Match>
              </Switch>
              <EngineNote result={a().result} />
            </>
          )}
        </Show>
        <Show when={applied()}>{(text) => <p>{text()}</p>}</Show>
      </AnswerStatus>
    </div>
  );
}
