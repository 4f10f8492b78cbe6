// The service worker: Workbox precaches the build (the list vite-plugin-pwa injects) and answers every
// navigation with the app shell, so Bana opens, calculates and charts with no network after one visit.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** The parts of ServiceWorkerGlobalScope used here (src/ is type-checked with the DOM library). */
declare const self: {
  __WB_MANIFEST: PrecacheEntry[];
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

// A new version waits until a tab asks it to take over (src/pwa/createUpdateState.ts: after the saves).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

precacheAndRoute(self.__WB_MANIFEST);
// Caches of older Workbox formats go; entries of the previous build go when this version activates.
cleanupOutdatedCaches();
// Any navigation to the app (a reload offline, a shared link's #w=…, ?debug) gets the app shell; a
// navigation to a file (/screenshot.png, /sw.js) gets that file.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^[^?]*\/[^/?]+\.[^/?]+(?:\?.*)?$/],
  }),
);
