// Two tabs with the same workbook open (two pages in one context share IndexedDB and the
// BroadcastChannel): a clean tab follows the other live; a tab with unsaved edits is asked which
// version to keep, and nothing is ever written over silently.
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import {
  expect,
  expectCell,
  expectSaved,
  goToCell,
  openApp,
  openSheet,
  readStoredWorkbook,
  SEED_NAME,
  SEED_SHEETS,
  saveState,
  setCell,
  tab,
  test,
  waitForWorkbook,
  workbookNames,
} from './support/app';

/** A second tab in the same context; its page errors fail the test as the first tab's do. */
async function secondTab(context: BrowserContext, query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openApp(page, query);
  await expectSaved(page);
  return { page, errors };
}

/** The raw contents of A25 on the first sheet of the stored seed workbook. */
async function storedA25(page: Page): Promise<unknown> {
  const doc = (await readStoredWorkbook(page, SEED_NAME)) as { sheets: { cells: unknown[][] }[] };
  return doc.sheets[0]?.cells[24]?.[0] ?? null;
}

/** A25 of the first sheet in the document tab B shows, read without moving its selection or focus. */
function bA25(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const bana = (
      window as unknown as { __bana: { session(): { doc(): { sheets: { cells: unknown[][] }[] } } } }
    ).__bana;
    return bana.session().doc().sheets[0]?.cells[24]?.[0];
  });
}

/** A25 of the open sheet, scrolled into view first (a banner can push row 25 below the fold). */
async function expectA25(page: Page, text: string): Promise<void> {
  await goToCell(page, 'A25');
  await expectCell(page, 'A25', text);
}

function choice(page: Page) {
  return page.getByRole('alert').filter({ hasText: 'This workbook was changed in another tab' });
}

