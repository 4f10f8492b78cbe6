// The composition of one running app: it picks the storage (IndexedDB, or memory when there is none),
// starts the engine client, and wires the notices, the library of workbooks and the open workbook's
// session together. It owns no job of its own beyond that; UI components call what it returns.
import { type Accessor, createSignal } from 'solid-js';
import { formatAddress, quoteSheetName } from '../core/address';
import type { ScenarioDocument, SheetId } from '../core/document';
import { workbookFile } from '../core/fileFormat';
import type { Result } from '../core/result';
import type { CellValue } from '../core/values';
import {
  type EngineClient,
  type EngineEndpoint,
  type EngineStatus,
  type QuarantinedCell,
  createEngineClient,
} from '../engine/engineClient';
import { type WhatIfEndpointFactory, createWhatIfClient } from '../engine/whatIfClient';
import { createWhatIf } from './createWhatIf';
import { type StringKey, type UiLocale, translate } from '../i18n/strings';
import type { StorageFailure, WorkbookStorage } from '../storage/db';
import { createMemoryStorage } from '../storage/memoryStorage';
import { createLibrary } from './createLibrary';
import { createNotices } from './createNotices';
import { readQuarantine, writeQuarantine } from './quarantineStore';
import type { TabSyncOptions } from './createTabSync';
import { type InputProblem, type WorkbookSession, createWorkbookSession } from './createWorkbookSession';
import { loadBaselines, loadTemplates } from './modelCatalog';

export type { Notice } from './createNotices';

export interface AppStateOptions {
  /** The opened storage, or why it could not be opened (the app then runs in memory). */
  storage: Result<WorkbookStorage, StorageFailure>;
  createEndpoint: () => EngineEndpoint;
  /** Makes the what-if worker (Monte Carlo, goal seek, sweeps); default a module Worker, started on first use. */
  createWhatIfEndpoint?: WhatIfEndpointFactory;
  engineTimeoutMs?: number;
  locale: Accessor<UiLocale>;
  /** Workbooks that a first run starts with (the seed scenarios). */
  seeds: () => Promise<unknown[]>;
  /** Triggers a file download in the browser (injected so state stays testable). */
  download: (fileName: string, text: string) => void;
  now?: () => Date;
  saveDelayMs?: number;
  /** `navigator.storage.persist()` where the browser has it: asked once, after the first save. */
  requestPersistence?: () => Promise<boolean>;
  /** The channel to other tabs; default BroadcastChannel('bana') where it exists (tests pass null). */
  openTabChannel?: TabSyncOptions['openChannel'];
}

export type AppState = Awaited<ReturnType<typeof createAppState>>;

