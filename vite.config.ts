// Vite builds the Solid app and the engine worker (an ES module worker, HyperFormula only there), and
// vite-plugin-pwa generates the web app manifest and a Workbox service worker that precaches the build.
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

/**
 * What the service worker precaches: every emitted script (entry, engine worker, each lazy chunk and
 * models/, which are imported as JSON modules), style sheet, page and icon. Source maps stay online-only.
 * test/pwa/precache.test.ts checks that the manifest lists every such file of a real build.
 */
export const PRECACHE_GLOBS = ['**/*.{js,css,html,png,webmanifest}'];
/**
 * Workbox skips, with only a build warning, any file above this size (its default is 2 MiB). The
 * largest chunk (exceljs) is far below; the limit is stated so the precache test can hold us to it.
 */
export const PRECACHE_MAX_BYTES = 2 * 1024 * 1024;

export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      // A new version waits until the user agrees (src/pwa): it must never reload a tab with unsaved edits.
      registerType: 'prompt',
      // Always the minified worker without Workbox's console logging, also when a test runs the build.
      mode: 'production',
      // src/pwa/registerServiceWorker.ts registers it; no inline script (the CSP forbids one).
      injectRegister: false,
      manifest: {
        id: '/',
        // One language per manifest: Swedish, the planners' language. "Bana" is the name in both.
        lang: 'sv',
        dir: 'ltr',
        name: 'Bana',
        short_name: 'Bana',
        description: 'Utsläppsscenarier i formelrutnät för regionala klimatplanerare.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#0b5cad',
        background_color: '#ffffff',
        categories: ['productivity', 'utilities'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      // Our own few lines of service worker (src/pwa/sw.ts) over Workbox's modules, built by Vite like the
      // rest: generateSW's separate Rollup + Babel + Terser pass took 10–26 s of every build here.
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      injectManifest: {
        globPatterns: PRECACHE_GLOBS,
        // The README's picture, not part of the app.
        globIgnores: ['screenshot.png'],
        maximumFileSizeToCacheInBytes: PRECACHE_MAX_BYTES,
      },
    }),
  ],
  worker: { format: 'es' },
  optimizeDeps: { include: ['hyperformula', 'comlink', 'idb'] },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
