// `npm run bench:montecarlo [-- --samples=10000 --reference-samples=500 --rounds=5 --app-runs=5]`:
// Monte Carlo of each shipped scenario in the what-if worker (Chromium, Vite's dev server, the app's
// own client and worker), the compiled evaluator against HyperFormula (`compiled: false`) on the same
// samples (the same seed draws the same first samples), in alternating pairs whose order swaps every
// round, so machine load hits both alike. HyperFormula runs a subset (it takes 27–68 s for 10 000):
// the ratio is per sample. Then, in the app, click Run → the result's sentence painted (the frame
// after it appears). Prints load averages and the spread. Not part of the test suite; a figure taken
// while other work runs on the machine is not a figure (see BENCHMARKS.md).
import os from 'node:os';
import path from 'node:path';
import { register } from 'tsx/esm/api';
import { createServer } from 'vite';
import { launchChromium, logger, root } from './node.mjs';

register();
const { SHIPPED_SCENARIOS, buildShippedScenario } = await import('../src/core/scenario/shipped.ts');
const { exportModelForTest } = await import('../test/workers/monteCarloSupport.ts');

const log = logger('bench:montecarlo');
const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const samples = arg('samples', 10_000);
const referenceSamples = Math.min(samples, arg('reference-samples', 500));
const rounds = arg('rounds', 5);
const appRuns = arg('app-runs', 5);
const SEED = 1;

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
function stats(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { n: xs.length, median: at(0.5), min: sorted[0], max: sorted.at(-1) };
}
const spread = (s) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** Compiled and HyperFormula runs of one scenario in the worker, alternating, `rounds` pairs. */
async function workerFigures(page, recipe) {
  const doc = buildShippedScenario(recipe, exportModelForTest);
  const workbook = {
    sheets: doc.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })),
    names: doc.names,
  };
  const run = (request) => page.evaluate(([w, r]) => window.__mc.run(w, r), [workbook, request]);
  const compiledRequest = { samples, seed: SEED };
  const referenceRequest = { samples: referenceSamples, seed: SEED, compiled: false };
  // Warm-up: the worker's first start (HyperFormula fetched and parsed) is not a Monte Carlo figure.
  await run({ samples: 100, seed: SEED });
  const compiled = [];
  const reference = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['compiled', 'reference'] : ['reference', 'compiled'];
    for (const side of order) {
      const r = await run(side === 'compiled' ? compiledRequest : referenceRequest);
      (side === 'compiled' ? compiled : reference).push(r);
      log(
        `${recipe.id} round ${round + 1} ${side}: ${r.samples} samples, worker ${fmt(r.workerMs)} ms, round trip ${fmt(r.roundTripMs)} ms (${r.engine}${r.fallbackReason ? `: ${r.fallbackReason}` : ''})`,
      );
    }
  }
  const last = compiled.at(-1);
  const perSample = (runs) => runs.map((r) => r.workerMs / r.samples);
  const ratios = compiled.map(
    (c, i) => reference[i].workerMs / reference[i].samples / (c.workerMs / c.samples),
  );
  return {
    id: recipe.id,
    engine: last.engine,
    fallbackReason: last.fallbackReason,
    referenceSamplesInCompiled: last.referenceSamples,
    compiledWorker: stats(compiled.map((r) => r.workerMs)),
    compiledRoundTrip: stats(compiled.map((r) => r.roundTripMs)),
    compiledPerSample: stats(perSample(compiled)),
    hfPerSample: stats(perSample(reference)),
    ratio: stats(ratios),
    target: last.target,
  };
}

/** In the app: open the scenario, set the runs, click Run until the sentence is painted, `appRuns` times. */
async function clickToPainted(browser, baseUrl, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}?debug`);
    await page.getByRole('grid').waitFor({ timeout: 120_000 });
    const list = page.getByRole('button', { name: 'Workbooks', exact: true });
    if ((await list.getAttribute('aria-expanded')) !== 'true') await list.click();
    await page.getByRole('button', { name: `Open ${name}`, exact: true }).click();
    // The What-if section opens on its first tool (goal seek): choose Monte Carlo.
    await page.getByRole('tab', { name: 'Monte Carlo', exact: true }).click({ timeout: 120_000 });
    const panel = page.getByRole('tabpanel', { name: 'Monte Carlo' });
    const runs = panel.getByRole('textbox', { name: 'Runs', exact: true });
    await runs.waitFor({ timeout: 120_000 });
    await runs.fill(String(samples));
    await runs.press('Tab');
    const times = [];
    // One unmeasured run: the what-if worker starts on first use.
    for (let i = 0; i <= appRuns; i++) {
      const ms = await panel.evaluate(
        (root) =>
          new Promise((resolve) => {
            const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Run');
            let started = 0;
            const observer = new MutationObserver(() => {
              // A new result: the old sentence goes when the run starts, the new one comes at its end.
              if (
                started &&
                !root.querySelector('[role=progressbar], progress') &&
                root.querySelector('[data-testid=mc-sentence]')
              ) {
                observer.disconnect();
                requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
              }
            });
            observer.observe(root, { childList: true, subtree: true });
            started = performance.now();
            button.click();
          }),
      );
      if (i > 0) times.push(ms);
      log(`${name} app run ${i}: ${fmt(ms)} ms${i === 0 ? ' (worker start, not counted)' : ''}`);
    }
    return stats(times);
  } finally {
    await context.close();
  }
}

async function main() {
  const loadBefore = load();
  const server = await createServer({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    server: { port: 5191, strictPort: false, hmr: false, open: false, host: '127.0.0.1' },
  });
  await server.listen();
  const baseUrl = server.resolvedUrls?.local[0];
  const browser = await launchChromium();
  const results = [];
  const app = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}bench/monteCarlo.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 120_000 });
    for (const recipe of SHIPPED_SCENARIOS) results.push(await workerFigures(page, recipe));
    await page.close();
    if (appRuns > 0) {
      for (const recipe of SHIPPED_SCENARIOS) {
        const name = buildShippedScenario(recipe, exportModelForTest).meta.name;
        app.push({ id: recipe.id, painted: await clickToPainted(browser, baseUrl, name) });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(
    `Machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores; load before ${loadBefore}, after ${load()}; ` +
      `${rounds} alternating pairs; compiled ${samples} samples, HyperFormula ${referenceSamples} (the same first samples, seed ${SEED}); medians (min–max)`,
  );
  console.log(
    '\n| scenario | engine (samples to HF) | compiled, worker ms | compiled, round trip ms | compiled µs/sample | HyperFormula µs/sample | HF / compiled per sample |',
  );
  console.log('|---|---|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const us = (s) => ({ median: s.median * 1000, min: s.min * 1000, max: s.max * 1000 });
    console.log(
      `| ${r.id} | ${r.engine}${r.fallbackReason ? ` (${r.fallbackReason})` : ''} (${r.referenceSamplesInCompiled}) | ${spread(r.compiledWorker)} | ${spread(r.compiledRoundTrip)} | ${spread(us(r.compiledPerSample))} | ${spread(us(r.hfPerSample))} | ${spread(r.ratio)}× |`,
    );
  }
  if (app.length > 0) {
    console.log(`\n| scenario | app: click Run → result painted, ${samples} samples, ms (Vite dev server) |`);
    console.log('|---|--:|');
    for (const a of app) console.log(`| ${a.id} | ${spread(a.painted)} |`);
  }
}

await main();
