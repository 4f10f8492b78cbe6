// The engine: HyperFormula behind the EngineApi contract. Runs inside the worker, and in Node tests
// as it is. It converts everything that leaves it to plain data (HyperFormula's objects use getters).
import { type CellValue as HfCellValue, DetailedCellError, HyperFormula } from 'hyperformula';
import { type RawCell, type SheetId, isFormula } from '../src/core/document';
import { traceErrors } from './errorTrace';
import { nameRefusal, refusal } from './formulaGuard';
import { REFUSED_FUNCTION, refusedFormula, registerBanaFunctions } from './functionPlugins';
import type {
  ApplyResult,
  EngineApi,
  EngineOp,
  EngineWorkbook,
  ErrorTrace,
  LoadResult,
  RangeRequest,
  RangeValues,
} from './contract';
import type { CellValue, ErrorCode, NamedValues } from '../src/core/values';

registerBanaFunctions();

/** The engine's limits; rows are raised from HyperFormula's default 40 000 to Excel's. */
export const ENGINE_CONFIG = {
  licenseKey: 'gpl-v3',
  maxRows: 1_048_576,
  maxColumns: 16_384,
} as const;

/** A value query never returns more than this many cells: a viewport, not a workbook. */
export const MAX_RANGE_CELLS = 200_000;

/** What a quarantined cell shows instead of its formula's value (see EngineWorkbook.quarantined). */
export const QUARANTINE_MESSAGE =
  'This formula took longer to calculate than the engine allows and was set aside; change the cell to try it again.';

/** Thrown for a call that names a sheet the engine does not have. */
export class UnknownSheetError extends Error {
  override name = 'UnknownSheetError';
}

/** Create the engine. Stateful: holds one HyperFormula instance, replaced by each load. */
export function createEngine(): EngineApi {
  let hf: HyperFormula | null = null;
  let revision = 0;
  /** A block of raw cells as HyperFormula gets it: text kept as text, oversized ranges refused (see formulaGuard.ts). */
  function prepare(block: RawCell[][]): RawCell[][] {
    return block.map((row) => {
      let out = toHfRow(row);
      row.forEach((raw, dc) => {
        const why = refusal(raw);
        if (!why) return;
        if (out === row) out = row.slice();
        out[dc] = refusedFormula(why);
      });
      return out;
    });
  }
  /** A named expression as HyperFormula gets it: one naming an oversized range evaluates to the refusal. */
  function prepareName(name: string, expression: RawCell): RawCell {
    const why = nameRefusal(name, expression);
    return why ? refusedFormula(why) : expression;
  }
  /** Our sheet ids to HyperFormula's numeric ids, and back (to name the cell an error starts in). */
  let toHf = new Map<SheetId, number>();
  let fromHf = new Map<number, SheetId>();

  function engine(): HyperFormula {
    if (!hf) throw new Error('The engine has no workbook loaded.');
    return hf;
  }

  function hfSheet(id: SheetId): number {
    const n = toHf.get(id);
    if (n === undefined) throw new UnknownSheetError(`No sheet with id ${id} in the engine.`);
    return n;
  }

  function readRange(range: RangeRequest): RangeValues {
    const sheet = hfSheet(range.sheetId);
    const rows = Math.max(0, Math.min(range.rows, ENGINE_CONFIG.maxRows - range.row));
    const cols = Math.max(0, Math.min(range.cols, ENGINE_CONFIG.maxColumns - range.col));
    if (rows * cols > MAX_RANGE_CELLS)
      throw new RangeError(`A value query is limited to ${MAX_RANGE_CELLS} cells.`);
    const values: CellValue[] = new Array(rows * cols).fill(null);
    const dims = engine().getSheetDimensions(sheet);
    const rowEnd = Math.min(range.row + rows, dims.height);
    const colEnd = Math.min(range.col + cols, dims.width);
    if (rowEnd > range.row && colEnd > range.col) {
      const block = engine().getRangeValues({
        start: { sheet, row: range.row, col: range.col },
        end: { sheet, row: rowEnd - 1, col: colEnd - 1 },
      });
      block.forEach((rowValues, dr) => {
        rowValues.forEach((v, dc) => {
          values[dr * cols + dc] = toPlain(v);
        });
      });
    }
    return { sheetId: range.sheetId, row: range.row, col: range.col, rows, cols, values, revision };
  }

  function readNamed(names: string[]): NamedValues {
    const h = engine();
    const out: NamedValues = {};
    for (const name of names) {
      const formula = h.getNamedExpressionFormula(name);
      if (formula === undefined) {
        const value = h.getNamedExpressionValue(name);
        if (value !== undefined && !Array.isArray(value)) out[name] = [[toPlain(value)]];
        continue;
      }
      const range = h.simpleCellRangeFromString(formula.replace(/^=/, ''), 0);
      if (range) {
        const rows = range.end.row - range.start.row + 1;
        const cols = range.end.col - range.start.col + 1;
        if (rows * cols > MAX_RANGE_CELLS) continue;
        out[name] = h.getRangeValues(range).map((row) => row.map(toPlain));
      } else {
        const value = h.getNamedExpressionValue(name);
        if (value !== undefined && !Array.isArray(value)) out[name] = [[toPlain(value)]];
      }
    }
    return out;
  }

  /** Apply one op. HyperFormula's list of changed cells is not read: values are fetched by range. */
  function applyOne(op: EngineOp): void {
    engine().setCellContents({ sheet: hfSheet(op.sheetId), row: op.row, col: op.col }, prepare(op.values));
  }

  const api = {
    async load(
      workbook: EngineWorkbook,
      rev: number,
      view?: RangeRequest,
      watched?: string[],
    ): Promise<LoadResult> {
      const started = performance.now();
      const sheets: Record<string, EngineWorkbook['sheets'][number]['cells']> = {};
      for (const sheet of workbook.sheets)
        sheets[sheet.name] = quarantine(prepare(sheet.cells), sheet.id, workbook);
      const names = workbook.names.map((n) => ({
        name: n.name,
        expression: prepareName(n.name, n.expression),
      }));
      let built: HyperFormula;
      try {
        built = HyperFormula.buildFromSheets(sheets, ENGINE_CONFIG, names);
      } catch (error) {
        // A bad named expression must not keep the whole workbook from opening: build without names,
        // then add those the engine accepts (the rest show as #NAME? where used).
        built = HyperFormula.buildFromSheets(sheets, ENGINE_CONFIG);
        for (const n of names) {
          if (built.isItPossibleToAddNamedExpression(n.name, n.expression))
            built.addNamedExpression(n.name, n.expression);
        }
        void error;
      }
      hf?.destroy();
      hf = built;
      toHf = new Map();
      fromHf = new Map();
      for (const sheet of workbook.sheets) {
        const n = built.getSheetId(sheet.name);
        if (n === undefined) continue;
        toHf.set(sheet.id, n);
        fromHf.set(n, sheet.id);
      }
      revision = rev;
      const ms = performance.now() - started;
      const result: LoadResult = { revision, ms };
      if (view) result.view = readRange(view);
      if (watched?.length) result.named = readNamed(watched);
      return result;
    },

    async apply(ops: EngineOp[], rev: number, view?: RangeRequest, names?: string[]): Promise<ApplyResult> {
      const started = performance.now();
      // One op (a typed cell, a paste) goes straight in, as bare HyperFormula is used; several are one
      // batch, so the engine recalculates once.
      const [only] = ops;
      if (ops.length === 1 && only) applyOne(only);
      else
        engine().batch(() => {
          for (const op of ops) applyOne(op);
        });
      revision = rev;
      const ms = performance.now() - started;
      const result: ApplyResult = { revision, ms };
      if (view) result.view = readRange(view);
      if (names?.length) result.named = readNamed(names);
      return result;
    },

    async getNamed(names: string[]): Promise<NamedValues> {
      return readNamed(names);
    },

    async getValues(range: RangeRequest): Promise<RangeValues> {
      return readRange(range);
    },

    async traceErrors(names: string[]): Promise<ErrorTrace> {
      return traceErrors(engine(), names, (n) => fromHf.get(n), toPlain);
    },

    async functionNames(): Promise<string[]> {
      return HyperFormula.getRegisteredFunctionNames('enGB').filter((n) => n !== REFUSED_FUNCTION);
    },
  } satisfies EngineApi;
  return api;
}

