// IndexedDB save and load of a ~100k-cell workbook through src/storage/db.ts (the app's only storage
// path: one transaction with the catalog entry on save; migrate + validate on load), in the page.
import { createDocument, createSheet, type RawCell } from '../src/core/document';
import { openStorage } from '../src/storage/db';
import { type CaseResult, type Figure, stage, summarise } from './benchShared';

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
  const opened = await openStorage();
  if (!opened.ok) throw new Error(opened.reason.message);
  const storage = opened.value;
  const saves: number[] = [];
  const loads: number[] = [];
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
