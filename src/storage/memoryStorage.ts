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
import { type DerivedValuesRecord, derivedValuesFor } from './derivedValues';

/**
 * Workbooks, flags and versions that live as long as the tab. Documents are immutable values, so
 * they are kept as given (no copy); the catalog is ordered as IndexedDB's is, newest first.
 */
export function createMemoryStorage(): WorkbookStorage {
  const workbooks = new Map<ScenarioId, ScenarioDocument>();
  const meta: Partial<MetaValues> = {};
  const snapshots = new Map<SnapshotId, SnapshotRecord>();
  const derived = new Map<ScenarioId, DerivedValuesRecord>();

  /** The document and, when they describe exactly this version, its computed values (else none). */
  function save(doc: ScenarioDocument, values?: DerivedValuesRecord) {
    workbooks.set(doc.id, doc);
    const current = derivedValuesFor(values, doc.id, doc.meta.updatedAt);
    if (current) derived.set(doc.id, current);
    else derived.delete(doc.id);
    return Promise.resolve(ok(undefined));
  }

  /** The stored version of a workbook, if any. */
  const storedVersion = (id: ScenarioId) => workbooks.get(id)?.meta.updatedAt;

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
    saveIfUnchanged: (doc, expectedUpdatedAt, values) => {
      const stored = storedVersion(doc.id);
      if (expectedUpdatedAt !== undefined && stored !== undefined && stored !== expectedUpdatedAt) {
        return Promise.resolve(
          fail({
            kind: 'conflict' as const,
            message: 'Another tab saved this workbook.',
            storedUpdatedAt: stored,
          }),
        );
      }
      return save(doc, values);
    },
    loadDerivedValues: (id) => {
      const version = storedVersion(id);
      return Promise.resolve(
        ok(version === undefined ? undefined : derivedValuesFor(derived.get(id), id, version)),
      );
    },
    saveDerivedValues: (record) => {
      const version = storedVersion(record.workbookId);
      const current =
        version !== undefined && derivedValuesFor(record, record.workbookId, version) !== undefined;
      if (current) derived.set(record.workbookId, record);
      return Promise.resolve(ok(current));
    },
    remove: (id) => {
      workbooks.delete(id);
      derived.delete(id);
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
