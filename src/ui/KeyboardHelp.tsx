// The keyboard help dialog (`?` outside the grid and text fields, or F1) and the page-wide keys that
// open it and move between regions (F6 / Shift+F6).
import { For, onCleanup, onMount } from 'solid-js';
import type { StringKey } from '../i18n/strings';
import { ModalDialog } from './Dialogs';
import { cycleRegion } from './focusRegions';
import { useI18n } from './i18nContext';

/** The keys the dialog lists, in the order a newcomer needs them. */
const KEYS: readonly { keys: string; what: StringKey }[] = [
  { keys: 'F6', what: 'keyNextRegion' },
  { keys: 'Shift+F6', what: 'keyPreviousRegion' },
  { keys: 'Tab / Shift+Tab', what: 'keyCells' },
  { keys: '← ↑ → ↓', what: 'keyArrows' },
  { keys: 'F2', what: 'keyEdit' },
  { keys: 'Enter', what: 'keyCommit' },
  { keys: 'Esc', what: 'keyCancel' },
  { keys: 'Ctrl+Z / Ctrl+Y', what: 'keyUndoRedo' },
  { keys: 'Ctrl+PgUp / Ctrl+PgDn', what: 'keySheets' },
  { keys: 'Ctrl+Shift+1', what: 'keyFormatNumber' },
  { keys: 'Ctrl+Shift+5', what: 'keyFormatPercent' },
  { keys: 'Ctrl+Shift+~', what: 'keyFormatGeneral' },
  { keys: '? / F1', what: 'keyHelp' },
];

/** A key typed here is text, so `?` must stay a character (the grid starts an edit with it). */
function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [role=grid]') !== null;
}

/** Listen for F6 / Shift+F6 and the help keys on the whole page while the app is mounted. */
export function usePageKeys(openHelp: () => void): void {
  function onKeyDown(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.isComposing) return;
    // A modal dialog keeps focus inside itself; its own keys (Esc) apply.
    if (document.querySelector('dialog[open]')) return;
    if (e.key === 'F6' && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      cycleRegion(e.shiftKey ? -1 : 1);
    } else if (e.key === 'F1' || (e.key === '?' && !e.ctrlKey && !e.metaKey && !typesText(e.target))) {
      e.preventDefault();
      openHelp();
    }
  }
  onMount(() => document.addEventListener('keydown', onKeyDown));
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));
}

export function KeyboardHelp(props: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <ModalDialog titleId="keyboard-help-title" class="keyboard-help" onClose={props.onClose}>
      <h2 id="keyboard-help-title">{t('keyboardHelp')}</h2>
      <table class="keyboard-help-keys">
        <tbody>
          <For each={KEYS}>
            {(row) => (
              <tr>
                <th scope="row">
                  <kbd>{row.keys}</kbd>
                </th>
                <td>{t(row.what)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="dialog-buttons">
        <button type="button" class="primary" onClick={() => props.onClose()}>
          {t('close')}
        </button>
      </div>
    </ModalDialog>
  );
}
