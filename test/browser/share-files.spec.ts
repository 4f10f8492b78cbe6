// Scenario files: export, then import in a fresh browser (empty IndexedDB) gives the same cells and
// values; importing a workbook that is already here asks; files can be dropped on the window; and
// malformed files are refused by name with a reason while nothing changes.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import {
  expect,
  FIRST_RUN_NAMES,
  dialog,
  expectCell,
  formulaOf,
  normaliseSpaces,
  openApp,
  openSheet,
  setCell,
  tabNames,
  test,
  title,
  visibleCells,
  waitForWorkbook,
  workbookNames,
} from './support/app';

const FIXTURES = new URL('../fixtures/files/', import.meta.url);
const FIXTURE_NAME = 'Delad färdplan Gävleborg';
/** The fixture's cells worth checking: plain values, formulas, a named expression, cross-sheet references. */
const CHECKED: Record<string, string[]> = {
  Utsläpp: ['A1', 'B2', 'C2', 'B3', 'C3', 'B5', 'C5', 'D1'],
  Åtgärder: ['A2', 'B2', 'B3'],
};

function fixturePath(name: string): string {
  return new URL(name, FIXTURES).pathname;
}

function fixtureBuffer(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

function importButton(page: Page) {
  return page.getByRole('button', { name: 'Import file', exact: true });
}

/** Choose files through the "Import file" button's file picker. */
async function chooseFiles(
  page: Page,
  files: string | { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await importButton(page).click();
  await (await chooser).setFiles(files);
}

async function closeWorkbookList(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Workbooks', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
}

/** Every sheet's formula-bar contents for CHECKED cells and every displayed value. */
async function snapshot(page: Page): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const sheet of await tabNames(page)) {
    await openSheet(page, sheet);
    const formulas: Record<string, string> = {};
    for (const ref of CHECKED[sheet] ?? []) formulas[ref] = await formulaOf(page, ref);
    out[sheet] = { formulas, values: await visibleCells(page) };
  }
  return out;
}

/** A second, fresh browser context (its own empty IndexedDB) that fails on page errors too. */
async function freshPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (d) => {
    errors.push(`unexpected ${d.type()} dialog`);
    void d.dismiss();
  });
  return { context, page, errors };
}

