// The Monte Carlo tool as a planner uses it on a shipped scenario: a fixed seed gives the same
// figures twice and the same as `bana montecarlo` on the exported file; a chosen distribution is
// stored with the scenario (a reload keeps it); a long run can be cancelled midway.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import { expect, normaliseSpaces, openApp, openSheet, setCell, test, waitForWorkbook } from './support/app';
import { openScenario } from './support/scenario';
import { slowStep } from './support/timeouts';

const DALARNA = 'Region Dalarna – mot −75 % till 2030';
/**
 * One run of 1 000 samples in the what-if worker: its own HyperFormula for the folded constants,
 * then the compiled evaluator. The CLI (Node, tsx) took 4 s for 2 000 at load 20; a worker that
 * starts on first use adds the engine's download and parse.
 */
const RUN_MS = 60_000;
/** `node bin/bana.mjs montecarlo` on the file: tsx compiles the CLI, then the same run. */
const CLI_MS = 90_000;

/** Open the Monte Carlo tab of the What-if section (goal seek is the first tab) and return its panel. */
async function monteCarlo(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Monte Carlo', exact: true }).click();
  return page.getByRole('tabpanel', { name: 'Monte Carlo' });
}

async function setField(panel: Locator, name: string, value: string): Promise<void> {
  const field = panel.getByRole('textbox', { name, exact: true });
  await field.fill(value);
  // The change event (leaving the field) stores the value in the scenario.
  await field.press('Tab');
}

/** Click Run and read what the planner reads: both probabilities, the sentence and the gap's spread. */
async function run(
  panel: Locator,
): Promise<{ target: string; neutral: string; sentence: string; gap: string }> {
  const sentence = panel.getByTestId('mc-sentence');
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({
    timeout: slowStep(RUN_MS),
  });
  await expect(sentence).toBeVisible();
  const gapFigure = panel.getByRole('figure', { name: /^Gap to the target in/ });
  return {
    target: normaliseSpaces(await panel.getByTestId('mc-p-target').innerText()),
    neutral: normaliseSpaces(await panel.getByTestId('mc-p-neutral').innerText()),
    sentence: normaliseSpaces(await sentence.innerText()),
    gap: normaliseSpaces((await gapFigure.getByRole('img').getAttribute('aria-label')) ?? ''),
  };
}

test.describe('Monte Carlo', () => {
  test('a fixed seed gives the same figures twice, a chosen distribution is kept, and the CLI agrees', async ({
    page,
  }, testInfo) => {
    await openApp(page);
    await openScenario(page, DALARNA);
    const panel = await monteCarlo(page);
    await expect(panel.getByRole('table', { name: 'Sampled parameters' })).toBeVisible();
    await setField(panel, 'Seed', '7');
    await setField(panel, 'Runs', '1000');
    // The first sampled parameter read as a normal with low/high as P5/P95.
    const address = await panel.locator('tr[data-address]').first().getAttribute('data-address');
    const distribution = (p: Locator) => p.locator(`tr[data-address="${address}"]`).getByRole('combobox');
    await expect(distribution(panel)).toHaveAccessibleName(/^Distribution of /);
    await distribution(panel).selectOption('normal');

    const first = await run(panel);
    expect(first.sentence).toMatch(/With these ranges the 2030 target is met in \d+% of 1,000 runs \(±\d/);
    expect(first.sentence).toMatch(/at most 15% of base-year emissions left/);
    await expect(panel.getByTestId('mc-engine')).toContainText(
      /Engine: the compiled evaluator; \d+ of 1,000 runs went to HyperFormula/,
    );
    await expect(
      panel.getByRole('figure', { name: 'Projection with its uncertainty (P5–P95)' }).locator('svg').first(),
    ).toBeVisible();
    const again = await run(panel);
    expect(again).toEqual(first);

    // Stored with the scenario: a reload shows the same seed, runs and distribution.
    await page.reload();
    await waitForWorkbook(page);
    const reloaded = await monteCarlo(page);
    await expect(reloaded.getByRole('textbox', { name: 'Seed', exact: true })).toHaveValue('7');
    await expect(reloaded.getByRole('textbox', { name: 'Runs', exact: true })).toHaveValue('1000');
    await expect(distribution(reloaded)).toHaveValue('normal');

    // The exported file run by `bana montecarlo` without flags: the stored seed and distributions.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export file', exact: true }).click();
    const file = testInfo.outputPath((await downloading).suggestedFilename());
    await (await downloading).saveAs(file);
    const { stdout } = await promisify(execFile)('node', ['bin/bana.mjs', 'montecarlo', file, '--json'], {
      timeout: slowStep(CLI_MS),
    });
    const cli = JSON.parse(stdout);
    expect(cli.seed).toBe(7);
    expect(cli.samples).toBe(1000);
    const percent = (p: number) =>
      `${new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(p)}`;
    const tonnes = (t: number) =>
      new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(Math.round(t));
    expect(first.target).toBe(percent(cli.target.probability));
    expect(first.neutral).toBe(percent(cli.neutral.probability));
    expect(first.gap).toContain(
      `P5 ${tonnes(cli.gap.p5)} t, P50 ${tonnes(cli.gap.p50)} t, P95 ${tonnes(cli.gap.p95)} t.`,
    );
  });

  test('a long run shows its progress and can be cancelled midway, leaving no result', async ({ page }) => {
    await openApp(page);
    await openScenario(page, DALARNA);
    const panel = await monteCarlo(page);
    await setField(panel, 'Runs', '100000');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    const progress = panel.getByRole('progressbar', { name: 'Monte Carlo progress' });
    await expect(progress).toBeVisible();
    // Wait until the worker has reported a block, so the cancel lands in the middle of the run.
    await expect(panel.getByText(/Running: [1-9][\d,]* of 100,000 runs/)).toBeVisible({
      timeout: slowStep(RUN_MS),
    });
    await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(panel.getByTestId('mc-cancelled')).toContainText(
      /Cancelled after [\d,]+ of 100,000 runs: no result is shown/,
      {
        timeout: slowStep(RUN_MS),
      },
    );
    await expect(progress).toHaveCount(0);
    await expect(panel.getByTestId('mc-sentence')).toHaveCount(0);
    await expect(panel.getByTestId('mc-p-target')).toHaveCount(0);
  });

  test('an error in the workbook is said, and no run can give a number in its place', async ({ page }) => {
    await openApp(page);
    await openScenario(page, DALARNA);
    const panel = await monteCarlo(page);
    const runButton = panel.getByRole('button', { name: 'Run', exact: true });
    await expect(runButton).toBeEnabled();
    await openSheet(page, 'Baslinje');
    await setCell(page, 'B9', '=1/0');
    await expect(panel.getByRole('alert')).toContainText('The scenario’s result cannot be computed', {
      timeout: 15_000,
    });
    await expect(runButton).toBeDisabled();
    await expect(panel.getByTestId('mc-p-target')).toHaveCount(0);
    await setCell(page, 'B9', '=(C20/B20)^(1/(C15-B15))-1');
    await expect(runButton).toBeEnabled({ timeout: 15_000 });
  });
});
