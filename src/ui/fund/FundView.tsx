// The climate fund view, shown beside the fund workbook's grid: the budget per year, the decisions
// with kr per tonne (one-off and annual apart) and their eligibility, the ranking, a form for a new
// decision that updates the remaining budget, and a decision's measure added to a scenario.
import { For, Index, Show, createMemo, createResource, createSignal } from 'solid-js';
import type { ScenarioId } from '../../core/document';
import type { DecisionInput, DecisionProblem } from '../../core/fund/decisions';
import {
  type CostLine,
  type Decision,
  type ReductionKind,
  eligibility,
  fundBudget,
  fundProjects,
  fundRanking,
  reductionTotals,
} from '../../core/fund/fund';
import { parseInput } from '../../core/input';
import { formatNumber } from '../../i18n/format';
import type { StringKey } from '../../i18n/strings';
import type { AppState } from '../../state/createAppState';
import { type Fund, createFund } from '../../state/createFund';
import { ModalDialog } from '../Dialogs';
import { useI18n } from '../i18nContext';
import './fund.css';

const KIND_LABEL: Record<ReductionKind, StringKey> = {
  'one-off': 'fundOneOff',
  annual: 'fundAnnual',
  enabler: 'fundEnabler',
  none: 'fundNoReduction',
};

export function FundView(props: { app: AppState }) {
  const { t, locale } = useI18n();
  const fund = createFund(props.app);
  const [adding, setAdding] = createSignal<Decision | null>(null);
  const kr = (v: number) => formatNumber(Math.round(v), locale());
  const tonnes = (v: number) => formatNumber(Math.round(v * 10) / 10, locale());

  return (
    <section class="fund-view" aria-labelledby="fund-title">
      <h2 id="fund-title">{t('fundView')}</h2>
      <Show when={fund.data()} fallback={<p class="chart-loading">{t('calculating')}</p>}>
        {(data) => {
          const budget = createMemo(() => fundBudget(data()));
          const totals = createMemo(() => reductionTotals(data().decisions));
          const ranking = createMemo(() => fundRanking(data().decisions));
          const projects = createMemo(() => fundProjects(data().decisions));
          /** kr per tonne on the row that carries its project's reduction. */
          const krPerTonne = (d: Decision) => {
            const p = projects().find((x) => x.name === d.project.trim());
            if (!p || p.krPerTonne === null || d.reduction === null || d.reduction <= 0) return '–';
            const value = kr(p.krPerTonne);
            return p.kind === 'annual'
              ? t('fundKrPerTonneAnnual', { value })
              : t('fundKrPerTonneOneOff', { value });
          };
          const lineList = (lines: CostLine[]) =>
            lines.map((l) => `${l.category} (${kr(l.amount ?? 0)} kr)`).join(', ');
          return (
            <>
              <table class="fund-table fund-budget">
                <caption>{t('fundBudget')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fundYear')}</th>
                    <th scope="col">{t('fundFrame')}</th>
                    <th scope="col">{t('fundDecided')}</th>
                    <th scope="col">{t('fundSpent')}</th>
                    <th scope="col">{t('fundRemaining')}</th>
                    <th scope="col">{t('fundUnspent')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={budget()}>
                    {(b) => (
                      <tr classList={{ 'fund-over': b.remaining < 0 }}>
                        <th scope="row">{b.year}</th>
                        <td>{kr(b.frame)}</td>
                        <td>{kr(b.decided)}</td>
                        <td>
                          {kr(b.spent)}
                          <Show when={b.decisions > 0 && b.spentReported < b.decisions}>
                            <span class="fund-note"> ({t('fundSpentNotReported')})</span>
                          </Show>
                        </td>
                        <td>
                          {kr(b.remaining)}
                          <Show when={b.remaining < 0}>
                            <span class="fund-flag" role="note">
                              {' '}
                              {t('fundOverBudget', { amount: kr(-b.remaining) })}
                            </span>
                          </Show>
                        </td>
                        <td>{kr(b.unspent)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <p class="fund-note">{t('fundSpendWithinYear', { year: budget()[0]?.year ?? '' })}</p>
              <p class="sentence fund-totals">
                {t('fundTotals', {
                  oneOff: tonnes(totals().oneOff),
                  annual: tonnes(totals().annual),
                  mixed: tonnes(totals().oneOff + totals().annual),
                })}
              </p>

              <table class="fund-table fund-decisions">
                <caption>{t('fundDecisions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fundProject')}</th>
                    <th scope="col">{t('fundUnit')}</th>
                    <th scope="col">{t('fundYear')}</th>
                    <th scope="col">{t('fundCost')}</th>
                    <th scope="col">{t('fundReduction')}</th>
                    <th scope="col">{t('fundKrPerTonne')}</th>
                    <th scope="col">{t('fundEligibility')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('fundAddToScenario')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={data().decisions}>
                    {(d) => {
                      const check = () => eligibility(d, data());
                      return (
                        <tr>
                          <th scope="row">{d.project}</th>
                          <td class="text">{d.unit}</td>
                          <td>{d.year ?? '–'}</td>
                          <td>{d.cost === null ? '–' : kr(d.cost)}</td>
                          <td>
                            {d.reduction === null
                              ? t(KIND_LABEL[d.kind === 'enabler' ? 'enabler' : 'none'])
                              : `${tonnes(d.reduction)} t ${t(KIND_LABEL[d.kind])}`}
                          </td>
                          <td>{krPerTonne(d)}</td>
                          <td class="text">
                            <Show
                              when={check().lines.length > 0}
                              fallback={<span class="fund-note">{t('fundNoCostLines')}</span>}
                            >
                              <Show
                                when={check().ineligible.length > 0 || check().unknown.length > 0}
                                fallback={<span class="fund-ok">{t('fundEligible')}</span>}
                              >
                                <Show when={check().ineligible.length > 0}>
                                  <span class="fund-flag" role="note">
                                    {t('fundIneligible', { lines: lineList(check().ineligible) })}
                                  </span>
                                </Show>
                                <Show when={check().unknown.length > 0}>
                                  <span class="fund-flag" role="note">
                                    {t('fundUnknownCategory', { lines: lineList(check().unknown) })}
                                  </span>
                                </Show>
                              </Show>
                              <Show when={!check().matchesDecided}>
                                <span class="fund-note">
                                  {' '}
                                  {t('fundLinesDiffer', {
                                    lines: kr(check().linesTotal),
                                    decided: kr(d.cost ?? 0),
                                  })}
                                </span>
                              </Show>
                            </Show>
                          </td>
                          <td>
                            <button
                              type="button"
                              disabled={d.template === null}
                              title={d.template === null ? t('fundNoTemplateFor') : undefined}
                              aria-label={`${t('fundAddToScenario')}: ${d.project} (${d.unit})`}
                              onClick={() => setAdding(d)}
                            >
                              {t('fundAddToScenario')}
                            </button>
                          </td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
              <p class="fund-note">{t('fundGroupNote')}</p>

              <section class="fund-ranking" aria-labelledby="fund-ranking-title">
                <h3 id="fund-ranking-title">{t('fundRanking')}</h3>
                <h4 id="fund-rank-oneoff">{t('fundRankingOneOff')}</h4>
                <ol aria-labelledby="fund-rank-oneoff">
                  <For each={ranking().oneOff}>
                    {(p) => (
                      <li>
                        {p.name}: {t('fundKrPerTonneOneOff', { value: kr(p.krPerTonne ?? 0) })}
                      </li>
                    )}
                  </For>
                </ol>
                <h4 id="fund-rank-annual">{t('fundRankingAnnual')}</h4>
                <ol aria-labelledby="fund-rank-annual">
                  <For each={ranking().annual}>
                    {(p) => (
                      <li>
                        {p.name}: {t('fundKrPerTonneAnnual', { value: kr(p.krPerTonne ?? 0) })}
                      </li>
                    )}
                  </For>
                </ol>
                <Show when={ranking().unranked.length > 0}>
                  <p class="fund-note">
                    {t('fundRankingNone', {
                      names: ranking()
                        .unranked.map((p) => p.name)
                        .join(', '),
                    })}
                  </p>
                </Show>
              </section>

              <NewDecisionForm fund={fund} app={props.app} />
            </>
          );
        }}
      </Show>
      <Show when={adding()}>
        {(d) => (
          <AddToScenarioDialog fund={fund} decision={d()} onClose={() => setAdding(null)} app={props.app} />
        )}
      </Show>
    </section>
  );
}

interface LineDraft {
  category: string;
  amount: string;
  description: string;
}

function problemText(p: DecisionProblem, t: ReturnType<typeof useI18n>['t']): string {
  return p.kind === 'line' ? t('fundFormProblem_line', { n: p.index + 1 }) : t(`fundFormProblem_${p.kind}`);
}

/** The form for a new decision: written into the fund sheet's free rows, so the budget follows. */
function NewDecisionForm(props: { fund: Fund; app: AppState }) {
  const { t, locale } = useI18n();
  const [templates] = createResource(() => props.app.loadTemplates());
  const [problems, setProblems] = createSignal<string[]>([]);
  const [added, setAdded] = createSignal<{ name: string; year: number } | null>(null);
  const [lines, setLines] = createSignal<LineDraft[]>([{ category: '', amount: '', description: '' }]);
  const data = () => props.fund.data();
  const number = (text: string): number => {
    const v = parseInput(text.trim(), locale());
    return typeof v === 'number' ? v : Number.NaN;
  };
  /** The added decision's year, once the budget the engine computed includes it. */
  const addedText = createMemo(() => {
    const a = added();
    const fund = data();
    if (!a || !fund) return '';
    if (!fund.decisions.some((d) => d.project === a.name && d.year === a.year)) return '';
    const b = fundBudget(fund).find((x) => x.year === a.year);
    return b
      ? t('fundDecisionAdded', { name: a.name, year: a.year, remaining: formatNumber(b.remaining, locale()) })
      : '';
  });

  function submit(form: HTMLFormElement): void {
    const f = new FormData(form);
    const text = (name: string) => String(f.get(name) ?? '');
    const reductionText = text('reduction').trim();
    const lifetimeText = text('lifetime').trim();
    const input: DecisionInput = {
      project: text('project'),
      unit: text('unit'),
      cost: number(text('cost')),
      reduction: reductionText === '' ? null : number(reductionText),
      kind: text('kind') as ReductionKind,
      year: Number(text('year')),
      lifetime: lifetimeText === '' ? null : number(lifetimeText),
      template: text('template') || null,
      lines: lines()
        .filter((l) => l.category !== '' || l.amount.trim() !== '')
        .map((l) => ({ category: l.category, amount: number(l.amount), description: l.description })),
    };
    const result = props.fund.addDecision(input);
    if (result.ok) {
      setProblems([]);
      setAdded({ name: input.project.trim(), year: input.year });
      setLines([{ category: '', amount: '', description: '' }]);
      form.reset();
      return;
    }
    setAdded(null);
    setProblems(
      'full' in result
        ? [
            t('fundNoSlot', {
              what: t(result.full === 'decisions' ? 'fundWhatDecision' : 'fundWhatCostLine'),
            }),
          ]
        : result.problems.map((p) => problemText(p, t)),
    );
  }

  const setLine = (i: number, patch: Partial<LineDraft>) =>
    setLines((all) => all.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  return (
    <form
      class="fund-form"
      aria-labelledby="fund-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
    >
      <h3 id="fund-form-title">{t('fundNewDecision')}</h3>
      <div class="fund-fields">
        <label>
          {t('fundProject')}
          <input name="project" required aria-label={t('fundProject')} />
        </label>
        <label>
          {t('fundUnit')}
          <input name="unit" aria-label={t('fundUnit')} />
        </label>
        <label>
          {t('fundYear')}
          <select name="year" aria-label={t('fundYear')}>
            <For each={data()?.budgets ?? []}>{(b) => <option value={b.year}>{b.year}</option>}</For>
          </select>
        </label>
        <label>
          {t('fundCost')}
          <input name="cost" inputMode="decimal" aria-label={t('fundCost')} />
        </label>
        <label>
          {t('fundReduction')} (t CO2e)
          <input name="reduction" inputMode="decimal" aria-label={`${t('fundReduction')} (t CO2e)`} />
        </label>
        <label>
          {t('fundKind')}
          <select name="kind" aria-label={t('fundKind')}>
            <option value="one-off">{t('fundOneOff')}</option>
            <option value="annual">{t('fundAnnual')}</option>
            <option value="enabler">{t('fundEnabler')}</option>
            <option value="none">{t('fundNoReduction')}</option>
          </select>
        </label>
        <label>
          {t('fundLifetime')}
          <input name="lifetime" inputMode="numeric" aria-label={t('fundLifetime')} />
        </label>
        <label>
          {t('fundTemplate')}
          <select name="template" aria-label={t('fundTemplate')}>
            <option value="">{t('fundNoTemplate')}</option>
            <For each={templates() ?? []}>{(m) => <option value={m.stem}>{m.doc.meta.name}</option>}</For>
          </select>
        </label>
      </div>
      <fieldset class="fund-lines">
        <legend>{t('fundCostLines')}</legend>
        <Index each={lines()}>
          {(line, i) => (
            <fieldset class="fund-line" aria-label={t('fundCostLine', { n: i + 1 })}>
              <label>
                {t('fundCategory')}
                <select
                  aria-label={t('fundCategory')}
                  value={line().category}
                  onChange={(e) => setLine(i, { category: e.currentTarget.value })}
                >
                  <option value="" />
                  <For each={data()?.categories ?? []}>{(c) => <option value={c.name}>{c.name}</option>}</For>
                </select>
              </label>
              <label>
                {t('fundAmount')}
                <input
                  inputMode="decimal"
                  aria-label={t('fundAmount')}
                  value={line().amount}
                  onInput={(e) => setLine(i, { amount: e.currentTarget.value })}
                />
              </label>
              <label>
                {t('fundDescription')}
                <input
                  aria-label={t('fundDescription')}
                  value={line().description}
                  onInput={(e) => setLine(i, { description: e.currentTarget.value })}
                />
              </label>
            </fieldset>
          )}
        </Index>
        <button
          type="button"
          onClick={() => setLines((all) => [...all, { category: '', amount: '', description: '' }])}
        >
          + {t('fundCostLines')}
        </button>
      </fieldset>
      <Show when={problems().length > 0}>
        <ul role="alert" class="fund-problems">
          <For each={problems()}>{(p) => <li>{p}</li>}</For>
        </ul>
      </Show>
      <div class="dialog-buttons">
        <p role="status" class="fund-added">
          {addedText()}
        </p>
        <button type="submit" class="primary">
          {t('fundAddDecision')}
        </button>
      </div>
    </form>
  );
}

/** One step: pick a scenario, and the decision's measure is added to it (the scenario opens). */
function AddToScenarioDialog(props: { fund: Fund; decision: Decision; app: AppState; onClose: () => void }) {
  const { t } = useI18n();
  const [scenarios] = createResource(() => props.fund.scenarios());
  const [picked, setPicked] = createSignal<ScenarioId | ''>('');
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal('');
  const chosen = () => picked() || scenarios()?.[0]?.id || '';

  async function add(): Promise<void> {
    const id = chosen();
    if (!id) return;
    setBusy(true);
    const result = await props.fund.addToScenario(props.decision, id);
    setBusy(false);
    if (!result.ok) {
      setProblem(
        result.reason === 'no-template'
          ? t('fundNoTemplateFor')
          : result.reason === 'no-slot'
            ? t('noFreeSlot')
            : t('compareFailed', { message: result.reason }),
      );
      return;
    }
    props.app.notify({
      kind: 'message',
      tone: 'info',
      text: t('fundMeasureAdded', { name: props.decision.project, scenario: result.scenario }),
    });
    props.onClose();
  }

  return (
    <ModalDialog titleId="fund-add-title" onClose={props.onClose}>
      <h2 id="fund-add-title">{t('fundAddToScenarioTitle', { name: props.decision.project })}</h2>
      <Show when={(scenarios()?.length ?? 1) > 0} fallback={<p>{t('fundNoScenarios')}</p>}>
        <label>
          {t('fundPickScenario')}
          <select
            aria-label={t('fundPickScenario')}
            value={chosen()}
            onChange={(e) => setPicked(e.currentTarget.value as ScenarioId)}
          >
            <For each={scenarios() ?? []}>{(s) => <option value={s.id}>{s.name}</option>}</For>
          </select>
        </label>
      </Show>
      <Show when={problem()}>
        <p role="alert">{problem()}</p>
      </Show>
      <div class="dialog-buttons">
        <button type="button" onClick={() => props.onClose()}>
          {t('cancel')}
        </button>
        <button type="button" class="primary" disabled={busy() || !chosen()} onClick={() => void add()}>
          {t('fundAddToScenario')}
        </button>
      </div>
    </ModalDialog>
  );
}
