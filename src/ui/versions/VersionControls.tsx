// The header's "Versions" and "Compare scenarios" buttons: a dialog to save, list, restore, branch and
// delete named versions of the open workbook (deleting asks first, in the version's row), and the
// scenario comparison (CompareView).
import { For, Show, createSignal, lazy, onMount } from 'solid-js';
import { intlLocale } from '../../i18n/format';
import type { AppState } from '../../state/createAppState';
import {
  type SnapshotId,
  type SnapshotRecord,
  type VersionFailure,
  type Versions,
  createVersions,
} from '../../state/createVersions';
import { ModalDialog } from '../Dialogs';
import { useI18n } from '../i18nContext';
import './versions.css';

/** Loaded when first opened: the comparison and its chart code stay out of the start-up bundle. */
const CompareView = lazy(() => import('../compare/CompareView').then((m) => ({ default: m.CompareView })));

export function VersionControls(props: { app: AppState }) {
  const { t } = useI18n();
  // Created once per app: in memory mode the versions live in this factory for the tab's lifetime.
  const versions = createVersions(props.app);
  const [open, setOpen] = createSignal(false);
  const [comparing, setComparing] = createSignal(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('versions')}
      </button>
      <button type="button" aria-haspopup="dialog" onClick={() => setComparing(true)}>
        {t('compareScenarios')}
      </button>
      <Show when={open()}>
        <VersionsDialog app={props.app} versions={versions} onClose={() => setOpen(false)} />
      </Show>
      <Show when={comparing()}>
        <CompareView app={props.app} onClose={() => setComparing(false)} />
      </Show>
    </>
  );
}

function VersionsDialog(props: { app: AppState; versions: Versions; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [name, setName] = createSignal('');
  const [message, setMessage] = createSignal<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = createSignal(false);
  /** The version whose row asks "Delete …?"; a deleted version cannot be brought back. */
  const [confirming, setConfirming] = createSignal<SnapshotId | null>(null);
  let nameInput: HTMLInputElement | undefined;
  const deleteButtons = new Map<SnapshotId, HTMLButtonElement>();
  const v = props.versions;
  onMount(() => {
    void v.refresh().then((r) => {
      if (!r.ok) setMessage({ text: problem(r.reason), error: true });
    });
  });

  const date = (iso: string) =>
    new Intl.DateTimeFormat(intlLocale(locale()), { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );

  function problem(reason: VersionFailure): string {
    if (reason === 'empty-name') return t('versionNameMissing');
    if (reason === 'not-found') return t('openFailedMissing');
    return t('versionFailed', { message: reason.message });
  }

  async function run(work: () => Promise<string | VersionFailure>): Promise<void> {
    setBusy(true);
    try {
      const outcome = await work();
      setMessage(
        typeof outcome === 'string'
          ? { text: outcome, error: false }
          : { text: problem(outcome), error: true },
      );
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(async () => {
      const saved = await v.takeSnapshot(name());
      if (!saved.ok) return saved.reason;
      setName('');
      return t('versionSaved', { name: saved.value.name });
    });

  const restore = (s: SnapshotRecord) =>
    run(async () => {
      const restored = v.restore(s.id);
      return restored.ok ? t('versionRestored', { name: s.name }) : restored.reason;
    });

  const branch = (s: SnapshotRecord) =>
    run(async () => {
      const branched = await v.branch(s.id);
      if (!branched.ok) return branched.reason;
      const opened = props.app.session().doc().meta.name;
      props.app.notify({ kind: 'message', tone: 'info', text: t('versionBranched', { name: opened }) });
      props.onClose();
      return '';
    });

  const remove = (id: SnapshotId) =>
    run(async () => {
      setConfirming(null);
      const removed = await v.remove(id);
      // The row is gone with its buttons: focus goes to the name field, the dialog's first control.
      nameInput?.focus();
      return removed.ok ? '' : removed.reason;
    });

  function keep(id: SnapshotId): void {
    setConfirming(null);
    deleteButtons.get(id)?.focus();
  }

  return (
    <ModalDialog titleId="versions-title" class="versions-dialog" onClose={props.onClose}>
      <h2 id="versions-title">{t('versionsOf', { name: props.app.session().doc().meta.name })}</h2>
      <form
        class="version-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label class="dialog-field">
          <span>{t('versionName')}</span>
          <input ref={nameInput} type="text" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary" disabled={busy() || name().trim() === ''}>
          {t('saveVersion')}
        </button>
      </form>
      <p class="version-message" classList={{ error: message()?.error === true }} role="status">
        {message()?.text ?? ''}
      </p>
      <Show when={v.list().length > 0} fallback={<p class="version-empty">{t('noVersions')}</p>}>
        <ul class="version-list" aria-label={t('versions')}>
          <For each={v.list()}>
            {(s) => (
              <li>
                <span class="version-label">
                  <strong class="version-name">{s.name}</strong>
                  <time class="version-date" datetime={s.createdAt}>
                    {date(s.createdAt)}
                  </time>
                </span>
                <Show
                  when={confirming() === s.id}
                  fallback={
                    <span class="version-actions">
                      <button
                        type="button"
                        aria-label={t('restoreVersion', { name: s.name })}
                        disabled={busy()}
                        onClick={() => void restore(s)}
                      >
                        {t('restore')}
                      </button>
                      <button
                        type="button"
                        aria-label={t('branchVersion', { name: s.name })}
                        disabled={busy()}
                        onClick={() => void branch(s)}
                      >
                        {t('branch')}
                      </button>
                      <button
                        ref={(el) => deleteButtons.set(s.id, el)}
                        type="button"
                        class="danger"
                        aria-label={t('deleteVersion', { name: s.name })}
                        disabled={busy()}
                        onClick={() => setConfirming(s.id)}
                      >
                        {t('delete')}
                      </button>
                    </span>
                  }
                >
                  <span class="version-actions">
                    <span class="version-confirm">{t('confirmDeleteVersion', { name: s.name })}</span>
                    <button
                      // The safe choice takes focus, so Enter pressed twice keeps the version.
                      ref={(el) => queueMicrotask(() => el.focus())}
                      type="button"
                      onClick={() => keep(s.id)}
                    >
                      {t('keep')}
                    </button>
                    <button type="button" class="danger" disabled={busy()} onClick={() => void remove(s.id)}>
                      {t('delete')}
                    </button>
                  </span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="dialog-buttons">
        <button type="button" onClick={() => props.onClose()}>
          {t('close')}
        </button>
      </div>
    </ModalDialog>
  );
}
