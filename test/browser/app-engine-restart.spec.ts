// The engine worker dies mid-session: the app notices at once (not after the call timeout), restarts
// it from the document, shows the dependent value, tells the planner nothing was lost, and a reload agrees.
import {
  expect,
  expectCell,
  expectSaved,
  openApp,
  openSheet,
  setCell,
  test,
  waitForWorkbook,
} from './support/app';
import { ENGINE_LOAD_MS, slowStep } from './support/timeouts';

test.describe('engine worker killed', () => {
  test.use({ allowEngineRestart: true });

  test('an edit after the worker dies is calculated after a restart and nothing typed is lost', async ({
    page,
  }) => {
    // Two deaths, two rebuilds and a reload: more than the default 30 s on a loaded machine.
    test.setTimeout(90_000);
    // The default call timeout (15 s): only noticing the death itself brings the notice without an edit.
    await openApp(page);
    await openSheet(page, 'Sammanfattning');
    await setCell(page, 'A15', '21');
    await expectCell(page, 'A15', '21');

    await page.evaluate(() => (window as unknown as { __bana: { killEngine(): void } }).__bana.killEngine());
    const notice = page
      .getByRole('status')
      .filter({ hasText: 'The calculation engine stopped and was restarted' });
    await expect(notice).toBeVisible({ timeout: 10_000 });
    await expect(notice).toContainText('No edits were lost.');

    await setCell(page, 'A16', '=A15*2');
    await setCell(page, 'A17', 'efter');
    await expectCell(page, 'A16', '42', slowStep(ENGINE_LOAD_MS));
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Everything typed is still there, values of other sheets too, and the engine keeps working.
    await expectCell(page, 'A15', '21');
    await expectCell(page, 'A17', 'efter');
    await expectCell(page, 'B3', '10,000,000');
    await setCell(page, 'A15', '50');
    await expectCell(page, 'A16', '100');

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();

    // A second death is noticed the same way, and the edit typed right after it is calculated.
    await page.evaluate(() => (window as unknown as { __bana: { killEngine(): void } }).__bana.killEngine());
    await setCell(page, 'A15', '60');
    await expect(notice).toBeVisible({ timeout: 10_000 });
    await expectCell(page, 'A16', '120');
    await setCell(page, 'A15', '50');
    await expectCell(page, 'A16', '100');

    await expectSaved(page);
    await page.reload();
    await waitForWorkbook(page);
    await openSheet(page, 'Sammanfattning');
    await expectCell(page, 'A15', '50');
    await expectCell(page, 'A16', '100');
    await expectCell(page, 'A17', 'efter');
  });
});
