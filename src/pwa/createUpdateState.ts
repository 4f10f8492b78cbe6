// The life of a new version of Bana in one tab: the service worker reports a waiting version, the
// prompt offers a reload, and the reload happens only after pending saves are written.
import { type Accessor, createSignal } from 'solid-js';

/**
 * - `current`: nothing to say.
 * - `offline-ready`: the app is cached and works without a network from now on (said once).
 * - `update-ready`: a new version waits; the prompt offers "reload".
 * - `reloading`: saves were flushed and the new version is being activated.
 * - `save-failed`: the reload was refused because pending edits could not be written; they stay in
 *   this tab and the prompt says so (the save banner offers download and retry).
 */
export type UpdateStatus = 'current' | 'offline-ready' | 'update-ready' | 'reloading' | 'save-failed';

/** What `register` hands the service-worker glue (the shape of vite-plugin-pwa's `registerSW` options). */
export interface ServiceWorkerHooks {
  /** A new version is installed and waiting (found by this tab or another). */
  onNeedRefresh(): void;
  /** The first version is installed: the app now works offline. */
  onOfflineReady(): void;
  /** The new version now controls this page (this tab or another asked it to take over). */
  onNeedReload(): void;
}

export interface UpdateStateOptions {
  /**
   * Register the service worker with these hooks; returns the function that asks the waiting
   * version to take over (vite-plugin-pwa's `updateSW`).
   */
  register(hooks: ServiceWorkerHooks): () => Promise<void>;
  /** Write every pending save now. A result with `ok: false` means some edits are not stored. */
  flush(): Promise<unknown>;
  /** Reload the page; `location.reload` in the app. */
  reloadPage(): void;
}

export interface UpdateState {
  status: Accessor<UpdateStatus>;
  /**
   * The user agreed to the new version: write pending saves first; only if they were written, let the
   * new version take over and reload. Never reloads with an unsaved edit.
   */
  reload(): Promise<void>;
  /**
   * After `save-failed`, the user chose the new version over the edits that could not be written (the
   * notice said so, and the save banner offers the download): let it take over and reload without
   * writing. Storage may refuse for good (another tab already upgraded the database).
   */
  reloadAnyway(): Promise<void>;
  /** Hide the notice (the new version still waits and comes with the next visit). */
  dismiss(): void;
}

function flushFailed(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === false;
}

/**
 * Create the update state for this tab.
 * @example
 * const update = createUpdateState({ register: registerServiceWorker, flush: () => app.flush(),
 *   reloadPage: () => location.reload() });
 */
export function createUpdateState(opts: UpdateStateOptions): UpdateState {
  const [status, setStatus] = createSignal<UpdateStatus>('current');
  /** This tab asked for the switch and has flushed: the takeover may reload it. */
  let agreed = false;
  /** The new version already controls this page (another tab let it take over). */
  let takenOver = false;
  let reloading: Promise<void> | undefined;

  const activate = opts.register({
    onNeedRefresh: () => {
      if (status() !== 'reloading') setStatus('update-ready');
    },
    onOfflineReady: () => {
      if (status() === 'current') setStatus('offline-ready');
    },
    onNeedReload: () => {
      if (agreed) {
        opts.reloadPage();
        return;
      }
      // Another tab let the new version take over: this tab's lazy chunks of the old version are no
      // longer cached, so it must reload too, but only when its user agrees and its saves are written.
      takenOver = true;
      if (status() !== 'reloading') setStatus('update-ready');
    },
  });

  async function doReload(): Promise<void> {
    setStatus('reloading');
    if (flushFailed(await opts.flush())) {
      setStatus('save-failed');
      return;
    }
    await switchVersion();
  }

  async function switchVersion(): Promise<void> {
    agreed = true;
    // Already under the new version: no takeover will come, so reload now.
    if (takenOver) opts.reloadPage();
    else await activate();
  }

  return {
    status,
    reload() {
      reloading ??= doReload().finally(() => {
        reloading = undefined;
      });
      return reloading;
    },
    async reloadAnyway() {
      if (status() !== 'save-failed') return;
      setStatus('reloading');
      await switchVersion();
    },
    dismiss() {
      setStatus('current');
    },
  };
}
