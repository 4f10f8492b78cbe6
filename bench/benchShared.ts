// What every benchmark page shares: statistics, the result format bench/run.mjs reads, stage lines,
// the cap on a slow open, and Bana's client over a real worker with a way to await its answers.
import { createEngineClient, createWorkerEndpoint, type EngineClient } from '../src/engine/engineClient';
import type { EngineWorkbook, RangeRequest, RangeValues } from '../workers/contract';

export interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  samples: number[];
}

export interface Figure {
  /** Stable key, e.g. `load.chain.10000`. */
  id: string;
  /** What was timed, in words. */
  figure: string;
  bana: Stats | null;
  bare: Stats | null;
  /** Of Bana's time, what the engine reported spending inside the worker (LoadResult/ApplyResult.ms). */
  banaEngine?: Stats;
  /** Which statistic of the samples the table shows for this row. */
  stat: 'median' | 'p95';
  /** Why a side is missing, or what it includes. */
  note?: string;
}

export interface CaseResult {
  shape: string;
  formulaCells: number;
  rows: number;
  userAgent: string;
  hardwareConcurrency: number;
  /** True when performance.now() has its fine (5 µs) resolution rather than 100 µs. */
  crossOriginIsolated: boolean;
  figures: Figure[];
  /** Wrong values or engine restarts: any entry fails the run. */
  errors: string[];
}

declare global {
  interface Window {
    __benchResult?: CaseResult;
    __benchError?: string;
  }
}

/** Nearest-rank percentiles over the samples. */
/** A timed series as two figures, its median and its p95, with the engine's share beside Bana's. */
export function medianAndP95(
  id: string,
  figure: string,
  samples: { bana: number[]; engine: number[]; bare: number[] },
  note: string,
): Figure[] {
  return (['median', 'p95'] as const).map((stat) => ({
    id: `${id.replace('{stat}', stat)}`,
    figure: `${figure}, ${stat}`,
    bana: summarise(samples.bana),
    banaEngine: engineStats(samples.engine),
    bare: summarise(samples.bare),
    stat,
    note,
  }));
}

export function summarise(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    median: round(
      sorted.length % 2 === 1
        ? (sorted[(sorted.length - 1) / 2] as number)
        : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2,
    ),
    p95: round(at(0.95)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    samples: samples.map(round),
  };
}

/** Stats of the engine's own times, or undefined when the answers carried none. */
export function engineStats(samples: number[]): Stats | undefined {
  return samples.some((x) => Number.isNaN(x)) || samples.length === 0 ? undefined : summarise(samples);
}

/** A line the runner reads, so it knows which stage was running if the page stops answering. */
export function stage(name: string): void {
  console.log(`[bench-stage] ${name}`);
}

export const OVER_CAP = Symbol('overCap');

export function overCapAfter(ms: number): Promise<typeof OVER_CAP> {
  // The only timer in the page: a cap on a slow load, never part of a measurement.
  return new Promise((resolve) => setTimeout(() => resolve(OVER_CAP), ms));
}

export interface Delivery {
  values: RangeValues;
  /** performance.now() when onValues ran. */
  at: number;
}

/** Bana's client over a real worker, with a way to await the next matching onValues. */
export interface BanaHarness {
  client: EngineClient;
  nextValues(accept: (values: RangeValues) => boolean): Promise<Delivery>;
  setSource(workbook: EngineWorkbook, revision: number): void;
  /** The `ms` of the engine's latest load or apply answer, read off the wire; NaN after reading. */
  takeEngineMs(): number;
  errors: string[];
}

export function createBanaHarness(): BanaHarness {
  let waiter: { accept: (v: RangeValues) => boolean; resolve: (d: Delivery) => void } | null = null;
  let source: { workbook: EngineWorkbook; revision: number } = {
    workbook: { sheets: [], names: [] },
    revision: 0,
  };
  const errors: string[] = [];
  let engineMs = Number.NaN;
  const client = createEngineClient({
    createEndpoint: () => {
      const endpoint = createWorkerEndpoint();
      // Listen beside Comlink to the worker's answers ({ id, type, value }) to split Bana's time into
      // the engine's own and the rest (clone, hop, client). Read only; Comlink is not affected.
      endpoint.endpoint.addEventListener('message', (event) => {
        const value = (event as MessageEvent).data?.value;
        if (value && typeof value === 'object' && typeof value.ms === 'number') engineMs = value.ms;
      });
      return endpoint;
    },
    // Generous: a restart inside a measurement would be a failure anyway; the page caps loads itself.
    timeoutMs: 120_000,
    onRecovered(reason) {
      errors.push(`The engine worker was restarted: ${reason}`);
    },
  });
  client.attach({
    source: () => source,
    values(values) {
      const at = performance.now();
      if (waiter?.accept(values)) {
        const w = waiter;
        waiter = null;
        w.resolve({ values, at });
      }
    },
    named: () => {},
  });
  return {
    client,
    errors,
    takeEngineMs() {
      const ms = engineMs;
      engineMs = Number.NaN;
      return ms;
    },
    setSource(workbook, revision) {
      source = { workbook, revision };
    },
    nextValues(accept) {
      return new Promise((resolve) => {
        waiter = { accept, resolve };
      });
    },
  };
}

export function hfRange(view: RangeRequest) {
  return {
    start: { sheet: 0, row: view.row, col: view.col },
    end: { sheet: 0, row: view.row + view.rows - 1, col: view.col + view.cols - 1 },
  };
}
