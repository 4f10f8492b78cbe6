// `npm run bench:app [-- --quick]`: app-level figures of the real production build in headless
// Chromium. Builds with the project's vite.config.ts into bench/results/dist (gitignored), serves it
// with `vite preview`, and measures: JavaScript shipped (gzip), cold start, keystroke → displayed
// value, input → key figure in the Dalarna scenario, a 100k-row sheet (paste, keystroke, full
// recalculation with main-thread long tasks, wheel scrolling frame times). Every in-page time is
// performance.now() between a DOM event and the DOM change (or the frame after it).
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
  stats,
  waitForValues,
} from './appPage.mjs';
import { launchChromium, logger, onlyParts, root } from './node.mjs';
import { build, preview } from 'vite';

const outDir = path.join(root, 'bench/results/dist');
const quick = process.argv.includes('--quick');
/** `--only=cold,seed,dalarna,big` runs a part (the build and the sizes always run). */
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

async function coldStart(browser, baseUrl, reps) {
  const first = [];
  const reload = [];
  for (let i = 0; i < reps; i++) {
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl}?debug`);
    await waitForValues(page);
    first.push(await page.evaluate(() => performance.now()));
    await page.reload();
    await waitForValues(page);
    reload.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return { first: stats(first), reload: stats(reload) };
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
  await waitForValues(page);
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
    await arm(page, chart, 'redrawn', 'chart');
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
    frame: stats(frames),
    chart: stats(charts),
    chartFrame: stats(chartFrames),
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

  // Scrolling: wheel steps over the grid while a rAF loop records frame intervals.
  const steps = quick ? 60 : 150;
  const scroll = await scrollFrames(page, steps);
  await context.close();
  return {
    pasteMs,
    keystroke: keys,
    globalEdit: stats(globalSamples),
    longTasks,
    scroll: { ...stats(scroll.frames), scrollTop: scroll.scrollTop, steps },
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
  const reps = quick ? 8 : 20;
  const report = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', sizes };
  let exitCode = 0;
  try {
    if (wanted('cold')) {
      log('cold start …');
      report.coldStart = await coldStart(browser, baseUrl, quick ? 2 : 5);
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
  if (report.coldStart)
    console.log(
      `cold start to values in the grid, first run / reload, ms: ${f(report.coldStart.first)} / ${f(report.coldStart.reload)}`,
    );
  if (report.seedKeystroke)
    console.log(
      `keystroke → B1 shown, seed workbook, ms (DOM / next frame): ${f(report.seedKeystroke.dom)} / ${f(report.seedKeystroke.frame)}`,
    );
  if (report.dalarna)
    console.log(
      `Dalarna parameter → key figure, ms (DOM / next frame): ${f(report.dalarna.dom)} / ${f(report.dalarna.frame)}`,
    );
  if (report.dalarna)
    console.log(
      `Dalarna parameter → trajectory chart redrawn, ms (DOM / next frame): ${f(report.dalarna.chart)} / ${f(report.dalarna.chartFrame)}`,
    );
  if (report.bigSheet) {
    const b = report.bigSheet;
    console.log(`100k rows: paste → B1 shown ${b.pasteMs} ms`);
    console.log(
      `100k rows: keystroke → B1 shown, ms (DOM / next frame): ${f(b.keystroke.dom)} / ${f(b.keystroke.frame)}`,
    );
    console.log(
      `100k rows: global edit D1 (full recalc) → B1 shown, ms: ${f(b.globalEdit)}; long tasks per edit (ms): ${JSON.stringify(b.longTasks)}`,
    );
    console.log(
      `100k rows: wheel scroll frame interval, ms: p50 ${b.scroll.median}, p95 ${b.scroll.p95}, max ${b.scroll.max}, ${b.scroll.n} frames, ${b.scroll.steps} wheel steps, scrollTop ${b.scroll.scrollTop}`,
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
