// Main-thread client of the engine worker: serialises calls, coalesces edits that arrive while a
// recalculation runs, drops stale results, and restarts a dead or hung worker from the document.
import * as Comlink from 'comlink';
import type {
  ApplyResult,
  EngineApi,
  EngineOp,
  EngineWorkbook,
  ErrorTrace,
  RangeRequest,
  RangeValues,
} from '../../workers/contract';
import type { NamedValues } from '../core/values';
import {
  type QuarantinedCell,
  cellsOfOps,
  findCulprits,
  formulaCells,
  releasedBy,
  stillQuarantined,
  withQuarantine,
} from './quarantine';

export type { QuarantinedCell } from './quarantine';

export type EngineState = 'starting' | 'ready' | 'busy' | 'restarting' | 'failed';

export interface EngineStatus {
  state: EngineState;
  /** Set after a restart or failure: what happened, in English (the UI shows its own words). */
  detail?: string;
}

export interface EngineClientOptions {
  /** Makes a fresh endpoint: a Worker in the app, a MessagePort in tests. */
  createEndpoint: () => EngineEndpoint;
  /** A call without an answer after this long counts as a dead worker. Loads get 4× as long. */
  timeoutMs?: number;
  onStatus?: (status: EngineStatus) => void;
  /** Called after the engine was restarted and rebuilt from the document. */
  onRecovered?: (reason: string) => void;
  /**
   * The quarantine changed: `added` are cells just set aside because calculating them took longer
   * than the engine allows (empty when an edit released some); `all` is the whole list, to keep.
   */
  onQuarantine?: (change: { added: QuarantinedCell[]; all: QuarantinedCell[] }) => void;
}

/** What the client needs of a worker: Comlink's endpoint plus termination. */
export interface EngineEndpoint {
  endpoint: Comlink.Endpoint;
  terminate(): void;
  /** Subscribe to fatal errors (the worker's `error` event); returns an unsubscribe. */
  onFatal?(listener: (message: string) => void): () => void;
}

/**
 * The open workbook, attached to the engine: what a restarted engine is rebuilt from, and where the
 * values go. The engine serves one workbook at a time; attaching another replaces it.
 */
export interface EngineSubscriber {
  /** The document as it is now, pending edits included. */
  source(): { workbook: EngineWorkbook; revision: number };
  /** Fresh values for the viewport; never older than an edit already sent. */
  values(values: RangeValues): void;
  /** Fresh values of the watched named ranges (charts), never older than an edit already sent. */
  named(named: NamedValues, revision: number): void;
}

export interface EngineClient {
  /** Attach the workbook the engine serves; returns the detach (which stops deliveries to it). */
  attach(subscriber: EngineSubscriber): () => void;
  /** Load a whole workbook (on open, and after sheet-structure changes). */
  load(workbook: EngineWorkbook, revision: number): Promise<void>;
  /** Send ops for `revision`; ops sent while the engine is busy go out together as one batch. */
  apply(ops: EngineOp[], revision: number): Promise<void>;
  /** Set the range the UI shows; its values arrive through the subscriber's `values`. */
  setViewport(range: RangeRequest | null): void;
  /** Named ranges whose values come back with every load and edit (through the subscriber's `named`). */
  watchNames(names: string[]): void;
  /** Fetch values for another range (e.g. a chart's named range), bypassing the viewport. */
  getValues(range: RangeRequest): Promise<RangeValues>;
  /** The names of every function the engine knows (upper case), e.g. to list unknown ones on import. */
  functionNames(): Promise<string[]>;
  /** Where the errors in these named ranges start (after everything sent so far is calculated). */
  traceErrors(names: string[]): Promise<ErrorTrace>;
  /** Resolves when everything sent so far has been calculated. */
  idle(): Promise<void>;
  status(): EngineStatus;
  /**
   * Stop the calculation now (e.g. the planner cancels a long one): terminate the worker, drop the
   * unsent work and rebuild at once from `source()`, which the caller has already changed (the
   * cancelled edit undone). Not counted as a failure and not reported through onRecovered.
   */
  restart(reason: string): void;
  /**
   * The cells set aside for taking too long (see QuarantinedCell); `set` replaces the list, e.g. with
   * the stored one before a workbook's first load, so a workbook that hung the engine opens at once.
   */
  quarantined(): QuarantinedCell[];
  setQuarantine(cells: QuarantinedCell[]): void;
  /** For tests and the reliability suite: terminate the worker without telling the client. */
  killWorkerForTesting(): void;
  dispose(): void;
}

export class EngineTimeoutError extends Error {
  override name = 'EngineTimeoutError';
}

