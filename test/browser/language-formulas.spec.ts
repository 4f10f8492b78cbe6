// Formulas in the UI language: Swedish names, ";" and decimal commas in sv, English in en, the same
// formula across a switch of the "Language" select, and always the canonical English in the file.
import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import {
  addSheet,
  cell,
  cellEditor,
  enter,
  formulaBar,
  goTo,
  grid,
  LABELS,
  type Labels,
  normaliseSpaces,
  openApp,
} from './support/grid';

test.use({ locale: 'sv-SE' });

async function switchLanguage(page: Page, from: Labels, to: 'sv' | 'en'): Promise<void> {
  const label = from === LABELS.sv ? 'Språk' : 'Language';
  await page.getByRole('combobox', { name: label, exact: true }).selectOption(to);
  await expect(formulaBar(page, LABELS[to])).toBeVisible();
}

async function shownText(page: Page, address: string): Promise<string> {
  return normaliseSpaces(await cell(page, address).innerText());
}

test('seed formulas show Swedish names and separators in sv', async ({ page }) => {
  const sv = LABELS.sv;
  await openApp(page);
  await goTo(page, 'C15', sv);
  await expect(formulaBar(page, sv)).toHaveValue('=SUMMA(C3:C13)');
  await goTo(page, 'D16', sv);
  await expect(formulaBar(page, sv)).toHaveValue('=SUMMA.OM(E3:E13;"engång";D3:D13)');
  // The in-cell editor shows the same text, and committing it unchanged changes nothing.
  await page.keyboard.press('F2');
  await expect(cellEditor(page, sv)).toHaveValue('=SUMMA.OM(E3:E13;"engång";D3:D13)');
  const before = await shownText(page, 'D16');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: sv.undo, exact: true })).toBeDisabled();
  expect(await shownText(page, 'D16')).toBe(before);
});

test('a formula typed in Swedish computes, reads in English after a switch and back, and is saved in English', async ({
  page,
}, testInfo) => {
  const sv = LABELS.sv;
  const en = LABELS.en;
  await openApp(page);
  const sheetName = await addSheet(page, sv);
  await enter(page, 'A1', '7', sv);
  await enter(page, 'B1', '=OM(A1>0;A1*0,5;0)', sv);
  await expect.poll(() => shownText(page, 'B1')).toBe('3,5');
  await goTo(page, 'B1', sv);
  await expect(formulaBar(page, sv)).toHaveValue('=OM(A1>0;A1*0,5;0)');

  // Click-to-reference and outlines work on the Swedish form.
  await goTo(page, 'C1', sv);
  await page.keyboard.type('=SUMMA(');
  await cell(page, 'A1').click();
  await page.keyboard.type(';');
  await cell(page, 'B1').click();
  await expect(cellEditor(page, sv)).toHaveValue('=SUMMA(A1;B1');
  await expect(grid(page).locator('.bana-grid__ref')).toHaveCount(2);
  await page.keyboard.type(')');
  await page.keyboard.press('Enter');
  await expect.poll(() => shownText(page, 'C1')).toBe('10,5');

  await switchLanguage(page, sv, 'en');
  await goTo(page, 'B1', en);
  await expect(formulaBar(page, en)).toHaveValue('=IF(A1>0,A1*0.5,0)');
  await expect.poll(() => shownText(page, 'B1')).toBe('3.5');
  await goTo(page, 'C1', en);
  await expect(formulaBar(page, en)).toHaveValue('=SUM(A1,B1)');
  await expect.poll(() => shownText(page, 'C1')).toBe('10.5');

  await switchLanguage(page, en, 'sv');
  await goTo(page, 'B1', sv);
  await expect(formulaBar(page, sv)).toHaveValue('=OM(A1>0;A1*0,5;0)');
  await expect.poll(() => shownText(page, 'B1')).toBe('3,5');

  // The exported file holds the canonical English formulas, for this sheet and the seed's.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportera fil', exact: true }).click();
  const download = await downloading;
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const file = JSON.parse(await readFile(saved, 'utf8')) as {
    sheets: { name: string; cells: unknown[][] }[];
  };
  const added = file.sheets.find((s) => s.name === sheetName);
  expect(added?.cells[0]?.slice(0, 3)).toEqual([7, '=IF(A1>0,A1*0.5,0)', '=SUM(A1,B1)']);
  expect(file.sheets[0]?.cells[14]?.[2]).toBe('=SUM(C3:C13)');
  const formulas = JSON.stringify(file.sheets)
    .match(/"=[^"]*/g)
    ?.filter((f) => /SUMMA|\bOM\(|;/.test(f));
  expect(formulas).toEqual([]);
});
