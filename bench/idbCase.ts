// IndexedDB save and load of a ~100k-cell workbook through src/storage/db.ts (the app's only storage
// path: one transaction with the catalog entry on save; migrate + validate on load), in the page:
// a whole save, the app's save after one edit (one row chunk), and how long a whole save in chunks
// (the app's first save of a big paste) holds the main thread at most.
import { applyCommand } from '../src/core/commands';
import { createDocument, createSheet, type RawCell, type ScenarioDocument } from '../src/core/document';
import { openStorage, type WorkbookStorage } from '../src/storage/db';
import { type CaseResult, type Figure, stage, summarise } from './benchShared';

/** Run `work` while a MessageChannel ticker measures the longest stretch the main thread was busy. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  const channel = new MessageChannel();
  let last = performance.now();
  let longest = 0;
  let running = true;
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  await work();
  running = false;
  channel.port1.close();
  return longest;
}

async function open(): Promise<WorkbookStorage> {
  const opened = await openStorage();
  if (!opened.ok) throw new Error(opened.reason.message);
  return opened.value;
}

function at(doc: ScenarioDocument, second: number): ScenarioDocument {
  return {
    ...doc,
    meta: { ...doc.meta, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString() },
  };
}

export async function runIdbCase(q: URLSearchParams): Promise<CaseResult> {
  const n = Number(q.get('n')) || 100_000;
  const reps = Number(q.get('editReps')) || 5;
  const errors: string[] = [];
  stage('generate');
  // Half inputs, half formulas, as a filled planning sheet is: A = value, B = formula.
  const rows = Math.ceil(n / 2);
  const cells: RawCell[][] = Array.from({ length: rows }, (_, i) => [i * 1.5, `=A${i + 1}*$D$1`]);
  const doc = createDocument('Bench: IndexedDB');
  doc.sheets = [createSheet('Data', cells)];
  const storage = await open();
  const saves: number[] = [];
  const loads: number[] = [];
  const editSaves: number[] = [];
  const blocks: number[] = [];
  stage('saveLoad');
  for (let i = 0; i < reps + 1; i++) {
    const copy = {
      ...doc,
      meta: { ...doc.meta, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() },
    };
    let started = performance.now();
    const saved = await storage.save(copy);
    const saveMs = performance.now() - started;
    if (!saved.ok) errors.push(`save: ${saved.reason.message}`);
    started = performance.now();
    const loaded = await storage.load(doc.id);
    const loadMs = performance.now() - started;
    if (!loaded.ok) errors.push(`load: ${JSON.stringify(loaded.reason)}`);
    else if (loaded.value.sheets[0]?.cells.length !== rows) errors.push('load: wrong number of rows');
    if (i === 0) continue; // warm-up: creates the record and opens the stores
    saves.push(saveMs);
    loads.push(loadMs);
  }
  stage('editSave');
  // The app's path: the document it loaded, one cell edited, saved with the version check.
  const read = await storage.load(doc.id);
  if (!read.ok) throw new Error('load before the edits failed');
  let current = read.value;
  for (let i = 0; i < reps + 1; i++) {
    const sheetId = current.sheets[0]?.id;
    if (!sheetId) throw new Error('no sheet');
    const row = Math.floor(rows / 2) + i;
    const edited = at(
      applyCommand(current, { type: 'setCells', sheetId, row, col: 0, values: [[i + 0.5]] }).doc,
      100 + i,
    );
    const started = performance.now();
    const saved = await storage.saveIfUnchanged(edited, current.meta.updatedAt);
    const ms = performance.now() - started;
    if (!saved.ok) errors.push(`save after an edit: ${saved.reason.message}`);
    current = edited;
    if (i > 0) editSaves.push(ms);
  }
  stage('chunkedSave');
  // A connection that knows nothing stored (as after a big paste): the whole workbook in chunks.
  for (let i = 0; i < reps; i++) {
    const other = await open();
    const next = at(current, 200 + i);
    blocks.push(
      await longestBlock(async () => {
        const saved = await other.saveIfUnchanged(next, current.meta.updatedAt);
        if (!saved.ok) errors.push(`whole save in chunks: ${saved.reason.message}`);
      }),
    );
    current = next;
    other.close();
  }
  const check = await storage.load(doc.id);
  if (!check.ok || check.value.sheets[0]?.cells[Math.floor(rows / 2)]?.[0] !== 0.5)
    errors.push('the edited cell did not load back');
  storage.close();
  const label = `IndexedDB, workbook of ${(rows * 2).toLocaleString('en-US')} cells (${rows.toLocaleString('en-US')} formulas)`;
  const figures: Figure[] = [
    {
      id: 'idb.save',
      figure: `${label}: save (db.save, one transaction)`,
      bana: summarise(saves),
      bare: null,
      stat: 'median',
    },
    {
      id: 'idb.load',
      figure: `${label}: load (db.load, migrate + validate)`,
      bana: summarise(loads),
      bare: null,
      stat: 'median',
    },
    {
      id: 'idb.editSave',
      figure: `${label}: save after one edit (saveIfUnchanged: head + one row chunk)`,
      bana: summarise(editSaves),
      bare: null,
      stat: 'median',
    },
    {
      id: 'idb.chunkedSaveBlock',
      figure: `${label}: whole save in chunks (a first save), longest main-thread block`,
      bana: summarise(blocks),
      bare: null,
      stat: 'median',
    },
  ];
  return {
    shape: 'idb',
    formulaCells: rows,
    rows,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    figures,
    errors,
  };
}
