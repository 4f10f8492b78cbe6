// Copy and paste with the system clipboard in Excel's formats (TSV with quoted multi-line cells and
// an HTML table), both ways, and copy/cut inside the app (relative references shift, cut moves).
import { expect, test } from '@playwright/test';
import {
  addSheet,
  cell,
  cellEditor,
  enter,
  expectActive,
  formulaBar,
  goTo,
  grid,
  nameBox,
  openApp,
  readClipboard,
  selectedCells,
  writeClipboard,
} from './support/grid';

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await addSheet(page);
});

/** What the in-cell editor (F2) holds for `address`: the raw content with its line breaks. */
async function rawViaF2(page: import('@playwright/test').Page, address: string): Promise<string> {
  await goTo(page, address);
  await page.keyboard.press('F2');
  const value = await cellEditor(page).inputValue();
  await page.keyboard.press('Escape');
  await expect(cellEditor(page)).toHaveCount(0);
  return value;
}

test('pasting Excel text lands cell by cell with a multi-line cell intact', async ({ page }) => {
  await writeClipboard(page, 'a\t"line1\nline2"\r\n1.5\t2\r\n');
  await goTo(page, 'B2');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'B2')).toHaveText('a');
  await expect(cell(page, 'B3')).toHaveText('1.5');
  await expect(cell(page, 'C3')).toHaveText('2');
  // The cell shows both lines' text (one row high); its content keeps the line break.
  await expect(cell(page, 'C2')).toContainText('line1');
  await expect(cell(page, 'C2')).toContainText('line2');
  expect(await rawViaF2(page, 'C2')).toBe('line1\nline2');
  // Numbers are numbers: they align right and take part in formulas.
  await enter(page, 'D3', '=B3+C3');
  await expect(cell(page, 'D3')).toHaveText('3.5');
  // The pasted block is selected, nothing beyond it was written.
  await goTo(page, 'B2');
  await expect(cell(page, 'B4')).toHaveText('');
  await expect(cell(page, 'D2')).toHaveText('');
});

test('the formula bar edits a multi-line cell without losing its line break', async ({ page }) => {
  await writeClipboard(page, '"line1\nline2"');
  await goTo(page, 'B2');
  await page.keyboard.press('Control+v');
  expect(await rawViaF2(page, 'B2')).toBe('line1\nline2');
  await expect(formulaBar(page)).toHaveValue('line1\nline2');
  const bar = formulaBar(page);
  await bar.click();
  await bar.press('Control+End');
  await bar.pressSequentially('!');
  await bar.press('Enter');
  await expect(grid(page)).toBeFocused();
  expect(await rawViaF2(page, 'B2')).toBe('line1\nline2!');
});

test('pasting selects the pasted block', async ({ page }) => {
  await writeClipboard(page, '1\t2\r\n3\t4');
  await goTo(page, 'C5');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'D6')).toHaveText('4');
  await expect(selectedCells(page)).toHaveCount(4);
  await expect(nameBox(page)).toHaveAttribute('title', 'C5:D6');
});

test('pasting HTML-and-text from another app uses the text', async ({ page }) => {
  await writeClipboard(page, 'x\ty', '<table><tr><td>x</td><td>y</td></tr></table>');
  await goTo(page, 'A1');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'A1')).toHaveText('x');
  await expect(cell(page, 'B1')).toHaveText('y');
});

