// Levers in the browser on the shipped Dalarna scenario: a slider dragged with the mouse or moved with
// the keyboard moves the trajectory, a key figure and the sentence while it moves; releasing keeps the
// value as one undoable edit; Escape and reset put it back; an assumption draws the BAU as opened
// beside the modified one; meeting mode shows the levers beside its chart.
import type { Locator, Page } from '@playwright/test';
import {
  cell,
  expect,
  expectCell,
  normaliseSpaces,
  openApp,
  openFromList,
  openSheet,
  test,
  title,
} from './support/app';
import { CHART_MS, slowStep } from './support/timeouts';

const DALARNA = 'Region Dalarna – mot −75 % till 2030';
const SHARE = 'Andel av volymen som konverteras per år';
/** The buses' diesel volume: it moves every year from 2023 on, so the 2030 figures follow it. */
const VOLUME = 'Ersatt fossilt bränsle per år';
const TREND = 'Förändring per år utan åtgärder (BAU)';

function results(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Scenario results' });
}

function trajectory(page: Page): Locator {
  return results(page).getByRole('figure', { name: 'Emissions against the targets' });
}

function slider(page: Page, name: string): Locator {
  return results(page).getByRole('slider', { name });
}

async function keyFigure(page: Page, key: string): Promise<string> {
  return normaliseSpaces(await results(page).locator(`[data-key="${key}"]`).innerText());
}

/** The projection's line as drawn (its path's `d`). */
function projectedLine(page: Page): Promise<string | null> {
  return trajectory(page).locator('path[stroke="#0b5cad"]').first().getAttribute('d');
}

function undoButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Undo' });
}

async function openDalarna(page: Page): Promise<void> {
  await openApp(page);
  await openFromList(page, `Open ${DALARNA}`);
  await expect(title(page)).toHaveText(DALARNA);
  await expect(trajectory(page).locator('svg').first()).toBeVisible({ timeout: slowStep(CHART_MS) });
  await expect(slider(page, SHARE)).toHaveAttribute('aria-valuetext', '25%');
  await expect(slider(page, VOLUME)).toHaveAttribute('aria-valuetext', '600,000 liter/år');
  await expect(undoButton(page)).toBeDisabled();
}

test('dragging a slider with the mouse moves the chart, key figure and sentence; release is one undoable edit', async ({
  page,
}) => {
  await openDalarna(page);
  const volume = slider(page, VOLUME);
  const sentence = trajectory(page).locator('.sentence');
  const before = {
    key: await keyFigure(page, 'shortfallAtTarget'),
    sentence: await sentence.innerText(),
    line: await projectedLine(page),
  };
  await volume.scrollIntoViewIfNeeded();
  const box = (await volume.boundingBox()) as { x: number; y: number; width: number; height: number };
  const y = box.y + box.height / 2;
  // The thumb sits in the middle of the track (600 000 of 450 000–750 000); drag it right in small steps.
  const at = (f: number) => box.x + 8 + (box.width - 16) * f;
  await page.mouse.move(at(0.5), y);
  await page.mouse.down();
  for (let f = 0.55; f <= 0.9; f += 0.05) await page.mouse.move(at(f), y, { steps: 2 });
  // Still held: the results follow, and nothing is written yet.
  await expect.poll(() => keyFigure(page, 'shortfallAtTarget')).not.toBe(before.key);
  await expect(sentence).not.toHaveText(before.sentence);
  await expect.poll(() => projectedLine(page)).not.toBe(before.line);
  await expect(undoButton(page)).toBeDisabled();
  const dragged = (await volume.getAttribute('aria-valuetext')) ?? '';
  expect(dragged).toMatch(/^7[0-5]\d,\d00 liter\/år$/);
  await page.mouse.up();

  // Released: one edit in the grid and the history.
  await expect(undoButton(page)).toBeEnabled();
  await openSheet(page, 'Drivmedel');
  await expectCell(page, 'B9', dragged.replace(' liter/år', ''));
  await undoButton(page).click();
  // Undo goes back to the sheet the edit was made from; the value is back on Drivmedel.
  await openSheet(page, 'Drivmedel');
  await expectCell(page, 'B9', '600,000');
  await expect(undoButton(page)).toBeDisabled();
  await expect(volume).toHaveAttribute('aria-valuetext', '600,000 liter/år');
  await expect.poll(() => keyFigure(page, 'shortfallAtTarget')).toBe(before.key);
  await expect(sentence).toHaveText(before.sentence);
  await expect.poll(() => projectedLine(page)).toBe(before.line);
});

