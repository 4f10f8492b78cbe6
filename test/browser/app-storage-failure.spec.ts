// When the browser will not store: a full disk shows a banner with download and retry, keeps the
// edit on screen and saves it on retry; no IndexedDB at all still lets the planner work in memory.
import { readFile } from 'node:fs/promises';
import { SCHEMA_VERSION } from '../../src/core/document';
import {
  expect,
  expectCell,
  expectSaved,
  goToCell,
  openApp,
  openFromList,
  openWorkbookList,
  SEED_NAME,
  saveState,
  setCell,
  test,
  title,
  waitForWorkbook,
} from './support/app';

test.describe('storage failures', () => {
  test('a full disk shows a banner with download and retry, and retry saves the edit', async ({ page }) => {
    await openApp(page);
    await expectSaved(page);

    await page.evaluate(() => {
      const proto = IDBObjectStore.prototype as IDBObjectStore & { __realPut?: IDBObjectStore['put'] };
      proto.__realPut = proto.put;
      proto.put = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    await setCell(page, 'C3', '1500000');
    await expectCell(page, 'C15', '10,500,000');

    const banner = page.getByRole('alert').filter({ hasText: 'storage is full' });
    await expect(banner).toBeVisible();
    await expect(saveState(page)).toHaveText('Not saved');
    await expect(banner.getByRole('button', { name: 'Download workbook' })).toBeVisible();
    await expect(banner.getByRole('button', { name: 'Retry' })).toBeVisible();
    // The edit stays on screen.
    await expectCell(page, 'C3', '1,500,000');

    // Download gives a .bana.json with the edit in it.
    const downloading = page.waitForEvent('download');
    await banner.getByRole('button', { name: 'Download workbook' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${SEED_NAME}.bana.json`);
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(file.schemaVersion).toBe(SCHEMA_VERSION);
    expect(file.meta.name).toBe(SEED_NAME);
    const fund = file.sheets.find((s: { name: string }) => s.name === 'Klimatfond 2025');
    expect(fund.cells[2][2]).toBe(1500000);

    // Retry while the disk is still full keeps the banner.
    await banner.getByRole('button', { name: 'Retry' }).click();
    await expect(banner).toBeVisible();
    await expect(saveState(page)).toHaveText('Not saved');

    // Space freed: Retry saves, the banner goes, a reload shows the edit.
    await page.evaluate(() => {
      const proto = IDBObjectStore.prototype as IDBObjectStore & { __realPut?: IDBObjectStore['put'] };
      if (proto.__realPut) proto.put = proto.__realPut;
    });
    await banner.getByRole('button', { name: 'Retry' }).click();
    await expect(banner).toBeHidden();
    await expectSaved(page);
    await page.reload();
    await waitForWorkbook(page);
    await expectCell(page, 'C3', '1,500,000');
    await expectCell(page, 'C15', '10,500,000');
  });

  const noStorage = {
    'the browser has no IndexedDB': () => {
      Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => undefined });
    },
    'opening IndexedDB throws': () => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    },
  };

  for (const [situation, script] of Object.entries(noStorage)) {
    test(`when ${situation}, the app works in memory with a lasting warning`, async ({ page }) => {
      await page.addInitScript(script);
      await openApp(page);
      await expect(title(page)).toHaveText(SEED_NAME);
      const warning = page.getByRole('alert').filter({ hasText: 'does not let Bana store workbooks' });
      await expect(warning).toBeVisible();
      await expect(warning.getByRole('button', { name: 'Download workbook' })).toBeVisible();
      await expect(saveState(page)).toHaveText('Not saved');

      await setCell(page, 'C3', '1500000');
      await expectCell(page, 'C15', '10,500,000');
      await setCell(page, 'A25', 'i minnet');
      await expectCell(page, 'A25', 'i minnet');
      // Still there after the save queue has tried (and failed) to write.
      await page.evaluate(() => (window as unknown as { __bana: { flush(): Promise<void> } }).__bana.flush());
      await expect(saveState(page)).toHaveText('Not saved');
      await expect(warning).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(1);
      await expectCell(page, 'A25', 'i minnet');

      // The workbook list works in memory too: a new workbook does not drop the one being edited.
      const list = await openWorkbookList(page);
      await expect(list.getByRole('button', { name: `Open ${SEED_NAME}`, exact: true })).toBeVisible();
      await openFromList(page, 'New workbook');
      await expect(title(page)).toHaveText('Untitled workbook');
      await setCell(page, 'A1', 'andra boken');
      await expectCell(page, 'A1', 'andra boken');
      await openFromList(page, `Open ${SEED_NAME}`);
      await expect(title(page)).toHaveText(SEED_NAME);
      await goToCell(page, 'A25');
      await expectCell(page, 'A25', 'i minnet');
      await expectCell(page, 'C15', '10,500,000');
      await openFromList(page, 'Open Untitled workbook');
      await expectCell(page, 'A1', 'andra boken');
      await expect(warning).toBeVisible();
    });
  }
});
