// The compatibility corpus: every formula LibreOffice computed (scripts/compat/generate.ts) is
// evaluated by Bana's engine as an imported workbook would be, and must match, or be one of the
// divergences src/excel/compatibility.ts lists (and COMPATIBILITY.md explains).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawCell, ScenarioDocument, SheetId } from '../../src/core/document';
import { DIVERGENCES, findDivergentFunctions } from '../../src/excel/compatibility';
import { fromExcelFormula, toExcelFormula } from '../../src/excel/xlsx';
import type { CellValue } from '../../src/core/values';
import { createEngine } from '../../workers/engine';

type Expected = number | string | boolean | null | { error: string };

interface Corpus {
  libreOffice: string;
  sheet: string;
  formulaColumn: number;
  data: RawCell[][];
  formulas: { cell: string; formula: string; expected: Expected }[];
}

const corpus: Corpus = JSON.parse(
  readFileSync(new URL('../fixtures/compat/libreoffice.json', import.meta.url), 'utf8'),
);
const S = 'sh_compat' as SheetId;

/** Equal as a spreadsheet user would judge: numbers to 1e-9 relative, errors by their code. */
function matches(actual: CellValue, expected: Expected): boolean {
  if (typeof expected === 'number') {
    return (
      typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    return actual !== null && typeof actual === 'object' && actual.error === expected.error;
  }
  // An empty result: LibreOffice writes an empty string, the engine null or "".
  if (expected === null || expected === '') return actual === null || actual === '';
  return actual === expected;
}

async function evaluateCorpus(): Promise<CellValue[]> {
  const rows = Math.max(corpus.data.length, corpus.formulas.length);
  const cells: RawCell[][] = Array.from({ length: rows }, (_, r) => {
    const row: RawCell[] = [...(corpus.data[r] ?? [])];
    while (row.length < corpus.formulaColumn) row.push(null);
    const formula = corpus.formulas[r]?.formula;
    // As the xlsx import gives it to the engine: Excel's stored form read back.
    if (formula) row[corpus.formulaColumn] = fromExcelFormula(toExcelFormula(formula));
    return row;
  });
  const engine = createEngine();
  await engine.load({ sheets: [{ id: S, name: corpus.sheet, cells }], names: [] }, 1);
  const values = await engine.getValues({
    sheetId: S,
    row: 0,
    col: corpus.formulaColumn,
    rows: corpus.formulas.length,
    cols: 1,
  });
  return values.values;
}

describe('compatibility with LibreOffice', () => {
  it('computes the corpus as LibreOffice does, apart from the listed divergences', async () => {
    expect(corpus.formulas.length).toBeGreaterThanOrEqual(300);
    const values = await evaluateCorpus();
    const allowed = new Set(DIVERGENCES.flatMap((d) => d.corpus));
    const unexpected: string[] = [];
    const stale = new Set(allowed);
    let matched = 0;
    corpus.formulas.forEach(({ cell, formula, expected }, i) => {
      const actual = values[i] ?? null;
      if (matches(actual, expected)) {
        matched++;
        return;
      }
      stale.delete(formula);
      if (!allowed.has(formula))
        unexpected.push(
          `${cell} ${formula}: Bana ${JSON.stringify(actual)}, LibreOffice ${JSON.stringify(expected)}`,
        );
    });
    for (const formula of allowed)
      if (!corpus.formulas.some((f) => f.formula === formula)) stale.add(formula);
    console.log(`compat: ${corpus.formulas.length} formulas, ${matched} match (${corpus.libreOffice})`);
    expect(unexpected).toEqual([]);
    // A divergence that no longer shows (or names no corpus formula) is taken off the list.
    expect([...stale]).toEqual([]);
  }, 30_000);

  it('documents every divergence in COMPATIBILITY.md', () => {
    const doc = readFileSync(new URL('../../COMPATIBILITY.md', import.meta.url), 'utf8');
    for (const d of DIVERGENCES) {
      for (const fn of d.functions) expect(doc).toContain(fn);
      for (const formula of d.corpus) expect(doc).toContain(`\`${formula}\``);
    }
  });
});

describe('findDivergentFunctions', () => {
  it('names the functions known to compute differently from Excel, with their cells, and leaves out unknown ones', () => {
    const doc = {
      sheets: [
        {
          name: 'Blad1',
          cells: [
            ['=INDEX(A1:C3,2)', '=SUM(A1:A3)', '=sumif(A1:A3,"??",B1:B3)+INDEX(A1:A3,1)'],
            ['=INDIRECT("A1")', '=CHOOSE(1,2)'],
          ],
        },
      ],
      names: [{ name: 'Pick', expression: '=MATCH("a*",Blad1!A1:A3,0)' }],
    } as unknown as ScenarioDocument;
    const known = new Set(['INDEX', 'SUM', 'SUMIF', 'CHOOSE', 'MATCH']);
    expect(findDivergentFunctions(doc, known)).toEqual([
      { name: 'INDEX', places: ['Blad1!A1', 'Blad1!C1'] },
      { name: 'SUMIF', places: ['Blad1!C1'] },
      { name: 'CHOOSE', places: ['Blad1!B2'] },
      { name: 'MATCH', places: ['Pick'] },
    ]);
  });
});
