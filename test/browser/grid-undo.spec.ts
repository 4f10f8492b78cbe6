// Undo and redo of edits and pastes, with Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z and the toolbar buttons.
import { expect, test } from '@playwright/test';
import {
  addSheet,
  cell,
  enter,
  expectActive,
  goTo,
  grid,
  LABELS,
  openApp,
  writeClipboard,
} from './support/grid';

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await addSheet(page);
});

test('Ctrl+Z undoes edits, Ctrl+Y and Ctrl+Shift+Z redo them', async ({ page }) => {
  await enter(page, 'A1', '1');
  await enter(page, 'A1', '2');
  await goTo(page, 'C3');
  await page.keyboard.press('Control+z');
  await expect(cell(page, 'A1')).toHaveText('1');
  // Undo brings the selection back to where the edit was made.
  await expectActive(page, 'A1');
  await page.keyboard.press('Control+z');
  await expect(cell(page, 'A1')).toHaveText('');
  await page.keyboard.press('Control+y');
  await expect(cell(page, 'A1')).toHaveText('1');
  await page.keyboard.press('Control+Shift+z');
  await expect(cell(page, 'A1')).toHaveText('2');
  // Nothing left to redo.
  await page.keyboard.press('Control+y');
  await expect(cell(page, 'A1')).toHaveText('2');
});

test('Ctrl+Z undoes a paste as one step and Ctrl+Y redoes it', async ({ page }) => {
  await enter(page, 'B2', 'keep');
  await writeClipboard(page, '1\t2\r\n3\t4');
  await goTo(page, 'B2');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'C3')).toHaveText('4');
  await expect(cell(page, 'B2')).toHaveText('1');
  await page.keyboard.press('Control+z');
  await expect(cell(page, 'B2')).toHaveText('keep');
  for (const address of ['C2', 'B3', 'C3']) await expect(cell(page, address)).toHaveText('');
  await page.keyboard.press('Control+y');
  await expect(cell(page, 'B2')).toHaveText('1');
  await expect(cell(page, 'C3')).toHaveText('4');
});

test('Ctrl+Z undoes a cut and paste in one step', async ({ page }) => {
  await enter(page, 'A1', 'moved');
  await goTo(page, 'A1');
  await page.keyboard.press('Control+x');
  await goTo(page, 'D4');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'D4')).toHaveText('moved');
  await expect(cell(page, 'A1')).toHaveText('');
  await page.keyboard.press('Control+z');
  await expect(cell(page, 'A1')).toHaveText('moved');
  await expect(cell(page, 'D4')).toHaveText('');
});

test('the Undo and Redo buttons undo and redo, and are disabled when there is nothing to do', async ({
  page,
}) => {
  const undo = page.getByRole('button', { name: LABELS.en.undo, exact: true });
  const redo = page.getByRole('button', { name: LABELS.en.redo, exact: true });
  await expect(redo).toBeDisabled();
  await enter(page, 'A1', '10');
  await enter(page, 'A2', '=A1*3');
  await expect(cell(page, 'A2')).toHaveText('30');
  await enter(page, 'A1', '20');
  await expect(cell(page, 'A2')).toHaveText('60');
  await undo.click();
  await expect(cell(page, 'A2')).toHaveText('30');
  await expect(redo).toBeEnabled();
  await redo.click();
  await expect(cell(page, 'A2')).toHaveText('60');
  await expect(redo).toBeDisabled();
  // The keyboard still works on the grid afterwards.
  await grid(page).focus();
  await page.keyboard.press('Control+z');
  await expect(cell(page, 'A1')).toHaveText('10');
});
