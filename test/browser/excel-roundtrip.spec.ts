// Excel both ways in the browser: the seed workbook exported as .xlsx (a download) and imported in a
// fresh browser gives the same formulas and values on every sheet; the library loads only on use.
import { readFile } from 'node:fs/promises';
import {
  expect,
  formulaOf,
  openApp,
  openSheet,
  SEED_NAME,
  SEED_SHEETS,
  tabNames,
  test,
  title,
  visibleCells,
} from './support/app';
import { chooseExcelFile } from './support/files';
import { EXCEL_IMPORT_MS, slowStep } from './support/timeouts';

/** Cells whose formulas must come back as written: same-sheet, cross-sheet (quoted names) and a named expression. */
const FORMULAS: Record<string, Record<string, string>> = {
  'Klimatfond 2025': { F3: '=IF(D3>0,C3/D3,"")', F5: '=SUM(C5:C9)/D5' },
  'Dalarna klimatbokslut': { B7: '=SUM(B3:B6)', D3: '=C3-B3', B14: '=Minskningsmal_2030' },
  Sammanfattning: {
    B3: "='Klimatfond 2025'!C15",
    B10: "='Dalarna klimatbokslut'!C7-'Dalarna klimatbokslut'!B15",
  },
};

test('exports the seed workbook as .xlsx and imports it in a fresh browser with the same formulas and values', async ({
  page,
  browser,
}) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await openApp(page);
  const original: Record<string, Record<string, string>> = {};
  for (const name of SEED_SHEETS) {
    await openSheet(page, name);
    original[name] = await visibleCells(page);
  }
  expect(
    scripts.some((url) => /\/xlsx-[^/]*\.js$/.test(url)),
    'the Excel library loads only on use',
  ).toBe(false);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Excel (.xlsx)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${SEED_NAME}.xlsx`);
  const bytes = await readFile((await download.path()) as string);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(scripts.some((url) => /\/xlsx-[^/]*\.js$/.test(url))).toBe(true);

  // A fresh context: its own, empty IndexedDB (it seeds the example workbook as any first run does).
  const context = await browser.newContext({ locale: 'en-US' });
  const fresh = await context.newPage();
  const errors: string[] = [];
  fresh.on('pageerror', (error) => errors.push(error.message));
  await openApp(fresh);
  await chooseExcelFile(fresh, 'Klimatfond från Excel.xlsx', bytes);
  await expect(title(fresh)).toHaveText('Klimatfond från Excel', { timeout: slowStep(EXCEL_IMPORT_MS) });
  const imported = fresh.getByRole('status').filter({ hasText: 'Imported “Klimatfond från Excel”.' });
  await expect(imported).toBeVisible();
  // The banner takes rows off the grid's viewport: dismissed, both pages show the same rows.
  await imported.getByRole('button', { name: 'Dismiss' }).click();
  await expect(imported).toBeHidden();
  expect(await tabNames(fresh)).toEqual(SEED_SHEETS);
  for (const name of SEED_SHEETS) {
    await openSheet(fresh, name);
    expect(await visibleCells(fresh), `values on ${name}`).toEqual(original[name]);
    for (const [ref, formula] of Object.entries(FORMULAS[name] ?? {})) {
      expect(await formulaOf(fresh, ref), `${name}!${ref}`).toBe(formula);
    }
  }
  expect(errors).toEqual([]);
  await context.close();
});
