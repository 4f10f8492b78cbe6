// The what-if client: its worker starts on first use, Monte Carlo progress and cancel cross the
// boundary, goal seek answers, and reset() gives the next call a fresh worker.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWhatIfClient } from '../../src/engine/whatIfClient';
import { createEngine } from '../../workers/engine';
import { createGoalSeekApi } from '../../workers/goalSeek';
import { createMonteCarloApi } from '../../workers/monteCarlo';
import { shippedEngineWorkbook } from '../workers/monteCarloSupport';

vi.setConfig({ testTimeout: 120_000 });

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

const workbook = () => shippedEngineWorkbook();

/** An in-process worker as engine.worker.ts composes it; counts how many were started and stopped. */
function inProcessWorkers() {
  const counts = { started: 0, terminated: 0 };
  const factory = () => {
    counts.started++;
    const channel = new MessageChannel();
    channels.push(channel);
    Comlink.expose({ ...createEngine(), ...createMonteCarloApi(), ...createGoalSeekApi() }, channel.port1);
    return {
      endpoint: channel.port2 as unknown as Comlink.Endpoint,
      terminate: () => {
        counts.terminated++;
        channel.port1.close();
      },
    };
  };
  return { counts, factory };
}

describe('what-if client', () => {
  it('starts no worker until the first analysis, then reuses it', async () => {
    const { counts, factory } = inProcessWorkers();
    const client = createWhatIfClient(factory);
    expect(counts.started).toBe(0);
    const first = await client.monteCarlo(workbook(), { samples: 200, seed: 7 });
    const again = await client.monteCarlo(workbook(), { samples: 200, seed: 7 });
    expect(counts.started).toBe(1);
    // The same seed gives the same answer.
    expect(again.target.probability).toBe(first.target.probability);
    expect(again.projection.p50).toEqual(first.projection.p50);
    client.dispose();
    expect(counts.terminated).toBe(1);
  });

  it('passes progress back and cancels a run mid-way', async () => {
    const { factory } = inProcessWorkers();
    const client = createWhatIfClient(factory);
    const progress: number[] = [];
    const result = await client.monteCarlo(workbook(), { samples: 5000, seed: 3, blockSize: 100 }, (done) => {
      progress.push(done);
      if (progress.length === 1) void client.cancelMonteCarlo();
    });
    expect(progress[0]).toBe(100);
    expect(result.cancelled).toBe(true);
    expect(result.samples).toBeLessThan(5000);
    client.dispose();
  });

  it('answers a goal seek, and after reset() the next call runs on a fresh worker', async () => {
    const { counts, factory } = inProcessWorkers();
    const client = createWhatIfClient(factory);
    const wb = workbook();
    const seek = () =>
      client.goalSeek(wb, {
        input: { sheet: 'Baslinje', row: 0, col: 0 },
        low: 0,
        high: 1,
        goal: { kind: 'cell', sheet: 'Baslinje', row: 0, col: 0, value: 0.5 },
      });
    await expect(seek()).resolves.toBeDefined();
    client.reset();
    expect(counts.terminated).toBe(1);
    await expect(seek()).resolves.toBeDefined();
    expect(counts.started).toBe(2);
    client.dispose();
  });
});
