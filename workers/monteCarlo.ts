// Monte Carlo in the worker: the run/cancel calls the engine worker exposes (see contract.ts), with
// HyperFormula (referenceEngine.ts, kept per workbook by referenceCache.ts) as the reference.
import { type MonteCarloOptions, runMonteCarlo } from '../src/core/compiled/monteCarlo';
import type { MonteCarloApi } from './contract';
import { withReference } from './referenceCache';

export { createReferenceEngine } from './referenceEngine';

/** The Monte Carlo calls of the engine worker; one run at a time, cancelled by the next cancel. */
export function createMonteCarloApi(): MonteCarloApi {
  let cancelled = false;
  return {
    async monteCarlo(workbook, request, onProgress) {
      cancelled = false;
      const options: MonteCarloOptions = {
        ...request,
        isCancelled: () => cancelled,
        ...(onProgress ? { onProgress } : {}),
      };
      return withReference(workbook, (reference) => runMonteCarlo(workbook, reference, options));
    },
    async cancelMonteCarlo() {
      cancelled = true;
    },
  };
}
