// The app bench's page steps, shared by `bench/appBench.mjs` (one build) and `bench/abBench.mjs` (two
// builds side by side): opening a page, going to a cell, timing Enter → the frame that shows the value,
// filling a 100k-row sheet through the session, and which wheel steps dropped a frame.
import { logger } from './node.mjs';

const log = logger('bench:app');

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => s[Math.max(0, Math.ceil(p * s.length) - 1)];
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  const r = (x) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    median: r(median),
    p95: r(at(0.95)),
    min: r(s[0]),
    max: r(s[s.length - 1]),
    samples: samples.map(r),
  };
}

/** `C5` → the selector of its grid cell (ARIA indices count the header row and column). */
export function cellSelector(ref) {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return `[role=grid] [role=row][aria-rowindex="${Number(m[2]) + 1}"] [role=gridcell][aria-colindex="${col + 1}"]`;
}

export async function goTo(page, ref) {
  const box = page.getByRole('textbox', { name: 'Cell address', exact: true });
  await box.fill(ref);
  await box.press('Enter');
}

/**
 * Arm a measurement in the page: from the next Enter keydown until `selector`'s text (spaces removed)
 * is `expected` (with expected null: differs from what it is now; with expected 'changed': anything
 * inside the element changed — a node, an attribute or text, as when a chart's marks move).
 * Resolves `measured(page, slot)` with [ms to the DOM change, ms to the frame that shows it presented].
 *
 * The clock starts at the keydown event's own timeStamp (when the input was received, so time queued
 * behind other work counts). "Presented" is the timestamp of the second animation frame after the
 * mutation: the first animation frame after it is the frame that renders the change, and the next
 * frame's timestamp is the vsync at which that frame was put on screen. Several measurements of one
 * keystroke use different `slot`s.
 */
export async function arm(page, selector, expected, slot = 'main') {
  await page.evaluate(
    ({ selector, expected, slot }) => {
      const anyChange = expected === 'changed';
      const text = () =>
        (document.querySelector(selector)?.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, '');
      const before = text();
      window.__measured ??= {};
      window.__measured[slot] = new Promise((resolve) => {
        let t0 = null;
        const onKey = (e) => {
          if (e.key === 'Enter' && t0 === null) t0 = e.timeStamp;
        };
        window.addEventListener('keydown', onKey, true);
        const observer = new MutationObserver((records) => {
          if (t0 === null) return;
          const host = document.querySelector(selector);
          if (anyChange) {
            if (!host || !records.some((r) => host.contains(r.target))) return;
          } else {
            const now = text();
            if (expected === null ? now === before || now === '' : now !== expected) return;
          }
          const dom = performance.now() - t0;
          observer.disconnect();
          window.removeEventListener('keydown', onKey, true);
          requestAnimationFrame(() => requestAnimationFrame((presented) => resolve([dom, presented - t0])));
        });
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: anyChange,
        });
        // A value that never shows is reported, not waited for: the run goes on.
        setTimeout(() => {
          observer.disconnect();
          window.removeEventListener('keydown', onKey, true);
          resolve([Number.NaN, Number.NaN, `timeout: "${text()}" (before "${before}", t0 ${t0})`]);
        }, 30_000);
      });
    },
    { selector, expected, slot },
  );
}

export async function measured(page, slot = 'main') {
  const out = await page.evaluate((slot) => window.__measured[slot], slot);
  if (out[2]) log(`  ${out[2]}`);
  return out;
}

export async function addSheet(page) {
  const before = await page.getByRole('tab').count();
  await page.getByRole('button', { name: 'Add sheet', exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[role=tab]').length === n + 1, before);
}

export async function newPage(browser) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

export async function waitForValues(page) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[role=grid] [role=gridcell]')].some(
        (c) => (c.textContent ?? '').trim() !== '',
      ),
    null,
    { timeout: 60_000 },
  );
}

/**
 * Type numbers into A1 of the current sheet and time until B1 (=A1*k) shows the result: `dom` to the
 * DOM change, `presented` to the frame that shows it on screen (see arm). Two warm-up edits first.
 */
export async function keystrokes(page, reps, factor) {
  const samples = [];
  const frames = [];
  for (let i = 0; i < reps + 2; i++) {
    const v = 11 + i;
    await goTo(page, 'A1');
    await arm(page, cellSelector('B1'), String(v * factor));
    await page.keyboard.type(String(v));
    await page.keyboard.press('Enter');
    const [dom, frame] = await measured(page);
    if (i < 2) continue;
    samples.push(dom);
    frames.push(frame);
  }
  return { dom: stats(samples), presented: stats(frames) };
}

/**
 * Fill the current sheet with `rows` rows (A = i, B = A*$D$1) through the session's execute (the debug
 * hook): the setCells command a paste of this block produces, the same document → engine → history →
 * save path as a person's paste. Resolves with the ms until B1 shows 2 (D1 must hold 2).
 */
export async function fillBigSheet(page, rows) {
  const values = new Array(rows);
  for (let i = 0; i < rows; i++) values[i] = [i + 1, `=A${i + 1}*$D$1`];
  await goTo(page, 'A1');
  const started = Date.now();
  await page.evaluate((values) => {
    const s = window.__bana.session();
    s.execute({ type: 'setCells', sheetId: s.activeSheetId(), row: 0, col: 0, values }, 'paste');
  }, values);
  await page.waitForFunction(
    (sel) => (document.querySelector(sel)?.textContent ?? '').trim() === '2',
    cellSelector('B1'),
    { timeout: 120_000 },
  );
  return Date.now() - started;
}

