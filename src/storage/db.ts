// The only module that touches IndexedDB: one typed schema, one upgrade function, one transaction
// helper. Failures come back as StorageFailure values; stored workbooks are re-validated on the way out.
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb';
import { SCHEMA_VERSION, type ScenarioDocument, type ScenarioId } from '../core/document';
import { migrateDocument } from '../core/migrations';
import { fail, ok, type Result } from '../core/result';
import { type DerivedValuesRecord, derivedValuesFor, readDerivedValuesRecord } from './derivedValues';
import {
  type RowChunk,
  type SavePlan,
  type StoredLayout,
  assemble,
  countCells,
  layoutOf,
  planSave,
} from './rowChunks';

/** Database name. Never change it: users' workbooks live under this name. */
export const DB_NAME = 'bana';
/**
 * Database version. Bump it (with a new step in `upgrade`) when stores or indexes change, and also
 * when SCHEMA_VERSION changes, so that tabs still running the older app get `versionchange` and
 * stop writing instead of overwriting newer documents with old ones.
 */
export const DB_VERSION = 5;

/** Store names. They must never change without a step in `upgrade`. */
export const WORKBOOKS_STORE = 'workbooks';
export const CATALOG_STORE = 'catalog';
export const META_STORE = 'meta';
/** Named versions of workbooks (since version 2). */
export const SNAPSHOTS_STORE = 'snapshots';
/** Index of SNAPSHOTS_STORE on `workbookId`: a workbook's versions without reading the others. */
export const SNAPSHOTS_BY_WORKBOOK = 'workbookId';
/**
 * Workbooks' rows in chunks, keyed by [workbookId, sheetId, index] (since version 3): the record in
 * WORKBOOKS_STORE is then a head without cells (see rowChunks.ts), and a save writes changed chunks only.
 */
export const ROW_CHUNKS_STORE = 'rowChunks';
/**
 * The last computed values of each workbook (since version 4; see derivedValues.ts), keyed by
 * `workbookId`: a cache painted before the engine answers, written with saves, never the truth.
 */
export const DERIVED_VALUES_STORE = 'derivedValues';
/** Chunks put per task while writing a large workbook, so no task holds the main thread for long. */
const CHUNKS_PER_TASK = 24;

export type SnapshotId = string & { readonly __brand: 'SnapshotId' };

/** A named version of a workbook: the whole document as it was when the planner saved the version. */
export interface SnapshotRecord {
  id: SnapshotId;
  workbookId: ScenarioId;
  name: string;
  /** ISO 8601. */
  createdAt: string;
  doc: ScenarioDocument;
}

/** What the workbook list shows, without loading whole workbooks. Written with every save. */
export interface CatalogEntry {
  id: ScenarioId;
  name: string;
  /** The document's meta.updatedAt (ISO 8601). */
  updatedAt: string;
  sheetCount: number;
  /** Non-empty cells over all sheets. */
  cellCount: number;
}

/** Small app-wide flags kept in the `meta` store. Add a key here before using it. */
export interface MetaValues {
  /** The example workbooks have been written once; do not seed again after the user deletes them. */
  seeded: boolean;
  /** The workbook to reopen on the next visit. */
  lastOpened: ScenarioId;
  /** The answer to `navigator.storage.persist()`, asked once after the first save; never asked again. */
  persisted: boolean;
}

interface BanaDB extends DBSchema {
  /** A chunked head (version 3) or, written by versions 1–2, a whole document. */
  [WORKBOOKS_STORE]: { key: string; value: unknown };
  [ROW_CHUNKS_STORE]: { key: [string, string, number]; value: RowChunk };
  [CATALOG_STORE]: { key: string; value: CatalogEntry };
  /** Read back through readDerivedValuesRecord: stored data is checked, never trusted. */
  [DERIVED_VALUES_STORE]: { key: string; value: unknown };
  [META_STORE]: { key: keyof MetaValues; value: MetaValues[keyof MetaValues] };
  [SNAPSHOTS_STORE]: {
    key: string;
    value: SnapshotRecord;
    indexes: { [SNAPSHOTS_BY_WORKBOOK]: string };
  };
}

