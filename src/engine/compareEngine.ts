// Evaluating workbooks other than the open one, for a comparison: each document is loaded into a
// worker of its own, its named ranges (and any cell ranges asked for) read, and the worker terminated.
// The open workbook's engine is never touched, so its values, queue and undo state stay as they are.
import * as Comlink from 'comlink';
import type { ScenarioDocument } from '../core/document';
import { fail, ok, type Result } from '../core/result';
import type { EngineApi, ErrorTrace, RangeRequest, RangeValues } from '../../workers/contract';
import type { NamedValues } from '../core/values';
import { type EngineEndpoint, createWorkerEndpoint } from './engineClient';

export interface EvaluateNamedOptions {
  /** Makes a fresh endpoint per document; a Worker of workers/engine.worker.ts by default. */
  createEndpoint?: () => EngineEndpoint;
  /** How long one document may take to load and answer before its worker is given up. */
  timeoutMs?: number;
}

/** What to read from one evaluated document besides its named ranges. */
export interface EvaluateRequest {
  /** Cell ranges to read (e.g. the parameters' value cells). */
  ranges?: RangeRequest[];
  /** Trace where the errors in these names start, when `wantsTrace` says so for the named values read. */
  trace?: { names: string[]; wantsTrace: (named: NamedValues) => boolean };
}

/** One evaluated document: its named values, the ranges asked for, and the error trace if one was wanted. */
export interface EvaluatedWorkbook {
  named: NamedValues;
  ranges: RangeValues[];
  trace: ErrorTrace | null;
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
  const results = await evaluateWorkbooks(docs, names, () => ({}), options);
  return results.map((r) => (r.ok ? ok(r.value.named) : r));
}

/**
 * As evaluateNamed, and per document also the cell ranges `request(doc)` asks for and, where its
 * named values want it, the engine's trace of where their errors start (read before the worker ends).
 * @example await evaluateWorkbooks(docs, SCENARIO_NAMES, (doc) => ({ ranges: parameterRanges(doc) }));
 */
export async function evaluateWorkbooks(
  docs: readonly ScenarioDocument[],
  names: string[],
  request: (doc: ScenarioDocument) => EvaluateRequest,
  options: EvaluateNamedOptions = {},
): Promise<Result<EvaluatedWorkbook, string>[]> {
  const results: Result<EvaluatedWorkbook, string>[] = [];
  for (const doc of docs) results.push(await evaluateOne(doc, names, request(doc), options));
  return results;
}

async function evaluateOne(
  doc: ScenarioDocument,
  names: string[],
  request: EvaluateRequest,
  options: EvaluateNamedOptions,
): Promise<Result<EvaluatedWorkbook, string>> {
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
    const read = async (): Promise<EvaluatedWorkbook> => {
      await remote.load(workbook, 1);
      const named = await remote.getNamed(names);
      const ranges: RangeValues[] = [];
      for (const range of request.ranges ?? []) ranges.push(await remote.getValues(range));
      const trace = request.trace?.wantsTrace(named) ? await remote.traceErrors(request.trace.names) : null;
      return { named, ranges, trace };
    };
    return ok(await Promise.race([read(), givenUp]));
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
