// Main-thread client of the what-if worker: a second engine worker, started on first use, that runs
// Monte Carlo, goal seek and sweeps on a copy of the workbook, so the engine serving the grid never
// waits behind a long analysis and an analysis never waits behind an edit.
import * as Comlink from 'comlink';
import type { EngineWorkerApi, GoalSeekApi, MonteCarloApi } from '../../workers/contract';

/**
 * What-if calls (Monte Carlo with progress, its cancel, goal seek); each runs on the workbook passed
 * in, never on the engine the grid uses.
 */
export interface WhatIfClient
  extends Pick<MonteCarloApi, 'monteCarlo' | 'cancelMonteCarlo'>,
    Pick<GoalSeekApi, 'goalSeek'> {
  /** The worker's API for calls added beside these (sweeps); starts the worker if needed. */
  remote(): Comlink.Remote<EngineWorkerApi>;
  /** Terminate the worker (e.g. a run that must stop at once); the next call starts a new one. */
  reset(): void;
  dispose(): void;
}

/** Makes the worker: a module Worker in the app, a MessagePort pair in tests. */
export type WhatIfEndpointFactory = () => { endpoint: Comlink.Endpoint; terminate(): void };

export function createWhatIfClient(createEndpoint: WhatIfEndpointFactory = workerEndpoint): WhatIfClient {
  let current: { remote: Comlink.Remote<EngineWorkerApi>; terminate(): void } | null = null;
  const remote = () => {
    if (!current) {
      const made = createEndpoint();
      current = { remote: Comlink.wrap<EngineWorkerApi>(made.endpoint), terminate: made.terminate };
    }
    return current.remote;
  };
  const reset = () => {
    if (!current) return;
    current.remote[Comlink.releaseProxy]();
    current.terminate();
    current = null;
  };
  return {
    monteCarlo: (workbook, request, onProgress) =>
      remote().monteCarlo(workbook, request, onProgress ? Comlink.proxy(onProgress) : undefined),
    cancelMonteCarlo: async () => {
      if (current) await current.remote.cancelMonteCarlo();
    },
    goalSeek: (workbook, request) => remote().goalSeek(workbook, request),
    remote,
    reset,
    dispose: reset,
  };
}

function workerEndpoint() {
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
    type: 'module',
    // A name of its own: the worker holds a Web Lock of its name while it lives (engine.worker.ts).
    name: `bana-what-if-${crypto.randomUUID()}`,
  });
  return { endpoint: worker, terminate: () => worker.terminate() };
}
