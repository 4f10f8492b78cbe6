// The engine worker's entry: build the engine and expose it. The logic lives in engine.ts.
import * as Comlink from 'comlink';
import type { EngineWorkerApi } from './contract';
import { createEngine } from './engine';
import { createGoalSeekApi } from './goalSeek';
import { createMonteCarloApi } from './monteCarlo';
import { createSweepApi } from './sweep';

const api: EngineWorkerApi = {
  ...createEngine(),
  ...createMonteCarloApi(),
  ...createGoalSeekApi(),
  ...createSweepApi(),
};
Comlink.expose(api);
// Held until this worker dies, however it dies: the client watches the lock to notice at once.
void navigator.locks?.request(self.name, () => new Promise<never>(() => {}));
