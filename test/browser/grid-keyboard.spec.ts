// Every keyboard command of the grid, used as a person would: arrows, Enter/Tab (with Shift), Esc,
// F2 and double-click, typing over a cell, Delete on a range, Shift to extend, Ctrl+arrows,
// Ctrl+Home/End, PageUp/PageDown, and the name box.
import { expect, type Page, test } from '@playwright/test';
import {
  addSheet,
  cell,
  cellEditor,
  enter,
  expectActive,
  formulaBar,
  goTo,
  grid,
  nameBox,
  openApp,
  parseAddress,
  selectedCells,
  typeHere,
} from './support/grid';

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await addSheet(page);
});

/** The caret of the in-cell editor: [selectionStart, selectionEnd, value length]. */
async function editorCaret(page: Page): Promise<[number, number, number]> {
  return cellEditor(page).evaluate((el: HTMLTextAreaElement) => [
    el.selectionStart,
    el.selectionEnd,
    el.value.length,
  ]);
}

test('arrow keys move the active cell', async ({ page }) => {
  await goTo(page, 'C3');
  await page.keyboard.press('ArrowDown');
  await expectActive(page, 'C4');
  await page.keyboard.press('ArrowRight');
  await expectActive(page, 'D4');
  await page.keyboard.press('ArrowUp');
  await expectActive(page, 'D3');
  await page.keyboard.press('ArrowLeft');
  await expectActive(page, 'C3');
  await goTo(page, 'A1');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expectActive(page, 'A1');
});

test('Enter moves down and Shift+Enter up, after an entry and without one', async ({ page }) => {
  await goTo(page, 'B2');
  await typeHere(page, '1', 'Enter');
  await expectActive(page, 'B3');
  await typeHere(page, '2', 'Shift+Enter');
  await expectActive(page, 'B2');
  await expect(cell(page, 'B3')).toHaveText('2');
  await page.keyboard.press('Enter');
  await expectActive(page, 'B3');
  await page.keyboard.press('Shift+Enter');
  await expectActive(page, 'B2');
});

test('Tab moves right and Shift+Tab left, after an entry and without one', async ({ page }) => {
  await goTo(page, 'B2');
  await typeHere(page, '1', 'Tab');
  await expectActive(page, 'C2');
  await typeHere(page, '2', 'Shift+Tab');
  await expectActive(page, 'B2');
  await expect(cell(page, 'B2')).toHaveText('1');
  await expect(cell(page, 'C2')).toHaveText('2');
  await page.keyboard.press('Tab');
  await expectActive(page, 'C2');
  await page.keyboard.press('Shift+Tab');
  await expectActive(page, 'B2');
  await expect(grid(page)).toBeFocused();
});

test('Escape cancels an edit and leaves the value unchanged', async ({ page }) => {
  await enter(page, 'B2', '5');
  await goTo(page, 'B2');
  await page.keyboard.type('9');
  await expect(cellEditor(page)).toHaveValue('9');
  await expect(formulaBar(page)).toHaveValue('9');
  await page.keyboard.press('Escape');
  await expect(cellEditor(page)).toHaveCount(0);
  await expect(cell(page, 'B2')).toHaveText('5');
  await expect(formulaBar(page)).toHaveValue('5');
  await expect(grid(page)).toBeFocused();
  await expectActive(page, 'B2');
});

test('F2 edits in place with the caret at the end of the existing content', async ({ page }) => {
  await enter(page, 'B2', 'abc');
  await goTo(page, 'B2');
  await page.keyboard.press('F2');
  await expect(cellEditor(page)).toBeFocused();
  await expect(cellEditor(page)).toHaveValue('abc');
  expect(await editorCaret(page)).toEqual([3, 3, 3]);
  // Edit mode: arrows move the caret, not the cell.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('X');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'B2')).toHaveText('abXc');
  await expectActive(page, 'B3');
});

test('double-click edits in place with the caret at the end of the existing content', async ({ page }) => {
  await enter(page, 'B2', 'abc');
  await cell(page, 'B2').dblclick();
  await expect(cellEditor(page)).toBeFocused();
  await expect(cellEditor(page)).toHaveValue('abc');
  expect(await editorCaret(page)).toEqual([3, 3, 3]);
  await page.keyboard.type('d');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'B2')).toHaveText('abcd');
});

test('typing over a cell replaces its content', async ({ page }) => {
  await enter(page, 'B2', 'abc');
  await goTo(page, 'B2');
  await page.keyboard.type('x');
  await expect(cellEditor(page)).toHaveValue('x');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'B2')).toHaveText('x');
  await goTo(page, 'B2');
  await expect(formulaBar(page)).toHaveValue('x');
});

test('Delete clears every cell of the selected range', async ({ page }) => {
  await goTo(page, 'B2');
  for (const v of ['1', '2', '3']) await typeHere(page, v);
  await goTo(page, 'C2');
  await typeHere(page, '4');
  await goTo(page, 'B2');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(selectedCells(page)).toHaveCount(4);
  await page.keyboard.press('Delete');
  for (const address of ['B2', 'B3', 'C2', 'C3']) await expect(cell(page, address)).toHaveText('');
  await expect(cell(page, 'B4')).toHaveText('3');
});

