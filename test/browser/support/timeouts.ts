// The few browser-test waits that are slow by nature, each with its own explicit limit and the
// measurement behind it; every other wait keeps the config's short default (5 s) so a hang shows.
//
// Measured on the production build, 2 cores, one page at a time (2 Dec 2026):
//   at load 7–9:   page load to the grid 2.3–2.7 s, the engine's first values 0.5 s later;
//   at load 21:    page load to the grid 3.7–5.1 s, values 0.5–0.8 s later; opening the shipped
//                  Dalarna scenario 4.5 s to its values and 5.5 s to its first chart;
//   at load 28–30: comparing the two shipped scenarios 11–15 s.
// A test run puts two pages on the cores at once (and at load 14 one such open took over 15 s), so
// each limit is several times the loaded figure: long enough for a busy machine, short enough that a
// real hang still fails.
import { test } from '@playwright/test';

/** Page load (or reload) until a workbook's grid is on screen: storage opened, the first run seeded. */
export const APP_START_MS = 15_000;

/**
 * The engine's first values for a workbook just opened: the worker fetches and parses HyperFormula
 * (~800 kB) on a page load, then builds the workbook and calculates it; a scenario workbook
 * (hundreds of formulas over its measures) is the slowest.
 */
export const ENGINE_LOAD_MS = 30_000;

/** A chart on screen: Observable Plot is a lazy chunk, loaded and laid out on first use. */
export const CHART_MS = 15_000;

/** The comparison's results: every chosen scenario is evaluated in a worker of its own. */
export const COMPARE_MS = 30_000;

/** An .xlsx read into a workbook: ExcelJS is a lazy chunk (~1 MB) parsed on first use. */
export const EXCEL_IMPORT_MS = 15_000;

/**
 * The first page load from the Vite development server: on a fresh clone it pre-bundles the
 * dependencies (HyperFormula, Solid, Plot) and transforms each module on request; measured 11 s at
 * load 3 with an empty cache.
 */
export const DEV_SERVER_START_MS = 60_000;

/**
 * Give one slow step its allowance: the running test's time limit (30 s for its ordinary steps) grows
 * by `ms`, and `ms` is returned for the step's own wait, e.g. `toBeVisible({ timeout: slowStep(CHART_MS) })`.
 * So a test gets more time only for the slow states it really waits for, and a hang in one still
 * fails at that step's limit.
 */
export function slowStep(ms: number): number {
  const info = test.info();
  if (info.timeout > 0) info.setTimeout(info.timeout + ms);
  return ms;
}
