// What-if analyses of the open scenario: each call runs in the what-if worker on a snapshot of the
// workbook as it is now (pending edits included), never on the engine serving the grid.
import type { MonteCarloResult } from '../core/compiled/monteCarlo';
import type { GoalSeekRequest, GoalSeekResult } from '../core/whatif/goalSeek';
import type { SweepRequest, SweepResult } from '../core/whatif/sweep';
import type { WhatIfClient } from '../engine/whatIfClient';
import type { MonteCarloRequest } from '../../workers/contract';
import type { WorkbookSession } from './createWorkbookSession';

export type WhatIf = ReturnType<typeof createWhatIf>;

export function createWhatIf(client: WhatIfClient, session: () => WorkbookSession) {
  const snapshot = () => session().engineWorkbook();
  return {
    /** Monte Carlo of the scenario; progress per block; `cancelMonteCarlo` ends it (result says cancelled). */
    monteCarlo(
      request: MonteCarloRequest,
      onProgress?: (done: number, total: number) => void,
    ): Promise<MonteCarloResult> {
      return client.monteCarlo(snapshot(), request, onProgress);
    },
    cancelMonteCarlo: () => client.cancelMonteCarlo(),
    /** Goal seek on one input between its low and high. */
    goalSeek(request: GoalSeekRequest): Promise<GoalSeekResult> {
      return client.goalSeek(snapshot(), request);
    },
    // Sweeps (data tables, tornado): helper "whatif".
    /** The workbook evaluated at every point of the request (in the what-if worker). */
    sweep(request: SweepRequest): Promise<SweepResult> {
      return client.remote().sweep(snapshot(), request);
    },
  };
}
