// Browser tests: @playwright/test drives Debian's Chromium (never a downloaded build) against the
// production build served by `vite preview`, so what we test is what we ship.
import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { freePortSync } from './test/browser/support/freePort';

const isCI = Boolean(process.env.CI);

// The test server gets a port the OS says is free, so it never meets a server the user runs (a
// `vite preview` on 4173 used to fail every test). This file is loaded again in every worker
// process: the port goes into the environment, which the workers inherit, so all agree on it.
// PW_PORT (and PW_DIST for the build's directory) still choose them by hand.
const portChosenByHand = process.env.PW_PORT !== undefined;
process.env.PW_PORT ??= String(freePortSync());
const port = Number(process.env.PW_PORT);
const outDir = process.env.PW_DIST ?? 'dist';

/**
 * The budget, with 2 workers on 2 cores: 151 tests took 14.7 minutes in `bash .ci/run` on a fresh
 * clone at load 3–10 (2 Dec 2026, 18:08 UTC; the whole run 16.7 minutes). 17.5 minutes leaves a
 * little headroom and keeps `bash .ci/run` (npm ci, check, unit tests: about 2.5 minutes) under 20.
 */
const SUITE_BUDGET_MS = 17.5 * 60_000;

export default defineConfig({
  testDir: 'test/browser',
  // Playwright empties its outputDir at start: keep it apart from test-results/vitest.json.
  outputDir: 'test-results/playwright',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  // One worker per core: each drives a Chromium page plus the app's engine worker, so more would
  // only queue for the CPU. PW_WORKERS overrides (e.g. 1 on a busy machine).
  workers: Number(process.env.PW_WORKERS) || Math.max(2, availableParallelism()),
  // Per-test and per-expect limits stay short so a hang shows quickly; the few slow states (first
  // engine load, app start after a reload, charts, imports) wait with their own named timeouts
  // from test/browser/support/timeouts.ts.
  timeout: 30_000,
  expect: { timeout: 5_000 },
  globalTimeout: isCI ? SUITE_BUDGET_MS : 0,
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
  // One production build per run, shared by every worker through one `vite preview`.
  webServer: {
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    // Reusing only makes sense on a port someone chose on purpose; a fresh port has nothing to reuse.
    reuseExistingServer: !isCI && portChosenByHand,
    // The build is the slow step: 18 s at load 7–9 and 32 s at load 28 on 2 cores (measured).
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
