// Bana's changes to HyperFormula's functions, registered through its function-plugin API: INDEX
// as Excel reads a one-row range, REPT and SEQUENCE with Excel's size limits (so a formula cannot
// build gigabytes), and BANA.REFUSED, the error a refused formula or name evaluates to.
import {
  ArraySize,
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  type ImplementedFunctions,
  type SimpleRangeValue,
} from 'hyperformula';
import {
  builtInPlugin,
  ExcelFunctions,
  ExcelText,
  type PluginArgs,
  type PluginResult,
} from './excelFunctions';
import { MAX_RANGE_CELLS_IN_FORMULA, tooLargeMessage } from './formulaGuard';

type Scalar = SimpleRangeValue['data'][number][number];

/**
 * INDEX(range; row; [col]) as in HyperFormula 3.5 (src/interpreter/plugin/InformationPlugin), with
 * one change: given a range of one row and a single index, the index counts along the row, so
 * INDEX(B4:S4; 13) is S4 as in Excel and LibreOffice (HyperFormula 3.5 reads it as row 13 and gives
 * #NUM!; its issue #1544). Everything else is HyperFormula's, quirks included:
 * - an index below 1 (also 0, which Excel reads as "the whole row/column") gives #VALUE!;
 * - an index past the range gives #NUM! (Excel: #REF!);
 * - with two indexes on a one-row range, the first is the row, as in Excel;
 * - a single cell or a value in place of the range is a 1×1 range;
 * - fractional indexes are truncated, as in Excel;
 * - the result is a value, not a reference, so `A1:INDEX(…)` does not parse.
 */
function index(range: SimpleRangeValue, row: number, col: number, givenIndexes: number): Scalar {
  // Excel truncates fractional indexes (HyperFormula 3.5 looked up data[1.5] and fell back to the first cell).
  row = Math.trunc(row);
  col = Math.trunc(col);
  if (givenIndexes === 1 && range.height() === 1) {
    col = row;
    row = 1;
  }
  if (col < 1 || row < 1) return new CellError(ErrorType.VALUE, 'Argument cannot be less than 1.');
  if (col > range.width() || row > range.height()) return new CellError(ErrorType.NUM, 'Value too large.');
  return range.data[row - 1]?.[col - 1] ?? new CellError(ErrorType.VALUE, 'Cell range expected.');
}

/** Excel's limit on a cell's text, which REPT also keeps to (#VALUE! beyond it). */
export const MAX_TEXT_LENGTH = 32_767;

/** Messages of refused formulas and names, by the number their BANA.REFUSED call carries. */
const refusalMessages: string[] = [];

/** The formula a refused formula or name is given instead: it evaluates to #VALUE! with this message, and its dependents see the same error. */
export function refusedFormula(message: string): string {
  let id = refusalMessages.indexOf(message);
  if (id < 0) id = refusalMessages.push(message) - 1;
  return `=${REFUSED_FUNCTION}(${id})`;
}

/** Not a function for users: functionNames() leaves it out. */
export const REFUSED_FUNCTION = 'BANA.REFUSED';

class BanaFunctions extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    INDEX: {
      method: 'index',
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.NUMBER },
        { argumentType: FunctionArgumentType.NUMBER, defaultValue: 1 },
      ],
    },
    REPT: {
      method: 'rept',
      parameters: [
        { argumentType: FunctionArgumentType.STRING },
        { argumentType: FunctionArgumentType.NUMBER },
      ],
    },
    [REFUSED_FUNCTION]: {
      method: 'refused',
      parameters: [{ argumentType: FunctionArgumentType.INTEGER }],
    },
  };

  index(...[ast, state]: PluginArgs) {
    return this.runFunction(ast.args, state, this.metadata('INDEX'), (range, row, col) =>
      index(range, row, col, ast.args.length - 1),
    );
  }

  /** REPT as HyperFormula has it, refusing text longer than a cell may hold, as Excel does. */
  rept(...[ast, state]: PluginArgs) {
    return this.runFunction(ast.args, state, this.metadata('REPT'), (text: string, count: number) => {
      if (count < 0) return new CellError(ErrorType.VALUE, 'Count cannot be negative.');
      if (text.length * Math.trunc(count) > MAX_TEXT_LENGTH)
        return new CellError(
          ErrorType.VALUE,
          `REPT would make text of ${(text.length * Math.trunc(count)).toLocaleString('en')} characters; a cell holds at most ${MAX_TEXT_LENGTH.toLocaleString('en')}.`,
        );
      return text.repeat(count);
    });
  }

  refused(...[ast, state]: PluginArgs) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata(REFUSED_FUNCTION),
      (id: number) => new CellError(ErrorType.VALUE, refusalMessages[id] ?? 'This formula was refused.'),
    );
  }
}

const HfSequence = builtInPlugin<{
  sequence(...args: PluginArgs): PluginResult;
  sequenceArraySize(...args: PluginArgs): ArraySize;
}>('SEQUENCE');

/**
 * SEQUENCE as HyperFormula has it, refusing arrays over the range cap: HyperFormula 3.5 builds
 * SEQUENCE(1048576; 16384) cell by cell (SEQUENCE(1000000) alone takes 7 s). Written sizes are
 * refused while parsing, computed ones when evaluated, with the message of formulaGuard.ts.
 */
class GuardedSequence extends HfSequence {
  override sequenceArraySize(...[ast, state]: PluginArgs): ArraySize {
    const size = super.sequenceArraySize(ast, state);
    return size.width * size.height > MAX_RANGE_CELLS_IN_FORMULA ? ArraySize.error() : size;
  }

  override sequence(...[ast, state]: PluginArgs) {
    const size = this.runFunction(
      ast.args,
      state,
      this.metadata('SEQUENCE'),
      (rows: number, cols: number) => {
        const cells = Math.trunc(rows) * Math.trunc(cols);
        return cells > MAX_RANGE_CELLS_IN_FORMULA
          ? new CellError(ErrorType.VALUE, tooLargeMessage(`SEQUENCE(${rows}, ${cols})`, cells))
          : 0;
      },
    );
    return size instanceof CellError ? size : super.sequence(ast, state);
  }
}

let registered = false;

/** Register Bana's functions with HyperFormula, once per process, before any engine is built. */
export function registerBanaFunctions(): void {
  if (registered) return;
  registered = true;
  HyperFormula.registerFunctionPlugin(BanaFunctions, {
    enGB: { INDEX: 'INDEX', REPT: 'REPT', [REFUSED_FUNCTION]: REFUSED_FUNCTION },
  });
  HyperFormula.registerFunctionPlugin(ExcelFunctions, {
    enGB: Object.fromEntries(Object.keys(ExcelFunctions.implementedFunctions).map((n) => [n, n])),
  });
  for (const plugin of [GuardedSequence, ExcelText])
    HyperFormula.registerFunctionPlugin(
      plugin as unknown as Parameters<typeof HyperFormula.registerFunctionPlugin>[0],
    );
}
