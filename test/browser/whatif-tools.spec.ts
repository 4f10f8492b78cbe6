// The what-if tools as a planner uses them on the shipped Dalarna scenario: goal seek finds the HVO
// share that meets the 2030 target (checked against the measure's own arithmetic), applies it as one
// undoable edit, and refuses plainly where there is no answer; a two-variable data table gives what
// the grid gives for the same inputs; the tornado's order is the order of the swings HyperFormula gives.
import type { Locator, Page } from '@playwright/test';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../src/core/scenario/shipped';
import { workbookParameters } from '../../src/core/scenario/parameters';
import { createReferenceEngine } from '../../workers/monteCarlo';
import { exportModelForTest } from '../workers/monteCarloSupport';
import { cell, expect, goToCell, normaliseSpaces, openApp, openSheet, setCell, test } from './support/app';
import { openScenario, scenarioResults } from './support/scenario';
import { slowStep } from './support/timeouts';

const DALARNA = 'Region Dalarna – mot −75 % till 2030';
const SHARE = 'Andel av volymen som konverteras per år (Drivmedel)';
const VOLUME = 'Ersatt fossilt bränsle per år (Drivmedel)';
/**
 * A what-if answer: the what-if worker starts on first use (HyperFormula fetched and parsed again),
 * builds the workbook and evaluates it ~100 times; at load 14 in Node one goal seek took 2–6 s.
 */
const WHAT_IF_MS = 60_000;

const results = scenarioResults;

async function openDalarna(page: Page): Promise<Locator> {
  await openApp(page);
  return openScenario(page, DALARNA);
}

/** Open a what-if tool's tab and answer its panel. */
async function tool(page: Page, name: string): Promise<Locator> {
  const pane = results(page);
  await pane.getByRole('tab', { name }).click();
  const panel = pane.getByRole('tabpanel', { name });
  await expect(panel.locator('form')).toBeVisible({ timeout: 15_000 });
  return panel;
}

/** A key figure's number as shown ("6,420.687 t" → 6420.687). */
async function keyFigure(page: Page, key: string): Promise<number> {
  const text = normaliseSpaces((await results(page).locator(`dd[data-key="${key}"]`).textContent()) ?? '');
  return Number(text.replace(/ .*$/, '').replaceAll(',', ''));
}

test('goal seek finds the HVO share that meets the 2030 target, and applying it is one undoable edit', async ({
  page,
}) => {
  const pane = await openDalarna(page);
  // Built so that a share reaches the target: nothing converted yet, then a large volume and a
  // start in 2030 (so the 2030 reduction is volume × share × saving per litre). With the share at 0
  // first, the later edits leave the 2030 gap as it is: the shortfall read is the final one.
  await openSheet(page, 'Drivmedel');
  const shortfall = () => keyFigure(page, 'shortfallAtTarget');
  const before = await shortfall();
  await setCell(page, 'B13', '0');
  await expect.poll(shortfall, { timeout: 15_000 }).toBeGreaterThan(before);
  await setCell(page, 'B9', '5000000');
  await setCell(page, 'B5', '2030');
  await expect(cell(page, 'B5')).toHaveText('2030');
  expect(await cell(page, 'B10').textContent()).toBe('3.3');
  const shownShortfall = await shortfall();
  // The grid shows the gap in whole tonnes (the trajectory's tonnes format), as the key figure does.
  await openSheet(page, 'Bana');
  await goToCell(page, 'B45');
  const gap = Number(normaliseSpaces((await cell(page, 'B45').textContent()) ?? '').replaceAll(',', ''));
  expect(Math.round(gap)).toBe(shownShortfall);
  await openSheet(page, 'Drivmedel');
  // Independently, from the measure's own arithmetic: saving per litre 3.3 − 0.48 kg (WTW, HVO100),
  // so the share that closes the gap is gap / (volume × 2.82 kg / 1000).
  const expected = gap / ((5_000_000 * (3.3 - 0.48)) / 1000);
  expect(expected).toBeGreaterThan(0.1);
  expect(expected).toBeLessThan(0.9);

  const panel = await tool(page, 'Reach the target');
  await panel.getByRole('combobox', { name: 'Input' }).selectOption({ label: SHARE });
  await expect(panel.getByRole('radio', { name: 'The 2030 target met' })).toBeChecked();
  await panel.getByRole('button', { name: 'Seek' }).click();
  const solution = panel.getByTestId('goal-seek-solution');
  await expect(solution).toHaveCount(1, { timeout: slowStep(WHAT_IF_MS) });
  const found = Number(await solution.getAttribute('data-value'));
  // The gap read is rounded to whole tonnes: the share agrees to within that rounding (±0.5 t).
  expect(Math.abs(found - expected) / expected).toBeLessThan(0.5 / gap + 1e-9);
  const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 2 }).format(
    found,
  );
  await expect(solution).toHaveText(`Andel av volymen som konverteras per år = ${percent}`);
  await expect(panel).toContainText(/Computed by the compiled evaluator in [\d,]+ ms/);

  await panel.getByRole('button', { name: /^Set Drivmedel!B13 to / }).click();
  await expect(pane.locator('dd[data-key="shortfallAtTarget"]')).toHaveText('0 t', { timeout: 15_000 });
  await goToCell(page, 'B13');
  expect(Number(await page.getByRole('textbox', { name: 'Formula' }).inputValue())).toBeCloseTo(found, 12);
  // The answer is now stale: the workbook changed under it.
  await expect(panel).toContainText('The workbook has changed since this was computed');

  // One undo restores the share, and with it the shortfall.
  await page.getByRole('grid').focus();
  await page.keyboard.press('Control+z');
  await expect(cell(page, 'B13')).toHaveText('0%');
  await expect.poll(shortfall, { timeout: 15_000 }).toBe(shownShortfall);
  // The edit before it (the volume) is still there: the apply was exactly one step.
  await expect(cell(page, 'B9')).toHaveText('5,000,000');
});

