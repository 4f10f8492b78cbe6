// The name box ("Cell address": shows the active cell, jumps to an address typed into it) and the
// formula bar ("Formula": shows and edits the active cell's raw content), as in Excel.
import { createEffect, createSignal } from 'solid-js';
import { formatRange, parseReference } from '../core/address';
import { formatForEdit } from '../core/input';
import type { WorkbookSession } from '../state/createWorkbookSession';
import { FormatControl } from './FormatControl';
import { useI18n } from './i18nContext';

export function FormulaBar(props: { session: WorkbookSession; onJumped: () => void; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [address, setAddress] = createSignal('');
  const [invalid, setInvalid] = createSignal<string | null>(null);
  let bar: HTMLTextAreaElement | undefined;

  const selectionText = () => {
    const { active, extent } = props.session.selection();
    return formatRange({
      row: Math.min(active.row, extent.row),
      col: Math.min(active.col, extent.col),
      rowEnd: Math.max(active.row, extent.row),
      colEnd: Math.max(active.col, extent.col),
    });
  };
  createEffect(() => setAddress(props.session.selection() && props.session.activeAddress()));

  const barText = () => {
    const editing = props.session.editing();
    if (editing) return editing.text;
    const { active } = props.session.selection();
    return formatForEdit(props.session.raw(active.row, active.col), locale());
  };

  // Keep the input showing the shared edit text while the in-cell editor types.
  createEffect(() => {
    const text = barText();
    if (bar && bar.value !== text) bar.value = text;
  });

  function jump(): void {
    const text = address().trim();
    const ref = parseReference(text);
    if (!ref) {
      setInvalid(t('invalidAddress', { text }));
      return;
    }
    setInvalid(null);
    if (ref.sheet) {
      const sheet = props.session.doc().sheets.find((s) => s.name.toLowerCase() === ref.sheet?.toLowerCase());
      if (!sheet) {
        setInvalid(t('invalidAddress', { text }));
        return;
      }
      props.session.switchSheet(sheet.id);
    }
    props.session.select({
      active: { row: ref.row, col: ref.col },
      extent: { row: ref.rowEnd, col: ref.colEnd },
    });
    props.onJumped();
  }

  return (
    <div class="formula-row">
      <div class="name-box-wrap">
        <input
          class="name-box"
          type="text"
          aria-label={t('cellAddress')}
          title={selectionText()}
          spellcheck={false}
          autocomplete="off"
          value={address()}
          aria-invalid={invalid() ? 'true' : undefined}
          aria-describedby={invalid() ? 'name-box-problem' : undefined}
          onFocus={(e) => e.currentTarget.select()}
          onInput={(e) => {
            setAddress(e.currentTarget.value);
            setInvalid(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              jump();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setInvalid(null);
              setAddress(props.session.activeAddress());
              props.onDone();
            }
          }}
          onBlur={() => {
            if (!invalid()) setAddress(props.session.activeAddress());
          }}
        />
        <span id="name-box-problem" class="name-box-problem" role="alert">
          {invalid() ?? ''}
        </span>
      </div>
      <span class="fx" aria-hidden="true">
        fx
      </span>
      {/* A one-row textarea, not an input: an input drops the line breaks of a multi-line cell
          (Alt+Enter), and editing there would lose them. Alt+Enter adds one here too. */}
      <textarea
        ref={bar}
        class="formula-input"
        aria-label={t('formula')}
        rows={1}
        wrap="off"
        spellcheck={false}
        autocomplete="off"
        style={{ resize: 'none', overflow: 'hidden' }}
        onFocus={() => props.session.startEdit(undefined, 'bar')}
        onInput={(e) =>
          props.session.updateEdit(e.currentTarget.value, e.currentTarget.selectionStart ?? undefined)
        }
        onKeyUp={(e) =>
          props.session.setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length)
        }
        onClick={(e) =>
          props.session.setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length)
        }
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.altKey) {
            e.preventDefault();
            const el = e.currentTarget;
            el.setRangeText('\n', el.selectionStart, el.selectionEnd, 'end');
            props.session.updateEdit(el.value, el.selectionStart);
            return;
          }
          const move =
            e.key === 'Enter'
              ? e.shiftKey
                ? 'up'
                : 'down'
              : e.key === 'Tab'
                ? e.shiftKey
                  ? 'left'
                  : 'right'
                : null;
          if (move) {
            e.preventDefault();
            props.session.commitEdit(move);
            props.onDone();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            props.session.cancelEdit();
            props.onDone();
          }
        }}
        onBlur={() => {
          // Leaving the bar for somewhere other than the grid (where a click may insert a reference) commits.
          queueMicrotask(() => {
            const editing = props.session.editing();
            const active = document.activeElement;
            if (editing?.focus === 'bar' && !active?.closest('[role=grid]')) props.session.commitEdit('none');
          });
        }}
      />
      <FormatControl session={props.session} />
    </div>
  );
}
