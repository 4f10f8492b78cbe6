import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CellValue, HyperFormula } from 'hyperformula';
import svSE from 'hyperformula/i18n/languages/svSE';
import { describe, expect, it } from 'vitest';
import {
  acceptsReferenceAt,
  extractReferences,
  referenceEndingAt,
  tokenizeFormula,
} from '../../src/core/formula';
import { fromDisplayFormula, SV_FUNCTION_NAMES, toDisplayFormula } from '../../src/core/formulaLocale';
import { formatForEdit, parseInput } from '../../src/core/input';

const MODELS = join(import.meta.dirname, '../../models');
const SEED = join(MODELS, 'region-stockholm-climate-fund-2025.bana.json');

interface ModelSheet {
  name: string;
  cells: unknown[][];
}
interface ModelFile {
  sheets: ModelSheet[];
  names: { name: string; expression: string | number }[];
}

function modelFiles(): string[] {
  return readdirSync(MODELS, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.bana.json'))
    .map((p) => join(MODELS, p));
}

/** Every string in a JSON value that is a formula. */
function formulasIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string' && value.startsWith('=') && value.length > 1) into.push(value);
  else if (Array.isArray(value)) for (const v of value) formulasIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) formulasIn(v, into);
  return into;
}

/** Round trip both ways: what the Swedish user sees reads back to exactly the stored formula. */
function expectLossless(canonical: string): string {
  const shown = toDisplayFormula(canonical, 'sv');
  expect(fromDisplayFormula(shown, 'sv'), `${canonical} shown as ${shown}`).toBe(canonical);
  return shown;
}

describe('SV_FUNCTION_NAMES', () => {
  it("takes the Swedish names from HyperFormula's pack, keeping only names that differ", () => {
    expect(SV_FUNCTION_NAMES.SUM).toBe('SUMMA');
    expect(SV_FUNCTION_NAMES['BETA.DIST']).toBe('BETA.FÖRD');
    expect(SV_FUNCTION_NAMES.YEAR).toBe('ÅR');
    // The pack maps SWITCH to "" and FILTER to itself: neither is translated.
    expect(svSE.functions.SWITCH).toBe('');
    expect(SV_FUNCTION_NAMES).not.toHaveProperty('SWITCH');
    expect(SV_FUNCTION_NAMES).not.toHaveProperty('FILTER');
    const entries = Object.entries(SV_FUNCTION_NAMES);
    expect(entries.filter(([en, sv]) => sv === '' || sv === en)).toEqual([]);
    expect(entries.length).toBeGreaterThan(250);
  });

  it('has no Swedish name that is also another function’s English name, and no duplicates', () => {
    const english = new Set(Object.keys(svSE.functions));
    const swedish = Object.values(SV_FUNCTION_NAMES);
    expect(swedish.filter((name) => english.has(name))).toEqual([]);
    expect(new Set(swedish).size).toBe(swedish.length);
  });
});

