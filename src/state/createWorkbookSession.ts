// One open workbook: the document signal, selection, in-progress edit, undo history and the
// values of the visible cells. Every change goes through execute(): document → engine → history → save.
import { type Accessor, batch, createMemo, createRoot, createSignal } from 'solid-js';
import { type CellAddress, formatAddress } from '../core/address';
import { type Command, applyCommand, nextSheetName, sheetNameProblem } from '../core/commands';
import {
  type RawCell,
  type ScenarioDocument,
  type Sheet,
  type SheetId,
  createSheet,
  findSheet,
} from '../core/document';
import {
  type ClipboardBlock,
  type InputProblem,
  isOwnClipboard,
  planClear,
  planCopy,
  planFormat,
  planPaste,
} from '../core/edits';
import { type NumberFormat, formatAt } from '../core/numberFormat';
import { cellChoices, cellRangeWarning, sheetRules } from '../core/validation';
import { rangeWarningText } from '../i18n/sentences';
import { type History, emptyHistory, record, takeRedo, takeUndo } from '../core/history';
import { parseInput } from '../core/input';
import type { EngineClient } from '../engine/engineClient';
import type { UiLocale } from '../i18n/strings';
import type { CellRect, GridActions, GridModel, Selection } from '../core/grid';
import type { EngineOp, EngineWorkbook } from '../../workers/contract';
import type { DerivedValuesRecord } from '../storage/derivedValues';
import { createCellEditor } from './createCellEditor';
import { createLevers } from './createLevers';
import { createSavedValues } from './createSavedValues';
import { createScenarioView } from './createScenarioView';
import { createSheetView } from './createSheetView';
import { SCENARIO_NAMES } from '../core/scenario/result';
import { addMeasureCommand, removeMeasureCommand } from '../core/scenario/scenario';

export type { InputProblem };

interface UndoContext {
  sheetId: SheetId;
  selection: Selection;
}

export interface WorkbookSessionOptions {
  initial: ScenarioDocument;
  /** The engine this workbook attaches to (and detaches from on dispose). */
  engine: EngineClient;
  locale: Accessor<UiLocale>;
  /** The clock that stamps `meta.updatedAt` on every change. */
  now: () => Date;
  /** Called with the new document after every change (the library saves it). */
  save: (doc: ScenarioDocument) => void;
  /** Called after each answer of the engine (the library stores values a save went out without). */
  onValues?: (doc: ScenarioDocument) => void;
  /** Called when typed or pasted input is refused (too large for a cell, a sheet or one paste). */
  onRefused?: (problem: InputProblem) => void;
}

/** The window asked for before the grid has measured itself: the first rows and columns of a sheet. */
const INITIAL_VIEWPORT = { row: 0, col: 0, rows: 40, cols: 12 };

export type WorkbookSession = ReturnType<typeof buildSession>;

/**
 * Open a workbook. The session owns its reactive root (its memos live as long as it is open, not as
 * long as whoever opened it): `dispose()` frees them and detaches it from the engine.
 */
export function createWorkbookSession(options: WorkbookSessionOptions): WorkbookSession {
  return createRoot((disposeRoot) => {
    const session = buildSession(options);
    return {
      ...session,
      dispose() {
        session.dispose();
        disposeRoot();
      },
    };
  });
}

