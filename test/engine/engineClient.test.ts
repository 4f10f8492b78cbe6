// The main-thread engine client: coalescing, stale results, and recovery from a dead worker.
import * as Comlink from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import type { SheetId } from '../../src/core/document';
import { type EngineEndpoint, createEngineClient } from '../../src/engine/engineClient';
import type { EngineApi, EngineWorkbook, RangeValues } from '../../workers/contract';
import { createEngine } from '../../workers/engine';

const S = 'sh_a' as SheetId;
const VIEW = { sheetId: S, row: 0, col: 0, rows: 1, cols: 2 };

/** An in-process "worker": the real engine behind Comlink on a MessageChannel. */
function endpointFactory(spy?: (api: EngineApi) => EngineApi) {
  const made: { apply: number; load: number }[] = [];
  const create = (): EngineEndpoint => {
    const channel = new MessageChannel();
    const engine = createEngine();
    const counts = { apply: 0, load: 0 };
    made.push(counts);
    const counted: EngineApi = {
      ...engine,
      apply: (...args) => {
        counts.apply++;
        return engine.apply(...args);
      },
      load: (...args) => {
        counts.load++;
        return engine.load(...args);
      },
    };
    Comlink.expose(spy ? spy(counted) : counted, channel.port1);
    // Like the browser's Web Lock on a worker: whoever ends the worker, its watchers hear of it soon after.
    const watchers = new Set<(message: string) => void>();
    return {
      endpoint: channel.port2 as unknown as Comlink.Endpoint,
      terminate: () => {
        channel.port1.close();
        channel.port2.close();
        setTimeout(() => {
          for (const w of watchers) w('The engine worker stopped.');
        }, 10);
      },
      onFatal(listener) {
        watchers.add(listener);
        return () => watchers.delete(listener);
      },
    };
  };
  return { create, made };
}

function setup(options: { timeoutMs?: number } = {}) {
  let doc: EngineWorkbook = { sheets: [{ id: S, name: 'S', cells: [[1, '=A1*10']] }], names: [] };
  let revision = 1;
  const seen: RangeValues[] = [];
  const factory = endpointFactory();
  const onRecovered = vi.fn();
  const client = createEngineClient({
    createEndpoint: factory.create,
    timeoutMs: options.timeoutMs ?? 2000,
    onRecovered,
  });
  client.attach({
    source: () => ({ workbook: doc, revision }),
    values: (v) => seen.push(v),
    named: () => {},
  });
  client.setViewport(VIEW);
  const edit = (value: number) => {
    revision++;
    doc = { ...doc, sheets: [{ ...doc.sheets[0]!, cells: [[value, '=A1*10']] }] };
    return client.apply([{ kind: 'setCells', sheetId: S, row: 0, col: 0, values: [[value]] }], revision);
  };
  return { client, seen, factory, edit, onRecovered, load: () => client.load(doc, revision) };
}

