// Scenarios in the browser: the shipped Dalarna scenario shows its trajectory, key figures and
// sentences; changing a parameter moves them; measures are added (a new wedge) and removed; and a
// new scenario is built from a baseline and chosen templates.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import {
  dialog,
  expect,
  normaliseSpaces,
  openApp,
  openFromList,
  openSheet,
  setCell,
  tab,
  tabNames,
  test,
  title,
} from './support/app';
import { CHART_MS, slowStep } from './support/timeouts';

const DALARNA = 'Region Dalarna – mot −75 % till 2030';

/** The row (1-based) of a label in a template's first column, read from the shipped file. */
function templateRow(file: string, label: string): number {
  const doc = JSON.parse(readFileSync(new URL(`../../models/templates/${file}`, import.meta.url), 'utf8'));
  const row = (doc.sheets[0].cells as unknown[][]).findIndex((r) => r[0] === label);
  if (row < 0) throw new Error(`no ${label} in ${file}`);
  return row + 1;
}

function results(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Scenario results' });
}

function figure(page: Page, name: string): Locator {
  return results(page).getByRole('figure', { name });
}

async function keyFigure(page: Page, key: string): Promise<string> {
  return normaliseSpaces(await results(page).locator(`[data-key="${key}"]`).innerText());
}

async function openDalarna(page: Page): Promise<void> {
  await openApp(page);
  await openFromList(page, `Open ${DALARNA}`);
  await expect(title(page)).toHaveText(DALARNA);
  await expect(figure(page, 'Emissions against the targets').locator('svg').first()).toBeVisible({
    timeout: slowStep(CHART_MS),
  });
}

test('a shipped scenario shows key figures, charts with tables, and the result in words', async ({
  page,
}) => {
  await openDalarna(page);
  const trajectory = figure(page, 'Emissions against the targets');
  await expect(
    trajectory.getByText(/^With these measures emissions fall by \d+% by 2030; the −75% target is not met/),
  ).toBeVisible();
  expect(await keyFigure(page, 'reductionAtTarget')).toMatch(/^\d+(\.\d)?%$/);
  // Each chart has an accessible table of its numbers.
  await trajectory.getByText('Show the numbers of “Emissions against the targets” as a table').click();
  const table = trajectory.getByRole('table');
  await expect(table.getByRole('rowheader', { name: '2030' })).toBeVisible();
  await expect(table.getByRole('row', { name: /^2018 17,861 17,861/ })).toBeVisible();
  await expect(
    figure(page, 'Reductions per measure').getByText(/^The measures cut [\d,]+ t in 2030; the largest is /),
  ).toBeVisible();
  await expect(
    figure(page, 'Marginal abatement cost curve').getByText(/^Cheapest per tonne is /),
  ).toBeVisible();
});

test('changing the HVO factor moves the chart, the key figure and the sentence', async ({ page }) => {
  await openDalarna(page);
  const trajectory = figure(page, 'Emissions against the targets');
  const sentence = trajectory.locator('.sentence');
  const beforeSentence = await sentence.innerText();
  const beforeKey = await keyFigure(page, 'shortfallAtTarget');
  const beforeChart = await trajectory.locator('svg').last().innerHTML();

  await openSheet(page, 'Drivmedel');
  // HVO100 at 0 kg/l instead of 0.48: the bus conversion saves more every year.
  await setCell(page, `B${templateRow('fuel-conversion.bana.json', 'HVO100')}`, '0');

  await expect.poll(() => keyFigure(page, 'shortfallAtTarget')).not.toBe(beforeKey);
  await expect(sentence).not.toHaveText(beforeSentence);
  expect(await trajectory.locator('svg').last().innerHTML()).not.toBe(beforeChart);
  // Undo brings every figure back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => keyFigure(page, 'shortfallAtTarget')).toBe(beforeKey);
  await expect(sentence).toHaveText(beforeSentence);
});

test('adding a measure wires a new sheet into the trajectory and adds a wedge; removing it takes it out', async ({
  page,
}) => {
  await openDalarna(page);
  const wedges = figure(page, 'Reductions per measure');
  await wedges.getByText(/as a table$/).click();
  const header = wedges.getByRole('columnheader', { name: 'Flergångssprutor (Folktandvården)' });
  await expect(header).toHaveCount(0);

  await page.getByRole('button', { name: 'Add measure', exact: true }).click();
  const picker = dialog(page);
  await picker.getByRole('radio', { name: /Flergångssprutor/ }).check();
  await picker.getByRole('button', { name: 'Add measure' }).click();
  await expect(tab(page, 'Sprutor')).toHaveAttribute('aria-selected', 'true');
  await expect(header).toBeVisible();
  // 350 000 uses × 40 g = 14 t in 2030.
  const row2030 = wedges.getByRole('row', { name: /^2030 / });
  await expect(row2030).toContainText('14');

  await page.getByRole('button', { name: 'Remove measure' }).click();
  await dialog(page).getByRole('button', { name: 'Remove measure' }).click();
  await expect(header).toHaveCount(0);
  expect(await tabNames(page)).not.toContain('Sprutor');
});

test('a new scenario from a baseline and chosen templates', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New scenario' }).click();
  const form = dialog(page);
  await form.getByRole('textbox', { name: 'Scenario name' }).fill('Stockholm: stål och lustgas');
  await form.getByRole('radio', { name: /Region Stockholm/ }).check();
  await form.getByRole('checkbox', { name: /Stål med lågt klimatavtryck/ }).check();
  await form.getByRole('checkbox', { name: /Mobil lustgasdestruktion/ }).check();
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(title(page)).toHaveText('Stockholm: stål och lustgas');
  // Measures come in the order the picker lists them (by name).
  expect(await tabNames(page)).toEqual(['Bana', 'Baslinje', 'Lustgas', 'Stål']);
  await expect(
    figure(page, 'Emissions against the targets').getByText(/^With these measures emissions fall by 0%/),
  ).toBeVisible({
    timeout: slowStep(CHART_MS),
  });
  expect(await keyFigure(page, 'costPerTonne')).toMatch(/kr\/t$/);
});

test.describe('in Swedish', () => {
  test.use({ locale: 'sv-SE' });
  test('the result is said in Swedish', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Arbetsböcker' }).click();
    await page.getByRole('button', { name: `Öppna ${DALARNA}` }).click();
    const results = page.getByRole('complementary', { name: 'Scenariots resultat' });
    await expect(
      results.getByText(
        /^Med dessa åtgärder minskar utsläppen med \d+[\s\u00a0]% till 2030; målet −75[\s\u00a0]% nås inte, det saknas [\d\s\u00a0]+ t\./,
      ),
    ).toBeVisible({
      timeout: slowStep(CHART_MS),
    });
  });
});
