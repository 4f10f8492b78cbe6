// Choice cells and sourced ranges in the grid, used as a planner does on Dalarna's fuel switch: the
// fuel cell is a dropdown (Alt+Down, arrows and Enter, or the mouse), a typed value outside its list is
// refused with the allowed values, and a volume outside its range is marked on the cell.
import type { Page } from '@playwright/test';
import {
  cell,
  expect,
  expectCell,
  goToCell,
  grid,
  normaliseSpaces,
  openApp,
  openFromList,
  openSheet,
  setCell,
  test,
  title,
} from './support/app';

const DALARNA = 'Region Dalarna – mot −75 % till 2030';

async function openFuelSheet(page: Page): Promise<void> {
  await openApp(page);
  await openFromList(page, `Open ${DALARNA}`);
  await expect(title(page)).toHaveText(DALARNA);
  await openSheet(page, 'Drivmedel');
  await expectCell(page, 'B11', 'HVO100', 15_000);
}

function fuelList(page: Page) {
  return page.getByRole('listbox', { name: 'Values for B11' });
}

test('Alt+Down opens the fuel list; arrows and Enter choose, Escape closes back to the grid', async ({
  page,
}) => {
  await openFuelSheet(page);
  await goToCell(page, 'B11');
  await grid(page).focus();
  await expect(page.getByRole('button', { name: 'Choose a value for B11 (Alt+Down)' })).toBeVisible();
  await page.keyboard.press('Alt+ArrowDown');
  const list = fuelList(page);
  await expect(list).toBeFocused();
  await expect(list.getByRole('option')).toHaveText(['HVO100', 'RME', 'Biogas', 'El']);
  // The current value is the highlighted option.
  await expect(list.getByRole('option', { name: 'HVO100' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { name: 'RME' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expectCell(page, 'B11', 'RME');
  await expect(grid(page)).toBeFocused();

  await page.keyboard.press('Alt+ArrowDown');
  await expect(fuelList(page)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(fuelList(page)).toBeHidden();
  await expect(grid(page)).toBeFocused();
  await expectCell(page, 'B11', 'RME');
  // The list is only on choice cells: Alt+Down on the volume opens nothing.
  await goToCell(page, 'B9');
  await grid(page).focus();
  await expect(page.getByRole('button', { name: /Choose a value/ })).toHaveCount(0);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  // The choice fed the model: the alternative's factor is RME's 1.09.
  await goToCell(page, 'B30');
  await expectCell(page, 'B30', '1.09');
});

test('the mouse opens the list and chooses', async ({ page }) => {
  await openFuelSheet(page);
  await cell(page, 'B11').click();
  await page.getByRole('button', { name: 'Choose a value for B11 (Alt+Down)' }).click();
  await fuelList(page).getByRole('option', { name: 'Biogas' }).click();
  await expect(fuelList(page)).toBeHidden();
  await expectCell(page, 'B11', 'Biogas');
});

test('a typed value not in the list is refused with the allowed values; a listed one is written', async ({
  page,
}) => {
  await openFuelSheet(page);
  await setCell(page, 'B11', 'HVO');
  await expect(page.getByRole('alert')).toContainText(
    '"HVO" is not one of the allowed values: HVO100, RME, Biogas, El. It was not entered.',
  );
  await expectCell(page, 'B11', 'HVO100');
  await expect(page.getByTestId('cannot-compute')).toHaveCount(0);
  // The entry stays open with the text typed; corrected, it goes in.
  const bar = page.getByRole('textbox', { name: 'Formula' });
  await expect(bar).toHaveValue('HVO');
  await bar.fill('El');
  await bar.press('Enter');
  await expectCell(page, 'B11', 'El');
  // Typed in the cell and left by clicking elsewhere: refused, not written, and the editor closes.
  await goToCell(page, 'B11');
  await grid(page).focus();
  await page.keyboard.type('Diesel');
  await cell(page, 'B9').click();
  await expect(page.getByRole('alert')).toContainText('"Diesel" is not one of the allowed values');
  await expect(page.getByRole('textbox', { name: 'Cell editor' })).toHaveCount(0);
  await expectCell(page, 'B11', 'El');
  // A listed value in another case is written as listed.
  await goToCell(page, 'B11');
  await grid(page).focus();
  await page.keyboard.type('biogas');
  await page.keyboard.press('Enter');
  await expectCell(page, 'B11', 'Biogas');
});

test('a volume above its sourced high is marked on its cell and described', async ({ page }) => {
  await openFuelSheet(page);
  await expect(cell(page, 'B9')).not.toHaveAttribute('aria-invalid', 'true');
  await setCell(page, 'B9', '800000');
  const volume = cell(page, 'B9');
  await expect(volume).toHaveAttribute('aria-invalid', 'true');
  await expect(volume).toHaveClass(/is-invalid/);
  expect(normaliseSpaces((await volume.getAttribute('aria-description')) ?? '')).toContain(
    'Drivmedel!B9: 800,000 liter/år is above its high 750,000',
  );
  await setCell(page, 'B9', '600000');
  await expect(cell(page, 'B9')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(cell(page, 'B9')).not.toHaveAttribute('aria-description');
});
