// A formula that keeps the engine calculating past its time limit is set aside: the engine restarts
// without it, the cell shows an error, a notice names the cell, and the next edits are calculated. The
// stored workbook is never poisoned: it reopens at once with the cell named, and even without the
// stored list (a workbook that hangs on open) the offending cell is found and named.
import {
  cell,
  expect,
  expectCell,
  openApp,
  openFromList,
  setCell,
  test,
  waitForWorkbook,
} from './support/app';

test.use({ allowEngineRestart: true });

/** Thirty 440×440 matrix products: each stays under the range caps, together far past a 1.5 s limit. */
const SLOW_FORMULA = `=${Array.from({ length: 30 }, () => 'SUM(MMULT(SEQUENCE(440,440),SEQUENCE(440,440)))').join('+')}`;
const SET_ASIDE = /The formula in Sheet1!B1 took longer to calculate than Bana allows and was set aside/;

test('a formula past the time limit is set aside and named; the workbook reopens, also without the stored list', async ({
  page,
}) => {
  test.slow();
  await openApp(page, 'engineTimeoutMs=1500');
  await openFromList(page, 'New workbook');
  await setCell(page, 'A1', '5');
  await setCell(page, 'A2', '=A1*3');
  await expectCell(page, 'A2', '15');

  await setCell(page, 'B1', SLOW_FORMULA);
  const notice = page.getByRole('alert').filter({ hasText: SET_ASIDE });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expectCell(page, 'B1', '#VALUE!', 10_000);
  await expect(cell(page, 'B1')).toHaveAttribute('aria-description', /took longer to calculate/);
  // The engine answers the next edit; the planner's formula is kept in the document.
  await setCell(page, 'A1', '7');
  await expectCell(page, 'A2', '21', 10_000);

  // Reopened: the stored list sets the cell aside before the first load, and names it again.
  await page.reload();
  await waitForWorkbook(page);
  await expect(page.getByRole('alert').filter({ hasText: SET_ASIDE })).toBeVisible({ timeout: 10_000 });
  await expectCell(page, 'B1', '#VALUE!', 10_000);
  await expectCell(page, 'A2', '21');

  // A workbook that hangs on open with nothing stored: the load runs out, the cell is found and named.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage))
      if (key.startsWith('bana-quarantine-')) localStorage.removeItem(key);
  });
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: SET_ASIDE })).toBeVisible({ timeout: 60_000 });
  await waitForWorkbook(page);
  await expectCell(page, 'B1', '#VALUE!', 10_000);
  await setCell(page, 'A1', '10');
  await expectCell(page, 'A2', '30', 10_000);
});
