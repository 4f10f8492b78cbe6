// The composition of one running app: storage, the workbook catalog, the open workbook's session,
// the engine client, save status and user-facing notices. UI components only call what this returns.
import { type Accessor, batch, createSignal } from 'solid-js';
import {
  type ScenarioDocument,
  type ScenarioId,
  createDocument,
  newScenarioId,
  newSheetId,
} from '../core/document';
import { migrateDocument } from '../core/migrations';
import {
  type EngineClient,
  type EngineEndpoint,
  type EngineStatus,
  createEngineClient,
} from '../engine/engineClient';
import { type StringKey, type UiLocale, translate } from '../i18n/strings';
import {
  type CatalogEntry,
  type StorageFailure,
  type WorkbookStorage,
  catalogEntryFor,
  isSaveConflict,
} from '../storage/db';
import { type SaveStatus, createSaveQueue } from '../storage/saveQueue';
import { type TabSyncOptions, createTabSync } from './createTabSync';
import { type InputProblem, type WorkbookSession, createWorkbookSession } from './createWorkbookSession';
import { loadBaselines, loadTemplates } from './modelCatalog';
import { SCENARIO_NAMES } from '../core/scenario/result';
import { buildScenario } from '../core/scenario/scenario';
import type { Result } from '../core/result';
import type { SheetId } from '../core/document';
import type { CellValue } from '../core/values';

export type Notice =
  | { id: number; kind: 'storage'; failure: StorageFailure }
  | { id: number; kind: 'engine-restarted' }
  /** A long calculation was cancelled: its edit was undone and waits on the redo stack. */
  | { id: number; kind: 'calculation-cancelled' }
  | { id: number; kind: 'engine-failed'; message: string }
  | { id: number; kind: 'version-change' }
  /** Another tab saved the open workbook while this one has unsaved edits: keep mine or load theirs. */
  | { id: number; kind: 'tab-conflict'; workbookId: ScenarioId; theirs: string }
  /** The open workbook was replaced by the version another tab saved (this tab had nothing unsaved). */
  | { id: number; kind: 'tab-updated' }
  /** The browser deleted Bana's database; the open workbook is only in this tab until the next save. */
  | { id: number; kind: 'storage-cleared' }
  | { id: number; kind: 'message'; text: string; tone: 'info' | 'error' };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type NoticeInput = DistributiveOmit<Notice, 'id'>;

export interface AppStateOptions {
  /** The opened storage, or why it could not be opened (the app then runs in memory). */
  storage: Result<WorkbookStorage, StorageFailure>;
  createEndpoint: () => EngineEndpoint;
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
  const storage = options.storage.ok ? options.storage.value : null;
  const [catalog, setCatalog] = createSignal<CatalogEntry[]>([]);
  const [session, setSession] = createSignal<WorkbookSession | null>(null);
  const [saveStatus, setSaveStatus] = createSignal<SaveStatus>({ state: 'saved' });
  const [engineStatus, setEngineStatus] = createSignal<EngineStatus>({ state: 'starting' });
  const [notices, setNotices] = createSignal<Notice[]>([]);
  let noticeId = 0;
  let writesStopped = false;
  /**
   * Per workbook, the stored version (`meta.updatedAt`) this tab last loaded or saved. A save only
   * writes over that version: anything else was saved by another tab and needs the planner's choice.
   */
  const known = new Map<ScenarioId, string>();
  /** Workbooks whose pending edits are being thrown away ("Load the other version"). */
  const discarding = new Set<ScenarioId>();
  /** The newest of this tab's documents that a save refused, by workbook (for "Keep my version"). */
  const refused = new Map<ScenarioId, ScenarioDocument>();
  let persistenceAsked = false;
  let storageWasCleared = false;
  /** Set for the flush on `pagehide`: the page may be gone before a read could come back. */
  let closing = false;
  /**
   * Without IndexedDB the tab's workbooks live only here, so opening or creating another one never
   * drops the one the planner was working on (it stays in the list until the tab closes).
   */
  const memory = new Map<ScenarioId, ScenarioDocument>();