describe('engine client', () => {
  it('delivers the viewport values after a load and after each edit', async () => {
    const { client, seen, edit, load } = setup();
    await load();
    await client.idle();
    expect(seen.at(-1)?.values).toEqual([1, 10]);
    await edit(7);
    await client.idle();
    expect(seen.at(-1)?.values).toEqual([7, 70]);
    client.dispose();
  });

  it('coalesces edits that arrive while the engine is busy into one recalculation, and drops stale results', async () => {
    const { client, seen, edit, load, factory } = setup();
    await load();
    await client.idle();
    seen.length = 0;
    void edit(2);
    void edit(3);
    void edit(4);
    void edit(5);
    await client.idle();
    // The first edit went alone; the three that queued behind it went as one batch.
    expect(factory.made[0]?.apply).toBe(2);
    // Only the newest values are shown: no flash of the intermediate result.
    expect(seen.map((v) => v.values)).toEqual([[5, 50]]);
    expect(seen.every((v) => v.revision === 5)).toBe(true);
    client.dispose();
  });

  it('restarts a dead worker, rebuilds it from the document, and loses no edit', async () => {
    // The call timeout is far beyond the test's own: only noticing the death can pass it.
    const { client, seen, edit, load, factory, onRecovered } = setup({ timeoutMs: 60_000 });
    await load();
    await client.idle();
    client.killWorkerForTesting();
    await edit(42);
    await client.idle();
    expect(onRecovered).toHaveBeenCalledTimes(1);
    expect(factory.made).toHaveLength(2);
    expect(factory.made[1]?.load).toBe(1);
    expect(seen.at(-1)?.values).toEqual([42, 420]);
    expect(client.status().state).toBe('ready');
    client.dispose();
  });

  it('notices a worker killed while idle and restarts it before the next edit, again after a second kill', async () => {
    const { client, seen, edit, load, factory, onRecovered } = setup({ timeoutMs: 60_000 });
    await load();
    await client.idle();
    for (const [kill, value] of [
      [1, 42],
      [2, 43],
    ] as const) {
      client.killWorkerForTesting();
      // No edit is waiting: the client restarts on its own and says so.
      await vi.waitFor(() => expect(onRecovered).toHaveBeenCalledTimes(kill));
      await client.idle();
      expect(client.status().state).toBe('ready');
      expect(factory.made).toHaveLength(kill + 1);
      expect(factory.made[kill]?.load).toBe(1);
      await edit(value);
      await client.idle();
      expect(seen.at(-1)?.values).toEqual([value, value * 10]);
    }
    // Terminating the old workers on restart was not taken for more deaths.
    expect(onRecovered).toHaveBeenCalledTimes(2);
    client.dispose();
  });

  it('restarts at once when the worker throws mid-recalculation, without waiting for the timeout', async () => {
    let fatal: ((message: string) => void) | null = null;
    let made = 0;
    let doc: EngineWorkbook = { sheets: [{ id: S, name: 'S', cells: [[1, '=A1*10']] }], names: [] };
    const seen: RangeValues[] = [];
    const onRecovered = vi.fn();
    const client = createEngineClient({
      createEndpoint: () => {
        made++;
        const channel = new MessageChannel();
        const engine = createEngine();
        // The first worker hangs in apply (as if mid-recalculation) and then reports an uncaught error.
        const api: EngineApi =
          made === 1
            ? {
                ...engine,
                apply: () => {
                  setTimeout(() => fatal?.('RangeError: Maximum call stack size exceeded'), 20);
                  return new Promise(() => {});
                },
              }
            : engine;
        Comlink.expose(api, channel.port1);
        return {
          endpoint: channel.port2 as unknown as Comlink.Endpoint,
          terminate: () => {
            channel.port1.close();
            channel.port2.close();
          },
          onFatal(listener) {
            fatal = listener;
            return () => {
              fatal = null;
            };
          },
        };
      },
      timeoutMs: 60_000,
      onRecovered,
    });
    client.attach({
      source: () => ({ workbook: doc, revision: 2 }),
      values: (v) => seen.push(v),
      named: () => {},
    });
    client.setViewport(VIEW);
    await client.load(doc, 1);
    await client.idle();
    doc = { ...doc, sheets: [{ ...doc.sheets[0]!, cells: [[5, '=A1*10']] }] };
    const started = Date.now();
    await client.apply([{ kind: 'setCells', sheetId: S, row: 0, col: 0, values: [[5]] }], 2);
    await client.idle();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(onRecovered).toHaveBeenCalledTimes(1);
    expect(made).toBe(2);
    expect(seen.at(-1)?.values).toEqual([5, 50]);
    client.dispose();
  });

  it('gives up after repeated failures and says so instead of looping', async () => {
    const statuses: string[] = [];
    const client = createEngineClient({
      createEndpoint: () => {
        const channel = new MessageChannel();
        // A worker that never answers.
        return {
          endpoint: channel.port2 as unknown as Comlink.Endpoint,
          terminate: () => channel.port2.close(),
        };
      },
      timeoutMs: 20,
      onStatus: (s) => statuses.push(s.state),
    });
    client.attach({
      source: () => ({ workbook: { sheets: [], names: [] }, revision: 1 }),
      values: () => {},
      named: () => {},
    });
    await client.load({ sheets: [], names: [] }, 1);
    await client.idle();
    expect(client.status().state).toBe('failed');
    expect(statuses.filter((s) => s === 'restarting')).toHaveLength(3);
    client.dispose();
  });
});
