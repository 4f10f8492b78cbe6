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
  const updateSW = registerSW({
    onNeedRefresh: hooks.onNeedRefresh,
    onOfflineReady: hooks.onOfflineReady,
    onNeedReload: hooks.onNeedReload,
    onRegisteredSW: (_url, registration) => {
      if (registration === undefined) return;
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => {});
      }, UPDATE_CHECK_MS);
    },
    onRegisterError: (error: unknown) => {
      // Bana still works online without it; only offline use and update prompts are lost.
      console.warn('Bana could not register its service worker:', error);
    },
  });
  return () => updateSW(true);
}
