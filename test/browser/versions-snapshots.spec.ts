// Versions in the browser: save a named version, change a cell, restore the version (and undo the
// restore), and branch a new workbook from the version that keeps the old value.
import {
  SEED_NAME,
  expect,
  expectCell,
  openApp,
  openWorkbookList,
  setCell,
  test,
  title,
  workbookNames,
} from './support/app';
import { closeDialog, openVersions, saveVersion } from './support/versions';

test('restore brings a saved version back as one step that undo takes back', async ({ page }) => {
  await openApp(page);
  await setCell(page, 'H2', '111');
  await expectCell(page, 'H2', '111');
  await saveVersion(page, 'Före remiss');
  await setCell(page, 'H2', '222');
  await expectCell(page, 'H2', '222');

  const versions = await openVersions(page);
  const item = versions.getByRole('listitem').filter({ hasText: 'Före remiss' });
  // The date is shown in the UI locale.
  await expect(item.locator('time')).toHaveText(/\d{4}/);
  await versions.getByRole('button', { name: 'Restore Före remiss', exact: true }).click();
  await expect(versions.getByRole('status')).toHaveText(/^Restored “Före remiss”/);
  await closeDialog(versions);
  await expectCell(page, 'H2', '111');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectCell(page, 'H2', '222');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expectCell(page, 'H2', '111');
});

test('branch opens a new workbook from a version, with the old value, and the original keeps its own', async ({
  page,
}) => {
  await openApp(page);
  await setCell(page, 'H2', '111');
  await saveVersion(page, 'Utkast');
  await setCell(page, 'H2', '222');
  await expectCell(page, 'H2', '222');

  const versions = await openVersions(page);
  await versions.getByRole('button', { name: 'Branch Utkast', exact: true }).click();
  await expect(versions).toBeHidden();
  const branchName = `${SEED_NAME} – Utkast`;
  await expect(title(page)).toHaveText(branchName);
  await expectCell(page, 'H2', '111');
  expect(await workbookNames(page)).toContain(branchName);

  const list = await openWorkbookList(page);
  await list.getByRole('button', { name: `Open ${SEED_NAME}`, exact: true }).click();
  await expect(title(page)).toHaveText(SEED_NAME);
  await expectCell(page, 'H2', '222');
  // The version belongs to the original workbook; deleting it (once confirmed) empties the list.
  const again = await openVersions(page);
  await again.getByRole('button', { name: 'Delete Utkast', exact: true }).click();
  await again.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(again.getByText('No versions saved yet.', { exact: false })).toBeVisible();
});
