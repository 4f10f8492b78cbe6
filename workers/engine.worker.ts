// The engine worker's entry: build the engine and expose it. The logic lives in engine.ts.
import * as Comlink from 'comlink';
import type { EngineWorkerApi } from './contract';
import { createEngine } from './engine';
import { createMonteCarloApi } from './monteCarlo';

const api: EngineWorkerApi = { ...createEngine(), ...createMonteCarloApi() };
Comlink.expose(api);
