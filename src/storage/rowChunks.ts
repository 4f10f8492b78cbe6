// How a workbook is laid out in IndexedDB since database version 3, and what one save must write.
// A head record (the document with its cells left out) goes to `workbooks`; each sheet's rows go to
// `rowChunks` in chunks of CHUNK_ROWS. Rows are immutable and shared between document versions, so a
// chunk whose rows are the same objects as at the last save is already stored: an edit of one cell in a
// 100 000-row workbook writes the head and one chunk, not the whole workbook. Pure: no IndexedDB here.
import type { RawCell, ScenarioDocument, ScenarioId, Sheet, SheetId } from '../core/document';

/** Rows per chunk. Stored in each head, so it may change without rewriting old workbooks. */
export const CHUNK_ROWS = 256;
/** The head's marker of this layout. A head without it is a whole document (database versions 1–2). */
export const LAYOUT = 'row-chunks';

/** One stored chunk: rows `index * chunkRows …` of one sheet. Keyed by [workbookId, sheetId, index]. */
export interface RowChunk {
  workbookId: ScenarioId;
  sheetId: SheetId;
  index: number;
  rows: RawCell[][];
}

/** A sheet in a head record: everything but the cells, and how many rows the chunks hold. */
export type SheetHead = Omit<Sheet, 'cells'> & { cells: []; rowCount: number };

/** The record in `workbooks`: the document without cell contents. */
export type WorkbookHead = Omit<ScenarioDocument, 'sheets'> & {
  layout: typeof LAYOUT;
  chunkRows: number;
  sheets: SheetHead[];
};

/**
 * What this connection knows is stored for a workbook: the version (`meta.updatedAt`, the same as its
 * catalog entry's) and, per sheet, the cells array that was written and the non-empty cells per chunk.
 */
export interface StoredLayout {
  updatedAt: string;
  sheets: ReadonlyMap<SheetId, { cells: readonly (RawCell[] | undefined)[]; counts: readonly number[] }>;
}

/** Everything one save writes, in one transaction. */
export interface SavePlan {
  head: WorkbookHead;
  /** Chunks to put (all of them when `full`). */
  puts: RowChunk[];
  /** Chunks to delete: of sheet `sheetId`, those with index ≥ `from` (0 for a removed sheet). */
  deletes: { sheetId: SheetId; from: number }[];
  /** True when nothing stored can be reused: delete all of the workbook's chunks first. */
  full: boolean;
  /** Non-empty cells over all sheets, for the catalog entry. */
  cellCount: number;
  /** What will be stored once the transaction commits. */
  next: StoredLayout;
}

/** Non-empty cells in rows `from` to `to` (exclusive). */
export function countCells(rows: readonly (RawCell[] | undefined)[], from = 0, to = rows.length): number {
  let count = 0;
  for (let r = from; r < to; r++) {
    const row = rows[r];
    if (!row) continue;
    for (const cell of row) if (cell !== null && cell !== undefined && cell !== '') count++;
  }
  return count;
}

function chunkUnchanged(
  cells: readonly (RawCell[] | undefined)[],
  stored: readonly (RawCell[] | undefined)[],
  from: number,
  to: number,
): boolean {
  if (Math.min(stored.length, from + CHUNK_ROWS) !== to) return false;
  for (let r = from; r < to; r++) if (cells[r] !== stored[r]) return false;
  return true;
}

/**
 * Plan the save of `doc`. With `known` (what the store holds, as this connection wrote or read it),
 * only changed chunks are written and chunks past a sheet's end or of removed sheets are deleted;
 * without it, everything is written after the workbook's old chunks are deleted.
 */
