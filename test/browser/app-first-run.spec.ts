// First run: a fresh browser seeds the example workbook and opens it, in English and in Swedish.
import { expect, expectCell, openApp, SEED_NAME, SEED_SHEETS, tabNames, test, title } from './support/app';

test.describe('first run', () => {
  test('opens the seed workbook with its three sheets and the fund total', async ({ page }) => {
    await openApp(page);
    await expect(title(page)).toHaveText(SEED_NAME);
    expect(await tabNames(page)).toEqual(SEED_SHEETS);
    await expect(page.getByRole('tab', { name: 'Klimatfond 2025' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('grid', { name: 'Klimatfond 2025' })).toBeVisible();
    await expectCell(page, 'C15', '10,000,000');
    await expect(page.getByRole('button', { name: 'Workbooks', exact: true })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  });

  test.describe('in a Swedish browser', () => {
    test.use({ locale: 'sv-SE' });

    test('speaks Swedish and groups thousands with spaces', async ({ page }) => {
      await openApp(page);
      await expect(title(page)).toHaveText(SEED_NAME);
      await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
      await expect(page.getByRole('button', { name: 'Arbetsböcker', exact: true })).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Formel', exact: true })).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Celladress', exact: true })).toBeVisible();
      await expect(page.getByRole('tablist', { name: 'Bladflikar' }).getByRole('tab')).toHaveText(
        SEED_SHEETS,
      );
      // sv-SE groups with U+00A0 or U+202F depending on the ICU version; expectCell treats both as spaces.
      await expectCell(page, 'C15', '10 000 000');
    });
  });
});