test('the keyboard moves a slider by step, page, Home and End; each release is one edit; Escape puts it back', async ({
  page,
}) => {
  await openDalarna(page);
  const volume = slider(page, VOLUME);
  const sentence = trajectory(page).locator('.sentence');
  const beforeSentence = await sentence.innerText();
  const beforeKey = await keyFigure(page, 'shortfallAtTarget');
  await volume.focus();
  // Unit and source on focus, and as the slider's description.
  await expect(volume).toHaveAccessibleDescription(
    /^liter\/år\. When opened: 600,000 liter\/år\. Range 450,000 liter\/år to 750,000 liter\/år\. Source: \[U\] Exempelvolym/,
  );
  await expect(
    results(page)
      .locator('.lever')
      .filter({ has: page.getByRole('slider', { name: VOLUME }) })
      .locator('.lever-info'),
  ).toBeVisible();

  await page.keyboard.press('ArrowRight');
  await expect(volume).toHaveAttribute('aria-valuetext', '602,000 liter/år');
  await expect.poll(() => keyFigure(page, 'shortfallAtTarget')).not.toBe(beforeKey);
  await page.keyboard.press('PageUp');
  await expect(volume).toHaveAttribute('aria-valuetext', '632,000 liter/år');
  await page.keyboard.press('End');
  await expect(volume).toHaveAttribute('aria-valuetext', '750,000 liter/år');
  // The sentence rounds to hundreds of tonnes: a whole range's move shows in it.
  await expect(sentence).not.toHaveText(beforeSentence);
  await page.keyboard.press('Home');
  await expect(volume).toHaveAttribute('aria-valuetext', '450,000 liter/år');
  await page.keyboard.press('PageDown');
  await expect(volume).toHaveAttribute('aria-valuetext', '450,000 liter/år');
  await page.keyboard.press('ArrowUp');
  await expect(volume).toHaveAttribute('aria-valuetext', '452,000 liter/år');

  // Each key released was one edit (PageDown at the low end changed nothing): undo walks back.
  for (const back of ['450,000', '750,000', '632,000', '602,000', '600,000']) {
    await undoButton(page).click();
    await expect(volume).toHaveAttribute('aria-valuetext', `${back} liter/år`);
  }
  await expect(undoButton(page)).toBeDisabled();
  await expect.poll(() => keyFigure(page, 'shortfallAtTarget')).toBe(beforeKey);

  // A key held down previews; Escape before it is released puts the value back with no edit.
  await volume.focus();
  await page.keyboard.down('ArrowRight');
  await expect(volume).not.toHaveAttribute('aria-valuetext', '600,000 liter/år');
  await expect.poll(() => keyFigure(page, 'shortfallAtTarget')).not.toBe(beforeKey);
  await page.keyboard.press('Escape');
  await page.keyboard.up('ArrowRight');
  await expect(volume).toHaveAttribute('aria-valuetext', '600,000 liter/år');
  await expect.poll(() => keyFigure(page, 'shortfallAtTarget')).toBe(beforeKey);
  await expect(undoButton(page)).toBeDisabled();
});