export function planSave(doc: ScenarioDocument, known?: StoredLayout): SavePlan {
  const puts: RowChunk[] = [];
  const deletes: { sheetId: SheetId; from: number }[] = [];
  const sheets = new Map<SheetId, { cells: readonly (RawCell[] | undefined)[]; counts: number[] }>();
  let cellCount = 0;
  for (const sheet of doc.sheets) {
    const cells = sheet.cells;
    const chunks = Math.ceil(cells.length / CHUNK_ROWS);
    const before = known?.sheets.get(sheet.id);
    const counts: number[] = [];
    for (let index = 0; index < chunks; index++) {
      const from = index * CHUNK_ROWS;
      const to = Math.min(cells.length, from + CHUNK_ROWS);
      const storedCount = before?.counts[index];
      if (before && storedCount !== undefined && chunkUnchanged(cells, before.cells, from, to)) {
        counts.push(storedCount);
      } else {
        counts.push(countCells(cells, from, to));
        puts.push({ workbookId: doc.id, sheetId: sheet.id, index, rows: cells.slice(from, to) });
      }
    }
    if (before && before.counts.length > chunks) deletes.push({ sheetId: sheet.id, from: chunks });
    for (const count of counts) cellCount += count;
    sheets.set(sheet.id, { cells, counts });
  }
  if (known) {
    for (const id of known.sheets.keys()) if (!sheets.has(id)) deletes.push({ sheetId: id, from: 0 });
  }
  const head: WorkbookHead = {
    ...doc,
    layout: LAYOUT,
    chunkRows: CHUNK_ROWS,
    sheets: doc.sheets.map(({ cells, ...rest }) => ({ ...rest, cells: [], rowCount: cells.length })),
  };
  return { head, puts, deletes, full: !known, cellCount, next: { updatedAt: doc.meta.updatedAt, sheets } };
}

/** What is stored for `doc` right after it was read whole from the store. */
export function layoutOf(doc: ScenarioDocument): StoredLayout {
  return planSave(doc).next;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Put a stored workbook together from its head and its chunks, for migration and validation. A record
 * without the layout marker is returned as it is (a whole document from database versions 1–2).
 * @returns the document-shaped record and whether it was stored in chunks, or `'invalid'` when the
 *   chunks do not add up to the head's sheets (a missing, extra or misplaced chunk).
 */
export function assemble(
  head: unknown,
  chunks: readonly unknown[],
): { record: unknown; chunked: boolean } | 'invalid' {
  if (!isRecord(head) || head.layout !== LAYOUT) return { record: head, chunked: false };
  const chunkRows = head.chunkRows;
  const sheets = head.sheets;
  if (!isCount(chunkRows) || chunkRows === 0 || !Array.isArray(sheets)) return 'invalid';
  const bySheet = new Map<unknown, Map<number, unknown[]>>();
  for (const chunk of chunks) {
    if (!isRecord(chunk) || !isCount(chunk.index) || !Array.isArray(chunk.rows)) return 'invalid';
    const slots = bySheet.get(chunk.sheetId) ?? new Map<number, unknown[]>();
    bySheet.set(chunk.sheetId, slots);
    slots.set(chunk.index, chunk.rows);
  }
  const assembled: unknown[] = [];
  for (const sheet of sheets) {
    if (!isRecord(sheet) || !isCount(sheet.rowCount)) return 'invalid';
    const slots = bySheet.get(sheet.id) ?? new Map<number, unknown[]>();
    bySheet.delete(sheet.id);
    const expected = Math.ceil(sheet.rowCount / chunkRows);
    if (slots.size !== expected) return 'invalid';
    const cells: unknown[] = [];
    for (let index = 0; index < expected; index++) {
      const rows = slots.get(index);
      const size = Math.min(chunkRows, sheet.rowCount - index * chunkRows);
      if (!rows || rows.length !== size) return 'invalid';
      for (const row of rows) cells.push(row);
    }
    const { rowCount: _rowCount, ...rest } = sheet;
    assembled.push({ ...rest, cells });
  }
  if (bySheet.size > 0) return 'invalid';
  const { layout: _layout, chunkRows: _chunkRows, ...doc } = head;
  return { record: { ...doc, sheets: assembled }, chunked: true };
}
