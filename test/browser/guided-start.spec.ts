// The guided start and the start view, used as a planner does: a fresh profile opens on the start
// view; a Swedish 6-sector × 5-year matrix is pasted from the clipboard (a bad row first, refused with
// its reason); the new scenario's key figures and trajectory table match numbers computed here from
// the pasted values; horizons to 2045 and 2060; a second visit reopens the last workbook.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { SHIPPED_SCENARIO_NAMES, expect, normaliseSpaces, test, title, waitForWorkbook } from './support/app';
import { writeClipboard } from './support/grid';
import { APP_START_MS, CHART_MS, ENGINE_LOAD_MS, slowStep } from './support/timeouts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/region/${name}`, import.meta.url), 'utf8');
const GOOD = fixture('baseline-6x5-sv.tsv');
const BAD = fixture('baseline-bad-row-sv.tsv');

// The fixture's numbers typed again: totals of the years where every sector has a value.
const T2018 = 12345.6 + 8450.0 + 4210.4 + 21034.9 + 3120.7 + 1050.2;
const T2019 = 11980.2 + 8120.5 + 4198.7 + 20511.3 + 2980.1 + 1012.8;
const T2021 = 10877.4 + 7402.8 + 4133.9 + 19450 + 2755 + 965.4;
const T2022 = 10120.9 + 7005.1 + 4101.6 + 18803.2 + 2640.3 + 940;
const RATE = (T2022 / T2018) ** (1 / 4) - 1;
const SLOPE = (T2022 - T2018) / 4;

/** BAU as the planner chose it: observed to 2022 (2020 on the line 2019 → 2021), then the rule. */
function bau(rule: 'flat' | 'rate' | 'linear', year: number): number {
  if (year === 2018) return T2018;
  if (year === 2019) return T2019;
  if (year === 2020) return (T2019 + T2021) / 2;
  if (year === 2021) return T2021;
  const k = year - 2022;
  if (rule === 'flat') return T2022;
  if (rule === 'rate') return T2022 * (1 + RATE) ** k;
  return Math.max(0, T2022 + SLOPE * k);
}

const whole = (v: number) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(Math.round(v));
const percent = (v: number) =>
  new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(v);

function results(page: Page) {
  return page.getByRole('complementary', { name: 'Scenario results' });
}

/** The cells of one year's row in the trajectory's table: projected, BAU, then the four targets. */
async function trajectoryRow(page: Page, year: number): Promise<string[]> {
  const table = results(page).getByRole('figure', { name: 'Emissions against the targets' }).locator('table');
  const cells = table.locator('tr', { has: page.locator(`th:text-is("${year}")`) }).locator('td');
  return (await cells.allTextContents()).map(normaliseSpaces);
}

