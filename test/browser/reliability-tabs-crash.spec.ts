// A tab that crashes during a save of a large workbook: the next tab finds the last saved version or
// the new one, whole (a save is one transaction of head, row chunks and catalog entry, its chunks issued
// over several tasks), never a mix.
import type { CDPSession, Page } from '@playwright/test';
import {
  expect,
  expectCell,
  expectSaved,
  goToCell,
  openApp,
  openFromList,
  readStoredWorkbooks,
  setCell,
  test,
} from './support/app';

// 8 000 rows: 32 row chunks, more than one task's share, so crashes land between the tasks of one save.
const ROWS = 8000;
const COLS = 6;

interface Bana {
  flush(): Promise<unknown>;
  session(): {
    doc(): { id: string };
    setCells(row: number, col: number, block: number[][]): void;
  };
}

/** Fill A1:F8000 (48 000 cells) with version `v`: every value is v·10⁶ + row·100 + col. */
async function writeVersion(page: Page, v: number): Promise<void> {
  await page.evaluate(
    ({ v, rows, cols }) => {
      const block = Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => v * 1e6 + r * 100 + c),
      );
      (window as unknown as { __bana: Bana }).__bana.session().setCells(0, 0, block);
    },
    { v, rows: ROWS, cols: COLS },
  );
}

/** What is stored for the workbook (head, row chunks and catalog entry, read in one transaction): cell
 * count, the versions its values belong to, and whether every value is where that version puts it. */
async function storedSummary(page: Page, id: string) {
  const stored = await readStoredWorkbooks(page);
  const doc = stored.workbooks.find((w) => w.id === id);
  const entry = stored.catalog.find((e) => e.id === id);
  const versions = new Set<number>();
  let cells = 0;
  let misplaced = 0;
  for (const [r, row] of ((doc?.sheets[0]?.cells ?? []) as (number | null)[][]).entries()) {
    for (const [c, value] of row.entries()) {
      if (value === null || value === undefined) continue;
      cells++;
      const v = Math.floor(value / 1e6);
      versions.add(v);
      if (value !== v * 1e6 + r * 100 + c) misplaced++;
    }
  }
  return {
    cells,
    versions: [...versions],
    misplaced,
    catalogMatches: entry?.updatedAt === doc?.meta.updatedAt && entry?.cellCount === cells,
  };
}

/** Kill the renderer (no unload, no pagehide), the way a crash or an OOM kill ends a tab. */
async function crash(cdp: CDPSession, page: Page): Promise<void> {
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => {});
  await crashed;
  await page.close();
}

test('a tab killed in the middle of a large save leaves one whole version, and the app works', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  // Only explicit flushes write: the crash must catch the write started by the flush below.
  await openApp(page, 'saveDelayMs=60000');
  await openFromList(page, 'New workbook');
  await writeVersion(page, 1);
  await page.evaluate(() => (window as unknown as { __bana: Bana }).__bana.flush());
  await expectSaved(page);
  const id = await page.evaluate(() => (window as unknown as { __bana: Bana }).__bana.session().doc().id);

  let current = page;
  let version = 1;
  // The page starts the save FLUSH_AT ms after being told to; writing 48 000 cells takes ~50–100 ms here.
  // Crashing at several points around it lands before, inside and after the transaction.
  const FLUSH_AT = 200;
  for (const delayMs of [150, 195, 205, 215, 230, 250, 400]) {
    const next = version + 1;
    await writeVersion(current, next);
    const cdp = await context.newCDPSession(current);
    await current.evaluate((at) => {
      setTimeout(() => void (window as unknown as { __bana: Bana }).__bana.flush(), at);
    }, FLUSH_AT);
    await current.waitForTimeout(delayMs);
    await crash(cdp, current);

    current = await context.newPage();
    await openApp(current, 'saveDelayMs=60000');
    const stored = await storedSummary(current, id);
    expect(stored.cells, `crash after ${delayMs} ms: cell count`).toBe(ROWS * COLS);
    expect(stored.versions.length, `crash after ${delayMs} ms: one version only`).toBe(1);
    expect([version, next], `crash after ${delayMs} ms: the old or the new version`).toContain(
      stored.versions[0],
    );
    expect(stored.misplaced).toBe(0);
    expect(stored.catalogMatches, 'catalog entry from the same transaction').toBe(true);
    test.info().annotations.push({
      type: 'crash',
      description: `after ${delayMs} ms: ${stored.versions[0] === next ? 'new' : 'previous'} version`,
    });
    version = stored.versions[0] as number;
    // The reopened app shows that version.
    await goToCell(current, 'B2');
    await expectCell(current, 'B2', (version * 1e6 + 101).toLocaleString('en-US'));
  }

  // And it still works: an edit saves.
  await setCell(current, 'A1', 'efter krascher');
  await current.evaluate(() => (window as unknown as { __bana: Bana }).__bana.flush());
  await expectSaved(current);
  await current.close();
});

test('an edit survives a renderer crash 50 ms after Enter: each edit is written at once', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await openApp(page);
  await expectSaved(page);
  await setCell(page, 'A25', 'före kraschen');
  // No debounce to wait out: the write starts after the next frame and takes a few ms.
  await page.waitForTimeout(50);
  await crash(await context.newCDPSession(page), page);

  const next = await context.newPage();
  await openApp(next);
  await goToCell(next, 'A25');
  await expectCell(next, 'A25', 'före kraschen');
});
