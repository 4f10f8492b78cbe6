// Meeting mode, chart export and print on the shipped Dalarna scenario: five slides walked with the
// keyboard, each with its sentence under the chart; Esc hands focus back; the SVG and PNG downloads
// are real files; print shows the charts without the grid; meeting text passes WCAG AA contrast.
import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, normaliseSpaces, openApp, openFromList, test, title } from './support/app';
import { CHART_MS, slowStep } from './support/timeouts';

const DALARNA = 'Region Dalarna – mot −75 % till 2030';
const FILE_STEM = 'region-dalarna-mot-75-till-2030';

function results(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Scenario results' });
}

function figure(page: Page, name: string): Locator {
  return results(page).getByRole('figure', { name });
}

async function openDalarna(page: Page): Promise<void> {
  await openApp(page);
  await openFromList(page, `Open ${DALARNA}`);
  await expect(title(page)).toHaveText(DALARNA);
  await expect(figure(page, 'Emissions against the targets').locator('svg').first()).toBeVisible({
    timeout: slowStep(CHART_MS),
  });
}

async function enterMeeting(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Meeting mode', exact: true }).click();
  const meeting = page.getByRole('dialog', { name: `Meeting mode: ${DALARNA}` });
  await expect(meeting).toBeVisible();
  return meeting;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: (download as Download).suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** Parse SVG text in the page: the root element's name, any parser error, and all its text. */
async function parseSvg(page: Page, text: string) {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    return {
      root: doc.documentElement.localName,
      namespace: doc.documentElement.namespaceURI,
      error: doc.getElementsByTagName('parsererror').length > 0,
      text: doc.documentElement.textContent ?? '',
    };
  }, text);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const SLIDES: [string, RegExp, boolean][] = [
  ['Emissions against the targets', /^With these measures emissions fall by \d+% by 2030/, true],
  ['Reductions per measure', /^The measures cut [\d,]+ t in 2030; the largest is /, true],
  ['Marginal abatement cost curve', /^Cheapest per tonne is /, true],
  ['Key figures', /^The measures cost [\d,]+ kr/, false],
  [
    'Against no measures and the targets',
    /^In 2030 the scenario is at [\d,]+ t, against [\d,]+ t without measures/,
    true,
  ],
];

