// What the goal-seek, data-table and sensitivity tools share: choosing an input (a lever, i.e. a
// ranged parameter, or any typed cell with a low and a high), choosing an output, numbers with units
// in the UI locale, and the line that says which engine computed an answer.
import { type Accessor, For, type JSX, Show } from 'solid-js';
import { formatAddress, parseReference, quoteSheetName } from '../../core/address';
import type { SheetId } from '../../core/document';
import { parseInput } from '../../core/input';
import { type Parameter, isRanged, rangeRuleProblem } from '../../core/scenario/parameters';
import type { Scalar } from '../../core/compiled/values';
import { type SweepOutput, errorCodeOf } from '../../core/whatif/sweep';
import { formatNumber, formatPercent } from '../../i18n/format';
import type { StringKey, UiLocale } from '../../i18n/strings';
import type { WorkbookSession } from '../../state/createWorkbookSession';
import { useI18n } from '../i18nContext';

/** The value cells a planner can pull: number or share parameters with a valid low and high. */
export function levers(parameters: readonly Parameter[]): Parameter[] {
  return parameters.filter(
    (p) =>
      isRanged(p) &&
      rangeRuleProblem(p) === null &&
      (p.kind.kind === 'number' || p.kind.kind === 'share') &&
      (p.low as number) < (p.high as number),
  );
}

/** A resolved input: the cell (sheet by id for the engine and edits), its range, how to name it. */
export interface ChosenInput {
  sheetId: SheetId;
  sheet: string;
  row: number;
  col: number;
  address: string;
  name: string;
  unit: string;
  low: number;
  high: number;
}

/** What the planner has picked or typed: a lever's address, or `cell` with the typed fields. */
export interface InputChoice {
  lever: string;
  cell: string;
  low: string;
  high: string;
}

export const OTHER_CELL = 'cell';

/** The first lever, or a typed cell when there is none. */
export function initialInput(parameters: readonly Parameter[], index = 0): InputChoice {
  const list = levers(parameters);
  const p = list[Math.min(index, list.length - 1)];
  return { lever: p?.address ?? OTHER_CELL, cell: '', low: '', high: '' };
}

