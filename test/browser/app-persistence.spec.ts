// Nothing typed is lost: edits save by themselves within a second, hidden or closed tabs write at
// once, and a reload brings back the workbook as it was left.
import {
  dialog,
  expect,
  expectCell,
  expectSaved,
  openApp,
  openFromList,
  openSheet,
  openWorkbookList,
  SHIPPED_SCENARIO_NAMES,
  saveState,
  setCell,
  tab,
  tabNames,
  test,
  title,
  waitForWorkbook,
} from './support/app';

/** Record every text the save state shows from now on (it changes faster than polling sees). */
async function recordSaveStates(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('header [role=status]') as HTMLElement;
    const log: { text: string; at: number }[] = [{ text: el.textContent ?? '', at: performance.now() }];
    (window as unknown as { __saveLog: typeof log }).__saveLog = log;
    new MutationObserver(() => log.push({ text: el.textContent ?? '', at: performance.now() })).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

async function saveLog(page: import('@playwright/test').Page): Promise<{ text: string; at: number }[]> {
  return page.evaluate(() => (window as unknown as { __saveLog: { text: string; at: number }[] }).__saveLog);
}

test.describe('saving and reloading', () => {
  test('a reload keeps values, formulas, a new sheet, column width, the workbook name and the open workbook', async ({
    page,
  }) => {
    await openApp(page);
    // Make a second workbook the open one, so the reload must remember which one was open.
    await openFromList(page, 'New workbook');
    await expect(title(page)).toHaveText('Untitled workbook');
    await setCell(page, 'A1', 'Utsläpp 2019');
    await setCell(page, 'B1', '1234.5');
    await setCell(page, 'B2', '=B1*2');
    await expectCell(page, 'B2', '2,469');

    await page.getByRole('button', { name: 'Add sheet', exact: true }).click();
    await expect(tab(page, 'Sheet2')).toHaveAttribute('aria-selected', 'true');
    await setCell(page, 'C3', '=Sheet1!B2+1');
    await expectCell(page, 'C3', '2,470');

    // Widen column A of Sheet1 from the keyboard (the resize handle is a separator).
    await openSheet(page, 'Sheet1');
    const resize = page.getByRole('separator', { name: 'Resize column A' });
    const before = Number(await resize.getAttribute('aria-valuenow'));
    await resize.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(resize).not.toHaveAttribute('aria-valuenow', String(before));
    const widened = await resize.getAttribute('aria-valuenow');

    const list = await openWorkbookList(page);
    await list.getByRole('button', { name: 'Rename Untitled workbook', exact: true }).click();
    await dialog(page).getByRole('textbox', { name: 'Workbook name' }).fill('Min plan');
    await dialog(page).getByRole('button', { name: 'Rename' }).click();
    await expect(title(page)).toHaveText('Min plan');
    await expectSaved(page);

    await page.reload();
    await waitForWorkbook(page);
    await expect(title(page)).toHaveText('Min plan');
    expect(await tabNames(page)).toEqual(['Sheet1', 'Sheet2']);
    await expectCell(page, 'A1', 'Utsläpp 2019');
    await expectCell(page, 'B1', '1,234.5');
    await expectCell(page, 'B2', '2,469');
    await expect(page.getByRole('separator', { name: 'Resize column A' })).toHaveAttribute(
      'aria-valuenow',
      widened ?? '',
    );
    await openSheet(page, 'Sheet2');
    await expectCell(page, 'C3', '2,470');
    await page.getByRole('textbox', { name: 'Cell address' }).fill('C3');
    await page.getByRole('textbox', { name: 'Cell address' }).press('Enter');
    await expect(page.getByRole('textbox', { name: 'Formula' })).toHaveValue('=Sheet1!B2+1');
    expect((await (await openWorkbookList(page)).locator('.workbook-name').allTextContents()).sort()).toEqual(
      ['Min plan', 'Region Stockholm klimatfond 2025', ...SHIPPED_SCENARIO_NAMES].sort(),
    );
  });

  test('an edit is saved by itself within a second', async ({ page }) => {
    await openApp(page);
    await expectSaved(page);
    await recordSaveStates(page);
    await setCell(page, 'A25', 'sparas');
    await expectSaved(page, 1_000);
    const log = await saveLog(page);
    // From the commit (the status leaves "saved") to "saved" again.
    const committed = log.find((e) => e.text === 'Unsaved changes');
    const savedAgain = log.findLast((e) => e.text === 'All changes saved');
    expect(committed, 'the status said "Unsaved changes" after the edit').toBeDefined();
    expect((savedAgain?.at ?? Number.POSITIVE_INFINITY) - (committed?.at ?? 0)).toBeLessThan(1_000);
    await page.reload();
    await waitForWorkbook(page);
    await expectCell(page, 'A25', 'sparas');
  });

  test('hiding the tab writes a pending edit at once', async ({ page }) => {
    // A long debounce: only the flush on hiding can write the edit within the test.
    await openApp(page, 'saveDelayMs=20000');
    await expectSaved(page);
    await setCell(page, 'A25', 'dold flik');
    // Hide the tab while the edit still waits for its debounce, as when the planner switches away.
    const state = await page.evaluate(() => {
      const status = document.querySelector('header [role=status]')?.textContent;
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
      return status;
    });
    expect(state, 'the edit was still waiting when the tab was hidden').toBe('Unsaved changes');
    // Saved at once, long before the 20 s debounce would have written it.
    await expectSaved(page, 2_000);
    await page.reload();
    await waitForWorkbook(page);
    await expectCell(page, 'A25', 'dold flik');
  });

  test('closing the tab right after an edit keeps the edit', async ({ page, context }) => {
    // Chromium drops a transaction started during unload unless it is committed explicitly:
    // db.ts commits its write transactions as soon as the requests are issued.
    // A long debounce: only the flush on pagehide/visibilitychange can write the edit.
    await openApp(page, 'saveDelayMs=20000');
    await expectSaved(page);
    await setCell(page, 'A25', 'stängd flik');
    expect(await saveState(page).textContent()).toBe('Unsaved changes');
    await page.close({ runBeforeUnload: true });
    const next = await context.newPage();
    await openApp(next);
    await expectCell(next, 'A25', 'stängd flik');
  });
});
