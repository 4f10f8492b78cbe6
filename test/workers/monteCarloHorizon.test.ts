// Monte Carlo over a region's own horizon: every year of a 2060 trajectory is sampled, and the
// compiled evaluator gives what HyperFormula alone gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { runMonteCarlo } from '../../src/core/compiled/monteCarlo';
import { migrateDocument } from '../../src/core/migrations';
import { parseBaselineMatrix } from '../../src/core/region/baselineMatrix';
import { buildRegionScenario } from '../../src/core/region/regionScenario';
import { createReferenceEngine } from '../../workers/monteCarlo';

vi.setConfig({ testTimeout: 120_000 });

function region2060() {
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
      endYear: 2060,
      matrix,
      bau: 'rate',
    },
    { measures: [measure.value] },
  );
}

describe('runMonteCarlo on a 2060 horizon', () => {
  it('projects every year to 2060, the same with and without the compiled evaluator', async () => {
    const wb = region2060();
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
