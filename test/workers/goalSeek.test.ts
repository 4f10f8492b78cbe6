// Goal seek in the worker on Dalarna built so a solution exists, one where none does, and one whose
// goal does not depend on the input; solutions checked against HyperFormula evaluated independently.
import { describe, expect, it, vi } from 'vitest';
import type { CompilableWorkbook } from '../../src/core/compiled/compile';
import { keyFigureRow } from '../../src/core/compiled/monteCarlo';
import type { Scalar } from '../../src/core/compiled/values';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../src/core/scenario/shipped';
import { goalSeek } from '../../workers/goalSeek';
import { createReferenceEngine } from '../../workers/monteCarlo';
import { exportModelForTest } from './monteCarloSupport';

vi.setConfig({ testTimeout: 60_000 });

function dalarna(): CompilableWorkbook {
  const recipe = SHIPPED_SCENARIOS.find((r) => r.id === 'dalarna-2030');
  const doc = buildShippedScenario(recipe as NonNullable<typeof recipe>, exportModelForTest);
  return { sheets: doc.sheets, names: doc.names };
}

const WB = dalarna();
const sheet = (name: string) => WB.sheets.findIndex((s) => s.name === name);
const rowOf = (name: string, label: string) =>
  WB.sheets[sheet(name)]?.cells.findIndex((r) => r?.[0] === label) ?? -1;
const VOLUME = { sheet: 'Drivmedel', row: rowOf('Drivmedel', 'Ersatt fossilt bränsle per år'), col: 1 };
const COST = { sheet: 'Drivmedel', row: rowOf('Drivmedel', 'Kostnad'), col: 1 };
const BANA = sheet('Bana');

/** HyperFormula alone: the target-year gap and the neutral-year residual at a fuel volume. */
function byHyperFormula(volume: number): { gap: number; residual: number } {
  const hf = createReferenceEngine(WB);
  const [p, t, r] = hf.evaluate(
    [{ sheet: sheet('Drivmedel'), row: VOLUME.row, col: 1 }],
    [volume],
    [
      { sheet: BANA, row: keyFigureRow('projectedAtTarget'), col: 1 },
      { sheet: BANA, row: keyFigureRow('targetLevel'), col: 1 },
      { sheet: BANA, row: keyFigureRow('residualAtNeutral'), col: 1 },
    ],
  ) as [Scalar, Scalar, Scalar];
  hf.destroy();
  return { gap: (p as number) - (t as number), residual: r as number };
}

describe('goalSeek', () => {
  it('finds the fuel volume that meets the 2030 target when the range allows it', () => {
    const result = goalSeek(WB, { input: VOLUME, low: 0, high: 20_000_000, goal: { kind: 'target2030' } });
    expect(result.engine).toBe('compiled');
    expect(result.kind).toBe('solutions');
    if (result.kind !== 'solutions') return;
    expect(result.solutions).toHaveLength(1);
    const x = result.solutions[0]?.input as number;
    // Independently: the gap is linear in the volume; the straight line through two HyperFormula
    // evaluations crosses zero at the same volume, and HyperFormula there gives a gap of about 0.
    const [g0, g1] = [byHyperFormula(1_000_000).gap, byHyperFormula(2_000_000).gap];
    const expected = 1_000_000 - (g0 * 1_000_000) / (g1 - g0);
    expect(x).toBeCloseTo(expected, 0);
    expect(Math.abs(byHyperFormula(x).gap)).toBeLessThan(1e-3);
    // The value answered meets the target (gap ≤ 0), by the compiled evaluator's own reckoning.
    expect(result.solutions[0]?.value).toBeLessThanOrEqual(0);
    expect(byHyperFormula(x * 0.99).gap).toBeGreaterThan(0);
    expect(byHyperFormula(x * 1.01).gap).toBeLessThan(0);
    expect(result.evaluations).toBeLessThan(160);
  });

  it('finds where the 2035 residual reaches zero, though it is clipped at zero', () => {
    const result = goalSeek(WB, { input: VOLUME, low: 0, high: 40_000_000, goal: { kind: 'neutral2035' } });
    expect(result.kind).toBe('solutions');
    if (result.kind !== 'solutions') return;
    const x = result.solutions[0]?.input as number;
    expect(result.solutions[0]?.value).toBe(0);
    expect(byHyperFormula(x).residual).toBe(0);
    expect(byHyperFormula(x * 0.9999).residual).toBeGreaterThan(0);
  });

  it("says the target is not reachable in the volume's sourced range, and the best there is", () => {
    const result = goalSeek(WB, { input: VOLUME, low: 450_000, high: 750_000, goal: { kind: 'target2030' } });
    expect(result.kind).toBe('unreachable');
    if (result.kind !== 'unreachable') return;
    expect(result.best.input).toBe(750_000);
    expect(result.best.value).toBeCloseTo(byHyperFormula(750_000).gap, 6);
    expect(result.best.value).toBeGreaterThan(0);
  });

  it('says the goal does not depend on the cost, compiled or not', () => {
    const request = { input: COST, low: 0, high: 1e7, goal: { kind: 'target2030' } as const };
    const compiled = goalSeek(WB, request);
    expect(compiled).toMatchObject({ kind: 'independent', why: 'no formula path', met: false });
    const reference = goalSeek(WB, { ...request, compiled: false });
    expect(reference).toMatchObject({
      kind: 'independent',
      why: 'constant',
      met: false,
      engine: 'hyperformula',
    });
    expect(reference.kind === 'independent' && reference.value).toBeCloseTo(byHyperFormula(600_000).gap, 6);
  });

  it('lists every solution of a cell goal that is met twice, by either engine', () => {
    const wb: CompilableWorkbook = { sheets: [{ name: 'S', cells: [[0, '=(A1-1)*(A1-3)']] }], names: [] };
    const request = {
      input: { sheet: 'S', row: 0, col: 0 },
      low: 0,
      high: 4.3,
      goal: { kind: 'cell', sheet: 'S', row: 0, col: 1, value: 0 } as const,
    };
    for (const compiled of [true, false]) {
      const result = goalSeek(wb, { ...request, compiled });
      expect(result.kind).toBe('solutions');
      if (result.kind !== 'solutions') return;
      expect(result.solutions.map((s) => s.input)).toHaveLength(2);
      expect(result.solutions[0]?.input).toBeCloseTo(1, 8);
      expect(result.solutions[1]?.input).toBeCloseTo(3, 8);
    }
    const none = goalSeek(wb, { ...request, goal: { ...request.goal, value: -2 } });
    // The lowest the cell gets is −1 at 2: the best point of the scan is next to it.
    expect(none.kind).toBe('unreachable');
    if (none.kind !== 'unreachable') return;
    expect(none.best.value).toBeCloseTo(-1, 2);
    expect(none.best.input).toBeCloseTo(2, 1);
  });

  it('refuses a bad range or an unknown sheet with a message', () => {
    expect(() => goalSeek(WB, { input: VOLUME, low: 5, high: 1, goal: { kind: 'target2030' } })).toThrow(
      /low below high/,
    );
    expect(() =>
      goalSeek(WB, { input: { ...VOLUME, sheet: 'Nope' }, low: 0, high: 1, goal: { kind: 'target2030' } }),
    ).toThrow(/no sheet "Nope"/);
  });
});
