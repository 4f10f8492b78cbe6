// Unit and in-process worker tests run in Node; browser tests run under Playwright (playwright.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    pool: 'threads',
    maxWorkers: 2,
  },
});
