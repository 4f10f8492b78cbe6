// Typing values and formulas, the formula bar, cross-sheet references, errors with their reasons,
// and reference outlines and click-to-reference while a formula is edited.
import { expect, test } from '@playwright/test';
import {
  addSheet,
  cell,
  cellEditor,
  enter,
  expectActive,
  formulaBar,
  goTo,
  grid,
  openApp,
  openSheet,
  SEED_SHEETS,
  typeHere,
} from './support/grid';

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test.describe('typing values and formulas', () => {
  test('numbers and =A1+A2 typed with Enter show their values', async ({ page }) => {
    await addSheet(page);
    await goTo(page, 'A1');
    await typeHere(page, '2');
    await expectActive(page, 'A2');
    await typeHere(page, '3');
    await typeHere(page, '=A1+A2');
    await expect(cell(page, 'A1')).toHaveText('2');
    await expect(cell(page, 'A2')).toHaveText('3');
    await expect(cell(page, 'A3')).toHaveText('5');
  });

  test('the formula bar shows the raw formula of the active cell', async ({ page }) => {
    await addSheet(page);
    await enter(page, 'A1', '2');
    await typeHere(page, '3');
    await typeHere(page, '=A1+A2');
    await goTo(page, 'A3');
    await expect(formulaBar(page)).toHaveValue('=A1+A2');
    await goTo(page, 'A1');
    await expect(formulaBar(page)).toHaveValue('2');
  });

  test('editing in the formula bar and pressing Enter updates the cell', async ({ page }) => {
    await addSheet(page);
    await enter(page, 'A1', '2');
    await typeHere(page, '=A1*10');
    await expect(cell(page, 'A2')).toHaveText('20');
    await goTo(page, 'A2');
    const bar = formulaBar(page);
    await bar.click();
    await bar.press('End');
    await bar.pressSequentially('+1');
    await bar.press('Enter');
    await expect(cell(page, 'A2')).toHaveText('21');
    await expect(grid(page)).toBeFocused();
    await expectActive(page, 'A3');
    await goTo(page, 'A2');
    await expect(formulaBar(page)).toHaveValue('=A1*10+1');
  });
});

test.describe('cross-sheet references', () => {
  test('=Sheet!A1*2 and a quoted sheet name evaluate and follow their sources', async ({ page }) => {
    const source = await addSheet(page);
    await enter(page, 'A1', '21');
    const target = await addSheet(page);
    await enter(page, 'A1', `=${source}!A1*2`);
    await enter(page, 'A2', `='${SEED_SHEETS.fund}'!C15`);
    await expect(cell(page, 'A1')).toHaveText('42');
    await expect(cell(page, 'A2')).toHaveText('10,000,000');

    await openSheet(page, source);
    await enter(page, 'A1', '50');
    await openSheet(page, SEED_SHEETS.fund);
    await expect(cell(page, 'C3')).toHaveText('1,000,000');
    await enter(page, 'C3', '2000000');
    await expect(cell(page, 'C15')).toHaveText('11,000,000');

    await openSheet(page, target);
    await expect(cell(page, 'A1')).toHaveText('100');
    await expect(cell(page, 'A2')).toHaveText('11,000,000');
  });
});

test.describe('formula errors', () => {
  test('=1/0 shows #DIV/0! with its reason on the cell and in the status line', async ({ page }) => {
    await addSheet(page);
    await enter(page, 'B2', '=1/0');
    const error = cell(page, 'B2');
    await expect(error).toHaveText('#DIV/0!');
    await expect(error).toHaveAttribute('title', /division by zero/i);
    await expect(error).toHaveAccessibleDescription(/division by zero/i);
    // The status line explains the error only while the cell is active.
    const status = page.getByRole('status').filter({ hasText: 'B2:' });
    await expect(status).toHaveCount(0);
    await goTo(page, 'B2');
    await expect(status).toHaveText(/^B2: .*division by zero/i);
  });

  test('a cycle A1 =B1, B1 =A1 shows #CYCLE! with its reason', async ({ page }) => {
    await addSheet(page);
    await enter(page, 'A1', '=B1');
    await enter(page, 'B1', '=A1');
    for (const address of ['A1', 'B1']) {
      await expect(cell(page, address)).toHaveText('#CYCLE!');
      await expect(cell(page, address)).toHaveAttribute('title', /circular/i);
    }
    await goTo(page, 'A1');
    await expect(page.getByRole('status').filter({ hasText: 'A1:' })).toHaveText(/^A1: .*circular/i);
  });
});

test.describe('editing a formula', () => {
  test('references in the formula are outlined on the grid', async ({ page }) => {
    await addSheet(page);
    await goTo(page, 'D5');
    await page.keyboard.type('=A1+B2:C3');
    await expect(cellEditor(page)).toHaveValue('=A1+B2:C3');
    const outlines = grid(page).locator('.bana-grid__ref');
    await expect(outlines).toHaveCount(2);
    const a1 = await cell(page, 'A1').boundingBox();
    const b2 = await cell(page, 'B2').boundingBox();
    const c3 = await cell(page, 'C3').boundingBox();
    const first = await outlines.nth(0).boundingBox();
    const second = await outlines.nth(1).boundingBox();
    if (!a1 || !b2 || !c3 || !first || !second) throw new Error('cells and outlines must be laid out');
    expect(Math.abs(first.x - a1.x)).toBeLessThan(3);
    expect(Math.abs(first.y - a1.y)).toBeLessThan(3);
    expect(Math.abs(second.x - b2.x)).toBeLessThan(3);
    expect(Math.abs(second.x + second.width - (c3.x + c3.width))).toBeLessThan(3);
    expect(Math.abs(second.y + second.height - (c3.y + c3.height))).toBeLessThan(3);
    await page.keyboard.press('Escape');
    await expect(outlines).toHaveCount(0);
  });

  test('clicking a cell while editing "=" inserts its address', async ({ page }) => {
    await addSheet(page);
    await enter(page, 'B3', '7');
    await goTo(page, 'D5');
    await page.keyboard.type('=');
    await cell(page, 'B3').click();
    await expect(cellEditor(page)).toHaveValue('=B3');
    await expect(cellEditor(page)).toBeFocused();
    await page.keyboard.type('*2');
    await page.keyboard.press('Enter');
    await expect(cell(page, 'D5')).toHaveText('14');
    await goTo(page, 'D5');
    await expect(formulaBar(page)).toHaveValue('=B3*2');
  });

  test('clicking a cell while editing "=" in the formula bar inserts its address', async ({ page }) => {
    await addSheet(page);
    await enter(page, 'B3', '7');
    await goTo(page, 'D5');
    const bar = formulaBar(page);
    await bar.click();
    await bar.pressSequentially('=');
    await cell(page, 'B3').click();
    await expect(bar).toHaveValue('=B3');
    await bar.press('Enter');
    await expect(cell(page, 'D5')).toHaveText('7');
  });
});