  function notify(notice: NoticeInput): void {
    noticeId++;
    const full = { ...notice, id: noticeId } as Notice;
    // One banner per kind: a new storage failure replaces the old one.
    setNotices((list) => [...list.filter((n) => n.kind !== full.kind), full]);
  }

  function dismiss(id: number): void {
    setNotices((list) => list.filter((n) => n.id !== id));
  }

  if (!options.storage.ok) notify({ kind: 'storage', failure: options.storage.reason });

  const saveQueue = createSaveQueue({
    delayMs: options.saveDelayMs ?? 400,
    save: async (doc) => {
      if (!storage || writesStopped) {
        return { ok: false, reason: options.storage.ok ? versionChangeFailure() : options.storage.reason };
      }
      if (discarding.has(doc.id)) return { ok: true, value: undefined };
      if (closing) return saveWhileClosing(storage, doc);
      const result = await storage.saveIfUnchanged(doc, known.get(doc.id));
      if (result.ok) {
        known.set(doc.id, doc.meta.updatedAt);
        refused.delete(doc.id);
        tabSync.announce(doc.id, doc.meta.updatedAt);
        afterSave(doc);
        void refreshCatalog().catch(() => {});
      } else if (isSaveConflict(result.reason)) {
        refused.set(doc.id, doc);
        raiseConflict(doc.id, result.reason.storedUpdatedAt);
      }
      return result;
    },
    onStatus: (status) => {
      setSaveStatus(status);
      // A conflict has its own banner with the choice; "Not saved" in the header is still true.
      // Stopped writes (a newer Bana) have their own banner with Reload.
      const ownBanner = status.state === 'error' && (status.failure.kind === 'conflict' || writesStopped);
      if (status.state === 'error' && !ownBanner) notify({ kind: 'storage', failure: status.failure });
      if (status.state === 'saved')
        setNotices((list) => list.filter((n) => n.kind !== 'storage' || !storage));
    },
  });

  let current: WorkbookSession | null = null;
  const engine: EngineClient = createEngineClient({
    createEndpoint: options.createEndpoint,
    timeoutMs: options.engineTimeoutMs,
    source: () => ({
      workbook: current ? current.engineWorkbook() : { sheets: [], names: [] },
      revision: current ? current.revision() : 0,
    }),
    onValues: (values) => current?.onValues(values),
    onNamed: (named) => current?.onNamed(named),
    onStatus: (status) => {
      setEngineStatus(status);
      if (status.state === 'failed') notify({ kind: 'engine-failed', message: status.detail ?? '' });
    },
    onRecovered: () => notify({ kind: 'engine-restarted' }),
  });

