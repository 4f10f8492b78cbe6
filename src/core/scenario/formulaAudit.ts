// The rule every shipped formula keeps: an error or a non-number is never turned into a number or a
// yes/no that hides it, so a broken input shows as an error in the results instead of as 0.
import { tokenizeFormula } from '../formula';

/**
 * Functions that turn an error into a value (IFERROR, ISERROR …) or text into 0 (N). HyperFormula's
 * MAX, MIN and SUM pass an error on (test/core/scenario/formulaAudit.test.ts checks it), so they are fine.
 */
export const MASKING_FUNCTIONS = [
  'IFERROR',
  'IFNA',
  'ISERROR',
  'ISERR',
  'ISNA',
  'ISNUMBER',
  'ISTEXT',
  'ISNONTEXT',
  'ISLOGICAL',
  'ISBLANK',
  'ERROR.TYPE',
  'N',
  'T',
  'AGGREGATE',
] as const;

/** The masking functions a formula calls, upper case, in order of appearance. */
export function maskingFunctions(formula: string): string[] {
  const masking: readonly string[] = MASKING_FUNCTIONS;
  return tokenizeFormula(formula)
    .filter((t) => t.kind === 'function' && masking.includes(t.text.toUpperCase()))
    .map((t) => t.text.toUpperCase());
}
