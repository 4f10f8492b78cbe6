// The notice that a new version of Bana is ready: reload (pending saves are written first) or later.
import { Match, Show, Switch } from 'solid-js';
import type { UpdateState } from '../pwa/createUpdateState';
import { useI18n } from './i18nContext';
import './UpdatePrompt.css';

export function UpdatePrompt(props: { update: UpdateState }) {
  const { t } = useI18n();
  const status = () => props.update.status();
  return (
    <Switch>
      <Match when={status() === 'update-ready' || status() === 'save-failed'}>
        <div class="update-prompt notice info" role="status">
          <p>{status() === 'save-failed' ? t('updateSaveFailed') : t('updateReady')}</p>
          <div class="notice-actions">
            <Show
              when={status() === 'save-failed'}
              fallback={
                <button type="button" class="primary" onClick={() => void props.update.reload()}>
                  {t('reload')}
                </button>
              }
            >
              <button type="button" onClick={() => void props.update.reloadAnyway()}>
                {t('updateReloadAnyway')}
              </button>
            </Show>
            <button type="button" onClick={() => props.update.dismiss()}>
              {t('updateLater')}
            </button>
          </div>
        </div>
      </Match>
      <Match when={status() === 'reloading'}>
        <div class="update-prompt notice info" role="status">
          <p>{t('updateReloading')}</p>
        </div>
      </Match>
    </Switch>
  );
}