/** Build the app's state and open the first workbook. */
export async function createAppState(options: AppStateOptions) {
  const now = options.now ?? (() => new Date());
  const notices = createNotices();
  const [session, setSession] = createSignal<WorkbookSession | null>(null);
  const [engineStatus, setEngineStatus] = createSignal<EngineStatus>({ state: 'starting' });
  if (!options.storage.ok) notices.notify({ kind: 'storage', failure: options.storage.reason });

  const engine: EngineClient = createEngineClient({
    createEndpoint: options.createEndpoint,
    timeoutMs: options.engineTimeoutMs,
    onStatus: (status) => {
      setEngineStatus(status);
      if (status.state === 'failed') notices.notify({ kind: 'engine-failed', message: status.detail ?? '' });
    },
    onRecovered: () => notices.notify({ kind: 'engine-restarted' }),
    onQuarantine: ({ added, all }) => {
      const id = session()?.doc().id;
      if (id) writeQuarantine(id, all);
      if (added.length > 0) notices.notify({ kind: 'message', tone: 'error', text: quarantineText(added) });
    },
  });

  /** Analyses run in a worker of their own, so the grid's engine never waits behind them. */
  const whatIf = createWhatIfClient(options.createWhatIfEndpoint);
  /** "The formula in Blad1!C5 … was set aside": the cells named as a formula would refer to them. */
  function quarantineText(cells: QuarantinedCell[]): string {
    const named = cells.map((c) => `${quoteSheetName(c.sheet)}!${formatAddress(c.row, c.col)}`);
    const shown = named.length > 5 ? [...named.slice(0, 5), '…'] : named;
    const key = cells.length === 1 ? 'formulaSetAside' : 'formulasSetAside';
    return translate(options.locale(), key, { cells: shown.join(', '), count: cells.length });
  }

  const library = createLibrary({
    storage: options.storage.ok ? options.storage.value : createMemoryStorage(),
    persistent: options.storage.ok,
    notices,
    locale: options.locale,
    now,
    seeds: options.seeds,
    saveDelayMs: options.saveDelayMs,
    requestPersistence: options.requestPersistence,
    openTabChannel: options.openTabChannel,
    current: () => session(),
    open,
    savedValues: (doc) => {
      const open = session();
      return open?.doc().id === doc.id ? open.savedValuesFor(doc) : undefined;
    },
  });

  /** Open `doc` in a new session; the same workbook reloaded keeps its sheet and selection. */
  function open(doc: ScenarioDocument, sameWorkbook: boolean): void {
    const previous = session();
    previous?.dispose();
    const next = createWorkbookSession({
      initial: doc,
      engine,
      locale: options.locale,
      now,
      save: library.schedule,
      onValues: library.valuesArrived,
      onRefused: (problem) =>
        notices.notify({
          kind: 'message',
          tone: 'error',
          text:
            typeof problem === 'string'
              ? translate(options.locale(), INPUT_PROBLEM_TEXT[problem])
              : translate(options.locale(), 'notInList', {
                  value: problem.value,
                  options: problem.options.join(', '),
                }),
        }),
    });
    if (sameWorkbook && previous) {
      const sheetId = previous.activeSheetId();
      if (doc.sheets.some((sheet) => sheet.id === sheetId)) next.switchSheet(sheetId);
      next.select(previous.selection());
    }
    setSession(next);
    // Cells that once hung the engine stay set aside until they are changed (quarantineStore.ts).
    const setAside = readQuarantine(doc.id);
    engine.setQuarantine(setAside);
    if (setAside.length > 0 && !sameWorkbook)
      notices.notify({ kind: 'message', tone: 'error', text: quarantineText(setAside) });
    void next.loadEngine();
    // The values stored with this version paint at once; the engine's own answer replaces them.
    if (!sameWorkbook) {
      void library
        .storage()
        .loadDerivedValues(doc.id)
        .then((stored) => {
          if (stored.ok && session() === next) next.showSavedValues(stored.value);
        })
        .catch(() => {
          // A cache: without it the grid waits for the engine, as it always could.
        });
    }
  }

  /**
   * The engine's values of a sheet of the open workbook, `rows` × `cols` from A1, once every edit sent
   * so far is calculated (for exports; never computed here). Fetched in slices: one query is capped.
   */
  async function computedValues(sheetId: SheetId, rows: number, cols: number): Promise<CellValue[][]> {
    await engine.idle();
    const out: CellValue[][] = [];
    if (rows <= 0 || cols <= 0) return out;
    const step = Math.max(1, Math.floor(100_000 / cols));
    for (let row = 0; row < rows; row += step) {
      const slice = await engine.getValues({ sheetId, row, col: 0, rows: Math.min(step, rows - row), cols });
      for (let r = 0; r < slice.rows; r++) out.push(slice.values.slice(r * slice.cols, (r + 1) * slice.cols));
    }
    return out;
  }

  /** Download the open workbook as a `.bana.json` file (the storage banner's way to keep it). */
  function downloadCurrent(): void {
    const doc = session()?.doc();
    if (!doc) return;
    const file = workbookFile(doc);
    options.download(file.fileName, file.text);
  }

  /**
   * Cancel a long calculation: undo the last edit (it goes to the redo stack, so nothing is lost) and
   * rebuild the engine at once from the document without it, instead of waiting for the old result.
   */
  function cancelCalculation(): void {
    const s = session();
    if (!s) return;
    const undone = s.history().undo.length > 0;
    if (undone) s.undo();
    engine.restart('The calculation was cancelled.');
    if (undone) notices.notify({ kind: 'calculation-cancelled' });
  }

  // A fresh profile (never seeded) opens on the start view; read before openFirst seeds it.
  const freshProfile = !(await library
    .storage()
    .getMeta('seeded')
    .catch(() => false));
  await library.openFirst();

  return {
    /** True when this load seeded a fresh profile: the app may open on its start view. */
    freshProfile: () => freshProfile,
    catalog: library.catalog,
    session: session as Accessor<WorkbookSession>,
    saveStatus: library.saveStatus,
    engineStatus,
    notices: notices.list,
    /** False when the app runs in memory: nothing outlives the tab. */
    storageAvailable: library.persistent,
    dismiss: notices.dismiss,
    notify: notices.notify,
    openById: library.openById,
    createBlank: library.createBlank,
    createScenario: library.createScenario,
    addWorkbook: library.addWorkbook,
    readWorkbook: library.readWorkbook,
    computedValues,
    /** The storage every workbook and version is kept in (IndexedDB, or this tab's memory). */
    storage: library.storage,
    loadTemplates,
    loadBaselines,
    duplicate: library.duplicate,
    renameWorkbook: library.renameWorkbook,
    removeWorkbook: library.removeWorkbook,
    downloadCurrent,
    /** The injected file download (exports write their own formats through it). */
    download: options.download,
    retrySave: library.retrySave,
    flush: library.flush,
    stopWriting: library.stopWriting,
    cancelCalculation,
    storageCleared: library.storageCleared,
    keepMine: library.keepMine,
    loadTheirs: library.loadTheirs,
    engine,
    /** What-if analyses of the open scenario (Monte Carlo, goal seek) in a worker of their own. */
    whatIf: createWhatIf(whatIf, () => session() as WorkbookSession),
    dispose() {
      session()?.dispose();
      library.dispose();
      engine.dispose();
      whatIf.dispose();
    },
  };
}

const INPUT_PROBLEM_TEXT = {
  'paste-too-large': 'pasteTooLarge',
  'paste-beyond-sheet': 'pasteBeyondSheet',
  'cell-too-long': 'cellTooLong',
} as const satisfies Record<Extract<InputProblem, string>, StringKey>;
