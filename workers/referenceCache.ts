// The what-if worker's reference engine for the last workbook analysed, kept for the next analysis of
// the same workbook: a planner runs goal seek, a data table and Monte Carlo on one scenario in a row,
// and building HyperFormula is most of a short analysis's time. Every input an analysis sets is put
// back when it ends, so the next one starts from the workbook as given.
import type { CellAddress, CompilableWorkbook } from '../src/core/compiled/compile';
import type { ReferenceEngine } from '../src/core/compiled/monteCarlo';
import { createReferenceEngine, referenceContent } from './referenceEngine';

type Engine = ReferenceEngine & { destroy(): void };

let cached: { key: string; engine: Engine } | null = null;
/** An analysis is using the cached engine (Monte Carlo yields between blocks): others build their own. */
let busy = false;

/** Drop the kept engine (tests; and after an analysis that could not put its inputs back). */
export function clearReferenceCache(): void {
  cached?.engine.destroy();
  cached = null;
}

let builds = 0;

/** How many reference engines were built since start (for tests of the cache). */
export function referenceBuildCount(): number {
  return builds;
}

/**
 * Run `analysis` with a reference engine for `workbook`: the kept one when the workbook is the same
 * (same sheets, cells and names), else a new one that is then kept. Inputs the analysis sets through
 * `evaluate` are restored to the workbook's own contents afterwards.
 */
export async function withReference<T>(
  workbook: CompilableWorkbook,
  analysis: (reference: ReferenceEngine) => T | Promise<T>,
): Promise<T> {
  if (busy) {
    // A second analysis while one runs: its own engine, not kept.
    const own = build(workbook);
    try {
      return await analysis(own);
    } finally {
      own.destroy();
    }
  }
  const key = JSON.stringify([workbook.sheets.map((s) => [s.name, s.cells]), workbook.names]);
  if (cached?.key !== key) {
    clearReferenceCache();
    cached = { key, engine: build(workbook) };
  }
  const engine = cached.engine;
  const touched = new Map<string, CellAddress>();
  const tracking: ReferenceEngine = {
    constant: (address) => engine.constant(address),
    evaluate(inputs, values, outputs) {
      for (const a of inputs) touched.set(`${a.sheet}:${a.row}:${a.col}`, a);
      return engine.evaluate(inputs, values, outputs);
    },
  };
  busy = true;
  try {
    return await analysis(tracking);
  } finally {
    busy = false;
    restore(workbook, engine, [...touched.values()]);
  }
}

function build(workbook: CompilableWorkbook): Engine {
  builds++;
  return createReferenceEngine(workbook);
}

/** Put the inputs back to the workbook's contents; an engine that cannot be put back is dropped. */
function restore(workbook: CompilableWorkbook, engine: Engine, inputs: CellAddress[]): void {
  if (inputs.length === 0) return;
  try {
    const original = inputs.map((a) =>
      referenceContent(workbook.sheets[a.sheet]?.cells[a.row]?.[a.col] ?? null),
    );
    // evaluate with no outputs writes the inputs in one batch and reads nothing.
    engine.evaluate(inputs, original as number[], []);
  } catch {
    clearReferenceCache();
  }
}
