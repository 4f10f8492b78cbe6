// Data tables (Excel's What-If Analysis → Data Table): one or two inputs over chosen values, one
// output, computed in the what-if worker as one sweep; shown as a table with colour and a mark where
// the target is met, and exported as CSV (in the UI language's dialect) or xlsx.
import { For, Show, createSignal } from 'solid-js';
import { csvDialectFor } from '../../core/csv';
import type { ScenarioDocument } from '../../core/document';
import {
  type DataTable,
  type ValuesSpec,
  dataTableCsv,
  dataTablePoints,
  dataTableRows,
  parseValueList,
  specValues,
  tableCells,
} from '../../core/whatif/dataTable';
import type { SweepResult } from '../../core/whatif/sweep';
import { formatNumber } from '../../i18n/format';
import type { StringKey } from '../../i18n/strings';
import { downloadBlob } from '../../state/download';
import { useI18n } from '../i18nContext';
import type { WhatIfToolProps } from './toolProps';
import {
  type ChosenInput,
  AnswerStatus,
  EngineNote,
  InputPicker,
  type InputChoice,
  type OutputChoice,
  OutputPicker,
  TextField,
  amount,
  failureText,
  initialInput,
  levers,
  outputLabel,
  outputUnit,
  resolveInput,
  resolveOutput,
  shownValue,
  typedNumber,
} from './whatIfInputs';
import './whatIfTools.css';

interface ValuesChoice {
  mode: 'range' | 'list';
  from: string;
  to: string;
  step: string;
  list: string;
}

interface Computed {
  table: DataTable;
  result: SweepResult;
  rowInput: ChosenInput;
  columnInput?: ChosenInput;
  unit: string;
  doc: ScenarioDocument;
}

/** Colour for a value: blue below the middle, orange above (diverging around 0 for a gap). */
function colourScale(values: readonly number[], diverging: boolean): (v: number) => string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const mid = diverging && min < 0 && max > 0 ? 0 : (min + max) / 2;
  return (v) => {
    const span = v <= mid ? mid - min : max - mid;
    const k = span > 0 ? Math.min(1, Math.abs(v - mid) / span) : 0;
    // Light tints only, so the numbers stay readable (contrast ≥ 4.5 with the dark text).
    const lightness = 96 - 26 * k;
    return v <= mid ? `hsl(212 70% ${lightness}%)` : `hsl(26 85% ${lightness}%)`;
  };
}

