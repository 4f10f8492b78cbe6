// Numbers in the UI locale: Swedish `10 000 000` and `1 234,5`, English `1,234.5`, both when shown
// and when typed or pasted.
import { expect, test } from '@playwright/test';
import {
  addSheet,
  cell,
  enter,
  formulaBar,
  goTo,
  LABELS,
  normaliseSpaces,
  openApp,
  writeClipboard,
} from './support/grid';

test.describe('in Swedish (sv-SE)', () => {
  test.use({ locale: 'sv-SE' });

  test('the seed total shows 10 000 000 and typed 1234,5 shows 1 234,5', async ({ page }) => {
    await openApp(page);
    await expect(page.getByRole('button', { name: LABELS.sv.addSheet, exact: true })).toBeVisible();
    await expect.poll(async () => normaliseSpaces(await cell(page, 'C15').innerText())).toBe('10 000 000');
    await addSheet(page, LABELS.sv);
    await enter(page, 'A1', '1234,5', LABELS.sv);
    await expect.poll(async () => normaliseSpaces(await cell(page, 'A1').innerText())).toBe('1 234,5');
    // It is a number: it adds up, and the formula bar shows it in the locale without grouping.
    await enter(page, 'A2', '=A1*2', LABELS.sv);
    await expect.poll(async () => normaliseSpaces(await cell(page, 'A2').innerText())).toBe('2 469');
    await goTo(page, 'A1', LABELS.sv);
    await expect(formulaBar(page, LABELS.sv)).toHaveValue('1234,5');
    // Typed with a group separator, as a Swede writes it.
    await enter(page, 'A3', '1 200 000', LABELS.sv);
    await expect.poll(async () => normaliseSpaces(await cell(page, 'A3').innerText())).toBe('1 200 000');
  });

  test('pasted Swedish decimals are numbers', async ({ page }) => {
    await openApp(page);
    await addSheet(page, LABELS.sv);
    await writeClipboard(page, '1,5\t2\r\n');
    await goTo(page, 'A1', LABELS.sv);
    await page.keyboard.press('Control+v');
    await enter(page, 'C1', '=A1+B1', LABELS.sv);
    await expect.poll(async () => normaliseSpaces(await cell(page, 'C1').innerText())).toBe('3,5');
  });
});

test.describe('in English (en-US)', () => {
  test.use({ locale: 'en-US' });

  test('the seed total shows 10,000,000 and typed 1234.5 shows 1,234.5', async ({ page }) => {
    await openApp(page);
    await expect(cell(page, 'C15')).toHaveText('10,000,000');
    await addSheet(page);
    await enter(page, 'A1', '1234.5');
    await expect(cell(page, 'A1')).toHaveText('1,234.5');
    await enter(page, 'A2', '=A1*2');
    await expect(cell(page, 'A2')).toHaveText('2,469');
    await goTo(page, 'A1');
    await expect(formulaBar(page)).toHaveValue('1234.5');
  });
});
