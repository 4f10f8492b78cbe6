// Links: "Copy link" puts a link holding the workbook on the clipboard; opening it in a fresh browser
// shows the same workbook as a copy; a broken link is reported and the app opens as usual; a
// workbook too large for a link says to export a file instead.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  FIRST_RUN_NAMES,
  expect,
  expectCell,
  formulaOf,
  openApp,
  openSheet,
  setCell,
  tabNames,
  test,
  title,
  visibleCells,
  waitForWorkbook,
  workbookNames,
} from './support/app';

const FIXTURES = new URL('../fixtures/files/', import.meta.url);
const FIXTURE_NAME = 'Delad färdplan Gävleborg';

async function importFile(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import file', exact: true }).click();
  await (await chooser).setFiles([file]);
}

function fixture(name: string) {
  return { name, mimeType: 'application/json', buffer: readFileSync(new URL(name, FIXTURES)) };
}

async function everySheet(page: Page): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const sheet of await tabNames(page)) {
    await openSheet(page, sheet);
    out[sheet] = {
      values: await visibleCells(page),
      B2: await formulaOf(page, 'B2'),
      C5: await formulaOf(page, 'C5'),
    };
  }
  return out;
}

test('a copied link opens the same workbook, as a copy, in a fresh browser', async ({
  page,
  browser,
  baseURL,
}) => {
  await openApp(page);
  await importFile(page, fixture('valid-v1.bana.json'));
  await expect(title(page)).toHaveText(FIXTURE_NAME);
  // An edit not yet saved travels too: the link holds the workbook as it is on screen.
  await setCell(page, 'B2', '700000');
  await expectCell(page, 'C2', '175,000');
  const before = await everySheet(page);

  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toContainText(
    `their own copy of “${FIXTURE_NAME}”`,
  );
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${baseURL}/#w=[A-Za-z0-9_-]+$`));

  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const other = await context.newPage();
    const errors: string[] = [];
    other.on('pageerror', (error) => errors.push(error.message));
    await other.goto(link);
    await waitForWorkbook(other);
    await expect(title(other)).toHaveText(FIXTURE_NAME);
    await expect(other.getByRole('status').filter({ hasText: 'from a link' })).toContainText(
      `Opened “${FIXTURE_NAME}” from a link`,
    );
    // The fragment is gone, so a reload does not import the workbook a second time.
    expect(new URL(other.url()).hash).toBe('');
    expect(await everySheet(other)).toEqual(before);
    expect(await workbookNames(other)).toEqual(expect.arrayContaining([FIXTURE_NAME, ...FIRST_RUN_NAMES]));
    await other.reload();
    await waitForWorkbook(other);
    expect(await workbookNames(other)).toHaveLength(FIRST_RUN_NAMES.length + 1);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a broken link is reported and the app opens as usual', async ({ page }) => {
  await page.goto('/?debug#w=dGhpcyBpcyBub3QgZGVmbGF0ZQ');
  await waitForWorkbook(page);
  await expect(page.getByRole('alert')).toContainText('The link could not be opened:');
  await expect(page.getByRole('alert')).toContainText('Bana opened as usual.');
  await expect(title(page)).toHaveText(FIRST_RUN_NAMES[0] as string);
  expect(new URL(page.url()).hash).toBe('');
  expect(await workbookNames(page)).toEqual(FIRST_RUN_NAMES);
});

test('a workbook too large for a link says to export a file instead', async ({ page }) => {
  await openApp(page);
  // Pseudo-random text does not compress: 2 000 rows of it make a link far past the limit.
  let seed = 2_463_534_242;
  const noise = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0).toString(36);
  };
  const doc = JSON.parse(readFileSync(new URL('valid-v1.bana.json', FIXTURES), 'utf8'));
  doc.id = 'wb_too_large_for_a_link';
  doc.meta.name = 'Stor arbetsbok';
  doc.sheets[1].cells = Array.from({ length: 2_000 }, () => [noise() + noise(), noise()]);
  await importFile(page, {
    name: 'stor.bana.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  await expect(title(page)).toHaveText('Stor arbetsbok');

  await page.evaluate(() => navigator.clipboard.writeText('unchanged'));
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“Stor arbetsbok” is too large for a link');
  await expect(alert).toContainText('links work everywhere up to 24,000');
  await expect(alert).toContainText('Use “Export file” and send the file instead.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('unchanged');
});
