// Console watching for the browser tests: every warning and error the page (or its workers) logs,
// and a Vite development server for the one test that needs Solid's development-only warnings.
import { fileURLToPath } from 'node:url';
import type { ConsoleMessage, Page } from '@playwright/test';
import { freePortSync } from './freePort';

/**
 * Collect every console warning and error from now on, as "warning: text (url:line)". Attach it
 * before the first navigation so nothing logged while the app starts is missed.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  const record = (message: ConsoleMessage) => {
    if (message.type() !== 'warning' && message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    problems.push(`${message.type()}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  };
  page.on('console', record);
  // The engine runs in a Web Worker, whose console does not reach the page's listener.
  page.on('worker', (worker) => worker.on('console', record));
  return problems;
}

export interface DevServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Start `vite` in development mode on a free port. The production build drops Solid's development
 * warnings (such as computations created outside a `createRoot`), so only a development server
 * shows them. Its dependency cache lives under test-results/ so it never meets a developer's own.
 */
export async function startDevServer(): Promise<DevServer> {
  const { createServer } = await import('vite');
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const server = await createServer({
    root,
    configFile: `${root}vite.config.ts`,
    cacheDir: `${root}test-results/vite-dev-cache`,
    logLevel: 'error',
    clearScreen: false,
    // Nothing changes under a test: no file watching, no hot reload.
    server: { port: freePortSync(), strictPort: true, hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error('the Vite development server has no local address');
  return { url, close: () => server.close() };
}
