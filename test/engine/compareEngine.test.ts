// Evaluating other workbooks for a comparison: each in an engine of its own, terminated afterwards,
// with the same numbers as the engine the CLI uses; a dead or silent worker becomes a failure value.
import type * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES, readScenarioResult } from '../../src/core/scenario/result';
import { evaluateDocument } from '../../src/cli/evaluate';
import { evaluateNamed } from '../../src/engine/compareEngine';
import type { EngineEndpoint } from '../../src/engine/engineClient';
import { inProcessEndpoints, shippedScenarios } from '../state/support';

describe('evaluateNamed', () => {
  it('evaluates each document in its own engine, one after the other, and terminates each', async () => {
    const docs = shippedScenarios();
    const { create, stats } = inProcessEndpoints();
    const results = await evaluateNamed(docs, SCENARIO_NAMES, { createEndpoint: create });
    expect(stats).toEqual({ made: 2, open: 0 });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    for (const [i, doc] of docs.entries()) {
      const expected = await (await evaluateDocument(doc)).result();
      const named = results[i];
      expect(named?.ok && readScenarioResult(named.value)).toEqual(expected);
    }
  }, 30_000);

  it('reports a worker that never answers as a failure, terminates it and goes on with the next', async () => {
    const docs = shippedScenarios();
    const good = inProcessEndpoints();
    let silentTerminated = false;
    let calls = 0;
    const create = (): EngineEndpoint => {
      calls++;
      if (calls > 1) return good.create();
      const channel = new MessageChannel(); // nobody listens on port1
      return {
        endpoint: channel.port2 as unknown as Comlink.Endpoint,
        terminate: () => {
          silentTerminated = true;
          channel.port1.close();
          channel.port2.close();
        },
      };
    };
    const results = await evaluateNamed(docs, SCENARIO_NAMES, { createEndpoint: create, timeoutMs: 2000 });
    expect(results[0]).toEqual({ ok: false, reason: 'The engine did not answer within 2000 ms.' });
    expect(results[1]?.ok).toBe(true);
    expect(silentTerminated).toBe(true);
  }, 30_000);

  it('fails at once with the worker’s message when it crashes', async () => {
    const [doc] = shippedScenarios();
    const create = (): EngineEndpoint => {
      const channel = new MessageChannel();
      return {
        endpoint: channel.port2 as unknown as Comlink.Endpoint,
        terminate: () => channel.port2.close(),
        onFatal(listener) {
          const timer = setTimeout(() => listener('out of memory'), 10);
          return () => clearTimeout(timer);
        },
      };
    };
    expect(await evaluateNamed([doc!], SCENARIO_NAMES, { createEndpoint: create, timeoutMs: 5000 })).toEqual([
      { ok: false, reason: 'out of memory' },
    ]);
  });
});
