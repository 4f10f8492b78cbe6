// Shared steps for the grid's browser tests: open the app, find cells by their ARIA position, move
// and type the way a person does (name box, keyboard), and read what the page shows.
import { expect, type Locator, type Page } from '@playwright/test';
import { APP_START_MS, ENGINE_LOAD_MS, slowStep } from './timeouts';

/** The seed workbook's sheets, in tab order. */
export const SEED_SHEETS = {
  fund: 'Klimatfond 2025',
  dalarna: 'Dalarna klimatbokslut',
  summary: 'Sammanfattning',
} as const;

/** The accessible names the tests look for, per UI language. */
export const LABELS = {
  en: {
    cellAddress: 'Cell address',
    formula: 'Formula',
    cellEditor: 'Cell editor',
    addSheet: 'Add sheet',
    undo: 'Undo',
    redo: 'Redo',
  },
  sv: {
    cellAddress: 'Celladress',
    formula: 'Formel',
    cellEditor: 'Cellredigering',
    addSheet: 'Lägg till blad',
    undo: 'Ångra',
    redo: 'Gör om',
  },
} as const;
export type Labels = (typeof LABELS)[keyof typeof LABELS];

/** `H40` → { row: 39, col: 7 } (0-based). */
export function parseAddress(address: string): { row: number; col: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(address.toUpperCase());
  if (!match) throw new Error(`not a cell address: ${address}`);
  const [, letters = '', digits = ''] = match;
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(digits) - 1, col: col - 1 };
}

/** Intl groups digits with U+00A0 or U+202F in sv: compare with plain spaces. */
export function normaliseSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** Open the app on a fresh profile (the seed workbook) with the debug hooks, and wait for values. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/?debug');
  await expect(page.getByRole('grid', { name: SEED_SHEETS.fund, exact: true })).toBeVisible({
    timeout: slowStep(APP_START_MS),
  });
  // The seed total is computed by the engine worker: once it shows, values have arrived.
  await expect(cell(page, 'C15')).not.toHaveText('', { timeout: slowStep(ENGINE_LOAD_MS) });
}

/** The grid of the active sheet. */
export function grid(page: Page): Locator {
  return page.getByRole('grid');
}

/** A cell of the active sheet by its ARIA position (rendered only while it is in or near the viewport). */
export function cell(page: Page, address: string): Locator {
  const { row, col } = parseAddress(address);
  return grid(page)
    .locator(`[role="row"][aria-rowindex="${row + 2}"]`)
    .locator(`[role="gridcell"][aria-colindex="${col + 2}"]`);
}

export function nameBox(page: Page, labels: Labels = LABELS.en): Locator {
  return page.getByRole('textbox', { name: labels.cellAddress, exact: true });
}

export function formulaBar(page: Page, labels: Labels = LABELS.en): Locator {
  return page.getByRole('textbox', { name: labels.formula, exact: true });
}

export function cellEditor(page: Page, labels: Labels = LABELS.en): Locator {
  return page.getByRole('textbox', { name: labels.cellEditor, exact: true });
}

/** The cells shown as selected (aria-selected=true) in the rendered part of the grid. */
export function selectedCells(page: Page): Locator {
  return grid(page).locator('[role="gridcell"][aria-selected="true"]');
}

/** Jump with the name box, as a person types `H40` + Enter; focus returns to the grid. */
export async function goTo(page: Page, address: string, labels: Labels = LABELS.en): Promise<void> {
  const box = nameBox(page, labels);
  await box.click();
  await box.fill(address);
  await box.press('Enter');
  await expect(grid(page)).toBeFocused();
  if (!address.includes(':') && !address.includes('!')) await expectActive(page, address, labels);
}

/** The active cell is `address`: the name box says so and the grid points at it. */
export async function expectActive(page: Page, address: string, labels: Labels = LABELS.en): Promise<void> {
  const { row, col } = parseAddress(address);
  await expect(nameBox(page, labels)).toHaveValue(address);
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', new RegExp(`-r${row}c${col}$`));
  const active = cell(page, address);
  await expect(active).toHaveAttribute('aria-selected', 'true');
  await expect(active).toBeInViewport();
}

/** Type into the active cell (typing replaces) and press `commit` (Enter by default). */
export async function typeHere(page: Page, text: string, commit = 'Enter'): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press(commit);
}

/** Select `address` with the name box, type `text` and press Enter. */
export async function enter(page: Page, address: string, text: string, labels: Labels = LABELS.en) {
  await goTo(page, address, labels);
  await typeHere(page, text);
}

/** Add a blank sheet with the "Add sheet" button; returns its name (from the selected tab). */
export async function addSheet(page: Page, labels: Labels = LABELS.en): Promise<string> {
  // The sheet tabs only: a scenario's results pane has tabs of its own (the what-if tools).
  const sheetTabs = page.locator('[role=tablist].tablist [role=tab]');
  const before = await sheetTabs.count();
  await page.getByRole('button', { name: labels.addSheet, exact: true }).click();
  await expect(sheetTabs).toHaveCount(before + 1);
  const name = (await sheetTabs.and(page.locator('[aria-selected=true]')).textContent()) ?? '';
  await expect(page.getByRole('grid', { name, exact: true })).toBeVisible();
  return name;
}

/** Click a sheet tab and wait for its grid. */
export async function openSheet(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('grid', { name, exact: true })).toBeVisible();
}

/** Put text on the system clipboard (text/plain, and text/html when given), as another app would. */
export async function writeClipboard(page: Page, text: string, html?: string): Promise<void> {
  await page.evaluate(
    async ({ text, html }) => {
      if (html === undefined) {
        await navigator.clipboard.writeText(text);
        return;
      }
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ]);
    },
    { text, html },
  );
}

/** Read text/plain and text/html from the system clipboard. */
export async function readClipboard(page: Page): Promise<{ text: string; html: string }> {
  return page.evaluate(async () => {
    let text = '';
    let html = '';
    for (const item of await navigator.clipboard.read()) {
      if (item.types.includes('text/plain')) text = await (await item.getType('text/plain')).text();
      if (item.types.includes('text/html')) html = await (await item.getType('text/html')).text();
    }
    return { text, html };
  });
}