function buildSession(options: WorkbookSessionOptions) {
  const { engine, locale } = options;
  const [doc, setDoc] = createSignal<ScenarioDocument>(options.initial);
  const [activeSheetId, setActiveSheetId] = createSignal<SheetId>((options.initial.sheets[0] as Sheet).id);
  const origin: CellAddress = { row: 0, col: 0 };
  const [selection, setSelection] = createSignal<Selection>({ active: origin, extent: origin });
  const [history, setHistory] = createSignal<History<UndoContext>>(emptyHistory());
  let revision = 0;
  let clipboard: ClipboardBlock | null = null;

  const activeSheet = createMemo(() => findSheet(doc(), activeSheetId()) ?? (doc().sheets[0] as Sheet));
  const view = createSheetView({ engine, sheet: activeSheet, selection, locale });
  const editor = createCellEditor({
    selection,
    setSelection,
    sheet: activeSheet,
    raw: view.raw,
    locale,
    write: (row, col, raw) =>
      execute({ type: 'setCells', sheetId: activeSheetId(), row, col, values: [[raw]] }, 'edit'),
    choices: (row, col) => choices(row, col),
    refuse: (problem) => options.onRefused?.(problem),
  });
  const { editing, highlights, commitEditIfAny } = editor;

  function engineWorkbook(d: ScenarioDocument = doc()): EngineWorkbook {
    return { sheets: d.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })), names: d.names };
  }

  const scenarioView = createScenarioView(doc);
  const { scenario, isScenario, measureSheets } = scenarioView;
  const saved = createSavedValues({ view: view.values, named: scenarioView.answered });
  // Sliders over the scenario's ranged parameters; a dragged value is previewed in the engine without
  // touching the document, and any edit (execute) ends the preview.
  const levers = createLevers({
    engine,
    doc,
    opened: options.initial,
    answered: scenarioView.answered,
    revision: () => revision,
    nextRevision: () => ++revision,
    sent: saved.sent,
    execute: (command, label) => execute(command, label),
  });
  // The engine serves this workbook from now on: its values come here, and a restarted engine is
  // rebuilt from this document.
  const detach = engine.attach({
    source: () => ({ workbook: engineWorkbook(), revision }),
    values: (v) => {
      saved.confirmed();
      view.receive(v);
      options.onValues?.(doc());
    },
    named: (n, at) => {
      saved.confirmed();
      scenarioView.receive(n, at);
      options.onValues?.(doc());
    },
  });
  // The viewport still names the previous workbook's sheet; the engine would fail to read it from
  // this one (and restart). Until the grid reports its own, ask for the active sheet's top left:
  // the load's answer then carries the values a grid opening there shows at once, and they are
  // stored with the workbook even when no grid is shown (the start view covers it).
  view.setViewport(INITIAL_VIEWPORT);

  /** Open: build the engine from the document. */
  function loadEngine(): Promise<void> {
    revision++;
    saved.sent(revision, doc().meta.updatedAt);
    engine.watchNames(isScenario() ? SCENARIO_NAMES : []);
    return engine.load(engineWorkbook(), revision);
  }

  /**
   * Paint the values stored with this version of the document (the last viewed region, on its sheet,
   * and the charts' ranges) until the engine answers; nothing if the record is of another version.
   */
  function showSavedValues(record: DerivedValuesRecord | undefined): void {
    const usable = saved.usable(record, doc());
    if (!usable) return;
    const sheetId = usable.view?.sheetId;
    if (sheetId && findSheet(doc(), sheetId)) switchSheet(sheetId);
    batch(() => {
      if (usable.view) view.receive(usable.view);
      scenarioView.paint(usable.named);
    });
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

  /** Apply a command: the single path for every change of the document. */
  function execute(command: Command, label: string, recordHistory = true): boolean {
    const before = doc();
    const context: UndoContext = { sheetId: activeSheetId(), selection: selection() };
    const result = applyCommand(before, command);
    // The document in memory holds the time of its last change: it is what the library saves.
    const next = { ...result.doc, meta: { ...result.doc.meta, updatedAt: options.now().toISOString() } };
    revision++;
    saved.sent(revision, next.meta.updatedAt);
    // The engine first: the worker recalculates while this thread updates the grid, so the value
    // can arrive in the same frame as the closed editor. A lever's preview ends with any edit: the
    // engine gets the new document's value of the previewed cell in the same batch.
    syncEngine(result.changes, next, levers.takePreview(next));
    batch(() => {
      setDoc(next);
      if (recordHistory) setHistory((h) => record(h, { label, command, inverse: result.inverse, context }));
      if (!findSheet(next, activeSheetId())) setActiveSheetId((next.sheets[0] as Sheet).id);
    });
    options.save(next);
    return true;
  }

  function syncEngine(
    changes: ReturnType<typeof applyCommand>['changes'],
    next: ScenarioDocument,
    revert: EngineOp | null,
  ): void {
    if (changes.some((c) => c.kind === 'structure')) {
      void engine.load(engineWorkbook(next), revision);
      return;
    }
    const ops: EngineOp[] = changes.flatMap((c) =>
      c.kind === 'cells'
        ? [{ kind: 'setCells' as const, sheetId: c.sheetId, row: c.row, col: c.col, values: c.values }]
        : [],
    );
    if (revert) ops.unshift(revert);
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
    editor.cancelEdit();
    const taken = takeUndo(history());
    if (!taken) return;
    execute(taken.entry.inverse, taken.entry.label, false);
    setHistory(taken.history);
    restore(taken.entry.context);
  }

  function redo(): void {
    editor.cancelEdit();
    const taken = takeRedo(history());
    if (!taken) return;
    execute(taken.entry.command, taken.entry.label, false);
    setHistory(taken.history);
    restore(taken.entry.context);
  }

  // ---- sheets ---------------------------------------------------------------------------------

  function switchSheet(id: SheetId): void {
    if (id === activeSheetId()) return;
    commitEditIfAny();
    batch(() => {
      setActiveSheetId(id);
      view.reset();
      setSelection({ active: origin, extent: origin });
    });
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

  /** The active sheet's parameter blocks: which cells are choices, which have sourced ranges. */
  const rules = createMemo(() => sheetRules(activeSheet()));
  function choices(row: number, col: number): readonly string[] | null {
    return cellChoices(rules(), row, col);
  }
  function invalid(row: number, col: number): string | null {
    const found = cellRangeWarning(rules(), row, col, view.raw(row, col));
    return found ? rangeWarningText(found.parameter, found.warning, locale()) : null;
  }

  // ---- clearing, clipboard --------------------------------------------------------------------

  function clear(rect: CellRect): void {
    const plan = planClear(doc(), activeSheetId(), rect);
    if (plan) execute(plan.command, plan.label);
  }

  function copy(rect: CellRect, cut: boolean): { text: string; html: string } {
    const copied = planCopy(doc(), activeSheetId(), rect, cut, view.clipboardText);
    clipboard = copied.block;
    return { text: copied.text, html: copied.html };
  }

  function paste(at: CellAddress, data: { text: string; html?: string }): void {
    const own = isOwnClipboard(clipboard, data.text) ? clipboard : null;
    const plan = planPaste(doc(), activeSheetId(), at, data.text, own, (text) => parseInput(text, locale()));
    if (!plan) return;
    if (!plan.ok) {
      options.onRefused?.(plan.problem);
      return;
    }
    execute(plan.value.command, plan.value.label);
    // A cut pastes once: the cells are no longer where the clipboard says.
    if (own?.cut) clipboard = null;
    const { written } = plan.value;
    setSelection({ active: at, extent: { row: written.rowEnd, col: written.colEnd } });
  }

  function resizeColumn(col: number, width: number): void {
    const rounded = Math.max(24, Math.min(1200, Math.round(width)));
    execute({ type: 'setColumnWidth', sheetId: activeSheetId(), col, width: rounded }, 'resize-column');
  }

  /** Give the cells of `rect` the format `change` makes of each one's, as one undoable step. */
  function formatCells(rect: CellRect, change: (current: NumberFormat) => NumberFormat): void {
    commitEditIfAny();
    const plan = planFormat(doc(), activeSheetId(), rect, change);
    if (plan) execute(plan.command, plan.label);
  }

  /** The number format of a cell of the active sheet (General when it has none). */
  function formatOf(row: number, col: number): NumberFormat {
    return formatAt(activeSheet().formats, row, col);
  }

  function setCells(row: number, col: number, block: RawCell[][], label = 'edit'): void {
    execute({ type: 'setCells', sheetId: activeSheetId(), row, col, values: block }, label);
  }

  function renameSheetProblem(id: SheetId, name: string): ReturnType<typeof sheetNameProblem> {
    return sheetNameProblem(doc(), name, id);
  }

  function activeAddress(): string {
    return formatAddress(selection().active.row, selection().active.col);
  }

  /** What the grid reads and calls: the session is the grid's model and its actions, with no adapter. */
  const grid = {
    sheetId: activeSheetId,
    sheetName: () => activeSheet().name,
    rowCount: view.rowCount,
    colCount: view.colCount,
    columnWidth: view.columnWidth,
    display: view.display,
    raw: view.raw,
    selection,
    editing,
    highlights,
    usedRange: view.usedRange,
    choices,
    invalid,
    select: (s: Selection) => {
      commitEditIfAny();
      setSelection(s);
    },
    setViewport: view.setViewport,
    startEdit: editor.startEdit,
    updateEdit: editor.updateEdit,
    commitEdit: editor.commitEdit,
    cancelEdit: editor.cancelEdit,
    insertReference: editor.insertReference,
    clear,
    copy,
    paste,
    resizeColumn,
    undo,
    redo,
  } satisfies GridModel & GridActions;

  return {
    ...grid,
    doc,
    activeSheetId,
    activeSheet,
    history,
    values: view.values,
    used: view.used,
    revision: () => revision,
    renameSheetProblem,
    activeAddress,
    engineWorkbook,
    loadEngine,
    scenario,
    isScenario,
    measureSheets,
    addMeasure,
    removeMeasure,
    execute,
    /** The scenario's levers: sliders, their preview in the results, resets (createLevers). */
    levers,
    switchSheet,
    addSheet,
    renameSheet,
    removeSheet,
    moveSheet,
    setCaret: editor.setCaret,
    setCells,
    formatCells,
    formatOf,
    /** True while stored values are shown that the engine has not confirmed yet. */
    showingSavedValues: saved.showing,
    showSavedValues,
    /** The last computed values to store with `doc` (only if the engine computed exactly this version). */
    savedValuesFor: saved.recordFor,
    /** Stop receiving the engine's values and stop steering its viewport (another workbook is opened). */
    dispose() {
      view.detach();
      detach();
    },
  };
}
