// Row slots that stay with their rows while the grid scrolls. A row still in view keeps its slot and is
// not touched; a row that scrolls out gives its slot to a row that scrolls in (its nodes are updated in
// place: none are created, none move in the DOM). Scrolling by k rows updates k slots instead of
// rewriting every visible row, and the browser keeps the layout and paint of the rest. Slots are
// therefore not in row order in the DOM: the rowgroup's `aria-owns` lists the rows in order, which is
// the order assistive technology presents them in.
import {
  type Accessor,
  type JSX,
  type Setter,
  createRenderEffect,
  createRoot,
  createSignal,
  getOwner,
  onCleanup,
  untrack,
} from 'solid-js';

interface Slot {
  el: Element;
  setRow: Setter<number>;
  dispose: () => void;
}

export function RowPool(props: {
  /** The rows to show, ascending. */
  rows: readonly number[];
  /** The id a row's element gets (unique in the page), for `aria-owns`. */
  rowId: (row: number) => string;
  /** One row's element, drawn from its `row` accessor (which changes when the slot is reused). */
  children: (row: Accessor<number>) => JSX.Element;
}): JSX.Element {
  const owner = getOwner();
  const container = document.createElement('div');
  container.setAttribute('role', 'rowgroup');
  container.className = 'bana-grid__rows';
  let byRow = new Map<number, Slot>();
  const spare: Slot[] = [];

  function make(row: number): Slot {
    return createRoot((dispose) => {
      const [current, setRow] = createSignal(row);
      const el = untrack(() => props.children(current)) as Element;
      container.append(el);
      return { el, setRow, dispose };
    }, owner);
  }

  createRenderEffect(() => {
    const rows = props.rows;
    const wanted = new Set(rows);
    const freed: Slot[] = [];
    for (const [row, slot] of byRow) if (!wanted.has(row)) freed.push(slot);
    const next = new Map<number, Slot>();
    for (const row of rows) {
      let slot = byRow.get(row);
      if (!slot) {
        slot = freed.pop() ?? spare.pop();
        if (slot) slot.setRow(row);
        else slot = make(row);
        slot.el.id = props.rowId(row);
        slot.el.removeAttribute('hidden');
      }
      next.set(row, slot);
    }
    // Slots no longer needed (the view got shorter) wait hidden for the next rows, showing row -1 so
    // that no id of a shown row or cell exists twice.
    for (const slot of freed) {
      slot.setRow(-1);
      slot.el.setAttribute('hidden', '');
      slot.el.removeAttribute('id');
      spare.push(slot);
    }
    byRow = next;
    container.setAttribute('aria-owns', rows.map((row) => props.rowId(row)).join(' '));
  });

  onCleanup(() => {
    for (const slot of byRow.values()) slot.dispose();
    for (const slot of spare) slot.dispose();
  });

  return container;
}
