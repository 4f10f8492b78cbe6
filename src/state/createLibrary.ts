// The planner's workbooks: the catalog, first-run seeding and the first open, creating, copying,
// renaming and removing workbooks, and saving them — each edit at once (per frame), never over another
// tab's newer save (createTabConflicts asks), at once when the page goes away. Talks only to a WorkbookStorage.
import { type Accessor, createSignal } from 'solid-js';
import type { Command } from '../core/commands';
import {
  type ScenarioDocument,
  type ScenarioId,
  createDocument,
  newScenarioId,
  newSheetId,
} from '../core/document';
import type { Result } from '../core/result';
import { buildScenario } from '../core/scenario/scenario';
import { type UiLocale, translate } from '../i18n/strings';
import { type CatalogEntry, type StorageFailure, type WorkbookStorage, isSaveConflict } from '../storage/db';
import type { DerivedValuesRecord } from '../storage/derivedValues';
import { type SaveStatus, createSaveQueue } from '../storage/saveQueue';
import type { Notices } from './createNotices';
import { afterNextFrame, cancelAfterNextFrame } from './afterNextFrame';
import { createTabConflicts } from './createTabConflicts';
import type { TabSyncOptions } from './createTabSync';
import { loadBaselines, loadTemplates } from './modelCatalog';
import { askPersistenceOnce } from './askPersistence';
import { seedFirstRun } from './seedFirstRun';

/** What the library needs of the open workbook. */
export interface OpenWorkbook {
  doc(): ScenarioDocument;
  /** Non-null while the planner is typing in a cell (that edit is not in the document yet). */
  editing(): unknown;
  execute(command: Command, label: string): unknown;
}

export interface LibraryOptions {
  storage: WorkbookStorage;
  /** False when `storage` is the in-memory stand-in: nothing outlives the tab. */
  persistent: boolean;
  notices: Notices;
  locale: Accessor<UiLocale>;
  now: () => Date;
  /** Workbooks that a first run starts with (the seed scenarios). */
  seeds: () => Promise<unknown[]>;
  saveDelayMs?: number;
  /** `navigator.storage.persist()` where the browser has it: asked once, after the first save. */
  requestPersistence?: () => Promise<boolean>;
  openTabChannel?: TabSyncOptions['openChannel'];
  /** The open workbook, or null before the first open. */
  current(): OpenWorkbook | null;
  /**
   * Show `doc` as the open workbook. `sameWorkbook`: it replaces the open one's stored version (another
   * tab saved it), so the view (sheet, selection) is kept.
   */
  open(doc: ScenarioDocument, sameWorkbook: boolean): void;
  /** The last computed values to store with `doc`, when the engine computed exactly that version. */
  savedValues?(doc: ScenarioDocument): DerivedValuesRecord | undefined;
}

export type Library = ReturnType<typeof createLibrary>;

