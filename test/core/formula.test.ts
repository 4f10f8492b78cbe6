import { describe, expect, it } from 'vitest';
import { MAX_COLS, MAX_ROWS } from '../../src/core/address';
import {
  acceptsReferenceAt,
  extractReferences,
  moveReferences,
  referenceEndingAt,
  renameSheetInFormula,
  shiftFormula,
  tokenizeFormula,
} from '../../src/core/formula';

/** The tokens as [kind, text] pairs, whitespace left out. */
function kinds(formula: string): [string, string][] {
  return tokenizeFormula(formula)
    .filter((t) => t.kind !== 'whitespace')
    .map((t) => [t.kind, t.text]);
}

describe('tokenizeFormula', () => {
  it('covers the formula exactly, token after token', () => {
    const formula = `=SUM(A1:B2)*'Klimatfond 2025'!$C$16 + "x ""y"" A1" & Target_2030 %`;
    const tokens = tokenizeFormula(formula);
    expect(tokens.map((t) => t.text).join('')).toBe(formula);
    let at = 0;
    for (const token of tokens) {
      expect(token.start).toBe(at);
      expect(formula.slice(token.start, token.end)).toBe(token.text);
      at = token.end;
    }
    expect(at).toBe(formula.length);
  });

  it('reads the example formula from the document model', () => {
    expect(kinds(`=SUM(A1:B2)*'Klimatfond 2025'!$C$16`)).toEqual([
      ['operator', '='],
      ['function', 'SUM'],
      ['paren', '('],
      ['reference', 'A1:B2'],
      ['paren', ')'],
      ['operator', '*'],
      ['reference', `'Klimatfond 2025'!$C$16`],
    ]);
  });

  it('reads string literals with doubled quotes as one token', () => {
    expect(kinds('="say ""A1"" now"&B1')).toEqual([
      ['operator', '='],
      ['string', '"say ""A1"" now"'],
      ['operator', '&'],
      ['reference', 'B1'],
    ]);
  });

  it('lets an unterminated string run to the end', () => {
    expect(kinds('=A1&"abc B2')).toEqual([
      ['operator', '='],
      ['reference', 'A1'],
      ['operator', '&'],
      ['string', '"abc B2'],
    ]);
  });

  it('reads quoted sheet names with doubled quotes', () => {
    expect(kinds("='Anna''s plan'!A1:B2")).toEqual([
      ['operator', '='],
      ['reference', "'Anna''s plan'!A1:B2"],
    ]);
  });

  it('reads unquoted sheet names with Swedish letters and digits', () => {
    expect(kinds('=Utsläpp_2025!B3+Blad1!$A$1')).toEqual([
      ['operator', '='],
      ['reference', 'Utsläpp_2025!B3'],
      ['operator', '+'],
      ['reference', 'Blad1!$A$1'],
    ]);
  });

  it('reads ranges, whole columns and whole rows as single references', () => {
    expect(
      kinds('=SUM(A1:B2,A:C,3:5,$A$1:$B$2,Sheet1!A:A,Sheet1!1:1)').filter(([k]) => k === 'reference'),
    ).toEqual([
      ['reference', 'A1:B2'],
      ['reference', 'A:C'],
      ['reference', '3:5'],
      ['reference', '$A$1:$B$2'],
      ['reference', 'Sheet1!A:A'],
      ['reference', 'Sheet1!1:1'],
    ]);
  });

  it('reads a range qualified at both ends as one reference', () => {
    expect(kinds('=SUM(Sheet1!A1:Sheet1!B2)')[3]).toEqual(['reference', 'Sheet1!A1:Sheet1!B2']);
  });

  it('treats an identifier followed by "(" as a function even when it looks like a reference', () => {
    expect(kinds('=LOG10(A1)+ATAN2(1,2)+sum(B1)')).toEqual([
      ['operator', '='],
      ['function', 'LOG10'],
      ['paren', '('],
      ['reference', 'A1'],
      ['paren', ')'],
      ['operator', '+'],
      ['function', 'ATAN2'],
      ['paren', '('],
      ['number', '1'],
      ['separator', ','],
      ['number', '2'],
      ['paren', ')'],
      ['operator', '+'],
      ['function', 'sum'],
      ['paren', '('],
      ['reference', 'B1'],
      ['paren', ')'],
    ]);
  });

  it('reads dotted function names', () => {
    expect(kinds('=NORM.DIST(1,0,1,TRUE)')[1]).toEqual(['function', 'NORM.DIST']);
  });

  it('reads named expressions as names, not references', () => {
    expect(kinds('=Target_2030*BaseYear-utsläpp_år+_x1+A1B')).toEqual([
      ['operator', '='],
      ['name', 'Target_2030'],
      ['operator', '*'],
      ['name', 'BaseYear'],
      ['operator', '-'],
      ['name', 'utsläpp_år'],
      ['operator', '+'],
      ['name', '_x1'],
      ['operator', '+'],
      ['name', 'A1B'],
    ]);
  });

  it('does not read cells beyond the grid as references', () => {
    expect(kinds('=XFE1+A0+A1048577')).toEqual([
      ['operator', '='],
      ['name', 'XFE1'],
      ['operator', '+'],
      ['name', 'A0'],
      ['operator', '+'],
      ['name', 'A1048577'],
    ]);
  });

  it('reads numbers with decimals and exponents', () => {
    expect(kinds('=1E-3+2.5e+10+.5+10').filter(([k]) => k === 'number')).toEqual([
      ['number', '1E-3'],
      ['number', '2.5e+10'],
      ['number', '.5'],
      ['number', '10'],
    ]);
  });

  it('reads booleans, error literals, comparison operators and separators', () => {
    expect(kinds('=IF(A1<>#REF!;true;FALSE)<=#DIV/0!>=#N/A')).toEqual([
      ['operator', '='],
      ['function', 'IF'],
      ['paren', '('],
      ['reference', 'A1'],
      ['operator', '<>'],
      ['error', '#REF!'],
      ['separator', ';'],
      ['boolean', 'true'],
      ['separator', ';'],
      ['boolean', 'FALSE'],
      ['paren', ')'],
      ['operator', '<='],
      ['error', '#DIV/0!'],
      ['operator', '>='],
      ['error', '#N/A'],
    ]);
  });

  it('keeps TRUE( as a function', () => {
    expect(kinds('=TRUE()')[1]).toEqual(['function', 'TRUE']);
  });

  it('reads array braces and the percent operator', () => {
    expect(kinds('={1,2}*5%')).toEqual([
      ['operator', '='],
      ['brace', '{'],
      ['number', '1'],
      ['separator', ','],
      ['number', '2'],
      ['brace', '}'],
      ['operator', '*'],
      ['number', '5'],
      ['operator', '%'],
    ]);
  });

  it('reads a lone sheet qualifier as a sheet token', () => {
    expect(kinds("='Klimatfond 2025'!")).toEqual([
      ['operator', '='],
      ['sheet', "'Klimatfond 2025'!"],
    ]);
    expect(kinds('=Blad1!#REF!')).toEqual([
      ['operator', '='],
      ['sheet', 'Blad1!'],
      ['error', '#REF!'],
    ]);
  });

  it('reads a range operator that is not part of a range token as an operator', () => {
    expect(kinds('=A1:Target')).toEqual([
      ['operator', '='],
      ['reference', 'A1'],
      ['operator', ':'],
      ['name', 'Target'],
    ]);
  });

  it('marks characters it does not understand as unknown', () => {
    expect(kinds('=A1 @ $')).toEqual([
      ['operator', '='],
      ['reference', 'A1'],
      ['unknown', '@'],
      ['unknown', '$'],
    ]);
  });

  it('gives an empty list for empty text', () => {
    expect(tokenizeFormula('')).toEqual([]);
  });
});

