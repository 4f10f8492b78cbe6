// `npm run bench:levers [-- --steps=100]`: slider → frame on the production build in headless
// Chromium. For each shipped scenario, the first measure lever's slider is dragged with the mouse in
// `steps` moves, one at a time; each move is timed from its input event (event.timeStamp) to the
// next frame presented after the trajectory chart changed: a requestAnimationFrame after the
// mutation, then the next one's timestamp (the frame with the change was presented by then).
// Prints p50/p95 per scenario and writes bench/results/levers-latest.json. Not part of the tests.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { newPage, stats, waitForValues } from './appPage.mjs';
import { buildAndServe, launchChromium, logger, root } from './node.mjs';

const outDir = path.join(root, 'bench/results/dist-levers');
const stepsArg = process.argv.find((a) => a.startsWith('--steps='));
const STEPS = stepsArg ? Math.max(2, Number(stepsArg.slice('--steps='.length))) : 100;
const SCENARIOS = [
  'Region Stockholm – klimatfondens åtgärder mot 2035',
  'Region Dalarna – mot −75 % till 2030',
];
const log = logger('bench:levers');

/** In the page: time the next input event on `slider` to the frame after the chart changed. */
function armStep(page) {
  return page.evaluate(() => {
    const slider = document.querySelector('[data-testid="levers"] input[type=range]');
    const chart = document.querySelector('#chart-trajectory .chart');
    window.__step = new Promise((resolve) => {
      let t0 = null;
      const done = (value) => {
        observer.disconnect();
        slider?.removeEventListener('input', onInput, true);
        clearTimeout(timer);
        resolve(value);
      };
      const onInput = (e) => {
        if (t0 === null) t0 = e.timeStamp;
      };
      slider?.addEventListener('input', onInput, true);
      const observer = new MutationObserver(() => {
        if (t0 === null) return;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame((ts) => done(ts - t0)));
      });
      if (chart) observer.observe(chart, { subtree: true, childList: true, attributes: true });
      // A move that changed no value (no input event) or a value the chart does not show is a miss.
      const timer = setTimeout(() => done(null), 3_000);
    });
  });
}

async function dragScenario(browser, baseUrl, name) {
  const { context, page, errors } = await newPage(browser);
  await page.goto(`${baseUrl}?debug`);
  await waitForValues(page);
  const toggle = page.getByRole('button', { name: 'Workbooks', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page
    .getByRole('region', { name: 'Your workbooks' })
    .getByRole('button', { name: `Open ${name}`, exact: true })
    .click();
  await page.waitForSelector('#chart-trajectory .chart svg', { timeout: 60_000 });
  const slider = page.locator('[data-testid="levers"] input[type=range]').first();
  const lever = await slider.getAttribute('data-address');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error(`no slider in ${name}`);
  const y = box.y + box.height / 2;
  // The thumb's centre travels 8 px in from each end; start at the low end and drag to the high end.
  const x = (f) => box.x + 8 + (box.width - 16) * f;
  await page.mouse.move(x(0), y);
  await page.mouse.down();
  const samples = [];
  let misses = 0;
  for (let i = 1; i <= STEPS; i++) {
    await armStep(page);
    await page.mouse.move(x(i / STEPS), y);
    const ms = await page.evaluate(() => window.__step);
    if (ms === null) misses++;
    else samples.push(ms);
  }
  await page.mouse.up();
  await context.close();
  return { lever, steps: STEPS, misses, frame: stats(samples), errors };
}

async function main() {
  const loadBefore = os.loadavg();
  log('vite build …');
  const server = await buildAndServe(root, outDir, 5291);
  const baseUrl = server.resolvedUrls?.local[0];
  const browser = await launchChromium();
  const report = { date: new Date().toISOString(), steps: STEPS, scenarios: {} };
  let exitCode = 0;
  try {
    for (const name of SCENARIOS) {
      log(`${name}: ${STEPS}-step drag …`);
      report.scenarios[name] = await dragScenario(browser, baseUrl, name);
    }
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
  report.machine = {
    cores: os.cpus().length,
    loadAverageBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
    loadAverageAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  await mkdir(path.join(root, 'bench/results'), { recursive: true });
  await writeFile(
    path.join(root, 'bench/results/levers-latest.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  for (const [name, r] of Object.entries(report.scenarios)) {
    console.log(
      `${name} (${r.lever}): slider input → frame p50 ${r.frame.median} ms, p95 ${r.frame.p95} ms ` +
        `(n ${r.frame.n}, ${r.misses} moves without a chart change)`,
    );
  }
  console.log(
    `load average before ${report.machine.loadAverageBefore.join(' ')}, after ${report.machine.loadAverageAfter.join(' ')}`,
  );
  process.exitCode = exitCode;
}

main();
