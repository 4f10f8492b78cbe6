// Formulas that name the whole sheet in other ways than A1:XFD1048576 (an OFFSET, a named
// expression, whole columns across the sheet): each is refused with the range message, typed or in
// an opened file, and the engine goes on answering the next edit.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { cell, expect, expectCell, openApp, openSheet, setCell, test, waitForWorkbook } from './support/app';

const TOO_LARGE = /has [\d,]+ cells; formulas may use ranges of up to 200,000 cells/;

/** The cell shows #VALUE! and says why on hover and to a screen reader. */
async function expectRefused(page: Page, ref: string, message: RegExp): Promise<void> {
  await expectCell(page, ref, '#VALUE!', 10_000);
  await expect(cell(page, ref)).toHaveAttribute('aria-description', message);
}

test('an OFFSET over the whole sheet and whole columns across it are refused, and the engine answers on', async ({
  page,
}) => {
  await openApp(page);
  await openSheet(page, 'Sammanfattning');
  await setCell(page, 'A15', '=SUM(OFFSET(A1,0,0,1048576,16384))');
  await expectRefused(page, 'A15', /OFFSET\(A1,0,0,1048576,16384\) has 17,179,869,184 cells/);
  await setCell(page, 'A16', '=SUM(A:XFD)');
  await expectRefused(page, 'A16', /A:XFD has 17,179,869,184 cells/);
  await expect(cell(page, 'A16')).toHaveAttribute('aria-description', TOO_LARGE);
  // The next edits are calculated at once.
  await setCell(page, 'A17', '21');
  await setCell(page, 'A18', '=A17*2');
  await expectCell(page, 'A18', '42');
});

test('a file whose named expression names the whole sheet opens, the name is refused where used, and edits work', async ({
  page,
}) => {
  const file = JSON.parse(
    readFileSync(new URL('../fixtures/files/valid-v1.bana.json', import.meta.url), 'utf8'),
  );
  file.id = 'wb_range_bomb';
  file.meta.name = 'Hela arket';
  file.names.push({ name: 'Everything', expression: '=Utsläpp!$A$1:$XFD$1048576' });
  file.sheets[0].cells[3] = ['Allt', '=SUM(Everything)'];
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import file', exact: true }).click();
  await (await chooser).setFiles([
    { name: 'hela-arket.bana.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) },
  ]);
  await waitForWorkbook(page);
  await openSheet(page, 'Utsläpp');
  await expectRefused(page, 'B4', /^The name Everything is not used: The range .* has 17,179,869,184 cells/);
  // The rest of the workbook computed, and an edit is calculated at once.
  await expectCell(page, 'B5', '896,000');
  await setCell(page, 'B2', '1000');
  await expectCell(page, 'B5', '1,400');
});