export default function DataTableTool(props: WhatIfToolProps) {
  const { t, locale } = useI18n();
  const [rowChoice, setRowChoice] = createSignal(initialInput(props.parameters()));
  const [columnChoice, setColumnChoice] = createSignal(initialInput(props.parameters(), 1));
  const [two, setTwo] = createSignal(false);
  const [rowValues, setRowValues] = createSignal<ValuesChoice>(defaultValues(rowChoice()));
  const [columnValues, setColumnValues] = createSignal<ValuesChoice>(defaultValues(columnChoice()));
  const [output, setOutput] = createSignal<OutputChoice>({ kind: 'gap2030', cell: '' });
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [computed, setComputed] = createSignal<Computed | null>(null);

  /** From–to–step over a lever's range in four steps (five values), as a starting point. */
  function defaultValues(choice: InputChoice): ValuesChoice {
    const p = levers(props.parameters()).find((l) => l.address === choice.lever);
    const low = typeof p?.low === 'number' ? p.low : 0;
    const high = typeof p?.high === 'number' ? p.high : 1;
    const text = (v: number) => formatNumber(v, locale()).replace(/[\s\u00a0\u202f]/g, '');
    return { mode: 'range', from: text(low), to: text(high), step: text((high - low) / 4), list: '' };
  }

  function values(choice: ValuesChoice): { ok: true; values: number[] } | { ok: false; message: string } {
    const n = (s: string) => typedNumber(s, locale());
    let spec: ValuesSpec;
    if (choice.mode === 'list') {
      const list = parseValueList(choice.list, n);
      if (!list) return { ok: false, message: t('dtProblem_empty') };
      spec = { kind: 'list', values: list };
    } else {
      spec = {
        kind: 'range',
        from: n(choice.from) ?? Number.NaN,
        to: n(choice.to) ?? Number.NaN,
        step: n(choice.step) ?? Number.NaN,
      };
    }
    const r = specValues(spec);
    return r.ok ? r : { ok: false, message: t(`dtProblem_${r.problem}` as StringKey) };
  }

  async function compute(): Promise<void> {
    const rowInput = resolveInput(rowChoice(), props.parameters(), props.session, locale(), t);
    const columnInput = two()
      ? resolveInput(columnChoice(), props.parameters(), props.session, locale(), t)
      : null;
    const rows = values(rowValues());
    const columns = two() ? values(columnValues()) : null;
    const out = resolveOutput(output(), props.session, t);
    const first = [rowInput, rows, columnInput, columns, out].find((x) => x !== null && !x.ok);
    if (first && !first.ok) {
      setProblem(first.message);
      return;
    }
    if (!rowInput.ok || !rows.ok || !out.ok) return;
    const col = columnInput?.ok ? columnInput.input : undefined;
    const colValues = columns?.ok ? columns.values : undefined;
    setProblem(null);
    setBusy(true);
    const doc = props.session.doc();
    const cell = (c: ChosenInput) => ({ sheet: c.sheetId, row: c.row, col: c.col });
    try {
      const result = await props.whatIf.sweep({
        inputs: col ? [cell(rowInput.input), cell(col)] : [cell(rowInput.input)],
        points: dataTablePoints(rows.values, colValues),
        outputs: [out.output],
      });
      const kind = output().kind;
      const outputName = outputLabel(kind, props.session, t, out.address);
      const table: DataTable = {
        rowLabel: rowInput.input.name,
        ...(col ? { columnLabel: col.name } : {}),
        outputLabel: outputName,
        rows: rows.values,
        ...(colValues ? { columns: colValues } : {}),
        cells: tableCells(
          result.values.map((v) => v[0] ?? null),
          rows.values.length,
          colValues?.length ?? 1,
        ),
      };
      setComputed({
        table,
        result,
        rowInput: rowInput.input,
        ...(col ? { columnInput: col } : {}),
        unit: outputUnit(kind),
        doc,
      });
    } catch (error) {
      setComputed(null);
      setProblem(failureText(error, t));
    } finally {
      setBusy(false);
    }
  }

  const fileStem = () =>
    `${props.session.doc().meta.name} – ${t('toolDataTable')}`.replace(/[\\/:*?"<>|]/g, '_');

  function exportCsv(c: Computed): void {
    // A byte-order mark, so Excel opens the UTF-8 file with å, ä and ö intact.
    const text = `\uFEFF${dataTableCsv(c.table, csvDialectFor(locale()))}\r\n`;
    downloadBlob(`${fileStem()}.csv`, new Blob([text], { type: 'text/csv;charset=utf-8' }));
  }

  async function exportXlsx(c: Computed): Promise<void> {
    // exceljs is large: loaded on first export, as the workbook export does.
    const [mod, { neutraliseText }] = await Promise.all([import('exceljs'), import('../../excel/xlsx')]);
    // The bundle may give exceljs's API on the namespace or on its default export (as xlsx.ts says).
    const ExcelJS =
      (mod as { Workbook?: unknown }).Workbook !== undefined
        ? mod
        : (mod as unknown as { default: typeof mod }).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(t('toolDataTable').slice(0, 31));
    for (const row of dataTableRows(c.table))
      sheet.addRow(row.map((v) => (typeof v === 'string' ? neutraliseText(v) : v)));
    sheet.getRow(1).font = { bold: true };
    sheet.getColumn(1).font = { bold: true };
    const buffer = await book.xlsx.writeBuffer();
    downloadBlob(
      `${fileStem()}.xlsx`,
      new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    );
  }

  return (
    <div class="what-if-tool data-table-tool">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void compute();
        }}
      >
        <InputPicker
          id="data-table-row"
          label={t('dtRowInput')}
          parameters={props.parameters}
          value={rowChoice()}
          onChange={(c) => {
            if (c.lever !== rowChoice().lever) setRowValues(defaultValues(c));
            setRowChoice(c);
          }}
        />
        <ValuesFields label={t('dtValues')} value={rowValues()} onChange={setRowValues} />
        <label>
          <input type="checkbox" checked={two()} onChange={(e) => setTwo(e.currentTarget.checked)} />{' '}
          {t('dtTwo')}
        </label>
        <Show when={two()}>
          <InputPicker
            id="data-table-column"
            label={t('dtColumnInput')}
            parameters={props.parameters}
            value={columnChoice()}
            onChange={(c) => {
              if (c.lever !== columnChoice().lever) setColumnValues(defaultValues(c));
              setColumnChoice(c);
            }}
          />
          <ValuesFields label={t('dtValues')} value={columnValues()} onChange={setColumnValues} />
        </Show>
        <OutputPicker
          session={props.session}
          kinds={['emissions2030', 'gap2030', 'residual2035', 'costPerTonne', 'cell']}
          value={output()}
          onChange={setOutput}
        />
        <button type="submit" disabled={busy()}>
          {t('dtCompute')}
        </button>
      </form>
      <AnswerStatus busy={busy()} problem={problem()} />
      <Show when={!busy() && computed()}>
        {(c) => <TableView computed={c()} onCsv={exportCsv} onXlsx={exportXlsx} session={props.session} />}
      </Show>
    </div>
  );
}

