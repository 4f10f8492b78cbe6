// The in-memory WorkbookStorage keeps the contract of the IndexedDB one: newest first, not-found,
// conflicts on a stale save, flags and versions per workbook.
import { describe, expect, it } from 'vitest';
import { createDocument } from '../../src/core/document';
import type { SnapshotId } from '../../src/storage/db';
import { createMemoryStorage } from '../../src/storage/memoryStorage';

const at = (iso: string, name: string) => {
  const doc = createDocument(name, 'Blad1', new Date(iso));
  return doc;
};

describe('createMemoryStorage', () => {
  it('lists workbooks newest first and loads them; a missing id is not-found', async () => {
    const storage = createMemoryStorage();
    const old = at('2026-01-01T00:00:00Z', 'Gammal');
    const recent = at('2026-06-01T00:00:00Z', 'Ny');
    await storage.save(old);
    await storage.save(recent);
    expect((await storage.list()).map((e) => e.name)).toEqual(['Ny', 'Gammal']);
    expect(await storage.load(old.id)).toEqual({ ok: true, value: old });
    await storage.remove(old.id);
    expect(await storage.load(old.id)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('refuses a save over a version other than the expected one, and writes a new workbook', async () => {
    const storage = createMemoryStorage();
    const doc = at('2026-01-01T00:00:00Z', 'A');
    expect((await storage.saveIfUnchanged(doc, 'whatever')).ok).toBe(true);
    const newer = { ...doc, meta: { ...doc.meta, updatedAt: '2026-02-01T00:00:00Z' } };
    await storage.save(newer);
    const refused = await storage.saveIfUnchanged(doc, doc.meta.updatedAt);
    expect(refused).toMatchObject({
      ok: false,
      reason: { kind: 'conflict', storedUpdatedAt: '2026-02-01T00:00:00Z' },
    });
    expect((await storage.saveIfUnchanged(doc, newer.meta.updatedAt)).ok).toBe(true);
  });

  it('keeps flags and each workbook’s versions, newest first', async () => {
    const storage = createMemoryStorage();
    expect(await storage.getMeta('seeded')).toBeUndefined();
    await storage.setMeta('seeded', true);
    expect(await storage.getMeta('seeded')).toBe(true);
    const doc = at('2026-01-01T00:00:00Z', 'A');
    const snap = (id: string, createdAt: string) => ({
      id: id as SnapshotId,
      workbookId: doc.id,
      name: id,
      createdAt,
      doc,
    });
    await storage.saveSnapshot(snap('v1', '2026-01-02T00:00:00Z'));
    await storage.saveSnapshot(snap('v2', '2026-01-03T00:00:00Z'));
    const listed = await storage.listSnapshots(doc.id);
    expect(listed.ok && listed.value.map((s) => s.id)).toEqual(['v2', 'v1']);
    await storage.deleteSnapshot('v2' as SnapshotId);
    const after = await storage.listSnapshots(doc.id);
    expect(after.ok && after.value.map((s) => s.id)).toEqual(['v1']);
  });
});
