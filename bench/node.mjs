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
