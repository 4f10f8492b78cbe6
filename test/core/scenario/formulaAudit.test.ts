// Every formula Bana ships keeps errors visible: none turns an error (or text) into a number.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '../../../src/core/document';
import { isFormula } from '../../../src/core/document';
import { migrateDocument } from '../../../src/core/migrations';
import { maskingFunctions } from '../../../src/core/scenario/formulaAudit';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../../src/core/scenario/shipped';
import { createEngine } from '../../../workers/engine';

const models = new URL('../../../models/', import.meta.url);
const read = (path: string): ScenarioDocument => {
  const parsed = migrateDocument(JSON.parse(readFileSync(new URL(path, models), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};
const files = [
  ...readdirSync(new URL('templates/', models)).map((f) => `templates/${f}`),
  ...readdirSync(new URL('baselines/', models)).map((f) => `baselines/${f}`),
  ...readdirSync(models).filter((f) => f.endsWith('.bana.json')),
];
const byStem = (stem: string) => {
  const path = files.find((p) => p.endsWith(`/${stem}.bana.json`));
  return path ? read(path) : undefined;
};

function formulas(doc: ScenarioDocument): { at: string; formula: string }[] {
  const out: { at: string; formula: string }[] = [];
  for (const sheet of doc.sheets) {
    sheet.cells.forEach((row, r) => {
      row.forEach((v, c) => {
        if (isFormula(v)) out.push({ at: `${sheet.name}!R${r + 1}C${c + 1}`, formula: v });
      });
    });
  }
  for (const n of doc.names)
    if (typeof n.expression === 'string') out.push({ at: n.name, formula: n.expression });
  return out;
}

describe('formula audit', () => {
  it('finds the functions that hide an error, in any case, and not inside text', () => {
    expect(maskingFunctions('=IFERROR(A1/B1,0)')).toEqual(['IFERROR']);
    expect(maskingFunctions('=SUM(n(A1),1)')).toEqual(['N']);
    expect(maskingFunctions('=IF(ISNUMBER(B5),B5,0)')).toEqual(['ISNUMBER']);
    expect(maskingFunctions('=MAX(0,A1-B1)')).toEqual([]);
    expect(maskingFunctions('="IFERROR(x)"&A1')).toEqual([]);
    expect(maskingFunctions('=INDEX($B$24:$B$27,MATCH($B$11,$A$24:$A$27,0))')).toEqual([]);
  });

  it('no shipped formula (templates, baselines, seed workbook, built scenarios) hides an error', () => {
    const docs = [
      ...files.map((f) => ({ id: f, doc: read(f) })),
      ...SHIPPED_SCENARIOS.map((r) => ({ id: r.id, doc: buildShippedScenario(r, byStem) })),
    ];
    let scanned = 0;
    for (const { id, doc } of docs) {
      const found = formulas(doc)
        .map((f) => ({ ...f, masking: maskingFunctions(f.formula) }))
        .filter((f) => f.masking.length > 0);
      scanned += formulas(doc).length;
      expect(found, id).toEqual([]);
    }
    expect(scanned).toBeGreaterThan(1000);
  });

  it('the engine passes an error on through MAX(0,…), MIN and SUM, which the trajectory relies on', async () => {
    const engine = createEngine();
    const id = 'sh_1' as never;
    await engine.load(
      {
        sheets: [
          {
            id,
            name: 'S',
            cells: [['=NA()', '=MAX(0,A1)', '=MIN(1,A1)', '=SUM(A1:A1)', '=1/0', '=MAX(0,E1)']],
          },
        ],
        names: [],
      },
      1,
    );
    const { values } = await engine.getValues({ sheetId: id, row: 0, col: 0, rows: 1, cols: 6 });
    expect(values.map((v) => (typeof v === 'object' && v ? v.error : v))).toEqual([
      '#N/A',
      '#N/A',
      '#N/A',
      '#N/A',
      '#DIV/0!',
      '#DIV/0!',
    ]);
  });
});
