// A large sheet: data in row 100 000 is reachable, and the DOM holds only the visible cells while the
// row and column headers stay in view.
import { expect, type Page, test } from '@playwright/test';
import {
  addSheet,
  cell,
  enter,
  expectActive,
  goTo,
  grid,
  nameBox,
  openApp,
  writeClipboard,
} from './support/grid';

const MAX_RENDERED_CELLS = 2_000;

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await addSheet(page);
});

/** The column-letter header and the row-number header of `row` (1-based) are on screen. */
async function expectHeadersVisible(page: Page, column: string, row: number): Promise<void> {
  await expect(grid(page).getByRole('columnheader', { name: column, exact: true })).toBeInViewport();
  const rowHeader = grid(page).locator(`[role="row"][aria-rowindex="${row + 1}"] > [role="rowheader"]`);
  await expect(rowHeader).toHaveText(String(row));
  await expect(rowHeader).toBeInViewport();
}

/** What a person sees at the grid's top and left edges: column letters and row numbers, not cells. */
async function expectHeadersOnTop(page: Page): Promise<void> {
  const roleAt = (x: number, y: number) =>
    grid(page).evaluate(
      (el, [dx, dy]) => {
        const box = el.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + (dx ?? 0), box.top + (dy ?? 0));
        return hit?.closest('[role]')?.getAttribute('role') ?? null;
      },
      [x, y],
    );
  // Below the corner: a row number; right of the corner: a column letter (sizes from grid.css).
  await expect.poll(() => roleAt(10, 40)).toBe('rowheader');
  await expect.poll(() => roleAt(120, 10)).toBe('columnheader');
  await expect.poll(() => roleAt(120, 40)).toBe('gridcell');
}

test('a value typed in row 100 000 is shown with only a bounded number of cells in the DOM', async ({
  page,
}) => {
  await enter(page, 'B100000', '42');
  await expect(cell(page, 'B100000')).toHaveText('42');
  await expectActive(page, 'B100001');
  expect(await grid(page).getByRole('gridcell').count()).toBeLessThan(MAX_RENDERED_CELLS);
  await expectHeadersVisible(page, 'B', 100_000);
  await expectHeadersOnTop(page);
  // The grid scrolls over the new used area: Ctrl+Home and Ctrl+End travel the whole way.
  await page.keyboard.press('Control+Home');
  await expectActive(page, 'A1');
  expect(await grid(page).getByRole('gridcell').count()).toBeLessThan(MAX_RENDERED_CELLS);
  await page.keyboard.press('Control+End');
  await expectActive(page, 'B100000');
  await expect(cell(page, 'B100000')).toHaveText('42');
  await expectHeadersVisible(page, 'B', 100_000);
});

test('a block pasted at row 100 000 is shown, and scrolling keeps the headers in view', async ({ page }) => {
  await writeClipboard(page, '1\t2\r\n3\t4');
  await goTo(page, 'C100000');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'D100001')).toHaveText('4');
  expect(await grid(page).getByRole('gridcell').count()).toBeLessThan(MAX_RENDERED_CELLS);
  await expectHeadersVisible(page, 'C', 100_000);

  // Scroll with the mouse wheel: the headers stick to the top and left edges.
  const box = await grid(page).boundingBox();
  if (!box) throw new Error('the grid must be laid out');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -3000);
  await page.mouse.wheel(600, 0);
  await expect
    .poll(() => grid(page).evaluate((el) => [el.scrollTop > 0, el.scrollLeft > 0]))
    .toEqual([true, true]);
  expect(await grid(page).getByRole('gridcell').count()).toBeLessThan(MAX_RENDERED_CELLS);
  await expectHeadersOnTop(page);
  await expect(nameBox(page)).toHaveValue('C100000');
});

test('while the wheel scrolls, rows stay in order for assistive technology and show their own values', async ({
  page,
}) => {
  // Column A holds each row's own number, so a row showing another row's value is visible at once.
  const rows = 3000;
  await writeClipboard(page, Array.from({ length: rows }, (_, i) => String(i + 1)).join('\r\n'));
  await goTo(page, 'A1');
  await page.keyboard.press('Control+v');
  await page.keyboard.press('Control+Home');
  await expect(cell(page, 'A2')).toHaveText('2');
  const box = await grid(page).boundingBox();
  if (!box) throw new Error('the grid must be laid out');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: 0 });

  /** The grid's rows as Chromium's accessibility tree orders them (what a screen reader reads). */
  async function rowsAsRead(): Promise<{ index: number; own: boolean }[]> {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const grids = nodes.filter((n) => n.role?.value === 'grid');
    const out: number[] = [];
    const walk = (id: string): void => {
      const node = byId.get(id);
      if (!node) return;
      if (node.role?.value === 'row' && node.backendDOMNodeId !== undefined) out.push(node.backendDOMNodeId);
      for (const child of node.childIds ?? []) walk(child);
    };
    for (const g of grids) walk(g.nodeId);
    const list: { index: number; own: boolean }[] = [];
    for (const backendNodeId of out) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId ?? '',
        functionDeclaration: `function () {
          const a = this.querySelector('[role="gridcell"][aria-colindex="2"]')?.textContent ?? '';
          return [Number(this.getAttribute('aria-rowindex')) - 1, a.replace(/\\D/g, '')];
        }`,
        returnByValue: true,
      });
      const [index, a] = result.value as [number, string];
      list.push({ index, own: a === String(index) });
    }
    return list.slice(1); // the column header row
  }

  for (const delta of [2400, 2400, 700, -240, 120, -1900, 24_000, -5000]) {
    await page.mouse.wheel(0, delta);
    await expect
      .poll(async () => {
        const list = await rowsAsRead();
        const ordered = list.every((r, i) => i === 0 || r.index > (list[i - 1]?.index ?? -1));
        // Row 1 holds the active cell: it stays rendered off screen (for aria-activedescendant), unfetched.
        const inData = list.filter((r) => r.index > 1 && r.index <= rows);
        return ordered && inData.length > 10 && inData.every((r) => r.own);
      })
      .toBe(true);
  }
  expect(await grid(page).getByRole('gridcell').count()).toBeLessThan(MAX_RENDERED_CELLS);
});