test('copying a block puts TSV with the multi-line cell quoted and an HTML table on the clipboard', async ({
  page,
}) => {
  await enter(page, 'B2', 'a');
  await goTo(page, 'C2');
  await page.keyboard.type('line1');
  await page.keyboard.press('Alt+Enter');
  await page.keyboard.type('line2');
  await page.keyboard.press('Enter');
  await enter(page, 'B3', '1.5');
  await enter(page, 'C3', '=B3*2');
  await expect(cell(page, 'C3')).toHaveText('3');
  expect(await rawViaF2(page, 'C2')).toBe('line1\nline2');

  await goTo(page, 'B2');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+c');
  await expect.poll(async () => (await readClipboard(page)).text).toBe('a\t"line1\nline2"\r\n1.5\t3');
  const { html } = await readClipboard(page);
  expect(html).toMatch(/<table[\s>]/i);
  expect(html).toContain('line1');
  expect(html).toContain('line2');
  expect((html.match(/<tr[\s>]/gi) ?? []).length).toBe(2);
  expect((html.match(/<td[\s>]/gi) ?? []).length).toBe(4);
});

test('copy and paste inside the app shifts relative references and keeps absolute ones', async ({ page }) => {
  await enter(page, 'A1', '5');
  await typeAndCommit(page, '7');
  await enter(page, 'B1', '=A1*2');
  await enter(page, 'C1', '=$A$1+1');
  await goTo(page, 'B1');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+c');
  await goTo(page, 'B2');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'B2')).toHaveText('14');
  await expect(cell(page, 'C2')).toHaveText('6');
  await goTo(page, 'B2');
  await expect(formulaBar(page)).toHaveValue('=A2*2');
  await goTo(page, 'C2');
  await expect(formulaBar(page)).toHaveValue('=$A$1+1');
  // The source is unchanged.
  await goTo(page, 'B1');
  await expect(formulaBar(page)).toHaveValue('=A1*2');
  await expect(cell(page, 'B1')).toHaveText('10');
});

test('cut and paste moves the cells', async ({ page }) => {
  await enter(page, 'A1', '3');
  await enter(page, 'B1', 'text');
  await enter(page, 'A5', '=$A$3+A4');
  await goTo(page, 'A1');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+x');
  // Excel keeps the cells until the paste.
  await expect(cell(page, 'A1')).toHaveText('3');
  await goTo(page, 'C4');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'C4')).toHaveText('3');
  await expect(cell(page, 'D4')).toHaveText('text');
  await expect(cell(page, 'A1')).toHaveText('');
  await expect(cell(page, 'B1')).toHaveText('');
  await expect(nameBox(page)).toHaveAttribute('title', 'C4:D4');
  // A cut formula is moved, not copied: its references still point at the same cells.
  await goTo(page, 'A5');
  await page.keyboard.press('Control+x');
  await goTo(page, 'F9');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'A5')).toHaveText('');
  await goTo(page, 'F9');
  await expect(formulaBar(page)).toHaveValue('=$A$3+A4');
});

test('cut and paste redirects references to the moved cells, as Excel does', async ({ page }) => {
  // =A1+1 moved along with A1 reads the moved A1, and =A1*10 elsewhere follows A1 to its new place.
  await enter(page, 'A1', '3');
  await enter(page, 'B1', '=A1+1');
  await enter(page, 'A3', '=A1*10');
  await goTo(page, 'A1');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+x');
  await goTo(page, 'C4');
  await page.keyboard.press('Control+v');
  await expect(cell(page, 'C4')).toHaveText('3');
  await expect(cell(page, 'D4')).toHaveText('4', { timeout: 2_000 });
  await goTo(page, 'D4');
  await expect(formulaBar(page)).toHaveValue('=C4+1', { timeout: 2_000 });
  await goTo(page, 'A3');
  await expect(formulaBar(page)).toHaveValue('=C4*10', { timeout: 2_000 });
  await expect(cell(page, 'A3')).toHaveText('30', { timeout: 2_000 });
});

test('Ctrl+C in the in-cell editor copies text, not cells', async ({ page }) => {
  await enter(page, 'A1', 'hello');
  await goTo(page, 'A1');
  await page.keyboard.press('F2');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Escape');
  await expect(grid(page)).toBeFocused();
  await expect.poll(async () => (await readClipboard(page)).text).toBe('hello');
  await expectActive(page, 'A1');
});

async function typeAndCommit(page: import('@playwright/test').Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}
