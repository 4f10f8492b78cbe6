// Monte Carlo and goal seek over a region's own horizon: every year of a 2060 trajectory is sampled,
// the compiled evaluator gives what HyperFormula alone gives, and the target-year goal is found.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { keyFigureRow, runMonteCarlo } from '../../src/core/compiled/monteCarlo';
import type { Scalar } from '../../src/core/compiled/values';
import { migrateDocument } from '../../src/core/migrations';
import { parseBaselineMatrix } from '../../src/core/region/baselineMatrix';
import { buildRegionScenario } from '../../src/core/region/regionScenario';
import { goalSeek } from '../../workers/goalSeek';
import { createReferenceEngine } from '../../workers/monteCarlo';

vi.setConfig({ testTimeout: 120_000 });

function region(endYear: number) {
  const raw = JSON.parse(
    readFileSync(new URL('../../models/templates/charging-points.bana.json', import.meta.url), 'utf8'),
  );
  const measure = migrateDocument(raw);
  if (!measure.ok) throw new Error(measure.reason);
  const { matrix } = parseBaselineMatrix(
    readFileSync(new URL('../fixtures/region/baseline-6x5-sv.tsv', import.meta.url), 'utf8'),
  );
  return buildRegionScenario(
    {
      organisation: 'Region Testland',
      baseYear: 2018,
      targetYear: 2030,
      targetCut: 0.75,
      neutralYear: 2035,
      endYear,
      matrix,
      bau: 'rate',
    },
    { measures: [measure.value] },
  );
}

describe('runMonteCarlo on a 2060 horizon', () => {
  it('projects every year to 2060, the same with and without the compiled evaluator', async () => {
    const wb = region(2060);
    const options = { samples: 80, seed: 3 };
    const compiled = await runMonteCarlo(wb, createReferenceEngine(wb), options);
    const reference = await runMonteCarlo(wb, createReferenceEngine(wb), { ...options, compiled: false });
    expect(compiled.years).toEqual(Array.from({ length: 43 }, (_, i) => 2018 + i));
    expect(compiled.projection.p50).toHaveLength(43);
    expect(compiled.inputs.length).toBeGreaterThan(0);
    expect(compiled.target).toEqual(reference.target);
    reference.projection.p50.forEach((v, i) => {
      expect(compiled.projection.p50[i]).toBeCloseTo(v, 4);
    });
  });
});

describe('goalSeek on a 2045 horizon', () => {
  it('finds the number of charging points that meets the 2030 target, as HyperFormula confirms', () => {
    const wb = region(2045);
    const sheet = wb.sheets.findIndex((s) => s.name === 'Laddpunkter');
    const row = wb.sheets[sheet]?.cells.findIndex((r) => r[0] === 'Laddpunkter') ?? -1;
    const result = goalSeek(wb, {
      input: { sheet: 'Laddpunkter', row, col: 1 },
      low: 0,
      high: 100_000,
      goal: { kind: 'target2030' },
    });
    expect(result.kind).toBe('solutions');
    if (result.kind !== 'solutions') return;
    const x = result.solutions[0]?.input as number;
    const bana = wb.sheets.findIndex((s) => s.name === 'Bana');
    const gap = (points: number) => {
      const hf = createReferenceEngine(wb);
      const [p, t] = hf.evaluate(
        [{ sheet, row, col: 1 }],
        [points],
        [
          { sheet: bana, row: keyFigureRow('projectedAtTarget'), col: 1 },
          { sheet: bana, row: keyFigureRow('targetLevel'), col: 1 },
        ],
      ) as [Scalar, Scalar];
      hf.destroy();
      return (p as number) - (t as number);
    };
    expect(Math.abs(gap(x))).toBeLessThan(1e-2);
    expect(gap(x * 0.99)).toBeGreaterThan(0);
    expect(gap(x * 1.01)).toBeLessThan(0);
  });
});