/**
 * Why storage did not work:
 * - `quota`: the disk or the origin's quota is full; nothing was written.
 * - `unavailable`: no IndexedDB (private mode, blocked by settings) or the connection is gone.
 * - `blocked`: an older tab keeps the database open and prevents an upgrade.
 * - `versionchange`: another tab runs a newer Bana; this tab must stop writing and reload.
 * - `conflict`: `saveIfUnchanged` found a version saved by another tab; nothing was written (a SaveConflict).
 * - `unknown`: anything else; `message` has the browser's words.
 */
export interface StorageFailure {
  kind: 'quota' | 'unavailable' | 'blocked' | 'versionchange' | 'conflict' | 'unknown';
  message: string;
}

/** `saveIfUnchanged` refused: the stored workbook is not the version the caller expected. */
export interface SaveConflict extends StorageFailure {
  kind: 'conflict';
  /** The stored version's `meta.updatedAt`: pass it as `expectedUpdatedAt` to overwrite it on purpose. */
  storedUpdatedAt: string;
}

export function isSaveConflict(failure: StorageFailure): failure is SaveConflict {
  return failure.kind === 'conflict';
}

/** Thrown only by the plain reads (`list`, `getMeta`), which have no Result in their signature. */
export class StorageError extends Error {
  constructor(readonly failure: StorageFailure) {
    super(failure.message);
    this.name = 'StorageError';
  }
}

/** The app's persistent workbooks. Writes and loads never throw; they return a Result. */
export interface WorkbookStorage {
  /**
   * The workbook list, newest `updatedAt` first. Malformed catalog entries are skipped.
   * @throws StorageError when the connection is closed or the read fails.
   */
  list(): Promise<CatalogEntry[]>;
  /**
   * Load one workbook, migrated to the current schema and validated. A malformed or hostile record
   * gives `'invalid'` and stays stored untouched, so a newer app or a support session can still read it.
   */
  load(id: ScenarioId): Promise<Result<ScenarioDocument, StorageFailure | 'not-found' | 'invalid'>>;
  /**
   * Write the whole workbook and its catalog entry in one transaction: all or nothing, issued and
   * committed at once without a read first (so it also works from `pagehide`). The document is stored
   * as given (structured clone, in row chunks): pass plain data, and bump `meta.updatedAt` before
   * saving if the list order should change.
   * @param derived The values computed from exactly this document version (see `saveIfUnchanged`).
   */
  save(doc: ScenarioDocument, derived?: DerivedValuesRecord): Promise<Result<void, StorageFailure>>;
  /**
   * `save`, but only if the stored version is still the one this tab last loaded or saved: the check
   * (the catalog entry's `updatedAt`) and the writes are one readwrite transaction, so another tab
   * cannot write in between. A missing record is written (new, deleted or cleared storage). Only the
   * row chunks that changed since this connection last wrote or read the workbook are written.
   * @param expectedUpdatedAt The `meta.updatedAt` this tab last loaded or saved; `undefined` writes
   *   unconditionally (a workbook this tab created or replaces on purpose).
   * @param derived The last computed values (`captureDerivedValues`), written in the same transaction
   *   when they belong to this version (same workbook, `updatedAt` equal to `doc.meta.updatedAt`).
   *   Otherwise, or when omitted, the stored ones are deleted: they describe an older version.
   * @returns ok, or a SaveConflict (nothing written), or why storage failed.
   * @example
   * const saved = await storage.saveIfUnchanged(doc, loadedAt);
   * if (!saved.ok && isSaveConflict(saved.reason)) askKeepOrLoad(saved.reason.storedUpdatedAt);
   */
  saveIfUnchanged(
    doc: ScenarioDocument,
    expectedUpdatedAt: string | undefined,
    derived?: DerivedValuesRecord,
  ): Promise<Result<void, StorageFailure>>;
  /**
   * The last computed values stored for a workbook, only if they belong to the version stored now
   * (their `updatedAt` is the catalog entry's): otherwise, or when none are stored or the record is
   * malformed, `undefined`. Reads two small records, not the workbook, so a reopen can paint the values
   * while the workbook itself is still loading.
   * @example
   * const cached = await storage.loadDerivedValues(id);
   * if (cached.ok && cached.value) session.paintLastSaved(cached.value); // the lead's wiring
   */
  loadDerivedValues(id: ScenarioId): Promise<Result<DerivedValuesRecord | undefined, StorageFailure>>;
  /**
   * Store values that arrived after their document was saved (the engine answered after the save).
   * Written only if the stored version is still the one they came from, checked in the same
   * transaction.
   * @returns ok(true) when written, ok(false) when the stored version is another one (nothing written).
   */
  saveDerivedValues(record: DerivedValuesRecord): Promise<Result<boolean, StorageFailure>>;
  /** Delete the workbook and its catalog entry in one transaction. Removing a missing id is ok. */
  remove(id: ScenarioId): Promise<Result<void, StorageFailure>>;
  /**
   * Read an app flag; `undefined` when never set.
   * @throws StorageError when the connection is closed or the read fails.
   */
  getMeta<K extends keyof MetaValues>(key: K): Promise<MetaValues[K] | undefined>;
  setMeta<K extends keyof MetaValues>(key: K, value: MetaValues[K]): Promise<Result<void, StorageFailure>>;
  /** Store a named version (plain data, as for `save`). An existing id is replaced. */
  saveSnapshot(snapshot: SnapshotRecord): Promise<Result<void, StorageFailure>>;
  /**
   * A workbook's versions, newest first, each document migrated and validated. Malformed records are
   * skipped (and stay stored), as malformed catalog entries are.
   */
  listSnapshots(workbookId: ScenarioId): Promise<Result<SnapshotRecord[], StorageFailure>>;
  /** Delete one version. Removing a missing id is ok. */
  deleteSnapshot(id: SnapshotId): Promise<Result<void, StorageFailure>>;
  /** Close the connection; later calls fail with `unavailable`. */
  close(): void;
}

