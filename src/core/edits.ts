// Pure edit planning: what a paste, a cut-and-paste move, a clear, a copy or a click-to-reference does
// to a document, as a command for `applyCommand` (or a refusal that says why). No state: the workbook
// session keeps the clipboard and the selection and runs what these functions plan.
import { type CellAddress, type CellRange, MAX_COLS, MAX_ROWS, formatRange } from './address';
import { parseTsv, toHtmlTable, toTsv } from './clipboard';
import { type Command, applyCommand } from './commands';
import {
  type RawCell,
  type ScenarioDocument,
  type SheetId,
  findSheet,
  getRaw,
  isFormula,
  usedSize,
} from './document';
import {
  type CellMove,
  acceptsReferenceAt,
  moveReferences,
  referenceEndingAt,
  shiftFormula,
} from './formula';
import { type NumberFormat, formatAt, storedCode } from './numberFormat';
import { LIMITS } from './schema';
import type { NotInListProblem } from './validation';

/** Why typed or pasted input was refused; nothing was changed. */
export type InputProblem =
  | 'paste-too-large'
  | 'paste-beyond-sheet'
  | 'cell-too-long'
  /** A choice cell's value not in its list, with the values it allows. */
  | NotInListProblem;

/**
 * The most text one paste may hold, checked before it is parsed: ten times a full-width Excel
 * row of long cells, and far above any table a planner copies. Larger text (a 10 MB log) is refused.
 */
export const MAX_PASTE_TEXT_LENGTH = 5_000_000;
/** The most cells one paste may write: a bound on one edit's recalculation and undo entry. */
export const MAX_PASTE_CELLS = 1_000_000;

/** What Bana copied or cut last: the text it put on the system clipboard and the raw cells behind it. */
export interface ClipboardBlock {
  text: string;
  sheetId: SheetId;
  rect: CellRange;
  raws: RawCell[][];
  /** The cells' number format codes (null for General), pasted with them as Excel does. */
  formats: (string | null)[][];
  cut: boolean;
}

/** A planned edit: the command, its undo label, and the cells it wrote (to select them). */
export interface PlannedEdit {
  command: Command;
  label: string;
  written: CellRange;
}

export type Plan<T = PlannedEdit> = { ok: true; value: T } | { ok: false; problem: InputProblem };

/** The cells of `rect`, row by row, each from `fill`. */
export function blockOf(rect: CellRange, fill: (row: number, col: number) => RawCell): RawCell[][] {
  const rows: RawCell[][] = [];
  for (let r = rect.row; r <= rect.rowEnd; r++) {
    const row: RawCell[] = [];
    for (let c = rect.col; c <= rect.colEnd; c++) row.push(fill(r, c));
    rows.push(row);
  }
  return rows;
}

/** `rect` limited to the sheet's used area, so clearing a whole column does not write a million nulls. */
export function clampToUsed(doc: ScenarioDocument, sheetId: SheetId, rect: CellRange): CellRange | null {
  const sheet = findSheet(doc, sheetId);
  if (!sheet) return null;
  const size = usedSize(sheet);
  const rowEnd = Math.min(rect.rowEnd, size.rows - 1);
  const colEnd = Math.min(rect.colEnd, size.cols - 1);
  if (rowEnd < rect.row || colEnd < rect.col) return null;
  return { ...rect, rowEnd, colEnd };
}

/** The text a cell may hold: an over-long text would make a document that does not load again. */
export function cellTextProblem(raw: RawCell): InputProblem | null {
  return typeof raw === 'string' && raw.length > LIMITS.maxCellTextLength ? 'cell-too-long' : null;
}

/** Clear `rect` (within the used area); null when nothing there has content. */
export function planClear(doc: ScenarioDocument, sheetId: SheetId, rect: CellRange): PlannedEdit | null {
  const bounded = clampToUsed(doc, sheetId, rect);
  const sheet = findSheet(doc, sheetId);
  if (!bounded || !sheet) return null;
  const hasContent = blockOf(bounded, (r, c) => getRaw(sheet, r, c)).some((row) =>
    row.some((v) => v !== null),
  );
  if (!hasContent) return null;
  const values = blockOf(bounded, () => null);
  return {
    command: { type: 'setCells', sheetId, row: bounded.row, col: bounded.col, values },
    label: 'clear',
    written: bounded,
  };
}

/**
 * Copy `rect` (within the used area; at least its first cell): the clipboard's TSV and HTML, each cell
 * as `cellText` gives it, and the block Bana keeps to paste formulas, not values, within the app.
 */
