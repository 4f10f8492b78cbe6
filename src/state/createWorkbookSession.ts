// One open workbook: the document signal, selection, in-progress edit, undo history and the
// values of the visible cells. Every change goes through execute(): document → engine → history → save.
import { type Accessor, batch, createMemo, createSignal } from 'solid-js';
import { type CellAddress, MAX_COLS, MAX_ROWS, formatAddress } from '../core/address';
import { toHtmlTable, parseTsv, toTsv } from '../core/clipboard';
import { type Command, applyCommand, nextSheetName, sheetNameProblem } from '../core/commands';
import {
  type RawCell,
  type ScenarioDocument,
  type Sheet,
  type SheetId,
  DEFAULT_COLUMN_WIDTH,
  createSheet,
  findSheet,
  getRaw,
  isFormula,
  usedSize,
} from '../core/document';
import {
  type CellMove,
  acceptsReferenceAt,
  extractReferences,
  moveReferences,
  referenceEndingAt,
  shiftFormula,
} from '../core/formula';
import { type History, emptyHistory, record, takeRedo, takeUndo } from '../core/history';
import { formatForEdit, parseInput } from '../core/input';
import { formatRange } from '../core/address';
import { LIMITS } from '../core/schema';
import type { EngineClient } from '../engine/engineClient';
import { formatValue } from '../i18n/format';
import type { UiLocale } from '../i18n/strings';
import type { CellRect, DisplayCell, EditState, MoveDirection, RefHighlight, Selection } from '../core/grid';
import type { EngineWorkbook, RangeRequest, RangeValues } from '../../workers/contract';
import type { NamedValues } from '../core/values';
import { CHART_NAME } from '../core/scenario/layout';
import { type ScenarioResult, readScenarioResult } from '../core/scenario/result';
import { addMeasureCommand, measureSlots, removeMeasureCommand } from '../core/scenario/scenario';

interface UndoContext {
  sheetId: SheetId;
  selection: Selection;
}

interface InternalClipboard {
  text: string;
  sheetId: SheetId;
  rect: CellRect;
  raws: RawCell[][];
  cut: boolean;
}

export interface WorkbookSessionOptions {
  initial: ScenarioDocument;
  engine: EngineClient;
  locale: Accessor<UiLocale>;
  /** Called after every change of the document (to save it). */
  onChange: (doc: ScenarioDocument) => void;
  /** Called when typed or pasted input is refused (too large for a cell, a sheet or one paste). */
  onRefused?: (problem: InputProblem) => void;
}

/** Why typed or pasted input was refused; nothing was changed. */
export type InputProblem = 'paste-too-large' | 'paste-beyond-sheet' | 'cell-too-long';

/**
 * The most text one paste may hold, checked before it is parsed: ten times a full-width Excel
 * row of long cells, and far above any table a planner copies. Larger text (a 10 MB log) is refused.
 */
export const MAX_PASTE_TEXT_LENGTH = 5_000_000;
/** The most cells one paste may write: a bound on one edit's recalculation and undo entry. */
export const MAX_PASTE_CELLS = 1_000_000;

/** Rows and columns shown beyond the used area, so there is room to type. */
const HEADROOM_ROWS = 200;
const HEADROOM_COLS = 26;
/** Extra rows/columns fetched around the viewport so small scrolls need no round trip. */
const OVERSCAN_ROWS = 30;
const OVERSCAN_COLS = 8;
const PENDING: DisplayCell = { text: '', align: 'left', pending: true };

export type WorkbookSession = ReturnType<typeof createWorkbookSession>;