export interface OpenStorageOptions {
  /** The IndexedDB factory; defaults to `globalThis.indexedDB`. idb still needs the global IDB classes. */
  indexedDB?: IDBFactory;
  /** Database name; defaults to DB_NAME. Tests use their own. */
  name?: string;
  /**
   * Called once when another tab opens a newer version of the database (or deletes it). The
   * connection is already closed and every later write returns `versionchange`: stop editing and
   * ask the user to reload.
   */
  onVersionChange?: (failure: StorageFailure) => void;
  /**
   * Called each time the browser drops the connection by itself (site data cleared, disk error). The
   * next call reopens the database, recreating it empty if it was deleted.
   */
  onClose?: (failure: StorageFailure) => void;
}

/** The one upgrade function: a step per version, each run once, in order. */
function upgrade(db: IDBPDatabase<BanaDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore(WORKBOOKS_STORE, { keyPath: 'id' });
    db.createObjectStore(CATALOG_STORE, { keyPath: 'id' });
    db.createObjectStore(META_STORE);
  }
  if (oldVersion < 2) {
    const snapshots = db.createObjectStore(SNAPSHOTS_STORE, { keyPath: 'id' });
    snapshots.createIndex(SNAPSHOTS_BY_WORKBOOK, 'workbookId');
  }
  if (oldVersion < 3) {
    // Whole documents stored by versions 1–2 stay as they are and still load; their next save
    // writes them in chunks.
    db.createObjectStore(ROW_CHUNKS_STORE, { keyPath: ['workbookId', 'sheetId', 'index'] });
  }
  if (oldVersion < 4) {
    // Empty at first: every workbook gets its values with its next save.
    db.createObjectStore(DERIVED_VALUES_STORE, { keyPath: 'workbookId' });
  }
  // Version 5 changes no store: it marks document schema 2 (number formats), so a tab still running
  // schema 1 gets `versionchange` and stops writing before it could drop a workbook's formats.
}

