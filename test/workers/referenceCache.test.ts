// The what-if worker keeps the last workbook's reference engine: analyses in a row build HyperFormula
// once, each starts from the workbook as given (inputs put back), and the answers equal those of a
// fresh engine. A different workbook, or an analysis during another, gets an engine of its own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoalSeekApi, goalSeek } from '../../workers/goalSeek';
import { createMonteCarloApi } from '../../workers/monteCarlo';
import { clearReferenceCache, referenceBuildCount } from '../../workers/referenceCache';
import type { SweepRequest } from '../../src/core/whatif/sweep';
import { createSweepApi, sweep } from '../../workers/sweep';
import { shippedEngineWorkbook } from './monteCarloSupport';

vi.setConfig({ testTimeout: 120_000 });
afterEach(clearReferenceCache);

const request = {
  input: { sheet: 'Baslinje', row: 8, col: 1 },
  low: -0.1,
  high: 0.05,
  goal: { kind: 'target2030' as const },
};

describe('reference engine kept per workbook', () => {
  it('builds once for analyses in a row, and each equals a fresh engine', async () => {
    const wb = shippedEngineWorkbook();
    const seekApi = createGoalSeekApi();
    const sweepApi = createSweepApi();
    const before = referenceBuildCount();
    const first = await seekApi.goalSeek(wb, request);
    // Any evaluation the compiled path refuses goes to HyperFormula: turn it off so the reference
    // engine sets the input at every point, then check the next analysis starts from the workbook.
    const byReference = await seekApi.goalSeek(wb, { ...request, compiled: false });
    const sweepRequest: SweepRequest = {
      inputs: [{ sheet: 'Baslinje', row: 8, col: 1 }],
      points: [[-0.05], [0.01]],
      outputs: [{ kind: 'gap2030' }, { kind: 'emissions2030' }],
      compiled: false,
    };
    const swept = await sweepApi.sweep(wb, sweepRequest);
    expect(referenceBuildCount() - before).toBe(1);
    const { engine: _a, ms: _b, evaluations: _c, ...kept } = first;
    const fresh = goalSeek(wb, request);
    const { engine: _d, ms: _e, evaluations: _f, ...freshKept } = fresh;
    expect(kept).toEqual(freshKept);
    expect(byReference.kind).toBe(first.kind);
    expect(swept).toEqual({ ...sweep(wb, sweepRequest), ms: swept.ms });
  });

  it('puts inputs back: a Monte Carlo after a goal seek equals one on a fresh engine', async () => {
    const wb = shippedEngineWorkbook();
    await createGoalSeekApi().goalSeek(wb, { ...request, compiled: false });
    const kept = await createMonteCarloApi().monteCarlo(wb, { samples: 300, seed: 9, compiled: false });
    clearReferenceCache();
    const fresh = await createMonteCarloApi().monteCarlo(wb, { samples: 300, seed: 9, compiled: false });
    expect(kept.target).toEqual(fresh.target);
    expect(kept.projection).toEqual(fresh.projection);
  });

  it('builds a new engine for another workbook, and one of its own for an analysis during another', async () => {
    const wb = shippedEngineWorkbook();
    const changed = structuredClone(wb);
    const sheet = changed.sheets.find((s) => s.name === 'Baslinje');
    if (!sheet?.cells[8]) throw new Error('Baslinje!B9');
    sheet.cells[8][1] = -0.02;
    const api = createGoalSeekApi();
    const before = referenceBuildCount();
    await api.goalSeek(wb, request);
    await api.goalSeek(changed, { ...request, goal: { kind: 'neutral2035' } });
    expect(referenceBuildCount() - before).toBe(2);
    const mc = createMonteCarloApi().monteCarlo(changed, { samples: 2000, seed: 1, blockSize: 100 });
    const during = await api.goalSeek(changed, request);
    await mc;
    expect(referenceBuildCount() - before).toBe(3);
    expect(during.kind).toBe(goalSeek(changed, request).kind);
  });
});
