// Sweeps: the compiled path gives HyperFormula's values at every point of the shipped scenarios'
// parameters (differential), falls back per workbook and per point, and crosses Comlink intact;
// the tornado's bars come out in the order of the swings HyperFormula gives.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompilableWorkbook } from '../../src/core/compiled/compile';
import { monteCarloInputs } from '../../src/core/compiled/inputs';
import { SHIPPED_SCENARIOS } from '../../src/core/scenario/shipped';
import type { SweepOutput } from '../../src/core/whatif/sweep';
import { tornadoBars, tornadoPoints } from '../../src/core/whatif/tornado';
import type { EngineWorkerApi } from '../../workers/contract';
import { createEngine } from '../../workers/engine';
import { createGoalSeekApi } from '../../workers/goalSeek';
import { createMonteCarloApi } from '../../workers/monteCarlo';
import { createSweepApi, sweep } from '../../workers/sweep';
import { shippedEngineWorkbook } from './monteCarloSupport';

// HyperFormula evaluates every point too; on a shared 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 120_000 });

const OUTPUTS: SweepOutput[] = [
  { kind: 'emissions2030' },
  { kind: 'gap2030' },
  { kind: 'residual2035' },
  { kind: 'costPerTonne' },
];

/** The scenario's ranged numeric parameters, as the tornado and Monte Carlo read them. */
function ranged(wb: CompilableWorkbook) {
  return monteCarloInputs(wb).inputs;
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

describe('sweep', () => {
  for (const recipe of SHIPPED_SCENARIOS) {
    it(`gives HyperFormula's values at random points of every ranged parameter of ${recipe.id}`, () => {
      const wb = shippedEngineWorkbook(recipe.id);
      const params = ranged(wb);
      expect(params.length).toBeGreaterThan(3);
      let seed = 777;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const points = Array.from({ length: 10 }, (_, i) =>
        params.map((p) => (i === 0 ? p.low : i === 1 ? p.high : p.low + (p.high - p.low) * random())),
      );
      const request = { inputs: params, points, outputs: OUTPUTS };
      const compiled = sweep(wb, request);
      const reference = sweep(wb, { ...request, compiled: false });
      expect(compiled.engine).toBe('compiled');
      expect(reference).toMatchObject({ engine: 'hyperformula', fallbackReason: /switched off/ });
      expect(compiled.values).toEqual(reference.values);
      expect(compiled.met).toEqual(reference.met);
      // The points moved the results: a sweep that ignored its inputs would pass the equality above.
      const gaps = new Set(compiled.values.map((v) => v[1]));
      expect(gaps.size).toBeGreaterThan(5);
    });
  }

  it('hands a point whose output is an error to HyperFormula, and says the table is met or not per point', () => {
    const wb: CompilableWorkbook = {
      sheets: [{ name: 'S', cells: [[2, '=10/(A1-1)', '=B1*2']] }],
      names: [],
    };
    const result = sweep(wb, {
      inputs: [{ sheet: 'S', row: 0, col: 0 }],
      points: [[0], [1], [3]],
      outputs: [{ kind: 'cell', sheet: 'S', row: 0, col: 2 }],
    });
    expect(result.engine).toBe('compiled');
    expect(result.referencePoints).toBe(1);
    expect(result.values).toEqual([[-20], [{ error: 'DIV_BY_ZERO' }], [10]]);
    // No trajectory sheet: "met" has no meaning here.
    expect(result.met).toEqual([null, null, null]);
    expect(() =>
      sweep(wb, { inputs: [{ sheet: 'S', row: 0, col: 0 }], points: [[1, 2]], outputs: [] }),
    ).toThrow(/one number per input/);
    expect(() =>
      sweep(wb, { inputs: [{ sheet: 'S', row: 0, col: 0 }], points: [[1]], outputs: [{ kind: 'gap2030' }] }),
    ).toThrow(/no Bana sheet/);
  });

  it('orders the tornado of a small workbook by the swing each input gives', () => {
    // out = 1·a + 10·b − 3·c: swings over the ranges below are 4, 2 and 9.
    const wb: CompilableWorkbook = {
      sheets: [{ name: 'S', cells: [[1, 0.5, 2, '=A1+10*B1-3*C1']] }],
      names: [],
    };
    const inputs = [
      { sheet: 'S', row: 0, col: 0, value: 1, low: 0, high: 4 },
      { sheet: 'S', row: 0, col: 1, value: 0.5, low: 0.4, high: 0.6 },
      { sheet: 'S', row: 0, col: 2, value: 2, low: 0, high: 3 },
    ];
    const result = sweep(wb, {
      inputs,
      points: tornadoPoints(inputs),
      outputs: [{ kind: 'cell', sheet: 'S', row: 0, col: 3 }],
    });
    const { base, bars } = tornadoBars(
      inputs,
      result.values.map((v) => v[0] ?? null),
    );
    expect(base).toBe(0);
    expect(bars.map((b) => b.input.col)).toEqual([2, 0, 1]);
    expect(bars.map((b) => b.swing)).toEqual([9, 4, expect.closeTo(2, 9)]);
    expect(bars[0]).toMatchObject({ atLow: 6, atHigh: -3 });
  });

  it('crosses Comlink as the worker composes it, with the engine named', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    Comlink.expose(
      { ...createEngine(), ...createMonteCarloApi(), ...createGoalSeekApi(), ...createSweepApi() },
      channel.port1,
    );
    const api = Comlink.wrap<EngineWorkerApi>(channel.port2);
    const wb = shippedEngineWorkbook();
    const params = ranged(wb).slice(0, 2);
    const points = tornadoPoints(params.map((p) => ({ ...p, value: p.mode })));
    const request = { inputs: params, points, outputs: [{ kind: 'gap2030' } as const] };
    const remote = await api.sweep(wb, request);
    expect(remote).toMatchObject({ engine: 'compiled', referencePoints: 0 });
    expect(remote.values).toEqual(sweep(wb, { ...request, compiled: false }).values);
    await expect(
      api.sweep(wb, { ...request, inputs: [{ sheet: 'Nope', row: 0, col: 0 }], points: [[1]] }),
    ).rejects.toThrow(/no sheet "Nope"/);
  });
});
