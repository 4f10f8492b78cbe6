// The keyboard way out of the grid and around the page, used as a person does: F6 / Shift+F6 cycle
// the regions, Tab stays between cells, Ctrl+PgDn / Ctrl+PgUp switch sheets, `?` and F1 open the
// key list (in the UI's language) and Escape puts focus back where it was.
import { expect, grid, openApp, SEED_SHEETS, tab, test } from './support/app';

test('F6 cycles the regions, Ctrl+PgDn/PgUp switch sheets and the help returns focus', async ({ page }) => {
  await openApp(page);
  const nameBox = page.getByRole('textbox', { name: 'Cell address', exact: true });
  const banner = page.getByRole('banner');
  // The selected sheet tab in either language (a scenario's what-if tools have tabs of their own).
  const activeTab = page.locator('[role=tablist].tablist [role=tab][aria-selected=true]');

  // From nowhere, F6 starts at the toolbar, then the formula bar, the grid, the sheet tabs, and wraps.
  await page.keyboard.press('F6');
  await expect(banner.locator(':focus')).toHaveCount(1);
  await page.keyboard.press('F6');
  await expect(nameBox).toBeFocused();
  await page.keyboard.press('F6');
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('F6');
  await expect(activeTab).toBeFocused();
  await page.keyboard.press('F6');
  await expect(banner.locator(':focus')).toHaveCount(1);
  // Shift+F6 goes back the same way.
  await page.keyboard.press('Shift+F6');
  await expect(activeTab).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect(grid(page)).toBeFocused();

  // Tab still moves between cells inside the grid.
  const start = await nameBox.inputValue();
  await page.keyboard.press('Tab');
  await expect(grid(page)).toBeFocused();
  await expect(nameBox).not.toHaveValue(start);
  await page.keyboard.press('Shift+Tab');
  await expect(nameBox).toHaveValue(start);

  // Ctrl+PgDn / Ctrl+PgUp switch sheets and keep focus in the grid.
  await page.keyboard.press('Control+PageDown');
  await expect(tab(page, SEED_SHEETS[1] as string)).toHaveAttribute('aria-selected', 'true');
  await expect(grid(page, SEED_SHEETS[1])).toBeFocused();
  await page.keyboard.press('Control+PageDown');
  await expect(grid(page, SEED_SHEETS[2])).toBeFocused();
  await page.keyboard.press('Control+PageUp');
  await expect(grid(page, SEED_SHEETS[1])).toBeFocused();

  // F1 in the grid opens the key list; Escape closes it and the grid has focus on the same cell.
  const cellBefore = await nameBox.inputValue();
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(
    help.getByRole('row', { name: /Ctrl\+PgUp \/ Ctrl\+PgDn Previous \/ next sheet/ }),
  ).toBeVisible();
  await expect(help.getByRole('row', { name: /^F6 / })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(grid(page)).toBeFocused();
  await expect(nameBox).toHaveValue(cellBefore);

  // `?` outside the grid and text fields (here on the sheet tab) opens it too, and Escape comes back.
  await page.keyboard.press('F6');
  await expect(activeTab).toBeFocused();
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(activeTab).toBeFocused();

  // In Swedish the list is in Swedish (the language is picked without moving focus off the tab).
  await page.getByRole('combobox', { name: 'Language' }).selectOption('sv');
  await expect(activeTab).toBeFocused();
  await page.keyboard.press('F1');
  const hjalp = page.getByRole('dialog', { name: 'Kortkommandon' });
  await expect(hjalp.getByRole('row', { name: /Föregående \/ nästa blad/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(hjalp).toBeHidden();
  await expect(activeTab).toBeFocused();
});
