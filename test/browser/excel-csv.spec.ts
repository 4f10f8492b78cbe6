// CSV export of the active sheet: the engine's values, with text that a spreadsheet would run as a
// formula neutralised by an apostrophe, while numbers (negative ones too) stay numbers.
import { readFile } from 'node:fs/promises';
import { expect, expectCell, openApp, openFromList, setCell, test } from './support/app';

test('exports the active sheet’s values as CSV with formula injection neutralised', async ({ page }) => {
  await openApp(page);
  await openFromList(page, 'New workbook');
  await setCell(page, 'A1', "'=cmd|' /C calc'!A0");
  await setCell(page, 'A2', '+46 8 123');
  await setCell(page, 'A3', '-');
  await setCell(page, 'A4', '@x');
  await setCell(page, 'A5', '-5');
  await setCell(page, 'B5', '=A5*2.5');
  await setCell(page, 'B1', 'Växjö, "centrum"');
  await expectCell(page, 'B5', '-12.5');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export sheet as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Untitled workbook - Sheet1.csv');
  const text = await readFile((await download.path()) as string, 'utf8');
  expect(text).toBe(
    ['\uFEFF\'=cmd|\' /C calc\'!A0,"Växjö, ""centrum"""', "'+46 8 123,", "'-,", "'@x,", '-5,-12.5', ''].join(
      '\r\n',
    ),
  );
});
