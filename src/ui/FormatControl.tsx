// The number format control beside the formula bar (preset, decimals −/+, unit suffix) and Excel's
// format keys (Ctrl+Shift+1, Ctrl+Shift+5, Ctrl+Shift+~); each applies to the selection as one undo step.
import { createEffect, createSignal } from 'solid-js';
import {
  type NumberFormat,
  PRESETS,
  formatCode,
  sameFormat,
  unitProblem,
  withDecimals,
  withUnit,
} from '../core/numberFormat';
import type { StringKey } from '../i18n/strings';
import type { WorkbookSession } from '../state/createWorkbookSession';
import { selectionRect } from './grid/navigation';
import { useI18n } from './i18nContext';

type Preset = keyof typeof PRESETS;

const PRESET_LABELS: Record<Preset, StringKey> = {
  general: 'formatGeneral',
  number: 'formatNumber',
  thousands: 'formatThousands',
  percent: 'formatPercent',
  plain: 'formatPlain',
};

/** Give the selected cells the format `change` makes of each one's own. */
function applyToSelection(session: WorkbookSession, change: (current: NumberFormat) => NumberFormat): void {
  session.formatCells(selectionRect(session.selection()), change);
}

/**
 * Excel's format keys on the grid, matched on the physical key (`e.code`) so they work on Swedish and
 * other layouts where Shift+1 is not "!": Ctrl+Shift+1 number with two decimals and thousands
 * separators, Ctrl+Shift+5 percent, Ctrl+Shift+` (~, § on a Swedish keyboard) General.
 * @returns true when the key was a format key and was applied.
 */
export function formatShortcut(e: KeyboardEvent, session: WorkbookSession): boolean {
  if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey) return false;
  const preset: Preset | null =
    e.code === 'Digit1'
      ? 'number'
      : e.code === 'Digit5'
        ? 'percent'
        : e.code === 'Backquote' || e.key === '~' || e.key === '`'
          ? 'general'
          : null;
  if (preset === null) return false;
  applyToSelection(session, () => PRESETS[preset]);
  return true;
}

export function FormatControl(props: { session: WorkbookSession }) {
  const { t } = useI18n();
  const active = () => {
    const { active } = props.session.selection();
    return props.session.formatOf(active.row, active.col);
  };
  const preset = () => {
    const format = active();
    return (Object.keys(PRESETS) as Preset[]).find((p) => sameFormat(PRESETS[p], format)) ?? null;
  };
  const [unit, setUnit] = createSignal('');
  const [unitInvalid, setUnitInvalid] = createSignal(false);
  createEffect(() => {
    const format = active();
    setUnit(format.kind === 'number' ? (format.unit ?? '') : '');
    setUnitInvalid(false);
  });

  function applyUnit(): void {
    const text = unit().trim();
    if (text !== '' && unitProblem(text) !== null) {
      setUnitInvalid(true);
      return;
    }
    setUnitInvalid(false);
    applyToSelection(props.session, (f) => withUnit(f, text));
  }

  return (
    <fieldset class="format-control" aria-label={t('formatLabel')}>
      <select
        class="format-preset"
        aria-label={t('formatLabel')}
        title={formatCode(active())}
        value={preset() ?? 'custom'}
        onChange={(e) => {
          const chosen = e.currentTarget.value as Preset | 'custom';
          if (chosen !== 'custom') applyToSelection(props.session, () => PRESETS[chosen]);
        }}
      >
        {(Object.keys(PRESETS) as Preset[]).map((p) => (
          <option value={p}>{t(PRESET_LABELS[p])}</option>
        ))}
        <option value="custom" disabled hidden={preset() !== null}>
          {t('formatCustom')}
        </option>
      </select>
      <button
        type="button"
        class="format-decimals"
        aria-label={t('formatFewerDecimals')}
        title={t('formatFewerDecimals')}
        onClick={() => applyToSelection(props.session, (f) => withDecimals(f, -1))}
      >
        ,0←
      </button>
      <button
        type="button"
        class="format-decimals"
        aria-label={t('formatMoreDecimals')}
        title={t('formatMoreDecimals')}
        onClick={() => applyToSelection(props.session, (f) => withDecimals(f, 1))}
      >
        ,00→
      </button>
      <input
        class="format-unit"
        type="text"
        size={4}
        aria-label={t('formatUnit')}
        title={t('formatUnitHint')}
        placeholder={t('formatUnitPlaceholder')}
        spellcheck={false}
        autocomplete="off"
        value={unit()}
        aria-invalid={unitInvalid() ? 'true' : undefined}
        onInput={(e) => setUnit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            applyUnit();
          }
        }}
        onChange={() => applyUnit()}
      />
    </fieldset>
  );
}
