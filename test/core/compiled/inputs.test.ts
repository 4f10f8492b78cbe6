// The default Monte Carlo inputs: every ranged numeric parameter, with the value as the mode.
import { describe, expect, it } from 'vitest';
import type { CompilableWorkbook } from '../../../src/core/compiled/compile';
import { monteCarloInputs } from '../../../src/core/compiled/inputs';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../../src/core/scenario/shipped';
import { exportModelForTest } from '../../workers/monteCarloSupport';

const HEADER = ['Parameter', 'Värde', 'Enhet', 'Låg', 'Hög', 'Källa'];

function workbook(rows: (string | number | null)[][]): CompilableWorkbook {
  return { sheets: [{ name: 'Åtgärd', cells: [HEADER, ...rows] }], names: [] };
}

describe('monteCarloInputs', () => {
  it('samples numbers and shares with a low and a high, triangular around the stored value', () => {
    const { inputs, skipped } = monteCarloInputs(
      workbook([
        ['Volym', 600, 'liter/år', 450, 750],
        ['Andel', 0.25, 'andel', 0, 1],
        ['Utan intervall', 3, 'kg', null, null],
      ]),
    );
    expect(inputs).toEqual([
      { sheet: 'Åtgärd', row: 1, col: 1, low: 450, mode: 600, high: 750, distribution: 'triangular' },
      { sheet: 'Åtgärd', row: 2, col: 1, low: 0, mode: 0.25, high: 1, distribution: 'triangular' },
    ]);
    expect(skipped).toEqual([]);
  });

  it('leaves out choices, years, broken ranges and values outside the range, and says why', () => {
    const { inputs, skipped } = monteCarloInputs(
      workbook([
        ['Bränsle', 'HVO100', 'val: HVO100/RME', 'RME', 'HVO100'],
        ['Startår', 2025, 'år', 2024, 2026],
        ['Bara låg', 5, 'kg', 1, null],
        ['Omvänd', 5, 'kg', 9, 1],
        ['Utanför', 12, 'kg', 1, 9],
      ]),
    );
    expect(inputs).toEqual([]);
    expect(skipped.map((s) => [s.address, s.reason])).toEqual([
      ['Åtgärd!B2', 'a choice is not sampled'],
      ['Åtgärd!B3', 'a year is not sampled'],
      ['Åtgärd!B4', 'its range breaks the rule (one-bound)'],
      ['Åtgärd!B5', 'its range breaks the rule (low-above-high)'],
      ['Åtgärd!B6', 'the value is outside low–high'],
    ]);
  });

  it("takes a formula parameter's computed value as its mode, and skips it without one", () => {
    const wb = workbook([['Förändring', '=A9*2', 'andel/år', -0.05, 0]]);
    expect(monteCarloInputs(wb).skipped).toEqual([
      { address: 'Åtgärd!B2', name: 'Förändring', reason: 'its value is not a number' },
    ]);
    expect(monteCarloInputs(wb, () => -0.03).inputs).toEqual([
      { sheet: 'Åtgärd', row: 1, col: 1, low: -0.05, mode: -0.03, high: 0, distribution: 'triangular' },
    ]);
  });

  it("finds Dalarna's fuel volume and share, not its choice cells", () => {
    const recipe = SHIPPED_SCENARIOS.find((r) => r.id === 'dalarna-2030');
    const doc = buildShippedScenario(recipe as NonNullable<typeof recipe>, exportModelForTest);
    const { inputs } = monteCarloInputs(doc, () => -0.03);
    const at = (sheet: string, label: string) => {
      const row = doc.sheets.find((s) => s.name === sheet)?.cells.findIndex((r) => r?.[0] === label);
      return inputs.find((i) => i.sheet === sheet && i.row === row);
    };
    expect(at('Drivmedel', 'Ersatt fossilt bränsle per år')).toMatchObject({
      low: 450000,
      mode: 600000,
      high: 750000,
    });
    expect(at('Drivmedel', 'Andel av volymen som konverteras per år')).toMatchObject({
      low: 0,
      mode: 0.25,
      high: 1,
    });
    expect(at('Baslinje', 'Förändring per år utan åtgärder (BAU)')).toMatchObject({
      low: -0.05,
      mode: -0.03,
      high: 0,
    });
    expect(at('Drivmedel', 'Efter livslängden')).toBeUndefined();
    expect(at('Drivmedel', 'Alternativt bränsle')).toBeUndefined();
  });
});
