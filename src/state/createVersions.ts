// Named versions of the open workbook: save one, list them, restore one (a single undoable command)
// or branch a new workbook from one. Kept in the app's storage (IndexedDB, or this tab's memory).
import { type Accessor, createSignal } from 'solid-js';
import { type ScenarioDocument, type ScenarioId, newId, newScenarioId, newSheetId } from '../core/document';
import { fail, ok, type Result } from '../core/result';
import type { SnapshotId, SnapshotRecord, StorageFailure } from '../storage/db';
import type { AppState } from './createAppState';

export type { SnapshotId, SnapshotRecord };

/** What versions need of the app. */
export type VersionsHost = Pick<AppState, 'session' | 'storage' | 'addWorkbook'>;

export interface VersionsOptions {
  now?: () => Date;
}

export type VersionFailure = StorageFailure | 'empty-name' | 'not-found';

export interface Versions {
  /** The open workbook's versions, newest first, as of the last `refresh()` or change. */
  list: Accessor<SnapshotRecord[]>;
  /** Read the open workbook's versions again (on opening the panel, after switching workbooks). */
  refresh(): Promise<Result<SnapshotRecord[], StorageFailure>>;
  /** Save the open workbook as it is now under `name`. */
  takeSnapshot(name: string): Promise<Result<SnapshotRecord, VersionFailure>>;
  /**
   * Put a version's sheets, names and workbook name back into the open workbook, as one command the
   * planner can undo. Only versions of the open workbook can be restored.
   */
  restore(id: SnapshotId): Result<void, VersionFailure>;
  /** A new workbook, named "<name> – <version name>", from a version; it is saved and opened. */
  branch(id: SnapshotId): Promise<Result<ScenarioId, VersionFailure>>;
  remove(id: SnapshotId): Promise<Result<void, VersionFailure>>;
}

/** Create the versions state for an app. */
export function createVersions(app: VersionsHost, options: VersionsOptions = {}): Versions {
  const now = options.now ?? (() => new Date());
  const [list, setList] = createSignal<SnapshotRecord[]>([]);

  const openDoc = () => app.session().doc();

  async function refresh(): Promise<Result<SnapshotRecord[], StorageFailure>> {
    const workbookId = openDoc().id;
    const loaded = await app.storage().listSnapshots(workbookId);
    // Another workbook may have been opened while this one's versions were read.
    if (loaded.ok && openDoc().id === workbookId) setList(loaded.value);
    return loaded;
  }

  async function takeSnapshot(name: string): Promise<Result<SnapshotRecord, VersionFailure>> {
    const trimmed = name.trim();
    if (trimmed === '') return fail('empty-name');
    const doc = openDoc();
    const record: SnapshotRecord = {
      id: newId('snap') as SnapshotId,
      workbookId: doc.id,
      name: trimmed,
      createdAt: now().toISOString(),
      doc,
    };
    const saved = await app.storage().saveSnapshot(record);
    if (!saved.ok) return saved;
    await refresh();
    return ok(record);
  }

  function find(id: SnapshotId): SnapshotRecord | undefined {
    return list().find((s) => s.id === id && s.workbookId === openDoc().id);
  }

  function restore(id: SnapshotId): Result<void, VersionFailure> {
    const snapshot = find(id);
    if (!snapshot) return fail('not-found');
    app.session().execute(
      {
        type: 'replaceContent',
        name: snapshot.doc.meta.name,
        sheets: snapshot.doc.sheets,
        names: snapshot.doc.names,
      },
      'restore-version',
    );
    return ok(undefined);
  }

  async function branch(id: SnapshotId): Promise<Result<ScenarioId, VersionFailure>> {
    const snapshot = find(id);
    if (!snapshot) return fail('not-found');
    const stamp = now().toISOString();
    const source = structuredClone(snapshot.doc);
    const copy: ScenarioDocument = {
      ...source,
      id: newScenarioId(),
      meta: {
        ...source.meta,
        name: `${source.meta.name} – ${snapshot.name}`,
        createdAt: stamp,
        updatedAt: stamp,
      },
      // Fresh sheet ids, as a duplicate gets: no two workbooks share one.
      sheets: source.sheets.map((s) => ({ ...s, id: newSheetId() })),
    };
    await app.addWorkbook(copy);
    await refresh();
    return ok(copy.id);
  }

  async function remove(id: SnapshotId): Promise<Result<void, VersionFailure>> {
    const removed = await app.storage().deleteSnapshot(id);
    if (!removed.ok) return removed;
    await refresh();
    return ok(undefined);
  }

  return { list, refresh, takeSnapshot, restore, branch, remove };
}
