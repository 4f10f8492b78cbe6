// The climate fund as a working tool, used as a planner does: open the fund's view beside its
// workbook, read the budget and the ranking, add a decision through the form (the remaining budget
// follows, an ineligible cost is flagged), and add a decision's measure to a scenario in one step.
import type { Page } from '@playwright/test';
import {
  SEED_NAME,
  SHIPPED_SCENARIO_NAMES,
  expect,
  normaliseSpaces,
  openApp,
  openFromList,
  test,
  title,
  waitForValues,
} from './support/app';
import { ENGINE_LOAD_MS, slowStep } from './support/timeouts';

const DALARNA = SHIPPED_SCENARIO_NAMES[1] as string;

async function openFund(page: Page) {
  await openApp(page);
  if (normaliseSpaces(await title(page).innerText()) !== SEED_NAME)
    await openFromList(page, `Open ${SEED_NAME}`);
  await page.getByRole('button', { name: 'Climate fund', exact: true }).click();
  const fund = page.getByRole('complementary', { name: 'Climate fund' });
  await expect(fund.getByRole('table', { name: 'Budget per year' })).toBeVisible({
    timeout: slowStep(ENGINE_LOAD_MS),
  });
  return fund;
}

async function cells(row: ReturnType<Page['getByRole']>): Promise<string[]> {
  return (await row.getByRole('cell').allInnerTexts()).map(normaliseSpaces);
}

test('the budget, one-off and annual apart, and the ranking by kr per tonne', async ({ page }) => {
  test.setTimeout(180_000);
  const fund = await openFund(page);
  const budget = fund.getByRole('table', { name: 'Budget per year' });
  // Year | budget | decided | spent | left to decide | not yet spent
  expect((await cells(budget.getByRole('row', { name: /^2025/ })))[0]).toBe('10,000,000');
  expect((await cells(budget.getByRole('row', { name: /^2025/ })))[1]).toBe('10,000,000');
  expect((await cells(budget.getByRole('row', { name: /^2025/ })))[3]).toBe('0');
  expect((await cells(budget.getByRole('row', { name: /^2026/ })))[3]).toBe('10,000,000');

  await expect(fund.locator('.fund-totals')).toContainText(
    'One-off reduction: 2,160 t. Annual reduction: 786 t per year. They are not added together',
  );
  await expect(fund.locator('.fund-totals')).toContainText('(2,946 t)');

  const oneOff = fund.getByRole('list', { name: 'One-off reductions (kr per tonne)' });
  expect((await oneOff.getByRole('listitem').allInnerTexts()).map(normaliseSpaces)).toEqual([
    'Norra Danviksbron (stål med lågt klimatavtryck): 1,053 kr/t (one-off)',
    'Drivmedelskonvertering: 2,479 kr/t (one-off)',
  ]);
  const annual = fund.getByRole('list', { name: 'Annual reductions (kr per tonne and year)' });
  expect((await annual.getByRole('listitem').allInnerTexts()).map(normaliseSpaces)).toEqual([
    'Cirkulära skyddsförkläden: 2,667 kr per t/yr (annual)',
    'Mobil lustgasdestruktionsanläggning: 50,000 kr per t/yr (annual)',
    'Flergångssprutor: 64,286 kr per t/yr (annual)',
  ]);
});

test('a new decision through the form: the remaining budget follows and an ineligible cost is flagged', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const fund = await openFund(page);
  const form = fund.getByRole('form', { name: 'New decision' });

  // Bad input is refused with a message, and nothing is written.
  await form.getByLabel('Project', { exact: true }).fill('Cykelpool för hemtjänsten');
  await form.getByRole('button', { name: 'Add decision' }).click();
  await expect(form.getByRole('alert')).toContainText('The decided amount must be a number above 0.');

  await form.getByLabel('Organisation', { exact: true }).fill('Serviceförvaltningen');
  await form.getByLabel('Year', { exact: true }).selectOption('2026');
  await form.getByLabel('Decided (kr)', { exact: true }).fill('2000000');
  await form.getByLabel('Reduction (t CO2e)', { exact: true }).fill('40');
  await form.getByLabel('Kind', { exact: true }).selectOption({ label: 'per year' });
  const line1 = form.getByRole('group', { name: 'Cost line 1' });
  await line1.getByLabel('Category', { exact: true }).selectOption('Material och utrustning');
  await line1.getByLabel('Amount (kr)', { exact: true }).fill('1700000');
  await form.getByRole('button', { name: '+ Cost lines' }).click();
  const line2 = form.getByRole('group', { name: 'Cost line 2' });
  await line2.getByLabel('Category', { exact: true }).selectOption('Konsultstöd och utredning');
  await line2.getByLabel('Amount (kr)', { exact: true }).fill('300000');
  await form.getByRole('button', { name: 'Add decision' }).click();

  await expect(form.getByRole('status')).toHaveText(
    /Decision added: Cykelpool för hemtjänsten\. Left to decide in 2026: 8,000,000 kr\./,
    { timeout: slowStep(ENGINE_LOAD_MS) },
  );
  const budget = fund.getByRole('table', { name: 'Budget per year' });
  await expect(budget.getByRole('row', { name: /^2026/ }).getByRole('cell').nth(3)).toHaveText('8,000,000');
  await expect(budget.getByRole('row', { name: /^2026/ }).getByRole('cell').nth(1)).toHaveText('2,000,000');

  const decision = fund
    .getByRole('table', { name: 'Decisions' })
    .getByRole('row', { name: /^Cykelpool för hemtjänsten/ });
  await expect(decision).toContainText('Not eligible: Konsultstöd och utredning (300,000 kr)');
  await expect(decision).toContainText('40 t per year');
  await expect(decision).toContainText('50,000 kr per t/yr (annual)');
  // The shipped decisions stay eligible.
  await expect(
    fund.getByRole('table', { name: 'Decisions' }).getByRole('row', { name: /^Drivmedelskonvertering/ }),
  ).toContainText('eligible');

  // One undo takes the decision back, and the budget with it.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(budget.getByRole('row', { name: /^2026/ }).getByRole('cell').nth(3)).toHaveText('10,000,000');
});

test('a decision’s measure is added to a scenario in one step', async ({ page }) => {
  test.setTimeout(180_000);
  const fund = await openFund(page);
  await fund
    .getByRole('button', {
      name: 'Add to a scenario: Norra Danviksbron (stål med lågt klimatavtryck) (Trafikförvaltningen)',
    })
    .click();
  const dialog = page.getByRole('dialog', { name: /^Add “Norra Danviksbron/ });
  await dialog.getByLabel('Scenario', { exact: true }).selectOption({ label: DALARNA });
  await dialog.getByRole('button', { name: 'Add to a scenario' }).click();

  await expect(title(page)).toHaveText(DALARNA, { timeout: slowStep(ENGINE_LOAD_MS) });
  await waitForValues(page);
  const tab = page.getByRole('tab', { name: 'Stål' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(
    page.getByText('“Norra Danviksbron (stål med lågt klimatavtryck)” was added to'),
  ).toBeVisible();
  // The measure sheet carries the decision: its title, and it sits on the trajectory.
  await expect(page.getByRole('gridcell').first()).toContainText(
    'Norra Danviksbron (stål med lågt klimatavtryck) (Trafikförvaltningen)',
  );
});
