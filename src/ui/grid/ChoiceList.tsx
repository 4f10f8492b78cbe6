// A choice cell's dropdown, as Excel's data-validation list: a button at the active cell's right edge
// and, when open, a listbox under the cell that takes focus (arrows, Home/End, Enter, Escape, mouse).
import {
  type Accessor,
  batch,
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  type JSX,
  on,
  onMount,
  Show,
} from 'solid-js';
import { type CellAddress, formatAddress } from '../../core/address';
import type { CellRect, GridActions, GridModel } from '../../core/grid';

/** The list's texts in the UI language, given the cell's address ("B11"). */
export interface ChoiceStrings {
  choiceList: (cell: string) => string;
  openChoices: (cell: string) => string;
}

/**
 * The dropdown of the active cell when the model says it is a choice: Alt+Down (the grid passes its
 * keys to `onKeyDown` first) or the button opens it; a choice is written as if typed, so the session's
 * rules apply to it as to any edit.
 */
export function createChoiceCell(options: {
  model: GridModel;
  actions: GridActions;
  active: Accessor<CellAddress>;
  cellStyle: (rect: CellRect) => JSX.CSSProperties | undefined;
  strings: Accessor<ChoiceStrings | undefined>;
  focusGrid: () => void;
}): { onKeyDown: (e: KeyboardEvent) => boolean; view: () => JSX.Element } {
  const { model, actions, active } = options;
  const [open, setOpen] = createSignal(false);
  const list = createMemo(() => {
    const a = active();
    return model.editing() ? null : (model.choices?.(a.row, a.col) ?? null);
  });
  // Another cell, an edit or a changed list closes it.
  createEffect(on(list, () => setOpen(false), { defer: true }));

  function choose(value: string): void {
    // Written as a typed entry, in one batch so no editor is drawn between start and commit.
    batch(() => {
      actions.startEdit(value);
      actions.commitEdit('none');
    });
  }

  function onKeyDown(e: KeyboardEvent): boolean {
    if (!(e.altKey && e.key === 'ArrowDown' && !e.ctrlKey && !e.metaKey && list())) return false;
    e.preventDefault();
    setOpen(true);
    return true;
  }

  const cell = () => formatAddress(active().row, active().col);
  const box = () => {
    const a = active();
    return options.cellStyle({ row: a.row, col: a.col, rowEnd: a.row, colEnd: a.col });
  };
  const view = () => (
    <Show when={list() && box()}>
      <ChoiceList
        options={() => list() ?? []}
        current={() => {
          const raw = model.raw(active().row, active().col);
          return raw === null ? '' : String(raw);
        }}
        open={open}
        setOpen={setOpen}
        cellStyle={() => box() ?? {}}
        listLabel={() => options.strings()?.choiceList(cell()) ?? cell()}
        buttonLabel={() => options.strings()?.openChoices(cell()) ?? cell()}
        choose={choose}
        focusGrid={options.focusGrid}
      />
    </Show>
  );
  return { onKeyDown, view };
}

export interface ChoiceListProps {
  options: Accessor<readonly string[]>;
  /** The cell's current value, highlighted when the list opens. */
  current: Accessor<string>;
  open: Accessor<boolean>;
  setOpen: (open: boolean) => void;
  /** The active cell's box in the grid canvas. */
  cellStyle: Accessor<JSX.CSSProperties>;
  /** "Values for B11" and "Choose a value for B11 (Alt+Down)". */
  listLabel: Accessor<string>;
  buttonLabel: Accessor<string>;
  choose: (value: string) => void;
  /** Give focus back to the grid (closing the list never leaves focus on nothing). */
  focusGrid: () => void;
}

export function ChoiceList(props: ChoiceListProps): JSX.Element {
  const button = (): JSX.CSSProperties => {
    const box = props.cellStyle();
    return { top: box.top, left: `calc(${box.left} + ${box.width} - 20px)` };
  };
  const list = (): JSX.CSSProperties => {
    const box = props.cellStyle();
    return { top: `calc(${box.top} + ${box.height})`, left: box.left, 'min-width': box.width };
  };
  return (
    <>
      <button
        type="button"
        class="bana-grid__choice-button"
        tabIndex={-1}
        aria-label={props.buttonLabel()}
        aria-haspopup="listbox"
        aria-expanded={props.open()}
        style={button()}
        // The grid's own mousedown would select (or start a drag): this button is not a cell.
        onMouseDown={(e) => {
          e.stopPropagation();
          e.preventDefault();
        }}
        onClick={() => {
          if (!props.open()) return props.setOpen(true);
          props.setOpen(false);
          props.focusGrid();
        }}
      >
        ▾
      </button>
      <Show when={props.open()}>
        <Listbox {...props} style={list} />
      </Show>
    </>
  );
}

function Listbox(props: ChoiceListProps & { style: () => JSX.CSSProperties }): JSX.Element {
  const id = createUniqueId();
  const start = props.options().indexOf(props.current());
  const [index, setIndex] = createSignal(Math.max(0, start));
  let el: HTMLDivElement | undefined;
  onMount(() => el?.focus({ preventScroll: true }));

  function close(): void {
    props.setOpen(false);
    props.focusGrid();
  }
  function pick(i: number): void {
    const value = props.options()[i];
    close();
    if (value !== undefined) props.choose(value);
  }
  function onKeyDown(e: KeyboardEvent): void {
    const last = props.options().length - 1;
    const to: Record<string, () => number> = {
      ArrowDown: () => Math.min(last, index() + 1),
      ArrowUp: () => Math.max(0, index() - 1),
      Home: () => 0,
      End: () => last,
    };
    const move = to[e.key];
    if (move) {
      e.preventDefault();
      setIndex(move());
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(index());
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      close();
    }
    e.stopPropagation();
  }
  return (
    <div
      ref={el}
      id={id}
      class="bana-grid__choices"
      role="listbox"
      tabIndex={0}
      aria-label={props.listLabel()}
      aria-activedescendant={`${id}-${index()}`}
      style={props.style()}
      onKeyDown={onKeyDown}
      onMouseDown={(e) => e.stopPropagation()}
      onFocusOut={(e) => {
        // Clicking elsewhere closes the list, as a native select does.
        if (!el?.contains(e.relatedTarget as Node | null)) props.setOpen(false);
      }}
    >
      <For each={props.options()}>
        {(option, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox takes the keys and points at its option with aria-activedescendant.
          <div
            id={`${id}-${i()}`}
            tabIndex={-1}
            role="option"
            aria-selected={i() === index()}
            classList={{ 'is-current': i() === index() }}
            onMouseMove={() => setIndex(i())}
            onClick={() => pick(i())}
          >
            {option}
          </div>
        )}
      </For>
    </div>
  );
}
