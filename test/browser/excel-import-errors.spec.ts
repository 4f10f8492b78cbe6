// Importing Excel files that Bana cannot take as they are: unknown functions are listed (the formulas
// stay, showing #NAME?), and a damaged file says so and changes nothing.
import * as ExcelJSModule from 'exceljs';
import {
  cell,
  expect,
  expectCell,
  formulaOf,
  openApp,
  SEED_NAME,
  test,
  title,
  workbookNames,
} from './support/app';
import { chooseExcelFile } from './support/files';
import { EXCEL_IMPORT_MS, slowStep } from './support/timeouts';

const ExcelJS: typeof ExcelJSModule =
  (ExcelJSModule as { Workbook?: unknown }).Workbook !== undefined
    ? ExcelJSModule
    : (ExcelJSModule as unknown as { default: typeof ExcelJSModule }).default;

test('lists functions Bana does not know, with their cells, and keeps the formulas', async ({ page }) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Blad1');
  ws.getCell('A1').value = 21;
  ws.getCell('B1').value = { formula: 'WEBSERVICE("https://example.org")', result: 0 };
  ws.getCell('B2').value = { formula: 'A1*2', result: 42 };
  ws.getCell('B3').value = { formula: 'FOOBAR(A1)+webservice("x")', result: 0 };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());

  await openApp(page);
  await chooseExcelFile(page, 'okända funktioner.xlsx', buffer);
  await expect(title(page)).toHaveText('okända funktioner', { timeout: slowStep(EXCEL_IMPORT_MS) });
  const notice = page.getByRole('alert').filter({ hasText: 'unknown to Bana' });
  await expect(notice).toContainText('WEBSERVICE (Blad1!B1, Blad1!B3)');
  await expect(notice).toContainText('FOOBAR (Blad1!B3)');
  await expectCell(page, 'B1', '#NAME?');
  await expectCell(page, 'B2', '42');
  expect(await formulaOf(page, 'B3')).toBe('=FOOBAR(A1)+webservice("x")');
});

test('refuses a damaged .xlsx with a clear message and leaves the workbooks as they were', async ({
  page,
}) => {
  await openApp(page);
  const before = await workbookNames(page);
  const random = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256));
  await chooseExcelFile(page, 'trasig.xlsx', random);
  await expect(page.getByRole('alert')).toContainText(
    '“trasig.xlsx” could not be imported: it is not a readable Excel workbook (.xlsx), or it is damaged. Nothing was changed.',
    { timeout: slowStep(EXCEL_IMPORT_MS) },
  );
  await expect(title(page)).toHaveText(SEED_NAME);
  expect(await workbookNames(page)).toEqual(before);
  await expect(cell(page, 'A1')).toBeVisible();
});

test('names the formulas whose functions may compute differently from Excel', async ({ page }) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Blad1');
  ws.getCell('A1').value = 21;
  ws.getCell('B1').value = { formula: 'INDEX(A1:C3,2)', result: 0 };
  ws.getCell('B2').value = { formula: 'SUMIF(A1:A3,"??")', result: 0 };
  ws.getCell('B3').value = { formula: 'INDEX(A1:A3,1)*2', result: 42 };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());

  await openApp(page);
  await chooseExcelFile(page, 'avvikelser.xlsx', buffer);
  await expect(title(page)).toHaveText('avvikelser', { timeout: slowStep(EXCEL_IMPORT_MS) });
  const notice = page.getByRole('status').filter({ hasText: 'may compute differently from Excel' });
  await expect(notice).toContainText('3 formulas use functions that may compute differently from Excel');
  await expect(notice).toContainText('INDEX (Blad1!B1, Blad1!B3); SUMIF (Blad1!B2)');
  await expectCell(page, 'B3', '42');
});
