// The engine worker dies mid-session: the app notices, restarts it from the document, shows the
// dependent value, tells the planner nothing was lost, and a reload agrees.
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
    await openApp(page, 'engineTimeoutMs=1500');
    await openSheet(page, 'Sammanfattning');
    await setCell(page, 'A15', '21');
    await expectCell(page, 'A15', '21');

    await page.evaluate(() => (window as unknown as { __bana: { killEngine(): void } }).__bana.killEngine());

    await setCell(page, 'A16', '=A15*2');
    await setCell(page, 'A17', 'efter');
    await expectCell(page, 'A16', '42', slowStep(ENGINE_LOAD_MS));
    const notice = page
      .getByRole('status')
      .filter({ hasText: 'The calculation engine stopped and was restarted' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('No edits were lost.');
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Everything typed is still there, values of other sheets too, and the engine keeps working.
    await expectCell(page, 'A15', '21');
    await expectCell(page, 'A17', 'efter');
    await expectCell(page, 'B3', '10,000,000');
    await setCell(page, 'A15', '50');
    await expectCell(page, 'A16', '100');

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();

    await expectSaved(page);
    await page.reload();
    await waitForWorkbook(page);
    await openSheet(page, 'Sammanfattning');
    await expectCell(page, 'A15', '50');
    await expectCell(page, 'A16', '100');
    await expectCell(page, 'A17', 'efter');
  });
});