  async function refreshCatalog(): Promise<void> {
    if (!storage) {
      setCatalog(
        [...memory.values()]
          .map(catalogEntryFor)
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.name.localeCompare(b.name)),
      );
      return;
    }
    setCatalog(await storage.list());
  }

  function open(doc: ScenarioDocument): WorkbookSession {
    const s = createWorkbookSession({
      initial: doc,
      engine,
      locale: options.locale,
      onChange: (changed) => {
        const stamped = { ...changed, meta: { ...changed.meta, updatedAt: now().toISOString() } };
        saveQueue.schedule(stamped);
        if (!storage) {
          memory.set(stamped.id, stamped);
          void refreshCatalog();
        }
      },
      onRefused: (problem) =>
        notify({
          kind: 'message',
          tone: 'error',
          text: translate(options.locale(), INPUT_PROBLEM_TEXT[problem]),
        }),
    });
    current = s;
    if (!storage) memory.set(doc.id, doc);
    if (!known.has(doc.id)) known.set(doc.id, doc.meta.updatedAt);
    setSession(s);
    // The viewport still names the previous workbook's sheet; the engine would fail to read it from
    // the new one (and restart). The new grid sets its own viewport as soon as it renders.
    engine.setViewport(null);
    engine.watchNames(s.isScenario() ? SCENARIO_NAMES : []);
    void s.loadEngine();
    void storage?.setMeta('lastOpened', doc.id);
    return s;
  }

  async function openById(id: ScenarioId): Promise<boolean> {
    if (current?.doc().id === id) return true;
    await saveQueue.flush();
    if (!storage) {
      const kept = memory.get(id);
      if (kept) open(kept);
      else notifyOpenFailed(id, 'not-found');
      return kept !== undefined;
    }
    const loaded = await storage.load(id);
    if (!loaded.ok) {
      notifyOpenFailed(id, loaded.reason);
      return false;
    }
    known.set(id, loaded.value.meta.updatedAt);
    open(loaded.value);
    return true;
  }

  function notifyOpenFailed(id: ScenarioId, reason: StorageFailure | 'not-found' | 'invalid'): void {
    const locale = options.locale();
    const name = catalog().find((e) => e.id === id)?.name ?? translate(locale, 'untitledWorkbook');
    notify({
      kind: 'message',
      tone: 'error',
      text: translate(locale, 'openFailed', { name, reason: describeLoadFailure(locale, reason) }),
    });
  }

  /** Save now (not debounced); used for new workbooks so they appear in the list at once. */
  async function saveNow(doc: ScenarioDocument): Promise<void> {
    if (!storage) memory.set(doc.id, doc);
    saveQueue.schedule(doc);
    await saveQueue.flush();
  }

  /**
   * Add a whole workbook made elsewhere (an imported file, a link, an xlsx, a snapshot branch): it is
   * saved under its own id and opened. Callers give it a fresh id unless they mean to replace.
   */
  async function addWorkbook(doc: ScenarioDocument): Promise<void> {
    await saveQueue.flush();
    // Added on purpose (a replacing import included): written whatever version is stored.
    known.delete(doc.id);
    await saveNow(doc);
    open(doc);
    await refreshCatalog();
  }

  /** A stored workbook by id (the open one as it is in memory), or null. */
  async function readWorkbook(id: ScenarioId): Promise<ScenarioDocument | null> {
    if (current?.doc().id === id) return current.doc();
    if (!storage) return memory.get(id) ?? null;
    const loaded = await storage.load(id);
    return loaded.ok ? loaded.value : null;
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

  async function createBlank(): Promise<void> {
    const locale = options.locale();
    const doc = createDocument(
      translate(locale, 'untitledWorkbook'),
      locale === 'sv' ? 'Blad1' : 'Sheet1',
      now(),
    );
    await saveNow(doc);
    open(doc);
    await refreshCatalog();
  }

  async function duplicate(id: ScenarioId): Promise<void> {
    await saveQueue.flush();
    const source = await readWorkbook(id);
    if (!source) return;
    const stamp = now().toISOString();
    const copy: ScenarioDocument = {
      ...structuredClone(source),
      id: newScenarioId(),
      meta: {
        ...source.meta,
        name: translate(options.locale(), 'copyOf', { name: source.meta.name }),
        createdAt: stamp,
        updatedAt: stamp,
      },
    };
    copy.sheets = copy.sheets.map((s) => ({ ...s, id: newSheetId() }));
    await saveNow(copy);
    open(copy);
    await refreshCatalog();
  }

  async function renameWorkbook(id: ScenarioId, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    if (current?.doc().id === id) {
      current.execute({ type: 'renameWorkbook', name: trimmed }, 'rename-workbook');
      await saveQueue.flush();
    } else {
      const doc = await readWorkbook(id);
      if (!doc) return;
      await saveNow({ ...doc, meta: { ...doc.meta, name: trimmed, updatedAt: now().toISOString() } });
    }
    await refreshCatalog();
  }

  async function removeWorkbook(id: ScenarioId): Promise<void> {
    await saveQueue.flush();
    if (storage) await storage.remove(id);
    else memory.delete(id);
    await refreshCatalog();
    if (current?.doc().id === id) {
      const next = catalog()[0];
      if (next) await openById(next.id);
      else await createBlank();
    }
  }

  function downloadCurrent(): void {
    const doc = current?.doc();
    if (!doc) return;
    const fileName = `${doc.meta.name.replace(/[\\/:*?"<>|]+/g, '_') || 'workbook'}.bana.json`;
    options.download(fileName, JSON.stringify(doc, null, 1));
  }

  async function retrySave(): Promise<void> {
    const doc = current?.doc();
    if (doc) saveQueue.schedule(doc);
    await saveQueue.flush();
  }

  /**
   * Write everything pending now: on tab hide and close. `closing` (on `pagehide`) writes each
   * workbook in one immediately committed transaction, without the read that checks for other tabs'
   * saves: Chromium drops a transaction that is still waiting for a read when the page goes.
   */
  function flush(opts: { closing?: boolean } = {}): Promise<unknown> {
    if (opts.closing) {
      closing = true;
      // Reset once the page runs tasks again (it came back from the back/forward cache).
      setTimeout(() => {
        closing = false;
      }, 0);
    }
    return saveQueue.flush();
  }

  /**
   * The save while the page goes away. A conflict this tab already knows of is never written over:
   * this tab's version is stored as a copy next to the other tab's, so neither is lost.
   */
  async function saveWhileClosing(
    storage: WorkbookStorage,
    doc: ScenarioDocument,
  ): Promise<Result<void, StorageFailure>> {
    const conflicted =
      refused.has(doc.id) || notices().some((n) => n.kind === 'tab-conflict' && n.workbookId === doc.id);
    if (!conflicted) return storage.save(doc);
    const name = translate(options.locale(), 'conflictCopyName', { name: doc.meta.name });
    return storage.save({ ...doc, id: newScenarioId(), meta: { ...doc.meta, name } });
  }

  /** A new scenario from a region baseline and chosen measure templates (file stems). */
  async function createScenario(name: string, baselineStem: string, templateStems: string[]): Promise<void> {
    const [baselines, templates] = await Promise.all([loadBaselines(), loadTemplates()]);
    const baseline = baselines.find((b) => b.stem === baselineStem)?.doc;
    if (!baseline) return;
    const measures = templateStems.flatMap((stem) => templates.find((t) => t.stem === stem)?.doc ?? []);
    const doc = buildScenario({ name: name.trim() || baseline.meta.name, baseline, measures, now: now() });
    await saveNow(doc);
    if (!storage) memory.set(doc.id, doc);
    open(doc);
    await refreshCatalog();
  }

  /**
   * Cancel a long calculation: undo the last edit (it goes to the redo stack, so nothing is lost) and
   * rebuild the engine at once from the document without it, instead of waiting for the old result.
   */
  function cancelCalculation(): void {
    const s = current;
    if (!s) return;
    const undone = s.history().undo.length > 0;
    if (undone) s.undo();
    engine.restart('The calculation was cancelled.');
    if (undone) notify({ kind: 'calculation-cancelled' });
  }

  function stopWriting(): void {
    writesStopped = true;
    notify({ kind: 'version-change' });
  }

  // ---- other tabs, cleared storage, persistence ---------------------------------------------------

  function hasUnsavedChanges(id: ScenarioId): boolean {
    if (saveQueue.pending() || refused.has(id)) return true;
    return current?.doc().id === id && current.editing() !== null;
  }

  /** Open `doc` in place of the open session of the same workbook, on the same sheet and cells. */
  function replaceSession(doc: ScenarioDocument): void {
    const previous = current;
    const s = open(doc);
    if (!previous || previous.doc().id !== doc.id) return;
    const sheetId = previous.activeSheetId();
    if (doc.sheets.some((sheet) => sheet.id === sheetId)) s.switchSheet(sheetId);
    s.select(previous.selection());
  }

  function raiseConflict(id: ScenarioId, theirs: string): void {
    const showing = notices().some(
      (n) => n.kind === 'tab-conflict' && n.workbookId === id && n.theirs === theirs,
    );
    if (!showing) notify({ kind: 'tab-conflict', workbookId: id, theirs });
  }

  function clearConflict(id: ScenarioId): void {
    setNotices((list) => list.filter((n) => n.kind !== 'tab-conflict' || n.workbookId !== id));
  }

  /** Another tab saved the open workbook and this tab has nothing unsaved: show the stored version. */
  async function reloadFromStorage(id: ScenarioId): Promise<void> {
    if (!storage || writesStopped) return;
    const loaded = await storage.load(id);
    if (!loaded.ok || current?.doc().id !== id) return;
    // An edit may have started while the stored version was read.
    if (hasUnsavedChanges(id)) return raiseConflict(id, loaded.value.meta.updatedAt);
    known.set(id, loaded.value.meta.updatedAt);
    replaceSession(loaded.value);
    notify({ kind: 'tab-updated' });
  }

  /** "Keep my version": write this tab's workbook over the one another tab saved. */
  async function keepMine(id: ScenarioId): Promise<void> {
    const notice = notices().find((n) => n.kind === 'tab-conflict' && n.workbookId === id);
    const mine = current?.doc().id === id ? current.doc() : refused.get(id);
    if (notice?.kind !== 'tab-conflict' || !mine) return;
    clearConflict(id);
    // Overwrite exactly the version the planner was told about; a newer one asks again.
    known.set(id, notice.theirs);
    refused.delete(id);
    saveQueue.schedule({ ...mine, meta: { ...mine.meta, updatedAt: now().toISOString() } });
    await saveQueue.flush();
  }

  /** "Load the other version": drop this tab's unsaved edits of the workbook and open the stored one. */
  async function loadTheirs(id: ScenarioId): Promise<void> {
    if (!storage) return;
    const loaded = await storage.load(id);
    if (!loaded.ok) {
      notifyOpenFailed(id, loaded.reason);
      return;
    }
    discarding.add(id);
    try {
      await saveQueue.flush();
    } finally {
      discarding.delete(id);
    }
    refused.delete(id);
    known.set(id, loaded.value.meta.updatedAt);
    clearConflict(id);
    if (current?.doc().id === id) replaceSession(loaded.value);
    void refreshCatalog().catch(() => {});
  }

  /** The browser dropped the database connection (site data cleared): say so; the next save recreates it. */
  function storageCleared(): void {
    if (!storage || writesStopped) return;
    storageWasCleared = true;
    notify({ kind: 'storage-cleared' });
  }

  function afterSave(doc: ScenarioDocument): void {
    if (!storage) return;
    if (storageWasCleared) {
      storageWasCleared = false;
      // The recreated database is empty: a reload must open this workbook, not seed examples over it.
      void storage.setMeta('seeded', true);
      void storage.setMeta('lastOpened', doc.id);
    }
    const request = options.requestPersistence;
    if (persistenceAsked || !request) return;
    persistenceAsked = true;
    void (async () => {
      try {
        // Asked once per browser profile: the answer is kept, so a refusal never becomes a prompt loop.
        if ((await storage.getMeta('persisted')) !== undefined) return;
        await storage.setMeta('persisted', await request());
      } catch {
        // Not fatal: storage stays best-effort, as before.
      }
    })();
  }

  const tabSync = createTabSync({
    openChannel: options.openTabChannel,
    host: {
      currentId: () => current?.doc().id ?? null,
      knownVersion: (id) => known.get(id),
      hasUnsavedChanges,
      reload: (id) => void reloadFromStorage(id),
      conflict: (id, theirs) => {
        if (!writesStopped) raiseConflict(id, theirs);
      },
      otherSaved: () => {
        if (!writesStopped) void refreshCatalog().catch(() => {});
      },
    },
  });

  // ---- first open -----------------------------------------------------------------------------
  let first: ScenarioDocument | null = null;
  if (storage) {
    const seeded = await storage.getMeta('seeded');
    if (!seeded) {
      // The first seed (the climate fund workbook) is what a first run opens.
      let firstSeed: ScenarioDocument | null = null;
      const seeds = await options.seeds();
      for (const [i, raw] of seeds.entries()) {
        const migrated = migrateDocument(raw);
        if (!migrated.ok) continue;
        // Stamped a second apart in the seeds' order, so the list (newest first) shows them in it.
        const stamp = new Date(now().getTime() - i * 1000).toISOString();
        const seed = { ...migrated.value, meta: { ...migrated.value.meta, updatedAt: stamp } };
        await storage.save(seed);
        firstSeed ??= seed;
      }
      if (firstSeed) await storage.setMeta('lastOpened', firstSeed.id);
      await storage.setMeta('seeded', true);
    }
    const entries = await storage.list();
    setCatalog(entries);
    const lastOpened = await storage.getMeta('lastOpened');
    const preferred = entries.find((e) => e.id === lastOpened) ?? entries[0];
    // A damaged record must not cost the planner the others: say why it failed, open the next one.
    const candidates = preferred ? [preferred, ...entries.filter((e) => e !== preferred)] : [];
    let reported = false;
    for (const candidate of candidates) {
      const loaded = await storage.load(candidate.id);
      if (loaded.ok) {
        first = loaded.value;
        known.set(first.id, first.meta.updatedAt);
        break;
      }
      if (!reported) notifyOpenFailed(candidate.id, loaded.reason);
      reported = true;
    }
  } else {
    for (const raw of await options.seeds()) {
      const migrated = migrateDocument(raw);
      if (!migrated.ok) continue;
      memory.set(migrated.value.id, migrated.value);
      first ??= migrated.value;
    }
  }
  if (!first) {
    first = createDocument(translate(options.locale(), 'untitledWorkbook'), 'Sheet1', now());
    if (storage) await storage.save(first);
  }
  batch(() => open(first as ScenarioDocument));
  await refreshCatalog();

  return {
    catalog,
    session: session as Accessor<WorkbookSession>,
    saveStatus,
    engineStatus,
    notices,
    storageAvailable: () => storage !== null,
    dismiss,
    openById,
    createBlank,
    createScenario,
    addWorkbook,
    readWorkbook,
    computedValues,
    /** The opened storage, or null when the app runs in memory (for modules that keep their own records). */
    storage: () => storage,
    notify,
    loadTemplates,
    loadBaselines,
    duplicate,
    renameWorkbook,
    removeWorkbook,
    downloadCurrent,
    /** The injected file download (exports write their own formats through it). */
    download: options.download,
    retrySave,
    flush,
    stopWriting,
    cancelCalculation,
    storageCleared,
    keepMine,
    loadTheirs,
    engine,
    dispose() {
      tabSync.dispose();
      saveQueue.dispose();
      engine.dispose();
      storage?.close();
    },
  };
}

const INPUT_PROBLEM_TEXT = {
  'paste-too-large': 'pasteTooLarge',
  'paste-beyond-sheet': 'pasteBeyondSheet',
  'cell-too-long': 'cellTooLong',
} as const satisfies Record<InputProblem, StringKey>;

function versionChangeFailure(): StorageFailure {
  return { kind: 'versionchange', message: 'Bana was updated in another tab.' };
}

function describeLoadFailure(locale: UiLocale, reason: StorageFailure | 'not-found' | 'invalid'): string {
  if (reason === 'invalid') return translate(locale, 'openFailedInvalid');
  if (reason === 'not-found') return translate(locale, 'openFailedMissing');
  return reason.message.replace(/\.$/, '');
}