async function paste(page: Page, box: ReturnType<Page['getByRole']>, text: string): Promise<void> {
  await writeClipboard(page, text);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** Walk the guided start with the good matrix (after a refused bad one) and land in the scenario. */
async function createRegion(page: Page, endYear: number, rule: 'Flat' | 'Constant rate' | 'Linear trend') {
  const start = page.getByRole('dialog', { name: 'Start your own region' });
  await expect(start).toBeVisible();
  await start.getByRole('textbox', { name: 'Organisation' }).fill('Region Testland');
  await page.keyboard.press('Enter');

  const box = start.getByRole('textbox', { name: 'Emissions by sector and year (t CO2e)' });
  await paste(page, box, BAD);
  await expect(start.getByRole('alert')).toContainText('Row 4: “fyra” (2019) is not a number.');
  const preview = start.getByRole('table', { name: 'Preview of the baseline' });
  await expect(preview.locator('tbody tr')).toHaveCount(5);
  await expect(preview).not.toContainText('Jordbruk');
  await start.getByRole('button', { name: 'Next' }).click();
  await expect(start.getByText('Correct or remove the rows that were not taken in')).toBeVisible();

  await paste(page, box, GOOD);
  await expect(start.getByRole('alert')).toHaveCount(0);
  await expect(preview.locator('tbody tr')).toHaveCount(6);
  await expect(preview.locator('tr', { hasText: 'Avfall' }).locator('td').nth(2)).toHaveText('missing');
  await expect(preview.locator('tr', { hasText: 'Transporter' }).locator('td').first()).toHaveText(
    '12,345.6',
  );
  await start.getByRole('button', { name: 'Next' }).click();

  await start.getByRole('radio', { name: new RegExp(`^${rule}`) }).check();
  await start.getByRole('button', { name: 'Next' }).click();
  await start.getByRole('textbox', { name: 'Last year of the trajectory' }).fill(String(endYear));
  await expect(start.getByText(`The trajectory runs from 2018 to ${endYear}.`)).toBeVisible();
  // Enter submits the step, as the button does.
  await page.keyboard.press('Enter');

  await expect(start).toHaveCount(0);
  await expect(title(page)).toHaveText('Region Testland – mot −75 % till 2030');
  await expect(
    results(page).getByRole('figure', { name: 'Emissions against the targets' }).locator('svg').first(),
  ).toBeVisible({ timeout: slowStep(ENGINE_LOAD_MS + CHART_MS) });
}

test('a fresh profile opens on the start view, the guided start lands in a scenario that matches, and a second visit reopens it', async ({
  page,
}) => {
  await page.goto('/?debug&start');
  const view = page.getByRole('main', { name: 'Welcome to Bana' });
  await expect(view).toBeVisible({ timeout: slowStep(APP_START_MS) });
  // The shipped scenarios, each with its result by the target year in one line.
  for (const name of SHIPPED_SCENARIO_NAMES) {
    const item = view.getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) });
    await expect(item.getByTestId('start-result')).toHaveText(
      /^Emissions [−+]\d+% by 20\d\d against 20\d\d; the target is −75%\.$/,
      { timeout: slowStep(2 * ENGINE_LOAD_MS) },
    );
  }
  await expect(view.getByRole('heading', { name: 'Recent workbooks' })).toBeVisible();
  await expect(view.getByRole('button', { name: `Open ${SHIPPED_SCENARIO_NAMES[1]}` })).toBeVisible();
  // By keyboard: F6 goes to the toolbar, then to the start view's first control.
  await page.keyboard.press('F6');
  await expect(page.getByRole('banner').locator(':focus')).toHaveCount(1);
  await page.keyboard.press('F6');
  await expect(view.getByRole('button', { name: 'Start your own region' })).toBeFocused();
  await page.keyboard.press('Enter');
  await createRegion(page, 2050, 'Constant rate');

  const projected2030 = bau('rate', 2030);
  const key = (name: string) => results(page).locator(`dd[data-key="${name}"]`);
  await expect(key('reductionAtTarget')).toHaveText(percent(1 - projected2030 / T2018));
  await expect(key('shortfallAtTarget')).toHaveText(`${whole(projected2030 - 0.25 * T2018)} t`);
  // Projected, BAU, then the 2030 target path: no measures yet, so projected is BAU.
  for (const year of [2018, 2020, 2022, 2030, 2050]) {
    const row = await trajectoryRow(page, year);
    expect(row.slice(0, 2), String(year)).toEqual([whole(bau('rate', year)), whole(bau('rate', year))]);
  }
  expect((await trajectoryRow(page, 2030))[2]).toBe(whole(0.25 * T2018));
  expect((await trajectoryRow(page, 2018))[2]).toBe(whole(T2018));
  // Where the emissions come from, and the rule said in words.
  const sectors = results(page).getByRole('figure', { name: 'Baseline per sector' });
  await expect(sectors.locator('svg').first()).toBeVisible({ timeout: slowStep(CHART_MS) });
  await expect(sectors.locator('p.sentence')).toContainText('Industri');
  await expect(sectors.locator('p.sentence')).toContainText(
    `then changes at a constant rate of −${percent(-RATE)} a year (the trend 2018–2022)`,
  );
  // Measures come from the templates.
  await expect(page.getByRole('button', { name: 'Add measure' })).toBeVisible();

  // A second visit: no start view, the last workbook is open again.
  await page.reload();
  await waitForWorkbook(page);
  await expect(title(page)).toHaveText('Region Testland – mot −75 % till 2030');
  await expect(page.getByRole('main', { name: 'Welcome to Bana' })).toHaveCount(0);
});

