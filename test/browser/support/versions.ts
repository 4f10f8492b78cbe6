// Helpers for the versions and compare specs: the Versions dialog (save, restore, branch) and the
// Compare scenarios dialog, found by role and accessible name as a person would.
import type { Locator, Page } from '@playwright/test';
import { expect } from './app';
import { COMPARE_MS, slowStep } from './timeouts';

/** Open the Versions dialog of the open workbook. */
export async function openVersions(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Versions', exact: true }).click();
  const versions = page.getByRole('dialog', { name: /^Versions of “/ });
  await expect(versions).toBeVisible();
  return versions;
}

export async function closeDialog(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Save the open workbook as a version named `name`, then close the dialog. */
export async function saveVersion(page: Page, name: string): Promise<void> {
  const versions = await openVersions(page);
  await versions.getByRole('textbox', { name: 'Version name' }).fill(name);
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByRole('status')).toHaveText(`Saved the version “${name}”.`);
  await expect(versions.getByRole('listitem').filter({ hasText: name })).toBeVisible();
  await closeDialog(versions);
}

/** Open the Compare scenarios dialog, tick exactly `names`, compare, and wait for the results. */
export async function compareScenarios(page: Page, names: string[]): Promise<Locator> {
  await page.getByRole('button', { name: 'Compare scenarios', exact: true }).click();
  const compare = page.getByRole('dialog', { name: 'Compare scenarios' });
  await expect(compare).toBeVisible();
  const choices = compare.getByRole('group', { name: 'Scenarios to compare' });
  await expect(choices.getByRole('checkbox').first()).toBeVisible();
  for (const box of await choices.getByRole('checkbox').all()) await box.uncheck();
  for (const name of names) await choices.getByRole('checkbox', { name, exact: true }).check();
  await compare.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(compare.getByRole('table', { name: 'Key figures' })).toBeVisible({
    timeout: slowStep(COMPARE_MS),
  });
  return compare;
}
