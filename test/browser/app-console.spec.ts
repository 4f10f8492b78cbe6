// The console stays quiet: from the first load and while a planner types in the grid, switches
// sheets, opens a scenario, walks meeting mode and compares scenarios, the page and its workers
// log no warning and no error. Run on the production build (what we ship) and on the development
// server, the only place Solid warns about computations created outside a `createRoot`.
import type { Page } from '@playwright/test';
import { watchConsole, startDevServer } from './support/console';
import {
  SHIPPED_SCENARIO_NAMES,
  expect,
  expectCell,
  openSheet,
  SEED_SHEETS,
  setCell,
  test,
  waitForValues,
} from './support/app';
import { APP_START_MS, CHART_MS, DEV_SERVER_START_MS, slowStep } from './support/timeouts';
import { openMeetingMode, openScenario } from './support/scenario';
import { closeDialog, compareScenarios } from './support/versions';

const [STOCKHOLM, DALARNA] = SHIPPED_SCENARIO_NAMES as [string, string];

// As a browser runs Bana: the service worker registers (the other specs block it to stay lean).
test.use({ serviceWorkers: 'allow' });

/**
 * A planner's first minutes in Bana, on the app served at `origin` (empty: the test's baseURL),
 * whose first page load may take up to `firstLoadMs`.
 */
async function useTheApp(page: Page, origin: string, firstLoadMs: number): Promise<void> {
  await page.goto(`${origin}/?debug`);
  await expect(page.getByRole('grid')).toBeVisible({ timeout: firstLoadMs });
  await waitForValues(page);

  // Type in the grid: a number, then a formula that reads it.
  await setCell(page, 'A25', '12');
  await setCell(page, 'A26', '=A25*2');
  await expectCell(page, 'A26', '24');

  // Switch sheets and back.
  for (const name of [SEED_SHEETS[1], SEED_SHEETS[2], SEED_SHEETS[0]] as string[])
    await openSheet(page, name);

  // Open a shipped scenario: its charts draw.
  await openScenario(page, DALARNA);

  // Meeting mode: every slide, then Esc.
  const meeting = await openMeetingMode(page, DALARNA);
  const status = meeting.getByRole('status');
  for (let slide = 1; slide <= 5; slide++) {
    if (slide > 1) await page.keyboard.press('ArrowRight');
    await expect(status).toHaveText(`Slide ${slide} of 5`);
  }
  await expect(meeting.getByRole('img').locator('svg').last()).toBeVisible({ timeout: slowStep(CHART_MS) });
  await page.keyboard.press('Escape');
  await expect(meeting).toBeHidden();

  // Compare the two shipped scenarios.
  const compare = await compareScenarios(page, [STOCKHOLM, DALARNA]);
  await expect(
    compare
      .getByRole('img', { name: /^Projected emissions of the scenarios\. / })
      .locator('svg')
      .first(),
  ).toBeVisible({ timeout: slowStep(CHART_MS) });
  await closeDialog(compare);
}

test('the production build logs no warning or error while the app is used', async ({ page }) => {
  const problems = watchConsole(page);
  await useTheApp(page, '', slowStep(APP_START_MS));
  expect(problems).toEqual([]);
});

test('no Solid warning (or any other) on the development server while the app is used', async ({ page }) => {
  // The slow part is starting the server and its first page load (dependency pre-bundling).
  const firstLoadMs = slowStep(DEV_SERVER_START_MS);
  const server = await startDevServer();
  try {
    const problems = watchConsole(page);
    await useTheApp(page, server.url, firstLoadMs);
    expect(problems).toEqual([]);
  } finally {
    await server.close();
  }
});
