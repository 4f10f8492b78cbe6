// Site data cleared by the browser while Bana is open: the tab says so, keeps the open workbook,
// and the next save stores it again. And persistent storage is asked for once, quietly.
import {
  expect,
  expectCell,
  expectSaved,
  goToCell,
  openApp,
  SEED_NAME,
  setCell,
  test,
  title,
  waitForStorageIdle,
  waitForWorkbook,
  workbookNames,
} from './support/app';

test('clearing site data shows a banner, keeps the workbook, and the next save recreates storage', async ({
  page,
  context,
}) => {
  await openApp(page);
  await expectSaved(page);
  await setCell(page, 'A25', 'före rensning');
  await expectSaved(page);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(page.url()).origin,
    storageTypes: 'indexeddb',
  });

  const banner = page.getByRole('alert').filter({ hasText: 'The browser cleared Bana’s stored data' });
  await expect(banner).toBeVisible();
  await goToCell(page, 'A25');
  await expectCell(page, 'A25', 'före rensning');
  const downloading = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download workbook' }).click();
  expect((await downloading).suggestedFilename()).toBe(`${SEED_NAME}.bana.json`);

  // The next edit stores the workbook again, in a recreated database.
  await setCell(page, 'A26', 'efter rensning');
  await expectSaved(page);
  await page.reload();
  await waitForWorkbook(page);
  await expect(title(page)).toHaveText(SEED_NAME);
  await goToCell(page, 'A26');
  await expectCell(page, 'A25', 'före rensning');
  await expectCell(page, 'A26', 'efter rensning');
  // The examples are not seeded over it again.
  expect(await workbookNames(page)).toEqual([SEED_NAME]);
});

test('persistent storage is asked for once, after the first save, and a grant shows nothing', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const calls: number[] = [];
    (window as unknown as { __persistCalls: number[] }).__persistCalls = calls;
    StorageManager.prototype.persist = async () => {
      calls.push(performance.now());
      return true;
    };
  });
  const calls = () =>
    page.evaluate(() => (window as unknown as { __persistCalls: number[] }).__persistCalls.length);

  await openApp(page);
  await expectSaved(page);
  expect(await calls(), 'not asked before anything was saved').toBe(0);
  await setCell(page, 'A25', 'ett');
  await expectSaved(page);
  await expect.poll(calls).toBe(1);
  await setCell(page, 'A26', 'två');
  await expectSaved(page);
  // Had the save started another request, it would have by the time its storage reads are done.
  await waitForStorageIdle(page);
  expect(await calls()).toBe(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.notices').getByRole('status')).toHaveCount(0);

  const recorded = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('bana');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const value = await new Promise<unknown>((resolve, reject) => {
      const request = db.transaction('meta').objectStore('meta').get('persisted');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return value;
  });
  expect(recorded).toBe(true);

  // The answer is kept: the next visit saves without asking again.
  await page.reload();
  await waitForWorkbook(page);
  await setCell(page, 'A27', 'tre');
  await expectSaved(page);
  await waitForStorageIdle(page);
  expect(await calls()).toBe(0);
});
