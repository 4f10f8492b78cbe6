// Registers the service worker that vite-plugin-pwa generates (precached app shell, worker, chunks,
// models/) and passes its events to the update state. In the dev server the plugin's module is a no-op.
/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';
import type { ServiceWorkerHooks } from './createUpdateState';

/** A tab left open for days still learns of a new version: ask the server this often. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;
/** The longest the registration waits for an idle moment after the page has loaded. */
const IDLE_WAIT_MS = 5_000;

/**
 * Register the service worker once start-up is over (see afterStartUp).
 * @returns the function that lets a waiting version take over; its takeover calls `onNeedReload`.
 */
export function registerServiceWorker(hooks: ServiceWorkerHooks): () => Promise<void> {
  let registered: ServiceWorkerRegistration | undefined;
  let updateSW: ((reloadPage?: boolean) => Promise<void>) | undefined;
  const register = (): void => {
    updateSW = registerSW({
      immediate: true,
      onNeedRefresh: hooks.onNeedRefresh,
      onOfflineReady: hooks.onOfflineReady,
      onNeedReload: hooks.onNeedReload,
      onRegisteredSW: (_url, registration) => {
        if (registration === undefined) return;
        registered = registration;
        setInterval(() => {
          if (navigator.onLine) void registration.update().catch(() => {});
        }, UPDATE_CHECK_MS);
      },
      onRegisterError: (error: unknown) => {
        // Bana still works online without it; only offline use and update prompts are lost.
        console.warn('Bana could not register its service worker:', error);
      },
    });
  };
  afterStartUp(register);
  return async () => {
    const waiting = registered?.waiting ?? undefined;
    const uncontrolled = !navigator.serviceWorker?.controller;
    await updateSW?.(true);
    // A page the service worker never controlled (the visit that installed it) gets no takeover
    // event: reload it once the new version is active.
    if (uncontrolled) {
      await activated(waiting);
      hooks.onNeedReload();
    }
  };
}

/**
 * Run `start` once the page has loaded and the main thread is idle: installing the service worker
 * fetches the whole build (about 2,4 MB) to cache it, which must not compete with the first values.
 */
function afterStartUp(start: () => void): void {
  const whenIdle = (): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: IDLE_WAIT_MS });
    else setTimeout(start, IDLE_WAIT_MS);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

/** Resolves when `worker` is active (or gone), at once when there is none. */
function activated(worker: ServiceWorker | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (worker === undefined) return resolve();
    const check = (): void => {
      if (worker.state !== 'activated' && worker.state !== 'redundant') return;
      worker.removeEventListener('statechange', check);
      resolve();
    };
    worker.addEventListener('statechange', check);
    check();
  });
}
