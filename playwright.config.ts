// Browser tests: @playwright/test drives Debian's Chromium (never a downloaded build) against the
// production build served by `vite preview`, so what we test is what we ship.
import { defineConfig, devices } from '@playwright/test';

const isCI = Boolean(process.env.CI);
// Several developers may run browser tests at once on one machine: each can pick a port (and outDir).
const port = Number(process.env.PW_PORT ?? 4173);
const outDir = process.env.PW_DIST ?? 'dist';

export default defineConfig({
  testDir: 'test/browser',
  // Playwright empties its outputDir at start: keep it apart from test-results/vitest.json.
  outputDir: 'test-results/playwright',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  globalTimeout: isCI ? 10 * 60_000 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'en-US',
    permissions: ['clipboard-read', 'clipboard-write'],
    trace: 'off',
    screenshot: 'only-on-failure',
    video: 'off',
    // Installing Bana's service worker caches the whole build in every new context: only the specs
    // about offline use and updates (pwa-*.spec.ts) allow it, so the others keep their old costs.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !isCI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
