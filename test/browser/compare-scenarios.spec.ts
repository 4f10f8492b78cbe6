// Comparing scenarios in the browser: the two shipped scenarios side by side (chart, key figures,
// differing inputs, the sentence), and a branched copy with one changed parameter.
import {
  SHIPPED_SCENARIO_NAMES,
  expect,
  normaliseSpaces,
  openApp,
  openFromList,
  openSheet,
  setCell,
  test,
  title,
} from './support/app';
import { compareScenarios, openVersions, saveVersion } from './support/versions';
import { CHART_MS, slowStep } from './support/timeouts';

const [STOCKHOLM, DALARNA] = SHIPPED_SCENARIO_NAMES as [string, string];

test('the shipped scenarios side by side: chart, key figures, differing inputs and the result in words', async ({
  page,
}) => {
  await openApp(page);
  const compare = await compareScenarios(page, [STOCKHOLM, DALARNA]);
  const keyFigures = compare.getByRole('table', { name: 'Key figures' });
  for (const name of [STOCKHOLM, DALARNA]) {
    const row = keyFigures.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect(row.getByRole('rowheader')).toHaveText(name);
    await expect(row.getByRole('cell').first()).toHaveText(/^[−+]\d+(\.\d)?%$/);
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^[\d,]+ t$/);
  }
  await expect(keyFigures.getByRole('columnheader', { name: 'Reduction by 2030' })).toBeVisible();

  const inputs = compare.getByRole('table', { name: 'Inputs that differ' });
  await expect(inputs.getByRole('columnheader', { name: STOCKHOLM })).toBeVisible();
  const baseYear = inputs.getByRole('row', { name: /^Basår Baslinje år/ });
  expect(normaliseSpaces(await baseYear.innerText())).toBe('Basår Baslinje år 2024 2018');

  const chart = compare.getByRole('img', { name: /^Projected emissions of the scenarios\. / });
  await expect(chart.locator('svg').first()).toBeVisible({ timeout: slowStep(CHART_MS) });
  await expect(compare.locator('.compare-sentence')).toHaveText(
    new RegExp(`^${STOCKHOLM} reaches [−+]\\d+% by 2030, ${DALARNA} [−+]\\d+%\\.`),
  );
  expect(await chart.getAttribute('aria-label')).toContain(`${STOCKHOLM} reaches`);
});

test('a branched copy with a changed parameter shows the parameter with both values', async ({ page }) => {
  await openApp(page);
  await openFromList(page, `Open ${DALARNA}`);
  await saveVersion(page, 'Bas');
  const versions = await openVersions(page);
  await versions.getByRole('button', { name: 'Branch Bas', exact: true }).click();
  const branch = `${DALARNA} – Bas`;
  await expect(title(page)).toHaveText(branch);
  await openSheet(page, 'Baslinje');
  await setCell(page, 'B10', '2040');

  const compare = await compareScenarios(page, [DALARNA, branch]);
  const keyFigures = compare.getByRole('table', { name: 'Key figures' });
  await expect(keyFigures.getByRole('rowheader', { name: DALARNA, exact: true })).toBeVisible();
  await expect(keyFigures.getByRole('rowheader', { name: branch, exact: true })).toBeVisible();
  const inputs = compare.getByRole('table', { name: 'Inputs that differ' });
  const changed = inputs.getByRole('row', { name: /^Klimatneutralt år/ });
  // Scenarios come in the workbook list's order: the new branch first.
  await expect(inputs.getByRole('columnheader')).toHaveText(['Parameter', 'Sheet', 'Unit', branch, DALARNA]);
  expect(normaliseSpaces(await changed.innerText())).toBe('Klimatneutralt år Baslinje år 2040 2035');
  // Parameters compare by computed value: the carbon budget is a formula of the neutral year, so it
  // differs too, shown as the numbers it computes (never as its formula text).
  const budget = inputs.getByRole('row', { name: /^Koldioxidbudget från basåret/ });
  expect(normaliseSpaces(await budget.innerText())).toMatch(
    /^Koldioxidbudget från basåret Baslinje t CO2e [\d,.]+ [\d,.]+$/,
  );
  await expect(inputs.getByRole('row')).toHaveCount(3);
});