test('meeting mode walks the five slides by keyboard and Esc returns focus to its button', async ({
  page,
}) => {
  await openDalarna(page);
  const button = page.getByRole('button', { name: 'Meeting mode', exact: true });
  const meeting = await enterMeeting(page);
  await expect(meeting).toBeFocused();
  // The rest of the app is inert while the slides are up.
  await expect(page.locator('#root')).toHaveAttribute('inert', '');
  const heading = meeting.getByRole('heading', { level: 2 });
  const status = meeting.getByRole('status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  for (const [i, [name, sentence, isChart]] of SLIDES.entries()) {
    if (i > 0) await page.keyboard.press('ArrowRight');
    await expect(heading).toHaveText(name);
    await expect(status).toHaveText(`Slide ${i + 1} of 5`);
    const slide = meeting.getByRole('region', { name });
    const words = slide.getByText(sentence);
    await expect(words).toBeVisible();
    expect(
      await words.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(28);
    if (isChart) {
      const chart = slide.getByRole('img', { name: new RegExp(`^${name}\\. `) });
      await expect(chart.locator('svg').last()).toBeVisible({ timeout: slowStep(CHART_MS) });
      // The sentence sits under the chart, inside the window.
      const chartBox = await chart.boundingBox();
      const wordsBox = await words.boundingBox();
      expect(wordsBox?.y ?? 0).toBeGreaterThanOrEqual((chartBox?.y ?? 0) + (chartBox?.height ?? 0) - 1);
      expect((wordsBox?.y ?? 0) + (wordsBox?.height ?? 0)).toBeLessThanOrEqual(
        page.viewportSize()?.height ?? 720,
      );
    } else {
      // Key figures in very large numbers.
      const big = slide.locator('[data-key="reductionAtTarget"]');
      await expect(big).toHaveText(/^\d+(\.\d)?%$/);
      expect(
        await big.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
      ).toBeGreaterThanOrEqual(56);
    }
  }
  // Past the last slide nothing moves; back, first, last, and the other keys.
  await page.keyboard.press('ArrowRight');
  await expect(status).toHaveText('Slide 5 of 5');
  await page.keyboard.press('ArrowLeft');
  await expect(status).toHaveText('Slide 4 of 5');
  await expect(heading).toHaveText('Key figures');
  await page.keyboard.press('Home');
  await expect(status).toHaveText('Slide 1 of 5');
  await expect(heading).toHaveText('Emissions against the targets');
  await page.keyboard.press('End');
  await expect(status).toHaveText('Slide 5 of 5');
  await page.keyboard.press('PageUp');
  await expect(status).toHaveText('Slide 4 of 5');
  await page.keyboard.press('Space');
  await expect(status).toHaveText('Slide 5 of 5');
  // The visible buttons do the same.
  await meeting.getByRole('button', { name: 'Previous' }).click();
  await expect(status).toHaveText('Slide 4 of 5');
  await meeting.getByRole('button', { name: 'Next' }).click();
  await expect(status).toHaveText('Slide 5 of 5');

  await page.keyboard.press('Escape');
  await expect(meeting).toBeHidden();
  await expect(button).toBeFocused();
  await expect(page.locator('#root')).not.toHaveAttribute('inert', '');
  expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();

  // The exit button works as well.
  await button.click();
  await meeting.getByRole('button', { name: 'Exit meeting mode' }).click();
  await expect(meeting).toBeHidden();
  await expect(button).toBeFocused();
});

test('charts download as a standalone SVG with its legend and as a PNG at twice the size', async ({
  page,
}) => {
  await openDalarna(page);
  const trajectory = figure(page, 'Emissions against the targets');
  const svg = await downloaded(page, () =>
    trajectory.getByRole('button', { name: 'Download Emissions against the targets as SVG' }).click(),
  );
  expect(svg.name).toBe(`${FILE_STEM}-trajectory.svg`);
  const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
  expect(parsed.error).toBe(false);
  expect(parsed.root).toBe('svg');
  expect(parsed.namespace).toBe('http://www.w3.org/2000/svg');
  for (const series of ['Projected with measures', 'Without measures', 'Target: −75 % linear']) {
    expect(parsed.text).toContain(series);
  }
  const width = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg.bytes.toString('utf8'))?.[1]);

  const png = await downloaded(page, () =>
    trajectory.getByRole('button', { name: 'Download Emissions against the targets as PNG' }).click(),
  );
  expect(png.name).toBe(`${FILE_STEM}-trajectory.png`);
  expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  // IHDR: the width is the SVG's, doubled.
  expect(png.bytes.readUInt32BE(16)).toBe(Math.round(width * 2));

  // In meeting mode, the slide's chart downloads with the measures as its legend.
  const meeting = await enterMeeting(page);
  await page.keyboard.press('ArrowRight');
  await expect(meeting.getByRole('heading', { level: 2 })).toHaveText('Reductions per measure');
  await expect(meeting.getByRole('img').locator('svg').last()).toBeVisible({ timeout: slowStep(CHART_MS) });
  const wedges = await downloaded(page, () =>
    meeting.getByRole('button', { name: 'Download Reductions per measure as SVG' }).click(),
  );
  expect(wedges.name).toBe(`${FILE_STEM}-wedges.svg`);
  const wedgesParsed = await parseSvg(page, wedges.bytes.toString('utf8'));
  expect(wedgesParsed.root).toBe('svg');
  const tableHeaders = await figure(page, 'Reductions per measure').locator('thead th').allTextContents();
  for (const measure of tableHeaders.slice(1)) expect(wedgesParsed.text).toContain(measure);
  const wedgesPng = await downloaded(page, () =>
    meeting.getByRole('button', { name: 'Download Reductions per measure as PNG' }).click(),
  );
  expect([...wedgesPng.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
});

test('printing shows the key figures and charts with their sentences, not the grid or buttons', async ({
  page,
}) => {
  await openDalarna(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('grid')).toBeHidden();
  await expect(page.getByRole('tablist', { name: 'Sheet tabs' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Meeting mode' })).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Formula' })).toBeHidden();
  const header = results(page).locator('.print-header');
  await expect(header).toBeVisible();
  expect(normaliseSpaces(await header.innerText())).toMatch(
    new RegExp(`^${DALARNA.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — (\\d{1,2} \\w+|\\w+ \\d{1,2},) \\d{4}$`),
  );
  await expect(results(page).getByRole('figure', { name: 'Key figures' })).toBeVisible();
  const pane = await results(page).boundingBox();
  for (const name of [
    'Emissions against the targets',
    'Reductions per measure',
    'Marginal abatement cost curve',
  ]) {
    const chart = figure(page, name);
    const svg = chart.locator('.chart > figure > svg, .chart > svg');
    await expect(svg).toBeVisible();
    await expect(chart.locator('.sentence')).toBeVisible();
    // The export buttons are there, and hidden on paper.
    await expect(chart.locator('button')).toHaveCount(2);
    for (const b of await chart.locator('button').all()) await expect(b).toBeHidden();
    await expect(chart.locator('details')).toBeHidden();
    // Not clipped: the whole drawing lies inside the printed column.
    const box = await svg.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual((pane?.x ?? 0) + (pane?.width ?? 0) + 1);
  }
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('grid')).toBeVisible();
});

test('meeting mode text has at least WCAG AA contrast against its background', async ({ page }) => {
  await openDalarna(page);
  const meeting = await enterMeeting(page);
  await expect(meeting.getByRole('img').locator('svg').last()).toBeVisible({ timeout: slowStep(CHART_MS) });
  const ratios = await meeting.evaluate((root) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const c = [r, g, b].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (c[0] ?? 0) + 0.7152 * (c[1] ?? 0) + 0.0722 * (c[2] ?? 0);
    };
    /** The first opaque background from the element up. */
    const background = (el: Element | null): number[] => {
      for (let node = el; node; node = node.parentElement) {
        const [r, g, b, a = 1] = rgb(getComputedStyle(node).backgroundColor);
        if (a > 0.99) return [r ?? 0, g ?? 0, b ?? 0];
      }
      return [255, 255, 255];
    };
    const out: { text: string; ratio: number }[] = [];
    for (const el of root.querySelectorAll('h2, .sentence, .meeting-status, button')) {
      const fg = luminance(rgb(getComputedStyle(el).color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      out.push({ text: (el.textContent ?? '').slice(0, 30), ratio });
    }
    return out;
  });
  expect(ratios.length).toBeGreaterThanOrEqual(6);
  for (const { text, ratio } of ratios) expect(ratio, text).toBeGreaterThanOrEqual(4.5);
});
