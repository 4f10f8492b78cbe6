// The what-if section of the results pane: one tab per tool (tools.ts), each loaded when first
// opened. Tabs follow the WAI-ARIA tabs pattern: arrows, Home and End move between them.
import { For, Show, createMemo, createSignal, lazy } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { useI18n } from '../i18nContext';
import { WHAT_IF_TOOLS, type WhatIfToolProps } from './tools';
import './whatif.css';

export function WhatIfPanel(props: WhatIfToolProps) {
  const { t } = useI18n();
  const tools = WHAT_IF_TOOLS.map((tool) => ({ ...tool, component: lazy(tool.load) }));
  const [selected, setSelected] = createSignal(tools[0]?.id ?? '');
  const current = createMemo(() => tools.find((tool) => tool.id === selected()));
  const tabs: HTMLButtonElement[] = [];

  function onKeyDown(e: KeyboardEvent, index: number): void {
    const last = tools.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? (index + 1) % tools.length
        : e.key === 'ArrowLeft'
          ? (index + last) % tools.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    e.preventDefault();
    const tool = tools[next];
    if (!tool) return;
    setSelected(tool.id);
    tabs[next]?.focus();
  }

  return (
    <Show when={tools.length > 0}>
      <section class="what-if" aria-labelledby="what-if-title">
        <h2 id="what-if-title">{t('whatIfTitle')}</h2>
        <div role="tablist" aria-labelledby="what-if-title" class="what-if-tabs">
          <For each={tools}>
            {(tool, i) => (
              <button
                type="button"
                role="tab"
                id={`what-if-tab-${tool.id}`}
                aria-selected={selected() === tool.id}
                aria-controls={`what-if-panel-${tool.id}`}
                tabIndex={selected() === tool.id ? 0 : -1}
                ref={(el) => {
                  tabs[i()] = el;
                }}
                onClick={() => setSelected(tool.id)}
                onKeyDown={(e) => onKeyDown(e, i())}
              >
                {t(tool.label)}
              </button>
            )}
          </For>
        </div>
        <Show when={current()} keyed>
          {(tool) => (
            <div
              role="tabpanel"
              id={`what-if-panel-${tool.id}`}
              aria-labelledby={`what-if-tab-${tool.id}`}
              class="what-if-panel"
            >
              <Dynamic component={tool.component} {...props} />
            </div>
          )}
        </Show>
      </section>
    </Show>
  );
}
