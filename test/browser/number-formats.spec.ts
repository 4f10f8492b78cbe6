// Number formats in the Swedish UI: Excel's keys and the format control set them, undo takes them
// back, and they survive a reload, an .xlsx export and re-import, and a link.
import { readFile } from 'node:fs/promises';
import { type Page, expect, test } from '@playwright/test';
import { XLSX_MIME } from './support/files';
import { LABELS, addSheet, cell, enter, goTo, normaliseSpaces, openApp, openSheet } from './support/grid';
import { EXCEL_IMPORT_MS, slowStep } from './support/timeouts';
import { APP_START_MS, ENGINE_LOAD_MS } from './support/timeouts';

const sv = LABELS.sv;

test.use({ locale: 'sv-SE' });

/** What a cell shows, every kind of space as a plain one. */
async function expectText(page: Page, address: string, text: string): Promise<void> {
  await expect
    .poll(async () => normaliseSpaces((await cell(page, address).textContent()) ?? ''), {
      message: `cell ${address}`,
      timeout: slowStep(ENGINE_LOAD_MS),
    })
    .toBe(text);
}

/** The cells this test formats, as they must read after each round trip. */
const FORMATTED: Record<string, string> = {
  A1: '75 %',
  B1: '1 234 567,80',
  C1: '2018',
  D1: '2018',
  B2: '250 000 kr',
  A2: '17,99 %',
};

async function expectFormatted(page: Page): Promise<void> {
  for (const [address, text] of Object.entries(FORMATTED)) await expectText(page, address, text);
}

test('a format set with the keys and the control is shown, undone, kept on reload, in .xlsx and in a link', async ({
  page,
  browser,
  baseURL,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openApp(page);
  const sheet = await addSheet(page, sv);
  await enter(page, 'A1', '0,75', sv);
  await enter(page, 'B1', '1234567,8', sv);
  await enter(page, 'C1', '2018', sv);
  // A computed year has no format of its own: it stays General (2018), never `2 018`.
  await enter(page, 'D1', '=C1', sv);
  await enter(page, 'A2', '0,1799', sv);
  await enter(page, 'B2', '250000', sv);
  await expectText(page, 'A1', '0,75');

  // Excel's keys, on the physical key: Ctrl+Shift+5 percent, Ctrl+Shift+1 two decimals grouped.
  await goTo(page, 'A1', sv);
  await page.keyboard.press('Control+Shift+Digit5');
  await expectText(page, 'A1', '75 %');
  await page.keyboard.press('Control+z');
  await expectText(page, 'A1', '0,75');
  await page.keyboard.press('Control+y');
  await expectText(page, 'A1', '75 %');
  await goTo(page, 'B1', sv);
  await page.keyboard.press('Control+Shift+Digit1');
  await expectText(page, 'B1', '1 234 567,80');
  // Ctrl+Shift+~ gives General back, and is one undo step too.
  await page.keyboard.press('Control+Shift+Backquote');
  await expectText(page, 'B1', '1 234 568');
  await page.keyboard.press('Control+z');
  await expectText(page, 'B1', '1 234 567,80');

  // The format control: a preset, two more decimals, and a unit.
  const preset = page.getByRole('combobox', { name: 'Talformat' });
  await goTo(page, 'A2', sv);
  await preset.selectOption({ label: 'Procent' });
  await expectText(page, 'A2', '18 %');
  await page.getByRole('button', { name: 'Fler decimaler' }).click();
  await page.getByRole('button', { name: 'Fler decimaler' }).click();
  await expectText(page, 'A2', '17,99 %');
  await goTo(page, 'B2', sv);
  await preset.selectOption({ label: 'Tusental (1 234)' });
  const unit = page.getByRole('textbox', { name: 'Enhet efter talet' });
  await unit.fill('kr');
  await unit.press('Enter');
  await expectText(page, 'B2', '250 000 kr');
  // The control shows the active cell's format.
  await goTo(page, 'A1', sv);
  await expect(preset).toHaveValue('percent');
  await goTo(page, 'C1', sv);
  await expect(preset).toHaveValue('general');
  await expectFormatted(page);
  // The value itself is unchanged: the formula bar shows 0,75.
  await goTo(page, 'A1', sv);
  await expect(page.getByRole('textbox', { name: sv.formula, exact: true })).toHaveValue('0,75');

  // Saved with the workbook.
  await page.reload();
  await expect(page.getByRole('grid')).toBeVisible({ timeout: slowStep(APP_START_MS) });
  await openSheet(page, sheet);
  await expectFormatted(page);

  // Excel both ways: export (a download), then import the file through the file picker.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exportera Excel (.xlsx)' }).click(),
  ]);
  const bytes = await readFile((await download.path()) as string);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Importera Excel', exact: true }).click(),
  ]);
  await chooser.setFiles({ name: 'Format från Excel.xlsx', mimeType: XLSX_MIME, buffer: bytes });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Format från Excel', {
    timeout: slowStep(EXCEL_IMPORT_MS),
  });
  await openSheet(page, sheet);
  await expectFormatted(page);

  // A link carries the formats to another browser.
  await page.getByRole('button', { name: 'Kopiera länk', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Länken är kopierad' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#w=');
  const context = await browser.newContext({ baseURL, locale: 'sv-SE' });
  try {
    const other = await context.newPage();
    other.on('pageerror', (error) => errors.push(error.message));
    await other.goto(link);
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Format från Excel', {
      timeout: slowStep(APP_START_MS),
    });
    await openSheet(other, sheet);
    await expectFormatted(other);
  } finally {
    await context.close();
  }
  expect(errors).toEqual([]);
});

test('the keyboard help lists the format keys', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog');
  await expect(help.getByRole('row', { name: /Ctrl\+Shift\+5/ })).toContainText('Procentformat');
  await expect(help.getByRole('row', { name: /Ctrl\+Shift\+1/ })).toContainText('två decimaler');
});
