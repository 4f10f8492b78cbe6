// Unit and in-process worker tests run in Node; browser tests run under Playwright (playwright.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    pool: 'threads',
    maxWorkers: 2,
    // Most tests take milliseconds; on a busy 2-core machine (load 14 measured) engine tests took up to
    // 10 s. The heaviest set their own, longer limits.
    testTimeout: 20_000,
  },
});