/** The block with each quarantined cell of `sheetId` replaced by the error that says why. */
function quarantine(block: RawCell[][], sheetId: SheetId, workbook: EngineWorkbook): RawCell[][] {
  const here = workbook.quarantined?.filter((cell) => cell.sheetId === sheetId) ?? [];
  if (here.length === 0) return block;
  const out = block.slice();
  for (const { row, col } of here) {
    const line = (out[row] ?? []).slice();
    while (line.length < col) line.push(null);
    line[col] = refusedFormula(QUARANTINE_MESSAGE);
    out[row] = line;
  }
  for (let r = 0; r < out.length; r++) out[r] ??= [];
  return out;
}

/**
 * Text is text: HyperFormula would read the string "123" as a number, "TRUE" as a boolean and
 * "1/2/2024" as a date. The document already decided what each cell is, so text gets the
 * apostrophe that tells HyperFormula to keep it as typed.
 */
export function toHfRow(row: RawCell[]): RawCell[] {
  let copy: RawCell[] | null = null;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (typeof v === 'string' && !isFormula(v)) {
      copy ??= row.slice();
      copy[i] = `'${v}`;
    }
  }
  return copy ?? row;
}

const ERROR_CODES: Record<string, ErrorCode> = {
  DIV_BY_ZERO: '#DIV/0!',
  NAME: '#NAME?',
  VALUE: '#VALUE!',
  NUM: '#NUM!',
  NA: '#N/A',
  CYCLE: '#CYCLE!',
  REF: '#REF!',
  SPILL: '#SPILL!',
  LIC: '#LIC!',
  ERROR: '#ERROR!',
};

/** HyperFormula's value objects to plain data that survives structured clone. */
export function toPlain(value: HfCellValue): CellValue {
  if (value instanceof DetailedCellError) {
    return {
      error: ERROR_CODES[value.type] ?? '#ERROR!',
      message: value.message || defaultMessage(value.type),
    };
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    return { error: '#NUM!', message: 'Not a finite number.' };
  return value ?? null;
}

function defaultMessage(type: string): string {
  switch (type) {
    case 'DIV_BY_ZERO':
      return 'Division by zero.';
    case 'CYCLE':
      return 'Circular reference: the formula depends on its own value.';
    case 'REF':
      return 'The formula refers to a cell or sheet that does not exist.';
    case 'NAME':
      return 'Unknown function or name.';
    default:
      return 'The formula could not be evaluated.';
  }
}
