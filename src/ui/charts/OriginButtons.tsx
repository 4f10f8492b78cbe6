// The cells where a result's trouble starts, each a button that takes the planner to it: shared by
// the results panel and meeting mode.
import { For } from 'solid-js';
import type { ErrorOrigin } from '../../core/scenario/errorOrigin';
import { originText } from '../../i18n/sentences';
import { useI18n } from '../i18nContext';
import './originButtons.css';

export function OriginButtons(props: {
  origins: readonly ErrorOrigin[];
  onSelect?: (origin: ErrorOrigin) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <ul class="origin-buttons" aria-label={t('originsTitle')}>
      <For each={props.origins}>
        {(o) => (
          <li>
            <button
              type="button"
              class="link-button"
              title={t('goToCell', { cell: o.address })}
              onClick={() => props.onSelect?.(o)}
            >
              {originText(o, locale())}
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
