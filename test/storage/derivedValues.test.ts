// The derived-values record: last computed values stored with each save, read back only while the
// stored document is still the version they came from (never the truth), and the version 4 upgrade.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDocument, type ScenarioDocument, type ScenarioId } from '../../src/core/document';
import {
  CATALOG_STORE,
  catalogEntryFor,
  DB_VERSION,
  DERIVED_VALUES_STORE,
  isSaveConflict,
  META_STORE,
  openStorage,
  ROW_CHUNKS_STORE,
  SNAPSHOTS_BY_WORKBOOK,
  SNAPSHOTS_STORE,
  WORKBOOKS_STORE,
  type WorkbookStorage,
} from '../../src/storage/db';
import {
  captureDerivedValues,
  type DerivedValuesRecord,
  derivedValueAt,
  derivedValuesFor,
  MAX_DERIVED_CELLS,
  readDerivedValuesRecord,
} from '../../src/storage/derivedValues';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T10:00:01.000Z';
const T2 = '2026-03-01T10:00:02.000Z';

const base = createDocument('Klimatfond', 'Bana', new Date('2026-01-01T00:00:00Z'));

/** A version of the one test workbook (same id), saved at `updatedAt`. */
function doc(updatedAt = T0, a1 = 'Utsläpp'): ScenarioDocument {
  const d = structuredClone(base);
  d.meta.updatedAt = updatedAt;
  d.sheets[0]!.cells = [
    [a1, '=1+1'],
    [2030, '=A2*2'],
  ];
  return d;
}

/** The values the engine gave for `d`: a 2 × 2 view and one chart range. */
function valuesOf(d: ScenarioDocument, revision = 3): DerivedValuesRecord {
  return captureDerivedValues({
    workbookId: d.id,
    updatedAt: d.meta.updatedAt,
    revision,
    view: {
      sheetId: d.sheets[0]!.id,
      row: 0,
      col: 0,
      rows: 2,
      cols: 2,
      values: ['Utsläpp', 2, 2030, { error: '#DIV/0!', message: 'Division by zero.' }],
    },
    named: {
      Chart_Projected: [
        [2030, 2035],
        [812.5, 0],
      ],
    },
  });
}