describe('toDisplayFormula', () => {
  it('shows Swedish function names, ";" between arguments and decimal commas in sv', () => {
    expect(toDisplayFormula('=IF(A1>0,A1*0.5,0)', 'sv')).toBe('=OM(A1>0;A1*0,5;0)');
    expect(toDisplayFormula('=SUM(C3:C13)', 'sv')).toBe('=SUMMA(C3:C13)');
    expect(toDisplayFormula('=SUMIF(E3:E13,"engång",D3:D13)', 'sv')).toBe(
      '=SUMMA.OM(E3:E13;"engång";D3:D13)',
    );
  });

  it('translates nested functions and keeps spacing', () => {
    expect(toDisplayFormula('=ROUND(SUM(A1:A3)*AVERAGE(B1, B2), 2)', 'sv')).toBe(
      '=AVRUNDA(SUMMA(A1:A3)*MEDEL(B1; B2); 2)',
    );
    expect(toDisplayFormula('=IFERROR(YEAR(A1)-CHOOSE(2,B1,B2),"")', 'sv')).toBe(
      '=OMFEL(ÅR(A1)-VÄLJ(2;B1;B2);"")',
    );
  });

  it('writes number literals with a decimal comma, exponents included', () => {
    expect(toDisplayFormula('=0.75*A1+1E-3', 'sv')).toBe('=0,75*A1+1E-3');
    expect(toDisplayFormula('=1.5E-3+2.25e+2', 'sv')).toBe('=1,5E-3+2,25e+2');
    expect(toDisplayFormula('=MAX(1.5,2)', 'sv')).toBe('=MAX(1,5;2)');
    expect(toDisplayFormula('=50%*1000000', 'sv')).toBe('=50%*1000000');
  });

  it('leaves strings alone, commas and semicolons in them included', () => {
    expect(toDisplayFormula('=IF(A1="a,b;c",1.5,"x.5, SUM(1,2)")', 'sv')).toBe(
      '=OM(A1="a,b;c";1,5;"x.5, SUM(1,2)")',
    );
  });

  it('leaves sheet names, quoted or not, and references alone', () => {
    expect(toDisplayFormula("='Klimatfond 2025'!C15*Blad1!$A$1", 'sv')).toBe(
      "='Klimatfond 2025'!C15*Blad1!$A$1",
    );
    expect(toDisplayFormula("=SUM('Klimatfond 2025'!C3:C13,Blad1!B2,'It''s'!A:A)", 'sv')).toBe(
      "=SUMMA('Klimatfond 2025'!C3:C13;Blad1!B2;'It''s'!A:A)",
    );
    expect(toDisplayFormula('=SUM(SUM!A1,2)', 'sv')).toBe('=SUMMA(SUM!A1;2)');
  });

  it('leaves named expressions alone, also when they read like function names', () => {
    expect(toDisplayFormula('=B7*(1-Minskningsmal_2030)+BaseYear', 'sv')).toBe(
      '=B7*(1-Minskningsmal_2030)+BaseYear',
    );
    expect(toDisplayFormula('=SUM(Target_2030,2.5)+SUMMA', 'sv')).toBe('=SUMMA(Target_2030;2,5)+SUMMA');
  });

  it('shows boolean literals and the TRUE()/FALSE() functions as SANT/FALSKT', () => {
    expect(toDisplayFormula('=IF(TRUE,FALSE,true)', 'sv')).toBe('=OM(SANT;FALSKT;sant)');
    expect(toDisplayFormula('=AND(TRUE(),NOT(FALSE()))', 'sv')).toBe('=OCH(SANT();ICKE(FALSKT()))');
  });

  it('leaves error literals alone', () => {
    expect(toDisplayFormula('=IF(ISERROR(A1),#N/A,#DIV/0!)+#REF!', 'sv')).toBe(
      '=OM(ÄRFEL(A1);#N/A;#DIV/0!)+#REF!',
    );
  });

  it('keeps lowercase names lowercase', () => {
    expect(toDisplayFormula('=sum(a1,0.5)', 'sv')).toBe('=summa(a1;0,5)');
  });

  it('keeps unknown functions and SWITCH (no Swedish name in the pack) in English', () => {
    expect(toDisplayFormula('=FOO(1.5,A1)', 'sv')).toBe('=FOO(1,5;A1)');
    expect(toDisplayFormula('=SWITCH(A1,1,"a","b")', 'sv')).toBe('=SWITCH(A1;1;"a";"b")');
  });

  it('shows the canonical formula when the Swedish form would not read back to it', () => {
    // A function called by its Swedish name would read back as the English one.
    expect(toDisplayFormula('=SUMMA(A1,1.5)', 'sv')).toBe('=SUMMA(A1,1.5)');
    // ",5" would read as a separator.
    expect(toDisplayFormula('=A1*.5', 'sv')).toBe('=A1*.5');
    // Mixed case would come back upper case.
    expect(toDisplayFormula('=Sum(A1,1.5)', 'sv')).toBe('=Sum(A1,1.5)');
    // Array literals use ";" for rows.
    expect(toDisplayFormula('=SUM({1,2;3,4})', 'sv')).toBe('=SUM({1,2;3,4})');
  });

  it('is the identity in en and for text that is not a formula', () => {
    expect(toDisplayFormula('=IF(A1>0,A1*0.5,0)', 'en')).toBe('=IF(A1>0,A1*0.5,0)');
    expect(toDisplayFormula('=', 'sv')).toBe('=');
    expect(toDisplayFormula('SUM(1,5)', 'sv')).toBe('SUM(1,5)');
    expect(toDisplayFormula('', 'sv')).toBe('');
  });
});

