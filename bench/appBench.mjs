// `npm run bench:app [-- --quick]`: app-level figures of the real production build in headless
// Chromium. Builds with the project's vite.config.ts into bench/results/dist (gitignored), serves it
// with `vite preview`, and measures: JavaScript shipped (gzip), cold start, keystroke → displayed
// value, input → key figure in the Dalarna scenario, a 100k-row sheet (paste, keystroke, full
// recalculation with main-thread long tasks, which wheel steps dropped a frame), and start-up (bytes
// and time to the first value presented, cold and warm). Every in-page time runs from the input
// event's timeStamp to the frame that shows the result on screen (see arm in appPage.mjs).
// Writes bench/results/app-latest.json. Not part of the test suite.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  arm,
  bigSheetPage,
  cellSelector,
  goTo,
  keystrokes,
  measured,
  newPage,
  pageWithNewSheet,
  scrollFrames,
  scrollSummary,
  startupMarks,
  stats,
  watchStartup,
} from './appPage.mjs';
import { launchChromium, logger, onlyParts, root } from './node.mjs';
import { serveBuild } from './staticServer.mjs';
import { build, preview } from 'vite';

const outDir = path.join(root, 'bench/results/dist');
const quick = process.argv.includes('--quick');
/** `--only=startup,reopen,seed,dalarna,big` runs a part (the build and the sizes always run). */
const only = onlyParts();
const wanted = (part) => !only || only.has(part);
const ROWS = 100_000;
const DALARNA = 'Region Dalarna – mot −75 % till 2030';
const log = logger('bench:app');