/** A typed number in the UI locale, or null. */
export function typedNumber(text: string, locale: UiLocale): number | null {
  const v = parseInput(text.trim(), locale);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A typed single-cell address (`Drivmedel!B13`; without a sheet, the active one). */
export function resolveCell(
  text: string,
  session: WorkbookSession,
  t: (key: StringKey, params?: Record<string, string>) => string,
):
  | { ok: true; sheetId: SheetId; sheet: string; row: number; col: number; address: string }
  | { ok: false; message: string } {
  const ref = parseReference(text);
  if (!ref || ref.row !== ref.rowEnd || ref.col !== ref.colEnd) return { ok: false, message: t('wiBadCell') };
  const sheets = session.doc().sheets;
  const sheet = ref.sheet
    ? sheets.find((s) => s.name.toLowerCase() === ref.sheet?.toLowerCase())
    : sheets.find((s) => s.id === session.activeSheetId());
  if (!sheet) return { ok: false, message: t('wiNoSheet', { sheet: ref.sheet ?? '' }) };
  return {
    ok: true,
    sheetId: sheet.id,
    sheet: sheet.name,
    row: ref.row,
    col: ref.col,
    address: `${quoteSheetName(sheet.name)}!${formatAddress(ref.row, ref.col)}`,
  };
}

/** The chosen input, or why it cannot be used. */
export function resolveInput(
  choice: InputChoice,
  parameters: readonly Parameter[],
  session: WorkbookSession,
  locale: UiLocale,
  t: (key: StringKey, params?: Record<string, string>) => string,
): { ok: true; input: ChosenInput } | { ok: false; message: string } {
  if (choice.lever !== OTHER_CELL) {
    const p = levers(parameters).find((l) => l.address === choice.lever);
    if (!p) return { ok: false, message: t('wiBadCell') };
    const { sheetId, sheet, row, col, address, name, unit } = p;
    return {
      ok: true,
      input: { sheetId, sheet, row, col, address, name, unit, low: p.low as number, high: p.high as number },
    };
  }
  const cell = resolveCell(choice.cell, session, t);
  if (!cell.ok) return cell;
  const low = typedNumber(choice.low, locale);
  const high = typedNumber(choice.high, locale);
  if (low === null || high === null || !(low < high)) return { ok: false, message: t('wiBadRange') };
  const { ok: _, ...at } = cell;
  return { ok: true, input: { ...at, name: at.address, unit: '', low, high } };
}

/** A value with its unit in the UI locale; a share as a percentage. */
export function amount(value: number, unit: string, locale: UiLocale): string {
  if (unit === 'andel') return formatPercent(value, locale, 2);
  return unit ? `${formatNumber(value, locale)} ${unit}` : formatNumber(value, locale);
}

/** A computed value for the UI: a number with its unit, or the error said as an error, never a number. */
export function shownValue(
  v: Scalar | undefined,
  unit: string,
  locale: UiLocale,
  t: (key: StringKey, params?: Record<string, string>) => string,
): string {
  if (typeof v === 'number') return amount(v, unit, locale);
  if (v !== null && typeof v === 'object') return t('wiError', { code: errorCodeOf(v.error) });
  return v === null || v === undefined ? '–' : String(v);
}

/** A labelled text field: a cell address (`cell`), a number in the UI locale (`number`) or free text. */
export function TextField(props: {
  label: string;
  value: string;
  onInput: (text: string) => void;
  kind: 'cell' | 'number' | 'text';
  size?: number;
}) {
  const { t } = useI18n();
  return (
    <label>
      {props.label}{' '}
      <input
        type="text"
        inputMode={props.kind === 'number' ? 'decimal' : 'text'}
        size={props.size ?? (props.kind === 'cell' ? 14 : 8)}
        placeholder={props.kind === 'cell' ? t('wiCellHint') : undefined}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </label>
  );
}

/** The live region under a tool's form: "Computing…" or the problem that stopped it. */
export function AnswerStatus(props: {
  busy: boolean;
  problem: string | null;
  children?: JSX.Element;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <div class="what-if-answer" role="status" aria-live="polite" data-testid={props.testId}>
      <Show when={props.busy}>
        <p>{t('wiBusy')}</p>
      </Show>
      <Show when={props.problem}>{(text) => <p class="what-if-problem">{text()}</p>}</Show>
      {props.children}
    </div>
  );
}

/** Picks a lever or a typed cell with a low and a high. */
export function InputPicker(props: {
  id: string;
  label: string;
  parameters: Accessor<Parameter[]>;
  value: InputChoice;
  onChange: (choice: InputChoice) => void;
}) {
  const { t } = useI18n();
  const set = (part: Partial<InputChoice>) => props.onChange({ ...props.value, ...part });
  return (
    <fieldset class="what-if-input">
      <legend>{props.label}</legend>
      <label>
        {t('wiInput')}{' '}
        <select value={props.value.lever} onChange={(e) => set({ lever: e.currentTarget.value })}>
          <For each={levers(props.parameters())}>
            {(p) => (
              <option value={p.address}>
                {p.name} ({p.sheet})
              </option>
            )}
          </For>
          <option value={OTHER_CELL}>{t('wiOtherCell')}</option>
        </select>
      </label>
      <Show when={props.value.lever === OTHER_CELL}>
        <TextField
          label={t('wiCell')}
          kind="cell"
          value={props.value.cell}
          onInput={(cell) => set({ cell })}
        />
        <TextField
          label={t('parameterLow')}
          kind="number"
          value={props.value.low}
          onInput={(low) => set({ low })}
        />
        <TextField
          label={t('parameterHigh')}
          kind="number"
          value={props.value.high}
          onInput={(high) => set({ high })}
        />
      </Show>
    </fieldset>
  );
}

export type OutputKind = SweepOutput['kind'];

export interface OutputChoice {
  kind: OutputKind;
  cell: string;
}

/** The output's name in the UI language, with the scenario's target and neutral years. */
export function outputLabel(
  kind: OutputKind,
  session: WorkbookSession,
  t: (key: StringKey, params?: Record<string, string | number>) => string,
  cell = '',
): string {
  const key = session.scenario()?.key;
  if (kind === 'emissions2030') return t('wiOutEmissions', { year: key?.targetYear ?? 2030 });
  if (kind === 'gap2030') return t('wiOutGap', { year: key?.targetYear ?? 2030 });
  if (kind === 'residual2035') return t('wiOutResidual', { year: key?.neutralYear ?? 2035 });
  if (kind === 'costPerTonne') return t('wiOutCostPerTonne');
  return cell;
}

/** The output's unit for display. */
export function outputUnit(kind: OutputKind): string {
  return kind === 'costPerTonne' ? 'kr/t' : kind === 'cell' ? '' : 't CO2e';
}

/** The chosen output for a sweep, or why it cannot be used. */
export function resolveOutput(
  choice: OutputChoice,
  session: WorkbookSession,
  t: (key: StringKey, params?: Record<string, string>) => string,
): { ok: true; output: SweepOutput; address?: string } | { ok: false; message: string } {
  if (choice.kind !== 'cell') return { ok: true, output: { kind: choice.kind } };
  const cell = resolveCell(choice.cell, session, t);
  if (!cell.ok) return cell;
  return {
    ok: true,
    output: { kind: 'cell', sheet: cell.sheetId, row: cell.row, col: cell.col },
    address: cell.address,
  };
}

/** Picks one of the scenario outputs, or any typed cell. */
export function OutputPicker(props: {
  session: WorkbookSession;
  kinds: readonly OutputKind[];
  value: OutputChoice;
  onChange: (choice: OutputChoice) => void;
}) {
  const { t } = useI18n();
  return (
    <div class="what-if-output">
      <label>
        {t('wiOutput')}{' '}
        <select
          value={props.value.kind}
          onChange={(e) => props.onChange({ ...props.value, kind: e.currentTarget.value as OutputKind })}
        >
          <For each={props.kinds}>
            {(kind) => (
              <option value={kind}>
                {kind === 'cell' ? t('wiOutCell') : outputLabel(kind, props.session, t)}
              </option>
            )}
          </For>
        </select>
      </label>
      <Show when={props.value.kind === 'cell'}>
        <TextField
          label={t('wiCell')}
          kind="cell"
          value={props.value.cell}
          onInput={(cell) => props.onChange({ ...props.value, cell })}
        />
      </Show>
    </div>
  );
}

/** Which engine answered, and how long it took. */
export function EngineNote(props: {
  result: {
    engine: 'compiled' | 'hyperformula';
    fallbackReason?: string;
    ms: number;
    referencePoints?: number;
  };
}) {
  const { t, locale } = useI18n();
  const ms = () => formatNumber(Math.round(props.result.ms), locale());
  return (
    <p class="what-if-engine">
      {props.result.engine === 'compiled'
        ? t('wiEngineCompiled', { ms: ms() })
        : t('wiEngineHyperFormula', { ms: ms(), reason: props.result.fallbackReason ?? '' })}
      <Show when={(props.result.referencePoints ?? 0) > 0}>
        {' '}
        {t('wiEngineFallbackPoints', { count: props.result.referencePoints ?? 0 })}
      </Show>
    </p>
  );
}

/** A failed call's message for the planner: the workbook's errors said plainly, else the worker's words. */
export function failureText(
  error: unknown,
  t: (key: StringKey, params?: Record<string, string>) => string,
): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/gives no number anywhere/.test(message)) return t('wiNoNumber');
  return t('wiFailed', { message });
}