async function tab(factory: IDBFactory): Promise<WorkbookStorage> {
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

describe('captureDerivedValues', () => {
  it('keeps plain data only, marked derived and tied to the document version', () => {
    const d = doc();
    const engineError = Object.assign(Object.create({ extra: 1 }), {
      error: '#REF!',
      message: 'Bad reference.',
      detail: 'internal',
    });
    const record = captureDerivedValues({
      workbookId: d.id,
      updatedAt: T0,
      revision: 7,
      view: { sheetId: 's', row: 4, col: 1, rows: 1, cols: 2, values: [1, engineError] },
    });
    expect(record).toEqual({
      workbookId: d.id,
      format: 1,
      derived: true,
      updatedAt: T0,
      revision: 7,
      named: {},
      view: {
        sheetId: 's',
        row: 4,
        col: 1,
        rows: 1,
        cols: 2,
        values: [1, { error: '#REF!', message: 'Bad reference.' }],
      },
    });
    expect(structuredClone(record)).toEqual(record);
  });

  it('leaves out a region or a named range above the size limit, and a view whose values do not fill it', () => {
    const side = Math.ceil(Math.sqrt(MAX_DERIVED_CELLS)) + 1;
    const record = captureDerivedValues({
      workbookId: 'w' as ScenarioId,
      updatedAt: T0,
      revision: 1,
      view: { sheetId: 's', row: 0, col: 0, rows: side, cols: side, values: new Array(side * side).fill(1) },
      named: { Big: new Array(side).fill(new Array(side).fill(1)), Small: [[1]] },
    });
    expect(record.view).toBeUndefined();
    expect(Object.keys(record.named)).toEqual(['Small']);
    const short = captureDerivedValues({
      workbookId: 'w' as ScenarioId,
      updatedAt: T0,
      revision: 1,
      view: { sheetId: 's', row: 0, col: 0, rows: 2, cols: 2, values: [1] },
    });
    expect(short.view).toBeUndefined();
  });
});

describe('derivedValuesFor and derivedValueAt', () => {
  it('give the values only for the workbook version they came from, and only for cells the view holds', () => {
    const d = doc();
    const record = valuesOf(d);
    expect(derivedValuesFor(record, d.id, T0)).toBe(record);
    expect(derivedValuesFor(record, d.id, T1)).toBeUndefined();
    expect(derivedValuesFor(record, 'other' as ScenarioId, T0)).toBeUndefined();
    expect(derivedValuesFor(undefined, d.id, T0)).toBeUndefined();
    const sheet = d.sheets[0]!.id;
    expect(derivedValueAt(record, sheet, 0, 1)).toBe(2);
    expect(derivedValueAt(record, sheet, 1, 1)).toEqual({ error: '#DIV/0!', message: 'Division by zero.' });
    expect(derivedValueAt(record, sheet, 2, 0)).toBeUndefined();
    expect(derivedValueAt(record, 'another-sheet', 0, 0)).toBeUndefined();
  });
});

describe('readDerivedValuesRecord', () => {
  it('reads back what was captured', () => {
    const record = valuesOf(doc());
    expect(readDerivedValuesRecord(structuredClone(record))).toEqual(record);
  });

  it.each([
    ['not an object', 'values'],
    ['another format', { ...valuesOf(doc()), format: 2 }],
    ['not marked derived', { ...valuesOf(doc()), derived: 'yes' }],
    ['a NaN value', { ...valuesOf(doc()), named: { A: [[Number.NaN]] } }],
    ['an object that is no error value', { ...valuesOf(doc()), named: { A: [[{ toString: 'x' }]] } }],
    [
      'a view with fewer values than its size',
      { ...valuesOf(doc()), view: { ...valuesOf(doc()).view, rows: 3 } },
    ],
    [
      'a view too large to be one of ours',
      { ...valuesOf(doc()), view: { ...valuesOf(doc()).view, rows: 1e6, cols: 1e6 } },
    ],
    ['no named map', { ...valuesOf(doc()), named: [] }],
  ])('ignores a record with %s', (_what, value) => {
    expect(readDerivedValuesRecord(value)).toBeUndefined();
  });
});

describe('WorkbookStorage derived values', () => {
  it('stores the values with the save and gives them back on open while the document is unchanged', async () => {
    const storage = await tab(new IDBFactory());
    const d = doc();
    expect(await storage.saveIfUnchanged(d, undefined, valuesOf(d))).toEqual({ ok: true, value: undefined });
    expect(await storage.loadDerivedValues(d.id)).toEqual({ ok: true, value: valuesOf(d) });
    // The blind save (the tab closing) writes them too.
    const next = doc(T1, 'Ändrad');
    expect((await storage.save(next, valuesOf(next, 4))).ok).toBe(true);
    expect(await storage.loadDerivedValues(next.id)).toEqual({ ok: true, value: valuesOf(next, 4) });
  });

  it('drops the stored values when a later version is saved without values of its own', async () => {
    const storage = await tab(new IDBFactory());
    const d = doc();
    await storage.saveIfUnchanged(d, undefined, valuesOf(d));
    expect((await storage.saveIfUnchanged(doc(T1, 'Ändrad'), T0)).ok).toBe(true);
    expect(await storage.loadDerivedValues(d.id)).toEqual({ ok: true, value: undefined });
  });

  it('never stores values of another version with a save (the engine had not answered for this one)', async () => {
    const storage = await tab(new IDBFactory());
    const older = doc(T0);
    const newer = doc(T1, 'Ändrad');
    await storage.saveIfUnchanged(newer, undefined, valuesOf(older));
    expect(await storage.loadDerivedValues(newer.id)).toEqual({ ok: true, value: undefined });
  });

  it('does not give values once another tab saved a newer version of the workbook', async () => {
    const factory = new IDBFactory();
    const mine = await tab(factory);
    const theirs = await tab(factory);
    const d = doc();
    await mine.saveIfUnchanged(d, undefined, valuesOf(d));
    // The other tab's save (or an import replacing the workbook) writes a version without these values.
    const changed = doc(T1, 'Från den andra fliken');
    expect((await theirs.saveIfUnchanged(changed, T0)).ok).toBe(true);
    expect(await mine.loadDerivedValues(d.id)).toEqual({ ok: true, value: undefined });
  });

  it('keeps values stored while a conflicting save is refused', async () => {
    const factory = new IDBFactory();
    const mine = await tab(factory);
    const theirs = await tab(factory);
    const d = doc();
    await mine.saveIfUnchanged(d, undefined, valuesOf(d));
    const refused = await theirs.saveIfUnchanged(doc(T2, 'B'), T1);
    expect(!refused.ok && isSaveConflict(refused.reason)).toBe(true);
    expect(await mine.loadDerivedValues(d.id)).toEqual({ ok: true, value: valuesOf(d) });
  });

  it('stores late values only if the stored document is still the version they came from', async () => {
    const storage = await tab(new IDBFactory());
    const d = doc();
    await storage.saveIfUnchanged(d, undefined);
    expect(await storage.saveDerivedValues(valuesOf(d))).toEqual({ ok: true, value: true });
    expect(await storage.loadDerivedValues(d.id)).toEqual({ ok: true, value: valuesOf(d) });
    await storage.saveIfUnchanged(doc(T1, 'Ändrad'), T0);
    expect(await storage.saveDerivedValues(valuesOf(d))).toEqual({ ok: true, value: false });
    expect(await storage.loadDerivedValues(d.id)).toEqual({ ok: true, value: undefined });
    expect(await storage.saveDerivedValues(valuesOf(doc(T0)))).toEqual({ ok: true, value: false });
  });

  it('ignores a malformed stored record and removes the values with the workbook', async () => {
    const factory = new IDBFactory();
    const storage = await tab(factory);
    const d = doc();
    await storage.saveIfUnchanged(d, undefined, valuesOf(d));
    storage.close();
    const db = await request(factory.open('bana'));
    await request(
      db
        .transaction(DERIVED_VALUES_STORE, 'readwrite')
        .objectStore(DERIVED_VALUES_STORE)
        .put({ ...valuesOf(d), view: { sheetId: 1 } }),
    );
    db.close();
    const again = await tab(factory);
    expect(await again.loadDerivedValues(d.id)).toEqual({ ok: true, value: undefined });
    await again.saveIfUnchanged(d, T0, valuesOf(d));
    expect((await again.remove(d.id)).ok).toBe(true);
    const check = await request(factory.open('bana'));
    expect(
      await request(check.transaction(DERIVED_VALUES_STORE).objectStore(DERIVED_VALUES_STORE).count()),
    ).toBe(0);
    check.close();
  });
});

describe('the version 4 upgrade', () => {
  it('keeps a version 3 database’s workbooks and adds the derived-values store, empty', async () => {
    const factory = new IDBFactory();
    const d = doc();
    // A database exactly as version 3 of the app created it, holding one workbook as versions 1–2 wrote it.
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open('bana', 3);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(WORKBOOKS_STORE, { keyPath: 'id' });
        req.result.createObjectStore(CATALOG_STORE, { keyPath: 'id' });
        req.result.createObjectStore(META_STORE);
        req.result
          .createObjectStore(SNAPSHOTS_STORE, { keyPath: 'id' })
          .createIndex(SNAPSHOTS_BY_WORKBOOK, 'workbookId');
        req.result.createObjectStore(ROW_CHUNKS_STORE, { keyPath: ['workbookId', 'sheetId', 'index'] });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction([WORKBOOKS_STORE, CATALOG_STORE], 'readwrite');
    tx.objectStore(WORKBOOKS_STORE).put(d);
    tx.objectStore(CATALOG_STORE).put(catalogEntryFor(d));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
    });
    db.close();

    const storage = await tab(factory);
    expect(await storage.load(d.id)).toEqual({ ok: true, value: d });
    expect(await storage.loadDerivedValues(d.id)).toEqual({ ok: true, value: undefined });
    storage.close();
    const upgraded = await request(factory.open('bana'));
    // Version 5 (document schema 2) runs after it and changes no store.
    expect(DB_VERSION).toBe(5);
    expect(upgraded.version).toBe(5);
    expect(upgraded.transaction(DERIVED_VALUES_STORE).objectStore(DERIVED_VALUES_STORE).keyPath).toBe(
      'workbookId',
    );
    upgraded.close();
  });
});
