// The composition root: open storage, start the engine worker, build the state, render the app.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { createWorkerEndpoint } from './engine/engineClient';
import { holdEndpoint } from './engine/heldEndpoint';
import { type UiLocale, detectLocale } from './i18n/strings';
import { createAppState } from './state/createAppState';
import { createSharing } from './state/createSharing';
import { loadFirstRunWorkbooks } from './state/modelCatalog';
import { createUpdateState } from './pwa/createUpdateState';
import { registerServiceWorker } from './pwa/registerServiceWorker';
import { openStorage } from './storage/db';
import { App } from './ui/App';
import { startViewWanted } from './ui/start/startViewWanted';
import { downloadBlob } from './state/download';
import { I18nProvider } from './ui/i18nContext';
import { UpdatePrompt } from './ui/UpdatePrompt';

const LOCALE_KEY = 'bana.locale';

function initialLocale(): UiLocale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === 'sv' || saved === 'en') return saved;
  } catch {
    // storage may be blocked; fall back to the browser language
  }
  return detectLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

function download(fileName: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: 'application/json' }));
}

async function main(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const params = new URLSearchParams(location.search);
  // Read before a shared link's fragment is consumed: a link opens its workbook, not the start view.
  const opened = { search: location.search, hash: location.hash };
  const [locale, setLocaleSignal] = createSignal<UiLocale>(initialLocale());
  document.documentElement.lang = locale();
  const setLocale = (next: UiLocale) => {
    setLocaleSignal(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(LOCALE_KEY, next);
    } catch {
      // not fatal
    }
  };

  let onVersionChange = () => {};
  let onStorageClosed = () => {};
  const storage = await openStorage({
    onVersionChange: () => onVersionChange(),
    onClose: () => onStorageClosed(),
  });
  const timeout = Number(params.get('engineTimeoutMs'));
  // Reliability tests hold the engine back to see what the app shows before its first answer.
  let releaseEngine = () => {};
  const held = params.has('debug') && params.has('holdEngine');
  const engineReleased = new Promise<void>((resolve) => {
    releaseEngine = resolve;
  });
  // Tests lengthen the save debounce so that only a flush (tab hidden or closed) can write an edit.
  const saveDelay = params.has('debug') ? Number(params.get('saveDelayMs')) : Number.NaN;
  const app = await createAppState({
    storage,
    createEndpoint: held ? holdEndpoint(createWorkerEndpoint, engineReleased) : createWorkerEndpoint,
    engineTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
    saveDelayMs: Number.isFinite(saveDelay) && saveDelay > 0 ? saveDelay : undefined,
    locale,
    seeds: () => loadFirstRunWorkbooks(),
    download,
    requestPersistence:
      typeof navigator.storage?.persist === 'function' ? () => navigator.storage.persist() : undefined,
  });
  onVersionChange = () => app.stopWriting();
  onStorageClosed = () => app.storageCleared();

  // Offline use and new versions: a new version waits for the user, and its reload writes saves first.
  const update = createUpdateState({
    register: registerServiceWorker,
    flush: () => app.flush(),
    reloadPage: () => location.reload(),
  });

  // A shared link (#w=…) opens as a copy of its workbook; a link pasted into an open tab only
  // changes the hash, so that is watched too.
  const sharing = createSharing(app, {
    locale,
    clipboardWrite: (text) => navigator.clipboard.writeText(text),
  });
  await sharing.openFromLocation(location.hash);
  window.addEventListener('hashchange', () => void sharing.openFromLocation(location.hash));

  // Nothing typed is lost: write pending saves the moment the tab is hidden or closed.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void app.flush();
  });
  window.addEventListener('pagehide', () => void app.flush({ closing: true }));

  if (params.has('debug')) {
    (window as unknown as { __bana: unknown }).__bana = {
      killEngine: () => app.engine.killWorkerForTesting(),
      releaseEngine,
      flush: () => app.flush(),
      session: () => app.session(),
    };
  }

  root.textContent = '';
  render(
    () => (
      <I18nProvider locale={locale}>
        <App
          app={app}
          sharing={sharing}
          setLocale={setLocale}
          startView={startViewWanted(app.freshProfile(), opened)}
        />
        <UpdatePrompt update={update} />
      </I18nProvider>
    ),
    root,
  );
}

void main();
