import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDocument, type ScenarioDocument, type ScenarioId } from '../../src/core/document';
import {
  CATALOG_STORE,
  classifyStorageError,
  DB_VERSION,
  DERIVED_VALUES_STORE,
  META_STORE,
  openStorage,
  ROW_CHUNKS_STORE,
  SNAPSHOTS_STORE,
  StorageError,
  type StorageFailure,
  WORKBOOKS_STORE,
  type WorkbookStorage,
} from '../../src/storage/db';

/** The element at `index`, failing the test when it is missing. */
function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no element at ${index}`);
  return item;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function openFresh(
  factory = new IDBFactory(),
  onVersionChange?: (failure: StorageFailure) => void,
): Promise<{ storage: WorkbookStorage; factory: IDBFactory }> {
  const opened = await openStorage({ indexedDB: factory, onVersionChange });
  if (!opened.ok) throw new Error(`open failed: ${opened.reason.message}`);
  return { storage: opened.value, factory };
}

function sampleDoc(name = 'Utsläpp 2030', updatedAt = '2026-03-01T10:00:00.000Z'): ScenarioDocument {
  const doc = createDocument(name, 'Trend', new Date('2026-01-01T00:00:00Z'));
  doc.meta.updatedAt = updatedAt;
  at(doc.sheets, 0).cells = [['År', 'Utsläpp'], [2030, 123.5], [], [null, '=B2*2', true]];
  at(doc.sheets, 0).columnWidths = [120, null];
  doc.names = [{ name: 'Mål', expression: 0.75 }];
  return doc;
}

/** Raw IndexedDB access, bypassing the module under test, to plant or inspect records. */
function rawOpen(factory: IDBFactory, version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open('bana', version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function rawRequest<T>(
  factory: IDBFactory,
  store: string,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await rawOpen(factory);
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = run(db.transaction(store, mode).objectStore(store));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

const rawPut = (factory: IDBFactory, store: string, value: unknown, key?: IDBValidKey) =>
  rawRequest(factory, store, 'readwrite', (s) => s.put(value, key));
const rawGet = (factory: IDBFactory, store: string, key: IDBValidKey) =>
  rawRequest<unknown>(factory, store, 'readonly', (s) => s.get(key));

/** Make `put` on one store throw `error`, as a browser does when the disk is full or a value is bad. */
function failPutOn(storeName: string, error: unknown): void {
  const original = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
    if (this.name === storeName) throw error;
    return original.apply(this, args);
  });
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('openStorage', () => {
  it('creates the workbooks, catalog, meta, snapshots, row-chunk and derived-values stores at DB_VERSION', async () => {
    const { storage, factory } = await openFresh();
    storage.close();
    const db = await rawOpen(factory);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      [
        CATALOG_STORE,
        DERIVED_VALUES_STORE,
        META_STORE,
        ROW_CHUNKS_STORE,
        SNAPSHOTS_STORE,
        WORKBOOKS_STORE,
      ].sort(),
    );
    const tx = db.transaction([WORKBOOKS_STORE, CATALOG_STORE, META_STORE, ROW_CHUNKS_STORE]);
    expect(tx.objectStore(ROW_CHUNKS_STORE).keyPath).toEqual(['workbookId', 'sheetId', 'index']);
    expect(tx.objectStore(WORKBOOKS_STORE).keyPath).toBe('id');
    expect(tx.objectStore(CATALOG_STORE).keyPath).toBe('id');
    expect(tx.objectStore(META_STORE).keyPath).toBeNull();
    db.close();
  });

  it('reports unavailable when the browser has no indexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const opened = await openStorage();
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.reason.kind).toBe('unavailable');
  });

  it('reports unavailable when open throws (SecurityError in private mode)', async () => {
    const factory = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const opened = await openStorage({ indexedDB: factory });
    expect(!opened.ok && opened.reason).toEqual({
      kind: 'unavailable',
      message: 'Workbooks cannot be stored in this browser: The operation is insecure.',
    });
  });

  it('reports unavailable when the open request fails (InvalidStateError)', async () => {
    const request = Object.assign(new EventTarget(), {
      error: new DOMException(
        'A mutation operation was attempted on a database that did not allow mutations.',
        'InvalidStateError',
      ),
    });
    const factory = { open: () => request } as unknown as IDBFactory;
    const opening = openStorage({ indexedDB: factory });
    request.dispatchEvent(new Event('error', { cancelable: true }));
    const opened = await opening;
    expect(!opened.ok && opened.reason.kind).toBe('unavailable');
  });

  it('reports versionchange when the stored database is newer than this app', async () => {
    const factory = new IDBFactory();
    (await rawOpen(factory, DB_VERSION + 1)).close();
    const opened = await openStorage({ indexedDB: factory });
    expect(!opened.ok && opened.reason.kind).toBe('versionchange');
  });

  it('closes and reports when another tab opens a newer version, then refuses to write', async () => {
    const onVersionChange = vi.fn();
    const { storage, factory } = await openFresh(new IDBFactory(), onVersionChange);
    const newer = await rawOpen(factory, DB_VERSION + 1); // resolves only because we closed
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(at(onVersionChange.mock.calls, 0)[0].kind).toBe('versionchange');
    const saved = await storage.save(sampleDoc());
    expect(!saved.ok && saved.reason.kind).toBe('versionchange');
    await expect(storage.list()).rejects.toBeInstanceOf(StorageError);
    newer.close();
  });
});

describe('WorkbookStorage', () => {
  it('loads what it saved, equal in every field', async () => {
    const { storage } = await openFresh();
    const doc = sampleDoc();
    expect(await storage.save(doc)).toEqual({ ok: true, value: undefined });
    expect(await storage.load(doc.id)).toEqual({ ok: true, value: doc });
  });

  it('answers not-found for an unknown id', async () => {
    const { storage } = await openFresh();
    expect(await storage.load('wb_nope' as ScenarioId)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('keeps a catalog entry per workbook, newest first', async () => {
    const { storage } = await openFresh();
    const older = sampleDoc('Äldre', '2026-01-05T00:00:00.000Z');
    const newer = sampleDoc('Nyare', '2026-04-01T00:00:00.000Z');
    await storage.save(older);
    await storage.save(newer);
    expect(await storage.list()).toEqual([
      { id: newer.id, name: 'Nyare', updatedAt: '2026-04-01T00:00:00.000Z', sheetCount: 1, cellCount: 6 },
      { id: older.id, name: 'Äldre', updatedAt: '2026-01-05T00:00:00.000Z', sheetCount: 1, cellCount: 6 },
    ]);
    older.meta.updatedAt = '2026-05-01T00:00:00.000Z';
    await storage.save(older);
    expect((await storage.list()).map((e) => e.name)).toEqual(['Äldre', 'Nyare']);
  });

  it('removes a workbook and its catalog entry together', async () => {
    const { storage, factory } = await openFresh();
    const doc = sampleDoc();
    await storage.save(doc);
    expect(await storage.remove(doc.id)).toEqual({ ok: true, value: undefined });
    expect(await storage.list()).toEqual([]);
    expect(await storage.load(doc.id)).toEqual({ ok: false, reason: 'not-found' });
    expect(await rawGet(factory, CATALOG_STORE, doc.id)).toBeUndefined();
    expect((await storage.remove(doc.id)).ok).toBe(true);
  });

  it('reads and writes meta flags', async () => {
    const { storage } = await openFresh();
    expect(await storage.getMeta('seeded')).toBeUndefined();
    expect((await storage.setMeta('seeded', true)).ok).toBe(true);
    expect(await storage.getMeta('seeded')).toBe(true);
    await storage.setMeta('lastOpened', 'wb_last' as ScenarioId);
    expect(await storage.getMeta('lastOpened')).toBe('wb_last');
  });

  it('writes the workbook and its catalog entry atomically: a failing catalog put changes neither', async () => {
    const { storage, factory } = await openFresh();
    const doc = sampleDoc('Före');
    await storage.save(doc);
    const before = await storage.list();

    failPutOn(CATALOG_STORE, new DOMException('Data provided is not valid.', 'DataError'));
    const edited = structuredClone(doc);
    edited.meta.name = 'Efter';
    at(edited.sheets, 0).cells = [['changed']];
    const saved = await storage.save(edited);
    expect(saved).toEqual({ ok: false, reason: { kind: 'unknown', message: 'Data provided is not valid.' } });
    const brandNew = sampleDoc('Ny');
    expect((await storage.save(brandNew)).ok).toBe(false);
    vi.restoreAllMocks();

    expect(await storage.load(doc.id)).toEqual({ ok: true, value: doc });
    expect(await storage.list()).toEqual(before);
    expect(await rawGet(factory, WORKBOOKS_STORE, brandNew.id)).toBeUndefined();
    expect(await storage.load(brandNew.id)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('classifies a QuotaExceededError from a put as quota and writes nothing', async () => {
    const { storage } = await openFresh();
    failPutOn(WORKBOOKS_STORE, quotaError());
    const doc = sampleDoc();
    const saved = await storage.save(doc);
    expect(!saved.ok && saved.reason.kind).toBe('quota');
    vi.restoreAllMocks();
    expect(await storage.list()).toEqual([]);
  });

  it('classifies a transaction AbortError caused by a QuotaExceededError as quota', async () => {
    const viaError = Object.assign(new DOMException('The transaction was aborted.', 'AbortError'), {
      error: quotaError(),
    });
    const viaTarget = Object.assign(new DOMException('The transaction was aborted.', 'AbortError'), {
      target: { error: quotaError() },
    });
    for (const wrapped of [viaError, viaTarget]) {
      const { storage } = await openFresh();
      failPutOn(CATALOG_STORE, wrapped);
      const saved = await storage.save(sampleDoc());
      expect(!saved.ok && saved.reason.kind).toBe('quota');
      vi.restoreAllMocks();
      expect(await storage.list()).toEqual([]);
    }
  });

  it('returns failures from save, remove and setMeta after close instead of throwing', async () => {
    const { storage } = await openFresh();
    storage.close();
    const doc = sampleDoc();
    expect(await storage.save(doc)).toEqual({
      ok: false,
      reason: { kind: 'unavailable', message: 'Storage has been closed.' },
    });
    expect((await storage.remove(doc.id)).ok).toBe(false);
    expect((await storage.setMeta('seeded', true)).ok).toBe(false);
    expect(await storage.load(doc.id)).toEqual({
      ok: false,
      reason: { kind: 'unavailable', message: 'Storage has been closed.' },
    });
    await expect(storage.getMeta('seeded')).rejects.toBeInstanceOf(StorageError);
  });
});

describe('WorkbookStorage with hostile or malformed stored records', () => {
  const hostile: [string, unknown][] = [
    ['a __proto__ payload', JSON.parse('{"id":"wb_proto","__proto__":{"polluted":1}}')],
    [
      'a __proto__ payload inside a valid-looking document',
      JSON.parse(
        JSON.stringify({ ...sampleDoc(), id: 'wb_proto2' }).replace(
          '"sheets"',
          '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"sheets"',
        ),
      ),
    ],
    ['a wrong shape', { id: 'wb_shape', schemaVersion: 1, meta: 'x', sheets: 'nope' }],
    ['a bad cell', { ...sampleDoc(), id: 'wb_cell', sheets: [{ id: 's', name: 'S', cells: [[{ a: 1 }]] }] }],
    ['a newer schema', { ...sampleDoc(), id: 'wb_newer', schemaVersion: 99 }],
    ['no schema version at all', { id: 'wb_none' }],
  ];

  for (const [label, record] of hostile) {
    it(`loads ${label} as invalid, without throwing, polluting or deleting it`, async () => {
      const { storage, factory } = await openFresh();
      const id = (record as { id: string }).id;
      await rawPut(factory, WORKBOOKS_STORE, record);
      const loaded = await storage.load(id as ScenarioId);
      if (label.includes('valid-looking')) {
        // Unknown keys are dropped, so this one is readable, and clean.
        expect(loaded.ok).toBe(true);
        expect(loaded.ok && Object.keys(loaded.value).sort()).toEqual([
          'id',
          'meta',
          'names',
          'schemaVersion',
          'sheets',
        ]);
      } else {
        expect(loaded).toEqual({ ok: false, reason: 'invalid' });
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await rawGet(factory, WORKBOOKS_STORE, id)).toBeDefined();
    });
  }

  it('skips malformed catalog entries in the list', async () => {
    const { storage, factory } = await openFresh();
    const doc = sampleDoc();
    await storage.save(doc);
    await rawPut(factory, CATALOG_STORE, JSON.parse('{"id":"wb_evil","__proto__":{"polluted":1}}'));
    await rawPut(factory, CATALOG_STORE, {
      id: 'wb_bad',
      name: 'x',
      updatedAt: 'x',
      sheetCount: -1,
      cellCount: 0,
    });
    expect((await storage.list()).map((e) => e.id)).toEqual([doc.id]);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('classifyStorageError', () => {
  it('recognises quota in its browser spellings', () => {
    expect(classifyStorageError(quotaError()).kind).toBe('quota');
    expect(classifyStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED', message: 'full' }).kind).toBe('quota');
    expect(classifyStorageError({ name: 'Error', code: 22 }).kind).toBe('quota');
    const abort = new DOMException('aborted', 'AbortError');
    expect(classifyStorageError(abort, false, quotaError()).kind).toBe('quota');
    expect(classifyStorageError({ type: 'abort', target: { error: quotaError() } }).kind).toBe('quota');
    expect(classifyStorageError(abort).kind).toBe('unknown');
  });

  it('treats open failures as unavailable and a newer database as versionchange', () => {
    expect(classifyStorageError(new DOMException('x', 'UnknownError'), true).kind).toBe('unavailable');
    expect(classifyStorageError(new DOMException('x', 'InvalidStateError')).kind).toBe('unavailable');
    expect(classifyStorageError(new DOMException('x', 'VersionError'), true).kind).toBe('versionchange');
    expect(classifyStorageError(new Error('odd')).kind).toBe('unknown');
    expect(classifyStorageError('odd')).toEqual({ kind: 'unknown', message: 'odd' });
  });
});
