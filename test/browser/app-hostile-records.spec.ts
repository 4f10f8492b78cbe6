// Stored records are untrusted input: a wrong-shape record, `__proto__` keys and markup in names and
// cells must never break the app, pollute prototypes, run script or open a native dialog.
import {
  expect,
  expectCell,
  expectSaved,
  FIRST_RUN_NAMES,
  grid,
  openApp,
  openFromList,
  openWorkbookList,
  putStoredRecords,
  SEED_NAME,
  tab,
  test,
  title,
  waitForWorkbook,
  workbookNames,
} from './support/app';

const PAYLOAD = '<img src=x onerror="window.__xss=1">';
const STAMP = '2025-01-01T00:00:00.000Z';

function entry(id: string, name: string, extra: Record<string, unknown> = {}) {
  return { id, name, updatedAt: STAMP, sheetCount: 1, cellCount: 1, ...extra };
}

/** A valid schema-1 workbook whose every user-visible text is markup. */
const hostile = {
  schemaVersion: 1,
  id: 'wb_hostile',
  meta: { name: PAYLOAD, createdAt: STAMP, updatedAt: STAMP },
  sheets: [{ id: 'sh_hostile', name: PAYLOAD, cells: [[PAYLOAD, '=LEN(A1)']], columnWidths: [] }],
  names: [],
};

/** Parsed from JSON in the page, so the `__proto__` keys are own properties as in a real file. */
const protoJson = JSON.stringify({
  schemaVersion: 1,
  id: 'wb_proto',
  meta: { name: 'Prototyp', createdAt: STAMP, updatedAt: STAMP },
  sheets: [{ id: 'sh_proto', name: 'Blad1', cells: [['ok', 2]], columnWidths: [] }],
  names: [],
})
  .replace(/^\{/, '{"__proto__":{"polluted":"yes"},')
  .replace('"meta":{', '"meta":{"__proto__":{"polluted":"yes"},')
  .replace('{"id":"sh_proto"', '{"__proto__":{"polluted":"yes"},"id":"sh_proto"');

const protoCatalogJson = JSON.stringify(entry('wb_proto', 'Prototyp')).replace(
  /^\{/,
  '{"__proto__":{"polluted":"yes","sheetCount":-1},',
);

async function expectNoScriptRan(page: import('@playwright/test').Page): Promise<void> {
  expect(
    await page.evaluate(() => ({
      polluted: ({} as Record<string, unknown>).polluted,
      arrayPolluted: ([] as unknown as Record<string, unknown>).polluted,
      xss: (window as unknown as { __xss?: unknown }).__xss,
    })),
  ).toEqual({ polluted: undefined, arrayPolluted: undefined, xss: undefined });
  // Markup must stay text: no element was made from it (the CSP would also stop its handler).
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

test.describe('malformed and hostile stored records', () => {
  test('the app starts, shows markup as text, runs no script and explains a broken record', async ({
    page,
  }) => {
    await openApp(page);
    await expectSaved(page);
    await putStoredRecords(page, {
      workbooks: [{ id: 'wb_broken', hello: 'world', sheets: 'nope' }, hostile],
      workbooksJson: [protoJson],
      catalog: [
        entry('wb_broken', 'Trasig arbetsbok'),
        entry('wb_missing', 'Saknad arbetsbok'),
        { id: 'wb_badcat', name: { toString: 'evil' }, updatedAt: 5, sheetCount: 'many' },
        entry('wb_hostile', PAYLOAD),
      ],
      catalogJson: [protoCatalogJson],
      // The broken one was open last: the start must survive it.
      meta: { lastOpened: 'wb_broken' },
    });

    await page.reload();
    await waitForWorkbook(page);
    await expectNoScriptRan(page);
    // It says why the last workbook did not open, and opens one that can be opened instead.
    const startAlert = page.getByRole('alert');
    await expect(startAlert).toContainText('“Trasig arbetsbok” could not be opened');
    await expect(title(page)).toHaveText(SEED_NAME);
    await startAlert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectCell(page, 'C15', '10,000,000');

    // The list shows every readable entry, markup as plain text, and skips the malformed one.
    const names = await workbookNames(page);
    expect(names.sort()).toEqual(
      [...FIRST_RUN_NAMES, 'Trasig arbetsbok', 'Saknad arbetsbok', PAYLOAD, 'Prototyp'].sort(),
    );
    await expectNoScriptRan(page);

    // The hostile workbook opens; its name, sheet name and cell are shown literally.
    await openFromList(page, `Open ${PAYLOAD}`);
    await expect(title(page)).toHaveText(PAYLOAD);
    await expect(tab(page, PAYLOAD)).toHaveAttribute('aria-selected', 'true');
    await expect(grid(page, PAYLOAD)).toBeVisible();
    await expectCell(page, 'A1', PAYLOAD);
    await expectCell(page, 'B1', String(PAYLOAD.length));
    await expect(page.getByRole('textbox', { name: 'Formula' })).toHaveValue(PAYLOAD);
    await expectNoScriptRan(page);

    // The `__proto__` record opens as plain data and pollutes nothing.
    await openFromList(page, 'Open Prototyp');
    await expect(title(page)).toHaveText('Prototyp');
    await expectCell(page, 'A1', 'ok');
    await expectCell(page, 'B1', '2');
    await expectNoScriptRan(page);

    // Opening the broken or the missing record says so clearly and keeps the open workbook.
    for (const [name, reason] of [
      ['Trasig arbetsbok', /damaged|not a Bana workbook/],
      ['Saknad arbetsbok', /no longer/],
    ] as const) {
      const list = await openWorkbookList(page);
      await expect(page.getByRole('alert')).toHaveCount(0);
      await list.getByRole('button', { name: `Open ${name}`, exact: true }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'could not be opened' });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(reason);
      await expect(title(page)).toHaveText('Prototyp');
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await expect(alert).toHaveCount(0);
    }
    expect((await workbookNames(page)).length).toBe(FIRST_RUN_NAMES.length + 4);
    await expectNoScriptRan(page);

    // And a reload, with the hostile workbook open last, is just as calm.
    await openFromList(page, `Open ${PAYLOAD}`);
    await expect(title(page)).toHaveText(PAYLOAD);
    await expectSaved(page);
    await page.reload();
    await waitForWorkbook(page);
    await expect(title(page)).toHaveText(PAYLOAD);
    await expectCell(page, 'A1', PAYLOAD);
    await expectNoScriptRan(page);
  });
});