describe('extractReferences', () => {
  it('finds cells and ranges with their text offsets', () => {
    const formula = '=A1+SUM($B$2:c3)';
    expect(extractReferences(formula)).toEqual([
      { row: 0, col: 0, rowEnd: 0, colEnd: 0, start: 1, end: 3 },
      { row: 1, col: 1, rowEnd: 2, colEnd: 2, start: 8, end: 15 },
    ]);
  });

  it('includes the sheet qualifier in the span and names the sheet unquoted', () => {
    const formula = "=SUM(A1:B2)*'Klimatfond 2025'!$C$16";
    const refs = extractReferences(formula);
    expect(refs[1]).toEqual({
      sheet: 'Klimatfond 2025',
      row: 15,
      col: 2,
      rowEnd: 15,
      colEnd: 2,
      start: 12,
      end: 35,
    });
    expect(formula.slice(refs[1]?.start, refs[1]?.end)).toBe("'Klimatfond 2025'!$C$16");
    expect(extractReferences("='Anna''s'!A1")[0]?.sheet).toBe("Anna's");
  });

  it('normalises ranges written bottom-right first', () => {
    expect(extractReferences('=C3:A1')[0]).toMatchObject({ row: 0, col: 0, rowEnd: 2, colEnd: 2 });
  });

  it('spans every row for whole columns and every column for whole rows', () => {
    expect(extractReferences('=SUM(B:D)')[0]).toMatchObject({
      row: 0,
      rowEnd: MAX_ROWS - 1,
      col: 1,
      colEnd: 3,
    });
    expect(extractReferences('=SUM(5:3)')[0]).toMatchObject({
      row: 2,
      rowEnd: 4,
      col: 0,
      colEnd: MAX_COLS - 1,
    });
  });

  it('ignores references inside strings, names and function names', () => {
    expect(extractReferences('="A1"&LOG10(2)&Target_2030')).toEqual([]);
  });

  it('finds nothing in text that is not a formula', () => {
    expect(extractReferences('A1+B2')).toEqual([]);
    expect(extractReferences('=')).toEqual([]);
  });
});

