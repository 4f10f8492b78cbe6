// A result that cannot be computed, used as a planner meets it: a choice typed wrong, text in a
// year, a division by zero and a deleted measure sheet. Each time the results panel says so and
// names the cell where it starts (a button that selects it), no projection is tabled or drawn for
// the affected years, and an exported chart carries the same words.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  dialog,
  expect,
  goToCell,
  normaliseSpaces,
  openApp,
  openFromList,
  openSheet,
  setCell,
  tab,
  test,
  title,
} from './support/app';
import { writeClipboard } from './support/grid';

const DALARNA = 'Region Dalarna – mot −75 % till 2030';

function results(page: Page) {
  return page.getByRole('complementary', { name: 'Scenario results' });
}

async function openDalarna(page: Page): Promise<void> {
  await openApp(page);
  await openFromList(page, `Open ${DALARNA}`);
  await expect(title(page)).toHaveText(DALARNA);
  await expect(
    results(page).getByRole('figure', { name: 'Emissions against the targets' }).locator('svg').first(),
  ).toBeVisible({ timeout: 15_000 });
  await expect(results(page).getByTestId('cannot-compute')).toHaveCount(0);
}

/** The projection as the trajectory's table gives it for one year. */
async function projectedIn(page: Page, year: number): Promise<string> {
  const table = results(page).getByRole('figure', { name: 'Emissions against the targets' }).locator('table');
  return normaliseSpaces(
    (await table
      .locator('tr', { has: page.locator(`th:text-is("${year}")`) })
      .locator('td')
      .first()
      .textContent()) ?? '',
  );
}

async function expectOrigin(page: Page, text: string | RegExp): Promise<void> {
  const alert = results(page).getByTestId('cannot-compute');
  await expect(alert).toContainText('The result cannot be computed', { timeout: 15_000 });
  await expect(alert.getByRole('button', { name: text })).toBeVisible({ timeout: 15_000 });
}

test('the HVO typo: the panel names Drivmedel!B11 with its allowed values, selects it, draws no line, exports the words', async ({
  page,
}) => {
  await openDalarna(page);
  expect(await projectedIn(page, 2030)).toMatch(/^\d[\d,]*$/);
  await openSheet(page, 'Drivmedel');
  // Typing HVO is refused (grid-choices.spec.ts); a paste lets it in, as it does past Excel's list.
  await goToCell(page, 'B11');
  await writeClipboard(page, 'HVO');
  await page.getByRole('grid').focus();
  await page.keyboard.press('Control+v');
  const origin = 'Drivmedel!B11: "HVO" is not one of HVO100, RME, Biogas, El';
  await expectOrigin(page, origin);
  // The years the fuel switch affects carry no number; the years before still do.
  expect(await projectedIn(page, 2030)).toBe('–');
  expect(await projectedIn(page, 2020)).toMatch(/^\d[\d,]*$/);
  const trajectory = results(page).getByRole('figure', { name: 'Emissions against the targets' });
  await expect(trajectory.locator('.sentence')).toContainText(origin);
  // The chart file says it too.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    trajectory.getByRole('button', { name: /SVG/ }).click(),
  ]);
  const svg = await readFile((await download.path()) as string, 'utf8');
  expect(svg).toContain(
    'The result cannot be computed: Drivmedel!B11: "HVO" is not one of HVO100, RME, Biogas, El',
  );
  // The projection is drawn for 2018–2022 only: five points, no line on to 2050.
  expect(svg).toMatch(/stroke-width="3.5"[^>]*><path stroke="#0b5cad" d="M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}"/);
  // Meeting mode says it on its slides, and its link leaves the meeting for the cell.
  await openSheet(page, 'Baslinje');
  await page.getByRole('button', { name: 'Meeting mode', exact: true }).click();
  const meeting = page.getByRole('dialog', { name: `Meeting mode: ${DALARNA}` });
  await expect(meeting.getByTestId('cannot-compute')).toContainText('The result cannot be computed');
  await expect(meeting.locator('.sentence').first()).toContainText(origin);
  await meeting.getByRole('button', { name: origin }).click();
  await expect(meeting).toBeHidden();
  await expect(tab(page, 'Drivmedel')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Cell address' })).toHaveValue('B11');
  // The results panel's link does the same.
  await openSheet(page, 'Baslinje');
  await results(page).getByRole('button', { name: origin }).click();
  await expect(tab(page, 'Drivmedel')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Cell address' })).toHaveValue('B11');
  // Fixing the value brings the result back.
  await setCell(page, 'B11', 'HVO100');
  await expect(results(page).getByTestId('cannot-compute')).toHaveCount(0, { timeout: 15_000 });
});