/** All chunk keys of one workbook, or of one sheet from chunk `from` on. */
function chunkRange(workbookId: string, sheetId?: string, from = 0): IDBKeyRange {
  return sheetId === undefined
    ? IDBKeyRange.bound([workbookId], [workbookId, []])
    : IDBKeyRange.bound([workbookId, sheetId, from], [workbookId, sheetId, Number.POSITIVE_INFINITY]);
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
/** DOMException.QUOTA_EXCEEDED_ERR, still the only signal in some older Safari builds. */
const QUOTA_CODE = 22;

function nameOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function isQuota(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return QUOTA_NAMES.has(nameOf(error) ?? '') || (error as { code?: unknown }).code === QUOTA_CODE;
}

/** Where an abort keeps its reason: the error itself, `.error`, `.target.error` or `.cause`. */
function causes(error: unknown): unknown[] {
  if (typeof error !== 'object' || error === null) return [error];
  const e = error as { error?: unknown; target?: { error?: unknown } | null; cause?: unknown };
  return [error, e.error, e.target?.error, e.cause];
}

function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message;
  }
  return nameOf(error) ?? String(error);
}

/**
 * Sort any error from IndexedDB into a StorageFailure.
 * @param error What was thrown or rejected: a DOMException, an abort event, an idb rejection.
 * @param opening True while opening the database: every failure then means `unavailable` (private
 *   mode, SecurityError, InvalidStateError), except a full disk or a newer database version.
 * @param transactionError The transaction's `.error`, which says why requests failed with AbortError.
 * @example classifyStorageError(new DOMException('full', 'QuotaExceededError')).kind === 'quota'
 */
export function classifyStorageError(
  error: unknown,
  opening = false,
  transactionError?: unknown,
): StorageFailure {
  const candidates = [...causes(error), transactionError];
  if (candidates.some(isQuota)) {
    return { kind: 'quota', message: `The browser's storage is full: ${messageOf(error)}` };
  }
  const name = nameOf(error);
  if (name === 'VersionError') {
    return {
      kind: 'versionchange',
      message: 'A newer version of Bana has upgraded the stored workbooks; reload the page.',
    };
  }
  if (opening || name === 'InvalidStateError' || name === 'SecurityError') {
    return {
      kind: 'unavailable',
      message: `Workbooks cannot be stored in this browser: ${messageOf(error)}`,
    };
  }
  return { kind: 'unknown', message: messageOf(error) };
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Catalog entries are stored data too: copy known fields only and skip anything malformed. */
function readCatalogEntry(value: unknown): CatalogEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const get = (key: string): unknown =>
    Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  const id = get('id');
  const name = get('name');
  const updatedAt = get('updatedAt');
  const sheetCount = get('sheetCount');
  const cellCount = get('cellCount');
  if (typeof id !== 'string' || typeof name !== 'string' || typeof updatedAt !== 'string') return undefined;
  if (!isNonNegativeNumber(sheetCount) || !isNonNegativeNumber(cellCount)) return undefined;
  return { id: id as ScenarioId, name, updatedAt, sheetCount, cellCount };
}

/** Snapshots are stored data too: known fields only, the document migrated and validated. */
function readSnapshotRecord(value: unknown): SnapshotRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const get = (key: string): unknown =>
    Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  const id = get('id');
  const workbookId = get('workbookId');
  const name = get('name');
  const createdAt = get('createdAt');
  if (typeof id !== 'string' || typeof workbookId !== 'string') return undefined;
  if (typeof name !== 'string' || typeof createdAt !== 'string') return undefined;
  const doc = migrateDocument(get('doc'));
  if (!doc.ok) return undefined;
  return {
    id: id as SnapshotId,
    workbookId: workbookId as ScenarioId,
    name,
    createdAt,
    doc: { ...doc.value, id: workbookId as ScenarioId },
  };
}

function timeOf(iso: string): number {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? 0 : time;
}

/** The catalog entry for `doc` (its non-empty cells counted); safe to pass to `Array.map`. */
export function catalogEntryFor(doc: ScenarioDocument): CatalogEntry {
  let cellCount = 0;
  for (const sheet of doc.sheets) cellCount += countCells(sheet.cells);
  return catalogEntry(doc, cellCount);
}

/** The catalog entry a save writes next to `doc`, with the cell count its save plan already made. */
function catalogEntry(doc: ScenarioDocument, cellCount: number): CatalogEntry {
  return {
    id: doc.id,
    name: doc.meta.name,
    updatedAt: doc.meta.updatedAt,
    sheetCount: doc.sheets.length,
    cellCount,
  };
}

