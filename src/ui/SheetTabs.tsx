// The sheet tabs: switch, add, rename, delete (confirmed) and reorder (drag, or the tab's menu).
import { For, type JSX, Show, createSignal, onCleanup, onMount } from 'solid-js';
import type { Sheet, SheetId } from '../core/document';
import { useI18n } from './i18nContext';

export interface SheetTabsProps {
  sheets: Sheet[];
  activeId: SheetId;
  gridId: string;
  onSelect: (id: SheetId) => void;
  onAdd: () => void;
  onRename: (id: SheetId) => void;
  onDelete: (id: SheetId) => void;
  onMove: (id: SheetId, index: number) => void;
  /** Extra controls at the end of the tab strip (e.g. scenario actions). */
  actions?: JSX.Element;
}

export function SheetTabs(props: SheetTabsProps) {
  const { t } = useI18n();
  const [menuFor, setMenuFor] = createSignal<SheetId | null>(null);
  const [dragging, setDragging] = createSignal<SheetId | null>(null);
  const tabs = new Map<SheetId, HTMLButtonElement>();

  function focusTab(index: number): void {
    const sheet = props.sheets[(index + props.sheets.length) % props.sheets.length];
    if (!sheet) return;
    props.onSelect(sheet.id);
    queueMicrotask(() => tabs.get(sheet.id)?.focus());
  }

  function onTabKey(e: KeyboardEvent, index: number, sheet: Sheet): void {
    if (e.key === 'ArrowRight') focusTab(index + 1);
    else if (e.key === 'ArrowLeft') focusTab(index - 1);
    else if (e.key === 'Home') focusTab(0);
    else if (e.key === 'End') focusTab(props.sheets.length - 1);
    else if (e.key === 'F2') props.onRename(sheet.id);
    else if (e.key === 'Delete') props.onDelete(sheet.id);
    else return;
    e.preventDefault();
  }

  return (
    <div class="sheet-tabs">
      <div role="tablist" aria-label={t('sheetTabs')} class="tablist">
        <For each={props.sheets}>
          {(sheet, index) => (
            // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for mouse reordering; the tab's menu offers the same by keyboard.
            <div
              class="tab-wrap"
              classList={{ active: sheet.id === props.activeId, dragging: dragging() === sheet.id }}
              onDragOver={(e) => {
                if (dragging()) e.preventDefault();
              }}
              onDrop={(e) => {
                e.preventDefault();
                const id = dragging();
                if (id && id !== sheet.id) props.onMove(id, index());
                setDragging(null);
              }}
            >
              <button
                ref={(el) => tabs.set(sheet.id, el)}
                type="button"
                role="tab"
                id={`tab-${sheet.id}`}
                aria-selected={sheet.id === props.activeId}
                aria-controls={props.gridId}
                tabIndex={sheet.id === props.activeId ? 0 : -1}
                draggable="true"
                onDragStart={(e) => {
                  setDragging(sheet.id);
                  e.dataTransfer?.setData('text/plain', sheet.name);
                }}
                onDragEnd={() => setDragging(null)}
                onClick={() => props.onSelect(sheet.id)}
                onDblClick={() => props.onRename(sheet.id)}
                onKeyDown={(e) => onTabKey(e, index(), sheet)}
              >
                {sheet.name}
              </button>
              <Show when={sheet.id === props.activeId}>
                <SheetMenu
                  sheet={sheet}
                  index={index()}
                  count={props.sheets.length}
                  open={menuFor() === sheet.id}
                  onOpen={(open) => setMenuFor(open ? sheet.id : null)}
                  onRename={() => props.onRename(sheet.id)}
                  onDelete={() => props.onDelete(sheet.id)}
                  onMove={(to) => props.onMove(sheet.id, to)}
                />
              </Show>
            </div>
          )}
        </For>
      </div>
      <button
        type="button"
        class="add-sheet"
        aria-label={t('addSheet')}
        title={t('addSheet')}
        onClick={() => props.onAdd()}
      >
        +
      </button>
      {props.actions}
    </div>
  );
}

function SheetMenu(props: {
  sheet: Sheet;
  index: number;
  count: number;
  open: boolean;
  onOpen: (open: boolean) => void;
  onRename: () => void;
  onDelete: () => void;
  onMove: (index: number) => void;
}) {
  const { t } = useI18n();
  let button: HTMLButtonElement | undefined;
  let menu: HTMLDivElement | undefined;
  // The tab strip scrolls sideways (overflow-x: auto), which also clips anything above it: an
  // absolutely placed menu would be cut off. A fixed menu placed from the button's box escapes that.
  const [place, setPlace] = createSignal<{ left: number; bottom: number } | null>(null);

  function measure(): void {
    const box = button?.getBoundingClientRect();
    if (box) setPlace({ left: box.left, bottom: window.innerHeight - box.top });
  }

  const items = () =>
    [
      { key: 'rename', label: t('renameSheet'), run: props.onRename, disabled: false },
      {
        key: 'left',
        label: t('moveSheetLeft'),
        run: () => props.onMove(props.index - 1),
        disabled: props.index === 0,
      },
      {
        key: 'right',
        label: t('moveSheetRight'),
        run: () => props.onMove(props.index + 1),
        disabled: props.index >= props.count - 1,
      },
      { key: 'delete', label: t('deleteSheet'), run: props.onDelete, disabled: props.count <= 1 },
    ] as const;

  function menuItems(): HTMLElement[] {
    return menu ? [...menu.querySelectorAll<HTMLElement>('[role=menuitem]:not([aria-disabled=true])')] : [];
  }

  function close(focusButton = true): void {
    props.onOpen(false);
    if (focusButton) button?.focus();
  }

  const onDocumentDown = (e: MouseEvent) => {
    if (props.open && menu && !menu.contains(e.target as Node) && e.target !== button) close(false);
  };
  onMount(() => document.addEventListener('mousedown', onDocumentDown));
  onCleanup(() => document.removeEventListener('mousedown', onDocumentDown));

  return (
    <span class="sheet-menu">
      <button
        ref={button}
        type="button"
        class="tab-menu-button"
        aria-label={t('sheetActions', { name: props.sheet.name })}
        aria-haspopup="menu"
        aria-expanded={props.open}
        onClick={() => {
          measure();
          props.onOpen(!props.open);
          queueMicrotask(() => menuItems()[0]?.focus());
        }}
      >
        ▾
      </button>
      <Show when={props.open}>
        <div
          ref={menu}
          role="menu"
          class="menu"
          style={
            place()
              ? { position: 'fixed', left: `${place()?.left}px`, bottom: `${place()?.bottom}px` }
              : undefined
          }
          aria-label={t('sheetActions', { name: props.sheet.name })}
          onKeyDown={(e) => {
            const list = menuItems();
            const at = list.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'ArrowDown') list[(at + 1) % list.length]?.focus();
            else if (e.key === 'ArrowUp') list[(at - 1 + list.length) % list.length]?.focus();
            else if (e.key === 'Escape' || e.key === 'Tab') close();
            else return;
            e.preventDefault();
          }}
        >
          <For each={items()}>
            {(item) => (
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                aria-disabled={item.disabled ? 'true' : undefined}
                onClick={() => {
                  if (item.disabled) return;
                  close(item.key !== 'rename' && item.key !== 'delete');
                  item.run();
                }}
              >
                {item.label}
              </button>
            )}
          </For>
        </div>
      </Show>
    </span>
  );
}
