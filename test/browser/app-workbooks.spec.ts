// The Workbooks list: create a blank workbook, duplicate, rename and delete (confirmed).
import {
  dialog,
  expect,
  expectCell,
  expectSaved,
  FIRST_RUN_NAMES,
  openApp,
  openFromList,
  openSheet,
  openWorkbookList,
  SEED_NAME,
  SEED_SHEETS,
  setCell,
  tabNames,
  test,
  title,
  visibleCells,
  waitForWorkbook,
  workbookNames,
} from './support/app';

test.describe('workbook list', () => {
  test('creates a blank workbook, duplicates one with the same cells, renames one and deletes one', async ({
    page,
  }) => {
    await openApp(page);
    const original: Record<string, Record<string, string>> = {};
    for (const name of SEED_SHEETS) {
      await openSheet(page, name);
      original[name] = await visibleCells(page);
    }
    expect(Object.keys(original['Klimatfond 2025'] ?? {}).length).toBeGreaterThan(50);

    // New workbook: blank, one sheet, opened at once; the list closes.
    let list = await openWorkbookList(page);
    await expect(list.getByRole('heading', { name: 'Your workbooks' })).toBeVisible();
    await openFromList(page, 'New workbook');
    await expect(title(page)).toHaveText('Untitled workbook');
    expect(await tabNames(page)).toEqual(['Sheet1']);
    expect(await visibleCells(page)).toEqual({});
    await setCell(page, 'A1', '7');
    await expectCell(page, 'A1', '7');
    await expectSaved(page);
    expect((await workbookNames(page)).sort()).toEqual([...FIRST_RUN_NAMES, 'Untitled workbook'].sort());

    // Duplicate the seed: the copy opens, with its own name and the same cells on every sheet.
    await openFromList(page, `Duplicate ${SEED_NAME}`);
    await expect(title(page)).toHaveText(`${SEED_NAME} (copy)`);
    expect(await tabNames(page)).toEqual(SEED_SHEETS);
    for (const name of SEED_SHEETS) {
      await openSheet(page, name);
      expect(await visibleCells(page), `sheet ${name} of the copy`).toEqual(original[name]);
    }
    // The copy is independent: an edit there leaves the original alone.
    await openSheet(page, 'Klimatfond 2025');
    await setCell(page, 'C3', '2000000');
    await expectCell(page, 'C15', '11,000,000');
    await expectSaved(page);
    list = await openWorkbookList(page);
    await expect(list.getByRole('listitem')).toHaveCount(FIRST_RUN_NAMES.length + 2);
    await expect(list.locator('li[aria-current=true] .workbook-name')).toHaveText(`${SEED_NAME} (copy)`);
    await openFromList(page, `Open ${SEED_NAME}`);
    await expect(title(page)).toHaveText(SEED_NAME);
    await expectCell(page, 'C15', '10,000,000');

    // Rename the blank workbook through the list.
    list = await openWorkbookList(page);
    await list.getByRole('button', { name: 'Rename Untitled workbook', exact: true }).click();
    const rename = dialog(page);
    const field = rename.getByRole('textbox', { name: 'Workbook name' });
    await expect(field).toHaveValue('Untitled workbook');
    await field.fill('   ');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect(rename.getByRole('alert')).toBeVisible();
    await field.fill('Trafik 2030');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect(rename).toBeHidden();
    await expect(list.getByRole('button', { name: 'Open Trafik 2030', exact: true })).toBeVisible();
    await expect(list.getByRole('button', { name: 'Open Untitled workbook' })).toHaveCount(0);
    await expect(title(page)).toHaveText(SEED_NAME);

    // Delete asks first; Cancel keeps it, Delete removes it from the list.
    await list.getByRole('button', { name: 'Delete Trafik 2030', exact: true }).click();
    const confirm = dialog(page);
    await expect(confirm).toContainText('Delete the workbook “Trafik 2030”?');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(list.getByRole('button', { name: 'Open Trafik 2030', exact: true })).toBeVisible();
    await list.getByRole('button', { name: 'Delete Trafik 2030', exact: true }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(list.getByRole('button', { name: 'Open Trafik 2030' })).toHaveCount(0);
    expect((await workbookNames(page)).sort()).toEqual([...FIRST_RUN_NAMES, `${SEED_NAME} (copy)`].sort());
    await expect(title(page)).toHaveText(SEED_NAME);

    // And it stays deleted after a reload.
    await page.reload();
    await waitForWorkbook(page);
    await expect(title(page)).toHaveText(SEED_NAME);
    expect((await workbookNames(page)).sort()).toEqual([...FIRST_RUN_NAMES, `${SEED_NAME} (copy)`].sort());
  });

  test('deleting the open workbook opens another one', async ({ page }) => {
    await openApp(page);
    await openFromList(page, 'New workbook');
    await expect(title(page)).toHaveText('Untitled workbook');
    const list = await openWorkbookList(page);
    await list.getByRole('button', { name: 'Delete Untitled workbook', exact: true }).click();
    await dialog(page).getByRole('button', { name: 'Delete' }).click();
    await expect(title(page)).toHaveText(SEED_NAME);
    expect(await workbookNames(page)).toEqual(FIRST_RUN_NAMES);
  });
});