/** Commit a transaction whose requests are all issued (where the browser supports commit()). */
function commitNow(tx: { commit?: () => void }): void {
  try {
    tx.commit?.();
  } catch {
    // Already committing, or commit() is missing: the transaction commits when it goes idle.
  }
}

/** The stores one save writes, in one transaction. */
type SaveStores = [
  typeof WORKBOOKS_STORE,
  typeof CATALOG_STORE,
  typeof ROW_CHUNKS_STORE,
  typeof DERIVED_VALUES_STORE,
];

/**
 * Put `derived` if it describes `doc` as saved, else delete the stored record (it describes another
 * version). Issued before the plan's requests, so the plan's commit covers it.
 */
function issueDerived(
  tx: IDBPTransaction<BanaDB, SaveStores, 'readwrite'>,
  doc: ScenarioDocument,
  derived: DerivedValuesRecord | undefined,
): Promise<unknown> {
  const store = tx.objectStore(DERIVED_VALUES_STORE);
  const request = derivedValuesFor(derived, doc.id, doc.meta.updatedAt)
    ? store.put(derived)
    : store.delete(doc.id);
  // Observed at once: if a later request fails, this one rejects with the abort.
  request.catch(() => {});
  return request;
}

/**
 * Issue a save plan's requests in `tx` and wait for them. With `atOnce` (a save as the tab closes) or a
 * small plan (one edit), every request is issued in this task and the transaction committed at once:
 * Chromium drops a transaction started in `pagehide` unless it is committed explicitly. Otherwise (a
 * first save, a big paste) the chunks go out CHUNKS_PER_TASK per task, so cloning 100 000 rows never
 * holds the page for long; awaiting the requests keeps the transaction alive, and it is committed
 * once all are issued.
 */
async function writePlan(
  tx: IDBPTransaction<BanaDB, SaveStores, 'readwrite'>,
  plan: SavePlan,
  entry: CatalogEntry,
  atOnce: boolean,
): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const issue = (request: Promise<unknown>): void => {
    // Observed at once: if a later request throws, the earlier ones reject with the abort.
    request.catch(() => {});
    pending.push(request);
  };
  const chunks = tx.objectStore(ROW_CHUNKS_STORE);
  const id = plan.head.id;
  if (plan.full) issue(chunks.delete(chunkRange(id)));
  for (const gone of plan.deletes) issue(chunks.delete(chunkRange(id, gone.sheetId, gone.from)));
  issue(tx.objectStore(WORKBOOKS_STORE).put(plan.head));
  issue(tx.objectStore(CATALOG_STORE).put(entry));
  const perTask = atOnce ? plan.puts.length : CHUNKS_PER_TASK;
  for (let i = 0; i < plan.puts.length; i += perTask) {
    if (i > 0) await Promise.all(pending.splice(0));
    for (const chunk of plan.puts.slice(i, i + perTask)) issue(chunks.put(chunk));
  }
  commitNow(tx);
  await Promise.all(pending);
}

const closedByCaller: StorageFailure = { kind: 'unavailable', message: 'Storage has been closed.' };