for (const [endYear, rule, ruleKey] of [
  [2045, 'Linear trend', 'linear'],
  [2060, 'Flat', 'flat'],
] as const) {
  test(`a horizon ending in ${endYear} (${ruleKey} BAU): the years run from the base year to ${endYear}`, async ({
    page,
  }) => {
    await page.goto('/?debug');
    await waitForWorkbook(page);
    await page.getByRole('banner').getByRole('button', { name: 'Start your own region' }).click();
    await createRegion(page, endYear, rule);
    const table = results(page)
      .getByRole('figure', { name: 'Emissions against the targets' })
      .locator('table');
    await expect(table.locator('tbody tr')).toHaveCount(endYear - 2018 + 1);
    await expect(table.locator('tbody tr').last().locator('th')).toHaveText(String(endYear));
    for (const year of [2030, endYear]) {
      const row = await trajectoryRow(page, year);
      expect(row[1], String(year)).toBe(whole(bau(ruleKey, year)));
    }
    await expect(results(page).locator('dd[data-key="residualAtNeutral"]')).toHaveText(
      `${whole(bau(ruleKey, 2035))} t`,
    );
  });
}

test.describe('in a Swedish browser', () => {
  test.use({ locale: 'sv-SE' });

  test('the guided start speaks Swedish: refused row, preview in Swedish numbers, the rule in words', async ({
    page,
  }) => {
    await page.goto('/?debug');
    await waitForWorkbook(page);
    await page.getByRole('banner').getByRole('button', { name: 'Börja med din egen region' }).click();
    const start = page.getByRole('dialog', { name: 'Börja med din egen region' });
    await start.getByRole('textbox', { name: 'Organisation' }).fill('Region Testland');
    await page.keyboard.press('Enter');
    const box = start.getByRole('textbox', { name: 'Utsläpp per sektor och år (t CO2e)' });
    await paste(page, box, BAD);
    await expect(start.getByRole('alert')).toContainText('Rad 4: ”fyra” (2019) är inget tal.');
    await paste(page, box, GOOD);
    const preview = start.getByRole('table', { name: 'Förhandsvisning av baslinjen' });
    await expect(preview.locator('tbody tr')).toHaveCount(6);
    const first = preview.locator('tr', { hasText: 'Transporter' }).locator('td').first();
    await expect(first).toHaveText(/^12\s345,6$/);
    await expect(preview.locator('tr', { hasText: 'Avfall' }).locator('td').nth(2)).toHaveText('saknas');
    await start.getByRole('button', { name: 'Nästa' }).click();
    await start.getByRole('radio', { name: /^Konstant takt/ }).check();
    await start.getByRole('button', { name: 'Nästa' }).click();
    await start.getByRole('textbox', { name: 'Banans sista år' }).fill('2045');
    await start.getByRole('button', { name: 'Skapa scenario' }).click();
    await expect(title(page)).toHaveText('Region Testland – mot −75 % till 2030');
    const pane = page.getByRole('complementary', { name: 'Scenariots resultat' });
    const sectors = pane.getByRole('figure', { name: 'Baslinje per sektor' });
    await expect(sectors.locator('svg').first()).toBeVisible({
      timeout: slowStep(ENGINE_LOAD_MS + CHART_MS),
    });
    const rate = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 }).format(-RATE);
    await expect
      .poll(async () => normaliseSpaces((await sectors.locator('p.sentence').textContent()) ?? ''))
      .toContain(`sedan konstant takt −${normaliseSpaces(rate)} per år (trenden 2018–2022)`);
  });
});
