// The header's "Export file", "Import file" and "Copy link" buttons, the window-wide drop target for
// scenario files, and the replace-or-keep-both question when an imported workbook is already stored.
import { Show, createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import type { ConflictChoice, ImportConflict, Sharing } from '../../state/createSharing';
import { restoreFocus } from '../focusRegions';
import { useI18n } from '../i18nContext';
import './share.css';

const ACCEPT = '.json,.bana.json,application/json';

/** Only drags that carry files concern us: dragged text or a sheet tab is left to its target. */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** `sharing` is the app's one sharing state (made at the composition root, which also opens links). */
export function ShareControls(props: { sharing: Sharing }) {
  const { t } = useI18n();
  const sharing = props.sharing;
  const [dragging, setDragging] = createSignal(false);
  let input: HTMLInputElement | undefined;
  // dragenter/dragleave fire for every element crossed; the count says whether we are still inside.
  let depth = 0;

  function importList(list: FileList | null | undefined): void {
    const files = Array.from(list ?? []);
    if (files.length > 0) void sharing.importFiles(files);
  }

  onMount(() => {
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser would refuse the drop, or open the file in place of the app.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!carriesFiles(event)) return;
      event.preventDefault();
      importList(event.dataTransfer?.files);
    };
    const end = () => {
      depth = 0;
      setDragging(false);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    window.addEventListener('dragend', end);
    onCleanup(() => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      window.removeEventListener('dragend', end);
    });
  });

  return (
    <>
      <button type="button" title={t('shareExportHint')} onClick={() => sharing.exportFile()}>
        {t('shareExportFile')}
      </button>
      <button type="button" title={t('shareImportHint')} onClick={() => input?.click()}>
        {t('shareImportFile')}
      </button>
      {/* The real file picker, out of sight and out of the accessibility tree (a second "button"
          there would only confuse): the button above is its accessible face and opens it. */}
      <input
        ref={input}
        type="file"
        hidden
        accept={ACCEPT}
        multiple
        onChange={(event) => {
          const target = event.currentTarget;
          importList(target.files);
          // Cleared so that choosing the same file again still fires a change.
          target.value = '';
        }}
      />
      <button type="button" title={t('shareCopyLinkHint')} onClick={() => void sharing.copyLink()}>
        {t('shareCopyLink')}
      </button>
      <Show when={dragging()}>
        <div class="share-drop-overlay">
          <div class="share-drop-box">
            <p role="status" class="share-drop-title">
              {t('shareDropToImport')}
            </p>
            <p>{t('shareDropHint')}</p>
          </div>
        </div>
      </Show>
      <ConflictDialog question={sharing.conflict()} onAnswer={(choice) => sharing.resolveConflict(choice)} />
    </>
  );
}

/** The modal question on the native <dialog> (focus trap, Esc = cancel), as in Dialogs.tsx. */
function ConflictDialog(props: {
  question: ImportConflict | null;
  onAnswer: (choice: ConflictChoice) => void;
}) {
  const { t } = useI18n();
  let dialog: HTMLDialogElement | undefined;
  let keepBoth: HTMLButtonElement | undefined;
  let returnFocus: HTMLElement | null = null;

  createEffect(() => {
    const question = props.question;
    if (!dialog) return;
    if (question && !dialog.open) {
      returnFocus = document.activeElement as HTMLElement | null;
      dialog.showModal();
      // The safe answer is the default: nothing stored is lost by keeping both.
      queueMicrotask(() => keepBoth?.focus());
    } else if (!question && dialog.open) {
      dialog.close();
      restoreFocus(returnFocus);
    }
  });

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="share-conflict-title"
      aria-describedby="share-conflict-message"
      onCancel={(event) => {
        event.preventDefault();
        props.onAnswer('cancel');
      }}
    >
      <Show when={props.question}>
        {(question) => (
          <>
            <h2 id="share-conflict-title">{t('shareConflictTitle')}</h2>
            <p id="share-conflict-message">
              {t('shareConflictMessage', {
                file: question().fileName,
                imported: question().importedName,
                existing: question().existingName,
              })}
            </p>
            <div class="dialog-buttons">
              <button type="button" onClick={() => props.onAnswer('cancel')}>
                {t('cancel')}
              </button>
              <button type="button" class="danger" onClick={() => props.onAnswer('replace')}>
                {t('shareReplace')}
              </button>
              <button
                ref={keepBoth}
                type="button"
                class="primary"
                onClick={() => props.onAnswer('keep-both')}
              >
                {t('shareKeepBoth')}
              </button>
            </div>
          </>
        )}
      </Show>
    </dialog>
  );
}
