// Focus after every dialog, used with the keyboard only: it returns where it was, or to the grid when
// that place is gone, so the next key reaches the sheet (Ctrl+Z right after "Remove measure" undoes
// it). Deleting a named version asks first.
import type { Locator, Page } from '@playwright/test';
import { dialog, expect, grid, openApp, openFromList, tab, tabNames, tabs, test, title } from './support/app';

const DALARNA = 'Region Dalarna – mot −75 % till 2030';

/** Press `key` until `target` has focus, as a person tabs along; fails after `max` presses. */
async function pressUntilFocused(page: Page, key: string, target: Locator, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    const focused = target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2_000 });
    if (await focused.catch(() => false)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('focus returns after each dialog, Ctrl+Z undoes a removed measure, a version is deleted only when confirmed', async ({
  page,
}) => {
  // One page load walks through every dialog, so it gets the time of several short specs.
  test.setTimeout(90_000);
  await openApp(page);
  await openFromList(page, `Open ${DALARNA}`);
  await expect(title(page)).toHaveText(DALARNA);
  await pressUntilFocused(page, 'F6', grid(page));

  // Add measure: from the sheet tabs (F6), pick a template with the arrows, and land in its grid.
  await page.keyboard.press('F6');
  await pressUntilFocused(page, 'Tab', page.getByRole('button', { name: 'Add measure', exact: true }));
  await page.keyboard.press('Enter');
  const picker = dialog(page);
  const template = picker.getByRole('radio', { name: /Flergångssprutor/ });
  await pressUntilFocused(page, 'Tab', picker.getByRole('radio').first());
  await pressUntilFocused(page, 'ArrowDown', template);
  await pressUntilFocused(page, 'Tab', picker.getByRole('button', { name: 'Add measure' }));
  await page.keyboard.press('Enter');
  await expect(tab(page, 'Sprutor')).toHaveAttribute('aria-selected', 'true');
  await expect(grid(page, 'Sprutor')).toBeFocused();

  // Remove measure: confirmed, its button is gone, the grid has focus, and Ctrl+Z brings it back.
  await page.keyboard.press('F6');
  await pressUntilFocused(page, 'Tab', page.getByRole('button', { name: 'Remove measure', exact: true }));
  await page.keyboard.press('Enter');
  await pressUntilFocused(page, 'Tab', dialog(page).getByRole('button', { name: 'Remove measure' }));
  await page.keyboard.press('Enter');
  await expect.poll(() => tabNames(page)).not.toContain('Sprutor');
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect.poll(() => tabNames(page)).toContain('Sprutor');

  // Rename from the tab (F2): cancelled, then done; focus stays on the tab each time.
  await pressUntilFocused(page, 'F6', tabs(page).and(page.getByRole('tab', { selected: true })));
  const before = (
    (await tabs(page)
      .and(page.getByRole('tab', { selected: true }))
      .textContent()) ?? ''
  ).trim();
  await page.keyboard.press('F2');
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(tab(page, before)).toBeFocused();
  await page.keyboard.press('F2');
  await page.keyboard.type('Omdöpt');
  await page.keyboard.press('Enter');
  await expect(tab(page, 'Omdöpt')).toBeFocused();

  // Delete the sheet from its tab: the tab is gone, so the grid takes focus.
  await page.keyboard.press('Delete');
  await pressUntilFocused(page, 'Tab', dialog(page).getByRole('button', { name: 'Delete', exact: true }));
  await page.keyboard.press('Enter');
  await expect.poll(() => tabNames(page)).not.toContain('Omdöpt');
  await expect(grid(page)).toBeFocused();

  // Versions: saving, then deleting, which asks first; "Keep" keeps it; Escape returns to the button.
  await page.keyboard.press('Shift+F6'); // the formula bar
  await page.keyboard.press('Shift+F6'); // the toolbar
  await expect(page.getByRole('banner').locator(':focus')).toHaveCount(1);
  const versionsButton = page.getByRole('button', { name: 'Versions', exact: true });
  await pressUntilFocused(page, 'Tab', versionsButton);
  await page.keyboard.press('Enter');
  const versions = page.getByRole('dialog', { name: /^Versions of/ });
  await pressUntilFocused(page, 'Tab', versions.getByRole('textbox', { name: 'Version name' }));
  await page.keyboard.type('Utkast');
  await page.keyboard.press('Enter');
  const deleteUtkast = versions.getByRole('button', { name: 'Delete Utkast', exact: true });
  await pressUntilFocused(page, 'Tab', deleteUtkast);
  await page.keyboard.press('Enter');
  await expect(versions.getByText('Delete the version Utkast? It cannot be undone.')).toBeVisible();
  await expect(versions.getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(deleteUtkast).toBeFocused();
  await page.keyboard.press('Enter');
  await pressUntilFocused(page, 'Tab', versions.getByRole('button', { name: 'Delete', exact: true }));
  await page.keyboard.press('Enter');
  await expect(versions.getByText('No versions saved yet.', { exact: false })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(versions).toBeHidden();
  await expect(versionsButton).toBeFocused();

  // New scenario, closed with Escape: focus is back on its button.
  const newScenario = page.getByRole('button', { name: 'New scenario', exact: true });
  await pressUntilFocused(page, 'Tab', newScenario);
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(newScenario).toBeFocused();
});
