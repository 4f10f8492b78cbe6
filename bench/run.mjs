// `npm run bench [-- --quick]`: serves bench/bench.html with Vite's dev server (the project's
// vite.config.ts), opens it in headless Chromium once per case, and prints Bana's figures beside bare
// HyperFormula's from the same run. JSON goes to bench/results/latest.json (gitignored).
// Not part of the test suite: nothing here is matched by Vitest or Playwright.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, logger, onlyParts, root } from './node.mjs';
import { createServer } from 'vite';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const capArg = process.argv.find((a) => a.startsWith('--cap='));
/** A workbook whose open takes longer than this is reported "over cap" instead of waited for. */
const capMs = Number(capArg?.slice('--cap='.length) ?? process.env.BENCH_CAP_MS ?? 60_000);

/**
 * Cases in run order. Fan-in 100k (superlinear build in stock HyperFormula 3.5) only in the full run.
 * `named`/`helper` are issue 5's scale shapes (Bana, bare HF and the plain-JS limit); 500k formulas
 * only in the full run. `templates` is a scenario of ~100k cells built from the shipped templates.
 */
const allCases = quick
  ? [
      { shape: 'chain', n: 10_000, loadReps: 1, editWarmup: 3, editReps: 10 },
      { shape: 'chain', n: 100_000, loadReps: 1, editWarmup: 3, editReps: 10 },
      { shape: 'fanIn', n: 10_000, loadReps: 1, editWarmup: 2, editReps: 5 },
      { shape: 'named', n: 10_000, loadReps: 1, editWarmup: 2, editReps: 10, globalReps: 5 },
      { shape: 'helper', n: 10_000, loadReps: 1, editWarmup: 2, editReps: 10, globalReps: 5 },
      { shape: 'named', n: 100_000, loadReps: 1, editWarmup: 1, editReps: 5, globalReps: 2 },
      { shape: 'templates', n: 100_000, loadReps: 1, editReps: 3 },
      { shape: 'idb', n: 100_000, editReps: 3 },
    ]
  : [
      { shape: 'chain', n: 10_000, loadReps: 5, editWarmup: 5, editReps: 30 },
      { shape: 'chain', n: 100_000, loadReps: 3, editWarmup: 5, editReps: 30 },
      { shape: 'fanIn', n: 10_000, loadReps: 5, editWarmup: 3, editReps: 20 },
      { shape: 'fanIn', n: 100_000, loadReps: 3, editWarmup: 2, editReps: 10 },
      { shape: 'named', n: 10_000, loadReps: 3, editWarmup: 3, editReps: 20, globalReps: 10 },
      { shape: 'helper', n: 10_000, loadReps: 3, editWarmup: 3, editReps: 20, globalReps: 10 },
      { shape: 'named', n: 100_000, loadReps: 2, editWarmup: 2, editReps: 20, globalReps: 5 },
      { shape: 'helper', n: 100_000, loadReps: 2, editWarmup: 2, editReps: 20, globalReps: 5 },
      { shape: 'named', n: 500_000, loadReps: 1, editWarmup: 1, editReps: 10, globalReps: 2 },
      { shape: 'helper', n: 500_000, loadReps: 1, editWarmup: 1, editReps: 10, globalReps: 2 },
      { shape: 'templates', n: 100_000, loadReps: 3, editReps: 10 },
      { shape: 'idb', n: 100_000, editReps: 7 },
    ];
/** `--only=named,templates` runs the cases whose shape is listed (to rerun a part). */
const only = onlyParts();
const cases = only ? allCases.filter((c) => only.has(c.shape)) : allCases;
const outName = only ? `latest-${[...only].join('-')}.json` : 'latest.json';

const log = logger('bench');

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** One case in a fresh browser context: a fresh worker, a fresh main-thread heap. */
async function runCase(browser, baseUrl, c) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let lastStage = 'navigate';
  const consoleErrors = [];
  let settle;
  const settled = new Promise((resolve) => {
    settle = resolve;
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith('[bench-stage] ')) {
      lastStage = text.slice('[bench-stage] '.length);
      if (lastStage === 'done' || lastStage === 'failed') settle(lastStage);
    } else if (msg.type() === 'error') consoleErrors.push(text);
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('crash', () => settle('crashed'));

  const query = new URLSearchParams({
    ...Object.fromEntries(Object.entries(c).map(([k, v]) => [k, String(v)])),
    capMs: String(capMs),
  });
  const started = Date.now();
  try {
    await page.goto(`${baseUrl}bench/bench.html?${query}`, { waitUntil: 'load', timeout: 60_000 });
    // The page caps Bana's open itself; this cap also covers a bare build that never returns
    // (it runs on the page's main thread and cannot be interrupted from inside).
    const caseLimit = 2 * capMs + 60_000;
    const outcome = await Promise.race([
      settled,
      new Promise((resolve) => setTimeout(() => resolve('timeout'), caseLimit)),
    ]);
    if (outcome === 'done') {
      const result = await page.evaluate(() => window.__benchResult);
      return {
        ...c,
        ok: result.errors.length === 0,
        seconds: (Date.now() - started) / 1000,
        consoleErrors,
        result,
      };
    }
    const error =
      outcome === 'failed'
        ? await page.evaluate(() => window.__benchError)
        : outcome === 'timeout'
          ? `over cap: stage "${lastStage}" did not finish within ${caseLimit} ms`
          : `the page crashed in stage "${lastStage}"`;
    return {
      ...c,
      ok: outcome === 'timeout',
      overCap: outcome === 'timeout',
      seconds: (Date.now() - started) / 1000,
      consoleErrors,
      error,
    };
  } finally {
    await withTimeout(context.close(), 15_000, 'closing the page').catch((e) => log(String(e)));
  }
}

