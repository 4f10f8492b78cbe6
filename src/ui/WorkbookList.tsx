// The list of stored workbooks: open, create blank, duplicate, rename and delete (confirmed).
import { For, Show } from 'solid-js';
import type { ScenarioId } from '../core/document';
import { intlLocale } from '../i18n/format';
import type { AppState } from '../state/createAppState';
import type { createDialogs } from './Dialogs';
import { useI18n } from './i18nContext';

export function WorkbookList(props: {
  app: AppState;
  dialogs: ReturnType<typeof createDialogs>;
  onOpened: () => void;
}) {
  const { t, locale } = useI18n();
  const currentId = () => props.app.session().doc().id;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(intlLocale(locale()), { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );

  async function rename(id: ScenarioId, name: string): Promise<void> {
    const next = await props.dialogs.prompt(
      t('renameWorkbook', { name }),
      t('workbookName'),
      name,
      t('rename'),
      (v) => (v.trim() === '' ? t('sheetNameProblem_empty') : null),
    );
    if (next !== null) await props.app.renameWorkbook(id, next);
  }

  async function remove(id: ScenarioId, name: string): Promise<void> {
    const ok = await props.dialogs.confirm(
      t('deleteWorkbook', { name }),
      t('confirmDeleteWorkbook', { name }),
      t('delete'),
    );
    if (ok) await props.app.removeWorkbook(id);
  }

  return (
    <section class="workbook-list" aria-labelledby="workbook-list-title">
      <div class="workbook-list-head">
        <h2 id="workbook-list-title">{t('workbookList')}</h2>
        <button
          type="button"
          class="primary"
          onClick={async () => {
            await props.app.createBlank();
            props.onOpened();
          }}
        >
          {t('newWorkbook')}
        </button>
      </div>
      <ul>
        <For each={props.app.catalog()}>
          {(entry) => (
            <li
              classList={{ current: entry.id === currentId() }}
              aria-current={entry.id === currentId() ? 'true' : undefined}
            >
              <div class="workbook-info">
                <span class="workbook-name">{entry.name}</span>
                <span class="workbook-meta">
                  {t('modified', { date: date(entry.updatedAt) })} ·{' '}
                  {t('sheetCount', { n: entry.sheetCount })}
                  <Show when={entry.id === currentId()}> · {t('current')}</Show>
                </span>
              </div>
              <div class="workbook-actions">
                <button
                  type="button"
                  aria-label={t('openWorkbook', { name: entry.name })}
                  onClick={async () => {
                    if (await props.app.openById(entry.id)) props.onOpened();
                  }}
                >
                  {t('open')}
                </button>
                <button
                  type="button"
                  aria-label={t('duplicateWorkbook', { name: entry.name })}
                  onClick={async () => {
                    await props.app.duplicate(entry.id);
                    props.onOpened();
                  }}
                >
                  {t('duplicate')}
                </button>
                <button
                  type="button"
                  aria-label={t('renameWorkbook', { name: entry.name })}
                  onClick={() => void rename(entry.id, entry.name)}
                >
                  {t('rename')}
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-label={t('deleteWorkbook', { name: entry.name })}
                  onClick={() => void remove(entry.id, entry.name)}
                >
                  {t('delete')}
                </button>
              </div>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
