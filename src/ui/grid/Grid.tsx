// The spreadsheet grid: a virtualised WAI-ARIA grid that renders display text from GridModel and turns
// mouse and keyboard input into GridActions. It never evaluates formulas nor writes state itself.
//
// ARIA indices count the header row and the row-number column as index 1, as a screen reader sees
// the table: the column-letter row is aria-rowindex 1, sheet row r (0-based) is aria-rowindex r + 2;
// the row-number column is aria-colindex 1, sheet column c is aria-colindex c + 2. So the announced
// row index is one more than Excel's row number; aria-rowcount = rowCount + 1, aria-colcount = colCount + 1.

// biome-ignore-all lint/a11y/useSemanticElements: a virtualised grid positions rows and cells absolutely, which table elements do not allow; the ARIA grid roles give the same semantics.
// biome-ignore-all lint/a11y/useFocusableInteractive: cells are deliberately not focusable: the grid element keeps focus and points at the active cell with aria-activedescendant (WAI-ARIA grid pattern).
import {
  type Accessor,
  batch,
  createEffect,
  createMemo,
  createRenderEffect,
  createSelector,
  createSignal,
  createUniqueId,
  For,
  type JSX,
  on,
  onCleanup,
  onMount,
  Show,
  untrack,
} from 'solid-js';
import { type CellAddress, columnLabel } from '../../core/address';
import { type ChoiceStrings, createChoiceCell } from './ChoiceList';
import { createGridClipboard } from './gridClipboard';
import { RowPool } from './RowPool';
import type {
  CellRect,
  DisplayCell,
  EditState,
  GridActions,
  GridModel,
  MoveDirection,
  Selection,
} from '../../core/grid';
import {
  createColumnLayout,
  createRowScale,
  HEADER_HEIGHT,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
  naturalTop,
  ROW_HEADER_WIDTH,
  ROW_HEIGHT,
  rowAtY,
  rowTop,
  scrollTopFor,
  scrollToReveal,
  type VisibleSpan,
  visibleColumns,
  visibleRows,
} from './layout';
import {
  cellSelection,
  columnSelection,
  isNavKey,
  moveSelection,
  type NavContext,
  normalizeRect,
  rowSelection,
  sameRect,
  scanUsedRange,
  selectAll,
  selectionRect,
} from './navigation';
import './grid.css';

/** The grid's own UI texts, in the current language (the caller passes them). */
export interface GridStrings {
  /** Accessible name of the in-cell editor: "Cell editor" / "Cellredigering". */
  cellEditor: string;
  /** Accessible name of a column's resize handle, given the column letter: "Resize column C" /
   * "Ändra bredd på kolumn C". A string template has "{col}" replaced by the letter. */
  resizeColumn: string | ((col: string) => string);
  /** A choice cell's list and its button, given the cell's address (English address alone if absent). */
  choices?: ChoiceStrings;
}

export interface GridProps {
  model: GridModel;
  actions: GridActions;
  /** Accessible name of the grid: the sheet name. */
  label: string;
  strings: GridStrings;
  /** id of the grid element (for skip links and aria-controls). */
  id?: string;
  /** Ctrl+PgDn (1) / Ctrl+PgUp (-1): show the next or previous sheet, as in Excel. */
  onSwitchSheet?: (step: 1 | -1) => void;
  /** A key the app handles on the grid (Excel's format keys); true when it was handled. */
  onShortcut?: (e: KeyboardEvent) => boolean;
}

