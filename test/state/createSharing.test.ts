import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { ScenarioDocument, ScenarioId } from '../../src/core/document';
import { MAX_FILE_BYTES, parseWorkbookFile } from '../../src/core/fileFormat';
import { encodeWorkbookLink } from '../../src/core/link';
import type { Notice } from '../../src/state/createAppState';
import { type ImportFile, type SharingApp, createSharing } from '../../src/state/createSharing';

type NoticeInput = Parameters<SharingApp['notify']>[0];

function fixtureFile(name: string, as = name): ImportFile & { read: () => number } {
  const bytes = readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));
  let reads = 0;
  return {
    name: as,
    size: bytes.length,
    text: async () => {
      reads++;
      return new TextDecoder().decode(bytes);
    },
    read: () => reads,
  };
}

function fixtureDoc(name: string): ScenarioDocument {
  const text = readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url), 'utf8');
  const parsed = parseWorkbookFile(text, text.length);
  if (!parsed.ok) throw new Error(parsed.reason.kind);
  return parsed.value;
}

/** An app with an in-memory store: just what sharing uses. */
function fakeApp(initial: ScenarioDocument[] = []) {
  const stored = new Map<ScenarioId, ScenarioDocument>(initial.map((d) => [d.id, d]));
  let open: ScenarioDocument | undefined = initial[0];
  const notices: NoticeInput[] = [];
  const downloads: { fileName: string; text: string }[] = [];
  const app = {
    session: () => ({ doc: () => open as ScenarioDocument }),
    addWorkbook: vi.fn(async (doc: ScenarioDocument) => {
      stored.set(doc.id, doc);
      open = doc;
    }),
    readWorkbook: async (id: ScenarioId) => stored.get(id) ?? null,
    notify: (notice: NoticeInput) => notices.push(notice),
    download: (fileName: string, text: string) => downloads.push({ fileName, text }),
  };
  return { app: app as unknown as SharingApp, stored, notices, downloads, addWorkbook: app.addWorkbook };
}

function messages(notices: NoticeInput[]): { tone: string; text: string }[] {
  return notices.map((n) => {
    const m = n as Extract<Notice, { kind: 'message' }>;
    return { tone: m.tone, text: m.text };
  });
}

const locale = () => 'en' as const;

