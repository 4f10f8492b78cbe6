// The Monte Carlo benchmark page: the app's what-if client and its real worker, so each figure is a
// run in the worker as the app starts it. bench/monteCarloBench.mjs passes the workbooks in.
import { createWhatIfClient } from '../src/engine/whatIfClient';
import type { EngineWorkbook, MonteCarloRequest } from '../workers/contract';

export interface TimedRun {
  /** Page → worker → page: the request, the reference engine's build, the run, the answer. */
  roundTripMs: number;
  /** What runMonteCarlo measured inside the worker. */
  workerMs: number;
  engine: string;
  fallbackReason?: string;
  referenceSamples: number;
  samples: number;
  target: number;
  gapP50: number;
}

declare global {
  interface Window {
    __mc?: { run(workbook: EngineWorkbook, request: MonteCarloRequest): Promise<TimedRun> };
  }
}

const client = createWhatIfClient();

window.__mc = {
  async run(workbook, request) {
    const started = performance.now();
    const r = await client.monteCarlo(workbook, request);
    return {
      roundTripMs: performance.now() - started,
      workerMs: r.ms,
      engine: r.engine,
      ...(r.fallbackReason ? { fallbackReason: r.fallbackReason } : {}),
      referenceSamples: r.referenceSamples,
      samples: r.samples,
      target: r.target.probability,
      gapP50: r.gap.p50,
    };
  },
};
document.body.dataset.ready = 'true';