describe('fromDisplayFormula', () => {
  it('reads the Swedish form back to canonical English', () => {
    expect(fromDisplayFormula('=OM(A1>0;A1*0,5;0)', 'sv')).toBe('=IF(A1>0,A1*0.5,0)');
    expect(fromDisplayFormula('=AVRUNDA(SUMMA(A1:A3)*MEDEL(B1; B2); 2)', 'sv')).toBe(
      '=ROUND(SUM(A1:A3)*AVERAGE(B1, B2), 2)',
    );
    expect(fromDisplayFormula('=SUMMA(A1;1,5E-3)', 'sv')).toBe('=SUM(A1,1.5E-3)');
  });

  it('accepts canonical English typed by an Excel-English user', () => {
    for (const typed of [
      '=SUM(A1,B1)',
      '=IF(A1>0,1,0)',
      '=ROUND(A1*0.5,2)',
      '=IF(TRUE,1.5,0)',
      '=SUMIF(E3:E13,"engång",D3:D13)',
      '=MAX(1.5,2)',
      '=MAX(A1,B1)',
      '=A1*0.5',
    ]) {
      expect(fromDisplayFormula(typed, 'sv'), typed).toBe(typed);
    }
  });

  it('reads "," between digits as a decimal comma when nothing says the formula is English', () => {
    expect(fromDisplayFormula('=A1*0,5', 'sv')).toBe('=A1*0.5');
    expect(fromDisplayFormula('=MAX(1,5)', 'sv')).toBe('=MAX(1.5)');
    expect(fromDisplayFormula('=MAX(1;5)', 'sv')).toBe('=MAX(1,5)');
    // With a space it is a separator.
    expect(fromDisplayFormula('=MAX(1, 5)', 'sv')).toBe('=MAX(1, 5)');
    // An English-only name says it is English.
    expect(fromDisplayFormula('=SUM(1,5)', 'sv')).toBe('=SUM(1,5)');
  });

  it('translates Swedish names in any case', () => {
    expect(fromDisplayFormula('=summa(a1;0,5)', 'sv')).toBe('=sum(a1,0.5)');
    expect(fromDisplayFormula('=Summa.Om(A1:A3;">0")', 'sv')).toBe('=SUMIF(A1:A3,">0")');
    expect(fromDisplayFormula('=ÅR(A1)+välj(2;B1;B2)', 'sv')).toBe('=YEAR(A1)+choose(2,B1,B2)');
  });

  it('reads SANT and FALSKT as booleans', () => {
    expect(fromDisplayFormula('=OM(SANT;falskt;1)', 'sv')).toBe('=IF(TRUE,false,1)');
    expect(fromDisplayFormula('=OCH(SANT();ICKE(FALSKT()))', 'sv')).toBe('=AND(TRUE(),NOT(FALSE()))');
  });

  it('leaves strings, sheet names, references, names and errors alone', () => {
    expect(fromDisplayFormula('=OM(A1="ja;nej";"1,5";1,5)', 'sv')).toBe('=IF(A1="ja;nej","1,5",1.5)');
    expect(fromDisplayFormula("=SUMMA('Klimatfond 2025'!C3:C13;Blad1!A1;OM!B2)", 'sv')).toBe(
      "=SUM('Klimatfond 2025'!C3:C13,Blad1!A1,OM!B2)",
    );
    expect(fromDisplayFormula('=Minskningsmal_2030*1,5+BaseYear+SUMMA', 'sv')).toBe(
      '=Minskningsmal_2030*1.5+BaseYear+SUMMA',
    );
    expect(fromDisplayFormula('=OM(A1;#N/A;#REF!)', 'sv')).toBe('=IF(A1,#N/A,#REF!)');
  });

  it('keeps array literals as typed', () => {
    expect(fromDisplayFormula('=SUM({1,2;3,4})', 'sv')).toBe('=SUM({1,2;3,4})');
  });

  it('is the identity in en and for text that is not a formula', () => {
    expect(fromDisplayFormula('=OM(A1;1,5)', 'en')).toBe('=OM(A1;1,5)');
    expect(fromDisplayFormula('=', 'sv')).toBe('=');
    expect(fromDisplayFormula('OM(1;2)', 'sv')).toBe('OM(1;2)');
  });
});

