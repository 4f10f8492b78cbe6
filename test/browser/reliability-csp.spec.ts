// The Content-Security-Policy (index.html) holds while the planner walks the main flows: no inline
// script, no eval, nothing from elsewhere. Every violation is recorded, in the page and in its console
// (which also reports those of the engine worker), and there must be none.
import type { Page } from '@playwright/test';
import { SHIPPED_SCENARIO_NAMES, expect, expectCell, openApp, setCell, test } from './support/app';
import { openMeetingMode, openScenario } from './support/scenario';
import { compareScenarios } from './support/versions';

const [STOCKHOLM, DALARNA] = SHIPPED_SCENARIO_NAMES as [string, string];

interface Recorded {
  __cspViolations: string[];
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as Recorded).__cspViolations);
}

test('the main flows cause no Content-Security-Policy violation', async ({ page }) => {
  test.slow();
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as Recorded).__cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => {
      list.push(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content[ -]Security[ -]Policy/i.test(message.text())) console.push(message.text());
  });

  // The policy is the one we ship, with no inline script allowed.
  const policy = await page.request.get('/').then((r) => r.text());
  expect(policy).toContain("script-src 'self';");
  expect(policy).not.toMatch(/script-src[^;]*unsafe/);

  // First run: the seed workbook and its values from the worker.
  await openApp(page);
  await expectCell(page, 'C15', '10,000,000');

  // An edit, undone and redone.
  await setCell(page, 'J30', '=C15*2');
  await expectCell(page, 'J30', '20,000,000');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectCell(page, 'J30', '');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expectCell(page, 'J30', '20,000,000');

  // Export as file and as .xlsx: both downloads happen.
  for (const button of ['Export file', 'Export Excel (.xlsx)']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.(bana\.json|xlsx)$/);
  }

  // Copy link.
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();

  // A scenario's charts (SVG from Observable Plot, with their style attributes).
  await openScenario(page, DALARNA);

  // Meeting mode.
  const meeting = await openMeetingMode(page, DALARNA);
  await page.keyboard.press('Escape');
  await expect(meeting).toBeHidden();

  // Compare the shipped scenarios (a second engine in its own worker).
  const compare = await compareScenarios(page, [STOCKHOLM, DALARNA]);
  await expect(compare.getByRole('img', { name: /^Projected emissions of the scenarios\. / })).toBeVisible();

  expect(await violations(page), 'securitypolicyviolation events').toEqual([]);
  expect(console, 'CSP reports in the console (workers included)').toEqual([]);

  // The recorder is live: an injected inline script is blocked and counted (and never runs).
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    script.remove();
  });
  await expect.poll(() => violations(page)).toHaveLength(1);
  expect(
    await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan),
  ).toBeUndefined();
});
