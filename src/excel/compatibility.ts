// Where Bana's engine (HyperFormula 3.5 with Bana's plugins) computes differently from Excel and
// LibreOffice, in one list: the xlsx import names the functions it finds, the compatibility test
// allows exactly these corpus formulas to differ, and COMPATIBILITY.md explains each.
import type { ScenarioDocument } from '../core/document';
import { scanFunctions } from './xlsx';

export interface Divergence {
  /**
   * Who differs from Excel: `bana` (an imported workbook may compute differently here, so the
   * import names these functions), or `libreoffice` (the reference LibreOffice 7.4 differs from
   * Excel and Bana gives Excel's result).
   */
  differs: 'bana' | 'libreoffice';
  /** The functions concerned (upper case); none for an operator or the formula syntax. */
  functions: string[];
  /** Why, in a sentence (COMPATIBILITY.md has the same entry). */
  reason: string;
  /** The corpus formulas (test/fixtures/compat) that show it, exactly as written there. */
  corpus: string[];
}

export const DIVERGENCES: Divergence[] = [
  // ---- Bana differs from Excel
  {
    differs: 'bana',
    functions: [],
    reason: 'Numbers written with an exponent and a sign (1E+308) do not parse; write 1E308.',
    corpus: ['=1E+308*10', '=MOD(1E+15,7)'],
  },
  {
    differs: 'bana',
    functions: [],
    reason: 'A number turned into text keeps up to 17 significant digits; Excel shows 15.',
    corpus: ['=1/3&""'],
  },
  {
    differs: 'bana',
    functions: ['SUMIF', 'SUMIFS', 'COUNTIF', 'COUNTIFS', 'AVERAGEIF'],
    reason:
      'The wildcard ? in a criterion also matches no character, so "?????" matches texts of up to five characters.',
    corpus: ['=SUMIF(B1:B10,"?????",A1:A10)'],
  },
  {
    differs: 'bana',
    functions: ['SUMPRODUCT'],
    reason:
      'Arithmetic on whole ranges inside a formula, such as (A1:A10>10)*A1:A10, is not evaluated (no array arithmetic): #VALUE!.',
    corpus: ['=SUMPRODUCT((A1:A10>10)*A1:A10)', '=SUMPRODUCT((B1:B10="apple")*C1:C10)'],
  },
  {
    differs: 'bana',
    functions: ['AVERAGEIFS', 'INDIRECT', 'ERROR.TYPE'],
    reason: 'Not available in the engine: the cell shows #NAME? and the import lists it as unknown.',
    corpus: [
      '=AVERAGEIFS(A1:A10,C1:C10,">2",C1:C10,"<8")',
      '=AVERAGEIFS(A1:A10,B1:B10,"banana")',
      '=INDIRECT("A3")',
      '=INDIRECT("C"&2)',
      '=SUM(INDIRECT("A1:A3"))',
      '=ERROR.TYPE(F6)',
      '=ERROR.TYPE(F7)',
    ],
  },
  {
    differs: 'bana',
    functions: ['AND', 'OR'],
    reason: 'The text "TRUE" given directly is read as TRUE; Excel gives #VALUE!.',
    corpus: ['=AND("TRUE")'],
  },
  {
    differs: 'bana',
    functions: ['CHOOSE'],
    reason:
      'A fractional index is an error instead of being truncated, an index out of range gives #NUM! instead of #VALUE!, and a range chosen cannot be summed.',
    corpus: [
      '=CHOOSE(1.9,"a","b","c")',
      '=CHOOSE(4,"a","b","c")',
      '=CHOOSE(0,"a","b")',
      '=SUM(CHOOSE(2,A1:A3,C1:C3))',
    ],
  },
  {
    differs: 'bana',
    functions: ['INDEX'],
    reason:
      "An index past the range gives #NUM! instead of #REF!, and a single index on a range of several rows and columns picks that row's first cell instead of the whole row.",
    corpus: ['=INDEX(A1:A10,11)', '=INDEX(A1:C3,2)'],
  },
  {
    differs: 'bana',
    functions: ['MATCH'],
    reason: 'Wildcards (* and ?) in an exact MATCH are taken literally.',
    corpus: ['=MATCH("c*",B1:B10,0)'],
  },
  {
    differs: 'bana',
    functions: ['YEAR', 'MONTH', 'DAY'],
    reason: 'A date written as text ("2024-05-06") is not read as a date: #VALUE!.',
    corpus: ['=YEAR("2024-05-06")'],
  },
  // ---- LibreOffice differs from Excel; Bana gives Excel's result
  {
    differs: 'libreoffice',
    functions: [],
    reason:
      'Comparing a logical with a number: Excel orders every logical after every number and never calls them equal; LibreOffice compares TRUE as 1 and FALSE as 0.',
    corpus: ['=TRUE>1', '=A7=FALSE'],
  },
  {
    differs: 'libreoffice',
    functions: ['CONCATENATE', 'LEN'],
    reason: 'A logical turned into text is "TRUE" or "FALSE" in Excel; LibreOffice writes 1 or 0.',
    corpus: ['=E1&""', '=LEN(E1)', '=CONCATENATE(E1,1.5)'],
  },
  {
    differs: 'libreoffice',
    functions: ['SUM', 'COUNT', 'MIN', 'MAX'],
    reason:
      'Excel skips text and logicals inside ranges but reads text numbers given directly as numbers; LibreOffice does the opposite in places.',
    corpus: ['=SUM(F1:F5)', '=SUM("3",4)', '=SUM(E1:E5)', '=COUNT(F1:F8)', '=MAX(E1:E5)', '=MIN(3,"1",5)'],
  },
  {
    differs: 'libreoffice',
    functions: ['SUM', 'MAX'],
    reason:
      'Excel does not accept SUM() or MAX() without arguments; LibreOffice computes them. Bana refuses them too (#N/A, wrong number of arguments).',
    corpus: ['=SUM()', '=MAX()'],
  },
  {
    differs: 'libreoffice',
    functions: ['POWER', 'SQRT', 'LN', 'LOG10'],
    reason:
      'Excel gives #NUM! for an invalid argument (a negative root, the logarithm of 0); LibreOffice writes its error as #VALUE! or computes the odd root of a negative number.',
    corpus: ['=POWER(-8,1/3)', '=SQRT(-1)', '=LN(0)', '=LN(-1)', '=LOG10(0)', '=SQRT(-4)+F6'],
  },
  {
    differs: 'libreoffice',
    functions: ['VLOOKUP'],
    reason: 'A column index past the table is #REF! in Excel; LibreOffice writes #VALUE!.',
    corpus: ['=VLOOKUP("c",K1:M4,4,FALSE)'],
  },
  {
    differs: 'libreoffice',
    functions: ['XLOOKUP'],
    reason: "LibreOffice 7.4 has no XLOOKUP (it came in 24.8); Bana gives Excel's results (checked by hand).",
    corpus: ['=XLOOKUP("c",K1:K4,M1:M4)', '=XLOOKUP("z",K1:K4,M1:M4,"none")', '=XLOOKUP(3,L1:L4,K1:K4)'],
  },
  {
    differs: 'libreoffice',
    functions: ['YEAR'],
    reason: 'A negative date is #NUM! in Excel; LibreOffice counts back into 1899.',
    corpus: ['=YEAR(-1)'],
  },
  {
    differs: 'libreoffice',
    functions: ['IRR'],
    reason: 'IRR without a solution is #NUM! in Excel; LibreOffice writes #N/A.',
    corpus: ['=IRR({-100,-10})'],
  },
];

/** One function with known divergences that a document's formulas call, with where. */
export interface DivergentFunctionUse {
  name: string;
  places: string[];
}

/**
 * The functions where Bana may compute differently from Excel (DIVERGENCES with `differs: 'bana'`,
 * less those the engine does not have, which the import reports as unknown) that the document's
 * formulas (cells and names) call, with their cells.
 */
export function findDivergentFunctions(
  doc: ScenarioDocument,
  known: ReadonlySet<string>,
): DivergentFunctionUse[] {
  const listed = new Set(
    DIVERGENCES.filter((d) => d.differs === 'bana')
      .flatMap((d) => d.functions)
      .filter((name) => known.has(name)),
  );
  return scanFunctions(doc, (name) => listed.has(name));
}