export function planCopy(
  doc: ScenarioDocument,
  sheetId: SheetId,
  rect: CellRange,
  cut: boolean,
  cellText: (row: number, col: number) => string,
): { text: string; html: string; block: ClipboardBlock } {
  const bounded = clampToUsed(doc, sheetId, rect) ?? { ...rect, rowEnd: rect.row, colEnd: rect.col };
  const sheet = findSheet(doc, sheetId);
  const rows: string[][] = [];
  for (let r = bounded.row; r <= bounded.rowEnd; r++) {
    const row: string[] = [];
    for (let c = bounded.col; c <= bounded.colEnd; c++) row.push(cellText(r, c));
    rows.push(row);
  }
  const text = toTsv(rows);
  const raws = blockOf(bounded, (r, c) => (sheet ? getRaw(sheet, r, c) : null));
  const formats = formatBlock(sheet?.formats, bounded);
  return { text, html: toHtmlTable(rows), block: { text, sheetId, rect: bounded, raws, formats, cut } };
}

/** Whether pasted text is what Bana itself put on the clipboard (line endings aside). */
export function isOwnClipboard(block: ClipboardBlock | null, text: string): block is ClipboardBlock {
  return block !== null && normaliseNewlines(block.text) === normaliseNewlines(text);
}

/**
 * Paste at `at` on `sheetId`. Text Bana copied itself pastes its raw cells (formulas shifted, as Excel
 * does; a cut moves them, see planMove); other text is read as TSV, each cell parsed by `parse`.
 * Refused, with nothing changed, when the text or block is too large or does not fit on the sheet.
 * @returns the plan, a refusal, or null when there is nothing to paste.
 */
export function planPaste(
  doc: ScenarioDocument,
  sheetId: SheetId,
  at: CellAddress,
  text: string,
  own: ClipboardBlock | null,
  parse: (text: string) => RawCell,
): Plan | null {
  let block: RawCell[][];
  if (own) {
    const dRow = at.row - own.rect.row;
    const dCol = at.col - own.rect.col;
    block = own.cut
      ? own.raws
      : own.raws.map((row) => row.map((raw) => (isFormula(raw) ? shiftFormula(raw, dRow, dCol) : raw)));
  } else {
    // Checked before parsing: a 10 MB text must not freeze the tab, and could not be saved anyway.
    if (text.length > MAX_PASTE_TEXT_LENGTH) return refuse('paste-too-large');
    const rows = parseTsv(text);
    if (rows.length === 0) return null;
    // A loop, not Math.max(...rows): a million-row paste would overflow the call stack.
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (rows.length * width > MAX_PASTE_CELLS) return refuse('paste-too-large');
    block = rows.map((r) => Array.from({ length: width }, (_, i) => parse(r[i] ?? '')));
  }
  const height = block.length;
  const width = block.reduce((w, r) => Math.max(w, r.length), 0);
  if (height === 0 || width === 0) return null;
  if (height * width > MAX_PASTE_CELLS) return refuse('paste-too-large');
  if (at.row + height > MAX_ROWS || at.col + width > MAX_COLS) return refuse('paste-beyond-sheet');
  if (block.some((row) => row.some((v) => cellTextProblem(v) !== null))) return refuse('cell-too-long');
  const written: CellRange = {
    row: at.row,
    col: at.col,
    rowEnd: at.row + height - 1,
    colEnd: at.col + width - 1,
  };
  if (own?.cut) return { ok: true, value: planMove(doc, own, sheetId, written) };
  const write: Command = { type: 'setCells', sheetId, row: at.row, col: at.col, values: block };
  // Bana's own cells paste with their formats (Excel's default paste); other text keeps the target's.
  const formats = own ? formatsCommand(doc, sheetId, written, own.formats) : null;
  return {
    ok: true,
    value: {
      command: formats ? { type: 'batch', commands: [write, formats] } : write,
      label: 'paste',
      written,
    },
  };
}

/** The format codes of `rect` in a sheet's formats, row by row. */
function formatBlock(formats: readonly (readonly (string | null)[])[] | undefined, rect: CellRange) {
  return blockOf(rect, (r, c) => formats?.[r]?.[c] ?? null) as (string | null)[][];
}

/**
 * The command that gives `rect` the format codes `codes` (missing entries are General), or null when
 * it would change nothing: the cells have no formats and none are written.
 */
function formatsCommand(
  doc: ScenarioDocument,
  sheetId: SheetId,
  rect: CellRange,
  codes: readonly (readonly (string | null)[])[],
): Command | null {
  const current = formatBlock(findSheet(doc, sheetId)?.formats, rect);
  const formats = blockOf(rect, (r, c) => codes[r - rect.row]?.[c - rect.col] ?? null) as (string | null)[][];
  if (formats.every((row, r) => row.every((code, c) => code === current[r]?.[c]))) return null;
  return { type: 'setFormats', sheetId, row: rect.row, col: rect.col, formats };
}

