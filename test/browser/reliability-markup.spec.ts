// Markup and script in the planner's data are text, never code: in cells, sheet and workbook names,
// chart labels, pasted HTML, shared links, imported .bana.json and .xlsx files. Each path must show
// the literal text, make no element from it, run nothing and open no dialog (the test fixture fails
// on any native dialog or page error).
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  cell,
  dialog,
  expect,
  expectCell,
  formulaOf,
  goToCell,
  grid,
  openApp,
  openFromList,
  openSheet,
  setCell,
  SHIPPED_SCENARIO_NAMES,
  tab,
  tabNames,
  tabs,
  test,
  title,
  waitForWorkbook,
  workbookNames,
} from './support/app';
import { chooseExcelFile } from './support/files';
import { CHART_MS, EXCEL_IMPORT_MS, slowStep } from './support/timeouts';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';
const SVG = '<svg onload="window.__xss=3"><text>s</text></svg>';
/** Sheet names may not hold "/", so these have no closing tags; at most 31 characters, so .xlsx keeps them whole. */
const SHEET_A = '<svg onload="window.__xss=3">';
const SHEET_B = '<script>window.__xss=2';
const DALARNA = SHIPPED_SCENARIO_NAMES[1] as string;
const STAMP = '2026-01-01T00:00:00.000Z';

/** A valid current-version file whose workbook name, sheet names and cells are all markup. */
function markupFile(id: string) {
  return {
    format: 'bana-scenario',
    schemaVersion: 1,
    id,
    meta: { name: `Arbetsbok ${IMG}`, createdAt: STAMP, updatedAt: STAMP },
    sheets: [
      {
        id: `${id}_a`,
        name: SHEET_A,
        cells: [[IMG, '=LEN(A1)'], [SCRIPT, '=A1'], [SVG]],
        columnWidths: [],
      },
      { id: `${id}_b`, name: SHEET_B, cells: [[`='${SHEET_A}'!A1`]], columnWidths: [] },
    ],
    names: [],
  };
}

/** Nothing made from data: no img/script/iframe/object element beyond the app's own module script. */
async function expectNothingRan(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    img: document.querySelectorAll('img, iframe, object, embed').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => !s.src || s.textContent !== '').length,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    svgFromData: [...document.querySelectorAll('svg')].filter((s) => s.getAttribute('onload') !== null)
      .length,
  }));
  expect(found).toEqual({ xss: undefined, img: 0, scripts: 0, handlers: 0, svgFromData: 0 });
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
}

async function importJson(page: Page, name: string, data: unknown): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import file', exact: true }).click();
  await (await chooser).setFiles([
    { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) },
  ]);
}

/** Check the markup workbook as the app shows it: every name and cell literal. */
async function expectMarkupWorkbook(page: Page, name = `Arbetsbok ${IMG}`): Promise<void> {
  await expect(title(page)).toHaveText(name);
  expect(await tabNames(page)).toEqual([SHEET_A, SHEET_B]);
  await openSheet(page, SHEET_A);
  await expectCell(page, 'A1', IMG);
  await expectCell(page, 'B1', String(IMG.length));
  await expectCell(page, 'A2', SCRIPT);
  await expectCell(page, 'B2', IMG);
  await expectCell(page, 'A3', SVG);
  await openSheet(page, SHEET_B);
  await expectCell(page, 'A1', IMG);
  await openSheet(page, SHEET_A);
  await expectNothingRan(page);
}

test('typed cells, sheet and workbook names with markup are shown as text', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Add sheet', exact: true }).click();
  await setCell(page, 'A1', IMG);
  await setCell(page, 'A2', SCRIPT);
  await setCell(page, 'A3', SVG);
  await setCell(page, 'B1', '=A1');
  await expectCell(page, 'A1', IMG);
  await expectCell(page, 'A2', SCRIPT);
  await expectCell(page, 'A3', SVG);
  await expectCell(page, 'B1', IMG);
  expect(await formulaOf(page, 'A1')).toBe(IMG);

  // A sheet name.
  const sheet =
    (
      await tabs(page)
        .and(page.getByRole('tab', { selected: true }))
        .textContent()
    )?.trim() ?? '';
  await page.getByRole('button', { name: `Sheet actions for ${sheet}`, exact: true }).click();
  await page.getByRole('menuitem', { name: 'Rename sheet', exact: true }).click();
  await dialog(page).getByRole('textbox').fill(IMG);
  await dialog(page).getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(tab(page, IMG)).toHaveAttribute('aria-selected', 'true');
  await expect(grid(page, IMG)).toBeVisible();

  // A workbook name, in the title and in the list.
  await openFromList(page, 'New workbook');
  const list = page.getByRole('region', { name: 'Your workbooks' });
  await page.getByRole('button', { name: 'Workbooks', exact: true }).click();
  await list
    .getByRole('button', { name: /^Rename / })
    .first()
    .click();
  await dialog(page).getByRole('textbox').fill(SCRIPT);
  await dialog(page).getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(title(page)).toHaveText(SCRIPT);
  expect(await workbookNames(page)).toContain(SCRIPT);
  await expectNothingRan(page);
});

