// Banners for what the user must know: storage failures (with download and retry), engine restarts,
// another tab saving the open workbook (keep mine or load theirs), cleared site data. Each notice is
// described as data (tone, text, actions) and drawn by one banner.
import { For } from 'solid-js';
import type { AppState, Notice } from '../state/createAppState';
import { type I18n, useI18n } from './i18nContext';

interface BannerAction {
  label: string;
  run: () => void;
  primary?: boolean;
}

interface Banner {
  /** Errors interrupt (role=alert); information waits its turn (role=status). */
  tone: 'error' | 'info';
  text: string;
  actions: BannerAction[];
}

/** What a notice says and offers. */
function describe(notice: Notice, app: AppState, t: I18n['t']): Banner {
  const download: BannerAction = {
    label: t('downloadWorkbook'),
    run: () => app.downloadCurrent(),
    primary: true,
  };
  const dismiss: BannerAction = { label: t('dismiss'), run: () => app.dismiss(notice.id) };
  const reload: BannerAction = { label: t('reload'), run: () => location.reload() };
  switch (notice.kind) {
    case 'storage': {
      const { failure } = notice;
      const text =
        failure.kind === 'quota'
          ? t('storageQuota')
          : failure.kind === 'unavailable'
            ? t('storageUnavailable')
            : failure.kind === 'versionchange'
              ? t('storageVersionChange')
              : t('storageOther', { message: failure.message });
      const retry: BannerAction = { label: t('retry'), run: () => void app.retrySave() };
      const canRetry = app.storageAvailable() && failure.kind !== 'versionchange';
      return { tone: 'error', text, actions: canRetry ? [download, retry] : [download] };
    }
    case 'version-change':
      return {
        tone: 'error',
        text: t('storageVersionChange'),
        actions: [
          { ...reload, primary: true },
          { ...download, primary: false },
        ],
      };
    case 'tab-conflict':
      return {
        tone: 'error',
        text: t('tabConflict'),
        actions: [
          { label: t('keepMyVersion'), run: () => void app.keepMine(notice.workbookId) },
          { label: t('loadOtherVersion'), run: () => void app.loadTheirs(notice.workbookId) },
          { ...download, label: t('downloadMyVersion') },
        ],
      };
    case 'tab-updated':
      return { tone: 'info', text: t('tabUpdated'), actions: [dismiss] };
    case 'storage-cleared':
      return { tone: 'error', text: t('storageCleared'), actions: [download, dismiss] };
    case 'calculation-cancelled':
      return {
        tone: 'info',
        text: t('calculationCancelled'),
        actions: [
          {
            label: t('redo'),
            run: () => {
              app.dismiss(notice.id);
              app.session().redo();
            },
          },
          dismiss,
        ],
      };
    case 'engine-restarted':
      return { tone: 'info', text: t('engineRestarted'), actions: [dismiss] };
    case 'engine-failed':
      return {
        tone: 'error',
        text: t('engineFailed', { message: notice.message }),
        actions: [download, reload],
      };
    case 'message':
      return { tone: notice.tone, text: notice.text, actions: [dismiss] };
  }
}

export function Notices(props: { app: AppState }) {
  const { t } = useI18n();
  return (
    <div class="notices">
      <For each={props.app.notices()}>
        {(notice) => {
          const banner = () => describe(notice, props.app, t);
          return (
            <div class={`notice ${banner().tone}`} role={banner().tone === 'error' ? 'alert' : 'status'}>
              <p>{banner().text}</p>
              <div class="notice-actions">
                <For each={banner().actions}>
                  {(action) => (
                    <button
                      type="button"
                      class={action.primary ? 'primary' : undefined}
                      onClick={() => action.run()}
                    >
                      {action.label}
                    </button>
                  )}
                </For>
              </div>
            </div>
          );
        }}
      </For>
    </div>
  );
}
