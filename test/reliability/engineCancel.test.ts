// Cancelling a long calculation: restart(reason) ends the call in flight at once, rebuilds the engine
// from the document (which the caller has already changed), and is not reported as a crash.
import * as Comlink from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import type { SheetId } from '../../src/core/document';
import { type EngineEndpoint, createEngineClient } from '../../src/engine/engineClient';
import type { EngineApi, EngineWorkbook, RangeValues } from '../../workers/contract';
import { createEngine } from '../../workers/engine';

const S = 'sh_a' as SheetId;

/** In-process workers; the first `hangs` of them never answer an apply (a calculation that runs on). */
function endpoints(hangs: number) {
  const made: { apply: number; load: number }[] = [];
  const create = (): EngineEndpoint => {
    const channel = new MessageChannel();
    const engine = createEngine();
    const counts = { apply: 0, load: 0 };
    const stuck = made.length < hangs;
    made.push(counts);
    const api: EngineApi = {
      ...engine,
      apply: (...args) => {
        counts.apply++;
        return stuck ? new Promise(() => {}) : engine.apply(...args);
      },
      load: (...args) => {
        counts.load++;
        return engine.load(...args);
      },
    };
    Comlink.expose(api, channel.port1);
    return {
      endpoint: channel.port2 as unknown as Comlink.Endpoint,
      terminate: () => {
        channel.port1.close();
        channel.port2.close();
      },
    };
  };
  return { create, made };
}

describe('engine client restart (cancel a long calculation)', () => {
  it('stops the hung call at once, rebuilds from the document without the edit, and keeps coalescing', async () => {
    let doc: EngineWorkbook = { sheets: [{ id: S, name: 'S', cells: [[1, '=A1*10']] }], names: [] };
    let revision = 1;
    const seen: RangeValues[] = [];
    const statuses: string[] = [];
    const onRecovered = vi.fn();
    const factory = endpoints(1);
    const client = createEngineClient({
      createEndpoint: factory.create,
      timeoutMs: 60_000,
      onStatus: (s) => statuses.push(s.state),
      onRecovered,
    });
    client.attach({
      source: () => ({ workbook: doc, revision }),
      values: (v) => seen.push(v),
      named: () => {},
    });
    client.setViewport({ sheetId: S, row: 0, col: 0, rows: 1, cols: 2 });
    await client.load(doc, revision);
    await client.idle();
    expect(seen.at(-1)?.values).toEqual([1, 10]);

    // The slow edit: the worker never answers.
    revision++;
    void client.apply([{ kind: 'setCells', sheetId: S, row: 0, col: 0, values: [[99]] }], revision);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.status().state).toBe('busy');

    // Cancel: the caller undoes the edit in the document (a new revision), then restarts.
    revision++;
    void client.apply([{ kind: 'setCells', sheetId: S, row: 0, col: 0, values: [[1]] }], revision);
    client.restart('cancelled');
    await client.idle();
    expect(factory.made).toHaveLength(2);
    expect(factory.made[1]).toEqual({ apply: 0, load: 1 });
    expect(seen.at(-1)?.values).toEqual([1, 10]);
    expect(client.status().state).toBe('ready');
    expect(onRecovered).not.toHaveBeenCalled();
    expect(statuses).not.toContain('failed');

    // The new engine works, and edits sent while it is busy still go out as one batch.
    for (const v of [2, 3, 4]) {
      revision++;
      doc = { ...doc, sheets: [{ id: S, name: 'S', cells: [[v, '=A1*10']] }] };
      void client.apply([{ kind: 'setCells', sheetId: S, row: 0, col: 0, values: [[v]] }], revision);
    }
    await client.idle();
    expect(factory.made[1]?.apply).toBe(2);
    expect(seen.at(-1)?.values).toEqual([4, 40]);
    client.dispose();
  });
});
