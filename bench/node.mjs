// What the Node-side bench runners share: the project root, --only parsing, logging, and launching
// Debian's Chromium with the flags that keep it quiet on a closed network.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The parts named by `--only=a,b`, or null for all. */
export function onlyParts(argv = process.argv) {
  const arg = argv.find((a) => a.startsWith('--only='));
  return arg ? new Set(arg.slice('--only='.length).split(',')) : null;
}

export function logger(prefix) {
  return (line) => process.stderr.write(`[${prefix}] ${line}\n`);
}

/** Headless Chromium from CHROMIUM_PATH or /usr/bin/chromium (never a downloaded build). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Build the app at `dir` with its vite.config.ts into `outDir` and serve it with `vite preview` on
 * a free port from `port`; returns the preview server (its URL in `resolvedUrls.local[0]`).
 */
export async function buildAndServe(dir, outDir, port) {
  const { build, preview } = await import('vite');
  const configFile = path.join(dir, 'vite.config.ts');
  await build({
    root: dir,
    configFile,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  return preview({
    root: dir,
    configFile,
    logLevel: 'warn',
    build: { outDir },
    preview: { port, strictPort: false, host: '127.0.0.1', open: false },
  });
}
