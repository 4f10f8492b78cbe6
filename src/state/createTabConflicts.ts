// When another tab saved a workbook this tab has open: follow it when nothing here is unsaved, or ask
// which version to keep (keep mine / load theirs); a save that found another tab's version is kept
// aside here for "Keep my version". The library owns the saves; this module owns the choice.
import type { ScenarioDocument, ScenarioId } from '../core/document';
import type { Result } from '../core/result';
import type { StorageFailure, WorkbookStorage } from '../storage/db';
import type { Notices } from './createNotices';
import { type TabSyncOptions, createTabSync } from './createTabSync';

/** What the conflict handling needs of the library around it. */
export interface TabConflictHost {
  storage: WorkbookStorage;
  notices: Notices;
  now: () => Date;
  openTabChannel?: TabSyncOptions['openChannel'];
  /** The open workbook's document and whether a cell is being typed in, or null before the first open. */
  current(): { doc(): ScenarioDocument; editing(): unknown } | null;
  /** Per workbook, the stored version this tab last loaded or saved (shared with the library's saves). */
  known: Map<ScenarioId, string>;
  saveQueue: {
    schedule(doc: ScenarioDocument): void;
    flush(): Promise<Result<void, StorageFailure>>;
    pending(): boolean;
  };
  /** True once a newer Bana stopped this tab's writes. */
  writesStopped(): boolean;
  /** Show `doc` as the open workbook, keeping the view when it is the same workbook. */
  show(doc: ScenarioDocument, sameWorkbook: boolean): void;
  notifyOpenFailed(id: ScenarioId, reason: StorageFailure | 'not-found' | 'invalid'): void;
  refreshCatalog(): Promise<void>;
}

export type TabConflicts = ReturnType<typeof createTabConflicts>;

/** Start listening to other tabs' saves; the returned object is what the library's saves consult. */
export function createTabConflicts(host: TabConflictHost) {
  const { storage, notices, known, saveQueue } = host;
  /** Workbooks whose pending edits are being thrown away ("Load the other version"). */
  const discarding = new Set<ScenarioId>();
  /** The newest of this tab's documents that a save refused, by workbook (for "Keep my version"). */
  const refused = new Map<ScenarioId, ScenarioDocument>();
  const openId = () => host.current()?.doc().id ?? null;

  function hasUnsavedChanges(id: ScenarioId): boolean {
    if (saveQueue.pending() || refused.has(id)) return true;
    const open = host.current();
    return open?.doc().id === id && open.editing() !== null;
  }

  function raiseConflict(id: ScenarioId, theirs: string): void {
    const showing = notices
      .list()
      .some((n) => n.kind === 'tab-conflict' && n.workbookId === id && n.theirs === theirs);
    if (!showing) notices.notify({ kind: 'tab-conflict', workbookId: id, theirs });
  }

  function clearConflict(id: ScenarioId): void {
    notices.clear((n) => n.kind === 'tab-conflict' && n.workbookId === id);
  }

  /** Another tab saved the open workbook and this tab has nothing unsaved: show the stored version. */
  async function reloadFromStorage(id: ScenarioId): Promise<void> {
    if (host.writesStopped()) return;
    const loaded = await storage.load(id);
    if (!loaded.ok || openId() !== id) return;
    // An edit may have started while the stored version was read.
    if (hasUnsavedChanges(id)) return raiseConflict(id, loaded.value.meta.updatedAt);
    known.set(id, loaded.value.meta.updatedAt);
    host.show(loaded.value, true);
    notices.notify({ kind: 'tab-updated' });
  }

  /** "Keep my version": write this tab's workbook over the one another tab saved. */
  async function keepMine(id: ScenarioId): Promise<void> {
    const notice = notices.list().find((n) => n.kind === 'tab-conflict' && n.workbookId === id);
    const open = host.current();
    const mine = open?.doc().id === id ? open.doc() : refused.get(id);
    if (notice?.kind !== 'tab-conflict' || !mine) return;
    clearConflict(id);
    // Overwrite exactly the version the planner was told about; a newer one asks again.
    known.set(id, notice.theirs);
    refused.delete(id);
    saveQueue.schedule({ ...mine, meta: { ...mine.meta, updatedAt: host.now().toISOString() } });
    await saveQueue.flush();
  }

  /** "Load the other version": drop this tab's unsaved edits of the workbook and open the stored one. */
  async function loadTheirs(id: ScenarioId): Promise<void> {
    const loaded = await storage.load(id);
    if (!loaded.ok) {
      host.notifyOpenFailed(id, loaded.reason);
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
    if (openId() === id) host.show(loaded.value, true);
    void host.refreshCatalog().catch(() => {});
  }

  const tabSync = createTabSync({
    openChannel: host.openTabChannel,
    host: {
      currentId: openId,
      knownVersion: (id) => known.get(id),
      hasUnsavedChanges,
      reload: (id) => void reloadFromStorage(id),
      conflict: (id, theirs) => {
        if (!host.writesStopped()) raiseConflict(id, theirs);
      },
      otherSaved: () => {
        if (!host.writesStopped()) void host.refreshCatalog().catch(() => {});
      },
    },
  });

  return {
    /** True while "Load the other version" throws this workbook's pending edits away. */
    discarding: (id: ScenarioId) => discarding.has(id),
    /** True when a save of this workbook met another tab's version and the planner has not chosen yet. */
    conflicted: (id: ScenarioId) =>
      refused.has(id) || notices.list().some((n) => n.kind === 'tab-conflict' && n.workbookId === id),
    /** A save of `doc` was written: forget any refused copy and tell the other tabs. */
    saved(doc: ScenarioDocument): void {
      refused.delete(doc.id);
      tabSync.announce(doc.id, doc.meta.updatedAt);
    },
    /** A save of `doc` found `theirs` stored by another tab: keep `doc` aside and ask the planner. */
    refusedSave(doc: ScenarioDocument, theirs: string): void {
      refused.set(doc.id, doc);
      raiseConflict(doc.id, theirs);
    },
    hasUnsavedChanges,
    keepMine,
    loadTheirs,
    dispose: () => tabSync.dispose(),
  };
}