export function createWorkbookSession(options: WorkbookSessionOptions) {
  const { engine, locale } = options;
  const [doc, setDoc] = createSignal<ScenarioDocument>(options.initial);
  const [activeSheetId, setActiveSheetId] = createSignal<SheetId>((options.initial.sheets[0] as Sheet).id);
  const origin: CellAddress = { row: 0, col: 0 };
  const [selection, setSelection] = createSignal<Selection>({ active: origin, extent: origin });
  const [editing, setEditing] = createSignal<EditState | null>(null);
  const [history, setHistory] = createSignal<History<UndoContext>>(emptyHistory());
  const [values, setValues] = createSignal<RangeValues | null>(null);
  let revision = 0;
  let fetchWindow: RangeRequest | null = null;
  let clipboard: InternalClipboard | null = null;
  /** Caret of the editor, for click-to-reference. */
  let caret: number | null = null;

  const activeSheet = createMemo(() => findSheet(doc(), activeSheetId()) ?? (doc().sheets[0] as Sheet));
  const used = createMemo(() => usedSize(activeSheet()));

  function engineWorkbook(d: ScenarioDocument = doc()): EngineWorkbook {
    return { sheets: d.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })), names: d.names };
  }

  /** Open: build the engine from the document. */
  function loadEngine(): Promise<void> {
    revision++;
    return engine.load(engineWorkbook(), revision);
  }

  const [named, setNamed] = createSignal<NamedValues | null>(null);
  /** The scenario's trajectory, measures and key figures, when this workbook is a scenario. */
  const scenario = createMemo<ScenarioResult | null>(() => {
    const n = named();
    return n ? readScenarioResult(n) : null;
  });
  const isScenario = createMemo(() => doc().names.some((n) => n.name === CHART_NAME.years));
  /** Measure sheets wired into the trajectory, by id. */
  const measureSheets = createMemo(
    () => new Set(measureSlots(doc()).flatMap((s) => (s.sheet ? [s.sheet.id] : []))),
  );

  function onNamed(values: NamedValues): void {
    setNamed(values);
  }

  /** Insert a measure template's sheet and wire it into the trajectory. */
  function addMeasure(template: ScenarioDocument): SheetId | 'no-slot' {
    const command = addMeasureCommand(doc(), template);
    if (!command) return 'no-slot';
    execute(command, 'add-measure');
    const added = doc().sheets.at(-1);
    if (added) switchSheet(added.id);
    return added?.id ?? 'no-slot';
  }

  /** Remove a measure: its trajectory slot and its sheet, in one undoable step. */
  function removeMeasure(sheetId: SheetId): boolean {
    const command = removeMeasureCommand(doc(), sheetId);
    if (!command) return false;
    execute(command, 'remove-measure');
    return true;
  }

  function onValues(v: RangeValues): void {
    if (v.sheetId === activeSheetId()) setValues(v);
  }

  /** Apply a command: the single path for every change of the document. */
  function execute(command: Command, label: string, recordHistory = true): boolean {
    const before = doc();
    const context: UndoContext = { sheetId: activeSheetId(), selection: selection() };
    const result = applyCommand(before, command);
    revision++;
    // The engine first: the worker recalculates while this thread updates the grid, so the value
    // can arrive in the same frame as the closed editor.
    syncEngine(result.changes, result.doc);
    batch(() => {
      setDoc(result.doc);
      if (recordHistory) setHistory((h) => record(h, { label, command, inverse: result.inverse, context }));
      if (!findSheet(result.doc, activeSheetId())) setActiveSheetId((result.doc.sheets[0] as Sheet).id);
    });
    options.onChange(result.doc);
    return true;
  }

  function syncEngine(changes: ReturnType<typeof applyCommand>['changes'], next: ScenarioDocument): void {
    if (changes.some((c) => c.kind === 'structure')) {
      void engine.load(engineWorkbook(next), revision);
      return;
    }
    const ops = changes.flatMap((c) =>
      c.kind === 'cells'
        ? [{ kind: 'setCells' as const, sheetId: c.sheetId, row: c.row, col: c.col, values: c.values }]
        : [],
    );
    if (ops.length > 0) void engine.apply(ops, revision);
  }

  function restore(context: UndoContext | undefined): void {
    if (!context) return;
    if (findSheet(doc(), context.sheetId)) {
      switchSheet(context.sheetId);
      setSelection(context.selection);
    }
  }

  function undo(): void {
    setEditing(null);
    const taken = takeUndo(history());
    if (!taken) return;
    execute(taken.entry.inverse, taken.entry.label, false);
    setHistory(taken.history);
    restore(taken.entry.context);
  }

  function redo(): void {
    setEditing(null);
    const taken = takeRedo(history());
    if (!taken) return;
    execute(taken.entry.command, taken.entry.label, false);
    setHistory(taken.history);
    restore(taken.entry.context);
  }

  // ---- viewport and values -------------------------------------------------------------------

  function setViewport(view: { row: number; col: number; rows: number; cols: number }): void {
    const sheetId = activeSheetId();
    const covered =
      fetchWindow &&
      fetchWindow.sheetId === sheetId &&
      view.row >= fetchWindow.row &&
      view.col >= fetchWindow.col &&
      view.row + view.rows <= fetchWindow.row + fetchWindow.rows &&
      view.col + view.cols <= fetchWindow.col + fetchWindow.cols;
    if (covered) return;
    const row = Math.max(0, view.row - OVERSCAN_ROWS);
    const col = Math.max(0, view.col - OVERSCAN_COLS);
    fetchWindow = {
      sheetId,
      row,
      col,
      rows: Math.min(MAX_ROWS - row, view.rows + 2 * OVERSCAN_ROWS),
      cols: Math.min(MAX_COLS - col, view.cols + 2 * OVERSCAN_COLS),
    };
    engine.setViewport(fetchWindow);
  }

  function display(row: number, col: number): DisplayCell {
    const v = values();
    if (!v || v.sheetId !== activeSheetId()) return PENDING;
    const r = row - v.row;
    const c = col - v.col;
    if (r < 0 || c < 0 || r >= v.rows || c >= v.cols) return PENDING;
    return formatValue(v.values[r * v.cols + c], locale());
  }

  function rawAt(row: number, col: number): RawCell {
    return getRaw(activeSheet(), row, col);
  }

  // ---- sheets ---------------------------------------------------------------------------------

  function switchSheet(id: SheetId): void {
    if (id === activeSheetId()) return;
    commitEditIfAny();
    batch(() => {
      setActiveSheetId(id);
      setValues(null);
      setSelection({ active: origin, extent: origin });
    });
    fetchWindow = null;
  }

  function addSheet(): SheetId {
    const base = locale() === 'sv' ? 'Blad' : 'Sheet';
    const sheet = createSheet(nextSheetName(doc(), base));
    const index = doc().sheets.findIndex((s) => s.id === activeSheetId()) + 1;
    execute({ type: 'addSheet', sheet, index }, 'add-sheet');
    switchSheet(sheet.id);
    return sheet.id;
  }

  function renameSheet(id: SheetId, name: string): ReturnType<typeof sheetNameProblem> {
    const problem = sheetNameProblem(doc(), name, id);
    if (problem) return problem;
    if (findSheet(doc(), id)?.name === name.trim()) return null;
    execute({ type: 'renameSheet', sheetId: id, name: name.trim() }, 'rename-sheet');
    return null;
  }

  function removeSheet(id: SheetId): void {
    if (doc().sheets.length <= 1) return;
    const index = doc().sheets.findIndex((s) => s.id === id);
    execute({ type: 'removeSheet', sheetId: id }, 'delete-sheet');
    const next = doc().sheets[Math.max(0, index - 1)];
    if (next) switchSheet(next.id);
  }

  function moveSheet(id: SheetId, index: number): void {
    const from = doc().sheets.findIndex((s) => s.id === id);
    if (from === index || index < 0 || index >= doc().sheets.length) return;
    execute({ type: 'moveSheet', sheetId: id, index }, 'move-sheet');
  }

  // ---- editing --------------------------------------------------------------------------------

  function startEdit(text?: string, focus: 'cell' | 'bar' = 'cell'): void {
    const { active } = selection();
    const current = editing();
    if (current && current.row === active.row && current.col === active.col) {
      setEditing({ ...current, focus });
      return;
    }
    const initial = text ?? formatForEdit(rawAt(active.row, active.col), locale());
    caret = initial.length;
    setEditing({
      row: active.row,
      col: active.col,
      text: initial,
      mode: text === undefined ? 'edit' : 'enter',
      focus,
    });
  }

  function updateEdit(text: string, newCaret?: number): void {
    const current = editing();
    if (!current) return;
    caret = newCaret ?? text.length;
    setEditing({ ...current, text });
  }

  function setCaret(position: number): void {
    caret = position;
  }

  function commitEdit(move: MoveDirection): void {
    const current = editing();
    if (!current) return;
    const raw = parseInput(current.text, locale());
    // A document with an over-long cell would not load again: keep the editor open and say why.
    if (typeof raw === 'string' && raw.length > LIMITS.maxCellTextLength) {
      options.onRefused?.('cell-too-long');
      return;
    }
    setEditing(null);
    if (raw !== rawAt(current.row, current.col)) {
      execute(
        { type: 'setCells', sheetId: activeSheetId(), row: current.row, col: current.col, values: [[raw]] },
        'edit',
      );
    }
    moveActive(move);
  }

  function commitEditIfAny(): void {
    if (editing()) commitEdit('none');
  }

  function cancelEdit(): void {
    setEditing(null);
  }

  function moveActive(move: MoveDirection): void {
    if (move === 'none') return;
    const { active } = selection();
    const delta = { down: [1, 0], up: [-1, 0], right: [0, 1], left: [0, -1] }[move];
    const row = Math.max(0, Math.min(MAX_ROWS - 1, active.row + (delta[0] ?? 0)));
    const col = Math.max(0, Math.min(MAX_COLS - 1, active.col + (delta[1] ?? 0)));
    setSelection({ active: { row, col }, extent: { row, col } });
  }

  /** Click-to-reference: put `rect`'s address at the caret, replacing a reference just inserted. */
  function insertReference(rect: CellRect): void {
    const current = editing();
    if (!current || !isFormula(`${current.text}x`.slice(0, current.text.length + 1))) return;
    const text = current.text;
    const at = caret ?? text.length;
    const ref = formatRange(rect);
    const previous = referenceEndingAt(text, at);
    let next: string;
    let nextCaret: number;
    if (previous) {
      next = text.slice(0, previous.start) + ref + text.slice(previous.end);
      nextCaret = previous.start + ref.length;
    } else if (acceptsReferenceAt(text, at)) {
      next = text.slice(0, at) + ref + text.slice(at);
      nextCaret = at + ref.length;
    } else return;
    caret = nextCaret;
    setEditing({ ...current, text: next });
  }

  const highlights = createMemo<RefHighlight[]>(() => {
    const current = editing();
    if (!current?.text.startsWith('=')) return [];
    const sheetName = activeSheet().name.toLowerCase();
    return extractReferences(current.text)
      .map((ref, i) => ({ ref, colorIndex: i % 6 }))
      .filter(({ ref }) => !ref.sheet || ref.sheet.toLowerCase() === sheetName)
      .map(({ ref, colorIndex }) => ({
        row: ref.row,
        col: ref.col,
        rowEnd: ref.rowEnd,
        colEnd: ref.colEnd,
        colorIndex,
      }));
  });

  // ---- clearing, clipboard --------------------------------------------------------------------

  /** Limit a rectangle to the used area, so clearing a whole column does not write a million nulls. */
  function clampToUsed(rect: CellRect): CellRect | null {
    const size = used();
    const rowEnd = Math.min(rect.rowEnd, size.rows - 1);
    const colEnd = Math.min(rect.colEnd, size.cols - 1);
    if (rowEnd < rect.row || colEnd < rect.col) return null;
    return { ...rect, rowEnd, colEnd };
  }

  function blockOf(rect: CellRect, fill: (row: number, col: number) => RawCell): RawCell[][] {
    const rows: RawCell[][] = [];
    for (let r = rect.row; r <= rect.rowEnd; r++) {
      const row: RawCell[] = [];
      for (let c = rect.col; c <= rect.colEnd; c++) row.push(fill(r, c));
      rows.push(row);
    }
    return rows;
  }

  function clear(rect: CellRect): void {
    const bounded = clampToUsed(rect);
    if (!bounded) return;
    const block = blockOf(bounded, (r, c) => rawAt(r, c));
    if (block.every((row) => row.every((v) => v === null))) return;
    execute(
      {
        type: 'setCells',
        sheetId: activeSheetId(),
        row: bounded.row,
        col: bounded.col,
        values: blockOf(bounded, () => null),
      },
      'clear',
    );
  }

  /** The text a cell puts on the clipboard: its value as shown, without grouping, so Excel reads it back. */
  function clipboardText(row: number, col: number): string {
    const raw = rawAt(row, col);
    if (!isFormula(raw)) return raw === null ? '' : formatForEdit(raw, locale()).replace(/^'/, '');
    const v = values();
    if (v && v.sheetId === activeSheetId()) {
      const r = row - v.row;
      const c = col - v.col;
      if (r >= 0 && c >= 0 && r < v.rows && c < v.cols) {
        const value = v.values[r * v.cols + c];
        if (typeof value === 'number') return formatForEdit(value, locale());
        if (value && typeof value === 'object') return value.error;
        if (typeof value === 'boolean') return formatForEdit(value, locale());
        return value ?? '';
      }
    }
    return raw;
  }

  function copy(rect: CellRect, cut: boolean): { text: string; html: string } {
    const bounded = clampToUsed(rect) ?? { ...rect, rowEnd: rect.row, colEnd: rect.col };
    const rows: string[][] = [];
    for (let r = bounded.row; r <= bounded.rowEnd; r++) {
      const row: string[] = [];
      for (let c = bounded.col; c <= bounded.colEnd; c++) row.push(clipboardText(r, c));
      rows.push(row);
    }
    const text = toTsv(rows);
    clipboard = { text, sheetId: activeSheetId(), rect: bounded, raws: blockOf(bounded, rawAt), cut };
    return { text, html: toHtmlTable(rows) };
  }

  function paste(at: CellAddress, data: { text: string; html?: string }): void {
    const sheetId = activeSheetId();
    const internal =
      clipboard && normaliseNewlines(clipboard.text) === normaliseNewlines(data.text) ? clipboard : null;
    let block: RawCell[][];
    if (internal) {
      const dRow = at.row - internal.rect.row;
      const dCol = at.col - internal.rect.col;
      block = internal.cut
        ? internal.raws
        : internal.raws.map((row) =>
            row.map((raw) => (isFormula(raw) ? shiftFormula(raw, dRow, dCol) : raw)),
          );
    } else {
      // Checked before parsing: a 10 MB text must not freeze the tab, and could not be saved anyway.
      if (data.text.length > MAX_PASTE_TEXT_LENGTH) {
        options.onRefused?.('paste-too-large');
        return;
      }
      const rows = parseTsv(data.text);
      if (rows.length === 0) return;
      // A loop, not Math.max(...rows): a million-row paste would overflow the call stack.
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      if (rows.length * width > MAX_PASTE_CELLS) {
        options.onRefused?.('paste-too-large');
        return;
      }
      block = rows.map((r) => Array.from({ length: width }, (_, i) => parseInput(r[i] ?? '', locale())));
    }
    const height = block.length;
    const width = block.reduce((w, r) => Math.max(w, r.length), 0);
    if (height === 0 || width === 0) return;
    if (height * width > MAX_PASTE_CELLS) {
      options.onRefused?.('paste-too-large');
      return;
    }
    if (at.row + height > MAX_ROWS || at.col + width > MAX_COLS) {
      options.onRefused?.('paste-beyond-sheet');
      return;
    }
    if (block.some((row) => row.some((v) => typeof v === 'string' && v.length > LIMITS.maxCellTextLength))) {
      options.onRefused?.('cell-too-long');
      return;
    }
    const rowEnd = Math.min(MAX_ROWS - 1, at.row + height - 1);
    const colEnd = Math.min(MAX_COLS - 1, at.col + width - 1);
    const target: Command = { type: 'setCells', sheetId, row: at.row, col: at.col, values: block };
    if (internal?.cut) {
      // Cut and paste moves, as in Excel: clear the source, write the block, and point every formula
      // that referred to the moved cells (inside the block or anywhere in the workbook) at their new place.
      const source = internal.rect;
      const fromSheet = findSheet(doc(), internal.sheetId);
      const toSheet = activeSheet();
      const move: CellMove = {
        fromSheet: fromSheet?.name ?? toSheet.name,
        toSheet: toSheet.name,
        ...source,
        dRow: at.row - source.row,
        dCol: at.col - source.col,
      };
      const moved = block.map((row) =>
        row.map((raw) => (isFormula(raw) ? moveReferences(raw, move.fromSheet, move, move.toSheet) : raw)),
      );
      const clearSource: Command = {
        type: 'setCells',
        sheetId: internal.sheetId,
        row: source.row,
        col: source.col,
        values: blockOf(source, () => null),
      };
      const inside = (r: number, c: number, rect: CellRect) =>
        r >= rect.row && r <= rect.rowEnd && c >= rect.col && c <= rect.colEnd;
      const targetRect: CellRect = { row: at.row, col: at.col, rowEnd, colEnd };
      const redirects: Command[] = [];
      for (const sheet of doc().sheets) {
        sheet.cells.forEach((row, r) => {
          row.forEach((raw, c) => {
            if (!isFormula(raw)) return;
            if (sheet.id === internal.sheetId && inside(r, c, source)) return;
            if (sheet.id === toSheet.id && inside(r, c, targetRect)) return;
            const next = moveReferences(raw, sheet.name, move);
            if (next !== raw)
              redirects.push({ type: 'setCells', sheetId: sheet.id, row: r, col: c, values: [[next]] });
          });
        });
      }
      execute(
        {
          type: 'batch',
          commands: [clearSource, ...redirects, { ...target, values: moved }],
        },
        'cut-paste',
      );
      clipboard = null;
    } else {
      execute(target, 'paste');
    }
    setSelection({ active: at, extent: { row: rowEnd, col: colEnd } });
  }

  function resizeColumn(col: number, width: number): void {
    const rounded = Math.max(24, Math.min(1200, Math.round(width)));
    execute({ type: 'setColumnWidth', sheetId: activeSheetId(), col, width: rounded }, 'resize-column');
  }

  function setCells(row: number, col: number, block: RawCell[][], label = 'edit'): void {
    execute({ type: 'setCells', sheetId: activeSheetId(), row, col, values: block }, label);
  }

  function columnWidth(col: number): number {
    return activeSheet().columnWidths[col] ?? DEFAULT_COLUMN_WIDTH;
  }

  function renameSheetProblem(id: SheetId, name: string): ReturnType<typeof sheetNameProblem> {
    return sheetNameProblem(doc(), name, id);
  }

  // The grid scrolls over the used area plus headroom, and always reaches the selection: a jump with the
  // name box to H100000 on a small sheet must land on a cell the grid can show and point at.
  function rowCount(): number {
    const { active, extent } = selection();
    return Math.min(MAX_ROWS, Math.max(used().rows + HEADROOM_ROWS, 1000, active.row + 1, extent.row + 1));
  }

  function colCount(): number {
    const { active, extent } = selection();
    return Math.min(MAX_COLS, Math.max(used().cols + HEADROOM_COLS, 26, active.col + 1, extent.col + 1));
  }

  function activeAddress(): string {
    return formatAddress(selection().active.row, selection().active.col);
  }

  return {
    doc,
    activeSheetId,
    activeSheet,
    selection,
    editing,
    history,
    highlights,
    values,
    used,
    revision: () => revision,
    rowCount,
    colCount,
    display,
    raw: rawAt,
    columnWidth,
    renameSheetProblem,
    activeAddress,
    engineWorkbook,
    loadEngine,
    onValues,
    onNamed,
    scenario,
    isScenario,
    measureSheets,
    addMeasure,
    removeMeasure,
    execute,
    undo,
    redo,
    select: (s: Selection) => {
      commitEditIfAny();
      setSelection(s);
    },
    setViewport,
    switchSheet,
    addSheet,
    renameSheet,
    removeSheet,
    moveSheet,
    startEdit,
    updateEdit,
    setCaret,
    commitEdit,
    cancelEdit,
    insertReference,
    clear,
    copy,
    paste,
    resizeColumn,
    setCells,
  };
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
}