test.describe('scenario files', () => {
  test('an exported file opens in a fresh browser with identical cells and values on every sheet', async ({
    page,
    browser,
    baseURL,
  }, testInfo) => {
    await openApp(page);
    await chooseFiles(page, fixturePath('valid-v1.bana.json'));
    await expect(title(page)).toHaveText(FIXTURE_NAME);
    await expect(page.getByRole('status').filter({ hasText: `Imported “${FIXTURE_NAME}”.` })).toBeVisible();
    // Edits made here (a formula, a cross-sheet reference) must travel in the file as well.
    await openSheet(page, 'Åtgärder');
    await setCell(page, 'A3', 'Solceller');
    await setCell(page, 'B3', '=Utsläpp!B3*0.1+B2');
    await expectCell(page, 'B3', '57,600');
    await openSheet(page, 'Utsläpp');
    await setCell(page, 'D1', "=SUM('Åtgärder'!B2:B3)");
    await expectCell(page, 'D1', '89,600');
    const before = await snapshot(page);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export file', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${FIXTURE_NAME}.bana.json`);
    const saved = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(saved);
    expect(JSON.parse(readFileSync(saved, 'utf8')).format).toBe('bana-scenario');

    const fresh = await freshPage(browser, baseURL);
    try {
      await openApp(fresh.page);
      await expect(title(fresh.page)).toHaveText(FIRST_RUN_NAMES[0] as string);
      await chooseFiles(fresh.page, saved);
      await expect(title(fresh.page)).toHaveText(FIXTURE_NAME);
      expect(await tabNames(fresh.page)).toEqual(['Utsläpp', 'Åtgärder']);
      expect(await snapshot(fresh.page)).toEqual(before);
      expect(await workbookNames(fresh.page)).toEqual(
        expect.arrayContaining([FIXTURE_NAME, ...FIRST_RUN_NAMES]),
      );
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.context.close();
    }
  });

  test('importing a workbook that is already here asks; "Keep both" adds a copy, "Replace" replaces it', async ({
    page,
  }) => {
    await openApp(page);
    await chooseFiles(page, fixturePath('valid-v1.bana.json'));
    await expect(title(page)).toHaveText(FIXTURE_NAME);
    await setCell(page, 'A1', 'Ändrat här');
    await expectCell(page, 'A1', 'Ändrat här');

    await chooseFiles(page, fixturePath('valid-v1.bana.json'));
    const question = dialog(page);
    await expect(question).toBeVisible();
    await expect(question.getByRole('heading')).toHaveText('This workbook is already here');
    await expect(question).toContainText(`“valid-v1.bana.json” holds the workbook “${FIXTURE_NAME}”`);
    await expect(question.getByRole('button', { name: 'Keep both' })).toBeFocused();
    await question.getByRole('button', { name: 'Keep both' }).click();
    await expect(question).toBeHidden();
    await expect(title(page)).toHaveText(`${FIXTURE_NAME} (imported)`);
    await expectCell(page, 'A1', 'År');
    expect(await workbookNames(page)).toEqual(
      expect.arrayContaining([FIXTURE_NAME, `${FIXTURE_NAME} (imported)`, ...FIRST_RUN_NAMES]),
    );
    expect(await workbookNames(page)).toHaveLength(FIRST_RUN_NAMES.length + 2);
    await closeWorkbookList(page);

    // Esc (cancel) changes nothing; "Replace" puts the file's contents in place of the edited one.
    await chooseFiles(page, fixturePath('valid-v1.bana.json'));
    await expect(question).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    expect(await workbookNames(page)).toHaveLength(FIRST_RUN_NAMES.length + 2);

    await chooseFiles(page, fixturePath('valid-v1.bana.json'));
    await question.getByRole('button', { name: 'Replace' }).click();
    await expect(question).toBeHidden();
    await expect(title(page)).toHaveText(FIXTURE_NAME);
    await expectCell(page, 'A1', 'År');
    expect(await workbookNames(page)).toHaveLength(FIRST_RUN_NAMES.length + 2);
  });

  test('dropping a file anywhere on the window imports it; dragging text does nothing', async ({ page }) => {
    await openApp(page);
    const names = await workbookNames(page);
    await closeWorkbookList(page);
    const overlay = page.getByRole('status').filter({ hasText: 'Drop to import' });

    // Dragged text (not files) is left alone: no overlay, no import.
    const text = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'hello');
      return data;
    });
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: text });
    await page.dispatchEvent('main', 'dragover', { dataTransfer: text });
    await expect(overlay).toHaveCount(0);
    await page.dispatchEvent('main', 'drop', { dataTransfer: text });

    const files = await page.evaluateHandle(
      ({ name, content }) => {
        const data = new DataTransfer();
        data.items.add(new File([content], name, { type: 'application/json' }));
        return data;
      },
      { name: 'valid-v1.bana.json', content: fixtureBuffer('valid-v1.bana.json').toString('utf8') },
    );
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: files });
    await page.dispatchEvent('main', 'dragover', { dataTransfer: files });
    await expect(overlay).toBeVisible();
    await page.dispatchEvent('main', 'drop', { dataTransfer: files });
    await expect(overlay).toHaveCount(0);
    await expect(title(page)).toHaveText(FIXTURE_NAME);
    await expectCell(page, 'C2', '160,000');
    expect(await workbookNames(page)).toEqual(expect.arrayContaining([...names, FIXTURE_NAME]));
    expect(await workbookNames(page)).toHaveLength(names.length + 1);
  });

  test('a malformed file is refused by name with its reason, and nothing changes', async ({ page }) => {
    await openApp(page);
    const names = await workbookNames(page);
    await closeWorkbookList(page);
    const before = normaliseSpaces((await title(page).textContent()) ?? '');

    const cases = [
      {
        file: 'truncated.txt',
        as: 'Färdplan (avbruten nedladdning).bana.json',
        reason: 'it is not a Bana scenario file (its text is not JSON',
      },
      { file: 'empty.txt', as: 'Tom.bana.json', reason: 'it is empty.' },
      {
        file: 'picture.png',
        as: 'Diagram.bana.json',
        reason: 'it is not a Bana scenario file (its text is not JSON',
      },
      {
        file: 'newer-version.bana.json',
        as: 'newer-version.bana.json',
        reason: 'it was made by a newer version of Bana. Reload the page to update Bana, then try again.',
      },
      { file: 'wrong-shape.json', as: 'wrong-shape.json', reason: 'it is not a Bana scenario file.' },
    ];
    for (const c of cases) {
      await chooseFiles(page, [{ name: c.as, mimeType: 'application/json', buffer: fixtureBuffer(c.file) }]);
      const alert = page.getByRole('alert').filter({ hasText: `Could not import “${c.as}”` });
      await expect(alert).toContainText(c.reason);
      await expect(alert).toContainText('Nothing was changed.');
      await expect(title(page)).toHaveText(before);
      expect(await workbookNames(page)).toEqual(names);
      await closeWorkbookList(page);
    }
  });
});

test('a new page load opens normally after a file was imported (the file is stored)', async ({ page }) => {
  await openApp(page);
  await chooseFiles(page, fixturePath('valid-v1.bana.json'));
  await expect(title(page)).toHaveText(FIXTURE_NAME);
  await page.reload();
  await waitForWorkbook(page);
  await expect(title(page)).toHaveText(FIXTURE_NAME);
  await expectCell(page, 'C5', '32,000');
});