test('a measure title with markup appears as text in the chart legend, table and sentence', async ({
  page,
}) => {
  await openApp(page);
  await openFromList(page, `Open ${DALARNA}`);
  const results = page.getByRole('complementary', { name: 'Scenario results' });
  const wedges = results.getByRole('figure', { name: 'Reductions per measure' });
  await expect(wedges.locator('svg').first()).toBeVisible({ timeout: slowStep(CHART_MS) });
  await page.getByRole('button', { name: 'Add measure', exact: true }).click();
  await dialog(page)
    .getByRole('radio', { name: /Flergångssprutor/ })
    .check();
  await dialog(page).getByRole('button', { name: 'Add measure' }).click();
  await expect(tab(page, 'Sprutor')).toHaveAttribute('aria-selected', 'true');
  // The measure's title is its sheet's A1.
  await setCell(page, 'A1', IMG);
  await wedges.getByText(/as a table$/).click();
  await expect(wedges.getByRole('columnheader', { name: IMG })).toBeVisible();
  // The legend (SVG text or HTML swatches) holds the literal text too.
  await expect.poll(async () => (await results.textContent())?.split(IMG).length ?? 0).toBeGreaterThan(2);
  await expectNothingRan(page);

  // Meeting mode shows the same labels.
  await page.getByRole('button', { name: 'Meeting mode', exact: true }).click();
  const meeting = page.getByRole('dialog', { name: `Meeting mode: ${DALARNA}` });
  await expect(meeting).toBeVisible();
  await expect(meeting.locator('svg').first()).toBeVisible({ timeout: slowStep(CHART_MS) });
  await expectNothingRan(page);
  await page.keyboard.press('Escape');
});

test('pasted HTML with script and handlers is ignored; the plain text is used', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Add sheet', exact: true }).click();
  const html = `<table><tr><td><script>window.__xss=4</script>${IMG}</td><td onmouseover="window.__xss=5"><b>b</b></td></tr></table><img src=x onerror="window.__xss=6">`;
  const text = `${IMG}\t${SCRIPT}\r\nplain\t42\r\n`;
  await page.evaluate(
    async ({ text, html }) => {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ]);
    },
    { text, html },
  );
  await goToCell(page, 'B2');
  await grid(page).focus();
  await page.keyboard.press('Control+v');
  await expectCell(page, 'B2', IMG);
  await expectCell(page, 'C2', SCRIPT);
  await expectCell(page, 'B3', 'plain');
  await expectCell(page, 'C3', '42');
  await expectNothingRan(page);
  // The app's own copy writes markup as escaped HTML, not as tags.
  await goToCell(page, 'B2');
  await grid(page).focus();
  await page.keyboard.press('Control+c');
  const copiedHtml = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return item ? await (await item.getType('text/html')).text() : '';
  });
  expect(copiedHtml).toContain('&lt;img');
  expect(copiedHtml).not.toContain('<img');
});

test('an imported .bana.json, a shared link and an .xlsx with markup names show it as text', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  await openApp(page);
  await importJson(page, 'markup.bana.json', markupFile('wb_markup'));
  await expectMarkupWorkbook(page);
  expect(await workbookNames(page)).toContain(`Arbetsbok ${IMG}`);
  await page.getByRole('button', { name: 'Workbooks', exact: true }).click();

  // The same workbook through a link, opened in a fresh browser.
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#w=/);

  // And through .xlsx: export it here, import it in the fresh browser.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Excel (.xlsx)', exact: true }).click(),
  ]);
  const xlsx = await readFile(await download.path());
  await expectNothingRan(page);

  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const other = await context.newPage();
    const errors: string[] = [];
    other.on('pageerror', (error) => errors.push(error.message));
    other.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await other.goto(`${link.replace(/^[^#]*/, `${baseURL}/?debug`)}`);
    await waitForWorkbook(other);
    await expect(other.getByRole('status').filter({ hasText: 'from a link' })).toBeVisible();
    await expectMarkupWorkbook(other);

    await chooseExcelFile(other, `${IMG}.xlsx`, xlsx);
    await expect(other.getByRole('dialog')).toHaveCount(0, { timeout: slowStep(EXCEL_IMPORT_MS) });
    await expect(title(other)).not.toHaveText(`Arbetsbok ${IMG}`, { timeout: slowStep(EXCEL_IMPORT_MS) });
    // The .xlsx gives the workbook its file name; sheets and cells are as they were.
    await expect(title(other)).toContainText(IMG);
    expect(await tabNames(other)).toEqual([SHEET_A, SHEET_B]);
    await expectCell(other, 'A1', IMG);
    await expectCell(other, 'B1', String(IMG.length));
    await expectCell(other, 'A2', SCRIPT);
    await expectNothingRan(other);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
  expect(await cell(page, 'A1').textContent()).toBe(IMG);
});
