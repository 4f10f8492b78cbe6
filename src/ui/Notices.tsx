// Banners for what the user must know: storage failures (with download and retry), engine restarts,
// another tab saving the open workbook (keep mine or load theirs), cleared site data.
import { For, Match, Switch } from 'solid-js';
import type { AppState, Notice } from '../state/createAppState';
import { useI18n } from './i18nContext';

export function Notices(props: { app: AppState }) {
  const { t } = useI18n();
  const storageText = (notice: Extract<Notice, { kind: 'storage' }>) => {
    if (notice.failure.kind === 'quota') return t('storageQuota');
    if (notice.failure.kind === 'unavailable') return t('storageUnavailable');
    if (notice.failure.kind === 'versionchange') return t('storageVersionChange');
    return t('storageOther', { message: notice.failure.message });
  };
  return (
    <div class="notices">
      <For each={props.app.notices()}>
        {(notice) => (
          <Switch>
            <Match when={notice.kind === 'storage' && notice}>
              {(n) => (
                <div class="notice error" role="alert">
                  <p>{storageText(n())}</p>
                  <div class="notice-actions">
                    <button type="button" class="primary" onClick={() => props.app.downloadCurrent()}>
                      {t('downloadWorkbook')}
                    </button>
                    {props.app.storageAvailable() && n().failure.kind !== 'versionchange' ? (
                      <button type="button" onClick={() => void props.app.retrySave()}>
                        {t('retry')}
                      </button>
                    ) : null}
                  </div>
                </div>
              )}
            </Match>
            <Match when={notice.kind === 'version-change'}>
              <div class="notice error" role="alert">
                <p>{t('storageVersionChange')}</p>
                <div class="notice-actions">
                  <button type="button" class="primary" onClick={() => location.reload()}>
                    {t('reload')}
                  </button>
                  <button type="button" onClick={() => props.app.downloadCurrent()}>
                    {t('downloadWorkbook')}
                  </button>
                </div>
              </div>
            </Match>
            <Match when={notice.kind === 'tab-conflict' && notice}>
              {(n) => (
                <div class="notice error" role="alert">
                  <p>{t('tabConflict')}</p>
                  <div class="notice-actions">
                    <button type="button" onClick={() => void props.app.keepMine(n().workbookId)}>
                      {t('keepMyVersion')}
                    </button>
                    <button type="button" onClick={() => void props.app.loadTheirs(n().workbookId)}>
                      {t('loadOtherVersion')}
                    </button>
                    <button type="button" class="primary" onClick={() => props.app.downloadCurrent()}>
                      {t('downloadMyVersion')}
                    </button>
                  </div>
                </div>
              )}
            </Match>
            <Match when={notice.kind === 'tab-updated'}>
              <div class="notice info" role="status">
                <p>{t('tabUpdated')}</p>
                <button type="button" onClick={() => props.app.dismiss(notice.id)}>
                  {t('dismiss')}
                </button>
              </div>
            </Match>
            <Match when={notice.kind === 'storage-cleared'}>
              <div class="notice error" role="alert">
                <p>{t('storageCleared')}</p>
                <div class="notice-actions">
                  <button type="button" class="primary" onClick={() => props.app.downloadCurrent()}>
                    {t('downloadWorkbook')}
                  </button>
                  <button type="button" onClick={() => props.app.dismiss(notice.id)}>
                    {t('dismiss')}
                  </button>
                </div>
              </div>
            </Match>
            <Match when={notice.kind === 'calculation-cancelled'}>
              <div class="notice info" role="status">
                <p>{t('calculationCancelled')}</p>
                <div class="notice-actions">
                  <button
                    type="button"
                    onClick={() => {
                      props.app.dismiss(notice.id);
                      props.app.session().redo();
                    }}
                  >
                    {t('redo')}
                  </button>
                  <button type="button" onClick={() => props.app.dismiss(notice.id)}>
                    {t('dismiss')}
                  </button>
                </div>
              </div>
            </Match>
            <Match when={notice.kind === 'engine-restarted'}>
              <div class="notice info" role="status">
                <p>{t('engineRestarted')}</p>
                <button type="button" onClick={() => props.app.dismiss(notice.id)}>
                  {t('dismiss')}
                </button>
              </div>
            </Match>
            <Match when={notice.kind === 'engine-failed' && notice}>
              {(n) => (
                <div class="notice error" role="alert">
                  <p>{t('engineFailed', { message: n().message })}</p>
                  <div class="notice-actions">
                    <button type="button" class="primary" onClick={() => props.app.downloadCurrent()}>
                      {t('downloadWorkbook')}
                    </button>
                    <button type="button" onClick={() => location.reload()}>
                      {t('reload')}
                    </button>
                  </div>
                </div>
              )}
            </Match>
            <Match when={notice.kind === 'message' && notice}>
              {(n) => (
                <div class={`notice ${n().tone}`} role={n().tone === 'error' ? 'alert' : 'status'}>
                  <p>{n().text}</p>
                  <button type="button" onClick={() => props.app.dismiss(n().id)}>
                    {t('dismiss')}
                  </button>
                </div>
              )}
            </Match>
          </Switch>
        )}
      </For>
    </div>
  );
}
