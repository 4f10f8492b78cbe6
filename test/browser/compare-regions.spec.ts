// Comparing scenarios of different regions, as a planner does: Stockholm (≈607 kt) beside Dalarna
// (≈18 kt). Parameters are compared by name (never formula text), the "% of base year" axis is chosen
// because the bases differ by far more than ×5, and each scenario's own target path is drawn.
import { SHIPPED_SCENARIO_NAMES, expect, normaliseSpaces, openApp, test } from './support/app';
import { CHART_MS, slowStep } from './support/timeouts';
import { compareScenarios } from './support/versions';

const [STOCKHOLM, DALARNA] = SHIPPED_SCENARIO_NAMES as [string, string];

test('Dalarna beside Stockholm: parameters by name, the % axis, both targets drawn and tabled', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  const compare = await compareScenarios(page, [STOCKHOLM, DALARNA]);

  // The bases differ ×34: the comparison opens on % of base year, and says what is left that way.
  const axis = compare.getByRole('group', { name: 'Axis' });
  await expect(axis.getByRole('radio', { name: '% of base year' })).toBeChecked();
  await expect(compare.locator('.compare-sentence')).toContainText('of the base year');

  // Parameters by name: no formula as a name, unit or value; the base year with both values.
  const inputs = compare.getByRole('table', { name: 'Inputs that differ' });
  await expect(inputs.getByRole('row', { name: /^Basår Baslinje år/ })).toBeVisible();
  expect(normaliseSpaces(await inputs.getByRole('row', { name: /^Basår Baslinje år/ }).innerText())).toBe(
    'Basår Baslinje år 2024 2018',
  );
  for (const text of await inputs.locator('th, td').allInnerTexts()) expect(text.trim()).not.toMatch(/^=/);
  // What only Stockholm has (its steel measure) is listed on its side.
  const onlyStockholm = compare.getByRole('table', { name: `Only in ${STOCKHOLM}` });
  await expect(onlyStockholm.getByRole('row', { name: /^Stål Stål ton/ })).toBeVisible();
  for (const text of await onlyStockholm.locator('th, td').allInnerTexts())
    expect(text.trim()).not.toMatch(/^=/);

  // Each scenario's own target path: two dashed target lines in the chart.
  const chart = compare.getByRole('img', { name: /^Projected emissions of the scenarios\. / });
  await expect(chart.locator('svg').first()).toBeVisible({ timeout: slowStep(CHART_MS) });
  await expect(chart.locator('g[aria-description="target path"] path')).toHaveCount(2);
  await expect(chart.locator('g[aria-description="projection"] path')).toHaveCount(2);

  // The chart's table follows the axis: each scenario is 100 % in its own base year.
  const table = compare.getByRole('table', { name: 'The chart as a table (% of base year)' });
  const header = await table.getByRole('columnheader').allInnerTexts();
  expect(header).toEqual([
    'Year',
    STOCKHOLM,
    `Target path (${STOCKHOLM})`,
    DALARNA,
    `Target path (${DALARNA})`,
  ]);
  const row = async (year: number) =>
    (
      await table
        .getByRole('row', { name: new RegExp(`^${year}\\b`) })
        .getByRole('cell')
        .allInnerTexts()
    ).map(normaliseSpaces);
  expect((await row(2024))[0]).toBe('100 %');
  expect((await row(2018))[2]).toBe('100 %');
  // Dalarna's own target: −75 % by 2030, so 25 % of its base year.
  expect((await row(2030))[3]).toBe('25 %');

  // Switched to tonnes, the table and sentence follow.
  await axis.getByRole('radio', { name: 'Tonnes CO2e' }).check();
  const tonnes = compare.getByRole('table', { name: 'The chart as a table (t CO2e)' });
  await expect(tonnes).toBeVisible();
  const dalarnaBase = normaliseSpaces(
    (
      await tonnes
        .getByRole('row', { name: /^2018\b/ })
        .getByRole('cell')
        .allInnerTexts()
    )[2] ?? '',
  );
  expect(dalarnaBase).toMatch(/^[\d,]+ t$/);
  await expect(compare.locator('.compare-sentence')).not.toContainText('of the base year');
  await expect(chart.locator('g[aria-description="target path"] path')).toHaveCount(2);
});
