// Shared steps for the scenario specs: open a shipped scenario from the list until its first chart
// is drawn, and open meeting mode on it, found by role and accessible name as a person would.
import type { Locator, Page } from '@playwright/test';
import { expect, openFromList, title } from './app';
import { CHART_MS, slowStep } from './timeouts';

/** The scenario results panel beside the grid. */
export function scenarioResults(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Scenario results' });
}

/** Open the workbook `name` from the list and wait until its emissions chart is drawn. */
export async function openScenario(page: Page, name: string): Promise<Locator> {
  await openFromList(page, `Open ${name}`);
  await expect(title(page)).toHaveText(name);
  const results = scenarioResults(page);
  await expect(
    results.getByRole('figure', { name: 'Emissions against the targets' }).locator('svg').first(),
  ).toBeVisible({ timeout: slowStep(CHART_MS) });
  return results;
}

/** Open meeting mode on the open scenario `name` and wait for its first chart. */
export async function openMeetingMode(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Meeting mode', exact: true }).click();
  const meeting = page.getByRole('dialog', { name: `Meeting mode: ${name}` });
  await expect(meeting).toBeVisible();
  await expect(meeting.locator('svg').first()).toBeVisible({ timeout: slowStep(CHART_MS) });
  return meeting;
}
