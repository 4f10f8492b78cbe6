// A newer Bana upgrades the database while an old tab is open: the old tab stops writing and asks
// for a reload, keeps the edit on screen and still offers the download.
import { readFile } from 'node:fs/promises';
import {
  expect,
  expectCell,
  expectSaved,
  goToCell,
  openApp,
  readStoredWorkbook,
  SEED_NAME,
  saveState,
  setCell,
  test,
} from './support/app';

test('an old tab stops writing when a newer version upgrades the database, and still downloads', async ({
  page,
  context,
}) => {
  await openApp(page);
  await expectSaved(page);

  // The "newer app": a page of the same origin that is not the app (a static file), opening `bana`
  // at a higher version. It only succeeds once the old tab has closed its connection.
  const newer = await context.newPage();
  await newer.goto('/screenshot.png');
  const version = await newer.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('bana', 99);
        request.onsuccess = () => {
          (window as unknown as { __db: IDBDatabase }).__db = request.result;
          resolve(request.result.version);
        };
        request.onerror = () => reject(request.error);
        request.onblocked = () => reject(new Error('blocked: the old tab kept its connection'));
      }),
  );
  expect(version).toBe(99);

  const banner = page.getByRole('alert').filter({ hasText: 'Bana was updated in another tab' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
  // One banner, not a second "not saved" one saying the same.
  await expect(page.getByRole('alert')).toHaveCount(1);

  await setCell(page, 'A150', 'efter uppgradering');
  await goToCell(page, 'A150');
  await expectCell(page, 'A150', 'efter uppgradering');
  // The save was tried after the debounce and refused.
  await expect(saveState(page)).toHaveText('Not saved');
  await page.evaluate(() => (window as unknown as { __bana: { flush(): Promise<unknown> } }).__bana.flush());
  await expect(saveState(page)).toHaveText('Not saved');

  // What is stored is untouched: the newer app reads it after closing its upgrade connection.
  const storedVersion = await newer.evaluate(() => {
    const db = (window as unknown as { __db: IDBDatabase }).__db;
    db.close();
    return db.version;
  });
  expect(storedVersion).toBe(99);
  const stored = (await readStoredWorkbook(newer, SEED_NAME)) as { sheets: { cells: unknown[][] }[] };
  // The seed as it was, without the refused edit in row 150 (below the seed's last row).
  const seedRows = stored.sheets[0]?.cells.length ?? 0;
  expect(seedRows).toBeGreaterThan(0);
  expect(seedRows).toBeLessThan(150);

  // The edit is not lost: the banner's download has it.
  const downloading = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download workbook' }).click();
  const file = JSON.parse(await readFile(await (await downloading).path(), 'utf8'));
  expect(file.meta.name).toBe(SEED_NAME);
  expect(file.sheets[0].cells[149][0]).toBe('efter uppgradering');
  await expectCell(page, 'A150', 'efter uppgradering');
});