export function createLibrary(options: LibraryOptions) {
  const { storage, notices, now, locale } = options;
  const [catalog, setCatalog] = createSignal<CatalogEntry[]>([]);
  const [saveStatus, setSaveStatus] = createSignal<SaveStatus>({ state: 'saved' });
  let writesStopped = false;
  /**
   * Per workbook, the stored version (`meta.updatedAt`) this tab last loaded or saved. A save only
   * writes over that version: anything else was saved by another tab and needs the planner's choice.
   */
  const known = new Map<ScenarioId, string>();
  /** Workbooks saved before the engine had computed their version: their values follow when it has. */
  const valuesMissing = new Set<ScenarioId>();
  let persistenceAsked = false;
  let storageWasCleared = false;
  /** Set for the flush on `pagehide`: the page may be gone before a read could come back. */
  let closing = false;
  const openId = () => options.current()?.doc().id ?? null;

  // Each edit is written at once, coalesced per frame: after the frame that shows it is painted, so
  // the write (a row chunk, about 2 ms) never delays a keystroke. A delay is for tests and debugging.
  const perFrame = options.saveDelayMs === undefined;
  const saveQueue = createSaveQueue({
    delayMs: options.saveDelayMs ?? 0,
    ...(perFrame ? { setTimer: afterNextFrame, clearTimer: cancelAfterNextFrame } : {}),
    save: async (doc) => {
      if (writesStopped) return { ok: false, reason: versionChangeFailure() };
      if (conflicts.discarding(doc.id)) return { ok: true, value: undefined };
      if (closing) return saveWhileClosing(doc);
      const values = options.savedValues?.(doc);
      const result = await storage.saveIfUnchanged(doc, known.get(doc.id), values);
      if (result.ok) {
        if (values) valuesMissing.delete(doc.id);
        else valuesMissing.add(doc.id);
        known.set(doc.id, doc.meta.updatedAt);
        conflicts.saved(doc);
        afterSave(doc);
        void refreshCatalog().catch(() => {});
      } else if (isSaveConflict(result.reason)) {
        conflicts.refusedSave(doc, result.reason.storedUpdatedAt);
      }
      return result;
    },
    onStatus: (status) => {
      setSaveStatus(status);
      // A conflict has its own banner with the choice; "Not saved" in the header is still true.
      // Stopped writes (a newer Bana) have their own banner with Reload.
      const ownBanner = status.state === 'error' && (status.failure.kind === 'conflict' || writesStopped);
      if (status.state === 'error' && !ownBanner)
        notices.notify({ kind: 'storage', failure: status.failure });
      // In memory, the warning that nothing is kept stays: a save there is not a save.
      if (status.state === 'saved' && options.persistent) notices.clear((n) => n.kind === 'storage');
    },
  });

  const conflicts = createTabConflicts({
    storage,
    notices,
    now,
    openTabChannel: options.openTabChannel,
    current: options.current,
    known,
    saveQueue,
    writesStopped: () => writesStopped,
    show,
    notifyOpenFailed,
    refreshCatalog,
  });

  async function refreshCatalog(): Promise<void> {
    setCatalog(await storage.list());
  }

  /**
   * The engine answered for the open workbook. If its stored version went out before the engine had
   * computed it, store the values now (storage checks in the same transaction that it is still that
   * version), so a reopen can paint them.
   */
  function valuesArrived(doc: ScenarioDocument): void {
    if (!valuesMissing.has(doc.id) || known.get(doc.id) !== doc.meta.updatedAt) return;
    const values = options.savedValues?.(doc);
    if (!values) return;
    valuesMissing.delete(doc.id);
    void storage.saveDerivedValues(values).catch(() => {});
  }

  /** Save the open workbook's newest document (debounced). The session calls this after every change. */
  function schedule(doc: ScenarioDocument): void {
    saveQueue.schedule(doc);
  }

  function show(doc: ScenarioDocument, sameWorkbook = false): void {
    if (!known.has(doc.id)) known.set(doc.id, doc.meta.updatedAt);
    // A workbook opened and read but never edited is never saved: store its first computed values
    // anyway (valuesArrived), so the next visit paints them before the engine is ready.
    valuesMissing.add(doc.id);
    options.open(doc, sameWorkbook);
    void storage.setMeta('lastOpened', doc.id);
  }

  async function openById(id: ScenarioId): Promise<boolean> {
    if (openId() === id) return true;
    await saveQueue.flush();
    const loaded = await storage.load(id);
    if (!loaded.ok) {
      notifyOpenFailed(id, loaded.reason);
      return false;
    }
    known.set(id, loaded.value.meta.updatedAt);
    show(loaded.value);
    return true;
  }

  function notifyOpenFailed(id: ScenarioId, reason: StorageFailure | 'not-found' | 'invalid'): void {
    const name = catalog().find((e) => e.id === id)?.name ?? translate(locale(), 'untitledWorkbook');
    notices.notify({
      kind: 'message',
      tone: 'error',
      text: translate(locale(), 'openFailed', { name, reason: describeLoadFailure(locale(), reason) }),
    });
  }

  /** Write a new workbook now (not debounced) so that it is in the list at once, then open it. */
  async function addAndOpen(doc: ScenarioDocument): Promise<void> {
    await saveQueue.flush();
    // Added on purpose (a replacing import included): written whatever version is stored.
    known.delete(doc.id);
    saveQueue.schedule(doc);
    await saveQueue.flush();
    show(doc);
    await refreshCatalog();
  }

  /** A stored workbook by id (the open one as it is in memory), or null. */
  async function readWorkbook(id: ScenarioId): Promise<ScenarioDocument | null> {
    const open = options.current();
    if (open?.doc().id === id) return open.doc();
    const loaded = await storage.load(id);
    return loaded.ok ? loaded.value : null;
  }

  function blankDocument(): ScenarioDocument {
    const sv = locale() === 'sv';
    return createDocument(translate(locale(), 'untitledWorkbook'), sv ? 'Blad1' : 'Sheet1', now());
  }

  function createBlank(): Promise<void> {
    return addAndOpen(blankDocument());
  }

  async function duplicate(id: ScenarioId): Promise<void> {
    await saveQueue.flush();
    const source = await readWorkbook(id);
    if (!source) return;
    const stamp = now().toISOString();
    const copy = structuredClone(source);
    await addAndOpen({
      ...copy,
      id: newScenarioId(),
      meta: {
        ...source.meta,
        name: translate(locale(), 'copyOf', { name: source.meta.name }),
        createdAt: stamp,
        updatedAt: stamp,
      },
      sheets: copy.sheets.map((s) => ({ ...s, id: newSheetId() })),
    });
  }

  async function renameWorkbook(id: ScenarioId, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    const open = options.current();
    if (open?.doc().id === id) {
      open.execute({ type: 'renameWorkbook', name: trimmed }, 'rename-workbook');
    } else {
      const doc = await readWorkbook(id);
      if (!doc) return;
      saveQueue.schedule({ ...doc, meta: { ...doc.meta, name: trimmed, updatedAt: now().toISOString() } });
    }
    await saveQueue.flush();
    await refreshCatalog();
  }

  async function removeWorkbook(id: ScenarioId): Promise<void> {
    await saveQueue.flush();
    await storage.remove(id);
    await refreshCatalog();
    if (openId() === id) {
      const next = catalog()[0];
      if (next) await openById(next.id);
      else await createBlank();
    }
  }

  /** A new scenario from a region baseline and chosen measure templates (file stems). */
  async function createScenario(name: string, baselineStem: string, templateStems: string[]): Promise<void> {
    const [baselines, templates] = await Promise.all([loadBaselines(), loadTemplates()]);
    const baseline = baselines.find((b) => b.stem === baselineStem)?.doc;
    if (!baseline) return;
    const measures = templateStems.flatMap((stem) => templates.find((t) => t.stem === stem)?.doc ?? []);
    await addAndOpen(
      buildScenario({ name: name.trim() || baseline.meta.name, baseline, measures, now: now() }),
    );
  }

  /** Save the open workbook again after a failure ("Retry"). */
  async function retrySave(): Promise<void> {
    const doc = options.current()?.doc();
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
  function saveWhileClosing(doc: ScenarioDocument): Promise<Result<void, StorageFailure>> {
    if (!conflicts.conflicted(doc.id)) return storage.save(doc, options.savedValues?.(doc));
    const name = translate(locale(), 'conflictCopyName', { name: doc.meta.name });
    return storage.save({ ...doc, id: newScenarioId(), meta: { ...doc.meta, name } });
  }

  /** A newer Bana opened the database in another tab: this one stops writing and says so. */
  function stopWriting(): void {
    writesStopped = true;
    notices.notify({ kind: 'version-change' });
  }

  // ---- cleared storage, persistence ------------------------------------------------------------

  /** The browser dropped the database connection (site data cleared): say so; the next save recreates it. */
  function storageCleared(): void {
    if (!options.persistent || writesStopped) return;
    storageWasCleared = true;
    notices.notify({ kind: 'storage-cleared' });
  }

  function afterSave(doc: ScenarioDocument): void {
    if (!options.persistent) return;
    if (storageWasCleared) {
      storageWasCleared = false;
      // The recreated database is empty: a reload must open this workbook, not seed examples over it.
      void storage.setMeta('seeded', true);
      void storage.setMeta('lastOpened', doc.id);
    }
    const request = options.requestPersistence;
    if (persistenceAsked || !request) return;
    persistenceAsked = true;
    void askPersistenceOnce(storage, request);
  }

  // ---- first open -----------------------------------------------------------------------------

  /** Seed a first run, then open the last opened workbook (or the next one that loads, or a new one). */
  async function openFirst(): Promise<void> {
    await seedFirstRun(storage, options.seeds, now);
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
        known.set(loaded.value.id, loaded.value.meta.updatedAt);
        show(loaded.value);
        return;
      }
      if (!reported) notifyOpenFailed(candidate.id, loaded.reason);
      reported = true;
    }
    const blank = blankDocument();
    await storage.save(blank);
    show(blank);
    await refreshCatalog();
  }

  return {
    catalog,
    saveStatus,
    storage: () => storage,
    persistent: () => options.persistent,
    openFirst,
    schedule,
    valuesArrived,
    flush,
    retrySave,
    openById,
    createBlank,
    createScenario,
    /**
     * Add a whole workbook made elsewhere (an imported file, a link, an xlsx, a version branch): it is
     * saved under its own id and opened. Callers give it a fresh id unless they mean to replace.
     */
    addWorkbook: addAndOpen,
    readWorkbook,
    duplicate,
    renameWorkbook,
    removeWorkbook,
    stopWriting,
    storageCleared,
    keepMine: conflicts.keepMine,
    loadTheirs: conflicts.loadTheirs,
    dispose() {
      conflicts.dispose();
      saveQueue.dispose();
      storage.close();
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