test('Shift+arrows extend the selection from the active cell', async ({ page }) => {
  await goTo(page, 'B2');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(selectedCells(page)).toHaveCount(6);
  await expect(nameBox(page)).toHaveValue('B2');
  await expect(nameBox(page)).toHaveAttribute('title', 'B2:D3');
  await expect(cell(page, 'D3')).toHaveAttribute('aria-selected', 'true');
  await expect(cell(page, 'E3')).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(selectedCells(page)).toHaveCount(4);
  // A plain arrow collapses the selection.
  await page.keyboard.press('ArrowDown');
  await expect(selectedCells(page)).toHaveCount(1);
  await expectActive(page, 'B3');
});

test('Shift+click extends the selection from the active cell', async ({ page }) => {
  await cell(page, 'B2').click();
  await expectActive(page, 'B2');
  await cell(page, 'D4').click({ modifiers: ['Shift'] });
  await expect(selectedCells(page)).toHaveCount(9);
  await expect(nameBox(page)).toHaveValue('B2');
  await expect(nameBox(page)).toHaveAttribute('title', 'B2:D4');
});

test('Ctrl+arrows jump to the edge of the data region', async ({ page }) => {
  await goTo(page, 'B2');
  for (const v of ['1', '2', '3', '4']) await typeHere(page, v);
  await enter(page, 'E2', 'x');
  await goTo(page, 'B2');
  await page.keyboard.press('Control+ArrowDown');
  await expectActive(page, 'B5');
  await page.keyboard.press('Control+ArrowUp');
  await expectActive(page, 'B2');
  await page.keyboard.press('Control+ArrowUp');
  await expectActive(page, 'B1');
  await goTo(page, 'B2');
  await page.keyboard.press('Control+ArrowRight');
  await expectActive(page, 'E2');
  await page.keyboard.press('Control+ArrowLeft');
  await expectActive(page, 'B2');
  await page.keyboard.press('Control+ArrowLeft');
  await expectActive(page, 'A2');
  // Ctrl+Shift+arrow extends to the edge.
  await goTo(page, 'B2');
  await page.keyboard.press('Control+Shift+ArrowDown');
  await expect(nameBox(page)).toHaveAttribute('title', 'B2:B5');
  await expect(selectedCells(page)).toHaveCount(4);
});

test('Ctrl+Home goes to A1 and Ctrl+End to the last used cell', async ({ page }) => {
  await enter(page, 'B2', '1');
  await enter(page, 'F9', '2');
  await goTo(page, 'C4');
  await page.keyboard.press('Control+End');
  await expectActive(page, 'F9');
  await page.keyboard.press('Control+Home');
  await expectActive(page, 'A1');
});

test('PageDown and PageUp move by a screenful and scroll with it', async ({ page }) => {
  await goTo(page, 'B2');
  await page.keyboard.press('PageDown');
  const name = await nameBox(page).inputValue();
  const { row, col } = parseAddress(name);
  expect(col).toBe(1);
  expect(row).toBeGreaterThan(10);
  await expectActive(page, name);
  const scrolled = await grid(page).evaluate((el) => el.scrollTop);
  expect(scrolled).toBeGreaterThan(0);
  await page.keyboard.press('PageDown');
  const second = parseAddress(await nameBox(page).inputValue());
  expect(second.row - row).toBe(row - 1);
  await page.keyboard.press('PageUp');
  await expectActive(page, name);
  await page.keyboard.press('PageUp');
  await expectActive(page, 'B2');
  await expect(cell(page, 'B2')).toBeInViewport();
});

test('typing H40 in the name box and Enter selects H40 and shows it', async ({ page }) => {
  const box = nameBox(page);
  await box.click();
  await box.fill('H40');
  await box.press('Enter');
  await expect(grid(page)).toBeFocused();
  await expectActive(page, 'H40');
  await expect(selectedCells(page)).toHaveCount(1);
  // The grid has focus: typing goes to H40.
  await typeHere(page, '7');
  await expect(cell(page, 'H40')).toHaveText('7');
  await expectActive(page, 'H41');
});

test('the name box selects a range, and an invalid address is reported', async ({ page }) => {
  await goTo(page, 'B2:C4');
  await expect(selectedCells(page)).toHaveCount(6);
  const box = nameBox(page);
  await box.click();
  await box.fill('nonsense!');
  await box.press('Enter');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'nonsense!' })).toBeVisible();
  await box.press('Escape');
  await expect(grid(page)).toBeFocused();
  await expect(box).toHaveValue('B2');
});

test('the active cell shows a 3 px focus ring while the grid has focus, a thinner one when focus is elsewhere', async ({
  page,
}) => {
  const ring = () => cell(page, 'B2').evaluate((el) => getComputedStyle(el).outlineWidth);
  await goTo(page, 'B2');
  await expect(grid(page)).toBeFocused();
  await expect.poll(ring).toBe('3px');
  // Typing and committing hands focus back to the grid, ring and all.
  await typeHere(page, '7', 'Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(grid(page)).toBeFocused();
  await expect.poll(ring).toBe('3px');
  await nameBox(page).focus();
  await expect.poll(ring).toBe('2px');
});
