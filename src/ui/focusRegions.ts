// Where keyboard focus goes between the page's regions (F6 / Shift+F6) and after a dialog closes:
// back where it was, or to the grid's active cell when that place is gone.

/** The page's regions in F6 order; a region that is not on screen is skipped. */
const REGIONS = ['.app-header', '.start-view', '.formula-row', '.grid-host', '.sheet-tabs', '.results-pane'];

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

function visible(el: Element): boolean {
  return (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0;
}

/** The active sheet's grid element, which holds the active cell. */
export function gridElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[role=grid]');
}

/** Focus the grid (its active cell); false when there is none. */
export function focusGridNow(): boolean {
  const grid = gridElement();
  grid?.focus();
  return grid !== null && document.activeElement === grid;
}

/** Where focus goes when F6 lands on a region: the grid, the selected sheet tab, or the first control. */
function entryOf(region: Element): HTMLElement | null {
  const grid = region.querySelector<HTMLElement>('[role=grid]');
  if (grid) return grid;
  const tab = region.querySelector<HTMLElement>('[role=tab][aria-selected=true]');
  if (tab) return tab;
  for (const el of region.querySelectorAll<HTMLElement>(FOCUSABLE)) if (visible(el)) return el;
  return null;
}

/** Move focus to the next (step 1) or previous (step -1) region that can take it. */
export function cycleRegion(step: 1 | -1): void {
  const regions = REGIONS.map((selector) => document.querySelector(selector)).filter(
    (el): el is Element => el !== null && visible(el),
  );
  if (regions.length === 0) return;
  const current = regions.findIndex((r) => r.contains(document.activeElement));
  // From outside every region, F6 starts at the first one and Shift+F6 at the last.
  let index = current < 0 ? (step === 1 ? -1 : regions.length) : current;
  for (let tried = 0; tried < regions.length; tried++) {
    index = (index + step + regions.length) % regions.length;
    const target = entryOf(regions[index] as Element);
    if (target) {
      target.focus();
      return;
    }
  }
}

/**
 * After a dialog closes, put focus back on `previous`. Runs after the dialog's own work has
 * re-rendered (a removed sheet takes its button with it); when `previous` is gone, or focus was
 * left nowhere, the grid takes it, so the next keystroke (Ctrl+Z) reaches the sheet.
 */
export function restoreFocus(previous: Element | null): void {
  setTimeout(() => {
    const now = document.activeElement;
    // Something the dialog's action chose (the grid after "Add measure") keeps focus.
    if (now && now !== document.body && now.isConnected && !now.closest('dialog')) return;
    // A control re-rendered by the dialog's work (a renamed sheet's tab) is found again by its id.
    const target =
      previous instanceof HTMLElement && !previous.isConnected && previous.id
        ? document.getElementById(previous.id)
        : previous;
    if (target instanceof HTMLElement && target.isConnected && visible(target)) {
      target.focus();
      if (document.activeElement === target) return;
    }
    focusGridNow();
  }, 0);
}
