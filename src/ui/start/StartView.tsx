// The start view a fresh profile opens on: the shipped scenarios with their result in one line,
// "Start your own region", and the recent workbooks. Later visits reopen the last workbook instead.
import { For, Show, createResource } from 'solid-js';
import type { ScenarioId } from '../../core/document';
import { formatPercent, intlLocale } from '../../i18n/format';
import type { AppState } from '../../state/createAppState';
import type { StartScenario } from '../../state/startScenarios';
import { useI18n } from '../i18nContext';
import './start.css';

export function StartView(props: {
  app: Pick<AppState, 'catalog'>;
  scenarios: () => Promise<StartScenario[]>;
  onOpen: (id: ScenarioId) => void;
  onStartRegion: () => void;
  onContinue: () => void;
}) {
  const { t, locale } = useI18n();
  const [scenarios] = createResource(props.scenarios);
  const date = (iso: string) =>
    new Intl.DateTimeFormat(intlLocale(locale()), { dateStyle: 'medium' }).format(new Date(iso));
  /** The result in one line: the change by the target year against the base year, and the target. */
  const line = (s: StartScenario) => {
    const k = s.key;
    if (!k || k.reductionAtTarget === null || k.targetCut === null) return t('startResultUnavailable');
    const change = -k.reductionAtTarget;
    return t('startResultLine', {
      change: `${change < 0 ? '−' : '+'}${formatPercent(Math.abs(change), locale(), 0)}`,
      year: k.targetYear ?? '',
      base: k.baseYear ?? '',
      target: formatPercent(k.targetCut, locale(), 0),
    });
  };
  return (
    <main class="start-view" aria-labelledby="start-title">
      <h2 id="start-title">{t('startTitle')}</h2>
      <p>{t('startIntro')}</p>
      <section aria-labelledby="start-own-title">
        <h3 id="start-own-title">{t('startOwnTitle')}</h3>
        <p>{t('startOwnIntro')}</p>
        <button type="button" class="primary" onClick={() => props.onStartRegion()}>
          {t('startOwnRegion')}
        </button>
      </section>
      <section aria-labelledby="start-examples-title">
        <h3 id="start-examples-title">{t('startExamples')}</h3>
        <Show when={!scenarios.loading} fallback={<p role="status">{t('startCalculating')}</p>}>
          <ul>
            <For each={scenarios() ?? []}>
              {(s) => (
                <li>
                  <button type="button" class="link-button" onClick={() => props.onOpen(s.id)}>
                    {s.name}
                  </button>
                  <span class="start-line" data-testid="start-result">
                    {line(s)}
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <section aria-labelledby="start-recent-title">
        <h3 id="start-recent-title">{t('startRecent')}</h3>
        <ul>
          <For each={props.app.catalog().slice(0, 8)}>
            {(e) => (
              <li>
                <button
                  type="button"
                  class="link-button"
                  aria-label={t('openWorkbook', { name: e.name })}
                  onClick={() => props.onOpen(e.id)}
                >
                  {e.name}
                </button>
                <span class="start-line">{date(e.updatedAt)}</span>
              </li>
            )}
          </For>
        </ul>
        <p>
          <button type="button" onClick={() => props.onContinue()}>
            {t('startContinue')}
          </button>
        </p>
      </section>
    </main>
  );
}
