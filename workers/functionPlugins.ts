// Bana's changes to HyperFormula's functions, registered through its function-plugin API: INDEX
// as Excel reads a one-row range, and BANA.REFUSED, the error a refused formula or name evaluates to.
import {
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  type ImplementedFunctions,
  type SimpleRangeValue,
} from 'hyperformula';

/** What HyperFormula passes to a plugin method (its Ast and state types are not exported). */
type RunArgs = Parameters<FunctionPlugin['runFunction']>;
type PluginArgs = [ast: { args: RunArgs[0] }, state: RunArgs[1]];
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
 * - the result is a value, not a reference, so `A1:INDEX(…)` does not parse.
 */
function index(range: SimpleRangeValue, row: number, col: number, givenIndexes: number): Scalar {
  if (givenIndexes === 1 && range.height() === 1) {
    col = row;
    row = 1;
  }
  if (col < 1 || row < 1) return new CellError(ErrorType.VALUE, 'Argument cannot be less than 1.');
  if (col > range.width() || row > range.height()) return new CellError(ErrorType.NUM, 'Value too large.');
  return range.data[row - 1]?.[col - 1] ?? new CellError(ErrorType.VALUE, 'Cell range expected.');
}

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

  refused(...[ast, state]: PluginArgs) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata(REFUSED_FUNCTION),
      (id: number) => new CellError(ErrorType.VALUE, refusalMessages[id] ?? 'This formula was refused.'),
    );
  }
}

let registered = false;

/** Register Bana's functions with HyperFormula, once per process, before any engine is built. */
export function registerBanaFunctions(): void {
  if (registered) return;
  registered = true;
  HyperFormula.registerFunctionPlugin(BanaFunctions, {
    enGB: { INDEX: 'INDEX', [REFUSED_FUNCTION]: REFUSED_FUNCTION },
  });
}
