// The start view's data: the stored scenarios with their result in the target year, computed by
// engines of their own (src/engine/compareEngine, as a comparison does) since a first run has no
// stored values for workbooks never opened; the open workbook and its engine are not touched.
import type { ScenarioDocument, ScenarioId } from '../core/document';
import { type ScenarioResult, SCENARIO_NAMES, readScenarioResult } from '../core/scenario/result';
import { type EvaluateNamedOptions, evaluateNamed } from '../engine/compareEngine';
import type { AppState } from './createAppState';
import { isScenarioDocument } from './createComparison';

export interface StartScenario {
  id: ScenarioId;
  name: string;
  /** The key figures the one-line result needs; null when the engine could not evaluate it. */
  key: ScenarioResult['key'] | null;
}

export type StartViewHost = Pick<AppState, 'catalog' | 'readWorkbook'>;

/** The stored scenarios (in the workbook list's order), each evaluated for its one-line result. */
export async function startScenarios(
  app: StartViewHost,
  options: EvaluateNamedOptions = {},
): Promise<StartScenario[]> {
  const docs = (await Promise.all(app.catalog().map((e) => app.readWorkbook(e.id)))).filter(
    (doc): doc is ScenarioDocument => doc !== null && isScenarioDocument(doc),
  );
  const evaluated = await evaluateNamed(docs, SCENARIO_NAMES, options);
  return docs.map((doc, i) => {
    const named = evaluated[i];
    const result = named?.ok ? readScenarioResult(named.value) : null;
    return { id: doc.id, name: doc.meta.name, key: result && result.broken.length === 0 ? result.key : null };
  });
}
