import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDocument, type ScenarioDocument } from '../../src/core/document';
import { fail, ok, type Result } from '../../src/core/result';
import type { StorageFailure } from '../../src/storage/db';
import { createSaveQueue, type SaveStatus } from '../../src/storage/saveQueue';

/** The element at `index`, failing the test when it is missing. */
function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no element at ${index}`);
  return item;
}

const quota: StorageFailure = { kind: 'quota', message: 'full' };

function version(base: ScenarioDocument, name: string): ScenarioDocument {
  return { ...base, meta: { ...base.meta, name } };
}

interface Deferred {
  resolve(result: Result<void, StorageFailure>): void;
}

/** A fake storage whose saves are recorded and, when `manual`, finish only when the test says. */
function fakeSave(manual = false) {
  const written: string[] = [];
  const waiting: Deferred[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let next: Result<void, StorageFailure>[] = [];
  const save = vi.fn(async (doc: ScenarioDocument): Promise<Result<void, StorageFailure>> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const result = manual
      ? await new Promise<Result<void, StorageFailure>>((resolve) => waiting.push({ resolve }))
      : (next.shift() ?? ok(undefined));
    inFlight--;
    if (result.ok) written.push(doc.meta.name);
    return result;
  });
  return {
    save,
    written,
    maxInFlight: () => maxInFlight,
    /** Let the oldest manual save finish with `result`. */
    finish(result: Result<void, StorageFailure>) {
      const first = waiting.shift();
      if (first === undefined) throw new Error('no save is waiting');
      first.resolve(result);
    },
    failNext(...results: Result<void, StorageFailure>[]) {
      next = results;
    },
  };
}

function setup(manual = false) {
  const storage = fakeSave(manual);
  const statuses: SaveStatus[] = [];
  const queue = createSaveQueue({ save: storage.save, onStatus: (s) => statuses.push(s) });
  return { storage, statuses, queue, states: () => statuses.map((s) => s.state) };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createSaveQueue', () => {
  it('debounces: one write of the newest document 400 ms after the last edit', async () => {
    const { storage, queue, states } = setup();
    const doc = createDocument('v1');
    queue.schedule(doc);
    await vi.advanceTimersByTimeAsync(300);
    queue.schedule(version(doc, 'v2'));
    await vi.advanceTimersByTimeAsync(300);
    queue.schedule(version(doc, 'v3'));
    await vi.advanceTimersByTimeAsync(399);
    expect(storage.save).not.toHaveBeenCalled();
    expect(queue.pending()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(storage.written).toEqual(['v3']);
    expect(storage.save).toHaveBeenCalledTimes(1);
    expect(states()).toEqual(['pending', 'saving', 'saved']);
    expect(queue.pending()).toBe(false);
  });

  it('still writes during a long burst of edits, after at most maxWaitMs', async () => {
    const { storage, queue } = setup();
    const doc = createDocument('edit');
    for (let i = 0; i < 10; i++) {
      queue.schedule(version(doc, `edit ${i}`));
      await vi.advanceTimersByTimeAsync(300);
    }
    // Default maxWait is 5 × 400 ms: the burst of 3 s is written at least once on the way.
    expect(storage.written.length).toBeGreaterThanOrEqual(1);
    expect(storage.written[0]).toBe('edit 6');
  });

  it('keeps several workbooks pending and writes the newest of each', async () => {
    const { storage, queue } = setup();
    const a = createDocument('a1');
    const b = createDocument('b1');
    queue.schedule(a);
    queue.schedule(b);
    queue.schedule(version(a, 'a2'));
    await vi.advanceTimersByTimeAsync(400);
    expect(storage.written.sort()).toEqual(['a2', 'b1']);
  });

  it('flush writes everything now and resolves when it is stored', async () => {
    const { storage, queue, states } = setup();
    queue.schedule(createDocument('a'));
    queue.schedule(createDocument('b'));
    expect(await queue.flush()).toEqual(ok(undefined));
    expect(storage.written.sort()).toEqual(['a', 'b']);
    expect(queue.pending()).toBe(false);
    expect(states().at(-1)).toBe('saved');
    await vi.advanceTimersByTimeAsync(1000);
    expect(storage.save).toHaveBeenCalledTimes(2);
  });

  it('never runs two writes of one workbook at once, and coalesces what came in meanwhile', async () => {
    const { storage, queue } = setup(true);
    const doc = createDocument('v1');
    queue.schedule(doc);
    await vi.advanceTimersByTimeAsync(400);
    expect(storage.save).toHaveBeenCalledTimes(1);
    queue.schedule(version(doc, 'v2'));
    await vi.advanceTimersByTimeAsync(400);
    queue.schedule(version(doc, 'v3'));
    await vi.advanceTimersByTimeAsync(400);
    expect(storage.save).toHaveBeenCalledTimes(1);
    storage.finish(ok(undefined));
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.save).toHaveBeenCalledTimes(2);
    expect(at(storage.save.mock.calls, 1)[0].meta.name).toBe('v3');
    storage.finish(ok(undefined));
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.written).toEqual(['v1', 'v3']);
    expect(storage.maxInFlight()).toBe(1);
    expect(queue.pending()).toBe(false);
  });

  it('keeps a document whose write failed, reports the failure, and retries on the next schedule', async () => {
    const { storage, queue, statuses } = setup();
    storage.failNext(fail(quota));
    const doc = createDocument('v1');
    queue.schedule(doc);
    await vi.advanceTimersByTimeAsync(400);
    expect(statuses.at(-1)).toEqual({ state: 'error', id: doc.id, failure: quota });
    expect(queue.pending()).toBe(true);
    // No automatic retry loop: a full disk stays full until the user acts.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(storage.save).toHaveBeenCalledTimes(1);

    queue.schedule(version(doc, 'v2'));
    expect(statuses.at(-1)?.state).toBe('error');
    await vi.advanceTimersByTimeAsync(400);
    expect(storage.written).toEqual(['v2']);
    expect(statuses.at(-1)).toEqual({ state: 'saved' });
    expect(queue.pending()).toBe(false);
  });

  it('retries the failed document on flush and returns the failure while it persists', async () => {
    const { storage, queue } = setup();
    storage.failNext(fail(quota), fail(quota));
    queue.schedule(createDocument('only'));
    await vi.advanceTimersByTimeAsync(400);
    expect(await queue.flush()).toEqual(fail(quota));
    expect(queue.pending()).toBe(true);
    expect(await queue.flush()).toEqual(ok(undefined));
    expect(storage.written).toEqual(['only']);
    expect(storage.save).toHaveBeenCalledTimes(3);
  });

  it('does not replace a newer document with the one whose write failed', async () => {
    const { storage, queue } = setup(true);
    const doc = createDocument('old');
    queue.schedule(doc);
    await vi.advanceTimersByTimeAsync(400);
    queue.schedule(version(doc, 'new'));
    storage.finish(fail(quota));
    await vi.advanceTimersByTimeAsync(400);
    storage.finish(ok(undefined));
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.written).toEqual(['new']);
    expect(queue.pending()).toBe(false);
  });

  it('treats a throwing save as a failure and keeps the document', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error('bug')).mockResolvedValue(ok(undefined));
    const statuses: SaveStatus[] = [];
    const queue = createSaveQueue({ save, onStatus: (s) => statuses.push(s) });
    queue.schedule(createDocument('x'));
    expect(await queue.flush()).toEqual(fail({ kind: 'unknown', message: 'bug' }));
    expect(await queue.flush()).toEqual(ok(undefined));
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('uses injected timers and delay', async () => {
    const timers: { callback: () => void; ms: number }[] = [];
    const storage = fakeSave();
    const queue = createSaveQueue({
      save: storage.save,
      delayMs: 50,
      onStatus: () => {},
      setTimer: (callback, ms) => timers.push({ callback, ms }),
      clearTimer: () => {},
    });
    queue.schedule(createDocument('t'));
    expect(timers.map((t) => t.ms)).toEqual([50]);
    at(timers, 0).callback();
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.written).toEqual(['t']);
  });

  it('dispose stops timers, writes what is pending once, and refuses later schedules', async () => {
    const { storage, queue, statuses } = setup();
    queue.schedule(createDocument('last'));
    const reported = statuses.length;
    queue.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.written).toEqual(['last']);
    expect(statuses.length).toBe(reported);
    await vi.advanceTimersByTimeAsync(1000);
    expect(storage.save).toHaveBeenCalledTimes(1);
    expect(() => queue.schedule(createDocument('late'))).toThrow(/after dispose/);
  });
});
