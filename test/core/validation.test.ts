// The grid's input rules read from a sheet's parameter blocks: which cells are choices and what a
// typed value into one may be, and which values sit outside their sourced range.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioDocument, Sheet } from '../../src/core/document';
import { migrateDocument } from '../../src/core/migrations';
import { cellChoices, cellRangeWarning, checkChoice, sheetRules } from '../../src/core/validation';

function fuelSheet(): Sheet {
  const path = new URL('../../models/templates/fuel-conversion.bana.json', import.meta.url);
  const parsed = migrateDocument(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.reason);
  return (parsed.value as ScenarioDocument).sheets[0] as Sheet;
}

describe('choice cells', () => {
  const rules = sheetRules(fuelSheet());

  it('lists the allowed values of the fuel, accounting and type cells from their unit column', () => {
    expect(cellChoices(rules, 10, 1)).toEqual(['HVO100', 'RME', 'Biogas', 'El']); // B11
    expect(cellChoices(rules, 11, 1)).toEqual(['WTW', 'TTW']); // B12
    expect(cellChoices(rules, 5, 1)).toEqual(['engång', 'årlig']); // B6
  });

  it('gives no list for number parameters, labels, units or cells outside a block', () => {
    expect(cellChoices(rules, 8, 1)).toBeNull(); // B9, litres a year
    expect(cellChoices(rules, 10, 0)).toBeNull(); // A11, the label
    expect(cellChoices(rules, 10, 2)).toBeNull(); // C11, the unit that lists the values
    expect(cellChoices(rules, 35, 5)).toBeNull(); // a yearly reduction
  });

  it('refuses a typed value not in the list and says which values are allowed', () => {
    const options = cellChoices(rules, 10, 1);
    expect(checkChoice(options, 'HVO')).toEqual({
      ok: false,
      problem: { kind: 'not-in-list', value: 'HVO', options: ['HVO100', 'RME', 'Biogas', 'El'] },
    });
    expect(checkChoice(options, 100)).toMatchObject({ ok: false, problem: { value: '100' } });
  });

  it('accepts a listed value, writes a differently cased one as listed, and lets empty and formulas through', () => {
    const options = cellChoices(rules, 10, 1);
    expect(checkChoice(options, 'RME')).toEqual({ ok: true, value: 'RME' });
    expect(checkChoice(options, 'biogas')).toEqual({ ok: true, value: 'Biogas' });
    expect(checkChoice(options, null)).toEqual({ ok: true, value: null });
    expect(checkChoice(options, '=A24')).toEqual({ ok: true, value: '=A24' });
  });

  it('accepts anything in a cell without a list', () => {
    expect(checkChoice(null, 'HVO')).toEqual({ ok: true, value: 'HVO' });
  });
});

describe('values outside their sourced range', () => {
  const rules = sheetRules(fuelSheet());

  it('marks a fuel volume above its high and below its low, not one inside', () => {
    expect(cellRangeWarning(rules, 8, 1, 600_000)?.warning).toEqual({
      side: 'above',
      value: 600_000,
      bound: 500_000,
    });
    expect(cellRangeWarning(rules, 8, 1, 100)?.warning).toMatchObject({ side: 'below', bound: 380_000 });
    expect(cellRangeWarning(rules, 8, 1, 429_078)).toBeNull();
  });

  it('marks a share outside 0–1 and nothing for text, formulas or cells without a parameter', () => {
    expect(cellRangeWarning(rules, 12, 1, 1.5)?.warning.side).toBe('above');
    expect(cellRangeWarning(rules, 8, 1, '=B4*2')).toBeNull();
    expect(cellRangeWarning(rules, 35, 5, 1e9)).toBeNull();
  });
});