describe('shiftFormula', () => {
  it('moves relative references and keeps absolute ones', () => {
    expect(shiftFormula('=A1+$B$2+$C3+D$4', 1, 2)).toBe('=C2+$B$2+$C4+F$4');
  });

  it('moves both ends of a range', () => {
    expect(shiftFormula('=SUM(A1:B2)', 2, 1)).toBe('=SUM(B3:C4)');
    expect(shiftFormula('=SUM($A$1:B2)', 2, 1)).toBe('=SUM($A$1:C4)');
  });

  it('moves whole columns only sideways and whole rows only up and down', () => {
    expect(shiftFormula('=SUM(A:B)+SUM(3:4)', 5, 1)).toBe('=SUM(B:C)+SUM(8:9)');
    expect(shiftFormula('=SUM($A:B)+SUM($3:4)', 1, 1)).toBe('=SUM($A:C)+SUM($3:5)');
  });

  it('keeps sheet qualifiers as written', () => {
    expect(shiftFormula("=SUM(A1:B2)*'Klimatfond 2025'!$C$16+Blad1!C1", 1, 0)).toBe(
      "=SUM(A2:B3)*'Klimatfond 2025'!$C$16+Blad1!C2",
    );
    expect(shiftFormula('=SUM(Blad1!A1:Blad1!B2)', 1, 1)).toBe('=SUM(Blad1!B2:Blad1!C3)');
  });

  it('turns a reference moved off the sheet into #REF! as a whole', () => {
    expect(shiftFormula('=A1+B2', -1, 0)).toBe('=#REF!+B1');
    expect(shiftFormula('=SUM(A1:B2)', 0, -1)).toBe('=SUM(#REF!)');
    expect(shiftFormula("=SUM('My sheet'!A2:B3)", -2, 0)).toBe('=SUM(#REF!)');
    expect(shiftFormula('=XFD1', 0, 1)).toBe('=#REF!');
    expect(shiftFormula('=A1048576', 1, 0)).toBe('=#REF!');
    expect(shiftFormula('=SUM(A:B)', 0, -1)).toBe('=SUM(#REF!)');
  });

  it('keeps a reference at the edge of the sheet', () => {
    expect(shiftFormula('=B2', -1, -1)).toBe('=A1');
    expect(shiftFormula('=XFC1048575', 1, 1)).toBe('=XFD1048576');
  });

  it('leaves strings, names, functions, numbers and spacing byte for byte', () => {
    const formula = '=IF( A1 > Target_2030 ; "A1 stays" ;  LOG10(1E-3) )  &  #N/A';
    expect(shiftFormula(formula, 3, 3)).toBe('=IF( D4 > Target_2030 ; "A1 stays" ;  LOG10(1E-3) )  &  #N/A');
  });

  it('keeps the written case of parts that do not move', () => {
    expect(shiftFormula('=a1+b$2', 1, 0)).toBe('=a2+b$2');
    expect(shiftFormula('=a1', 0, 0)).toBe('=a1');
  });

  it('returns text that is not a formula unchanged', () => {
    expect(shiftFormula('A1', 1, 1)).toBe('A1');
  });

  it('round-trips a move there and back when nothing leaves the sheet', () => {
    const formula = "=SUM(C3:D4)*'Klimatfond 2025'!$C$16+E:E-7:7";
    expect(shiftFormula(shiftFormula(formula, 5, 3), -5, -3)).toBe(formula);
  });
});

