// The named, reversible commands that change a scenario document. Every edit a user makes —
// typing, paste, sheet operations, names, column widths — is one of these, applied purely.
import {
  type MonteCarloSettings,
  type NamedExpression,
  type RawCell,
  type ScenarioDocument,
  type Sheet,
  type SheetId,
  carryUsedSize,
  findSheet,
  findSheetByName,
  isFormula,
} from './document';
import { renameSheetInFormula } from './formula';
import { type SheetNameRuleProblem, sheetNameRuleProblem } from './schema';

export type Command =
  | { type: 'setCells'; sheetId: SheetId; row: number; col: number; values: RawCell[][] }
  | { type: 'addSheet'; sheet: Sheet; index: number }
  | { type: 'removeSheet'; sheetId: SheetId }
  | { type: 'renameSheet'; sheetId: SheetId; name: string }
  | { type: 'moveSheet'; sheetId: SheetId; index: number }
  | { type: 'setName'; name: string; expression: string | number | null }
  | { type: 'setColumnWidth'; sheetId: SheetId; col: number; width: number | null }
  /** Number formats of a block of cells, like setCells: each entry a format code, null for General. */
  | { type: 'setFormats'; sheetId: SheetId; row: number; col: number; formats: (string | null)[][] }
  | { type: 'renameWorkbook'; name: string }
  /** The scenario's Monte Carlo seed, sample count and distributions; null removes them (defaults). */
  | { type: 'setMonteCarlo'; settings: MonteCarloSettings | null }
  /** Replace the whole content (sheets, names, workbook name) at once, e.g. to restore a saved version. */
  | { type: 'replaceContent'; name: string; sheets: Sheet[]; names: NamedExpression[] }
  | { type: 'batch'; commands: Command[] };

/** What a command changed, so the engine can follow: cells incrementally, anything else by a rebuild. */
export type DocumentChange =
  | { kind: 'cells'; sheetId: SheetId; row: number; col: number; values: RawCell[][] }
  | { kind: 'structure' }
  | { kind: 'presentation' };

export interface CommandResult {
  doc: ScenarioDocument;
  /** Applying `inverse` to `doc` gives back the document this command was applied to. */
  inverse: Command;
  changes: DocumentChange[];
}

/** Thrown for a command that can never apply (a programmer error: callers validate user input first). */
export class CommandError extends Error {
  override name = 'CommandError';
}

/**
 * Why `name` cannot be a sheet name in `doc`, or null when it can: the schema's rules
 * (sheetNameRuleProblem) on the trimmed name, no quote at either end (formulas quote sheet names
 * with it), and unique ignoring case. `exceptId` is the sheet being renamed.
 */
export function sheetNameProblem(
  doc: ScenarioDocument,
  name: string,
  exceptId?: SheetId,
): SheetNameRuleProblem | 'duplicate' | null {
  const trimmed = name.trim();
  const problem = sheetNameRuleProblem(trimmed);
  if (problem !== null) return problem;
  if (trimmed.startsWith("'") || trimmed.endsWith("'")) return 'invalid-char';
  const existing = findSheetByName(doc, trimmed);
  if (existing && existing.id !== exceptId) return 'duplicate';
  return null;
}

/** A sheet name like "Sheet4" that is not yet used. */
export function nextSheetName(doc: ScenarioDocument, base: string): string {
  for (let i = doc.sheets.length + 1; ; i++) {
    const candidate = `${base}${i}`;
    if (!findSheetByName(doc, candidate)) return candidate;
  }
}