const ROW_OVERSCAN = 4;
const COL_OVERSCAN = 2;
/** What the cells of a spare (hidden) row slot show: nothing, and nothing pending. */
const SPARE_CELL: DisplayCell = { text: '', align: 'left' };
/** Keyboard step of a column resize handle (Shift: fine step). */
const RESIZE_STEP = 8;
/** Distinct reference colours drawn while a formula is edited (grid.css defines .bana-grid__ref--0..7). */
const REF_COLOURS = 8;
/** Formula text ending in one of these is waiting for an operand: arrows move the caret, not the cell. */
const EXPECTS_OPERAND = /[=+\-*/^&(,;<>:%]\s*$/;

type DragMode = 'cells' | 'columns' | 'rows' | 'reference';

function sameAddress(a: CellAddress, b: CellAddress): boolean {
  return a.row === b.row && a.col === b.col;
}

function sameSelection(a: Selection, b: Selection): boolean {
  return (
    sameAddress(a.active, b.active) &&
    sameAddress(a.extent, b.extent) &&
    sameRect(selectionRect(a), selectionRect(b))
  );
}

function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Indices start..end, plus `extra` (the active row or column, so aria-activedescendant always exists). */
function renderedIndices(span: VisibleSpan, extra: number, count: number): number[] {
  const list: number[] = [];
  if (extra >= 0 && extra < count && extra < span.start) list.push(extra);
  for (let i = span.start; i <= span.end; i++) list.push(i);
  if (extra >= 0 && extra < count && extra > span.end) list.push(extra);
  return list;
}

function isEmptyRaw(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** A key that types a character: no Ctrl/Cmd, except AltGr (Ctrl+Alt on Windows) used for @ £ $ { }. */
function isPrintable(e: KeyboardEvent): boolean {
  if (e.metaKey || (e.ctrlKey && !e.altKey)) return false;
  return [...e.key].length === 1;
}

/** The node every gridcell is cloned from: a div with its role, class and one text node. */
let cellTemplate: HTMLDivElement | undefined;

function newCellNode(): HTMLDivElement {
  if (!cellTemplate) {
    cellTemplate = document.createElement('div');
    cellTemplate.setAttribute('role', 'gridcell');
    cellTemplate.className = 'bana-grid__cell';
    cellTemplate.append('');
  }
  return cellTemplate.cloneNode(true) as HTMLDivElement;
}

export function Grid(props: GridProps): JSX.Element {
  const gridId = `bana-grid-${createUniqueId()}`;
  const cellId = (row: number, col: number): string => `${gridId}-r${row}c${col}`;
  let root: HTMLDivElement | undefined;

  const [scrollTop, setScrollTop] = createSignal(0);
  const [scrollLeft, setScrollLeft] = createSignal(0);
  const [viewWidth, setViewWidth] = createSignal(800);
  const [viewHeight, setViewHeight] = createSignal(600);
  const [resizePreview, setResizePreview] = createSignal<{ col: number; width: number } | null>(null);
  const [referenceDrag, setReferenceDrag] = createSignal<CellRect | null>(null);
  // Columns 0..trackedCols-1 have their widths tracked, so a width change there re-lays out the grid.
  const [trackedCols, setTrackedCols] = createSignal(64);

  const rowCount = createMemo(() => Math.max(0, props.model.rowCount()));
  const colCount = createMemo(() => Math.max(0, props.model.colCount()));
  const bodyWidth = () => Math.max(0, viewWidth() - ROW_HEADER_WIDTH);
  const bodyHeight = () => Math.max(0, viewHeight() - HEADER_HEIGHT);

  const columns = createMemo(() => {
    const n = colCount();
    const preview = resizePreview();
    const tracked = Math.min(n, trackedCols());
    for (let c = 0; c < tracked; c++) props.model.columnWidth(c);
    return createColumnLayout(n, (c) =>
      preview && preview.col === c ? preview.width : untrack(() => props.model.columnWidth(c)),
    );
  });
  const scale = createMemo(() => createRowScale(rowCount(), bodyHeight()));
  /** Row → top inside the body. Only depends on scrollTop when the scroll range is scaled. */
  const rowTopOf = createMemo(() => {
    const s = scale();
    if (s.ratio === 1) return (row: number) => row * ROW_HEIGHT;
    const st = scrollTop();
    return (row: number) => rowTop(s, row, st);
  });
  const rowSpan = createMemo(() => visibleRows(scale(), scrollTop(), ROW_OVERSCAN));
  const colSpan = createMemo(() => visibleColumns(columns(), scrollLeft(), bodyWidth(), COL_OVERSCAN));

  const selection = createMemo(() => props.model.selection());
  const selRect = createMemo(() => selectionRect(selection()), undefined, { equals: sameRect });
  const active = createMemo(() => selection().active, undefined, { equals: sameAddress });
  const isActive = createSelector(
    () => cellId(active().row, active().col),
    (id: string, current) => id === current,
  );
  const cellEdit = createMemo(() => {
    const ed = props.model.editing();
    return ed && ed.focus === 'cell' ? ed : null;
  });
  const formulaEditing = createMemo(() => props.model.editing()?.text.startsWith('=') ?? false);

  const renderedRows = createMemo(() => renderedIndices(rowSpan(), active().row, rowCount()), undefined, {
    equals: sameNumbers,
  });
  const renderedCols = createMemo(() => renderedIndices(colSpan(), active().col, colCount()), undefined, {
    equals: sameNumbers,
  });

  const canvasWidth = () => ROW_HEADER_WIDTH + columns().total();
  const canvasHeight = () => HEADER_HEIGHT + scale().scrollHeight;

  createEffect(() => {
    const end = colSpan().end + 1;
    if (end > untrack(trackedCols)) setTrackedCols(end);
  });

  // --- viewport reporting, throttled to animation frames ---
  let viewportFrame = 0;
  let lastViewport = '';
  createEffect(() => {
    const r = rowSpan();
    const c = colSpan();
    const viewport = { row: r.start, col: c.start, rows: r.end - r.start + 1, cols: c.end - c.start + 1 };
    cancelAnimationFrame(viewportFrame);
    viewportFrame = requestAnimationFrame(() => {
      viewportFrame = 0;
      const key = `${viewport.row},${viewport.col},${viewport.rows},${viewport.cols}`;
      if (key === lastViewport) return;
      lastViewport = key;
      props.actions.setViewport(viewport);
    });
  });
  onCleanup(() => cancelAnimationFrame(viewportFrame));

  function syncScroll(): void {
    if (!root) return;
    const el = root;
    batch(() => {
      setScrollTop(el.scrollTop);
      setScrollLeft(el.scrollLeft);
    });
  }

  onMount(() => {
    const el = root as HTMLDivElement;
    const measure = () => {
      batch(() => {
        setViewWidth(el.clientWidth);
        setViewHeight(el.clientHeight);
      });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    onCleanup(() => observer.disconnect());
  });

  function scrollCellIntoView(row: number, col: number): void {
    if (!root) return;
    const s = scale();
    const currentTop = naturalTop(s, root.scrollTop);
    const top = scrollToReveal(currentTop, bodyHeight(), row * ROW_HEIGHT, (row + 1) * ROW_HEIGHT);
    // Round towards the revealed row: when scaled, a whole scroll pixel moves `ratio` natural pixels.
    if (top > currentTop) root.scrollTop = Math.ceil(scrollTopFor(s, top));
    else if (top < currentTop) root.scrollTop = Math.floor(scrollTopFor(s, top));
    const layout = columns();
    const left = scrollToReveal(root.scrollLeft, bodyWidth(), layout.offset(col), layout.offset(col + 1));
    if (left !== root.scrollLeft) root.scrollLeft = left;
    syncScroll();
  }

  // Keep the moved cell in view whenever the selection changes, except for selections made by the
  // mouse (the user is pointing at what they see). The moved cell is the active one, or the extent
  // when only the extent changed (Shift+arrow).
  let previousSelection: Selection | undefined;
  let mouseSelection: Selection | undefined;
  createEffect(
    on(selection, (sel) => {
      const prev = previousSelection;
      previousSelection = sel;
      if (mouseSelection && sameSelection(sel, mouseSelection)) return;
      const cell = prev && sameAddress(prev.active, sel.active) ? sel.extent : sel.active;
      if (cell.row < rowCount() && cell.col < colCount()) scrollCellIntoView(cell.row, cell.col);
    }),
  );

  function select(sel: Selection, byMouse = false): void {
    mouseSelection = byMouse ? sel : undefined;
    props.actions.select(sel);
  }

  // After an in-cell edit ends, focus would fall to <body> with the removed editor: give it back.
  createEffect(
    on(
      () => props.model.editing(),
      (ed, prev) => {
        if (ed || !prev || !root) return;
        const focused = document.activeElement;
        if (focused === root) return;
        if (!focused || focused === document.body || root.contains(focused))
          root.focus({ preventScroll: true });
      },
    ),
  );

  const clipboard = createGridClipboard({
    root: () => root,
    enabled: () => !!root && document.activeElement === root && !cellEdit(),
    rect: () => untrack(selRect),
    at: () => untrack(active),
    actions: props.actions,
  });
  onCleanup(() => clipboard.dispose());

  function navContext(): NavContext {
    const model = props.model;
    const rows = rowCount();
    const cols = colCount();
    const isEmpty = (r: number, c: number) => isEmptyRaw(model.raw(r, c));
    let used: CellRect | null | undefined;
    return {
      rowCount: rows,
      colCount: cols,
      pageRows: rowSpan().fullCount,
      pageCols: colSpan().fullCount,
      isEmpty,
      usedRange: () => {
        if (used === undefined)
          used = model.usedRange ? model.usedRange() : scanUsedRange(rows, cols, isEmpty);
        return used;
      },
      // Without the model's used range, Ctrl+arrow reads along one row or column instead of scanning.
      dataBounds: () =>
        model.usedRange ? model.usedRange() : { row: 0, col: 0, rowEnd: rows - 1, colEnd: cols - 1 },
    };
  }

  function onKeyDown(e: KeyboardEvent): void {
    if (e.target !== root || e.isComposing || e.defaultPrevented) return;
    if (clipboard.onKeyDown(e)) return;
    if (choiceCell.onKeyDown(e)) return;
    if (props.onShortcut?.(e)) {
      e.preventDefault();
      return;
    }
    const mod = (e.ctrlKey || e.metaKey) && !e.altKey;
    const actions = props.actions;
    const sel = selection();
    if (mod) {
      switch (e.key.toLowerCase()) {
        case 'z':
          e.preventDefault();
          if (e.shiftKey) actions.redo();
          else actions.undo();
          return;
        case 'y':
          e.preventDefault();
          actions.redo();
          return;
        case 'a':
          e.preventDefault();
          select(selectAll(sel, navContext()));
          return;
        case 'pageup':
        case 'pagedown':
          if (!props.onSwitchSheet) break;
          e.preventDefault();
          props.onSwitchSheet(e.key === 'PageDown' ? 1 : -1);
          return;
      }
    }
    if (isNavKey(e.key)) {
      const next = moveSelection(
        sel,
        e.key,
        { shift: e.shiftKey, ctrl: e.ctrlKey || e.metaKey, alt: e.altKey },
        navContext(),
      );
      if (next) {
        e.preventDefault();
        if ((e.key === 'PageDown' || e.key === 'PageUp') && !e.altKey && root) {
          // Excel scrolls the sheet by the page too, keeping the active cell at the same height on screen.
          const s = scale();
          const page = rowSpan().fullCount * ROW_HEIGHT * (e.key === 'PageDown' ? 1 : -1);
          root.scrollTop = scrollTopFor(s, naturalTop(s, root.scrollTop) + page);
          syncScroll();
        }
        select(next);
      }
      return;
    }
    if (e.key === 'F2') {
      e.preventDefault();
      actions.startEdit();
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      actions.clear(selRect());
      return;
    }
    if (e.key === ' ' && (e.shiftKey || e.ctrlKey) && !e.altKey && !e.metaKey) {
      // Excel: Shift+Space selects the row(s), Ctrl+Space the column(s) of the selection.
      e.preventDefault();
      const r = selRect();
      select(
        e.ctrlKey
          ? columnSelection(r.col, r.colEnd, rowCount())
          : { ...rowSelection(r.row, r.rowEnd, colCount()), active: { row: sel.active.row, col: 0 } },
      );
      return;
    }
    if (isPrintable(e)) {
      e.preventDefault();
      actions.startEdit(e.key);
    }
  }

  // --- mouse ---
  function cellAtPoint(clientX: number, clientY: number): CellAddress {
    const el = root as HTMLDivElement;
    const box = el.getBoundingClientRect();
    const x = clientX - box.left - el.clientLeft + el.scrollLeft - ROW_HEADER_WIDTH;
    const y = clientY - box.top - el.clientTop + el.scrollTop - HEADER_HEIGHT;
    return {
      row: rowAtY(scale(), y, el.scrollTop),
      col: Math.max(0, columns().indexAt(x)),
    };
  }

  let drag: { mode: DragMode; anchor: CellAddress; last: CellAddress; x: number; y: number } | undefined;
  let autoScrollFrame = 0;

  function dragSelection(cell: CellAddress): void {
    if (!drag) return;
    const { anchor } = drag;
    switch (drag.mode) {
      case 'reference':
        setReferenceDrag(normalizeRect(anchor, cell));
        return;
      case 'columns':
        select(columnSelection(anchor.col, cell.col, rowCount()), true);
        return;
      case 'rows':
        select(rowSelection(anchor.row, cell.row, colCount()), true);
        return;
      case 'cells':
        select({ active: anchor, extent: cell }, true);
    }
  }

  function updateDrag(): void {
    if (!drag) return;
    const cell = cellAtPoint(drag.x, drag.y);
    if (drag.mode === 'columns') cell.row = drag.last.row;
    if (drag.mode === 'rows') cell.col = drag.last.col;
    if (sameAddress(cell, drag.last)) return;
    drag.last = cell;
    dragSelection(cell);
  }

  /** While dragging outside the cell area, scroll towards the pointer (Excel's drag auto-scroll). */
  function autoScroll(): void {
    autoScrollFrame = 0;
    if (!drag || !root) return;
    const box = root.getBoundingClientRect();
    const left = box.left + ROW_HEADER_WIDTH;
    const top = box.top + HEADER_HEIGHT;
    const right = box.left + root.clientLeft + root.clientWidth;
    const bottom = box.top + root.clientTop + root.clientHeight;
    const dx = drag.mode === 'rows' ? 0 : drag.x < left ? drag.x - left : drag.x > right ? drag.x - right : 0;
    const dy =
      drag.mode === 'columns' ? 0 : drag.y < top ? drag.y - top : drag.y > bottom ? drag.y - bottom : 0;
    if (dx === 0 && dy === 0) return;
    root.scrollLeft += Math.sign(dx) * Math.min(40, Math.abs(dx));
    root.scrollTop += Math.sign(dy) * Math.min(40, Math.abs(dy));
    syncScroll();
    updateDrag();
    autoScrollFrame = requestAnimationFrame(autoScroll);
  }

  function onDocumentMouseMove(e: MouseEvent): void {
    if (!drag) return;
    drag.x = e.clientX;
    drag.y = e.clientY;
    updateDrag();
    if (!autoScrollFrame) autoScrollFrame = requestAnimationFrame(autoScroll);
  }

  function endDrag(): void {
    document.removeEventListener('mousemove', onDocumentMouseMove);
    document.removeEventListener('mouseup', onDocumentMouseUp);
    cancelAnimationFrame(autoScrollFrame);
    autoScrollFrame = 0;
    drag = undefined;
  }

  function onDocumentMouseUp(): void {
    const mode = drag?.mode;
    endDrag();
    if (mode === 'reference') {
      const rect = referenceDrag();
      setReferenceDrag(null);
      if (rect) props.actions.insertReference(rect);
    }
  }
  onCleanup(endDrag);

  function startDrag(mode: DragMode, anchor: CellAddress, last: CellAddress, e: MouseEvent): void {
    endDrag();
    drag = { mode, anchor, last, x: e.clientX, y: e.clientY };
    document.addEventListener('mousemove', onDocumentMouseMove);
    document.addEventListener('mouseup', onDocumentMouseUp);
  }

  function onMouseDown(e: MouseEvent): void {
    if (e.button !== 0 || !root) return;
    const target = e.target as HTMLElement;
    if (target.closest('.bana-grid__editor, [data-resize]')) return;
    const header = target.closest<HTMLElement>('[data-col], [data-row], [data-corner]');
    const sel = selection();
    const rows = rowCount();
    const cols = colCount();
    const point = cellAtPoint(e.clientX, e.clientY);

    if (formulaEditing()) {
      // Click-to-reference: keep focus in the editor (or formula bar) and insert on mouse up.
      e.preventDefault();
      let anchor = point;
      let rect = normalizeRect(point, point);
      let mode: DragMode = 'reference';
      if (header?.dataset.col !== undefined) {
        anchor = { row: 0, col: Number(header.dataset.col) };
        rect = { row: 0, col: anchor.col, rowEnd: rows - 1, colEnd: anchor.col };
        mode = 'columns';
      } else if (header?.dataset.row !== undefined) {
        anchor = { row: Number(header.dataset.row), col: 0 };
        rect = { row: anchor.row, col: 0, rowEnd: anchor.row, colEnd: cols - 1 };
        mode = 'rows';
      } else if (header) {
        rect = { row: 0, col: 0, rowEnd: rows - 1, colEnd: cols - 1 };
      }
      setReferenceDrag(rect);
      // Whole columns/rows insert at once; cell references follow the drag.
      if (mode === 'reference' && !header) startDrag('reference', anchor, point, e);
      else {
        setReferenceDrag(null);
        props.actions.insertReference(rect);
      }
      return;
    }

    // A plain click elsewhere commits an open edit first, as in Excel.
    if (props.model.editing()) props.actions.commitEdit('none');

    if (header?.dataset.corner !== undefined) {
      select({ active: { row: 0, col: 0 }, extent: { row: rows - 1, col: cols - 1 } }, true);
      return;
    }
    if (header?.dataset.col !== undefined) {
      const col = Number(header.dataset.col);
      const anchorCol = e.shiftKey ? sel.active.col : col;
      select(columnSelection(anchorCol, col, rows), true);
      startDrag('columns', { row: 0, col: anchorCol }, { row: point.row, col }, e);
      return;
    }
    if (header?.dataset.row !== undefined) {
      const row = Number(header.dataset.row);
      const anchorRow = e.shiftKey ? sel.active.row : row;
      select(rowSelection(anchorRow, row, cols), true);
      startDrag('rows', { row: anchorRow, col: 0 }, { row, col: point.col }, e);
      return;
    }
    const anchor = e.shiftKey ? sel.active : point;
    select(e.shiftKey ? { active: sel.active, extent: point } : cellSelection(point.row, point.col), true);
    startDrag('cells', anchor, point, e);
  }

  function onDoubleClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    if (
      formulaEditing() ||
      target.closest('.bana-grid__editor, [data-resize], [data-col], [data-row], [data-corner]')
    )
      return;
    e.preventDefault();
    props.actions.startEdit();
  }

  // --- column resize ---
  function clampWidth(width: number): number {
    return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
  }

  function onResizePointerDown(e: PointerEvent, col: number): void {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const handle = e.currentTarget as HTMLElement;
    handle.focus({ preventScroll: true });
    handle.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const startWidth = columns().width(col);
    setResizePreview({ col, width: startWidth });
    const move = (ev: PointerEvent) =>
      setResizePreview({ col, width: clampWidth(startWidth + ev.clientX - startX) });
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      const width = resizePreview()?.width ?? startWidth;
      setResizePreview(null);
      if (width !== startWidth) props.actions.resizeColumn(col, width);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  }

  function onResizeKeyDown(e: KeyboardEvent, col: number): void {
    const step = e.shiftKey ? 1 : RESIZE_STEP;
    const width = columns().width(col);
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      const next = clampWidth(width + (e.key === 'ArrowRight' ? step : -step));
      if (next !== width) props.actions.resizeColumn(col, next);
    } else if (e.key === 'Escape' || e.key === 'Enter') {
      e.preventDefault();
      root?.focus({ preventScroll: true });
    }
  }

  // --- cells ---
  /**
   * The selected columns of one row slot (null when its row is outside the selection), so moving the
   * selection re-checks the cells of the rows it enters and leaves, not every rendered cell.
   */
  function selectedColumnsOf(row: Accessor<number>): Accessor<{ col: number; colEnd: number } | null> {
    return createMemo(
      () => {
        const r = row();
        const rect = selRect();
        return r >= rect.row && r <= rect.rowEnd ? { col: rect.col, colEnd: rect.colEnd } : null;
      },
      undefined,
      { equals: (a, b) => a === b || (!!a && !!b && a.col === b.col && a.colEnd === b.colEnd) },
    );
  }

  /**
   * One gridcell of a row slot. Built without JSX so that a slot moving to another row costs a few
   * property writes: four small effects (content, selection, active cell, position), each writing
   * only what changed.
   */
  function renderCell(
    row: Accessor<number>,
    col: number,
    selected: Accessor<{ col: number; colEnd: number } | null>,
  ): HTMLDivElement {
    const el = newCellNode();
    const text = el.firstChild as Text;
    el.setAttribute('aria-colindex', String(col + 2));
    let id = '';
    let shown = '';
    let align = '';
    let error: string | undefined;
    let pending = false;
    createRenderEffect(() => {
      const r = row();
      // Row -1: a spare slot of the row pool, hidden; it shows nothing and waits for nothing.
      const d = r < 0 ? SPARE_CELL : props.model.display(r, col);
      const nextId = cellId(r, col);
      if (nextId !== id) {
        id = nextId;
        el.id = id;
      }
      if (d.text !== shown) {
        shown = d.text;
        text.data = shown;
      }
      if (d.align !== align) {
        if (align) el.classList.remove(`is-${align}`);
        align = d.align;
        el.classList.add(`is-${align}`);
      }
      if (d.errorMessage !== error) {
        error = d.errorMessage;
        if (error === undefined) {
          el.removeAttribute('title');
          el.removeAttribute('aria-description');
        } else {
          el.title = error;
          el.setAttribute('aria-description', error);
        }
        el.classList.toggle('is-error', error !== undefined);
      }
      if ((d.pending === true) !== pending) {
        pending = d.pending === true;
        if (pending) el.setAttribute('aria-busy', 'true');
        else el.removeAttribute('aria-busy');
        el.classList.toggle('is-pending', pending);
      }
    });
    // A value outside its sourced range: marked, and said to assistive technology.
    let note: string | null = null;
    createRenderEffect(() => {
      const r = row();
      const next = r < 0 ? null : (props.model.invalid?.(r, col) ?? null);
      if (next === note) return;
      note = next;
      el.classList.toggle('is-invalid', note !== null);
      if (note === null) {
        el.removeAttribute('aria-invalid');
        if (!el.classList.contains('is-error')) {
          el.removeAttribute('aria-description');
          el.removeAttribute('title');
        }
      } else {
        el.setAttribute('aria-invalid', 'true');
        el.setAttribute('aria-description', note);
        el.title = note;
      }
    });
    let isSelected: boolean | undefined;
    let activeCell = false;
    createRenderEffect(() => {
      const cols = selected();
      const sel = !!cols && col >= cols.col && col <= cols.colEnd;
      if (sel !== isSelected) {
        isSelected = sel;
        el.setAttribute('aria-selected', sel ? 'true' : 'false');
        el.classList.toggle('is-selected', sel);
      }
    });
    createRenderEffect(() => {
      const act = isActive(cellId(row(), col));
      if (act !== activeCell) {
        activeCell = act;
        el.classList.toggle('is-active', act);
      }
    });
    let left = '';
    let width = '';
    createRenderEffect(() => {
      const layout = columns();
      const l = `${ROW_HEADER_WIDTH + layout.offset(col)}px`;
      const w = `${layout.width(col)}px`;
      if (l !== left) {
        left = l;
        el.style.left = l;
      }
      if (w !== width) {
        width = w;
        el.style.width = w;
      }
    });
    return el;
  }

  // --- overlays ---
  /** Pixel box of a rectangle of cells, clipped to the rendered rows so huge ranges stay small. */
  function boxStyle(rect: CellRect): JSX.CSSProperties | undefined {
    const span = rowSpan();
    const layout = columns();
    const r0 = Math.max(rect.row, span.start - 1, 0);
    const r1 = Math.min(rect.rowEnd, span.end + 1, rowCount() - 1);
    const c0 = Math.max(rect.col, 0);
    const c1 = Math.min(rect.colEnd, layout.count - 1);
    if (r0 > r1 || c0 > c1) return undefined;
    const top = rowTopOf()(r0);
    const bottom = rowTopOf()(r1) + ROW_HEIGHT;
    return {
      top: `${HEADER_HEIGHT + top}px`,
      left: `${ROW_HEADER_WIDTH + layout.offset(c0)}px`,
      width: `${layout.offset(c1 + 1) - layout.offset(c0)}px`,
      height: `${bottom - top}px`,
    };
  }

  const highlights = createMemo(() => (formulaEditing() ? props.model.highlights() : []));
  const choiceCell = createChoiceCell({
    model: props.model,
    actions: props.actions,
    active,
    cellStyle: boxStyle,
    strings: () => props.strings.choices,
    focusGrid: () => root?.focus({ preventScroll: true }),
  });

  const resizeLabel = (col: number): string => {
    const text = props.strings.resizeColumn;
    return typeof text === 'function' ? text(columnLabel(col)) : text.replace('{col}', columnLabel(col));
  };

  return (
    <div
      ref={root}
      id={props.id}
      class="bana-grid"
      classList={{ 'is-formula-editing': formulaEditing() }}
      role="grid"
      tabIndex={0}
      aria-label={props.label}
      aria-rowcount={rowCount() + 1}
      aria-colcount={colCount() + 1}
      aria-multiselectable="true"
      aria-activedescendant={
        active().row < rowCount() && active().col < colCount()
          ? cellId(active().row, active().col)
          : undefined
      }
      onScroll={syncScroll}
      onKeyDown={onKeyDown}
      onMouseDown={onMouseDown}
      onDblClick={onDoubleClick}
    >
      <div class="bana-grid__canvas" style={{ width: `${canvasWidth()}px`, height: `${canvasHeight()}px` }}>
        <div role="row" aria-rowindex={1} class="bana-grid__header" style={{ width: `${canvasWidth()}px` }}>
          <div role="columnheader" aria-colindex={1} class="bana-grid__corner" data-corner="" />
          <For each={renderedCols()}>
            {(col) => (
              <div
                role="columnheader"
                aria-colindex={col + 2}
                aria-label={columnLabel(col)}
                class="bana-grid__colheader"
                classList={{ 'is-selected': col >= selRect().col && col <= selRect().colEnd }}
                style={{
                  left: `${ROW_HEADER_WIDTH + columns().offset(col)}px`,
                  width: `${columns().width(col)}px`,
                }}
                data-col={col}
              >
                <span class="bana-grid__colheader-label">{columnLabel(col)}</span>
                <div
                  role="separator"
                  aria-orientation="vertical"
                  aria-label={resizeLabel(col)}
                  aria-valuenow={columns().width(col)}
                  aria-valuemin={MIN_COLUMN_WIDTH}
                  aria-valuemax={MAX_COLUMN_WIDTH}
                  tabIndex={col === active().col ? 0 : -1}
                  class="bana-grid__resize"
                  classList={{ 'is-resizing': resizePreview()?.col === col }}
                  data-resize={col}
                  onPointerDown={(e) => onResizePointerDown(e, col)}
                  onKeyDown={(e) => onResizeKeyDown(e, col)}
                />
              </div>
            )}
          </For>
        </div>

        <RowPool rows={renderedRows()} rowId={(row) => `${gridId}-row${row}`}>
          {(row) => {
            const selected = selectedColumnsOf(row);
            // A row slot: it stays with its row while in view; reused, `row` changes and the nodes are updated in place.
            return (
              <div
                role="row"
                aria-rowindex={row() + 2}
                class="bana-grid__row"
                style={{ top: `${HEADER_HEIGHT + rowTopOf()(row())}px`, width: `${canvasWidth()}px` }}
              >
                <div
                  role="rowheader"
                  aria-colindex={1}
                  class="bana-grid__rowheader"
                  classList={{ 'is-selected': selected() !== null }}
                  data-row={row()}
                >
                  {row() + 1}
                </div>
                <For each={renderedCols()}>{(col) => renderCell(row, col, selected)}</For>
              </div>
            );
          }}
        </RowPool>

        <Show when={!sameRect(selRect(), normalizeRect(active(), active())) && boxStyle(selRect())}>
          {(style) => <div class="bana-grid__selection" style={style()} />}
        </Show>
        <For each={highlights()}>
          {(h) => (
            <Show when={boxStyle(h)}>
              {(style) => (
                <div class={`bana-grid__ref bana-grid__ref--${h.colorIndex % REF_COLOURS}`} style={style()} />
              )}
            </Show>
          )}
        </For>
        <Show when={referenceDrag()}>
          {(rect) => (
            <Show when={boxStyle(rect())}>
              {(style) => <div class="bana-grid__ref-drag" style={style()} />}
            </Show>
          )}
        </Show>
        <Show when={cellEdit()}>
          {(edit) => (
            <CellEditor
              edit={edit}
              label={props.strings.cellEditor}
              actions={props.actions}
              focusGrid={() => root?.focus({ preventScroll: true })}
              style={() => {
                const ed = edit();
                const layout = columns();
                return {
                  top: `${HEADER_HEIGHT + rowTopOf()(ed.row)}px`,
                  left: `${ROW_HEADER_WIDTH + layout.offset(ed.col)}px`,
                  'min-width': `${layout.width(ed.col)}px`,
                  'min-height': `${ROW_HEIGHT}px`,
                };
              }}
            />
          )}
        </Show>
        {choiceCell.view()}
      </div>
    </div>
  );
}

/** The in-place editor: a textarea over the cell, its text owned by the state through updateEdit. */
function CellEditor(props: {
  edit: Accessor<EditState>;
  label: string;
  actions: GridActions;
  /** Give focus back to the grid; called just before the edit is committed. */
  focusGrid: () => void;
  style: () => JSX.CSSProperties;
}): JSX.Element {
  let field: HTMLTextAreaElement | undefined;

  createEffect(() => {
    const text = props.edit().text;
    // Only write when the state's text differs (e.g. after insertReference), so typing keeps the caret.
    if (field && field.value !== text) {
      field.value = text;
      field.setSelectionRange(text.length, text.length);
    }
  });

  onMount(() => {
    const el = field as HTMLTextAreaElement;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  });

  function commit(e: KeyboardEvent, move: MoveDirection): void {
    e.preventDefault();
    props.focusGrid();
    props.actions.commitEdit(move);
  }

  function onKeyDown(e: KeyboardEvent): void {
    // The grid's own handler ignores events from inside the editor; stop them here anyway.
    e.stopPropagation();
    if (e.isComposing) return;
    const el = e.currentTarget as HTMLTextAreaElement;
    switch (e.key) {
      case 'Enter':
        if (e.altKey) {
          e.preventDefault();
          el.setRangeText('\n', el.selectionStart, el.selectionEnd, 'end');
          props.actions.updateEdit(el.value);
        } else commit(e, e.ctrlKey || e.metaKey ? 'none' : e.shiftKey ? 'up' : 'down');
        return;
      case 'Tab':
        commit(e, e.shiftKey ? 'left' : 'right');
        return;
      case 'Escape':
        e.preventDefault();
        props.actions.cancelEdit();
        return;
      case 'ArrowUp':
      case 'ArrowDown':
      case 'ArrowLeft':
      case 'ArrowRight': {
        // Excel's Enter mode: arrows finish the entry and move. Edit mode (F2) moves the caret, and so
        // does a formula still waiting for an operand (Excel would point at a cell there; we don't).
        const ed = props.edit();
        if (ed.mode !== 'enter' || (ed.text.startsWith('=') && EXPECTS_OPERAND.test(ed.text))) return;
        if (e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
        const move = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' } as const)[
          e.key
        ];
        commit(e, move);
        return;
      }
    }
  }

  return (
    <textarea
      ref={field}
      class="bana-grid__editor"
      aria-label={props.label}
      rows={1}
      wrap="off"
      spellcheck={false}
      autocomplete="off"
      value={untrack(() => props.edit().text)}
      style={props.style()}
      onInput={(e) => props.actions.updateEdit(e.currentTarget.value)}
      onKeyDown={onKeyDown}
      onMouseDown={(e) => e.stopPropagation()}
    />
  );
}