describe('renameSheetInFormula', () => {
  it('rewrites matching qualifiers, ignoring case', () => {
    expect(renameSheetInFormula('=Sheet1!A1+sheet1!B2+Other!C3', 'SHEET1', 'Data')).toBe(
      '=Data!A1+Data!B2+Other!C3',
    );
  });

  it('quotes the new name when it needs quotes', () => {
    expect(renameSheetInFormula('=SUM(Sheet1!A1:B2)', 'Sheet1', 'Klimatfond 2025')).toBe(
      "=SUM('Klimatfond 2025'!A1:B2)",
    );
    expect(renameSheetInFormula('=Sheet1!A1', 'Sheet1', "Anna's")).toBe("='Anna''s'!A1");
    expect(renameSheetInFormula('=Sheet1!A1', 'Sheet1', 'Q4')).toBe("='Q4'!A1");
  });

  it('matches quoted old names and can drop the quotes', () => {
    expect(renameSheetInFormula("='Klimatfond 2025'!$C$16*2", 'klimatfond 2025', 'Fond')).toBe(
      '=Fond!$C$16*2',
    );
    expect(renameSheetInFormula("='Anna''s'!A1", "Anna's", 'Anna')).toBe('=Anna!A1');
  });

  it('rewrites both ends of a range qualified twice, and lone qualifiers', () => {
    expect(renameSheetInFormula('=SUM(Old!A1:Old!B2)', 'Old', 'New')).toBe('=SUM(New!A1:New!B2)');
    expect(renameSheetInFormula('=SUM(Old!A:B)+Old!3:4', 'Old', 'New')).toBe('=SUM(New!A:B)+New!3:4');
    expect(renameSheetInFormula('=Old!#REF!', 'Old', 'New one')).toBe("='New one'!#REF!");
  });

  it('leaves strings, names and unrelated references alone', () => {
    const formula = '="Old!A1"&Old_total&OldSheet!A1&A1';
    expect(renameSheetInFormula(formula, 'Old', 'New')).toBe(formula);
  });

  it('keeps everything else byte for byte', () => {
    expect(renameSheetInFormula('= Old!a1 +  $B$2 ', 'old', 'Ny')).toBe('= Ny!a1 +  $B$2 ');
  });

  it('returns text that is not a formula unchanged', () => {
    expect(renameSheetInFormula('Old!A1', 'Old', 'New')).toBe('Old!A1');
  });
});

