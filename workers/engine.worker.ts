// The engine worker's entry: build the engine and expose it. The logic lives in engine.ts.
import * as Comlink from 'comlink';
import type { EngineApi } from './contract';
import { createEngine } from './engine';

const api: EngineApi = createEngine();
Comlink.expose(api);