/** Apply one command. Pure: `doc` is not changed; unchanged sheets and rows are shared. */
export function applyCommand(doc: ScenarioDocument, command: Command): CommandResult {
  switch (command.type) {
    case 'setCells':
      return setCells(doc, command);
    case 'addSheet': {
      if (findSheet(doc, command.sheet.id)) throw new CommandError(`sheet ${command.sheet.id} exists`);
      const problem = sheetNameProblem(doc, command.sheet.name);
      if (problem) throw new CommandError(`cannot add sheet "${command.sheet.name}": ${problem}`);
      const index = clamp(command.index, 0, doc.sheets.length);
      const sheets = [...doc.sheets];
      sheets.splice(index, 0, command.sheet);
      return {
        doc: { ...doc, sheets },
        inverse: { type: 'removeSheet', sheetId: command.sheet.id },
        changes: [{ kind: 'structure' }],
      };
    }
    case 'removeSheet': {
      const index = sheetIndex(doc, command.sheetId);
      if (doc.sheets.length === 1) throw new CommandError('a workbook keeps at least one sheet');
      const sheet = doc.sheets[index] as Sheet;
      return {
        doc: { ...doc, sheets: doc.sheets.filter((s) => s.id !== command.sheetId) },
        inverse: { type: 'addSheet', sheet, index },
        changes: [{ kind: 'structure' }],
      };
    }
    case 'renameSheet':
      return renameSheet(doc, command.sheetId, command.name);
    case 'moveSheet': {
      const from = sheetIndex(doc, command.sheetId);
      const to = clamp(command.index, 0, doc.sheets.length - 1);
      const sheets = [...doc.sheets];
      const [moved] = sheets.splice(from, 1);
      sheets.splice(to, 0, moved as Sheet);
      return {
        doc: { ...doc, sheets },
        inverse: { type: 'moveSheet', sheetId: command.sheetId, index: from },
        changes: [{ kind: 'presentation' }],
      };
    }
    case 'setName': {
      const lower = command.name.toLowerCase();
      const previous = doc.names.find((n) => n.name.toLowerCase() === lower);
      const names: NamedExpression[] = doc.names.filter((n) => n.name.toLowerCase() !== lower);
      if (command.expression !== null) names.push({ name: command.name, expression: command.expression });
      return {
        doc: { ...doc, names },
        inverse: {
          type: 'setName',
          name: previous?.name ?? command.name,
          expression: previous?.expression ?? null,
        },
        changes: [{ kind: 'structure' }],
      };
    }
    case 'setColumnWidth': {
      const index = sheetIndex(doc, command.sheetId);
      const sheet = doc.sheets[index] as Sheet;
      const previous = sheet.columnWidths[command.col] ?? null;
      const columnWidths = [...sheet.columnWidths];
      while (columnWidths.length <= command.col) columnWidths.push(null);
      columnWidths[command.col] = command.width;
      while (columnWidths.length > 0 && columnWidths[columnWidths.length - 1] === null) columnWidths.pop();
      return {
        doc: replaceSheet(doc, index, { ...sheet, columnWidths }),
        inverse: { type: 'setColumnWidth', sheetId: command.sheetId, col: command.col, width: previous },
        changes: [{ kind: 'presentation' }],
      };
    }
    case 'setFormats':
      return setFormats(doc, command);
    case 'renameWorkbook':
      return {
        doc: { ...doc, meta: { ...doc.meta, name: command.name } },
        inverse: { type: 'renameWorkbook', name: doc.meta.name },
        changes: [{ kind: 'presentation' }],
      };
    case 'setMonteCarlo': {
      const { monteCarlo: _previous, ...meta } = doc.meta;
      return {
        doc: { ...doc, meta: command.settings ? { ...meta, monteCarlo: command.settings } : meta },
        inverse: { type: 'setMonteCarlo', settings: doc.meta.monteCarlo ?? null },
        // Not a cell, not the engine's business: the run reads the settings when it starts.
        changes: [{ kind: 'presentation' }],
      };
    }
    case 'replaceContent': {
      // A batch of add/remove/rename commands cannot express this: a workbook never has zero sheets,
      // and the restored sheets' names may clash with the current ones until those are gone.
      if (command.sheets.length === 0) throw new CommandError('a workbook keeps at least one sheet');
      return {
        doc: {
          ...doc,
          meta: { ...doc.meta, name: command.name },
          sheets: command.sheets,
          names: command.names,
        },
        inverse: { type: 'replaceContent', name: doc.meta.name, sheets: doc.sheets, names: doc.names },
        changes: [{ kind: 'structure' }],
      };
    }
    case 'batch': {
      let current = doc;
      const inverses: Command[] = [];
      const changes: DocumentChange[] = [];
      for (const sub of command.commands) {
        const result = applyCommand(current, sub);
        current = result.doc;
        inverses.unshift(result.inverse);
        changes.push(...result.changes);
      }
      return { doc: current, inverse: { type: 'batch', commands: inverses }, changes };
    }
  }
}

