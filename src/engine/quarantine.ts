// Cells set aside because calculating them took the engine past its time limit: which cells an edit
// or a workbook brings in, when a change of the cell releases one, and the search (by halves) for the
// formulas that make a whole workbook's load hang.
import { isFormula, type RawCell } from '../core/document';
import type { CellAt, EngineOp, EngineWorkbook } from '../../workers/contract';

/**
 * A cell whose contents once took the engine past its time limit. The engine gives it an error
 * instead of its formula until the cell is changed (its contents differ from `contents`).
 */
export interface QuarantinedCell extends CellAt {
  /** The sheet's name when the cell was set aside, to name the cell in a message. */
  sheet: string;
  /** The cell's raw contents when it was set aside; the document keeps them. */
  contents: RawCell;
}

const keyOf = (cell: CellAt) => `${cell.sheetId}\u0000${cell.row}\u0000${cell.col}`;

function contentsAt(workbook: EngineWorkbook, cell: CellAt): RawCell | undefined {
  const sheet = workbook.sheets.find((s) => s.id === cell.sheetId);
  if (!sheet) return undefined;
  return sheet.cells[cell.row]?.[cell.col] ?? null;
}

/** The list without the cells the workbook no longer holds as they were set aside (edited, moved, gone). */
export function stillQuarantined(list: QuarantinedCell[], workbook: EngineWorkbook): QuarantinedCell[] {
  return list.filter((cell) => contentsAt(workbook, cell) === cell.contents);
}

/** The list without the cells these ops write: an edit of a set-aside cell is tried again. */
export function releasedBy(list: QuarantinedCell[], ops: EngineOp[]): QuarantinedCell[] {
  return list.filter(
    (cell) =>
      !ops.some(
        (op) =>
          op.sheetId === cell.sheetId &&
          cell.row >= op.row &&
          cell.row < op.row + op.values.length &&
          cell.col >= op.col &&
          cell.col < op.col + (op.values[cell.row - op.row]?.length ?? 0),
      ),
  );
}

/** The workbook as the engine gets it: with the quarantined cells listed, so it shows errors there. */
export function withQuarantine(workbook: EngineWorkbook, list: readonly CellAt[]): EngineWorkbook {
  if (list.length === 0) return workbook;
  return { ...workbook, quarantined: list.map(({ sheetId, row, col }) => ({ sheetId, row, col })) };
}

/** The non-empty cells these ops write, as they stand in `workbook` (the suspects of an edit that hung). */
export function cellsOfOps(ops: EngineOp[], workbook: EngineWorkbook): QuarantinedCell[] {
  const out = new Map<string, QuarantinedCell>();
  for (const op of ops) {
    const sheet = workbook.sheets.find((s) => s.id === op.sheetId);
    if (!sheet) continue;
    op.values.forEach((line, dr) => {
      line.forEach((value, dc) => {
        if (value === null || value === '') return;
        const cell = { sheetId: op.sheetId, row: op.row + dr, col: op.col + dc };
        out.set(keyOf(cell), { ...cell, sheet: sheet.name, contents: value });
      });
    });
  }
  return [...out.values()];
}

/** Every formula cell of the workbook not already set aside: the suspects of a load that hung. */
export function formulaCells(workbook: EngineWorkbook, aside: readonly CellAt[]): QuarantinedCell[] {
  const skip = new Set(aside.map(keyOf));
  const out: QuarantinedCell[] = [];
  for (const sheet of workbook.sheets) {
    sheet.cells.forEach((line, row) => {
      line.forEach((contents, col) => {
        if (!isFormula(contents)) return;
        const cell = { sheetId: sheet.id, row, col };
        if (!skip.has(keyOf(cell))) out.push({ ...cell, sheet: sheet.name, contents });
      });
    });
  }
  return out;
}

/** Tries a load with these suspects set aside: true when it finished in time. */
export type Probe = (aside: QuarantinedCell[]) => Promise<boolean>;

/**
 * The suspects without which the load finishes: first all set aside (if that still hangs, the
 * formulas are not the cause: null), then halves brought back one at a time — a half that loads is
 * cleared, one that hangs is split until single cells remain. About k·log2(n) probes for k culprits
 * among n suspects; after `maxProbes` every suspect not yet cleared is set aside, to stay bounded.
 */
export async function findCulprits(
  suspects: QuarantinedCell[],
  probe: Probe,
  maxProbes = 64,
): Promise<QuarantinedCell[] | null> {
  if (!(await probe(suspects))) return null;
  let probes = 1;
  const cleared = new Set<QuarantinedCell>();
  const culprits: QuarantinedCell[] = [];
  const asideExcept = (group: QuarantinedCell[]) => {
    const inGroup = new Set(group);
    return suspects.filter((cell) => !cleared.has(cell) && !inGroup.has(cell));
  };
  async function search(group: QuarantinedCell[], knownToHang: boolean): Promise<void> {
    if (group.length === 0) return;
    if (probes >= maxProbes) {
      culprits.push(...group);
      return;
    }
    if (!knownToHang) {
      probes++;
      if (await probe(asideExcept(group))) {
        for (const cell of group) cleared.add(cell);
        return;
      }
    }
    if (group.length === 1) {
      culprits.push(...group);
      return;
    }
    const half = group.length >> 1;
    const first = group.slice(0, half);
    await search(first, false);
    // When the first half loaded, the hang is in the second: no need to try it whole.
    const firstCleared = first.every((cell) => cleared.has(cell));
    await search(group.slice(half), firstCleared);
  }
  await search(suspects, true);
  return culprits;
}