test('text in Startår stops the result though no formula errs', async ({ page }) => {
  await openDalarna(page);
  await openSheet(page, 'Drivmedel');
  await setCell(page, 'B5', 'nästa år');
  await expectOrigin(page, 'Drivmedel!B5: "nästa år" is text where a year belongs');
  expect(await projectedIn(page, 2020)).toBe('–');
});

test('a division by zero and a deleted measure sheet are named where they start', async ({ page }) => {
  await openDalarna(page);
  await openSheet(page, 'Baslinje');
  await setCell(page, 'B9', '=1/0');
  await expectOrigin(page, 'Baslinje!B9: #DIV/0! division by zero');
  await setCell(page, 'B9', '=(C20/B20)^(1/(C15-B15))-1');
  await expect(results(page).getByTestId('cannot-compute')).toHaveCount(0, { timeout: 15_000 });

  await tab(page, 'Förkläden').focus();
  await page.keyboard.press('Delete');
  await dialog(page).getByRole('button', { name: 'Delete' }).click();
  await expectOrigin(
    page,
    /^Bana!C7:[A-Z]+7: #REF! the formula refers to a cell or sheet that does not exist$/,
  );
});

test('the parameters view: edited in place, sorted, a lifetime rule moves the 2035 figure, a value out of range is listed', async ({
  page,
}) => {
  await openDalarna(page);
  const view = page.getByTestId('parameters-view');
  await view.getByText('Parameters', { exact: true }).click();
  const keyFigure = (key: string) => results(page).locator(`[data-key="${key}"]`);
  const residual = normaliseSpaces(await keyFigure('residualAtNeutral').innerText());
  // Charging points continue after their lifetime by default; ending them leaves more in 2035.
  await view.getByRole('combobox', { name: 'Efter livslängden (Laddpunkter!B8)' }).selectOption('upphör');
  await expect(keyFigure('residualAtNeutral')).not.toHaveText(residual, { timeout: 15_000 });
  const after = Number(
    normaliseSpaces(await keyFigure('residualAtNeutral').innerText()).replace(/[^\d]/g, ''),
  );
  expect(after).toBeGreaterThan(Number(residual.replace(/[^\d]/g, '')));
  await expect(results(page).locator('.sentence').first()).toBeVisible();
  await expect(
    results(page)
      .getByText(/Ending before 2035: .*Laddpunkter för verksamhetens bilar \(exempel\) \(2034\)/)
      .first(),
  ).toBeVisible();
  // A value typed above its high is kept, marked in the results and listed with its source.
  const volume = view.getByRole('textbox', { name: 'Ersatt fossilt bränsle per år (Drivmedel!B9)' });
  await volume.fill('800000');
  await volume.press('Enter');
  await expect(results(page).getByTestId('range-warnings')).toContainText(
    'Drivmedel!B9: 800,000 liter/år is above its high 750,000 ([U] Exempelvolym',
    { timeout: 15_000 },
  );
  // A column header sorts the table (ascending first).
  await view.getByRole('button', { name: 'Unit' }).click();
  await expect(view.getByRole('columnheader', { name: 'Unit' })).toHaveAttribute('aria-sort', 'ascending');
});
