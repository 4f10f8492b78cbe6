// Every parameter a scenario reads in one table — measure, parameter, value, unit, low, high,
// source — sortable by any column, and editable in place (a choice from its list).
import { type Accessor, For, Show, createMemo, createSignal } from 'solid-js';
import { type RawCell, type ScenarioDocument, isFormula } from '../core/document';
import { parseInput } from '../core/input';
import { type Parameter, checkValue, matchChoice } from '../core/scenario/parameters';
import { valueOrigin } from '../core/scenario/errorOrigin';
import { formatNumber } from '../i18n/format';
import { originText } from '../i18n/sentences';
import { useI18n } from './i18nContext';
import './charts/originButtons.css';

type Column = 'measure' | 'name' | 'value' | 'unit' | 'low' | 'high' | 'source';
const COLUMNS: Column[] = ['measure', 'name', 'value', 'unit', 'low', 'high', 'source'];

export function ParametersView(props: {
  parameters: Accessor<Parameter[]>;
  doc: Accessor<ScenarioDocument>;
  /** Write a parameter's new value (one undoable edit). */
  onSet: (p: Parameter, value: RawCell) => void;
  onSelect: (p: Parameter) => void;
}) {
  const { t, locale } = useI18n();
  const [sort, setSort] = createSignal<{ by: Column; up: boolean } | null>(null);
  const [refused, setRefused] = createSignal<{ p: Parameter; text: string } | null>(null);
  const measureOf = (p: Parameter) => {
    const title = props.doc().sheets.find((s) => s.id === p.sheetId)?.cells[0]?.[0];
    return typeof title === 'string' && title !== '' ? title : p.sheet;
  };
  const text = (v: RawCell) =>
    typeof v === 'number' ? formatNumber(v, locale()) : v === null ? '' : String(v);
  const cellOf = (p: Parameter, c: Column): RawCell =>
    c === 'measure'
      ? measureOf(p)
      : c === 'name'
        ? p.name
        : c === 'source'
          ? p.source
          : c === 'unit'
            ? p.unit
            : p[c];
  const rows = createMemo(() => {
    const s = sort();
    const list = [...props.parameters()];
    if (!s) return list;
    const key = (p: Parameter) => cellOf(p, s.by);
    return list.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const order =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : text(x).localeCompare(text(y), locale(), { numeric: true });
      return s.up ? order : -order;
    });
  });
  const label: Record<Column, string> = {
    measure: t('measure'),
    name: t('parameterName'),
    value: t('parameterValue'),
    unit: t('parameterUnit'),
    low: t('parameterLow'),
    high: t('parameterHigh'),
    source: t('parameterSource'),
  };
  function commit(p: Parameter, typed: string): void {
    const value = parseInput(typed, locale());
    const { problem } = typeof value === 'boolean' || isFormula(value) ? {} : checkValue(p, value);
    if (problem?.kind === 'not-an-option') {
      setRefused({ p, text: originText(valueOrigin(p, problem), locale()) });
      return;
    }
    setRefused(null);
    // A choice typed in another case is stored in the list's own spelling, as the grid stores it.
    const stored =
      p.kind.kind === 'choice' && typeof value === 'string'
        ? (matchChoice(p.kind.options, value) ?? value)
        : value;
    if (stored !== p.value) props.onSet(p, stored);
  }
  return (
    <details class="parameters-view" data-testid="parameters-view">
      <summary>{t('parametersView')}</summary>
      <Show when={refused()}>{(r) => <p role="alert">{r().text}</p>}</Show>
      <table>
        <thead>
          <tr>
            <For each={COLUMNS}>
              {(c) => (
                <th
                  scope="col"
                  aria-sort={sort()?.by === c ? (sort()?.up ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => setSort((s) => ({ by: c, up: s?.by === c ? !s.up : true }))}
                  >
                    {label[c]}
                  </button>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(p) => (
              <tr>
                <td>{measureOf(p)}</td>
                <th scope="row">
                  <button
                    type="button"
                    class="link-button"
                    title={t('goToCell', { cell: p.address })}
                    onClick={() => props.onSelect(p)}
                  >
                    {p.name}
                  </button>
                </th>
                <td>
                  <Show
                    when={p.kind.kind === 'choice' && p.kind.options}
                    fallback={
                      <input
                        aria-label={`${p.name} (${p.address})`}
                        value={isFormula(p.value) ? p.value : text(p.value)}
                        onChange={(e) => commit(p, e.currentTarget.value)}
                      />
                    }
                  >
                    {(options) => (
                      <select
                        aria-label={`${p.name} (${p.address})`}
                        onChange={(e) => commit(p, e.currentTarget.value)}
                      >
                        <Show when={!options().includes(String(p.value))}>
                          <option value={String(p.value)} selected>
                            {String(p.value)}
                          </option>
                        </Show>
                        <For each={options()}>
                          {(o) => (
                            <option value={o} selected={o === p.value}>
                              {o}
                            </option>
                          )}
                        </For>
                      </select>
                    )}
                  </Show>
                </td>
                <td>{p.unit}</td>
                <td>{text(p.low)}</td>
                <td>{text(p.high)}</td>
                <td>{p.source}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </details>
  );
}