/** A frame interval longer than this missed at least one 60 Hz vsync (16.7 ms plus rAF's jitter). */
export const DROPPED_FRAME_MS = 20;

/**
 * Wheel `steps` steps of 400 px over the grid from A1, recording every animation frame's timestamp and
 * every wheel event's. Each step owns the frames that end between its wheel event and the next one
 * (the last step: until two frames after its scroll). Returns per step the longest frame interval,
 * so a step that dropped a frame is counted once however many idle frames surround it.
 */
export async function scrollFrames(page, steps) {
  const box = await page.locator('[role=grid]').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await goTo(page, 'A1');
  await page.evaluate(() => {
    window.__frames = [];
    window.__wheels = [];
    window.__scrolling = true;
    window.addEventListener('wheel', (e) => window.__wheels.push(e.timeStamp), {
      capture: true,
      passive: true,
    });
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__scrolling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  for (let i = 0; i < steps; i++) await page.mouse.wheel(0, 400);
  await page.evaluate(
    () =>
      new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))),
  );
  const { frames, wheels, scrollTop } = await page.evaluate(() => {
    window.__scrolling = false;
    return {
      frames: window.__frames,
      wheels: window.__wheels,
      scrollTop: document.querySelector('[role=grid]').scrollTop,
    };
  });
  return { ...perStep(frames, wheels), scrollTop };
}

/** Per wheel step, the longest frame interval ending in its window; and every interval, for reference. */
export function perStep(frames, wheels) {
  const intervals = [];
  for (let i = 1; i < frames.length; i++) intervals.push({ end: frames[i], ms: frames[i] - frames[i - 1] });
  const worst = wheels.map((start, i) => {
    const end = wheels[i + 1] ?? Number.POSITIVE_INFINITY;
    let longest = 0;
    for (const f of intervals) if (f.end > start && f.end <= end) longest = Math.max(longest, f.ms);
    return longest;
  });
  return { stepWorst: worst, frames: intervals.map((f) => f.ms) };
}

/** The share of steps that dropped a frame, in %, and the worst step, ms. */
export function scrollSummary(stepWorst) {
  const dropped = stepWorst.filter((ms) => ms > DROPPED_FRAME_MS).length;
  return {
    steps: stepWorst.length,
    droppedSteps: dropped,
    droppedPct: Math.round((1000 * dropped) / Math.max(1, stepWorst.length)) / 10,
    worstStepMs: Math.round(Math.max(0, ...stepWorst) * 10) / 10,
  };
}

/** A fresh page of the app at `baseUrl` (debug hooks on) with a new empty sheet open. */
export async function pageWithNewSheet(browser, baseUrl) {
  const opened = await newPage(browser);
  await opened.page.goto(`${baseUrl}?debug`);
  await waitForValues(opened.page);
  await addSheet(opened.page);
  return opened;
}

/** A fresh page with a sheet of `rows` rows (A = i, B = A*$D$1, D1 = 2); `pasteMs` as fillBigSheet. */
export async function bigSheetPage(browser, baseUrl, rows) {
  const opened = await pageWithNewSheet(browser, baseUrl);
  await goTo(opened.page, 'D1');
  await opened.page.keyboard.type('2');
  await opened.page.keyboard.press('Enter');
  const pasteMs = await fillBigSheet(opened.page, rows);
  return { ...opened, pasteMs };
}

/**
 * Record, from before the app's first script runs, when the app shell (its header) and the first
 * value were presented on screen — in the grid (any cell with text: the grid shows nothing until
 * values arrive, saved or computed), or on the start view a fresh profile opens on (a scenario's
 * result line) — the second animation frame after each was seen, as in arm —
 * in ms since navigation start. Read with `startupMarks(page)`.
 */
export async function watchStartup(context) {
  await context.addInitScript(() => {
    const marks = {};
    window.__startup = marks;
    const presented = (key) =>
      requestAnimationFrame(() =>
        requestAnimationFrame((t) => {
          marks[key] ??= t;
        }),
      );
    const check = () => {
      if (marks.shellSeen === undefined && document.querySelector('.app-header')) {
        marks.shellSeen = performance.now();
        presented('shell');
      }
      const inGrid = [...document.querySelectorAll('[role=gridcell]')].some(
        (c) => (c.textContent ?? '').trim() !== '',
      );
      // A fresh profile opens on the start view: its first value is a scenario's result line.
      const onStart = [...document.querySelectorAll('[data-testid=start-result]')].some((c) =>
        /\d/.test(c.textContent ?? ''),
      );
      if (marks.valueSeen === undefined && (inGrid || onStart)) {
        marks.where = inGrid ? 'grid' : 'start view';
        marks.valueSeen = performance.now();
        presented('value');
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** Wait for the first value presented; returns { shell, value, timeOrigin } (ms since navigation). */
export async function startupMarks(page) {
  await page.waitForFunction(
    () => window.__startup?.value !== undefined && window.__startup?.shell !== undefined,
    null,
    {
      timeout: 120_000,
    },
  );
  return page.evaluate(() => ({
    shell: window.__startup.shell,
    value: window.__startup.value,
    where: window.__startup.where,
    timeOrigin: performance.timeOrigin,
  }));
}