describe('round trips', () => {
  const files = modelFiles();
  const formulas = files.flatMap((file) => formulasIn(JSON.parse(readFileSync(file, 'utf8'))));
  const english = new Set(Object.keys(SV_FUNCTION_NAMES));
  /** The Swedish form was used, not the canonical fallback: no English-only names, no "," separators. */
  const expectSwedish = (shown: string): void => {
    const tokens = tokenizeFormula(shown);
    const englishOnly = tokens.filter(
      (t) => (t.kind === 'function' && english.has(t.text.toUpperCase())) || t.kind === 'boolean',
    );
    expect(englishOnly, shown).toEqual([]);
    const commaSeparators = tokens.filter(
      (t, i) => t.text === ',' && !(tokens[i - 1]?.kind === 'number' && tokens[i + 1]?.kind === 'number'),
    );
    expect(commaSeparators, shown).toEqual([]);
  };

  it('finds the shipped models and the seed workbook', () => {
    expect(files).toContain(SEED);
    expect(formulas.length).toBeGreaterThan(50);
  });

  it('shows every shipped formula in Swedish and reads it back to exactly the stored formula', () => {
    for (const canonical of formulas) {
      expectSwedish(expectLossless(canonical));
    }
  });

  it('reads every shipped formula typed in canonical English in sv as itself', () => {
    for (const canonical of formulas) expect(fromDisplayFormula(canonical, 'sv'), canonical).toBe(canonical);
  });

  it('gives every shipped formula back through formatForEdit and parseInput in sv and en', () => {
    for (const canonical of formulas) {
      for (const locale of ['sv', 'en'] as const) {
        expect(parseInput(formatForEdit(canonical, locale), locale)).toBe(canonical);
      }
    }
    expect(formatForEdit('=IF(A1>0,A1*0.5,0)', 'sv')).toBe('=OM(A1>0;A1*0,5;0)');
    expect(formatForEdit('=IF(A1>0,A1*0.5,0)', 'en')).toBe('=IF(A1>0,A1*0.5,0)');
    expect(parseInput('=OM(A1>0;A1*0,5;0)', 'sv')).toBe('=IF(A1>0,A1*0.5,0)');
  });

  it('is lossless for generated formulas: nested functions, numbers, strings, sheets, names, booleans', () => {
    let seed = 4242;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    const pick = <T>(items: readonly T[]): T => items[random(items.length)] as T;
    const functions = [...Object.keys(SV_FUNCTION_NAMES), 'MAX', 'MIN', 'ABS', 'SWITCH', 'FOO'];
    const atoms = [
      '0.75',
      '1E-3',
      '1.5E-3',
      '2',
      '1000000',
      '0',
      'A1',
      '$B$2',
      'C3:C13',
      "'Klimatfond 2025'!C15",
      'Blad1!A1',
      "'It''s'!B2:B4",
      'Minskningsmal_2030',
      'BaseYear',
      'TRUE',
      'false',
      '#N/A',
      '#DIV/0!',
      '"a,b;c"',
      '"0,5"',
      '""',
    ];
    const expression = (depth: number): string => {
      if (depth === 0 || random(3) === 0) return pick(atoms);
      if (random(4) === 0)
        return `${expression(depth - 1)}${pick(['+', '*', '-', '/', '&', '>', '<>'])}${expression(depth - 1)}`;
      const args = Array.from({ length: 1 + random(3) }, () => expression(depth - 1));
      return `${pick(functions)}(${args.join(pick([',', ', ']))})`;
    };
    for (let i = 0; i < 1000; i++) {
      const canonical = `=${expression(4)}`;
      expectSwedish(expectLossless(canonical));
      expect(parseInput(formatForEdit(canonical, 'sv'), 'sv')).toBe(canonical);
    }
  });
});

