// The shipped models' number formats: years plain, shares as percent, tonnes and kronor grouped, and
// the values themselves untouched.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '../../../src/core/document';
import { migrateDocument } from '../../../src/core/migrations';
import { formatAt, formatCode } from '../../../src/core/numberFormat';
import { ROW } from '../../../src/core/scenario/layout';
import { unitFormat } from '../../../src/core/scenario/modelFormats';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../../src/core/scenario/shipped';

const templates = new Map<string, ScenarioDocument>();
for (const dir of ['templates/', 'baselines/']) {
  const base = new URL(`../../../models/${dir}`, import.meta.url);
  for (const file of readdirSync(base)) {
    const read = migrateDocument(JSON.parse(readFileSync(new URL(file, base), 'utf8')));
    if (!read.ok) throw new Error(read.reason);
    templates.set(file.replace('.bana.json', ''), read.value);
  }
}

describe('unitFormat', () => {
  it('reads a row’s unit label', () => {
    expect(unitFormat('år', [2030])).toEqual({ kind: 'number', decimals: 0, grouping: false });
    expect(unitFormat('andel', [0.75])).toEqual({ kind: 'percent', decimals: 0 });
    expect(unitFormat('andel', [0.255])).toEqual({ kind: 'percent', decimals: 1 });
    expect(unitFormat('andel/år', [0])).toEqual({ kind: 'percent', decimals: 1 });
    expect(unitFormat('t CO2e', [])).toEqual({ kind: 'number', decimals: 0, grouping: true });
    expect(unitFormat('kr', [])).toEqual({ kind: 'number', decimals: 0, grouping: true });
    expect(unitFormat('kg CO2e/liter', [3.3])).toBeNull(); // factors keep their decimals
    expect(unitFormat(null, [])).toBeNull();
  });
});

describe('shipped scenarios', () => {
  for (const recipe of SHIPPED_SCENARIOS) {
    it(`${recipe.id}: the trajectory and every sheet carry formats by unit`, () => {
      const doc = buildShippedScenario(recipe, (stem) => templates.get(stem));
      const [trajectory, baseline] = doc.sheets;
      const code = (formats: ScenarioDocument['sheets'][number]['formats'], r: number, c: number) =>
        formatCode(formatAt(formats, r, c));
      expect(code(trajectory?.formats, ROW.years, 2)).toBe('0');
      expect(code(trajectory?.formats, ROW.projected, 2)).toBe('#,##0');
      expect(code(trajectory?.formats, ROW.reductionShare, 2)).toBe('0%');
      const share = baseline?.cells.findIndex((row) => row[0] === 'Minskning till målåret') ?? -1;
      expect(baseline?.cells[share]?.[1]).toBe(0.75); // the value is as it was: only its look changes
      expect(code(baseline?.formats, share, 1)).toBe('0%');
      for (const measure of doc.sheets.slice(2)) {
        const start = measure.cells.findIndex((row) => row[0] === 'Startår');
        expect(code(measure.formats, start, 1), measure.name).toBe('0');
      }
    });
  }
});