export class EngineDeadError extends Error {
  override name = 'EngineDeadError';
}

/** The call's worker was replaced on purpose (restart()); its work is redone from the document. */
export class EngineCancelledError extends Error {
  override name = 'EngineCancelledError';
}

const MAX_RESTARTS_IN_A_ROW = 3;

type Job =
  | { kind: 'load'; workbook: EngineWorkbook; revision: number }
  | { kind: 'apply'; ops: EngineOp[]; revision: number }
  | { kind: 'values' }
  | { kind: 'named' };

/** Create the client; it starts its worker at once. */
export function createEngineClient(options: EngineClientOptions): EngineClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  let endpoint: EngineEndpoint;
  let remote: Comlink.Remote<EngineApi>;
  let unsubscribeFatal: (() => void) | undefined;
  let generation = 0;
  /** Ends the call in flight; null when none is. */
  let failFast: ((error: Error) => void) | null = null;
  /** A worker that died between two calls: the next call fails at once instead of timing out. */
  let deadGeneration = 0;
  let disposed = false;

  let status: EngineStatus = { state: 'starting' };
  let viewport: RangeRequest | null = null;
  /** Work not yet sent: at most one load, and the ops to apply after it. */
  let pendingLoad: { workbook: EngineWorkbook; revision: number } | null = null;
  let pendingOps: EngineOp[] = [];
  let pendingRevision = 0;
  let viewportDirty = false;
  let watched: string[] = [];
  let namedDirty = false;
  /** The newest revision handed to the client; results for older revisions are not shown. */
  let latestRevision = 0;
  let running: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];
  let restartsInARow = 0;
  let subscriber: EngineSubscriber | null = null;
  /** Cells set aside for taking too long; every load leaves them out (quarantine.ts). */
  let quarantine: QuarantinedCell[] = [];

  function source(): { workbook: EngineWorkbook; revision: number } {
    return subscriber?.source() ?? { workbook: { sheets: [], names: [] }, revision: 0 };
  }

  function setStatus(next: EngineStatus): void {
    status = next;
    options.onStatus?.(next);
  }

  function start(): void {
    generation++;
    unsubscribeFatal?.();
    endpoint = options.createEndpoint();
    remote = Comlink.wrap<EngineApi>(endpoint.endpoint);
    const mine = generation;
    unsubscribeFatal = endpoint.onFatal?.((message) => {
      if (mine === generation) workerDied(message);
    });
  }

  /**
   * The worker died (crashed, killed, out of memory): end the call in flight at once, or, with
   * none in flight, restart now, so the next edit does not wait out a timeout on a dead worker.
   */
  function workerDied(message: string): void {
    if (disposed) return;
    if (failFast) failFast(new EngineDeadError(message));
    else if (!running) void restart(message).then(kick);
    else deadGeneration = generation;
  }

  /** One call to the worker with a timeout; a fatal worker error rejects it at once. */
  function call<T>(run: (api: Comlink.Remote<EngineApi>) => Promise<T>, limit: number): Promise<T> {
    const myGeneration = generation;
    return new Promise<T>((resolve, reject) => {
      if (deadGeneration === generation) {
        reject(new EngineDeadError('The engine worker stopped.'));
        return;
      }
      const settle = () => {
        clearTimeout(timer);
        if (failFast === fail) failFast = null;
      };
      const timer = setTimeout(() => {
        settle();
        reject(new EngineTimeoutError(`The engine did not answer within ${limit} ms.`));
      }, limit);
      const fail = (error: Error) => {
        settle();
        reject(error);
      };
      failFast = fail;
      run(remote).then(
        (value) => {
          settle();
          if (myGeneration === generation) resolve(value);
          else reject(new EngineDeadError('The engine was restarted.'));
        },
        (error: unknown) => {
          settle();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  function nextJob(): Job | null {
    if (pendingLoad) {
      const job: Job = { kind: 'load', ...pendingLoad };
      pendingLoad = null;
      return job;
    }
    if (pendingOps.length > 0) {
      const job: Job = { kind: 'apply', ops: pendingOps, revision: pendingRevision };
      pendingOps = [];
      return job;
    }
    if (viewportDirty) {
      viewportDirty = false;
      return { kind: 'values' };
    }
    if (namedDirty) {
      namedDirty = false;
      return { kind: 'named' };
    }
    return null;
  }

  async function runJob(job: Job): Promise<void> {
    const view = viewport ?? undefined;
    const names = watched.length > 0 ? watched : undefined;
    if (job.kind === 'load') {
      // The viewport may show a sheet the new workbook no longer has (deleted, or another workbook).
      const shown = view && job.workbook.sheets.some((sheet) => sheet.id === view.sheetId) ? view : undefined;
      const workbook = prepareLoad(job.workbook);
      const result = await call((api) => api.load(workbook, job.revision, shown, names), timeoutMs * 4);
      if (result.view) deliver(result.view);
      if (result.named) deliverNamed(result.named, result.revision);
    } else if (job.kind === 'apply') {
      const result: ApplyResult = await call(
        (api) => api.apply(job.ops, job.revision, view, names),
        timeoutMs,
      );
      if (result.view) deliver(result.view);
      if (result.named) deliverNamed(result.named, result.revision);
    } else if (job.kind === 'named') {
      if (names) deliverNamed(await call((api) => api.getNamed(names), timeoutMs), latestRevision);
    } else if (view) {
      deliver(await call((api) => api.getValues(view), timeoutMs));
    }
  }

  /** The workbook as a load sends it: cells changed since they were set aside are released first. */
  function prepareLoad(workbook: EngineWorkbook): EngineWorkbook {
    const kept = stillQuarantined(quarantine, workbook);
    if (kept.length !== quarantine.length) setQuarantine(kept, []);
    return withQuarantine(workbook, quarantine);
  }

  function setQuarantine(all: QuarantinedCell[], added: QuarantinedCell[]): void {
    quarantine = all;
    options.onQuarantine?.({ added, all });
  }

  /**
   * A job ran past its time limit. An edit's cells are set aside at once; for a load, the formulas
   * that make it hang are searched for with fresh workers (findCulprits). Either way the restart that
   * follows loads the workbook without them, so the engine is never stuck on the same formula again.
   */
  async function quarantineAfterTimeout(job: Job): Promise<void> {
    if (job.kind === 'apply') {
      const suspects = cellsOfOps(job.ops, source().workbook);
      if (suspects.length > 0) setQuarantine([...quarantine, ...suspects], suspects);
      return;
    }
    if (job.kind !== 'load') return;
    const workbook = job.workbook;
    const limit = timeoutMs * 4;
    let budget = limit;
    const culprits = await findCulprits(formulaCells(workbook, quarantine), async (aside) => {
      replaceWorker();
      const started = performance.now();
      const load = withQuarantine(workbook, [...quarantine, ...aside]);
      try {
        await call((api) => api.load(load, job.revision), budget);
      } catch (error) {
        if (error instanceof EngineTimeoutError || error instanceof EngineDeadError) return false;
        throw error;
      }
      // The first probe (every formula set aside) shows what the rest of the workbook costs: a probe
      // far slower than that is hanging, without waiting out the whole limit each time.
      if (budget === limit) budget = Math.min(limit, Math.max(2_000, 10 * (performance.now() - started)));
      return true;
    });
    if (culprits && culprits.length > 0) setQuarantine([...quarantine, ...culprits], culprits);
  }

  function replaceWorker(): void {
    try {
      endpoint.terminate();
    } catch {
      // already gone
    }
    start();
  }

  function deliver(values: RangeValues): void {
    // Stale: a newer edit is queued, its result (with values) follows. Also skip a viewport that moved on.
    if (values.revision < latestRevision && (pendingOps.length > 0 || pendingLoad)) return;
    subscriber?.values(values);
  }

  function deliverNamed(named: NamedValues, revision: number): void {
    if (revision < latestRevision && (pendingOps.length > 0 || pendingLoad)) return;
    subscriber?.named(named, revision);
  }

  async function pump(): Promise<void> {
    for (;;) {
      const job = nextJob();
      if (!job) break;
      if (job.kind !== 'values') setStatus({ state: 'busy' });
      try {
        await runJob(job);
        restartsInARow = 0;
      } catch (error) {
        if (disposed) return;
        // restart() already replaced the worker and queued the rebuild.
        if (error instanceof EngineCancelledError) continue;
        const dead = error instanceof EngineTimeoutError || error instanceof EngineDeadError;
        if (!dead && (job.kind === 'values' || job.kind === 'named')) continue;
        if (error instanceof EngineTimeoutError) {
          try {
            await quarantineAfterTimeout(job);
          } catch (searchError) {
            if (disposed) return;
            if (searchError instanceof EngineCancelledError) continue;
          }
        }
        await restart(error instanceof Error ? error.message : String(error));
        if (status.state === 'failed') break;
      }
    }
    if (status.state !== 'failed') setStatus({ state: 'ready' });
  }

  /** Replace the worker and rebuild it from the document (which already holds every pending edit). */
  async function restart(reason: string): Promise<void> {
    restartsInARow++;
    if (restartsInARow > MAX_RESTARTS_IN_A_ROW) {
      setStatus({ state: 'failed', detail: reason });
      return;
    }
    setStatus({ state: 'restarting', detail: reason });
    try {
      endpoint.terminate();
    } catch {
      // already gone
    }
    start();
    pendingLoad = null;
    pendingOps = [];
    const { workbook, revision } = source();
    pendingLoad = { workbook, revision };
    options.onRecovered?.(reason);
  }

  function kick(): Promise<void> {
    if (!running) {
      running = pump().finally(() => {
        running = null;
        // Work may have arrived between the last nextJob() and now.
        if (pendingLoad || pendingOps.length > 0 || viewportDirty || namedDirty) {
          void kick();
          return;
        }
        // Only now is the client idle: waking waiters earlier let an idle() call slip into the gap and hang.
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
      });
    }
    return running;
  }

  start();

  return {
    attach(next) {
      subscriber = next;
      return () => {
        if (subscriber === next) subscriber = null;
      };
    },
    load(workbook, revision) {
      latestRevision = Math.max(latestRevision, revision);
      pendingLoad = { workbook, revision };
      pendingOps = [];
      return kick();
    },
    apply(ops, revision) {
      const released = releasedBy(quarantine, ops);
      if (released.length !== quarantine.length) setQuarantine(released, []);
      latestRevision = Math.max(latestRevision, revision);
      pendingOps = pendingOps.concat(ops);
      pendingRevision = revision;
      return kick();
    },
    setViewport(range) {
      viewport = range;
      if (range) {
        viewportDirty = true;
        void kick();
      }
    },
    watchNames(names) {
      watched = [...names];
      if (names.length > 0) {
        namedDirty = true;
        void kick();
      }
    },
    async getValues(range) {
      await (running ?? Promise.resolve());
      return call((api) => api.getValues(range), timeoutMs);
    },
    async functionNames() {
      await (running ?? Promise.resolve());
      return call((api) => api.functionNames(), timeoutMs);
    },
    async traceErrors(names) {
      await (running ?? Promise.resolve());
      return call((api) => api.traceErrors(names), timeoutMs);
    },
    idle() {
      if (!running && !pendingLoad && pendingOps.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    status: () => status,
    restart(reason) {
      if (disposed) return;
      const interrupted = failFast;
      try {
        endpoint.terminate();
      } catch {
        // already gone
      }
      start();
      pendingOps = [];
      const { workbook, revision } = source();
      latestRevision = Math.max(latestRevision, revision);
      pendingLoad = { workbook, revision };
      // The call in flight would never answer from the terminated worker: end it so the queue moves on.
      interrupted?.(new EngineCancelledError(reason));
      void kick();
    },
    quarantined: () => quarantine,
    setQuarantine(cells) {
      quarantine = [...cells];
    },
    killWorkerForTesting() {
      endpoint.terminate();
    },
    dispose() {
      disposed = true;
      unsubscribeFatal?.();
      endpoint.terminate();
      (remote as unknown as { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy]?.();
    },
  };
}

/** The production endpoint: the engine in a module Web Worker. */
export function createWorkerEndpoint(): EngineEndpoint {
  // The worker holds a Web Lock of its own name while it lives (engine.worker.ts).
  const lockName = `bana-engine-${crypto.randomUUID()}`;
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: lockName,
  });
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onFatal(listener) {
      const onError = (event: ErrorEvent) => listener(event.message || 'The engine worker crashed.');
      const onMessageError = () => listener('The engine worker sent a message that could not be read.');
      worker.addEventListener('error', onError);
      worker.addEventListener('messageerror', onMessageError);
      const stopWatching = watchLock(lockName, () => listener('The engine worker stopped.'));
      return () => {
        stopWatching();
        worker.removeEventListener('error', onError);
        worker.removeEventListener('messageerror', onMessageError);
      };
    },
  };
}

/**
 * Call `onReleased` when the lock `name`, once held, is released: the browser releases a worker's
 * locks when it dies however it dies (terminated, crashed, out of memory), even while it is busy,
 * which neither a call timeout nor a ping can tell from a long recalculation. Without Web Locks
 * the call timeout remains the only detector. Returns a function that stops watching.
 */
function watchLock(name: string, onReleased: () => void): () => void {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return () => {};
  let stopped = false;
  const abort = new AbortController();
  void (async () => {
    // Wait until the worker holds it (its script is still loading), then queue behind it.
    while (!stopped && !(await locks.query()).held?.some((lock) => lock.name === name)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (stopped) return;
    await locks.request(name, { signal: abort.signal }, () => {
      if (!stopped) onReleased();
    });
  })().catch(() => {
    // Aborted when the client stops watching.
  });
  return () => {
    stopped = true;
    abort.abort();
  };
}
