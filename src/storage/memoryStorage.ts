// The same WorkbookStorage as db.ts, kept in this tab's memory: chosen at start-up when IndexedDB
// cannot be opened (private mode, blocked by settings), so callers never branch on "no storage".
import type { ScenarioDocument, ScenarioId } from '../core/document';
import { fail, ok } from '../core/result';
import {
  type CatalogEntry,
  type MetaValues,
  type SnapshotId,
  type SnapshotRecord,
  type WorkbookStorage,
  catalogEntryFor,
} from './db';

/**
 * Workbooks, flags and versions that live as long as the tab. Documents are immutable values, so
 * they are kept as given (no copy); the catalog is ordered as IndexedDB's is, newest first.
 */
export function createMemoryStorage(): WorkbookStorage {
  const workbooks = new Map<ScenarioId, ScenarioDocument>();
  const meta: Partial<MetaValues> = {};
  const snapshots = new Map<SnapshotId, SnapshotRecord>();

  function save(doc: ScenarioDocument) {
    workbooks.set(doc.id, doc);
    return Promise.resolve(ok(undefined));
  }

  return {
    list: () =>
      Promise.resolve(
        [...workbooks.values()]
          .map((doc): CatalogEntry => catalogEntryFor(doc))
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.name.localeCompare(b.name)),
      ),
    load: (id) => {
      const doc = workbooks.get(id);
      return Promise.resolve(doc ? ok(doc) : fail('not-found' as const));
    },
    save,
    saveIfUnchanged: (doc, expectedUpdatedAt) => {
      const stored = workbooks.get(doc.id)?.meta.updatedAt;
      if (expectedUpdatedAt !== undefined && stored !== undefined && stored !== expectedUpdatedAt) {
        return Promise.resolve(
          fail({
            kind: 'conflict' as const,
            message: 'Another tab saved this workbook.',
            storedUpdatedAt: stored,
          }),
        );
      }
      return save(doc);
    },
    remove: (id) => {
      workbooks.delete(id);
      return Promise.resolve(ok(undefined));
    },
    getMeta: (key) => Promise.resolve(meta[key]),
    setMeta: (key, value) => {
      meta[key] = value;
      return Promise.resolve(ok(undefined));
    },
    saveSnapshot: (snapshot) => {
      snapshots.set(snapshot.id, snapshot);
      return Promise.resolve(ok(undefined));
    },
    listSnapshots: (workbookId) =>
      Promise.resolve(
        ok(
          [...snapshots.values()]
            .filter((s) => s.workbookId === workbookId)
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? -1 : 1)),
        ),
      ),
    deleteSnapshot: (id) => {
      snapshots.delete(id);
      return Promise.resolve(ok(undefined));
    },
    close: () => {},
  };
}
