// Storage version 2: the snapshots store, the upgrade from a real version-1 database, and the
// snapshot reads and writes (Result-returning, failures classified like the workbook writes).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDocument, type ScenarioDocument } from '../../src/core/document';
import {
  CATALOG_STORE,
  catalogEntryFor,
  DB_VERSION,
  META_STORE,
  openStorage,
  SNAPSHOTS_BY_WORKBOOK,
  ROW_CHUNKS_STORE,
  SNAPSHOTS_STORE,
  type SnapshotId,
  type SnapshotRecord,
  WORKBOOKS_STORE,
  type WorkbookStorage,
} from '../../src/storage/db';

afterEach(() => {
  vi.restoreAllMocks();
});

function sampleDoc(name = 'Utsläpp 2030'): ScenarioDocument {
  const doc = createDocument(name, 'Trend', new Date('2026-01-01T00:00:00Z'));
  doc.sheets[0]!.cells = [
    ['År', 'Utsläpp'],
    [2030, 123.5],
  ];
  return doc;
}

function snapshot(doc: ScenarioDocument, name: string, createdAt: string): SnapshotRecord {
  return { id: `snap_${name}` as SnapshotId, workbookId: doc.id, name, createdAt, doc };
}

async function openWith(factory: IDBFactory): Promise<WorkbookStorage> {
  const opened = await openStorage({ indexedDB: factory });
  if (!opened.ok) throw new Error(`open failed: ${opened.reason.message}`);
  return opened.value;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A database exactly as version 1 of the app created it, holding one workbook. */
async function createVersion1(factory: IDBFactory, doc: ScenarioDocument): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open('bana', 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(WORKBOOKS_STORE, { keyPath: 'id' });
      req.result.createObjectStore(CATALOG_STORE, { keyPath: 'id' });
      req.result.createObjectStore(META_STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction([WORKBOOKS_STORE, CATALOG_STORE, META_STORE], 'readwrite');
  tx.objectStore(WORKBOOKS_STORE).put(doc);
  tx.objectStore(CATALOG_STORE).put(catalogEntryFor(doc));
  tx.objectStore(META_STORE).put(true, 'seeded');
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  db.close();
}

describe('the version 2 and 3 upgrades', () => {
  it('keep a version 1 database’s workbooks, and add the snapshots store with its index and the row chunks', async () => {
    const factory = new IDBFactory();
    const doc = sampleDoc('Från version 1');
    await createVersion1(factory, doc);

    const storage = await openWith(factory);
    expect(await storage.load(doc.id)).toEqual({ ok: true, value: doc });
    expect((await storage.list()).map((e) => e.name)).toEqual(['Från version 1']);
    expect(await storage.getMeta('seeded')).toBe(true);
    expect(await storage.listSnapshots(doc.id)).toEqual({ ok: true, value: [] });
    storage.close();

    const db = await request(factory.open('bana'));
    // Later versions' steps run too (version 4: derived values, tested in derivedValues.test.ts;
    // version 5 marks document schema 2 and changes no store).
    expect(DB_VERSION).toBe(5);
    expect(db.version).toBe(5);
    expect(db.objectStoreNames.contains(ROW_CHUNKS_STORE)).toBe(true);
    const store = db.transaction(SNAPSHOTS_STORE).objectStore(SNAPSHOTS_STORE);
    expect(store.keyPath).toBe('id');
    expect([...store.indexNames]).toEqual([SNAPSHOTS_BY_WORKBOOK]);
    expect(store.index(SNAPSHOTS_BY_WORKBOOK).keyPath).toBe('workbookId');
    db.close();
  });
});

describe('WorkbookStorage snapshots', () => {
  it('lists a workbook’s versions newest first, and only that workbook’s', async () => {
    const storage = await openWith(new IDBFactory());
    const doc = sampleDoc();
    const other = sampleDoc('Annan');
    const older = snapshot(doc, 'Före remiss', '2026-02-01T10:00:00.000Z');
    const newer = snapshot(doc, 'Efter remiss', '2026-03-01T10:00:00.000Z');
    for (const s of [older, newer, snapshot(other, 'Annans', '2026-04-01T00:00:00.000Z')]) {
      expect(await storage.saveSnapshot(s)).toEqual({ ok: true, value: undefined });
    }
    expect(await storage.listSnapshots(doc.id)).toEqual({ ok: true, value: [newer, older] });
  });

  it('deletes one version, and a missing id is ok', async () => {
    const storage = await openWith(new IDBFactory());
    const doc = sampleDoc();
    const a = snapshot(doc, 'A', '2026-02-01T10:00:00.000Z');
    const b = snapshot(doc, 'B', '2026-02-02T10:00:00.000Z');
    await storage.saveSnapshot(a);
    await storage.saveSnapshot(b);
    expect(await storage.deleteSnapshot(a.id)).toEqual({ ok: true, value: undefined });
    expect(await storage.deleteSnapshot(a.id)).toEqual({ ok: true, value: undefined });
    expect(await storage.listSnapshots(doc.id)).toEqual({ ok: true, value: [b] });
  });

  it('removes a workbook’s versions together with the workbook', async () => {
    const storage = await openWith(new IDBFactory());
    const doc = sampleDoc();
    const kept = sampleDoc('Behålls');
    await storage.save(doc);
    await storage.save(kept);
    await storage.saveSnapshot(snapshot(doc, 'A', '2026-02-01T10:00:00.000Z'));
    await storage.saveSnapshot(snapshot(doc, 'B', '2026-02-02T10:00:00.000Z'));
    const keptSnapshot = snapshot(kept, 'C', '2026-02-03T10:00:00.000Z');
    await storage.saveSnapshot(keptSnapshot);
    expect((await storage.remove(doc.id)).ok).toBe(true);
    expect(await storage.listSnapshots(doc.id)).toEqual({ ok: true, value: [] });
    expect(await storage.listSnapshots(kept.id)).toEqual({ ok: true, value: [keptSnapshot] });
  });

  it('skips malformed stored versions and leaves them stored', async () => {
    const factory = new IDBFactory();
    const storage = await openWith(factory);
    const doc = sampleDoc();
    const good = snapshot(doc, 'Bra', '2026-02-01T10:00:00.000Z');
    await storage.saveSnapshot(good);
    await storage.saveSnapshot({
      ...snapshot(doc, 'Trasig', '2026-02-02T10:00:00.000Z'),
      doc: { id: 'x' } as unknown as ScenarioDocument,
    });
    await storage.saveSnapshot(
      JSON.parse(`{"id":"snap_proto","workbookId":"${doc.id}","__proto__":{"x":1}}`),
    );
    expect(await storage.listSnapshots(doc.id)).toEqual({ ok: true, value: [good] });
    const db = await request(factory.open('bana'));
    const count = await request(db.transaction(SNAPSHOTS_STORE).objectStore(SNAPSHOTS_STORE).count());
    expect(count).toBe(3);
    db.close();
  });

  it('classifies a full disk as quota and writes nothing', async () => {
    const storage = await openWith(new IDBFactory());
    const doc = sampleDoc();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const saved = await storage.saveSnapshot(snapshot(doc, 'A', '2026-02-01T10:00:00.000Z'));
    expect(!saved.ok && saved.reason.kind).toBe('quota');
    vi.restoreAllMocks();
    expect(await storage.listSnapshots(doc.id)).toEqual({ ok: true, value: [] });
  });

  it('returns failures after close instead of throwing', async () => {
    const storage = await openWith(new IDBFactory());
    storage.close();
    const doc = sampleDoc();
    const closed = { ok: false, reason: { kind: 'unavailable', message: 'Storage has been closed.' } };
    expect(await storage.saveSnapshot(snapshot(doc, 'A', '2026-02-01T10:00:00.000Z'))).toEqual(closed);
    expect(await storage.listSnapshots(doc.id)).toEqual(closed);
    expect(await storage.deleteSnapshot('snap_A' as SnapshotId)).toEqual(closed);
  });
});
