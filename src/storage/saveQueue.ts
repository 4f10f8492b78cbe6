// Debounced, coalescing, serialised saves: the newest document of each workbook is kept until it is
// written, writes of one workbook never overlap, and the app sees one aggregate save status.
import type { ScenarioDocument, ScenarioId } from '../core/document';
import { fail, ok, type Result } from '../core/result';
import type { StorageFailure } from './db';

/**
 * The aggregate status over all workbooks, worst first: `error` (a write failed and its document
 * is still waiting), `saving`, `pending` (a write is scheduled), `saved`. Before any schedule the
 * queue is `saved`; the callback fires only on change.
 */
export type SaveStatus =
  | { state: 'saved' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'error'; id: ScenarioId; failure: StorageFailure };

export interface SaveQueueOptions {
  /** Writes one document; `WorkbookStorage.save`. */
  save: (doc: ScenarioDocument) => Promise<Result<void, StorageFailure>>;
  /** Quiet time after the last edit before writing. Default 400 ms. */
  delayMs?: number;
  /** Longest a document waits while edits keep coming. Default 5 × delayMs. */
  maxWaitMs?: number;
  onStatus: (status: SaveStatus) => void;
  /** Timer and clock, injectable for tests; default setTimeout, clearTimeout and Date.now. */
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

export interface SaveQueue {
  /** Remember `doc` as the newest version of its workbook and (re)start its debounce timer. */
  schedule(doc: ScenarioDocument): void;
  /**
   * Write every pending document now (call on `visibilitychange` to hidden, and before closing a
   * workbook). Resolves when all writes, including ones already running, are done.
   * @returns ok, or the first failure; failed documents stay pending.
   */
  flush(): Promise<Result<void, StorageFailure>>;
  /** True while any document is scheduled, being written, or waiting after a failure. */
  pending(): boolean;
  /**
   * Stop timers and status reports. Anything still pending is written once, without waiting;
   * `await flush()` first to know the outcome. `schedule` afterwards is a programmer error.
   */
  dispose(): void;
}

interface Entry {
  id: ScenarioId;
  /** The newest document not yet written (or whose write failed). */
  latest: ScenarioDocument | undefined;
  timer: { handle: unknown } | undefined;
  firstScheduledAt: number;
  saving: boolean;
  failure: StorageFailure | undefined;
  /** The end of this workbook's write chain: each write starts after the previous one ended. */
  tail: Promise<unknown>;
}

/**
 * Create the save queue for the app's workbooks.
 * @example
 * const queue = createSaveQueue({ save: (doc) => storage.save(doc), onStatus: setSaveStatus });
 * document.addEventListener('visibilitychange', () => { if (document.hidden) void queue.flush(); });
 */
export function createSaveQueue(opts: SaveQueueOptions): SaveQueue {
  const delayMs = opts.delayMs ?? 400;
  const maxWaitMs = opts.maxWaitMs ?? delayMs * 5;
  const setTimer = opts.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = opts.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const now = opts.now ?? (() => Date.now());
  const entries = new Map<ScenarioId, Entry>();
  let disposed = false;
  let last: SaveStatus = { state: 'saved' };

  function aggregate(): SaveStatus {
    let saving = false;
    let pending = false;
    for (const entry of entries.values()) {
      if (entry.failure !== undefined && !entry.saving)
        return { state: 'error', id: entry.id, failure: entry.failure };
      if (entry.saving) saving = true;
      else if (entry.latest !== undefined) pending = true;
    }
    if (saving) return { state: 'saving' };
    return pending ? { state: 'pending' } : { state: 'saved' };
  }

  function report(): void {
    if (disposed) return;
    const next = aggregate();
    const same =
      next.state === last.state &&
      (next.state !== 'error' ||
        (last.state === 'error' && next.failure === last.failure && next.id === last.id));
    if (same) return;
    last = next;
    try {
      opts.onStatus(next);
    } catch (error) {
      // A broken status display must not stall the writes: surface the error, keep going.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  function forget(entry: Entry): void {
    const idle = entry.latest === undefined && entry.timer === undefined && !entry.saving;
    if (idle && entry.failure === undefined && entries.get(entry.id) === entry) entries.delete(entry.id);
  }

  async function writeLatest(entry: Entry): Promise<Result<void, StorageFailure>> {
    const doc = entry.latest;
    if (doc === undefined) return ok(undefined);
    entry.latest = undefined;
    entry.saving = true;
    report();
    let result: Result<void, StorageFailure>;
    try {
      result = await opts.save(doc);
    } catch (error) {
      // save is meant never to throw; if it does, the document must still not be lost.
      result = fail({ kind: 'unknown', message: error instanceof Error ? error.message : String(error) });
    }
    entry.saving = false;
    if (result.ok) {
      entry.failure = undefined;
    } else {
      entry.failure = result.reason;
      // A newer document scheduled during the write wins; otherwise keep the one that failed.
      entry.latest ??= doc;
    }
    forget(entry);
    report();
    return result;
  }

  function enqueue(entry: Entry): Promise<Result<void, StorageFailure>> {
    const run = entry.tail.then(() => writeLatest(entry));
    entry.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  function stopTimer(entry: Entry): void {
    if (entry.timer === undefined) return;
    clearTimer(entry.timer.handle);
    entry.timer = undefined;
  }

  return {
    schedule(doc) {
      if (disposed) throw new Error('createSaveQueue: schedule() after dispose()');
      let entry = entries.get(doc.id);
      if (entry === undefined) {
        entry = {
          id: doc.id,
          latest: undefined,
          timer: undefined,
          firstScheduledAt: 0,
          saving: false,
          failure: undefined,
          tail: Promise.resolve(),
        };
        entries.set(doc.id, entry);
      }
      const target = entry;
      target.latest = doc;
      const time = now();
      if (target.timer === undefined) target.firstScheduledAt = time;
      stopTimer(target);
      const delay = Math.max(0, Math.min(delayMs, maxWaitMs - (time - target.firstScheduledAt)));
      target.timer = {
        handle: setTimer(() => {
          target.timer = undefined;
          void enqueue(target);
        }, delay),
      };
      report();
    },

    async flush() {
      const runs: Promise<Result<void, StorageFailure>>[] = [];
      for (const entry of entries.values()) {
        stopTimer(entry);
        if (entry.latest !== undefined || entry.saving) runs.push(enqueue(entry));
      }
      const results = await Promise.all(runs);
      return results.find((result) => !result.ok) ?? ok(undefined);
    },

    pending() {
      for (const entry of entries.values()) {
        if (entry.latest !== undefined || entry.saving || entry.timer !== undefined) return true;
      }
      return false;
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      for (const entry of entries.values()) {
        stopTimer(entry);
        if (entry.latest !== undefined) void enqueue(entry);
      }
    },
  };
}