function setCells(doc: ScenarioDocument, command: Extract<Command, { type: 'setCells' }>): CommandResult {
  const index = sheetIndex(doc, command.sheetId);
  const sheet = doc.sheets[index] as Sheet;
  const {
    grid: cells,
    previous,
    changed,
  } = writeBlock(sheet.cells, command.row, command.col, command.values);
  carryUsedSize(sheet.cells, cells, changed);
  return {
    doc: replaceSheet(doc, index, { ...sheet, cells }),
    inverse: {
      type: 'setCells',
      sheetId: command.sheetId,
      row: command.row,
      col: command.col,
      values: previous,
    },
    changes: [
      { kind: 'cells', sheetId: command.sheetId, row: command.row, col: command.col, values: command.values },
    ],
  };
}

/**
 * Write `block` into a copy of the row-major `grid` with its top-left at (`row`, `col`), null being
 * empty: only touched rows are copied, trailing empties are trimmed from rows and from the grid.
 * @returns the new grid, the block as it was before (for the inverse), and each touched row before and after.
 */
function writeBlock<T>(
  grid: readonly T[][],
  row: number,
  col: number,
  block: readonly (readonly (T | null)[])[],
): { grid: T[][]; previous: (T | null)[][]; changed: [number, T[] | undefined, T[]][] } {
  const out = [...grid];
  const previous: (T | null)[][] = [];
  const changed: [number, T[] | undefined, T[]][] = [];
  block.forEach((values, dr) => {
    const r = row + dr;
    const existing = out[r];
    const next: (T | null)[] = existing ? [...existing] : [];
    const before: (T | null)[] = [];
    values.forEach((value, dc) => {
      const c = col + dc;
      before.push(next[c] ?? null);
      if (value === null && c >= next.length) return;
      while (next.length < c) next.push(null);
      next[c] = value;
    });
    while (next.length > 0 && (next[next.length - 1] ?? null) === null) next.pop();
    while (out.length < r) out.push([]);
    out[r] = next as T[];
    previous.push(before);
    changed.push([r, existing, next as T[]]);
  });
  while (out.length > 0 && (out[out.length - 1]?.length ?? 0) === 0) out.pop();
  return { grid: out, previous, changed };
}

function setFormats(doc: ScenarioDocument, command: Extract<Command, { type: 'setFormats' }>): CommandResult {
  const index = sheetIndex(doc, command.sheetId);
  const sheet = doc.sheets[index] as Sheet;
  const { grid, previous } = writeBlock(sheet.formats ?? [], command.row, command.col, command.formats);
  const { formats: _old, ...rest } = sheet;
  // No formats at all is stored as no field, as the validator reads it back.
  const next: Sheet = grid.length === 0 ? rest : { ...rest, formats: grid };
  return {
    doc: replaceSheet(doc, index, next),
    inverse: { ...command, formats: previous },
    changes: [{ kind: 'presentation' }],
  };
}

function renameSheet(doc: ScenarioDocument, sheetId: SheetId, name: string): CommandResult {
  const index = sheetIndex(doc, sheetId);
  const sheet = doc.sheets[index] as Sheet;
  const newName = name.trim();
  const problem = sheetNameProblem(doc, newName, sheetId);
  if (problem) throw new CommandError(`cannot rename sheet to "${name}": ${problem}`);
  const oldName = sheet.name;
  const rewrite = (raw: RawCell): RawCell =>
    isFormula(raw) ? renameSheetInFormula(raw, oldName, newName) : raw;
  const sheets = doc.sheets.map((s) => {
    let changed = false;
    const cells = s.cells.map((row) => {
      if (!row.some(isFormula)) return row;
      const next = row.map(rewrite);
      if (next.some((v, i) => v !== row[i])) changed = true;
      return next;
    });
    const renamed = s.id === sheetId ? { ...s, name: newName } : s;
    return changed ? { ...renamed, cells } : renamed;
  });
  const names = doc.names.map((n) =>
    typeof n.expression === 'string' && isFormula(n.expression)
      ? { ...n, expression: renameSheetInFormula(n.expression, oldName, newName) }
      : n,
  );
  return {
    doc: { ...doc, sheets, names },
    inverse: { type: 'renameSheet', sheetId, name: oldName },
    changes: [{ kind: 'structure' }],
  };
}

function sheetIndex(doc: ScenarioDocument, id: SheetId): number {
  const index = doc.sheets.findIndex((s) => s.id === id);
  if (index < 0) throw new CommandError(`no sheet ${id}`);
  return index;
}

function replaceSheet(doc: ScenarioDocument, index: number, sheet: Sheet): ScenarioDocument {
  const sheets = [...doc.sheets];
  sheets[index] = sheet;
  return { ...doc, sheets };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
