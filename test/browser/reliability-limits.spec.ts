// Oversized input from the clipboard or the keyboard is refused before it is parsed or stored, with a
// message, and nothing changes: a 10 MB paste, a million rows, a block past the last row, a 40 000-character cell.
import type { Page } from '@playwright/test';
import { expect, expectCell, goToCell, grid, openApp, setCell, test } from './support/app';

async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await grid(page).focus();
  await page.keyboard.press('Control+v');
}

function refusal(page: Page, text: RegExp) {
  return page.getByRole('alert').filter({ hasText: text });
}

test('a 10 MB paste, a million rows, a block past the last row and a 40 000-character cell are refused', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Add sheet', exact: true }).click();
  await setCell(page, 'A1', 'kvar');
  await goToCell(page, 'B2');

  // 10 MB of text in one cell: refused before parsing.
  await paste(page, 'x'.repeat(10 * 1024 * 1024));
  const tooLarge = refusal(page, /too large for one paste/);
  await expect(tooLarge).toBeVisible();
  await expectCell(page, 'B2', '');
  await tooLarge.getByRole('button', { name: 'Dismiss' }).click();

  // A million rows (1 048 577, more than a sheet has): over the cells one paste may write.
  await goToCell(page, 'A1');
  await paste(page, '1\n'.repeat(1_048_577));
  const million = refusal(page, /too large for one paste/);
  await expect(million).toBeVisible();
  await expectCell(page, 'A1', 'kvar');
  await million.getByRole('button', { name: 'Dismiss' }).click();

  // A small block that would reach past the last row.
  await goToCell(page, 'A1048575');
  await paste(page, '1\n2\n3\n');
  const beyond = refusal(page, /beyond the last row or column/);
  await expect(beyond).toBeVisible();
  await expectCell(page, 'A1048575', '');
  await beyond.getByRole('button', { name: 'Dismiss' }).click();

  // A cell longer than Excel's 32 767 characters: pasted or typed, refused; the typed text stays in the editor.
  await goToCell(page, 'B2');
  await paste(page, 'y'.repeat(40_000));
  const tooLong = refusal(page, /at most 32,767 characters/);
  await expect(tooLong).toBeVisible();
  await tooLong.getByRole('button', { name: 'Dismiss' }).click();
  const bar = page.getByRole('textbox', { name: 'Formula' });
  await bar.click();
  await bar.fill('z'.repeat(40_000));
  await bar.press('Enter');
  await expect(tooLong).toBeVisible();
  await expect(bar).toHaveValue('z'.repeat(40_000));
  await bar.press('Escape');
  await expectCell(page, 'B2', '');

  // The app works on: an ordinary paste lands, and nothing was added to the undo history by refusals.
  await goToCell(page, 'B2');
  await paste(page, '3\t=B2*2');
  await expectCell(page, 'B2', '3');
  await expectCell(page, 'C2', '6');
  await expectCell(page, 'A1', 'kvar');
});
