// Evaluating workbooks other than the open one, for a comparison: each document is loaded into a
// worker of its own, its named ranges read, and the worker terminated. The open workbook's engine
// is never touched, so its values, queue and undo state stay as they are.
import * as Comlink from 'comlink';
import type { ScenarioDocument } from '../core/document';
import { fail, ok, type Result } from '../core/result';
import type { EngineApi } from '../../workers/contract';
import type { NamedValues } from '../core/values';
import { type EngineEndpoint, createWorkerEndpoint } from './engineClient';

export interface EvaluateNamedOptions {
  /** Makes a fresh endpoint per document; a Worker of workers/engine.worker.ts by default. */
  createEndpoint?: () => EngineEndpoint;
  /** How long one document may take to load and answer before its worker is given up. */
  timeoutMs?: number;
}

/**
 * Evaluate documents one after the other, each in a fresh engine worker, and read `names` from each.
 * One at a time, so a comparison of many scenarios holds at most one extra engine in memory.
 * @param docs The workbooks to evaluate (plain data; they cross to the worker by structured clone).
 * @param names Named expressions to read, e.g. SCENARIO_NAMES.
 * @returns One Result per document, in order: the named values, or the engine's message when the
 *   worker failed, crashed or did not answer in time. Never rejects.
 * @example const [a, b] = await evaluateNamed([docA, docB], SCENARIO_NAMES);
 */
export async function evaluateNamed(
  docs: readonly ScenarioDocument[],
  names: string[],
  options: EvaluateNamedOptions = {},
): Promise<Result<NamedValues, string>[]> {
  const results: Result<NamedValues, string>[] = [];
  for (const doc of docs) results.push(await evaluateOne(doc, names, options));
  return results;
}

async function evaluateOne(
  doc: ScenarioDocument,
  names: string[],
  options: EvaluateNamedOptions,
): Promise<Result<NamedValues, string>> {
  const limit = options.timeoutMs ?? 30_000;
  let endpoint: EngineEndpoint;
  try {
    endpoint = (options.createEndpoint ?? createWorkerEndpoint)();
  } catch (error) {
    return fail(messageOf(error));
  }
  const remote = Comlink.wrap<EngineApi>(endpoint.endpoint);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  // A Comlink call never rejects when its worker dies: the fatal event and a timer make sure it does.
  const givenUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The engine did not answer within ${limit} ms.`)), limit);
    unsubscribe = endpoint.onFatal?.((message) => reject(new Error(message)));
  });
  try {
    const workbook = {
      sheets: doc.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })),
      names: doc.names,
    };
    const named = await Promise.race([remote.load(workbook, 1).then(() => remote.getNamed(names)), givenUp]);
    return ok(named);
  } catch (error) {
    return fail(messageOf(error));
  } finally {
    clearTimeout(timer);
    unsubscribe?.();
    remote[Comlink.releaseProxy]();
    endpoint.terminate();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
