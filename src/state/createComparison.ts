// Comparing scenarios side by side: which stored workbooks are scenarios, and for the chosen ones
// their engine-computed trajectories and key figures plus the inputs that differ. The values come
// from engines of their own (src/engine/compareEngine), never from the main thread.
import type { ScenarioDocument, ScenarioId } from '../core/document';
import { type InputDifference, differingInputs } from '../core/scenario/compare';
import { CHART_NAME } from '../core/scenario/layout';
import { type ScenarioResult, SCENARIO_NAMES, readScenarioResult } from '../core/scenario/result';
import { type EvaluateNamedOptions, evaluateNamed } from '../engine/compareEngine';
import type { AppState } from './createAppState';

export interface ComparedScenario {
  id: ScenarioId;
  name: string;
  /** Null when the engine could not evaluate it (see `error`) or it has no trajectory. */
  result: ScenarioResult | null;
  /** The engine's message when evaluation failed. */
  error: string | null;
}

export interface Comparison {
  scenarios: ComparedScenario[];
  /** Parameter inputs that differ, with one value per scenario in `scenarios`' order. */
  differences: InputDifference[];
}

export interface ScenarioChoice {
  id: ScenarioId;
  name: string;
}

export type ComparisonHost = Pick<AppState, 'catalog' | 'readWorkbook'>;

/** A workbook is a scenario when it names the chart years the trajectory sheet provides. */
export function isScenarioDocument(doc: ScenarioDocument): boolean {
  return doc.names.some((n) => n.name === CHART_NAME.years);
}

export function createComparison(app: ComparisonHost, options: EvaluateNamedOptions = {}) {
  /** The stored workbooks that are scenarios, in the workbook list's order. */
  async function candidates(): Promise<ScenarioChoice[]> {
    const docs = await Promise.all(app.catalog().map((entry) => app.readWorkbook(entry.id)));
    return docs.flatMap((doc) =>
      doc && isScenarioDocument(doc) ? [{ id: doc.id, name: doc.meta.name }] : [],
    );
  }

  /** Evaluate the chosen scenarios (the open one as it is in memory) and compare their inputs. */
  async function compare(ids: readonly ScenarioId[]): Promise<Comparison> {
    const docs = (await Promise.all(ids.map((id) => app.readWorkbook(id)))).filter(
      (doc): doc is ScenarioDocument => doc !== null,
    );
    const evaluated = await evaluateNamed(docs, SCENARIO_NAMES, options);
    return {
      scenarios: docs.map((doc, i) => {
        const named = evaluated[i];
        return {
          id: doc.id,
          name: doc.meta.name,
          result: named?.ok ? readScenarioResult(named.value) : null,
          error: named && !named.ok ? named.reason : null,
        };
      }),
      differences: differingInputs(docs),
    };
  }

  return { candidates, compare };
}
