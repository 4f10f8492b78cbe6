// Workbooks stored in row chunks (database version 3): a save writes the head and the chunks whose rows
// changed; a load puts them together again; whatever a save skips is exactly what is already stored.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyCommand } from '../../src/core/commands';
import {
  type RawCell,
  type ScenarioDocument,
  type SheetId,
  createDocument,
  createSheet,
} from '../../src/core/document';
import {
  CATALOG_STORE,
  ROW_CHUNKS_STORE,
  WORKBOOKS_STORE,
  catalogEntryFor,
  openStorage,
  type WorkbookStorage,
} from '../../src/storage/db';
import { CHUNK_ROWS, assemble, planSave } from '../../src/storage/rowChunks';

afterEach(() => vi.restoreAllMocks());

const ROWS = 1000;

function bigDoc(updatedAt = '2026-03-01T10:00:00.000Z'): ScenarioDocument {
  const doc = createDocument('Stor plan', 'Rader', new Date('2026-01-01T00:00:00Z'));
  doc.meta.updatedAt = updatedAt;
  const cells: RawCell[][] = [];
  for (let r = 0; r < ROWS; r++) cells.push(r % 7 === 3 ? [] : [r, `=A${r + 1}*2`, r % 2 === 0]);
  (doc.sheets[0] as { cells: RawCell[][] }).cells = cells;
  doc.sheets.push(createSheet('Små', [['Mål', 0.75]], 'sh_small' as SheetId));
  return doc;
}

/** One edit through the command path, as the app makes it (rows shared with the previous version). */
function edit(doc: ScenarioDocument, row: number, value: RawCell, updatedAt: string): ScenarioDocument {
  const sheetId = (doc.sheets[0] as { id: SheetId }).id;
  const next = applyCommand(doc, { type: 'setCells', sheetId, row, col: 0, values: [[value]] }).doc;
  return { ...next, meta: { ...next.meta, updatedAt } };
}

async function open(factory: IDBFactory): Promise<WorkbookStorage> {
  const opened = await openStorage({ indexedDB: factory });
  if (!opened.ok) throw new Error(opened.reason.message);
  return opened.value;
}

/** Count the chunk records put from now on. */
function countChunkPuts(): { count: () => number } {
  const original = IDBObjectStore.prototype.put;
  let count = 0;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
    if (this.name === ROW_CHUNKS_STORE) count++;
    return original.apply(this, args);
  });
  return { count: () => count };
}

async function loaded(storage: WorkbookStorage, doc: ScenarioDocument): Promise<ScenarioDocument> {
  const result = await storage.load(doc.id);
  if (!result.ok) throw new Error(String(result.reason));
  return result.value;
}

function rawStore(factory: IDBFactory, store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = factory.open('bana');
    request.onsuccess = () => {
      const db = request.result;
      const all = db.transaction(store).objectStore(store).getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result);
      };
      all.onerror = () => reject(all.error);
    };
    request.onerror = () => reject(request.error);
  });
}

describe('planSave', () => {
  it('splits each sheet into chunks of CHUNK_ROWS and counts the cells as the catalog does', () => {
    const doc = bigDoc();
    const plan = planSave(doc);
    expect(plan.full).toBe(true);
    expect(plan.puts.map((c) => c.rows.length)).toEqual([256, 256, 256, 232, 1]);
    expect(plan.head.sheets.map((s) => [s.rowCount, s.cells])).toEqual([
      [ROWS, []],
      [1, []],
    ]);
    let cells = 0;
    for (const sheet of doc.sheets)
      for (const row of sheet.cells) cells += row.filter((c) => c !== null).length;
    expect(plan.cellCount).toBe(cells);
  });

  it('puts only the chunk holding an edited row, and deletes chunks past a shrunk sheet or of a removed one', () => {
    const doc = bigDoc();
    const first = planSave(doc);
    expect(planSave(doc, first.next).puts).toEqual([]);

    const edited = edit(doc, 600, 'ändrad', '2026-03-01T10:00:01.000Z');
    const second = planSave(edited, first.next);
    expect(second.puts.map((c) => [c.sheetId, c.index])).toEqual([
      [doc.sheets[0]?.id, Math.floor(600 / CHUNK_ROWS)],
    ]);
    expect(second.deletes).toEqual([]);
    expect(second.cellCount).toBe(first.cellCount);

    // Clear the rows from 300 on (the sheet shrinks to 300 rows) and remove the small sheet.
    const sheetId = doc.sheets[0]?.id as SheetId;
    const cleared = applyCommand(edited, {
      type: 'setCells',
      sheetId,
      row: 300,
      col: 0,
      values: Array.from({ length: ROWS - 300 }, () => [null, null, null]),
    }).doc;
    const removed = applyCommand(cleared, { type: 'removeSheet', sheetId: 'sh_small' as SheetId }).doc;
    const third = planSave(removed, second.next);
    expect(third.puts.map((c) => c.index)).toEqual([1]);
    expect(third.deletes).toEqual([
      { sheetId, from: 2 },
      { sheetId: 'sh_small', from: 0 },
    ]);
    expect(third.cellCount).toBe(catalogEntryFor(removed).cellCount);
  });
});

