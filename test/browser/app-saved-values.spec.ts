// Values before the engine: a reopened workbook paints the values saved with it while the engine is
// held back, marked as the last saved values, and never paints values of another version.
import {
  cell,
  expect,
  expectCell,
  expectSaved,
  openApp,
  openFromList,
  test,
  title,
  waitForValues,
} from './support/app';
import { APP_START_MS, ENGINE_LOAD_MS, slowStep } from './support/timeouts';

type Bana = {
  session(): { setCells(row: number, col: number, block: (number | string)[][]): void };
  releaseEngine(): void;
};

/** 1 000 rows × 10 columns: numbers in A, formulas over them in B–J (10 000 cells). */
function bigBlock(): (number | string)[][] {
  return Array.from({ length: 1000 }, (_, r) => [
    r + 1,
    ...Array.from({ length: 9 }, (_, c) => `=A${r + 1}*${c + 2}`),
  ]);
}

test('a reopened 10 000-cell workbook shows its saved values before the engine answers', async ({ page }) => {
  test.setTimeout(slowStep(ENGINE_LOAD_MS) + 60_000);
  await openApp(page);
  await openFromList(page, 'New workbook');
  await expect(title(page)).toHaveText('Untitled workbook');
  await page.evaluate(
    (block) => (window as unknown as { __bana: Bana }).__bana.session().setCells(0, 0, block),
    bigBlock(),
  );
  await expectCell(page, 'B3', '6', slowStep(ENGINE_LOAD_MS));
  await expectCell(page, 'J10', '100');
  await expectSaved(page);

  // Reopen with the engine held back: the stored values paint, marked as not yet recalculated.
  await page.goto('/?debug&holdEngine');
  await expect(title(page)).toHaveText('Untitled workbook', { timeout: slowStep(APP_START_MS) });
  const marker = page.getByRole('status').filter({ hasText: 'Showing the last saved values' });
  await expect(marker).toBeVisible();
  await expect(cell(page, 'B3')).toHaveText('6');
  await expect(cell(page, 'J10')).toHaveText('100');
  await expect(cell(page, 'A1')).toHaveText('1');

  // The engine answers: its values take over and the marker goes.
  await page.evaluate(() => (window as unknown as { __bana: Bana }).__bana.releaseEngine());
  await expect(marker).toBeHidden({ timeout: slowStep(ENGINE_LOAD_MS) });
  await expectCell(page, 'J10', '100');
});

test('values saved with another version are never shown', async ({ page, context }) => {
  test.setTimeout(slowStep(ENGINE_LOAD_MS) + 60_000);
  await openApp(page);
  await openFromList(page, 'New workbook');
  await page.evaluate(
    (block) => (window as unknown as { __bana: Bana }).__bana.session().setCells(0, 0, block),
    [[5, '=A1*2']],
  );
  await expectCell(page, 'B1', '10', slowStep(ENGINE_LOAD_MS));
  await expectSaved(page);

  // Another tab, whose engine never answers, changes the workbook: its save carries no values, so the
  // values stored for the older version go.
  const other = await context.newPage();
  await other.goto('/?debug&holdEngine&saveDelayMs=1');
  await expect(title(other)).toHaveText('Untitled workbook', { timeout: slowStep(APP_START_MS) });
  await other.evaluate(() => (window as unknown as { __bana: Bana }).__bana.session().setCells(0, 0, [[7]]));
  await expectSaved(other);
  await other.close();

  await page.goto('/?debug&holdEngine');
  await expect(title(page)).toHaveText('Untitled workbook', { timeout: slowStep(APP_START_MS) });
  await expect(cell(page, 'B1')).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Showing the last saved values' })).toHaveCount(0);
  await page.evaluate(() => (window as unknown as { __bana: Bana }).__bana.releaseEngine());
  await waitForValues(page);
  await expectCell(page, 'B1', '14');
});

test('a workbook only opened and read, never edited, also shows its values before the engine next time', async ({
  page,
}) => {
  test.setTimeout(slowStep(ENGINE_LOAD_MS) * 2 + 60_000);
  await openApp(page);
  await waitForValues(page);
  const name = await title(page).textContent();
  const marker = page.getByRole('status').filter({ hasText: 'Showing the last saved values' });
  // The values are stored shortly after the engine's first answer; no save of the document is needed.
  await expect(async () => {
    await page.goto('/?debug&holdEngine');
    await expect(title(page)).toHaveText(name ?? '', { timeout: slowStep(APP_START_MS) });
    await expect(marker).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: slowStep(ENGINE_LOAD_MS) });
  await expect(
    page.locator('[role=gridcell]:not([aria-busy=true])').filter({ hasText: /\d/ }).first(),
  ).toBeVisible();
});

test('after a first visit spent on the start view, the workbook behind it shows its values before the engine', async ({
  page,
}) => {
  test.setTimeout(slowStep(ENGINE_LOAD_MS) * 2 + 60_000);
  // A fresh profile opens on the start view: no grid is shown, yet the workbook behind it is open.
  await page.goto('/?debug&start');
  await expect(page.getByTestId('start-result').first()).toContainText(/\d/, {
    timeout: slowStep(ENGINE_LOAD_MS),
  });
  const marker = page.getByRole('status').filter({ hasText: 'Showing the last saved values' });
  // The second visit reopens that workbook; its top-left values were stored without a grid.
  await expect(async () => {
    await page.goto('/?debug&holdEngine');
    await expect(page.getByRole('grid')).toBeVisible({ timeout: slowStep(APP_START_MS) });
    await expect(marker).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: slowStep(ENGINE_LOAD_MS) });
  await expect(
    page.locator('[role=gridcell]:not([aria-busy=true])').filter({ hasText: /\d/ }).first(),
  ).toBeVisible();
});
