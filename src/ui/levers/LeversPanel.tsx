// The levers panel: a native range slider per ranged parameter, grouped by measure, with the
// assumptions (baseline, trend, emission factors) in a group of their own. Dragging previews the
// value in the results; releasing (pointer up, key up, change) keeps it as one undoable edit.
import { Index, Show, createUniqueId } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { Lever, LeverGroup } from '../../core/scenario/levers';
import { isFormula } from '../../core/document';
import type { Levers } from '../../state/createLevers';
import { useI18n } from '../i18nContext';
import { leverValueText } from './leverText';
import './levers.css';

/** Keys a range input moves by; held down they repeat, so the edit is kept on key up. */
const MOVE_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

export function LeversPanel(props: {
  levers: Levers;
  /** Meeting mode: larger type, no intro, groups open. */
  compact?: boolean;
}) {
  const { t } = useI18n();
  const c = () => props.levers.classification();
  const none = () => c().levers.length === 0 && c().assumptions.length === 0;
  const headingId = createUniqueId();
  return (
    <section
      class="levers"
      classList={{ 'levers-compact': !!props.compact }}
      aria-labelledby={headingId}
      data-testid="levers"
    >
      <div class="levers-head">
        {/* In meeting mode the slide's title is the dialog's only h2. */}
        <Dynamic component={props.compact ? 'h3' : 'h2'} id={headingId}>
          {t('levers')}
        </Dynamic>
        <button
          type="button"
          class="levers-reset-all"
          disabled={!props.levers.anyChanged()}
          onClick={() => props.levers.resetAll()}
        >
          ↺ {t('leversResetAll')}
        </button>
      </div>
      <Show when={!props.compact}>
        <p class="levers-intro">{t('leversIntro')}</p>
      </Show>
      <Show when={none()}>
        <p class="levers-intro">{t('leversNone')}</p>
      </Show>
      <Show when={c().levers.length > 0}>
        <Dynamic component={props.compact ? 'h4' : 'h3'} class="levers-kind">
          {t('leversMeasures')}
        </Dynamic>
        <Index each={c().levers}>{(g) => <Group group={g()} levers={props.levers} />}</Index>
      </Show>
      <Show when={c().assumptions.length > 0}>
        <div class="levers-assumptions" data-testid="assumptions">
          <Dynamic component={props.compact ? 'h4' : 'h3'} class="levers-kind">
            {t('leversAssumptions')}
          </Dynamic>
          <Index each={c().assumptions}>{(g) => <Group group={g()} levers={props.levers} />}</Index>
        </div>
      </Show>
    </section>
  );
}

/**
 * Groups and rows by position, not identity: every edit classifies the document again into new
 * objects, and a keyed list would replace the slider under the planner's finger (and its focus).
 */
function Group(props: { group: LeverGroup; levers: Levers }) {
  return (
    <fieldset class="lever-group">
      <legend>{props.group.title}</legend>
      <Index each={props.group.levers}>{(lever) => <LeverRow lever={lever()} levers={props.levers} />}</Index>
    </fieldset>
  );
}

function LeverRow(props: { lever: Lever; levers: Levers }) {
  const { t, locale } = useI18n();
  const id = createUniqueId();
  const p = () => props.lever.parameter;
  const value = () => props.levers.value(props.lever);
  /** The unit as written, except the dash some sheets write for "no unit". */
  const unit = () => (p().unit.trim() === '–' ? '' : p().unit.trim());
  const text = () => leverValueText(props.lever, value(), locale());
  const referenceValue = () => props.levers.referenceValue(props.lever);
  const referenceText = () => leverValueText(props.lever, referenceValue(), locale());
  const fraction = (v: number | null) =>
    v === null ? 0 : Math.max(0, Math.min(1, (v - props.lever.low) / (props.lever.high - props.lever.low)));
  const info = () =>
    [
      t('leverOpened', { value: referenceText() }),
      t('leverRange', {
        low: leverValueText(props.lever, props.lever.low, locale()),
        high: leverValueText(props.lever, props.lever.high, locale()),
      }),
      p().source ? t('leverSource', { source: p().source }) : t('leverNoSource'),
      isFormula(props.levers.reference(props.lever) ?? null) ? t('leverFormula') : '',
    ]
      .filter((s) => s !== '')
      .join(' ');
  const mine = () => {
    const preview = props.levers.preview();
    return (
      preview !== null &&
      preview.sheetId === p().sheetId &&
      preview.row === p().row &&
      preview.col === p().col
    );
  };

  // A held key repeats input and change: the edit waits for key up. An Escape mid-drag cancels the
  // rest of that drag.
  let keyHeld = false;
  let cancelled = false;
  let input: HTMLInputElement | undefined;
  const revert = () => {
    props.levers.endPreview(false);
    const v = value();
    if (input && v !== null) input.value = String(v);
  };
  const release = () => {
    if (!cancelled) {
      props.levers.endPreview(true);
      return;
    }
    // The drag went on after Escape: the thumb goes back to the document's value.
    cancelled = false;
    revert();
  };

  return (
    <div class="lever" classList={{ changed: props.levers.changed(props.lever), dragging: mine() }}>
      <label for={id} class="lever-name">
        {p().name}
      </label>
      {/* Not an <output>: a live region per slider would speak every value; aria-valuetext says it. */}
      <span class="lever-value" aria-hidden="true">
        {text()}
      </span>
      <div class="lever-track" style={{ '--tick': String(fraction(referenceValue())) }}>
        <input
          ref={input}
          id={id}
          type="range"
          min={props.lever.low}
          max={props.lever.high}
          step={props.lever.step}
          value={value() ?? props.lever.low}
          aria-valuetext={text()}
          aria-describedby={`${id}-info`}
          title={`${unit() ? `${unit()}. ` : ''}${p().source}`}
          data-address={p().address}
          onInput={(e) => {
            if (cancelled) return;
            props.levers.previewCell(p(), e.currentTarget.valueAsNumber);
          }}
          onChange={() => {
            if (!keyHeld) release();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && mine()) {
              e.preventDefault();
              e.stopPropagation();
              cancelled = true;
              revert();
              return;
            }
            if (MOVE_KEYS.has(e.key)) {
              keyHeld = true;
              cancelled = false;
              // Meeting mode moves slides with these keys: on a slider they move the slider.
              e.stopPropagation();
            }
          }}
          onKeyUp={(e) => {
            if (!MOVE_KEYS.has(e.key) || !keyHeld) return;
            keyHeld = false;
            release();
          }}
          onPointerDown={() => {
            cancelled = false;
          }}
          onPointerUp={release}
          onBlur={() => {
            keyHeld = false;
            cancelled = false;
            if (mine()) revert();
          }}
        />
        <span class="lever-tick" aria-hidden="true" />
      </div>
      <button
        type="button"
        class="lever-reset"
        disabled={!props.levers.changed(props.lever)}
        aria-label={t('leverReset', { name: p().name, value: referenceText() })}
        title={t('leverReset', { name: p().name, value: referenceText() })}
        onClick={() => props.levers.reset(props.lever)}
      >
        ↺
      </button>
      <p id={`${id}-info`} class="lever-info visually-hidden">
        {unit() ? `${unit()}. ` : ''}
        {info()}
      </p>
    </div>
  );
}