describe('acceptsReferenceAt', () => {
  /** Whether a reference may be inserted where "|" stands. */
  function accepts(withCaret: string): boolean {
    const caret = withCaret.indexOf('|');
    return acceptsReferenceAt(withCaret.replace('|', ''), caret);
  }

  it('accepts after =, (, separators and operators', () => {
    for (const text of [
      '=|',
      '=SUM(|',
      '=SUM(A1,|',
      '=SUM(A1;|',
      '=A1+|',
      '=A1-|',
      '=A1*|',
      '=A1/|',
      '=A1^|',
      '=A1&|',
      '=A1=|',
      '=A1<|',
      '=A1>|',
      '=A1<>|',
      '=A1<=|',
      '=A1>=|',
      '=SUM(A1:|',
    ]) {
      expect(accepts(text), text).toBe(true);
    }
  });

  it('ignores spaces between the operator and the caret', () => {
    expect(accepts('=A1 + |')).toBe(true);
    expect(accepts('=SUM( |')).toBe(true);
  });

  it('accepts in the middle of a formula, after an operator', () => {
    expect(accepts('=A1+|*2')).toBe(true);
  });

  it('accepts right after a reference, which the caller replaces', () => {
    expect(accepts('=A1|')).toBe(true);
    expect(accepts("=SUM('Klimatfond 2025'!B3:C4|)")).toBe(true);
  });

  it('refuses after values, names, closing parentheses and percent', () => {
    for (const text of ['=1|', '=SUM(A1)|', '=Target_2030|', '=SUM|', '=5%|', '=TRUE|', '="x"|', '=A1 |']) {
      expect(accepts(text), text).toBe(false);
    }
  });

  it('refuses inside strings and inside tokens', () => {
    expect(accepts('="a+|')).toBe(false);
    expect(accepts('="a+|"')).toBe(false);
    expect(accepts('=A|1')).toBe(false);
    expect(accepts('=SU|M(')).toBe(false);
  });

  it('refuses text that is not a formula and a caret before the "="', () => {
    expect(accepts('A1+|')).toBe(false);
    expect(accepts('|=A1+')).toBe(false);
    expect(acceptsReferenceAt('=A1+', 99)).toBe(false);
  });
});

describe('referenceEndingAt', () => {
  it('gives the span of the reference ending at the caret', () => {
    expect(referenceEndingAt('=A1+B2', 3)).toEqual({ start: 1, end: 3 });
    expect(referenceEndingAt('=A1+Blad1!B2:C3', 15)).toEqual({ start: 4, end: 15 });
  });

  it('reads "A1:" followed by an inserted cell as one range', () => {
    expect(referenceEndingAt('=SUM(A1:B5', 10)).toEqual({ start: 5, end: 10 });
  });

  it('is null when no reference ends exactly at the caret', () => {
    expect(referenceEndingAt('=A1+B2', 2)).toBeNull();
    expect(referenceEndingAt('=A1 ', 4)).toBeNull();
    expect(referenceEndingAt('="A1"', 4)).toBeNull();
    expect(referenceEndingAt('A1', 2)).toBeNull();
  });
});

describe('moveReferences (cut and paste)', () => {
  const move = (over: Partial<import('../../src/core/formula').CellMove> = {}) => ({
    fromSheet: 'S',
    toSheet: 'S',
    row: 0,
    col: 0,
    rowEnd: 1,
    colEnd: 1,
    dRow: 3,
    dCol: 2,
    ...over,
  });

  it('points references wholly inside the moved block at its new place, absolute or not', () => {
    expect(moveReferences('=A1+$B$2*2', 'S', move())).toBe('=C4+$D$5*2');
    expect(moveReferences('=SUM(A1:B2)', 'S', move())).toBe('=SUM(C4:D5)');
  });

  it('leaves references outside or only overlapping the block, and other sheets, unchanged', () => {
    expect(moveReferences('=C3+SUM(A1:C3)', 'S', move())).toBe('=C3+SUM(A1:C3)');
    expect(moveReferences('=A1', 'Other', move())).toBe('=A1');
    expect(moveReferences('="A1"&A1', 'S', move())).toBe('="A1"&C4');
  });

  it('follows the sheet qualifier, and qualifies when the cells moved to another sheet', () => {
    expect(moveReferences("='S'!A1+S!B2", 'Other', move())).toBe('=S!C4+S!D5');
    expect(moveReferences('=A1', 'S', move({ toSheet: 'Klimatfond 2025' }))).toBe("='Klimatfond 2025'!C4");
    expect(moveReferences('=A1', 'S', move({ toSheet: 'Klimatfond 2025' }), 'Klimatfond 2025')).toBe('=C4');
  });
});
