// Dialogs for building scenarios: a new scenario from a region baseline and chosen measures, and
// adding one measure to the open scenario. Templates load lazily when a dialog opens.
import { For, Show, createResource, createSignal } from 'solid-js';
import { ModalDialog } from './Dialogs';
import type { CatalogModel } from '../state/modelCatalog';
import { useI18n } from './i18nContext';

interface PickerProps {
  loadTemplates: () => Promise<CatalogModel[]>;
  onClose: () => void;
}

/** Pick one measure template to add to the open scenario. */
export function AddMeasureDialog(props: PickerProps & { onAdd: (template: CatalogModel) => void }) {
  const { t } = useI18n();
  const [templates] = createResource(props.loadTemplates);
  const [chosen, setChosen] = createSignal<string | null>(null);
  return (
    <ModalDialog titleId="add-measure-title" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const picked = templates()?.find((m) => m.stem === chosen());
          if (picked) props.onAdd(picked);
        }}
      >
        <h2 id="add-measure-title">{t('addMeasure')}</h2>
        <fieldset class="choice-list">
          <legend>{t('measures')}</legend>
          <For each={templates() ?? []}>
            {(m) => (
              <label class="choice">
                <input
                  type="radio"
                  name="template"
                  value={m.stem}
                  checked={chosen() === m.stem}
                  onChange={() => setChosen(m.stem)}
                />
                <span>
                  <strong>{m.doc.meta.name}</strong>
                  <span class="choice-description">{m.doc.meta.description}</span>
                </span>
              </label>
            )}
          </For>
        </fieldset>
        <div class="dialog-buttons">
          <button type="button" onClick={() => props.onClose()}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={chosen() === null}>
            {t('addMeasure')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** Name a new scenario, pick its region baseline and its measures. */
export function NewScenarioDialog(
  props: PickerProps & {
    loadBaselines: () => Promise<CatalogModel[]>;
    onCreate: (name: string, baseline: string, templates: string[]) => void;
  },
) {
  const { t } = useI18n();
  const [templates] = createResource(props.loadTemplates);
  const [baselines] = createResource(props.loadBaselines);
  const [name, setName] = createSignal('');
  const [baseline, setBaseline] = createSignal<string | null>(null);
  const [picked, setPicked] = createSignal<Set<string>>(new Set());
  const toggle = (stem: string) =>
    setPicked((set) => {
      const next = new Set(set);
      if (next.has(stem)) next.delete(stem);
      else next.add(stem);
      return next;
    });
  return (
    <ModalDialog titleId="new-scenario-title" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const b = baseline() ?? baselines()?.[0]?.stem;
          if (!b) return;
          const order = (templates() ?? []).map((m) => m.stem).filter((s) => picked().has(s));
          const chosenBaseline = baselines()?.find((x) => x.stem === b);
          props.onCreate(name().trim() || `${chosenBaseline?.doc.meta.name ?? ''}`, b, order);
        }}
      >
        <h2 id="new-scenario-title">{t('newScenario')}</h2>
        <label class="dialog-field">
          <span>{t('scenarioName')}</span>
          <input type="text" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <fieldset class="choice-list">
          <legend>{t('baseline')}</legend>
          <For each={baselines() ?? []}>
            {(b, i) => (
              <label class="choice">
                <input
                  type="radio"
                  name="baseline"
                  value={b.stem}
                  checked={
                    (baseline() ?? baselines()?.[0]?.stem) === b.stem || (baseline() === null && i() === 0)
                  }
                  onChange={() => setBaseline(b.stem)}
                />
                <span>
                  <strong>{b.doc.meta.name}</strong>
                  <span class="choice-description">{b.doc.meta.description}</span>
                </span>
              </label>
            )}
          </For>
        </fieldset>
        <fieldset class="choice-list">
          <legend>{t('measures')}</legend>
          <Show when={templates()}>
            <For each={templates() ?? []}>
              {(m) => (
                <label class="choice">
                  <input
                    type="checkbox"
                    value={m.stem}
                    checked={picked().has(m.stem)}
                    onChange={() => toggle(m.stem)}
                  />
                  <span>
                    <strong>{m.doc.meta.name}</strong>
                  </span>
                </label>
              )}
            </For>
          </Show>
        </fieldset>
        <div class="dialog-buttons">
          <button type="button" onClick={() => props.onClose()}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary">
            {t('create')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