function createStorage(first: IDBDatabase, opts: OpenStorageOptions, factory: IDBFactory): WorkbookStorage {
  let raw = first;
  let db = wrap(raw) as unknown as IDBPDatabase<BanaDB>;
  let closed: StorageFailure | undefined;
  /** The browser dropped the connection (not us, not a newer version): the next call may reopen. */
  let dropped = false;
  let reopening: Promise<boolean> | undefined;
  /** What is stored for each workbook this connection wrote or read in chunks: a save reuses the rest. */
  const layouts = new Map<ScenarioId, StoredLayout>();

  function attach(connection: IDBDatabase): void {
    connection.addEventListener('versionchange', () => {
      const failure: StorageFailure = {
        kind: 'versionchange',
        message: 'Bana was updated or reset in another tab; reload this page to keep working.',
      };
      closed = failure;
      dropped = false;
      // Closing at once lets the other tab upgrade; this tab must not write old data after it.
      connection.close();
      opts.onVersionChange?.(failure);
    });
    // Fired when the browser drops the connection (storage cleared, disk error), not on close().
    connection.addEventListener('close', () => {
      if (closed !== undefined || connection !== raw) return;
      closed = {
        kind: 'unavailable',
        message: 'The browser closed the storage connection (its data may have been cleared).',
      };
      dropped = true;
      opts.onClose?.(closed);
    });
  }
  attach(raw);

  /** After the browser dropped the connection: open the database again (recreated empty if deleted). */
  function reopen(): Promise<boolean> {
    reopening ??= openConnection(factory, opts.name ?? DB_NAME).then((opened) => {
      reopening = undefined;
      if (!opened.ok || !dropped) {
        if (opened.ok) opened.value.close();
        return false;
      }
      raw = opened.value;
      db = wrap(raw) as unknown as IDBPDatabase<BanaDB>;
      attach(raw);
      closed = undefined;
      dropped = false;
      return true;
    });
    return reopening;
  }

  /** The one transaction helper: a failing step aborts the whole transaction, nothing is half written. */
  async function transact<Names extends StoreNames<BanaDB>[], Mode extends IDBTransactionMode, T>(
    stores: Names,
    mode: Mode,
    work: (tx: IDBPTransaction<BanaDB, Names, Mode>) => Promise<T>,
  ): Promise<Result<T, StorageFailure>> {
    if (closed !== undefined && dropped) await reopen();
    if (closed !== undefined) return fail(closed);
    let tx: IDBPTransaction<BanaDB, Names, Mode>;
    try {
      tx = db.transaction(stores, mode);
    } catch (error) {
      return fail(classifyStorageError(error));
    }
    const done = tx.done;
    // Observed here so an abort we cause below is never an unhandled rejection.
    done.catch(() => {});
    try {
      const value = await work(tx);
      await done;
      return ok(value);
    } catch (error) {
      let transactionError: unknown;
      try {
        transactionError = tx.error;
        tx.abort();
      } catch {
        // Already committed or aborted: nothing left to undo.
      }
      return fail(classifyStorageError(error, false, transactionError));
    }
  }

  /**
   * Write `doc` and its catalog entry in one transaction. `blind` (`save`): everything, issued and
   * committed in this task, without reading first. Otherwise (`saveIfUnchanged`): read the catalog
   * entry first; refuse (SaveConflict) if another tab saved since `expectedUpdatedAt`; write the head
   * and only the changed chunks when the stored version is still the one this connection wrote or
   * read, and everything otherwise.
   */
  async function write(
    doc: ScenarioDocument,
    expectedUpdatedAt: string | undefined,
    blind: boolean,
    derived: DerivedValuesRecord | undefined,
  ): Promise<Result<void, StorageFailure>> {
    let conflict: SaveConflict | undefined;
    let plan: SavePlan | undefined;
    const stores: SaveStores = [WORKBOOKS_STORE, CATALOG_STORE, ROW_CHUNKS_STORE, DERIVED_VALUES_STORE];
    const result = await transact(stores, 'readwrite', async (tx) => {
      if (blind) {
        plan = planSave(doc);
        const derivedWritten = issueDerived(tx, doc, derived);
        await writePlan(tx, plan, catalogEntry(doc, plan.cellCount), true);
        await derivedWritten;
        return;
      }
      // The catalog entry is written with every save, so its updatedAt names the stored version
      // without reading a whole workbook. Reading it in this readwrite transaction locks the stores
      // until the writes below are done: no other tab can save in between.
      const stored = readCatalogEntry(await tx.objectStore(CATALOG_STORE).get(doc.id));
      if (expectedUpdatedAt !== undefined && stored !== undefined && stored.updatedAt !== expectedUpdatedAt) {
        conflict = {
          kind: 'conflict',
          message: 'This workbook was saved in another tab since this tab loaded it.',
          storedUpdatedAt: stored.updatedAt,
        };
        return;
      }
      const known = layouts.get(doc.id);
      plan = planSave(doc, known && stored?.updatedAt === known.updatedAt ? known : undefined);
      const derivedWritten = issueDerived(tx, doc, derived);
      await writePlan(tx, plan, catalogEntry(doc, plan.cellCount), false);
      await derivedWritten;
    });
    if (!result.ok) {
      // Aborted, so nothing changed; forgetting is still the safe side (the next save writes everything).
      layouts.delete(doc.id);
      return result;
    }
    if (conflict !== undefined) return fail(conflict);
    if (plan) layouts.set(doc.id, plan.next);
    return result;
  }

  return {
    async list() {
      const result = await transact([CATALOG_STORE], 'readonly', (tx) =>
        tx.objectStore(CATALOG_STORE).getAll(),
      );
      if (!result.ok) throw new StorageError(result.reason);
      const entries: CatalogEntry[] = [];
      for (const value of result.value as unknown[]) {
        const entry = readCatalogEntry(value);
        if (entry !== undefined) entries.push(entry);
      }
      return entries.sort(
        (a, b) =>
          timeOf(b.updatedAt) - timeOf(a.updatedAt) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1),
      );
    },

    async load(id) {
      const result = await transact([WORKBOOKS_STORE, ROW_CHUNKS_STORE], 'readonly', (tx) =>
        Promise.all([
          tx.objectStore(WORKBOOKS_STORE).get(id),
          tx.objectStore(ROW_CHUNKS_STORE).getAll(chunkRange(id)),
        ]),
      );
      if (!result.ok) return result;
      const [head, chunks] = result.value;
      if (head === undefined) return fail('not-found');
      const stored = assemble(head, chunks);
      if (stored === 'invalid') return fail('invalid');
      const migrated = migrateDocument(stored.record);
      if (!migrated.ok) return fail('invalid');
      // The key is the workbook's identity here, even if a migration had to invent an id.
      const doc = { ...migrated.value, id };
      // Chunks written at this schema version are what the next save may keep. After a migration the
      // stored rows differ from the document's, so the next save writes everything.
      const current = (stored.record as { schemaVersion?: unknown }).schemaVersion === SCHEMA_VERSION;
      if (stored.chunked && current) layouts.set(id, layoutOf(doc));
      else layouts.delete(id);
      return ok(doc);
    },

    save(doc, derived) {
      return write(doc, undefined, true, derived);
    },

    saveIfUnchanged(doc, expectedUpdatedAt, derived) {
      return write(doc, expectedUpdatedAt, false, derived);
    },

    async loadDerivedValues(id) {
      const result = await transact([DERIVED_VALUES_STORE, CATALOG_STORE], 'readonly', (tx) =>
        Promise.all([tx.objectStore(DERIVED_VALUES_STORE).get(id), tx.objectStore(CATALOG_STORE).get(id)]),
      );
      if (!result.ok) return result;
      const [stored, entry] = result.value;
      const catalog = readCatalogEntry(entry);
      if (catalog === undefined) return ok(undefined);
      return ok(derivedValuesFor(readDerivedValuesRecord(stored), id, catalog.updatedAt));
    },

    async saveDerivedValues(record) {
      return transact([DERIVED_VALUES_STORE, CATALOG_STORE], 'readwrite', async (tx) => {
        // Read in this readwrite transaction, so no save of another version can slip in between.
        const entry = readCatalogEntry(await tx.objectStore(CATALOG_STORE).get(record.workbookId));
        if (entry === undefined || !derivedValuesFor(record, entry.id, entry.updatedAt)) return false;
        await tx.objectStore(DERIVED_VALUES_STORE).put(record);
        return true;
      });
    },

    async remove(id) {
      // The workbook's versions and cached values go with it: nothing could list or use them afterwards.
      layouts.delete(id);
      const stores = [
        WORKBOOKS_STORE,
        CATALOG_STORE,
        SNAPSHOTS_STORE,
        ROW_CHUNKS_STORE,
        DERIVED_VALUES_STORE,
      ] as const;
      return transact([...stores], 'readwrite', async (tx) => {
        const snapshots = tx.objectStore(SNAPSHOTS_STORE);
        const keys = await snapshots.index(SNAPSHOTS_BY_WORKBOOK).getAllKeys(id);
        await Promise.all([
          tx.objectStore(WORKBOOKS_STORE).delete(id),
          tx.objectStore(CATALOG_STORE).delete(id),
          tx.objectStore(ROW_CHUNKS_STORE).delete(chunkRange(id)),
          tx.objectStore(DERIVED_VALUES_STORE).delete(id),
          ...keys.map((key) => snapshots.delete(key)),
        ]);
      });
    },

    async getMeta(key) {
      const result = await transact([META_STORE], 'readonly', (tx) => tx.objectStore(META_STORE).get(key));
      if (!result.ok) throw new StorageError(result.reason);
      return result.value as MetaValues[typeof key] | undefined;
    },

    async setMeta(key, value) {
      return transact([META_STORE], 'readwrite', async (tx) => {
        const put = tx.objectStore(META_STORE).put(value, key);
        // Committed at once, like saves: "which workbook was open" must survive an immediate reload.
        commitNow(tx);
        await put;
      });
    },

    async saveSnapshot(snapshot) {
      return transact([SNAPSHOTS_STORE], 'readwrite', async (tx) => {
        await tx.objectStore(SNAPSHOTS_STORE).put(snapshot);
      });
    },

    async listSnapshots(workbookId) {
      const result = await transact([SNAPSHOTS_STORE], 'readonly', (tx) =>
        tx.objectStore(SNAPSHOTS_STORE).index(SNAPSHOTS_BY_WORKBOOK).getAll(workbookId),
      );
      if (!result.ok) return result;
      const records: SnapshotRecord[] = [];
      for (const value of result.value as unknown[]) {
        const record = readSnapshotRecord(value);
        if (record !== undefined) records.push(record);
      }
      return ok(records.sort((a, b) => timeOf(b.createdAt) - timeOf(a.createdAt) || (a.id < b.id ? -1 : 1)));
    },

    async deleteSnapshot(id) {
      return transact([SNAPSHOTS_STORE], 'readwrite', async (tx) => {
        await tx.objectStore(SNAPSHOTS_STORE).delete(id);
      });
    },

    close() {
      closed ??= closedByCaller;
      raw.close();
    },
  };
}

