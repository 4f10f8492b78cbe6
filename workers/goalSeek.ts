// Goal seek in the worker: the core search (src/core/whatif/goalSeek.ts) with HyperFormula as the
// reference engine, in an engine instance of its own so the loaded workbook is not touched.
import type { CompilableWorkbook } from '../src/core/compiled/compile';
import { type GoalSeekRequest, type GoalSeekResult, goalSeek as seek } from '../src/core/whatif/goalSeek';
import type { GoalSeekApi } from './contract';
import { createReferenceEngine } from './referenceEngine';
import { withReference } from './referenceCache';

/** Goal seek on a workbook: what the worker, the CLI and the tests all call. */
export function goalSeek(workbook: CompilableWorkbook, request: GoalSeekRequest): GoalSeekResult {
  const reference = createReferenceEngine(workbook);
  try {
    return seek(workbook, reference, request);
  } finally {
    reference.destroy();
  }
}

export function createGoalSeekApi(): GoalSeekApi {
  return {
    goalSeek(workbook, request) {
      return withReference(workbook, (reference) => seek(workbook, reference, request));
    },
  };
}