test('reset puts one lever or all of them back to the values as opened', async ({ page }) => {
  await openDalarna(page);
  const share = slider(page, SHARE);
  const capture = slider(page, 'Uppsamlingsandel');
  await share.focus();
  await page.keyboard.press('End');
  await capture.focus();
  await page.keyboard.press('Home');
  await expect(share).toHaveAttribute('aria-valuetext', '100%');
  await expect(capture).toHaveAttribute('aria-valuetext', '30%');
  await results(page)
    .getByRole('button', { name: `Reset ${SHARE} to 25%` })
    .click();
  await expect(share).toHaveAttribute('aria-valuetext', '25%');
  await expect(capture).toHaveAttribute('aria-valuetext', '30%');
  await share.focus();
  await page.keyboard.press('End');
  await results(page).getByRole('button', { name: 'Reset all to the values as opened' }).click();
  await expect(share).toHaveAttribute('aria-valuetext', '25%');
  await expect(capture).toHaveAttribute('aria-valuetext', '60%');
  await expect(
    results(page).getByRole('button', { name: 'Reset all to the values as opened' }),
  ).toBeDisabled();
  // The reset is itself one step: undo brings both changes back.
  await undoButton(page).click();
  await expect(share).toHaveAttribute('aria-valuetext', '100%');
  await expect(capture).toHaveAttribute('aria-valuetext', '30%');
});

test('a changed assumption draws the BAU as opened beside the modified one, in the chart and its table', async ({
  page,
}) => {
  await openDalarna(page);
  const assumptions = results(page).getByTestId('assumptions');
  const trend = assumptions.getByRole('slider', { name: TREND });
  await expect(trend).toHaveAttribute('aria-valuetext', /^-3\.\d+%\/år$/);
  const legend = trajectory(page).getByText('Without measures, as opened');
  await expect(legend).toHaveCount(0);
  // The table opened first: the chart's redraw after the release cannot move it under the click.
  await trajectory(page).getByText('Show the numbers of “Emissions against the targets” as a table').click();
  await expect(trajectory(page).getByRole('table')).toBeVisible();
  await trend.focus();
  await page.keyboard.press('End');
  await expect(trend).toHaveAttribute('aria-valuetext', '0%/år');
  await expect(legend.first()).toBeVisible();
  const table = trajectory(page).getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Without measures, as opened' })).toBeVisible();
  // 2030: the modified BAU stays at the 2018 level (trend 0), the opened one has fallen.
  const row = normaliseSpaces(await table.getByRole('row', { name: /^2030 / }).innerText()).split(' ');
  expect(Number(row[2]?.replace(/,/g, ''))).toBeGreaterThan(Number(row[3]?.replace(/,/g, '')));
  // Reset brings back the formula and one BAU.
  await results(page)
    .getByRole('button', { name: /^Reset Förändring per år utan åtgärder/ })
    .click();
  await expect(legend).toHaveCount(0);
  await openSheet(page, 'Baslinje');
  await cell(page, 'B9').click();
  await expect(page.getByRole('textbox', { name: 'Formula' })).toHaveValue(/^=/);
});

test('meeting mode shows the levers beside the chart, and arrows move the slider, not the slide', async ({
  page,
}) => {
  await openDalarna(page);
  await page.getByRole('button', { name: 'Meeting mode', exact: true }).click();
  const meeting = page.getByRole('dialog', { name: `Meeting mode: ${DALARNA}` });
  await expect(meeting.locator('svg').first()).toBeVisible({ timeout: slowStep(CHART_MS) });
  const volume = meeting.getByRole('slider', { name: VOLUME });
  await expect(volume).toBeVisible();
  const sentence = meeting.locator('.sentence').first();
  const before = await sentence.innerText();
  await volume.focus();
  await page.keyboard.press('End');
  await expect(volume).toHaveAttribute('aria-valuetext', '750,000 liter/år');
  await expect(sentence).not.toHaveText(before);
  await expect(meeting.getByRole('heading', { name: 'Emissions against the targets' })).toBeVisible();
  await expect(meeting.getByText('Slide 1 of 5')).toBeVisible();
});
