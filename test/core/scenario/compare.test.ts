// Comparing scenarios by parameter: the parameter blocks (name, unit, computed value) matched by sheet
// and name, never formula text; parameters only one side has listed per side; and the axis rule.
import { describe, expect, it } from 'vitest';
import { type RawCell, type ScenarioDocument, createDocument, createSheet } from '../../../src/core/document';
import { compareParameters, defaultAxis, onAxis } from '../../../src/core/scenario/compare';
import type { Parameter } from '../../../src/core/scenario/parameters';
import type { CellValue } from '../../../src/core/values';
import { shippedScenarios } from '../../state/support';

function workbook(name: string, sheets: Record<string, RawCell[][]>): ScenarioDocument {
  const doc = createDocument(name);
  doc.sheets = Object.entries(sheets).map(([sheet, cells]) => createSheet(sheet, cells));
  return doc;
}

const header: RawCell[] = ['Parameter', 'Värde', 'Enhet', 'Låg', 'Hög', 'Källa'];

describe('compareParameters', () => {
  it('lists a changed parameter with each scenario’s value, and not the unchanged ones', () => {
    const a = workbook('A', {
      Baslinje: [['Titel'], [], header, ['Basår', 2024, 'år'], ['Målår', 2030, 'år']],
      Drivmedel: [
        ['Drivmedel'],
        [],
        header,
        ['Kostnad', 3000000, 'kr'],
        ['Typ', 'engång', 'val: engång/årlig'],
      ],
    });
    const b = workbook('B', {
      Baslinje: [['Titel'], [], header, ['Basår', 2018, 'år'], ['Målår', 2030, 'år']],
      Drivmedel: [
        ['Drivmedel'],
        [],
        header,
        ['Kostnad', 4000000, 'kr'],
        ['Typ', 'engång', 'val: engång/årlig'],
      ],
    });
    expect(compareParameters([a, b])).toEqual({
      differing: [
        { sheet: 'Baslinje', name: 'Basår', unit: 'år', values: [2024, 2018] },
        { sheet: 'Drivmedel', name: 'Kostnad', unit: 'kr', values: [3000000, 4000000] },
      ],
      unmatched: [[], []],
    });
  });

  it('compares computed values, never formula text: same results are the same, an error stays an error', () => {
    const a = workbook('A', { S: [header, ['Basutsläpp', '=B17+B18', 't CO2e'], ['Faktor', '=1/0', 'st']] });
    const b = workbook('B', { S: [header, ['Basutsläpp', '=B20', 't CO2e'], ['Faktor', 2, 'st']] });
    const computed: Record<string, CellValue>[] = [
      { 'S!B2': 607000, 'S!B3': { error: '#DIV/0!', message: 'Division by zero' } },
      { 'S!B2': 607000, 'S!B3': 2 },
    ];
    const engineValue = (i: number, p: Parameter) => computed[i]?.[p.address];
    const { differing } = compareParameters([a, b], engineValue);
    // Different formulas with the same result do not differ; the text "=B17+B18" is never shown.
    expect(differing).toEqual([
      {
        sheet: 'S',
        name: 'Faktor',
        unit: 'st',
        values: [{ error: '#DIV/0!', message: 'Division by zero' }, 2],
      },
    ]);
    // Without computed values a formula shows as empty, not as its text.
    const bare = compareParameters([a, b]).differing.find((d) => d.name === 'Faktor');
    expect(bare?.values).toEqual([null, 2]);
  });

  it('matches by sheet and name ignoring the sheet’s case, and lists what only one side has per side', () => {
    const a = workbook('A', { Indata: [header, ['x', 1, 'st']], Stål: [header, ['Stål', 594, 'ton']] });
    const b = workbook('B', { indata: [header, ['x', 2, 'st'], ['y', 5, 'kr']] });
    expect(compareParameters([a, b])).toEqual({
      differing: [{ sheet: 'Indata', name: 'x', unit: 'st', values: [1, 2] }],
      unmatched: [
        [{ sheet: 'Stål', name: 'Stål', unit: 'ton', value: 594 }],
        [{ sheet: 'indata', name: 'y', unit: 'kr', value: 5 }],
      ],
    });
  });

  it('compares three scenarios, marking one without the parameter as undefined, and pairs repeated names in order', () => {
    const a = workbook('A', { S: [header, ['x', 1, 'st'], ['Låg', 1, 'st'], ['Låg', 2, 'st']] });
    const b = workbook('B', { T: [header, ['y', 1, 'st']] });
    const c = workbook('C', { S: [header, ['x', 3, 'st'], ['Låg', 1, 'st'], ['Låg', 5, 'st']] });
    expect(compareParameters([a, b, c]).differing).toEqual([
      { sheet: 'S', name: 'x', unit: 'st', values: [1, undefined, 3] },
      { sheet: 'S', name: 'Låg', unit: 'st', values: [2, undefined, 5] },
    ]);
  });

  it('compares Stockholm with Dalarna by parameter name: no formula as a name or unit, each side’s own measures listed', () => {
    const [stockholm, dalarna] = shippedScenarios() as [ScenarioDocument, ScenarioDocument];
    const { differing, unmatched } = compareParameters([stockholm, dalarna]);
    const all = [
      ...differing.map((d) => [d.name, d.unit]),
      ...unmatched.flat().map((p) => [p.name, p.unit]),
    ].flat();
    expect(all.length).toBeGreaterThan(0);
    for (const text of all) expect(text.trim().startsWith('=')).toBe(false);
    expect(differing.find((d) => d.name === 'Basår')).toEqual({
      sheet: 'Baslinje',
      name: 'Basår',
      unit: 'år',
      values: [2024, 2018],
    });
    // The steel measure is Stockholm's only: listed on Stockholm's side, not as a difference.
    expect(unmatched[0]?.some((p) => p.sheet === 'Stål' && p.name === 'Stål')).toBe(true);
    expect(unmatched[1]?.some((p) => p.sheet === 'Stål')).toBe(false);
    expect(differing.some((d) => d.sheet === 'Stål')).toBe(false);
  });
});

describe('defaultAxis', () => {
  it('opens on % of base year when the bases differ by more than ×5', () => {
    expect(defaultAxis([607_000, 17_861])).toBe('percent');
    expect(defaultAxis([17_861, 607_000, 20_000])).toBe('percent');
  });

  it('stays on tonnes for bases within ×5, exactly ×5, or without two usable bases', () => {
    expect(defaultAxis([100, 500])).toBe('tonnes');
    expect(defaultAxis([100, 499])).toBe('tonnes');
    expect(defaultAxis([100, 501])).toBe('percent');
    expect(defaultAxis([607_000, null])).toBe('tonnes');
    expect(defaultAxis([0, 17_861])).toBe('tonnes');
  });
});

describe('onAxis', () => {
  it('gives each value as per cent of its own base, keeps gaps, and draws nothing without a base', () => {
    expect(onAxis([17_861, null, 4465.25], 'percent', 17_861)).toEqual([100, null, 25]);
    expect(onAxis([1, 2], 'tonnes', null)).toEqual([1, 2]);
    expect(onAxis([1, 2], 'percent', null)).toEqual([null, null]);
  });
});
