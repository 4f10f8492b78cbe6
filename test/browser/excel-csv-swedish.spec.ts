// CSV export in the Swedish UI: `;` between fields and a decimal comma, so Swedish Excel opens the
// file straight into columns; text holding a `;` is quoted.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { addSheet, cell, enter, LABELS, normaliseSpaces, openApp } from './support/grid';

test.use({ locale: 'sv-SE' });

test('the Swedish UI exports the sheet with semicolons and decimal commas', async ({ page }) => {
  await openApp(page);
  await addSheet(page, LABELS.sv);
  await enter(page, 'A1', 'Växjö; centrum', LABELS.sv);
  await enter(page, 'B1', '1234,5', LABELS.sv);
  await enter(page, 'C1', '=B1*-2', LABELS.sv);
  await enter(page, 'A2', '2030', LABELS.sv);
  await expect.poll(async () => normaliseSpaces(await cell(page, 'C1').innerText())).toBe('−2 469');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exportera bladet som CSV' }).click(),
  ]);
  const text = await readFile((await download.path()) as string, 'utf8');
  expect(text).toBe(['\uFEFF"Växjö; centrum";1234,5;-2469', '2030;;', ''].join('\r\n'));
});
