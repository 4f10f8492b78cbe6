// Registers the service worker that vite-plugin-pwa generates (precached app shell, worker, chunks,
// models/) and passes its events to the update state. In the dev server the plugin's module is a no-op.
/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';
import type { ServiceWorkerHooks } from './createUpdateState';

/** A tab left open for days still learns of a new version: ask the server this often. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Register the service worker (after the page has loaded, so it never competes with the first paint).
 * @returns the function that lets a waiting version take over; its takeover calls `onNeedReload`.
 */
export function registerServiceWorker(hooks: ServiceWorkerHooks): () => Promise<void> {
  let registered: ServiceWorkerRegistration | undefined;
  const updateSW = registerSW({
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
  return async () => {
    const waiting = registered?.waiting ?? undefined;
    const uncontrolled = !navigator.serviceWorker?.controller;
    await updateSW(true);
    // A page the service worker never controlled (the visit that installed it) gets no takeover
    // event: reload it once the new version is active.
    if (uncontrolled) {
      await activated(waiting);
      hooks.onNeedReload();
    }
  };
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