describe('createSharing', () => {
  it('exports the open workbook as <name>.bana.json that imports back unchanged', async () => {
    const doc = fixtureDoc('valid-v1.bana.json');
    const { app, downloads } = fakeApp([doc]);
    createSharing(app, { locale, clipboardWrite: async () => {} }).exportFile();
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.fileName).toBe('Delad färdplan Gävleborg.bana.json');
    const back = parseWorkbookFile(downloads[0]?.text ?? '', 1);
    expect(back).toEqual({ ok: true, value: doc });
  });

  it('adds an imported workbook whose id is new, and says so', async () => {
    const { app, stored, notices } = fakeApp();
    const sharing = createSharing(app, { locale, clipboardWrite: async () => {} });
    await sharing.importFiles([fixtureFile('valid-v1.bana.json')]);
    expect([...stored.keys()]).toEqual(['wb_fixture_file']);
    expect(messages(notices)).toEqual([{ tone: 'info', text: 'Imported “Delad färdplan Gävleborg”.' }]);
  });

  it('asks before touching a stored workbook with the same id, and keeps both as a copy', async () => {
    const existing = {
      ...fixtureDoc('valid-v1.bana.json'),
      meta: { ...fixtureDoc('valid-v1.bana.json').meta, name: 'Min version' },
    };
    const { app, stored } = fakeApp([existing]);
    const sharing = createSharing(app, { locale, clipboardWrite: async () => {} });
    const importing = sharing.importFiles([fixtureFile('valid-v1.bana.json', 'gävle.bana.json')]);
    await vi.waitFor(() => expect(sharing.conflict()).not.toBeNull());
    expect(sharing.conflict()).toEqual({
      fileName: 'gävle.bana.json',
      importedName: 'Delad färdplan Gävleborg',
      existingName: 'Min version',
    });
    expect(stored.get(existing.id)?.meta.name).toBe('Min version');
    sharing.resolveConflict('keep-both');
    await importing;
    expect(sharing.conflict()).toBeNull();
    expect(stored.get(existing.id)?.meta.name).toBe('Min version');
    const names = [...stored.values()].map((d) => d.meta.name).sort();
    expect(names).toEqual(['Delad färdplan Gävleborg (imported)', 'Min version']);
  });

  it('replaces the stored workbook only when the planner says so', async () => {
    const doc = fixtureDoc('valid-v1.bana.json');
    const existing = { ...doc, meta: { ...doc.meta, name: 'Min version' } };
    const { app, stored } = fakeApp([existing]);
    const sharing = createSharing(app, { locale, clipboardWrite: async () => {} });
    const importing = sharing.importFiles([fixtureFile('valid-v1.bana.json')]);
    await vi.waitFor(() => expect(sharing.conflict()).not.toBeNull());
    sharing.resolveConflict('replace');
    await importing;
    expect([...stored.values()].map((d) => d.meta.name)).toEqual(['Delad färdplan Gävleborg']);
  });

  it('changes nothing when the question is cancelled', async () => {
    const doc = fixtureDoc('valid-v1.bana.json');
    const { app, stored, notices, addWorkbook } = fakeApp([doc]);
    const sharing = createSharing(app, { locale, clipboardWrite: async () => {} });
    const importing = sharing.importFiles([fixtureFile('valid-v1.bana.json')]);
    await vi.waitFor(() => expect(sharing.conflict()).not.toBeNull());
    sharing.resolveConflict('cancel');
    await importing;
    expect(addWorkbook).not.toHaveBeenCalled();
    expect(stored.size).toBe(1);
    expect(notices).toEqual([]);
  });

  it.each([
    ['truncated.txt', 'Budget.bana.json', 'it is not a Bana scenario file (its text is not JSON'],
    ['empty.txt', 'Tom.bana.json', 'it is empty.'],
    ['picture.png', 'Bild.bana.json', 'it is not a Bana scenario file (its text is not JSON'],
    ['wrong-shape.json', 'wrong-shape.json', 'it is not a Bana scenario file.'],
    ['newer-version.bana.json', 'Ny.bana.json', 'it was made by a newer version of Bana'],
    [
      'invalid-cell.bana.json',
      'Trasig.bana.json',
      'it is a Bana scenario file, but damaged (sheets[0].cells[1][1]',
    ],
  ])('refuses %s with a message naming the file, and changes nothing', async (fixture, as, reason) => {
    const { app, notices, addWorkbook } = fakeApp();
    const sharing = createSharing(app, { locale, clipboardWrite: async () => {} });
    await sharing.importFiles([fixtureFile(fixture, as)]);
    expect(addWorkbook).not.toHaveBeenCalled();
    const [notice] = messages(notices);
    expect(notice?.tone).toBe('error');
    expect(notice?.text).toContain(`Could not import “${as}”: ${reason}`);
    expect(notice?.text).toContain('Nothing was changed.');
  });

  it('refuses a file over the size limit without reading it', async () => {
    const { app, notices, addWorkbook } = fakeApp();
    const huge = { name: 'Stor.bana.json', size: MAX_FILE_BYTES + 1, text: vi.fn(async () => '{}') };
    await createSharing(app, { locale, clipboardWrite: async () => {} }).importFiles([huge]);
    expect(huge.text).not.toHaveBeenCalled();
    expect(addWorkbook).not.toHaveBeenCalled();
    expect(messages(notices)[0]?.text).toBe(
      'Could not import “Stor.bana.json”: it is larger than 50 MB. Nothing was changed.',
    );
  });

  it('imports the good files of a mixed drop and names the bad ones in one notice', async () => {
    const { app, stored, notices } = fakeApp();
    const sharing = createSharing(app, { locale, clipboardWrite: async () => {} });
    await sharing.importFiles([fixtureFile('empty.txt', 'tom.json'), fixtureFile('valid-v1.bana.json')]);
    expect(stored.size).toBe(1);
    expect(messages(notices)).toEqual([
      {
        tone: 'error',
        text: 'Could not import “tom.json”: it is empty. Nothing was changed. Imported “Delad färdplan Gävleborg”.',
      },
    ]);
  });

  it('copies a link to the clipboard and says that nothing is uploaded', async () => {
    const doc = fixtureDoc('valid-v1.bana.json');
    const { app, notices } = fakeApp([doc]);
    const written: string[] = [];
    const sharing = createSharing(app, {
      locale,
      clipboardWrite: async (text) => {
        written.push(text);
      },
      baseUrl: () => 'https://bana.example.se/',
    });
    await sharing.copyLink();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^https:\/\/bana\.example\.se\/#w=[A-Za-z0-9_-]+$/);
    expect(messages(notices)[0]?.tone).toBe('info');
    expect(messages(notices)[0]?.text).toContain('not uploaded anywhere');
  });

  it('suggests exporting a file when the workbook is too large for a link', async () => {
    const doc = fixtureDoc('valid-v1.bana.json');
    const { app, notices } = fakeApp([doc]);
    const clipboardWrite = vi.fn(async () => {});
    // A long base stands in for a large workbook: the limit is on the whole link.
    const sharing = createSharing(app, {
      locale,
      clipboardWrite,
      baseUrl: () => `https://x.se/${'a'.repeat(30_000)}`,
    });
    await sharing.copyLink();
    expect(clipboardWrite).not.toHaveBeenCalled();
    expect(messages(notices)[0]?.tone).toBe('error');
    expect(messages(notices)[0]?.text).toContain('is too large for a link');
    expect(messages(notices)[0]?.text).toContain('Use “Export file” and send the file instead.');
  });

  it('reports a clipboard that refuses', async () => {
    const { app, notices } = fakeApp([fixtureDoc('valid-v1.bana.json')]);
    const sharing = createSharing(app, {
      locale,
      clipboardWrite: async () => {
        throw new Error('Write permission denied.');
      },
      baseUrl: () => 'https://bana.example.se/',
    });
    await sharing.copyLink();
    expect(messages(notices)[0]).toEqual({
      tone: 'error',
      text: 'The link could not be copied to the clipboard (Write permission denied.). Use “Export file” instead.',
    });
  });

  it('opens a link as a copy with a new id and the same name, then clears the fragment', async () => {
    const doc = fixtureDoc('valid-v1.bana.json');
    const link = encodeWorkbookLink(doc, 'https://bana.example.se/');
    if (!link.ok) throw new Error('expected a link');
    const { app, stored, notices } = fakeApp([doc]);
    const clearFragment = vi.fn();
    const sharing = createSharing(app, { locale, clipboardWrite: async () => {}, clearFragment });
    expect(await sharing.openFromLocation(new URL(link.value).hash)).toBe(true);
    expect(clearFragment).toHaveBeenCalledOnce();
    expect(stored.size).toBe(2);
    const copy = [...stored.values()].find((d) => d.id !== doc.id) as ScenarioDocument;
    expect(copy.meta.name).toBe(doc.meta.name);
    expect(copy.sheets).toEqual(doc.sheets);
    expect(messages(notices)[0]?.tone).toBe('info');
  });

  it('leaves the app alone when there is no link, and reports a broken one', async () => {
    const { app, notices, addWorkbook } = fakeApp([fixtureDoc('valid-v1.bana.json')]);
    const clearFragment = vi.fn();
    const sharing = createSharing(app, { locale, clipboardWrite: async () => {}, clearFragment });
    expect(await sharing.openFromLocation('')).toBe(false);
    expect(await sharing.openFromLocation('#sheet-grid')).toBe(false);
    expect(clearFragment).not.toHaveBeenCalled();
    expect(await sharing.openFromLocation('#w=eJzLSM3JyQcABiwCFQ')).toBe(false);
    expect(clearFragment).toHaveBeenCalledOnce();
    expect(addWorkbook).not.toHaveBeenCalled();
    expect(messages(notices)[0]?.tone).toBe('error');
    expect(messages(notices)[0]?.text).toMatch(/^The link could not be opened: .+ Bana opened as usual\.$/);
  });
});
