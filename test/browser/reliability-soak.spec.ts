// Soak: 10 000 random edits through the real command path (the session's setCells, undo and redo,
// plus a few hundred typed on the keyboard). Memory stays bounded, the engine's values equal a fresh
// load of the document, and after a reload the stored document equals what the page held.
import type { CDPSession, Page } from '@playwright/test';
import { expect, openApp, openSheet, tabs, test, visibleCells, waitForWorkbook } from './support/app';

/** The edited area: 30 rows × 8 columns, all on screen, so every value is compared. */
const ROWS = 30;
const COLS = 8;
/**
 * Growth of the page's JS heap allowed between 2 000 and 10 000 edits. The undo history keeps at most
 * 500 entries (core/history HISTORY_LIMIT) of one small setCells each, and the document is a 30×8
 * area, so everything the edits retain is reached by 2 000 edits; what remains is allocator and JIT
 * noise. 8 MB is many times that noise (measured growth here: well under 1 MB), and far below what
 * 8 000 retained edits with their documents would cost.
 */
const MAX_HEAP_GROWTH_BYTES = 8 * 1024 * 1024;

type Raw = string | number | boolean | null;
interface DebugSession {
  setCells(row: number, col: number, block: Raw[][]): void;
  undo(): void;
  redo(): void;
  doc(): { sheets: { name: string; cells: Raw[][] }[] };
  activeSheet(): { name: string; cells: Raw[][] };
}

/** Run `count` random edits in the page, in batches, with a seeded generator (reproducible). */
async function randomEdits(page: Page, seed: number, count: number): Promise<void> {
  await page.evaluate(
    async ({ seed, count, rows, cols }) => {
      let state = seed >>> 0;
      const rand = () => {
        // mulberry32
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const int = (n: number) => Math.floor(rand() * n);
      const letter = (c: number) => String.fromCharCode(65 + c);
      const session = (window as unknown as { __bana: { session(): DebugSession } }).__bana.session();
      const value = (col: number): Raw => {
        const kind = int(10);
        if (kind < 4) return int(2000) - 500;
        if (kind < 5) return `t${int(100)}`;
        if (kind < 6) return null;
        if (kind < 7) return rand() < 0.5;
        // Formulas only look left, so there is no cycle and a fresh load must agree exactly.
        if (col === 0) return int(1000) / 8;
        const c = int(col);
        if (kind < 8) return `=${letter(c)}${1 + int(rows)}*2+1`;
        if (kind < 9) return `=SUM(${letter(c)}1:${letter(c)}${rows})`;
        return `=IF(${letter(c)}${1 + int(rows)}>100,"big",${letter(c)}${1 + int(rows)})`;
      };
      for (let i = 0; i < count; i++) {
        const op = int(20);
        if (op === 0) session.undo();
        else if (op === 1) session.redo();
        else if (op === 2) {
          // A small block, as a paste would write.
          const row = int(rows - 2);
          const col = int(cols - 2);
          session.setCells(row, col, [
            [value(col), value(col + 1)],
            [value(col), value(col + 1)],
          ]);
        } else {
          const col = int(cols);
          session.setCells(int(rows), col, [[value(col)]]);
        }
        // Yield now and then, so the engine, the grid and the save queue run as they would.
        if (i % 250 === 249) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
    { seed, count, rows: ROWS, cols: COLS },
  );
}

/** A few hundred edits typed on the keyboard into the grid (Enter moves down, Tab right). */
async function typedEdits(page: Page, count: number): Promise<void> {
  const nameBox = page.getByRole('textbox', { name: 'Cell address' });
  for (let i = 0; i < count; i++) {
    if (i % ROWS === 0) {
      await nameBox.fill(`${String.fromCharCode(65 + ((i / ROWS) % COLS))}1`);
      await nameBox.press('Enter');
    }
    await page.keyboard.type(i % 7 === 0 ? `=A${1 + (i % ROWS)}+${i}` : String(i));
    await page.keyboard.press('Enter');
  }
}

async function settle(page: Page): Promise<void> {
  await expect(page.locator('header').getByText('Calculating…')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('[role=grid] [role=gridcell][aria-busy=true]')).toHaveCount(0);
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

function sheetCells(page: Page): Promise<{ name: string; cells: Raw[][] }> {
  return page.evaluate(() => {
    const sheet = (window as unknown as { __bana: { session(): DebugSession } }).__bana
      .session()
      .activeSheet();
    return { name: sheet.name, cells: JSON.parse(JSON.stringify(sheet.cells)) };
  });
}

test('10 000 random edits: bounded memory, engine equal to a fresh load, nothing lost after reload', async ({
  page,
}) => {
  test.slow();
  const started = Date.now();
  await openApp(page);
  await page.getByRole('button', { name: 'Add sheet', exact: true }).click();
  const sheetName = (
    (await tabs(page)
      .and(page.getByRole('tab', { selected: true }))
      .textContent()) ?? ''
  ).trim();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');

  await randomEdits(page, 1, 1_800);
  await page.getByRole('grid').click();
  await typedEdits(page, 200);
  await settle(page);
  const heapAt2000 = await heapUsed(cdp);

  await randomEdits(page, 2, 8_000);
  await settle(page);
  const heapAt10000 = await heapUsed(cdp);
  test.info().annotations.push({
    type: 'heap',
    description: `JS heap after 2 000 edits ${(heapAt2000 / 1e6).toFixed(1)} MB, after 10 000 ${(heapAt10000 / 1e6).toFixed(1)} MB`,
  });
  expect(heapAt10000 - heapAt2000, 'heap growth from 2 000 to 10 000 edits').toBeLessThan(
    MAX_HEAP_GROWTH_BYTES,
  );

  // What the page holds and shows now.
  const held = await sheetCells(page);
  expect(held.name).toBe(sheetName);
  const shown = await visibleCells(page);
  expect(Object.keys(shown).length).toBeGreaterThan(50);

  // Saved, reloaded: the stored document is the one the page held, and a fresh engine agrees.
  await page.evaluate(() => (window as unknown as { __bana: { flush(): Promise<unknown> } }).__bana.flush());
  await page.reload();
  await waitForWorkbook(page);
  await openSheet(page, sheetName);
  expect(await sheetCells(page)).toEqual(held);
  await settle(page);
  expect(await visibleCells(page)).toEqual(shown);
  test.info().annotations.push({ type: 'runtime', description: `${Date.now() - started} ms` });
});