test('goal seek says plainly when the target is out of reach and when the goal does not depend on the input', async ({
  page,
}) => {
  await openDalarna(page);
  const panel = await tool(page, 'Reach the target');
  // The shipped volume range (450 000–750 000 l) cannot close Dalarna's 2030 gap.
  await panel.getByRole('combobox', { name: 'Input' }).selectOption({ label: VOLUME });
  await panel.getByRole('button', { name: 'Seek' }).click();
  const refusal = panel.getByTestId('goal-seek-refusal');
  await expect(refusal).toContainText(
    /^Not reachable between 450,000 liter\/år and 750,000 liter\/år: the best is gap to the target [\d,.]+ t CO2e at 750,000 liter\/år\.$/,
    { timeout: slowStep(WHAT_IF_MS) },
  );
  await expect(panel.getByTestId('goal-seek-solution')).toHaveCount(0);

  // The measure's cost (Drivmedel!B4) reaches kr per tonne, not the emissions.
  await panel.getByRole('combobox', { name: 'Input' }).selectOption({ label: 'Another cell…' });
  await panel.getByRole('textbox', { name: 'Cell' }).fill('Drivmedel!B4');
  await panel.getByRole('textbox', { name: 'Low' }).fill('0');
  await panel.getByRole('textbox', { name: 'High' }).fill('10000000');
  await panel.getByRole('button', { name: 'Seek' }).click();
  await expect(refusal).toContainText(
    /^The goal does not depend on this input: it is gap to the target [\d,.]+ t CO2e/,
    {
      timeout: slowStep(WHAT_IF_MS),
    },
  );

  // A typed address that is not a cell is refused before anything runs.
  await panel.getByRole('textbox', { name: 'Cell' }).fill('Drivmedel!B4:B5');
  await panel.getByRole('button', { name: 'Seek' }).click();
  await expect(panel.getByTestId('goal-seek-answer')).toContainText('Type one cell with its sheet');

  // A workbook whose result is an error (a division by zero in the fossil factor): said in words,
  // never a number.
  await openSheet(page, 'Drivmedel');
  await setCell(page, 'B10', '=1/0');
  await expect(results(page).getByTestId('cannot-compute')).toBeVisible({ timeout: 15_000 });
  await panel.getByRole('combobox', { name: 'Input' }).selectOption({ label: VOLUME });
  await panel.getByRole('button', { name: 'Seek' }).click();
  const answer = panel.getByTestId('goal-seek-answer');
  await expect(answer).toContainText(
    'The result is an error, not a number, everywhere between low and high',
    {
      timeout: slowStep(WHAT_IF_MS),
    },
  );
  await expect(answer).not.toContainText(/\d/);
});

