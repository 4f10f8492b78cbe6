// Sweeps in the worker: the core sweep (src/core/whatif/sweep.ts) with HyperFormula as the reference
// engine, in an engine instance of its own so the loaded workbook is not touched.
import type { CompilableWorkbook } from '../src/core/compiled/compile';
import { type SweepRequest, type SweepResult, sweep as run } from '../src/core/whatif/sweep';
import type { SweepApi } from './contract';
import { createReferenceEngine } from './referenceEngine';
import { withReference } from './referenceCache';

/** A sweep of a workbook: what the worker, the benchmark and the tests all call. */
export function sweep(workbook: CompilableWorkbook, request: SweepRequest): SweepResult {
  const reference = createReferenceEngine(workbook);
  try {
    return run(workbook, reference, request);
  } finally {
    reference.destroy();
  }
}

export function createSweepApi(): SweepApi {
  return {
    sweep(workbook, request) {
      return withReference(workbook, (reference) => run(workbook, reference, request));
    },
  };
}
