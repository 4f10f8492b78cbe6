// Builds the app as shipped and reads its service worker: every script, style sheet and model the app
// can load must be in the precache manifest, or that part of Bana fails offline. Workbox drops files
// above its size limit with only a build warning, so a grown chunk would otherwise go unnoticed.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRECACHE_MAX_BYTES } from '../../vite.config';

const root = resolve(import.meta.dirname, '../..');
let outDir = '';
let precached: string[] = [];
let emitted: string[] = [];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'bana-precache-'));
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  // vite-plugin-pwa injects the manifest into sw.js as JSON: [{"revision":…,"url":"assets/…"}, …].
  const sw = await readFile(join(outDir, 'sw.js'), 'utf8');
  precached = [...sw.matchAll(/"url":\s*"([^"]+)"/g)].map((match) => match[1] as string);
  emitted = await filesUnder(outDir);
}, 240_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the service worker precache', () => {
  it('lists every script and style sheet of the build (entry, engine worker, lazy chunks, models/)', () => {
    // sw.js itself is never precached: the browser fetches it to look for a new version.
    const needed = emitted.filter((file) => /\.(js|css)$/.test(file) && file !== 'sw.js');
    expect(needed.filter((file) => !precached.includes(file))).toEqual([]);
    // The parts the issue names, so a change of chunk names cannot make this pass by finding nothing.
    for (const part of [/engine\.worker-/, /charts-.*\.css$/, /MeetingMode-/, /CompareView-/, /xlsx-/]) {
      expect(precached.some((url) => part.test(url))).toBe(true);
    }
    expect(precached.filter((url) => /\.bana-[\w-]+\.js$/.test(url)).length).toBeGreaterThanOrEqual(5);
  });

  it('lists the page, the web app manifest and its icons', () => {
    for (const file of [
      'index.html',
      'manifest.webmanifest',
      'icons/icon-192.png',
      'icons/icon-512.png',
      'icons/icon-maskable-512.png',
    ]) {
      expect(precached).toContain(file);
    }
  });

  it('has no file the app loads above the size Workbox would skip', async () => {
    const sizes = await Promise.all(
      emitted
        .filter((file) => /\.(js|css|png|html|webmanifest)$/.test(file))
        .map(async (file) => ({ file, bytes: (await stat(join(outDir, file))).size })),
    );
    expect(sizes.filter(({ bytes }) => bytes > PRECACHE_MAX_BYTES)).toEqual([]);
  });

  it('describes an installable app in its manifest: name, start, standalone display, 192/512 and maskable icons', async () => {
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'Bana',
      short_name: 'Bana',
      start_url: '/',
      display: 'standalone',
    });
    expect(manifest.lang).toBe('sv');
    const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
    expect(icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of icons) expect(emitted).toContain(icon.src);
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
  });
});
