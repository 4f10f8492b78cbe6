// Named versions of the open workbook through the app's state: save, list, restore as one undoable
// step, branch into a new workbook, delete; in IndexedDB and, without it, in the tab's memory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScenarioDocument, createDocument, getRaw } from '../../src/core/document';
import { fail, ok } from '../../src/core/result';
import { type AppState, createAppState } from '../../src/state/createAppState';
import { createVersions } from '../../src/state/createVersions';
import { type WorkbookStorage, openStorage } from '../../src/storage/db';
import { inProcessEndpoints } from './support';

const apps: AppState[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) {
    // Let pending saves and the catalog refresh that follows each finish before storage closes.
    await app.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    app.dispose();
  }
});

function plan(): ScenarioDocument {
  const doc = createDocument('Klimatplan', 'Indata', new Date('2026-01-01T00:00:00Z'));
  doc.sheets[0]!.cells = [['Kostnad', 1000, 'kr']];
  return doc;
}

async function setup(mode: 'indexeddb' | 'memory') {
  let storage: WorkbookStorage | null = null;
  if (mode === 'indexeddb') {
    const opened = await openStorage({ indexedDB: new IDBFactory() });
    if (!opened.ok) throw new Error(opened.reason.message);
    storage = opened.value;
  }
  const doc = plan();
  let clock = Date.parse('2026-03-01T10:00:00Z');
  const now = () => {
    clock += 60_000;
    return new Date(clock);
  };
  const app = await createAppState({
    storage: storage ? ok(storage) : fail({ kind: 'unavailable', message: 'no IndexedDB' }),
    createEndpoint: inProcessEndpoints().create,
    locale: () => 'en',
    seeds: async () => [doc],
    download: () => {},
    now,
    saveDelayMs: 5,
  });
  apps.push(app);
  const versions = createVersions(app, { now });
  const cost = () => getRaw(app.session().doc().sheets[0]!, 0, 1);
  const setCost = (value: number) => app.session().setCells(0, 1, [[value]]);
  return { app, versions, storage, cost, setCost };
}

for (const mode of ['indexeddb', 'memory'] as const) {
  describe(`versions (${mode})`, () => {
    it('saves a version of the workbook as it is now and lists it, newest first', async () => {
      const { versions, setCost } = await setup(mode);
      const first = await versions.takeSnapshot('  Före remiss ');
      expect(first.ok && first.value.name).toBe('Före remiss');
      setCost(2000);
      await versions.takeSnapshot('Efter remiss');
      expect(versions.list().map((v) => v.name)).toEqual(['Efter remiss', 'Före remiss']);
      expect(getRaw(versions.list()[1]!.doc.sheets[0]!, 0, 1)).toBe(1000);
      expect(await versions.takeSnapshot('   ')).toEqual({ ok: false, reason: 'empty-name' });
    });

    it('restores a version as one step that undo takes back and redo repeats', async () => {
      const { app, versions, cost, setCost } = await setup(mode);
      const saved = await versions.takeSnapshot('Före');
      if (!saved.ok) throw new Error('not saved');
      setCost(2000);
      app.session().execute({ type: 'renameWorkbook', name: 'Omdöpt' }, 'rename-workbook');
      const undoDepth = app.session().history().undo.length;

      expect(versions.restore(saved.value.id)).toEqual({ ok: true, value: undefined });
      expect(cost()).toBe(1000);
      expect(app.session().doc().meta.name).toBe('Klimatplan');
      expect(app.session().history().undo.length).toBe(undoDepth + 1);

      app.session().undo();
      expect(cost()).toBe(2000);
      expect(app.session().doc().meta.name).toBe('Omdöpt');
      app.session().redo();
      expect(cost()).toBe(1000);
    });

    it('branches a new workbook from a version, opened, with the version’s values and a new id', async () => {
      const { app, versions, cost, setCost } = await setup(mode);
      const original = app.session().doc().id;
      const saved = await versions.takeSnapshot('Före');
      if (!saved.ok) throw new Error('not saved');
      setCost(2000);
      await app.flush();

      const branched = await versions.branch(saved.value.id);
      if (!branched.ok) throw new Error('not branched');
      expect(branched.value).not.toBe(original);
      expect(app.session().doc().id).toBe(branched.value);
      expect(app.session().doc().meta.name).toBe('Klimatplan – Före');
      expect(cost()).toBe(1000);
      expect(
        app
          .catalog()
          .map((e) => e.name)
          .sort(),
      ).toEqual(['Klimatplan', 'Klimatplan – Före']);
      // The new workbook has no versions of its own; the original keeps its value and its version.
      expect(versions.list()).toEqual([]);
      const kept = await app.readWorkbook(original);
      expect(getRaw(kept!.sheets[0]!, 0, 1)).toBe(2000);
      await app.openById(original);
      await versions.refresh();
      expect(versions.list().map((v) => v.name)).toEqual(['Före']);
    });

    it('deletes a version', async () => {
      const { versions } = await setup(mode);
      const a = await versions.takeSnapshot('A');
      await versions.takeSnapshot('B');
      if (!a.ok) throw new Error('not saved');
      expect(await versions.remove(a.value.id)).toEqual({ ok: true, value: undefined });
      expect(versions.list().map((v) => v.name)).toEqual(['B']);
    });
  });
}

describe('versions in IndexedDB', () => {
  it('are still there for a later visit, and go when their workbook is deleted', async () => {
    const { app, versions, storage } = await setup('indexeddb');
    const id = app.session().doc().id;
    await versions.takeSnapshot('Före');
    const again = createVersions(app);
    await again.refresh();
    expect(again.list().map((v) => v.name)).toEqual(['Före']);
    await app.removeWorkbook(id);
    expect(await storage!.listSnapshots(id)).toEqual({ ok: true, value: [] });
  });

  it('gives the storage failure back when the version cannot be written', async () => {
    const { versions, storage } = await setup('indexeddb');
    storage!.close();
    const saved = await versions.takeSnapshot('Före');
    expect(!saved.ok && typeof saved.reason === 'object' && saved.reason.kind).toBe('unavailable');
  });
});