test.describe('two tabs editing the same workbook', () => {
  test('a tab without unsaved changes shows the other tab’s saved edit live, on its own sheet and cell', async ({
    page,
    context,
  }) => {
    await openApp(page);
    await expectSaved(page);
    const b = await secondTab(context);
    // Tab B looks at another sheet and cell; the reload must keep them.
    await openSheet(b.page, SEED_SHEETS[1] as string);
    await goToCell(b.page, 'D7');

    await setCell(page, 'A25', 'från flik A');
    await expectSaved(page);

    await expect(b.page.getByRole('status').filter({ hasText: 'Updated from another tab' })).toBeVisible();
    await expect(tab(b.page, SEED_SHEETS[1] as string)).toHaveAttribute('aria-selected', 'true');
    await expect(b.page.getByRole('textbox', { name: 'Cell address' })).toHaveValue('D7');
    await openSheet(b.page, SEED_SHEETS[0] as string);
    await expectA25(b.page, 'från flik A');
    await expect(choice(b.page)).toHaveCount(0);

    // And the other way round: B's saved edit reaches A, and A's edit is still there.
    await setCell(b.page, 'B25', 'från flik B');
    await expectSaved(b.page);
    await goToCell(page, 'B25');
    await expectCell(page, 'B25', 'från flik B');
    await expectA25(page, 'från flik A');
    await expect(choice(page)).toHaveCount(0);
    expect(await storedA25(page)).toBe('från flik A');
    expect(b.errors).toEqual([]);
  });

  test('a tab that follows the other keeps focus on its cell: the next values typed there are kept', async ({
    page,
    context,
  }) => {
    await openApp(page);
    await expectSaved(page);
    const b = await secondTab(context);
    await openSheet(b.page, SEED_SHEETS[0] as string);
    await goToCell(b.page, 'D30');
    const bGrid = b.page.getByRole('grid');
    await bGrid.focus();

    await setCell(page, 'A25', 'från flik A');
    await expectSaved(page);
    await expect(b.page.getByRole('status').filter({ hasText: 'Updated from another tab' })).toBeVisible();
    expect(await bA25(b.page)).toBe('från flik A');
    await expect(bGrid).toBeFocused();
    await expect(b.page.getByRole('textbox', { name: 'Cell address' })).toHaveValue('D30');

    // Typing goes on in the grid: three values, each committed with Enter (which moves down).
    for (const value of ['11', '12', '13']) {
      await b.page.keyboard.type(value);
      await b.page.keyboard.press('Enter');
    }
    await expectCell(b.page, 'D30', '11');
    await expectCell(b.page, 'D31', '12');
    await expectCell(b.page, 'D32', '13');
    await expectSaved(b.page);
    expect(b.errors).toEqual([]);
  });

  test('a tab with an unsaved edit is asked; "Load the other version" shows the other tab’s value', async ({
    page,
    context,
  }) => {
    await openApp(page);
    await expectSaved(page);
    // A long debounce in B: its edit stays unsaved until something flushes it.
    const b = await secondTab(context, 'saveDelayMs=20000');
    await setCell(b.page, 'A25', 'B:s version');
    await expect(saveState(b.page)).toHaveText('Unsaved changes');

    await setCell(page, 'A25', 'A:s version');
    await expectSaved(page);

    const banner = choice(b.page);
    await expect(banner).toBeVisible();
    // Nothing replaced behind the planner's back.
    await expectA25(b.page, 'B:s version');

    // "Download my version" keeps B's edit in a file before it is dropped.
    const downloading = b.page.waitForEvent('download');
    await banner.getByRole('button', { name: 'Download my version' }).click();
    const file = JSON.parse(await readFile(await (await downloading).path(), 'utf8'));
    expect(file.sheets[0].cells[24][0]).toBe('B:s version');

    await banner.getByRole('button', { name: 'Load the other version' }).click();
    await expect(banner).toBeHidden();
    await expectA25(b.page, 'A:s version');
    await expectSaved(b.page);
    // B's dropped edit is not written later by its debounce or a flush.
    await b.page.evaluate(() =>
      (window as unknown as { __bana: { flush(): Promise<unknown> } }).__bana.flush(),
    );
    expect(await storedA25(page)).toBe('A:s version');

    for (const p of [page, b.page]) {
      await p.reload();
      await waitForWorkbook(p);
      await expectA25(p, 'A:s version');
    }
    expect(b.errors).toEqual([]);
  });

  test('the other order: "Keep my version" makes the asked tab’s value win in both tabs', async ({
    page,
    context,
  }) => {
    await openApp(page);
    await expectSaved(page);
    const b = await secondTab(context, 'saveDelayMs=20000');
    await setCell(b.page, 'A25', 'B:s version');
    await expect(saveState(b.page)).toHaveText('Unsaved changes');
    await setCell(page, 'A25', 'A:s version');
    await expectSaved(page);

    const banner = choice(b.page);
    await expect(banner).toBeVisible();
    expect(await storedA25(page)).toBe('A:s version');
    await banner.getByRole('button', { name: 'Keep my version' }).click();
    await expect(banner).toBeHidden();
    await expectSaved(b.page);
    // A had nothing unsaved: it follows B live.
    await expectA25(page, 'B:s version');
    expect(await storedA25(page)).toBe('B:s version');

    for (const p of [page, b.page]) {
      await p.reload();
      await waitForWorkbook(p);
      await expectA25(p, 'B:s version');
    }
    expect(b.errors).toEqual([]);
  });

  test('without BroadcastChannel the save itself refuses to overwrite a newer version', async ({
    page,
    context,
  }) => {
    await openApp(page);
    await expectSaved(page);
    const b = await context.newPage();
    // B hears nothing from A: only the check inside B's save transaction can notice A's save.
    await b.addInitScript(() => {
      delete (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
    });
    await openApp(b, 'saveDelayMs=20000');
    await expectSaved(b);
    await setCell(b, 'A25', 'B:s version');
    await setCell(page, 'A25', 'A:s version');
    await expectSaved(page);
    await expectA25(b, 'B:s version');
    await expect(choice(b)).toHaveCount(0);

    await b.evaluate(() => (window as unknown as { __bana: { flush(): Promise<unknown> } }).__bana.flush());
    await expect(choice(b)).toBeVisible();
    await expect(saveState(b)).toHaveText('Not saved');
    expect(await storedA25(page)).toBe('A:s version');

    await choice(b).getByRole('button', { name: 'Keep my version' }).click();
    await expectSaved(b);
    expect(await storedA25(page)).toBe('B:s version');
  });

  test('closing a tab while the choice is open stores its version as a copy, overwriting nothing', async ({
    page,
    context,
  }) => {
    await openApp(page);
    await expectSaved(page);
    const b = await secondTab(context, 'saveDelayMs=20000');
    await setCell(b.page, 'A25', 'B:s version');
    await setCell(page, 'A25', 'A:s version');
    await expectSaved(page);
    await expect(choice(b.page)).toBeVisible();

    await b.page.close({ runBeforeUnload: true });
    await page.reload();
    await waitForWorkbook(page);
    expect(await workbookNames(page)).toContain(`${SEED_NAME} (unsaved copy from a closed tab)`);
    expect(await storedA25(page)).toBe('A:s version');
    const copy = (await readStoredWorkbook(page, `${SEED_NAME} (unsaved copy from a closed tab)`)) as {
      sheets: { cells: unknown[][] }[];
    };
    expect(copy.sheets[0]?.cells[24]?.[0]).toBe('B:s version');
  });
});