describe('assemble', () => {
  it('gives back the document from its head and chunks, and a whole (version 1–2) document as it is', () => {
    const doc = bigDoc();
    const plan = planSave(doc);
    expect(assemble(plan.head, [...plan.puts].reverse())).toEqual({ record: doc, chunked: true });
    expect(assemble(doc, [])).toEqual({ record: doc, chunked: false });
  });

  it('refuses chunks that do not add up to the head: missing, short, or of an unknown sheet', () => {
    const plan = planSave(bigDoc());
    expect(assemble(plan.head, plan.puts.slice(1))).toBe('invalid');
    const short = plan.puts.map((c, i) => (i === 0 ? { ...c, rows: c.rows.slice(1) } : c));
    expect(assemble(plan.head, short)).toBe('invalid');
    expect(assemble(plan.head, [...plan.puts, { ...plan.puts[0], sheetId: 'sh_other' }])).toBe('invalid');
    expect(assemble({ ...plan.head, chunkRows: 0 }, plan.puts)).toBe('invalid');
  });
});

describe('WorkbookStorage in row chunks', () => {
  it('writes one chunk for one edit, and loads exactly the edited workbook', async () => {
    const factory = new IDBFactory();
    const storage = await open(factory);
    const doc = bigDoc();
    expect((await storage.save(doc)).ok).toBe(true);
    expect(await rawStore(factory, ROW_CHUNKS_STORE)).toHaveLength(5);

    const puts = countChunkPuts();
    const edited = edit(doc, 777, 'ny', '2026-03-01T10:00:01.000Z');
    expect((await storage.saveIfUnchanged(edited, doc.meta.updatedAt)).ok).toBe(true);
    expect(puts.count()).toBe(1);

    const fresh = await open(factory);
    expect(await loaded(fresh, doc)).toEqual(edited);
    const [entry] = (await rawStore(factory, CATALOG_STORE)) as { cellCount: number }[];
    expect(entry?.cellCount).toBe(catalogEntryFor(edited).cellCount);
  });

  it('stores a workbook of more chunks than one task puts, whole, by save and by saveIfUnchanged', async () => {
    const factory = new IDBFactory();
    const doc = bigDoc();
    const rows: RawCell[][] = Array.from({ length: 60 * CHUNK_ROWS + 7 }, (_, r) => [r, `=A${r + 1}+1`]);
    const big = { ...doc, sheets: [{ ...(doc.sheets[0] as ScenarioDocument['sheets'][0]), cells: rows }] };
    expect((await (await open(factory)).save(big)).ok).toBe(true);
    expect(await loaded(await open(factory), big)).toEqual(big);
    // A connection that knows nothing stored writes everything, in several tasks.
    const next = { ...big, meta: { ...big.meta, updatedAt: '2026-03-01T10:00:05.000Z' } };
    expect((await (await open(factory)).saveIfUnchanged(next, big.meta.updatedAt)).ok).toBe(true);
    expect(await loaded(await open(factory), big)).toEqual(next);
    expect(await rawStore(factory, ROW_CHUNKS_STORE)).toHaveLength(61);
  });

  it('after a load, the next save writes only what changed', async () => {
    const factory = new IDBFactory();
    const doc = bigDoc();
    expect((await (await open(factory)).save(doc)).ok).toBe(true);
    const other = await open(factory);
    const read = await loaded(other, doc);
    const puts = countChunkPuts();
    const edited = edit(read, 10, 'efter läsning', '2026-03-01T10:00:01.000Z');
    expect((await other.saveIfUnchanged(edited, read.meta.updatedAt)).ok).toBe(true);
    expect(puts.count()).toBe(1);
    expect(await loaded(await open(factory), doc)).toEqual(edited);
  });

  it('writes everything when another tab saved in between, so the two versions never mix', async () => {
    const factory = new IDBFactory();
    const [a, b] = [await open(factory), await open(factory)];
    const doc = bigDoc();
    expect((await a.save(doc)).ok).toBe(true);
    const theirs = edit(await loaded(b, doc), 900, 'B:s rad', '2026-03-01T10:00:02.000Z');
    expect((await b.saveIfUnchanged(theirs, doc.meta.updatedAt)).ok).toBe(true);

    // A keeps its own version on purpose: a write over B's, with B's chunk replaced too.
    const mine = edit(doc, 5, 'A:s rad', '2026-03-01T10:00:03.000Z');
    const refused = await a.saveIfUnchanged(mine, doc.meta.updatedAt);
    expect(refused.ok).toBe(false);
    const puts = countChunkPuts();
    expect((await a.saveIfUnchanged(mine, theirs.meta.updatedAt)).ok).toBe(true);
    expect(puts.count()).toBe(5);
    expect(await loaded(await open(factory), doc)).toEqual(mine);
  });

  it('after a failed save (nothing written), the next one stores the whole edited workbook', async () => {
    const factory = new IDBFactory();
    const storage = await open(factory);
    const doc = bigDoc();
    expect((await storage.save(doc)).ok).toBe(true);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const edited = edit(doc, 1, 'först misslyckad', '2026-03-01T10:00:01.000Z');
    const failed = await storage.saveIfUnchanged(edited, doc.meta.updatedAt);
    expect(failed.ok ? 'ok' : failed.reason.kind).toBe('quota');
    vi.restoreAllMocks();
    expect((await storage.saveIfUnchanged(edited, doc.meta.updatedAt)).ok).toBe(true);
    expect(await loaded(await open(factory), doc)).toEqual(edited);
  });

  it('a whole document stored by version 2 still loads, and its next save stores it in chunks', async () => {
    const factory = new IDBFactory();
    const storage = await open(factory);
    const doc = bigDoc();
    await new Promise<void>((resolve, reject) => {
      const request = factory.open('bana');
      request.onsuccess = () => {
        const tx = request.result.transaction([WORKBOOKS_STORE, CATALOG_STORE], 'readwrite');
        tx.objectStore(WORKBOOKS_STORE).put(doc);
        tx.objectStore(CATALOG_STORE).put(catalogEntryFor(doc));
        tx.oncomplete = () => {
          request.result.close();
          resolve();
        };
        tx.onabort = () => reject(tx.error);
      };
    });
    const read = await loaded(storage, doc);
    expect(read).toEqual(doc);
    const edited = edit(read, 0, 'första', '2026-03-01T10:00:01.000Z');
    expect((await storage.saveIfUnchanged(edited, doc.meta.updatedAt)).ok).toBe(true);
    const [head] = (await rawStore(factory, WORKBOOKS_STORE)) as { layout?: string }[];
    expect(head?.layout).toBe('row-chunks');
    expect(await loaded(await open(factory), doc)).toEqual(edited);
  });

  it('a missing chunk makes the workbook invalid (kept stored), and removing the workbook drops its chunks', async () => {
    const factory = new IDBFactory();
    const storage = await open(factory);
    const doc = bigDoc();
    expect((await storage.save(doc)).ok).toBe(true);
    await new Promise<void>((resolve) => {
      const request = factory.open('bana');
      request.onsuccess = () => {
        const tx = request.result.transaction(ROW_CHUNKS_STORE, 'readwrite');
        tx.objectStore(ROW_CHUNKS_STORE).delete([doc.id, doc.sheets[0]?.id as string, 2]);
        tx.oncomplete = () => {
          request.result.close();
          resolve();
        };
      };
    });
    expect(await storage.load(doc.id)).toEqual({ ok: false, reason: 'invalid' });
    expect(await rawStore(factory, WORKBOOKS_STORE)).toHaveLength(1);
    expect((await storage.remove(doc.id)).ok).toBe(true);
    expect(await rawStore(factory, ROW_CHUNKS_STORE)).toEqual([]);
  });
});

describe('catalogEntryFor', () => {
  it('counts the non-empty cells of every sheet, also when mapped over a list (the in-memory catalog)', () => {
    const docs = [bigDoc(), bigDoc('2026-03-02T00:00:00.000Z')];
    const expected = planSave(docs[0] as ScenarioDocument).cellCount;
    expect(expected).toBeGreaterThan(ROWS);
    expect(docs.map(catalogEntryFor).map((e) => e.cellCount)).toEqual([expected, expected]);
  });
});