describe('the formula lexer on the Swedish form', () => {
  it('reads ";" as a separator and "0,5" as number, separator, number', () => {
    const tokens = tokenizeFormula('=OM(A1>0;A1*0,5;0)');
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'operator:=',
      'function:OM',
      'paren:(',
      'reference:A1',
      'operator:>',
      'number:0',
      'separator:;',
      'reference:A1',
      'operator:*',
      'number:0',
      'separator:,',
      'number:5',
      'separator:;',
      'number:0',
      'paren:)',
    ]);
  });

  it('reads Swedish function names with Å, Ä, Ö and dots as functions', () => {
    const functions = tokenizeFormula(
      '=ÅR(A1)+MEDEL.OM(A1:A3;">0")+VÄLJ(2;B1;B2)+STDAV.S(C1:C3)+HÖGER("x";1)',
    )
      .filter((t) => t.kind === 'function')
      .map((t) => t.text);
    expect(functions).toEqual(['ÅR', 'MEDEL.OM', 'VÄLJ', 'STDAV.S', 'HÖGER']);
    for (const sv of Object.values(SV_FUNCTION_NAMES)) {
      expect(tokenizeFormula(`=${sv}(A1)`)[1], sv).toMatchObject({ kind: 'function', text: sv });
    }
  });

  it('finds the references of a Swedish formula for highlighting', () => {
    const formula = "=SUMMA('Klimatfond 2025'!C3:C13;B2)*0,5+OM(D4>0;E5;0)";
    expect(extractReferences(formula).map((r) => formula.slice(r.start, r.end))).toEqual([
      "'Klimatfond 2025'!C3:C13",
      'B2',
      'D4',
      'E5',
    ]);
  });

  it('accepts a clicked reference after "(" and ";" and replaces one just inserted', () => {
    expect(acceptsReferenceAt('=OM(', 4)).toBe(true);
    expect(acceptsReferenceAt('=OM(A1>0;', 9)).toBe(true);
    expect(acceptsReferenceAt('=SUMMA(A1; ', 11)).toBe(true);
    expect(acceptsReferenceAt('=OM(A1>0;"a;', 12)).toBe(false);
    expect(referenceEndingAt('=OM(A1>0;B7', 11)).toEqual({ start: 9, end: 11 });
  });
});

describe('agreement with HyperFormula’s own Swedish syntax', () => {
  // A HyperFormula configured for Swedish (svSE names, ";" and ",") must compute the displayed forms
  // of the seed workbook to the same values as the engine's English configuration computes the stored ones.
  HyperFormula.registerLanguage('svSE', svSE);
  const SV_CONFIG = {
    licenseKey: 'gpl-v3',
    language: 'svSE',
    functionArgSeparator: ';',
    decimalSeparator: ',',
    thousandSeparator: ' ',
    arrayColumnSeparator: ';',
    arrayRowSeparator: '|',
  } as const;

  function build(file: ModelFile, show: (formula: string) => string, config: object): CellValue[][][] {
    const sheets = Object.fromEntries(
      file.sheets.map((s) => [
        s.name,
        s.cells.map((row) =>
          (row ?? []).map((v) => (typeof v === 'string' && v.startsWith('=') ? show(v) : v)),
        ),
      ]),
    );
    const names = file.names.map((n) => ({ name: n.name, expression: n.expression }));
    const hf = HyperFormula.buildFromSheets(
      sheets as never,
      { licenseKey: 'gpl-v3', ...config },
      names as never,
    );
    const values = file.sheets.map((_, i) =>
      hf.getSheetValues(i).map((row) => row.map((v) => (typeof v === 'object' && v ? `error:${v.type}` : v))),
    );
    hf.destroy();
    return values as CellValue[][][];
  }

  it('computes the seed workbook shown in Swedish exactly as the stored English', () => {
    const file = JSON.parse(readFileSync(SEED, 'utf8')) as ModelFile;
    const english = build(file, (f) => f, {});
    const swedish = build(file, (f) => toDisplayFormula(f, 'sv'), SV_CONFIG);
    expect(swedish).toEqual(english);
    expect(english[0]?.[14]?.[2]).toBeTypeOf('number');
  });

  it('computes a formula with Swedish names, separators and decimals as its canonical form', () => {
    const formulas = [
      '=IF(A1>0,A1*0.5,0)',
      '=ROUND(AVERAGE(A1,0.75,2.5),1)',
      '=SUMIF(A1:A2,">1",A1:A2)',
      '=AND(TRUE(),NOT(FALSE()))',
    ];
    const compute = (row: string[], config: object): unknown[] => {
      const hf = HyperFormula.buildFromSheets({ S: [[3, 4, ...row]] } as never, {
        licenseKey: 'gpl-v3',
        ...config,
      });
      const values = hf.getSheetValues(0)[0] ?? [];
      hf.destroy();
      return values;
    };
    const shown = formulas.map((f) => toDisplayFormula(f, 'sv'));
    expect(shown[0]).toBe('=OM(A1>0;A1*0,5;0)');
    expect(compute(shown, SV_CONFIG)).toEqual(compute(formulas, {}));
  });
});