/**
 * Give every cell of `rect` the format `change` makes of its current one (a preset, one more
 * decimal, a unit), as one command. A selection larger than MAX_PASTE_CELLS (whole columns) is limited
 * to the used area. Null when no cell's format changes.
 */
export function planFormat(
  doc: ScenarioDocument,
  sheetId: SheetId,
  rect: CellRange,
  change: (current: NumberFormat) => NumberFormat,
): PlannedEdit | null {
  const sheet = findSheet(doc, sheetId);
  if (!sheet) return null;
  const cells = (rect.rowEnd - rect.row + 1) * (rect.colEnd - rect.col + 1);
  const bounded = cells > MAX_PASTE_CELLS ? clampToUsed(doc, sheetId, rect) : rect;
  if (!bounded) return null;
  const codes = blockOf(bounded, (r, c) => storedCode(change(formatAt(sheet.formats, r, c))));
  const command = formatsCommand(doc, sheetId, bounded, codes as (string | null)[][]);
  return command ? { command, label: 'format', written: bounded } : null;
}

/**
 * Cut and paste moves, as in Excel: the source is cleared, the block written at `target`, and every
 * formula that referred to the moved cells — inside the block or anywhere in the workbook — points at
 * their new place. One batch command, so one undo step.
 */
export function planMove(
  doc: ScenarioDocument,
  cut: ClipboardBlock,
  toSheetId: SheetId,
  target: CellRange,
): PlannedEdit {
  const source = cut.rect;
  const toSheet = findSheet(doc, toSheetId);
  const toName = toSheet?.name ?? '';
  const move: CellMove = {
    fromSheet: findSheet(doc, cut.sheetId)?.name ?? toName,
    toSheet: toName,
    ...source,
    dRow: target.row - source.row,
    dCol: target.col - source.col,
  };
  const moved = cut.raws.map((row) =>
    row.map((raw) => (isFormula(raw) ? moveReferences(raw, move.fromSheet, move, move.toSheet) : raw)),
  );
  const redirects: Command[] = [];
  for (const sheet of doc.sheets) {
    sheet.cells.forEach((row, r) => {
      row.forEach((raw, c) => {
        if (!isFormula(raw)) return;
        if (sheet.id === cut.sheetId && inside(r, c, source)) return;
        if (sheet.id === toSheetId && inside(r, c, target)) return;
        const next = moveReferences(raw, sheet.name, move);
        if (next !== raw)
          redirects.push({ type: 'setCells', sheetId: sheet.id, row: r, col: c, values: [[next]] });
      });
    });
  }
  const clearSource: Command = {
    type: 'setCells',
    sheetId: cut.sheetId,
    row: source.row,
    col: source.col,
    values: blockOf(source, () => null),
  };
  const write: Command = {
    type: 'setCells',
    sheetId: toSheetId,
    row: target.row,
    col: target.col,
    values: moved,
  };
  // Formats move with their cells: the source's are cleared first, then written at the target.
  const clearFormats = formatsCommand(doc, cut.sheetId, source, []);
  const afterClear = clearFormats ? applyCommand(doc, clearFormats).doc : doc;
  const writeFormats = formatsCommand(afterClear, toSheetId, target, cut.formats);
  const formats = [clearFormats, writeFormats].filter((c): c is Command => c !== null);
  return {
    command: { type: 'batch', commands: [clearSource, ...redirects, write, ...formats] },
    label: 'cut-paste',
    written: target,
  };
}

/**
 * Click-to-reference: `rect`'s address put into the formula `text` at `caret`, replacing a reference
 * that ends there (the one a previous click inserted). Null where a reference cannot go.
 */
export function insertReference(
  text: string,
  caret: number,
  rect: CellRange,
): { text: string; caret: number } | null {
  if (!isFormula(`${text}x`.slice(0, text.length + 1))) return null;
  const ref = formatRange(rect);
  const previous = referenceEndingAt(text, caret);
  if (previous) {
    return {
      text: text.slice(0, previous.start) + ref + text.slice(previous.end),
      caret: previous.start + ref.length,
    };
  }
  if (!acceptsReferenceAt(text, caret)) return null;
  return { text: text.slice(0, caret) + ref + text.slice(caret), caret: caret + ref.length };
}

function inside(r: number, c: number, rect: CellRange): boolean {
  return r >= rect.row && r <= rect.rowEnd && c >= rect.col && c <= rect.colEnd;
}

function refuse(problem: InputProblem): { ok: false; problem: InputProblem } {
  return { ok: false, problem };
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
}
