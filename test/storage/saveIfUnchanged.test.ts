// saveIfUnchanged: the save-time guard against another tab's newer version, checked and written in one
// readwrite transaction. Two connections on one fake-indexeddb factory play two tabs.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDocument, type ScenarioDocument } from '../../src/core/document';
import { isSaveConflict, openStorage, type WorkbookStorage } from '../../src/storage/db';

async function tab(factory: IDBFactory): Promise<WorkbookStorage> {
  const opened = await openStorage({ indexedDB: factory });
  if (!opened.ok) throw new Error(opened.reason.message);
  return opened.value;
}

function version(doc: ScenarioDocument, updatedAt: string, a1: string): ScenarioDocument {
  const sheet = doc.sheets[0];
  if (!sheet) throw new Error('no sheet');
  return { ...doc, meta: { ...doc.meta, updatedAt }, sheets: [{ ...sheet, cells: [[a1]] }] };
}

async function storedA1(storage: WorkbookStorage, doc: ScenarioDocument): Promise<unknown> {
  const loaded = await storage.load(doc.id);
  if (!loaded.ok) throw new Error(String(loaded.reason));
  return loaded.value.sheets[0]?.cells[0]?.[0];
}

const T0 = '2026-03-01T10:00:00.000Z';
const TA = '2026-03-01T10:00:01.000Z';
const TB = '2026-03-01T10:00:02.000Z';

describe('WorkbookStorage.saveIfUnchanged', () => {
  it('writes when the stored version is the one this tab loaded, and refuses another tab’s newer one', async () => {
    const factory = new IDBFactory();
    const [a, b] = [await tab(factory), await tab(factory)];
    const base = version(createDocument('Plan', 'Blad1', new Date(T0)), T0, 'start');
    expect((await a.save(base)).ok).toBe(true);

    // Both tabs loaded T0. A saves first: fine.
    expect((await a.saveIfUnchanged(version(base, TA, 'A'), T0)).ok).toBe(true);
    // B still thinks T0 is stored: refused, with the version it would overwrite, and nothing written.
    const refused = await b.saveIfUnchanged(version(base, TB, 'B'), T0);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(isSaveConflict(refused.reason)).toBe(true);
    expect(refused.reason).toMatchObject({ kind: 'conflict', storedUpdatedAt: TA });
    expect(await storedA1(a, base)).toBe('A');
    expect((await b.list())[0]?.updatedAt).toBe(TA);

    // "Keep my version": B names the version it overwrites on purpose.
    expect((await b.saveIfUnchanged(version(base, TB, 'B'), TA)).ok).toBe(true);
    expect(await storedA1(a, base)).toBe('B');
    // Now A is behind.
    const again = await a.saveIfUnchanged(version(base, '2026-03-01T10:00:03.000Z', 'A2'), TA);
    expect(again.ok).toBe(false);
  });

  it('lets exactly one of two simultaneous saves from the same version win', async () => {
    const factory = new IDBFactory();
    const [a, b] = [await tab(factory), await tab(factory)];
    const base = version(createDocument('Plan', 'Blad1', new Date(T0)), T0, 'start');
    await a.save(base);
    const [ra, rb] = await Promise.all([
      a.saveIfUnchanged(version(base, TA, 'A'), T0),
      b.saveIfUnchanged(version(base, TB, 'B'), T0),
    ]);
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1);
    const winner = ra.ok ? 'A' : 'B';
    expect(await storedA1(a, base)).toBe(winner);
    const catalog = await a.list();
    expect(catalog[0]?.updatedAt).toBe(ra.ok ? TA : TB);
  });

  it('writes a workbook that is not stored (new, deleted or cleared) and one saved without an expectation', async () => {
    const factory = new IDBFactory();
    const [a, b] = [await tab(factory), await tab(factory)];
    const base = version(createDocument('Plan', 'Blad1', new Date(T0)), T0, 'start');
    expect((await a.saveIfUnchanged(base, T0)).ok).toBe(true);
    expect((await b.remove(base.id)).ok).toBe(true);
    expect((await a.saveIfUnchanged(version(base, TA, 'again'), T0)).ok).toBe(true);
    expect(await storedA1(b, base)).toBe('again');
    // No expectation: a replacement on purpose.
    expect((await b.saveIfUnchanged(version(base, TB, 'replaced'), undefined)).ok).toBe(true);
    expect(await storedA1(a, base)).toBe('replaced');
  });

  it('returns a failure value, never throws, after the connection is closed', async () => {
    const storage = await tab(new IDBFactory());
    storage.close();
    const result = await storage.saveIfUnchanged(createDocument('Plan', 'Blad1', new Date(T0)), undefined);
    expect(result).toMatchObject({ ok: false, reason: { kind: 'unavailable' } });
  });
});
