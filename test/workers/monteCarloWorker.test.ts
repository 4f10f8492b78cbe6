// The Monte Carlo calls of the engine worker through real Comlink: progress arrives, cancel stops a run.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineWorkerApi } from '../../workers/contract';
import { createEngine } from '../../workers/engine';
import { createGoalSeekApi } from '../../workers/goalSeek';
import { createMonteCarloApi } from '../../workers/monteCarlo';
import { shippedEngineWorkbook } from './monteCarloSupport';

vi.setConfig({ testTimeout: 120_000 });

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

const workbook = () => shippedEngineWorkbook();

describe('engine worker monteCarlo', () => {
  it('reports progress per block and stops when cancelled mid-run', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    // As engine.worker.ts composes it.
    Comlink.expose({ ...createEngine(), ...createMonteCarloApi(), ...createGoalSeekApi() }, channel.port1);
    const api = Comlink.wrap<EngineWorkerApi>(channel.port2);
    const progress: number[] = [];
    const result = await api.monteCarlo(
      workbook(),
      {
        samples: 5000,
        seed: 4,
        blockSize: 100,
        // No inputs: the worker samples the scenario's ranged parameters.
      },
      Comlink.proxy((done: number) => {
        progress.push(done);
        if (progress.length === 1) void api.cancelMonteCarlo();
      }),
    );
    expect(progress[0]).toBe(100);
    expect(result.cancelled).toBe(true);
    expect(result.samples).toBeGreaterThanOrEqual(100);
    expect(result.samples).toBeLessThan(5000);
    expect(result.engine).toBe('compiled');
    expect(result.invalidSamples).toBe(0);
    expect(result.inputs.length).toBeGreaterThan(5);
  });

  it('answers a goal seek through Comlink', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    Comlink.expose({ ...createEngine(), ...createMonteCarloApi(), ...createGoalSeekApi() }, channel.port1);
    const api = Comlink.wrap<EngineWorkerApi>(channel.port2);
    const result = await api.goalSeek(workbook(), {
      input: { sheet: 'Drivmedel', row: 8, col: 1 },
      low: 450_000,
      high: 750_000,
      goal: { kind: 'target2030' },
    });
    expect(result).toMatchObject({ kind: 'unreachable', engine: 'compiled', best: { input: 750_000 } });
  });
});
