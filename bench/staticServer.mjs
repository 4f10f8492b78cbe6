// A static server for the start-up bench: serves a production build gzip-compressed, as a real host
// would, and logs every response's bytes on the wire with the time it finished, so the bench can
// count the bytes a user waited for before the first value. Not used by the app or the tests.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = /\.(html|js|mjs|css|json|webmanifest|svg|map|txt)$/;

/**
 * Serve `dir` on a free port of 127.0.0.1. `log` holds one entry per response: url path, bytes sent
 * (body, gzip where the client accepts it), and `end` in ms since the epoch. Unknown paths without
 * an extension get index.html (the app's own routes).
 */
export async function serveBuild(dir) {
  const log = [];
  const cache = new Map();
  const body = async (file) => {
    if (!cache.has(file)) {
      const raw = await readFile(file);
      cache.set(file, { raw, gzip: COMPRESSIBLE.test(file) ? gzipSync(raw) : null });
    }
    return cache.get(file);
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    let file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    let content;
    try {
      content = await body(file);
    } catch {
      if (path.extname(rel)) {
        res.writeHead(404).end();
        return;
      }
      file = path.join(dir, 'index.html');
      content = await body(file);
    }
    const gzip = content.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const payload = gzip ? content.gzip : content.raw;
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': payload.length,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      // Hashed assets may be cached; the HTML, manifest and service worker are revalidated.
      'cache-control': rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(payload, () => log.push({ path: url.pathname, bytes: payload.length, end: Date.now() }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    log,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
