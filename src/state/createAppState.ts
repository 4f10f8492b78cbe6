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
import { type UiLocale, translate } from '../i18n/strings';
import { type CatalogEntry, type StorageFailure, type WorkbookStorage, catalogEntryFor } from '../storage/db';
import { type SaveStatus, createSaveQueue } from '../storage/saveQueue';
import { type WorkbookSession, createWorkbookSession } from './createWorkbookSession';
import { loadBaselines, loadTemplates } from './modelCatalog';
import { SCENARIO_NAMES } from '../core/scenario/result';
import { buildScenario } from '../core/scenario/scenario';
import type { Result } from '../core/result';
import type { SheetId } from '../core/document';
import type { CellValue } from '../../workers/contract';

export type Notice =
  | { id: number; kind: 'storage'; failure: StorageFailure }
  | { id: number; kind: 'engine-restarted' }
  | { id: number; kind: 'engine-failed'; message: string }
  | { id: number; kind: 'version-change' }
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
      const result = await storage.save(doc);
      if (result.ok) void refreshCatalog();
      return result;
    },
    onStatus: (status) => {
      setSaveStatus(status);
      if (status.state === 'error' && status.failure) notify({ kind: 'storage', failure: status.failure });
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
    });
    current = s;
    if (!storage) memory.set(doc.id, doc);
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

  /** Write everything pending now: on tab hide and close. */
  function flush(): Promise<unknown> {
    return saveQueue.flush();
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

  function stopWriting(): void {
    writesStopped = true;
    notify({ kind: 'version-change' });
  }

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
    engine,
    dispose() {
      saveQueue.dispose();
      engine.dispose();
      storage?.close();
    },
  };
}

function versionChangeFailure(): StorageFailure {
  return { kind: 'versionchange', message: 'Bana was updated in another tab.' };
}

function describeLoadFailure(locale: UiLocale, reason: StorageFailure | 'not-found' | 'invalid'): string {
  if (reason === 'invalid') return translate(locale, 'openFailedInvalid');
  if (reason === 'not-found') return translate(locale, 'openFailedMissing');
  return reason.message.replace(/\.$/, '');
}