function ValuesFields(props: { label: string; value: ValuesChoice; onChange: (v: ValuesChoice) => void }) {
  const { t } = useI18n();
  const set = (part: Partial<ValuesChoice>) => props.onChange({ ...props.value, ...part });
  const field = (key: 'from' | 'to' | 'step', label: StringKey) => (
    <TextField label={t(label)} kind="number" value={props.value[key]} onInput={(v) => set({ [key]: v })} />
  );
  return (
    <fieldset class="what-if-values">
      <legend>{props.label}</legend>
      <label>
        <select
          value={props.value.mode}
          onChange={(e) => set({ mode: e.currentTarget.value as ValuesChoice['mode'] })}
        >
          <option value="range">{t('dtRange')}</option>
          <option value="list">{t('dtList')}</option>
        </select>
      </label>
      <Show
        when={props.value.mode === 'list'}
        fallback={
          <>
            {field('from', 'dtFrom')}
            {field('to', 'dtTo')}
            {field('step', 'dtStep')}
          </>
        }
      >
        <TextField
          label={t('dtListValues')}
          kind="text"
          size={24}
          value={props.value.list}
          onInput={(list) => set({ list })}
        />
      </Show>
    </fieldset>
  );
}

function TableView(props: {
  computed: Computed;
  session: WhatIfToolProps['session'];
  onCsv: (c: Computed) => void;
  onXlsx: (c: Computed) => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const c = () => props.computed;
  const year = () => props.session.scenario()?.key.targetYear ?? 2030;
  const numbers = () =>
    c()
      .table.cells.flat()
      .filter((v): v is number => typeof v === 'number');
  const colour = () => colourScale(numbers(), c().unit === 't CO2e');
  const width = () => c().table.columns?.length ?? 1;
  const stale = () => props.session.doc() !== c().doc;
  const head = (v: number, input: ChosenInput) => amount(v, input.unit, locale());
  return (
    <div class="data-table-result">
      <Show when={stale()}>
        <p class="what-if-stale">{t('wiStale')}</p>
      </Show>
      <div class="data-table-wrap">
        <table class="data-table" data-testid="data-table">
          <caption>
            {c().table.columns
              ? t('dtCaptionTwo', {
                  output: c().table.outputLabel,
                  row: c().table.rowLabel,
                  column: c().table.columnLabel ?? '',
                })
              : t('dtCaption', { output: c().table.outputLabel, row: c().table.rowLabel })}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                {c().table.columnLabel
                  ? `${c().table.rowLabel} \\ ${c().table.columnLabel}`
                  : c().table.rowLabel}
              </th>
              <Show when={c().table.columns} fallback={<th scope="col">{c().table.outputLabel}</th>}>
                {(columns) => (
                  <For each={columns()}>
                    {(v) => <th scope="col">{head(v, c().columnInput as ChosenInput)}</th>}
                  </For>
                )}
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={c().table.rows}>
              {(r, i) => (
                <tr>
                  <th scope="row">{head(r, c().rowInput)}</th>
                  <For each={c().table.cells[i()] ?? []}>
                    {(v, j) => {
                      const met = c().result.met[i() * width() + j()] === true;
                      return typeof v === 'number' ? (
                        <td
                          style={{ background: colour()(v) }}
                          data-value={String(v)}
                          data-met={met ? 'true' : 'false'}
                        >
                          {shownValue(v, c().unit, locale(), t)}
                          <Show when={met}>
                            <span class="met-mark" aria-hidden="true">
                              ✓
                            </span>
                            <span class="visually-hidden">, {t('dtMet', { year: year() })}</span>
                          </Show>
                        </td>
                      ) : (
                        <td class="error">{shownValue(v, c().unit, locale(), t)}</td>
                      );
                    }}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="data-table-legend">{t('dtLegend', { year: year() })}</p>
      <p>
        <button type="button" onClick={() => props.onCsv(c())}>
          {t('dtCsv')}
        </button>{' '}
        <button type="button" onClick={() => void props.onXlsx(c())}>
          {t('dtXlsx')}
        </button>
      </p>
      <EngineNote result={c().result} />
    </div>
  );
}