/**
 * Open (creating or upgrading if needed) the workbook database.
 *
 * @param opts Factory and name for tests, and the `onVersionChange` callback for the app.
 * @returns the storage, or `unavailable` (no IndexedDB, private mode, open refused), `blocked`
 *   (an older tab holds the database during an upgrade), `versionchange` (the stored database is
 *   newer than this app) or `quota`. Never throws.
 * @example
 * const opened = await openStorage({ onVersionChange: () => showReloadBanner() });
 * if (!opened.ok) return showStorageProblem(opened.reason);
 */
export async function openStorage(
  opts: OpenStorageOptions = {},
): Promise<Result<WorkbookStorage, StorageFailure>> {
  const factory = opts.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (factory === undefined || factory === null) {
    return fail({
      kind: 'unavailable',
      message:
        'This browser offers no IndexedDB (private mode or disabled storage), so workbooks cannot be kept.',
    });
  }
  const opened = await openConnection(factory, opts.name ?? DB_NAME);
  if (!opened.ok) return opened;
  try {
    return ok(createStorage(opened.value, opts, factory));
  } catch (error) {
    opened.value.close();
    return fail(classifyStorageError(error, true));
  }
}

/** Open (creating or upgrading) the database: a connection, or why there is none. Never throws. */
function openConnection(factory: IDBFactory, name: string): Promise<Result<IDBDatabase, StorageFailure>> {
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(name, DB_VERSION);
  } catch (error) {
    return Promise.resolve(fail(classifyStorageError(error, true)));
  }
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Result<IDBDatabase, StorageFailure>): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.addEventListener('upgradeneeded', (event) => {
      try {
        upgrade(wrap(request.result) as unknown as IDBPDatabase<BanaDB>, event.oldVersion);
      } catch (error) {
        settle(fail(classifyStorageError(error, true)));
        request.transaction?.abort();
      }
    });
    request.addEventListener('blocked', () => {
      settle(
        fail({
          kind: 'blocked',
          message: 'Bana is open in another tab with an older version; close that tab and reload.',
        }),
      );
    });
    request.addEventListener('success', () => {
      const raw = request.result;
      // Opened after we already gave up (blocked): nobody holds this connection, so let it go.
      if (settled) {
        raw.close();
        return;
      }
      settle(ok(raw));
    });
    request.addEventListener('error', (event) => {
      event.preventDefault();
      settle(fail(classifyStorageError(request.error, true)));
    });
  });
}
