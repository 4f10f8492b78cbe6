// The library of workbooks over the in-memory storage: first run, opening, creating, copying, removing,
// and a save that meets another tab's newer version (keep mine / load theirs). No browser needed.
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/core/commands';
import { type ScenarioDocument, createDocument } from '../../src/core/document';
import { createLibrary } from '../../src/state/createLibrary';
import { createNotices } from '../../src/state/createNotices';
import { createMemoryStorage } from '../../src/storage/memoryStorage';

function setup(seeds: ScenarioDocument[] = [], saveDelayMs: number | undefined = 5) {
  const storage = createMemoryStorage();
  const notices = createNotices();
  let open: ScenarioDocument | null = null;
  const opened: { doc: ScenarioDocument; sameWorkbook: boolean }[] = [];
  const library = createLibrary({
    storage,
    persistent: true,
    notices,
    locale: () => 'en',
    now: () => new Date('2026-12-01T10:00:00Z'),
    seeds: async () => seeds,
    saveDelayMs,
    openTabChannel: () => null,
    current: () =>
      open && {
        doc: () => open as ScenarioDocument,
        editing: () => null,
        execute: (command) => {
          open = applyCommand(open as ScenarioDocument, command).doc;
          library.schedule(open);
        },
      },
    open: (doc, sameWorkbook) => {
      open = doc;
      opened.push({ doc, sameWorkbook });
    },
  });
  return { library, storage, notices, opened, current: () => open };
}

const seed = (name: string) => createDocument(name, 'Blad1', new Date('2026-01-01T00:00:00Z'));

describe('createLibrary', () => {
  it('writes each edit at once, one write for the edits of one frame', async () => {
    const { library, storage, current } = setup([seed('Klimatfond')], undefined);
    await library.openFirst();
    const writes: string[] = [];
    const save = storage.saveIfUnchanged.bind(storage);
    storage.saveIfUnchanged = (doc, ...rest) => {
      writes.push(doc.meta.name);
      return save(doc, ...rest);
    };
    const doc = current()!;
    for (const name of ['a', 'ab', 'abc'])
      library.schedule({
        ...doc,
        meta: { ...doc.meta, name, updatedAt: `2026-12-02T00:00:0${name.length}Z` },
      });
    // No 400 ms debounce: the next turn of the event loop (the next frame in a browser) writes.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(writes).toEqual(['abc']);
    const stored = await storage.load(doc.id);
    expect(stored.ok && stored.value.meta.name).toBe('abc');
    expect(library.saveStatus()).toEqual({ state: 'saved' });
  });

  it('seeds a first run once, opens the first seed, and reopens the last opened workbook later', async () => {
    const seeds = [seed('Klimatfond'), seed('Dalarna')];
    const { library, storage, current } = setup(seeds);
    await library.openFirst();
    expect(current()?.meta.name).toBe('Klimatfond');
    expect(library.catalog().map((e) => e.name)).toEqual(['Klimatfond', 'Dalarna']);
    await library.openById(seeds[1]!.id);
    expect(await storage.getMeta('lastOpened')).toBe(seeds[1]!.id);
    expect(await storage.getMeta('seeded')).toBe(true);
  });

  it('creates, duplicates (fresh sheet ids), renames and removes workbooks; removing the open one opens another', async () => {
    const { library, current } = setup([seed('Klimatfond')]);
    await library.openFirst();
    await library.createBlank();
    expect(current()?.meta.name).toBe('Untitled workbook');
    const blankId = current()!.id;
    await library.duplicate(blankId);
    const copy = current()!;
    expect(copy.meta.name).toBe('Untitled workbook (copy)');
    expect(copy.id).not.toBe(blankId);
    expect((await library.readWorkbook(blankId))?.sheets[0]?.id).not.toBe(copy.sheets[0]?.id);
    await library.renameWorkbook(copy.id, '  Kopian ');
    expect(library.catalog().find((e) => e.id === copy.id)?.name).toBe('Kopian');
    await library.removeWorkbook(copy.id);
    expect(library.catalog().some((e) => e.id === copy.id)).toBe(false);
    expect(current()?.id).not.toBe(copy.id);
  });

  it('never writes over a version another tab saved: the planner keeps theirs or mine', async () => {
    const { library, storage, notices, current, opened } = setup([seed('Klimatfond')]);
    await library.openFirst();
    const mine = current()!;
    // Another tab saves a newer version of the same workbook.
    const theirs = { ...mine, meta: { ...mine.meta, name: 'Theirs', updatedAt: '2026-12-24T00:00:00Z' } };
    await storage.save(theirs);
    library.schedule({ ...mine, meta: { ...mine.meta, name: 'Mine', updatedAt: '2026-12-02T00:00:00Z' } });
    await library.flush();
    expect(notices.list().some((n) => n.kind === 'tab-conflict')).toBe(true);
    expect((await storage.load(mine.id)).ok && (await library.readWorkbook(mine.id))?.meta.name).not.toBe(
      'Mine',
    );

    await library.loadTheirs(mine.id);
    expect(opened.at(-1)).toMatchObject({ sameWorkbook: true });
    expect(current()?.meta.name).toBe('Theirs');
    expect(notices.list().some((n) => n.kind === 'tab-conflict')).toBe(false);
  });

  it('"Keep my version" writes this tab’s document over exactly the version it was told about', async () => {
    const { library, storage, notices, current } = setup([seed('Klimatfond')]);
    await library.openFirst();
    const mine = current()!;
    await storage.save({
      ...mine,
      meta: { ...mine.meta, name: 'Theirs', updatedAt: '2026-12-24T00:00:00Z' },
    });
    library.schedule({ ...mine, meta: { ...mine.meta, name: 'Mine', updatedAt: '2026-12-02T00:00:00Z' } });
    await library.flush();
    expect(notices.list().some((n) => n.kind === 'tab-conflict')).toBe(true);
    await library.keepMine(mine.id);
    const stored = await storage.load(mine.id);
    expect(stored.ok && stored.value.meta.name).toBe('Klimatfond');
    expect(notices.list().some((n) => n.kind === 'tab-conflict')).toBe(false);
  });

  it('says which workbook could not be opened and why', async () => {
    const { library, notices } = setup([seed('Klimatfond')]);
    await library.openFirst();
    expect(await library.openById('wb_missing' as ScenarioDocument['id'])).toBe(false);
    const notice = notices.list().at(-1);
    expect(notice?.kind === 'message' && notice.text).toMatch(/could not be opened|not/i);
  });
});
