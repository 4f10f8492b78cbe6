// Helpers for the app-level browser tests: open Bana, find cells, tabs and banners by role and
// accessible name, type into cells through the name box and formula bar, and read or seed IndexedDB.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { APP_START_MS, ENGINE_LOAD_MS, slowStep } from './timeouts';

export { expect };

export const SEED_NAME = 'Region Stockholm klimatfond 2025';
export const SEED_SHEETS = ['Klimatfond 2025', 'Dalarna klimatbokslut', 'Sammanfattning'];
/** The scenarios a first run adds after the seed workbook, in the order the list shows them. */
export const SHIPPED_SCENARIO_NAMES = [
  'Region Stockholm – klimatfondens åtgärder mot 2035',
  'Region Dalarna – mot −75 % till 2030',
];
/** Every workbook a first run starts with, newest first. */
export const FIRST_RUN_NAMES = [SEED_NAME, ...SHIPPED_SCENARIO_NAMES];

/**
 * The test object for app specs: any uncaught page error fails the test, and so does any
 * alert/confirm/prompt (the app only uses its own <dialog>s, and a hostile record must never pop one).
 */
export const test = base.extend<{ pageErrors: string[]; allowEngineRestart: boolean }>({
  /** Only the worker-kill test expects the "engine was restarted" notice; anywhere else it is a bug. */
  allowEngineRestart: [false, { option: true }],
  pageErrors: [
    async ({ page, allowEngineRestart }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('dialog', (dialog) => {
        errors.push(`unexpected ${dialog.type()} dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await use(errors);
      expect(errors, 'uncaught errors or native dialogs in the page').toEqual([]);
      if (!allowEngineRestart && !page.isClosed()) {
        await expect(
          page.getByText(/calculation engine stopped|Beräkningsmotorn stannade/),
          'the engine restarted without being killed',
        ).toHaveCount(0);
      }
    },
    { auto: true },
  ],
});

/** Collapse every kind of space (U+00A0, U+202F from Intl) to a plain one. */
export function normaliseSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** Open the app with the debug hook and wait until a workbook's grid is on screen. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/?debug${query ? `&${query}` : ''}`);
  await waitForWorkbook(page);
}

/** After a page load or reload: the workbook's grid is on screen and shows the engine's values. */
export async function waitForWorkbook(page: Page): Promise<void> {
  await expect(page.getByRole('grid')).toBeVisible({ timeout: slowStep(APP_START_MS) });
  await waitForValues(page);
}

/**
 * The engine's values have reached the grid: cells wait (aria-busy) until the first values of a
 * workbook arrive, which is slow after a page load or opening another workbook (ENGINE_LOAD_MS).
 */
export async function waitForValues(page: Page): Promise<void> {
  const timeout = slowStep(ENGINE_LOAD_MS);
  await expect(grid(page).locator('[role=gridcell]').first()).toBeVisible({ timeout });
  await expect(grid(page).locator('[role=gridcell][aria-busy=true]')).toHaveCount(0, { timeout });
}

/** 0-based row and column of an A1 address. */
export function parseA1(ref: string): { row: number; col: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(ref.toUpperCase());
  if (!match) throw new Error(`not an A1 address: ${ref}`);
  let col = 0;
  for (const ch of match[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

export function grid(page: Page, sheetName?: string): Locator {
  return sheetName ? page.getByRole('grid', { name: sheetName, exact: true }) : page.getByRole('grid');
}

/** The grid cell at an A1 address (ARIA indices count the header row and column). */
export function cell(page: Page, ref: string): Locator {
  const { row, col } = parseA1(ref);
  return grid(page)
    .locator(`[role=row][aria-rowindex="${row + 2}"]`)
    .locator(`[role=gridcell][aria-colindex="${col + 2}"]`);
}

/** Expect a cell to show `text` (spaces of every kind compared as plain spaces). */
export async function expectCell(page: Page, ref: string, text: string, timeout?: number): Promise<void> {
  await expect
    .poll(async () => normaliseSpaces((await cell(page, ref).textContent()) ?? ''), {
      message: `cell ${ref}`,
      timeout,
    })
    .toBe(text);
}

/** Select a cell by typing its address in the name box. */
export async function goToCell(page: Page, ref: string): Promise<void> {
  const nameBox = page.getByRole('textbox', { name: 'Cell address' });
  await nameBox.fill(ref);
  await nameBox.press('Enter');
  await expect(nameBox).toHaveValue(ref);
}

/** Type `text` into a cell as a person would: name box, then the formula bar, then Enter. */
export async function setCell(page: Page, ref: string, text: string): Promise<void> {
  await goToCell(page, ref);
  const bar = page.getByRole('textbox', { name: 'Formula' });
  await bar.click();
  await bar.fill(text);
  await bar.press('Enter');
}

/** The raw contents of a cell as the formula bar shows it. */
export async function formulaOf(page: Page, ref: string): Promise<string> {
  await goToCell(page, ref);
  return page.getByRole('textbox', { name: 'Formula' }).inputValue();
}

export function tabs(page: Page): Locator {
  return page.getByRole('tablist', { name: 'Sheet tabs' }).getByRole('tab');
}

export function tab(page: Page, name: string): Locator {
  return page.getByRole('tablist', { name: 'Sheet tabs' }).getByRole('tab', { name, exact: true });
}

export async function tabNames(page: Page): Promise<string[]> {
  return (await tabs(page).allTextContents()).map((t) => t.trim());
}

/** Open a sheet by its tab and wait for its grid. */
export async function openSheet(page: Page, name: string): Promise<void> {
  await tab(page, name).click();
  await expect(tab(page, name)).toHaveAttribute('aria-selected', 'true');
  await expect(grid(page, name)).toBeVisible();
}

/** Run one item of the active tab's menu ("Rename sheet", "Move sheet left", …). */
export async function sheetMenu(page: Page, sheetName: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `Sheet actions for ${sheetName}`, exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

export function dialog(page: Page): Locator {
  return page.getByRole('dialog');
}

/** The save state in the header ("All changes saved", "Unsaved changes", "Saving…", "Not saved"). */
export function saveState(page: Page): Locator {
  return page.locator('header').getByRole('status').first();
}

export async function expectSaved(page: Page, timeout = 5_000): Promise<void> {
  await expect(saveState(page)).toHaveText('All changes saved', { timeout });
}

/** Open the Workbooks panel if it is closed. */
export async function openWorkbookList(page: Page): Promise<Locator> {
  const toggle = page.getByRole('button', { name: 'Workbooks', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const list = page.getByRole('region', { name: 'Your workbooks' });
  await expect(list).toBeVisible();
  return list;
}

/**
 * Click a list button that opens a workbook ("New workbook", "Open X", "Duplicate X") and wait
 * until the panel has closed, which the app does once the workbook is open, and its values show.
 */
export async function openFromList(page: Page, button: string): Promise<void> {
  const list = await openWorkbookList(page);
  await list.getByRole('button', { name: button, exact: true }).click();
  await expect(list).toBeHidden();
  await waitForValues(page);
}

/** Names shown in the workbook list, in order. */
export async function workbookNames(page: Page): Promise<string[]> {
  const list = await openWorkbookList(page);
  return (await list.locator('.workbook-name').allTextContents()).map((t) => t.trim());
}

export function title(page: Page): Locator {
  return page.getByRole('heading', { level: 1 });
}

/** Every rendered cell's text on the visible grid, keyed by "row:col", once nothing is pending. */
export async function visibleCells(page: Page): Promise<Record<string, string>> {
  await expect(grid(page).locator('[role=gridcell][aria-busy=true]')).toHaveCount(0);
  return grid(page).evaluate((root) => {
    const out: Record<string, string> = {};
    for (const row of root.querySelectorAll('[role=row]')) {
      const r = row.getAttribute('aria-rowindex');
      for (const c of row.querySelectorAll('[role=gridcell]')) {
        const text = c.textContent ?? '';
        if (text !== '') out[`${r}:${c.getAttribute('aria-colindex')}`] = text;
      }
    }
    return out;
  });
}

/**
 * Every IndexedDB transaction the app has started so far has finished (and the code awaiting it has
 * run): a read-write transaction over all its stores is only granted after every earlier one that
 * overlaps it. A state to wait for before asserting that something did NOT happen after a save.
 */
export async function waitForStorageIdle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('bana');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction([...db.objectStoreNames], 'readwrite');
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  });
}

/** Records to put into the app's IndexedDB (`bana`, opened at its current version) before the next load. */
export interface StoredRecords {
  workbooks?: unknown[];
  catalog?: unknown[];
  meta?: Record<string, unknown>;
  /** JSON texts parsed in the page, so `__proto__` keys become own properties as in a real file. */
  workbooksJson?: string[];
  catalogJson?: string[];
}

/** Write raw records into the app's database from inside the page (the app must have opened it once). */
export async function putStoredRecords(page: Page, records: StoredRecords): Promise<void> {
  await page.evaluate(async (r) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('bana');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(['workbooks', 'catalog', 'meta'], 'readwrite');
    for (const w of r.workbooks ?? []) tx.objectStore('workbooks').put(w);
    for (const w of r.workbooksJson ?? []) tx.objectStore('workbooks').put(JSON.parse(w));
    for (const c of r.catalog ?? []) tx.objectStore('catalog').put(c);
    for (const c of r.catalogJson ?? []) tx.objectStore('catalog').put(JSON.parse(c));
    for (const [key, value] of Object.entries(r.meta ?? {})) tx.objectStore('meta').put(value, key);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, records);
}

/**
 * Every stored workbook straight from IndexedDB, put together from its head and row chunks (database
 * version 3) as the app does, with the catalog entries, all read in one transaction.
 */
export async function readStoredWorkbooks(page: Page): Promise<{
  workbooks: { id: string; meta: { name: string; updatedAt: string }; sheets: { cells: unknown[][] }[] }[];
  catalog: { id: string; updatedAt: string; cellCount: number }[];
}> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('bana');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(['workbooks', 'rowChunks', 'catalog']);
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const req = tx.objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const [heads, chunks, catalog] = await Promise.all([all('workbooks'), all('rowChunks'), all('catalog')]);
    db.close();
    type Chunk = { workbookId: string; sheetId: string; index: number; rows: unknown[][] };
    type Head = { id: string; layout?: string; sheets: { id: string; cells: unknown[][] }[] };
    const workbooks = (heads as Head[]).map((head) => {
      if (head.layout !== 'row-chunks') return head;
      const sheets = head.sheets.map((sheet) => ({
        ...sheet,
        cells: (chunks as Chunk[])
          .filter((c) => c.workbookId === head.id && c.sheetId === sheet.id)
          .sort((a, b) => a.index - b.index)
          .flatMap((c) => c.rows),
      }));
      return { ...head, sheets };
    });
    return { workbooks, catalog } as never;
  });
}

/** Read one stored workbook (by name) straight from IndexedDB (undefined when missing). */
export async function readStoredWorkbook(page: Page, name: string): Promise<unknown> {
  const { workbooks } = await readStoredWorkbooks(page);
  return workbooks.find((w) => w.meta?.name === name);
}