function fmt(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** Rows of the table: figure, Bana ms, engine share, bare HF ms, plain-JS ms and the ratios. */
function tableRows(results) {
  const rows = [];
  for (const r of results) {
    if (!r.result) {
      rows.push({ figure: `${r.shape} ${r.n}: ${r.error}`, bana: '—', engine: '—', bare: '—', ratio: '—' });
      continue;
    }
    for (const f of r.result.figures) {
      const bana = f.bana ? f.bana[f.stat] : null;
      const bare = f.bare ? f.bare[f.stat] : null;
      const plain = f.plain ? f.plain[f.stat] : null;
      const ratio = (a, b) => (a !== null && b !== null && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
      rows.push({
        id: f.id,
        figure: f.figure,
        bana: f.bana ? fmt(bana) : f.note?.startsWith('over cap') ? 'over cap' : '—',
        engine: f.banaEngine ? fmt(f.banaEngine[f.stat]) : '—',
        bare: fmt(bare),
        plain: plain === null ? '—' : fmt(plain),
        ratio: ratio(bana, bare),
        banaPlain: ratio(bana, plain),
        barePlain: ratio(bare, plain),
        n: Math.max(f.bana?.n ?? 0, f.bare?.n ?? 0),
      });
    }
  }
  return rows;
}

function markdownTable(rows) {
  const lines = [
    '| Figure | n | Bana ms | of which in engine | bare HF ms | plain JS ms | Bana / bare | Bana / plain | bare / plain |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.figure} | ${r.n ?? ''} | ${r.bana} | ${r.engine} | ${r.bare} | ${r.plain ?? '—'} | ${r.ratio} | ${r.banaPlain ?? '—'} | ${r.barePlain ?? '—'} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const hfPkg = JSON.parse(await readFile(path.join(root, 'node_modules/hyperformula/package.json'), 'utf8'));
  const vitePkg = JSON.parse(await readFile(path.join(root, 'node_modules/vite/package.json'), 'utf8'));
  const loadBefore = os.loadavg();
  let server;
  let browser;
  let exitCode = 0;
  const onSignal = async () => {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    server = await createServer({
      root,
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: 'warn',
      clearScreen: false,
      // Prebundle HyperFormula afresh: Vite's dependency cache does not notice patches/ changing
      // node_modules (patch-package), and a stale prebundle would measure the unpatched engine.
      optimizeDeps: { force: true },
      // Another engineer's dev server may hold 5173: take any free port, and no HMR socket.
      // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
      server: {
        port: 5190,
        strictPort: false,
        hmr: false,
        open: false,
        host: '127.0.0.1',
        headers: {
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        },
      },
    });
    await server.listen();
    const baseUrl = server.resolvedUrls?.local[0];
    if (!baseUrl) throw new Error('Vite did not report a local URL.');
    log(`serving ${baseUrl}bench/bench.html`);

    browser = await launchChromium();
    const chromiumVersion = browser.version();
    log(`Chromium ${chromiumVersion}; ${quick ? 'quick' : 'full'} run; cap ${capMs} ms`);

    const results = [];
    for (const c of cases) {
      log(`case ${c.shape} ${c.n} …`);
      const r = await runCase(browser, baseUrl, c);
      results.push(r);
      if (!r.ok) exitCode = 1;
      log(
        `case ${c.shape} ${c.n}: ${r.result ? 'done' : r.error} in ${r.seconds.toFixed(1)} s` +
          (r.result?.errors.length ? `; ERRORS: ${r.result.errors.slice(0, 3).join(' | ')}` : ''),
      );
      for (const e of r.consoleErrors) log(`  console: ${e}`);
    }

    const first = results.find((r) => r.result)?.result;
    const machine = {
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      loadAverageBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
      loadAverageAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      chromium: chromiumVersion,
      browserHardwareConcurrency: first?.hardwareConcurrency ?? null,
      crossOriginIsolated: first?.crossOriginIsolated ?? null,
      userAgent: first?.userAgent ?? null,
      hyperformula: hfPkg.version,
      vite: vitePkg.version,
    };
    const rows = tableRows(results);
    const report = {
      name: pkg.name,
      date: new Date().toISOString(),
      mode: quick ? 'quick' : 'full',
      capMs,
      machine,
      table: rows,
      cases: results,
    };
    await mkdir(path.join(root, 'bench/results'), { recursive: true });
    await writeFile(path.join(root, 'bench/results', outName), `${JSON.stringify(report, null, 2)}\n`);

    console.log(
      `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ` +
        `load average before ${machine.loadAverageBefore.join(' ')}, after ${machine.loadAverageAfter.join(' ')}`,
    );
    console.log(
      `Node ${machine.node}, Chromium ${machine.chromium}, HyperFormula ${machine.hyperformula}, Vite ${machine.vite}`,
    );
    console.log(
      `Mode: ${report.mode}; cap ${capMs} ms; crossOriginIsolated ${machine.crossOriginIsolated}; ` +
        'medians unless the row says p95\n',
    );
    console.log(markdownTable(rows));
    console.log(`\nJSON: bench/results/${outName}`);
    if (exitCode !== 0) console.log('\nFAILED: see the errors above.');
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    await withTimeout(browser?.close() ?? Promise.resolve(), 15_000, 'closing Chromium').catch((e) =>
      log(String(e)),
    );
    await withTimeout(server?.close() ?? Promise.resolve(), 10_000, 'closing Vite').catch((e) =>
      log(String(e)),
    );
  }
  process.exit(exitCode);
}

main();
