// Which inputs differ between compared scenarios: parameter rows (label in A, value in B, unit in C)
// of same-named sheets, the baselines included.
import { describe, expect, it } from 'vitest';
import { type RawCell, type ScenarioDocument, createDocument, createSheet } from '../../../src/core/document';
import { differingInputs } from '../../../src/core/scenario/compare';

function workbook(name: string, sheets: Record<string, RawCell[][]>): ScenarioDocument {
  const doc = createDocument(name);
  doc.sheets = Object.entries(sheets).map(([sheet, cells]) => createSheet(sheet, cells));
  return doc;
}

const header: RawCell[] = ['Parameter', 'Värde', 'Enhet', 'Låg'];

describe('differingInputs', () => {
  it('lists a changed parameter with each scenario’s value, and not the unchanged ones', () => {
    const a = workbook('A', {
      Baslinje: [
        ['Titel'],
        [],
        header,
        ['Region', 'Stockholm'],
        ['Basår', 2024, 'år'],
        ['Målår', 2030, 'år'],
      ],
      Drivmedel: [
        ['Drivmedel'],
        [],
        header,
        ['Kostnad', 3000000, 'kr', null],
        ['Typ', 'engång', 'engång/årlig'],
      ],
    });
    const b = workbook('B', {
      Baslinje: [['Titel'], [], header, ['Region', 'Dalarna'], ['Basår', 2018, 'år'], ['Målår', 2030, 'år']],
      Drivmedel: [
        ['Drivmedel'],
        [],
        header,
        ['Kostnad', 4000000, 'kr', 1],
        ['Typ', 'engång', 'engång/årlig'],
      ],
    });
    expect(differingInputs([a, b])).toEqual([
      { sheet: 'Baslinje', label: 'Basår', unit: 'år', values: [2024, 2018] },
      { sheet: 'Drivmedel', label: 'Kostnad', unit: 'kr', values: [3000000, 4000000] },
    ]);
  });

  it('skips rows without a unit (titles, the region name) and compares formulas as text', () => {
    const a = workbook('A', {
      S: [
        ['Not', 1],
        ['Basutsläpp', '=B17+B18', 't CO2e'],
      ],
    });
    const b = workbook('B', {
      S: [
        ['Not', 2],
        ['Basutsläpp', '=B20', 't CO2e'],
      ],
    });
    expect(differingInputs([a, b])).toEqual([
      { sheet: 'S', label: 'Basutsläpp', unit: 't CO2e', values: ['=B17+B18', '=B20'] },
    ]);
  });

  it('matches sheets by name ignoring case, and leaves out sheets only one scenario has', () => {
    const a = workbook('A', { Indata: [['x', 1, 'st']], Bara: [['y', 1, 'st']] });
    const b = workbook('B', { indata: [['x', 2, 'st']] });
    expect(differingInputs([a, b])).toEqual([{ sheet: 'Indata', label: 'x', unit: 'st', values: [1, 2] }]);
  });

  it('compares three scenarios, marking a scenario without the sheet as undefined', () => {
    const a = workbook('A', { S: [['x', 1, 'st']] });
    const b = workbook('B', { T: [['y', 1, 'st']] });
    const c = workbook('C', { S: [['x', 1, 'st']] });
    expect(differingInputs([a, b, c])).toEqual([]);
    const d = workbook('D', { S: [['x', 3, 'st']] });
    expect(differingInputs([a, b, d])).toEqual([
      { sheet: 'S', label: 'x', unit: 'st', values: [1, undefined, 3] },
    ]);
  });

  it('counts a row one scenario lacks as a difference, and pairs repeated labels in order', () => {
    const a = workbook('A', {
      S: [
        ['x', 1, 'st'],
        ['Låg', 1, 'st'],
        ['Låg', 2, 'st'],
      ],
    });
    const b = workbook('B', {
      S: [
        ['Låg', 1, 'st'],
        ['Låg', 5, 'st'],
      ],
    });
    expect(differingInputs([a, b])).toEqual([
      { sheet: 'S', label: 'x', unit: 'st', values: [1, undefined] },
      { sheet: 'S', label: 'Låg', unit: 'st', values: [2, 5] },
    ]);
  });
});