/** Gzip sizes of the build: the entry and its static imports, the lazy chunks, the worker. */
async function shippedSizes() {
  const manifest = JSON.parse(await readFile(path.join(outDir, '.vite/manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const staticFiles = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || staticFiles.has(chunk.file)) return;
    staticFiles.add(chunk.file);
    for (const k of chunk.imports ?? []) visit(k);
  };
  visit(entryKey);
  const lazyFiles = new Set();
  const visitLazy = (key) => {
    const chunk = manifest[key];
    if (!chunk || staticFiles.has(chunk.file) || lazyFiles.has(chunk.file)) return;
    lazyFiles.add(chunk.file);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visitLazy(k);
  };
  for (const key of Object.keys(manifest)) for (const k of manifest[key].dynamicImports ?? []) visitLazy(k);
  const assets = (await readdir(path.join(outDir, 'assets'))).filter((f) => f.endsWith('.js'));
  const size = async (file) => {
    const buf = await readFile(path.join(outDir, file));
    return { file, raw: buf.length, gzip: gzipSync(buf).length };
  };
  const groups = { mainStatic: [], lazy: [], worker: [] };
  for (const f of assets) {
    const file = `assets/${f}`;
    const s = await size(file);
    if (staticFiles.has(file)) groups.mainStatic.push(s);
    else if (lazyFiles.has(file)) groups.lazy.push(s);
    else groups.worker.push(s);
  }
  const sum = (xs) => ({
    raw: xs.reduce((a, x) => a + x.raw, 0),
    gzip: xs.reduce((a, x) => a + x.gzip, 0),
    files: xs,
  });
  return { mainStatic: sum(groups.mainStatic), lazy: sum(groups.lazy), worker: sum(groups.worker) };
}

/** Bytes on the wire of the responses that finished before `until` (ms since the epoch), by kind. */
function bytesBefore(log, until) {
  const kinds = { html: 0, js: 0, worker: 0, css: 0, models: 0, other: 0 };
  const seen = new Set();
  for (const e of log) {
    if (e.end > until || seen.has(e.path)) continue;
    seen.add(e.path);
    const kind = /engine\.worker/.test(e.path)
      ? 'worker'
      : /\.js$/.test(e.path)
        ? 'js'
        : /\.css$/.test(e.path)
          ? 'css'
          : /^\/models\//.test(e.path)
            ? 'models'
            : /(\.html|\/)$/.test(e.path)
              ? 'html'
              : 'other';
    kinds[kind] += e.bytes;
  }
  return { total: Object.values(kinds).reduce((a, b) => a + b, 0), files: seen.size, ...kinds };
}

/**
 * Start-up on the production build served gzip-compressed (bench/staticServer.mjs): a first visit in
 * a fresh profile (cold: nothing cached, no service worker, an empty database) and a second visit in
 * the same profile (warm: the service worker's cache and the saved workbook with its saved values).
 * For each: ms from navigation start to the app shell and to the first value presented, and the
 * bytes that finished loading before that first value.
 */
async function startup(browser, reps) {
  const server = await serveBuild(outDir);
  const out = { cold: [], warm: [] };
  try {
    for (let i = 0; i < reps; i++) {
      const { context, page } = await newPage(browser);
      await watchStartup(context);
      for (const visit of ['cold', 'warm']) {
        const from = server.log.length;
        await page.goto(server.url);
        const m = await startupMarks(page);
        const bytes = bytesBefore(server.log.slice(from), m.timeOrigin + m.value);
        out[visit].push({
          shell: m.shell,
          value: m.value,
          afterShell: m.value - m.shell,
          bytes,
          where: m.where,
        });
        if (visit === 'cold') {
          // The second visit comes after the service worker is active and the workbook is saved.
          await page.evaluate(() => navigator.serviceWorker?.ready);
          await page.locator('.save-state', { hasText: 'Saved' }).waitFor({ timeout: 60_000 });
        }
      }
      await context.close();
    }
  } finally {
    await server.close();
  }
  const summary = (xs) => ({
    value: stats(xs.map((x) => x.value)),
    shell: stats(xs.map((x) => x.shell)),
    afterShell: stats(xs.map((x) => x.afterShell)),
    bytes: xs.map((x) => x.bytes),
    where: [...new Set(xs.map((x) => x.where))].join(', '),
  });
  return { cold: summary(out.cold), warm: summary(out.warm) };
}

/** Reopening a workbook with a 100k-row sheet: ms from the app shell to the first value presented. */
async function reopenBig(browser, reps) {
  const server = await serveBuild(outDir);
  const afterShell = [];
  const value = [];
  try {
    const { context, page } = await bigSheetPage(browser, server.url, ROWS);
    await watchStartup(context);
    await page.evaluate(() => window.__bana.flush());
    for (let i = 0; i < reps; i++) {
      await page.goto(`${server.url}?debug`);
      const m = await startupMarks(page);
      afterShell.push(m.value - m.shell);
      value.push(m.value);
    }
    await context.close();
  } finally {
    await server.close();
  }
  return { afterShell: stats(afterShell), value: stats(value) };
}

async function seedKeystroke(browser, baseUrl, reps) {
  const { context, page, errors } = await pageWithNewSheet(browser, baseUrl);
  await goTo(page, 'B1');
  await page.keyboard.type('=A1*2');
  await page.keyboard.press('Enter');
  const result = await keystrokes(page, reps, 2);
  await context.close();
  return { ...result, errors };
}

async function dalarna(browser, baseUrl, reps) {
  const { context, page, errors } = await newPage(browser);
  await page.goto(`${baseUrl}?debug`);
  await page.waitForFunction(
    () => [...document.querySelectorAll('[role=gridcell]')].some((c) => (c.textContent ?? '').trim() !== ''),
    null,
    { timeout: 60_000 },
  );
  const toggle = page.getByRole('button', { name: 'Workbooks', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page
    .getByRole('region', { name: 'Your workbooks' })
    .getByRole('button', { name: `Open ${DALARNA}`, exact: true })
    .click();
  const key =
    '[aria-label="Scenario results"] [data-key="reductionAtTarget"], [data-key="reductionAtTarget"]';
  await page.waitForSelector(key, { timeout: 60_000 });
  await page.waitForFunction((sel) => /\d/.test(document.querySelector(sel)?.textContent ?? ''), key, {
    timeout: 60_000,
  });
  // The bus measure's fuel volume replaced per year: every year of its reduction moves with it.
  const template = JSON.parse(
    await readFile(path.join(root, 'models/templates/fuel-conversion.bana.json'), 'utf8'),
  );
  const row = template.sheets[0].cells.findIndex((r) => r[0] === 'Ersatt fossilt bränsle per år') + 1;
  await page.getByRole('tab', { name: template.sheets[0].name, exact: true }).click();
  const samples = [];
  const frames = [];
  const charts = [];
  const chartFrames = [];
  const chart = '#chart-trajectory .chart';
  await page.waitForSelector(`${chart} svg`, { timeout: 60_000 });
  for (let i = 0; i < reps + 1; i++) {
    await goTo(page, `B${row}`);
    await arm(page, key, null);
    await arm(page, chart, 'changed', 'chart');
    await page.keyboard.type(String(600_000 + (i + 1) * 50_000));
    await page.keyboard.press('Enter');
    const [dom, frame] = await measured(page);
    const [drawn, drawnFrame] = await measured(page, 'chart');
    if (i === 0) continue;
    samples.push(dom);
    frames.push(frame);
    charts.push(drawn);
    chartFrames.push(drawnFrame);
  }
  await context.close();
  return {
    dom: stats(samples),
    presented: stats(frames),
    chart: stats(charts),
    chartPresented: stats(chartFrames),
    errors,
  };
}

/** A 100k-row sheet: A = i, B = A*$D$1. Paste, keystroke, global recalculation, scrolling. */
async function bigSheet(browser, baseUrl, reps) {
  const { context, page, errors, pasteMs } = await bigSheetPage(browser, baseUrl, ROWS);
  log(`  pasted ${ROWS} rows in ${pasteMs} ms`);

  // Keystroke → displayed at 100k formulas (B1 = A1 * 2).
  const keys = await keystrokes(page, reps, 2);

  // Full recalculation: D1 feeds every formula. Long tasks on the main thread while it runs.
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
  const globalSamples = [];
  const longTasks = [];
  for (let i = 0; i < Math.max(3, Math.floor(reps / 4)); i++) {
    const d = 3 + i;
    const a1 = 11 + reps + 1; // the last keystroke value in A1
    await goTo(page, 'D1');
    await page.evaluate(() => {
      window.__longTasks = [];
    });
    await arm(page, cellSelector('B1'), String(a1 * d));
    await page.keyboard.type(String(d));
    await page.keyboard.press('Enter');
    const [dom] = await measured(page);
    globalSamples.push(dom);
    longTasks.push(await page.evaluate(() => window.__longTasks.map((t) => Math.round(t.duration))));
  }

  // Scrolling: wheel steps over the grid; per step, the longest frame interval.
  const steps = quick ? 60 : 150;
  const scroll = await scrollFrames(page, steps);
  await context.close();
  return {
    pasteMs,
    keystroke: keys,
    globalEdit: stats(globalSamples),
    longTasks,
    scroll: { ...scrollSummary(scroll.stepWorst), frames: stats(scroll.frames), scrollTop: scroll.scrollTop },
    errors,
  };
}

async function main() {
  const loadBefore = os.loadavg();
  log('vite build …');
  await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  const sizes = await shippedSizes();
  const server = await preview({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 5290, strictPort: false, host: '127.0.0.1', open: false },
  });
  const baseUrl = server.resolvedUrls?.local[0];
  const browser = await launchChromium();
  const reps = quick ? 8 : 50;
  const report = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', sizes };
  let exitCode = 0;
  try {
    if (wanted('startup')) {
      log('start-up, cold and warm …');
      report.startup = await startup(browser, quick ? 2 : 5);
    }
    if (wanted('reopen')) {
      log('reopening a 100k-row workbook …');
      report.reopenBig = await reopenBig(browser, quick ? 2 : 5);
    }
    if (wanted('seed')) {
      log('keystroke in the seed workbook …');
      report.seedKeystroke = await seedKeystroke(browser, baseUrl, reps);
    }
    if (wanted('dalarna')) {
      log('Dalarna: parameter → key figure …');
      report.dalarna = await dalarna(browser, baseUrl, quick ? 5 : 10);
    }
    if (wanted('big')) {
      log('100k-row sheet …');
      report.bigSheet = await bigSheet(browser, baseUrl, reps);
    }
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
  report.machine = {
    cpuModel: os.cpus()[0]?.model,
    cores: os.cpus().length,
    loadAverageBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
    loadAverageAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
    chromium: browser.version(),
  };
  await mkdir(path.join(root, 'bench/results'), { recursive: true });
  await writeFile(path.join(root, 'bench/results/app-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  const kB = (b) => `${(b / 1024).toFixed(1)} kB`;
  const f = (s) => (s ? `${s.median.toFixed(1)} (p95 ${s.p95.toFixed(1)}, n ${s.n})` : '—');
  console.log(
    `Machine: ${report.machine.cpuModel}, ${report.machine.cores} cores; load before ${report.machine.loadAverageBefore.join(' ')}, after ${report.machine.loadAverageAfter.join(' ')}`,
  );
  console.log(
    `JS main thread (entry + static imports): ${kB(sizes.mainStatic.gzip)} gzip (${kB(sizes.mainStatic.raw)} raw, ${sizes.mainStatic.files.length} files)`,
  );
  console.log(
    `JS lazy chunks: ${kB(sizes.lazy.gzip)} gzip (${kB(sizes.lazy.raw)} raw, ${sizes.lazy.files.length} files)`,
  );
  console.log(
    `JS worker: ${kB(sizes.worker.gzip)} gzip (${kB(sizes.worker.raw)} raw, ${sizes.worker.files.map((x) => x.file).join(', ')})`,
  );
  const kb = (b) => `${(b / 1024).toFixed(1)} kB`;
  if (report.startup) {
    for (const visit of ['cold', 'warm']) {
      const v = report.startup[visit];
      const bytes = v.bytes.map((b) => b.total).sort((a, b) => a - b);
      const b0 = v.bytes[0];
      console.log(
        `start-up ${visit}: first value presented (${v.where}) ${f(v.value)} ms after navigation; app shell ${f(v.shell)}; value after shell ${f(v.afterShell)}`,
      );
      console.log(
        `start-up ${visit}: bytes before the first value (gzip on the wire) ${kb(bytes[Math.floor(bytes.length / 2)])} median (${kb(bytes[0])}–${kb(bytes[bytes.length - 1])}); first run: js ${kb(b0.js)}, worker ${kb(b0.worker)}, css ${kb(b0.css)}, models ${kb(b0.models)}, html ${kb(b0.html)}, other ${kb(b0.other)}, ${b0.files} files`,
      );
    }
  }
  if (report.reopenBig)
    console.log(
      `reopen, 100k-row sheet: first value presented ${f(report.reopenBig.afterShell)} ms after the app shell (${f(report.reopenBig.value)} after navigation)`,
    );
  if (report.seedKeystroke)
    console.log(
      `keystroke → B1, seed workbook, ms (DOM / presented): ${f(report.seedKeystroke.dom)} / ${f(report.seedKeystroke.presented)}`,
    );
  if (report.dalarna)
    console.log(
      `Dalarna parameter → key figure, ms (DOM / presented): ${f(report.dalarna.dom)} / ${f(report.dalarna.presented)}`,
    );
  if (report.dalarna)
    console.log(
      `Dalarna parameter → trajectory chart changed, ms (DOM / presented): ${f(report.dalarna.chart)} / ${f(report.dalarna.chartPresented)}`,
    );
  if (report.bigSheet) {
    const b = report.bigSheet;
    console.log(`100k rows: paste → B1 shown ${b.pasteMs} ms`);
    console.log(
      `100k rows: keystroke → B1, ms (DOM / presented): ${f(b.keystroke.dom)} / ${f(b.keystroke.presented)}`,
    );
    console.log(
      `100k rows: global edit D1 (full recalc) → B1 shown, ms: ${f(b.globalEdit)}; long tasks per edit (ms): ${JSON.stringify(b.longTasks)}`,
    );
    console.log(
      `100k rows: wheel steps that dropped a frame ${b.scroll.droppedPct} % (${b.scroll.droppedSteps} of ${b.scroll.steps}), worst step ${b.scroll.worstStepMs} ms; all frame intervals p50 ${b.scroll.frames.median}, p95 ${b.scroll.frames.p95}; scrollTop ${b.scroll.scrollTop}`,
    );
  }
  const errors = ['seedKeystroke', 'dalarna', 'bigSheet'].flatMap((k) => report[k]?.errors ?? []);
  if (errors.length) {
    console.log(`page errors: ${errors.join(' | ')}`);
    exitCode = 1;
  }
  console.log('JSON: bench/results/app-latest.json');
  process.exit(exitCode);
}

main();