test('a two-variable data table gives the values the grid gives for the same inputs', async ({ page }) => {
  await openDalarna(page);
  const panel = await tool(page, 'Data table');
  const rows = panel.getByRole('group', { name: 'Input in the rows' });
  await rows.getByRole('combobox', { name: 'Input' }).selectOption({ label: SHARE });
  const rowValues = panel.getByRole('group', { name: 'Values' }).first();
  await rowValues.getByRole('combobox').selectOption('list');
  await rowValues.getByRole('textbox').fill('0.05; 0.1 0.2');
  await panel.getByRole('checkbox', { name: 'Two inputs' }).check();
  const columns = panel.getByRole('group', { name: 'Input in the columns' });
  await columns.getByRole('combobox', { name: 'Input' }).selectOption({ label: VOLUME });
  const columnValues = panel.getByRole('group', { name: 'Values' }).nth(1);
  await columnValues.getByRole('textbox', { name: 'From' }).fill('450000');
  await columnValues.getByRole('textbox', { name: 'To' }).fill('750000');
  await columnValues.getByRole('textbox', { name: 'Step' }).fill('150000');
  // The output: the 2030 projection's cell on the trajectory (Bana!B43), so the grid can be read.
  await panel.getByRole('combobox', { name: 'Output' }).selectOption({ label: 'A cell' });
  await panel.getByRole('textbox', { name: 'Cell' }).fill('Bana!B43');
  await panel.getByRole('button', { name: 'Compute the table' }).click();

  const table = panel.getByRole('table', { name: /^Bana!B43 by Andel av volymen/ });
  await expect(table).toBeVisible({ timeout: slowStep(WHAT_IF_MS) });
  await expect(table.getByRole('columnheader')).toHaveText([
    /Andel .* \\ Ersatt fossilt/,
    '450,000 liter/år',
    '600,000 liter/år',
    '750,000 liter/år',
  ]);
  await expect(table.getByRole('rowheader')).toHaveText(['5%', '10%', '20%']);
  const shown = async (r: number, c: number) =>
    normaliseSpaces(
      (await table
        .getByRole('row')
        .nth(r + 1)
        .getByRole('cell')
        .nth(c)
        .textContent()) ?? '',
    );
  const corners = [
    { r: 0, c: 0, share: '0.05', volume: '450000' },
    { r: 2, c: 2, share: '0.2', volume: '750000' },
    { r: 1, c: 1, share: '0.1', volume: '600000' },
  ];
  const fromTable: string[] = [];
  for (const k of corners) fromTable.push(await shown(k.r, k.c));
  // Type each pair into the grid and read the projection the engine gives.
  for (const [i, k] of corners.entries()) {
    await openSheet(page, 'Drivmedel');
    await setCell(page, 'B13', k.share);
    await setCell(page, 'B9', k.volume);
    await openSheet(page, 'Bana');
    await goToCell(page, 'B43');
    // The table shows two decimals, the grid whole tonnes (its format): equal within the rounding.
    const number = (text: string) => Number(text.replaceAll(',', ''));
    await expect
      .poll(async () =>
        Math.abs(
          number(normaliseSpaces((await cell(page, 'B43').textContent()) ?? '')) - number(fromTable[i] ?? ''),
        ),
      )
      .toBeLessThanOrEqual(0.505);
  }
  // Different inputs gave different values (the table is not one number repeated).
  expect(new Set(fromTable).size).toBe(3);
  await expect(panel.getByRole('button', { name: 'Export CSV' })).toBeVisible();
});

test('the tornado lists the parameters in the order of the swings HyperFormula gives', async ({ page }) => {
  // The test's own reckoning: the shipped Dalarna built in Node, each ranged parameter set to its
  // low and its high in HyperFormula, the 2030 projection read, swings sorted.
  const recipe = SHIPPED_SCENARIOS.find((r) => r.id === 'dalarna-2030');
  const doc = buildShippedScenario(recipe as NonNullable<typeof recipe>, exportModelForTest);
  const workbook = { sheets: doc.sheets, names: doc.names };
  const hf = createReferenceEngine(workbook);
  const projected = [{ sheet: doc.sheets.findIndex((s) => s.name === 'Bana'), row: 42, col: 1 }];
  const swings: { label: string; swing: number }[] = [];
  for (const p of workbookParameters(doc)) {
    if (typeof p.value !== 'number' || typeof p.low !== 'number' || typeof p.high !== 'number') continue;
    if (!(p.low < p.high) || (p.kind.kind !== 'number' && p.kind.kind !== 'share')) continue;
    const at = [{ sheet: doc.sheets.findIndex((s) => s.id === p.sheetId), row: p.row, col: p.col }];
    const [low] = hf.evaluate(at, [p.low], projected) as [number];
    const [high] = hf.evaluate(at, [p.high], projected) as [number];
    hf.evaluate(at, [p.value], projected);
    swings.push({ label: `${p.name} (${p.sheet})`, swing: Math.abs(high - low) });
  }
  hf.destroy();
  const moving = swings.filter((s) => s.swing > 1e-6).sort((a, b) => b.swing - a.swing);
  expect(moving.length).toBeGreaterThan(5);

  await openDalarna(page);
  const panel = await tool(page, 'Sensitivity');
  await panel.getByRole('button', { name: 'Compute' }).click();
  const table = panel.getByTestId('tornado-table');
  await expect(table).toBeVisible({ timeout: slowStep(WHAT_IF_MS) });
  const names = (await table.getByRole('rowheader').allTextContents()).map(normaliseSpaces);
  expect(names.slice(0, moving.length)).toEqual(moving.map((s) => s.label));
  await expect(panel.getByTestId('tornado-sentence')).toContainText(
    `${moving[0]?.label.replace(/ \(.*\)$/, '')} matters most`,
  );
  await expect(
    panel.getByRole('img', { name: /Emissions 2030: each parameter from its low to its high/ }),
  ).toBeVisible();
});
