// Offline and updates on the production build: after one visit Bana reloads, opens every shipped
// scenario, recalculates, charts and exports with the server stopped and the network off; a second
// build with a changed asset is offered as "A new version of Bana is ready — reload", and the reload
// keeps the edit that was still waiting to be saved.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { build } from 'vite';
import {
  expect,
  expectCell,
  goToCell,
  normaliseSpaces,
  openFromList,
  openSheet,
  SEED_NAME,
  SHIPPED_SCENARIO_NAMES,
  saveState,
  setCell,
  test,
  title,
  waitForWorkbook,
} from './support/app';
import { BUILD_DIR, startPreview } from './support/preview';

// One port for both tests: a service worker belongs to its origin.
test.describe.configure({ mode: 'serial' });
// playwright.config.ts blocks service workers for every other spec.
test.use({ serviceWorkers: 'allow' });

const root = resolve(import.meta.dirname, '../..');
const DALARNA = 'Region Dalarna – mot −75 % till 2030';

function trajectory(page: Page): Locator {
  return page
    .getByRole('complementary', { name: 'Scenario results' })
    .getByRole('figure', { name: 'Emissions against the targets' });
}

/** Wait until the service worker is active, i.e. the whole build is precached. */
async function precached(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** The row (1-based) of HVO100 in the fuel-conversion measure, read from the shipped template. */
async function hvoRow(): Promise<number> {
  const file = join(root, 'models/templates/fuel-conversion.bana.json');
  const doc = JSON.parse(await readFile(file, 'utf8')) as { sheets: { cells: unknown[][] }[] };
  return (doc.sheets[0]?.cells ?? []).findIndex((row) => row[0] === 'HVO100') + 1;
}

test('after one visit Bana works with the server stopped and the network off', async ({ page, context }) => {
  test.setTimeout(120_000);
  const server = await startPreview(BUILD_DIR);
  try {
    await page.goto(`${server.origin}/?debug`);
    await waitForWorkbook(page);
    await precached(page);
    // The browser's own install criteria (manifest, icons, service worker), as Chromium checks them.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // Playwright's contexts are off the record, where Chromium never installs apps ("in-incognito");
    // every other criterion must be met.
    const errors = installabilityErrors.map((error) => error.errorId);
    expect(errors.filter((id) => id !== 'in-incognito')).toEqual([]);
  } finally {
    await server.stop();
  }
  await context.setOffline(true);

  await page.reload();
  await waitForWorkbook(page);
  await expect(title(page)).toHaveText(SEED_NAME);
  for (const name of SHIPPED_SCENARIO_NAMES) {
    await openFromList(page, `Open ${name}`);
    await expect(title(page)).toHaveText(name);
    // The charts chunk, its CSS and Observable Plot came from the cache.
    await expect(trajectory(page).locator('svg').first()).toBeVisible({ timeout: 15_000 });
  }

  // Dalarna is open last: an edit recalculates in the (cached) engine worker and moves the chart.
  await expect(title(page)).toHaveText(DALARNA);
  const sentence = trajectory(page).locator('.sentence');
  const before = normaliseSpaces(await sentence.innerText());
  await openSheet(page, 'Drivmedel');
  await setCell(page, `B${await hvoRow()}`, '0');
  await expect.poll(async () => normaliseSpaces(await sentence.innerText())).not.toBe(before);

  // Exports: the workbook file, and xlsx through the lazily loaded Excel chunk.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export file', exact: true }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(`${DALARNA}.bana.json`);
  expect(JSON.parse(await readFile((await file.path()) as string, 'utf8')).format).toBe('bana-scenario');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Excel (.xlsx)' }).click(),
  ]);
  expect((await readFile((await xlsx.path()) as string)).subarray(0, 2).toString()).toBe('PK');
});

test('a new build is offered as a new version, and its reload keeps the edit waiting to be saved', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // The second build: the same sources with one changed asset (a byte more in an icon).
  const work = await mkdtemp(join(tmpdir(), 'bana-next-'));
  const publicDir = join(work, 'public');
  await cp(join(root, 'public'), publicDir, { recursive: true });
  const icon = join(publicDir, 'icons/icon-192.png');
  await writeFile(icon, Buffer.concat([await readFile(icon), Buffer.from([0])]));
  const nextDir = join(work, 'dist');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    publicDir,
    logLevel: 'warn',
    build: { outDir: nextDir, emptyOutDir: true, sourcemap: false },
  });

  let server = await startPreview(BUILD_DIR);
  try {
    // Saves wait for a flush (tab hidden, closed, or the update's reload) in this test.
    await page.goto(`${server.origin}/?debug&saveDelayMs=600000`);
    await waitForWorkbook(page);
    await precached(page);
    await server.stop();
    server = await startPreview(nextDir, Number(new URL(server.origin).port));

    await setCell(page, 'A30', 'före uppdateringen');
    await expect(saveState(page)).toHaveText('Unsaved changes');
    // The browser looks for a new service worker on navigations; an open tab asks when told to.
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const prompt = page.getByRole('status').filter({ hasText: 'A new version of Bana is ready — reload' });
    await expect(prompt).toBeVisible({ timeout: 30_000 });

    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
    await waitForWorkbook(page);
    await goToCell(page, 'A30');
    await expectCell(page, 'A30', 'före uppdateringen');
    // The page now runs under the new version: its changed icon comes from the new precache.
    const served = await page.evaluate(
      async () => (await (await fetch('/icons/icon-192.png')).arrayBuffer()).byteLength,
    );
    expect(served).toBe((await readFile(icon)).byteLength);
    await expect(prompt).toBeHidden();
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
});
