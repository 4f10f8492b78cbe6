// A recalculation that takes many seconds: the page stays responsive, a progress indication with
// "Cancel calculation" appears, and cancelling undoes the edit (Redo brings it back) and restarts
// the engine from the document at once — nothing is lost, and the app keeps calculating.
import { cell, expect, expectCell, formulaOf, goToCell, openApp, setCell, test } from './support/app';

/**
 * One formula the planner types: sixteen 440×440 matrix products (nine finished in about 3 s on a
 * quiet machine, before the test could see the calculation still running). A single 900×900 product (about 7 s) is
 * now refused outright — SEQUENCE over 200 000 cells is a range bomb (workers/functionPlugins.ts) — so
 * the same work is spelled as products that each stay under that cap. The cost grows with the cube:
 * 440³ is about a ninth of 900³, so sixteen of them take longer (several seconds even on a quiet
 * machine), still running when the progress indication appears after 1.5 s and when Cancel is pressed.
 */
const SLOW_FORMULA = `=${Array.from({ length: 16 }, () => 'SUM(MMULT(SEQUENCE(440,440),SEQUENCE(440,440)))').join('+')}`;

interface Heartbeat {
  __beats: number;
}

async function beats(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(() => (window as unknown as Heartbeat).__beats);
}

test('a long recalculation can be cancelled: the edit is undone, not lost, and the engine keeps working', async ({
  page,
}) => {
  test.slow();
  // A long engine timeout: here the planner, not the watchdog, decides to stop the calculation.
  await openApp(page, 'engineTimeoutMs=60000');
  await page.getByRole('button', { name: 'Add sheet', exact: true }).click();
  await setCell(page, 'A1', '5');
  await setCell(page, 'A2', '=A1*3');
  await expectCell(page, 'A2', '15');

  // A requestAnimationFrame heartbeat: it only ticks while the main thread is free.
  await page.evaluate(() => {
    const w = window as unknown as Heartbeat;
    w.__beats = 0;
    const tick = () => {
      w.__beats++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  const started = Date.now();
  await setCell(page, 'B1', SLOW_FORMULA);
  const progress = page.getByRole('status').filter({ hasText: 'Still calculating' });
  await expect(progress).toBeVisible({ timeout: 5_000 });
  const shownAfter = Date.now() - started;
  expect(shownAfter, 'the indication waits for a slow calculation').toBeGreaterThanOrEqual(1_400);
  await expect(progress.getByRole('progressbar', { name: 'Calculating…' })).toBeVisible();
  const cancel = progress.getByRole('button', { name: 'Cancel calculation' });
  await expect(cancel).toBeEnabled();

  // Meanwhile the page answers: frames keep coming, the name box moves the selection.
  // More than 20 frames within one second (polled, so no fixed sleep: it passes as soon as they came).
  const before = await beats(page);
  await expect
    .poll(async () => (await beats(page)) - before, {
      message: 'animation frames during the calculation',
      timeout: 1_000,
      intervals: [50],
    })
    .toBeGreaterThan(20);
  await goToCell(page, 'C3');
  await goToCell(page, 'B1');
  await expect(page.getByRole('textbox', { name: 'Formula' })).toHaveValue(SLOW_FORMULA);
  // Still not done: the calculation is really long.
  await expect(cell(page, 'B1')).toHaveText('');

  await cancel.click();
  const notice = page.getByRole('status').filter({
    hasText: 'The last edit was undone because its calculation was cancelled; Redo brings it back',
  });
  await expect(notice).toBeVisible();
  await expect(progress).toBeHidden({ timeout: 5_000 });
  // The cell is as before the edit, and the rebuilt engine has the rest of the workbook.
  expect(await formulaOf(page, 'B1')).toBe('');
  await expectCell(page, 'B1', '');
  await expectCell(page, 'A2', '15');
  expect(Date.now() - started, 'cancelled well before the calculation could end').toBeLessThan(9_000);

  // Redo (in the notice) brings the cancelled edit back; this time it is left to finish.
  await notice.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(notice).toBeHidden();
  expect(await formulaOf(page, 'B1')).toBe(SLOW_FORMULA);
  const redone = Date.now();
  await expect
    .poll(async () => (await cell(page, 'B1').textContent()) ?? '', { timeout: 45_000 })
    .toMatch(/^\d\.\d+E\d+$/);
  test.info().annotations.push({
    type: 'recalculation',
    description: `the formula took ${Date.now() - redone} ms in the worker`,
  });
  await expect(progress).toBeHidden();

  // The engine keeps working: a new edit computes.
  await setCell(page, 'A1', '7');
  await expectCell(page, 'A2', '21');
});
