// Comparing scenarios side by side: which stored workbooks are scenarios, and for the chosen ones
// their engine-computed trajectories and key figures, where a result that cannot be computed breaks,
// and their parameters matched by name. The values come from engines of their own
// (src/engine/compareEngine), never from the main thread.
import type { ScenarioDocument, ScenarioId } from '../core/document';
import { type ErrorOrigin, checkScenario, scenarioParameters } from '../core/scenario/errorOrigin';
import { type ParameterComparison, compareParameters } from '../core/scenario/compare';
import { CHART_NAME } from '../core/scenario/layout';
import { type Parameter, workbookParameters } from '../core/scenario/parameters';
import {
  NUMERIC_NAMES,
  type ScenarioResult,
  SCENARIO_NAMES,
  readScenarioResult,
} from '../core/scenario/result';
import type { CellValue } from '../core/values';
import { type EvaluateNamedOptions, evaluateWorkbooks } from '../engine/compareEngine';
import type { RangeRequest, RangeValues } from '../../workers/contract';
import type { AppState } from './createAppState';

export interface ComparedScenario {
  id: ScenarioId;
  name: string;
  /** Null when the engine could not evaluate it (see `error`) or it has no trajectory. */
  result: ScenarioResult | null;
  /** False when the result cannot be computed (an error reaches it, or a parameter holds what it cannot). */
  computable: boolean;
  /** Where the trouble starts when it cannot be computed: the cells to name. */
  origins: ErrorOrigin[];
  /** The engine's message when evaluation failed. */
  error: string | null;
}

export interface Comparison {
  scenarios: ComparedScenario[];
  /** Parameters matched by name, with one value per scenario in `scenarios`' order. */
  parameters: ParameterComparison;
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

/** One column-B range per sheet that has parameters, covering them all: what the comparison reads. */
function parameterRanges(doc: ScenarioDocument): RangeRequest[] {
  const bySheet = new Map<string, { first: number; last: number; sheetId: Parameter['sheetId'] }>();
  for (const p of workbookParameters(doc)) {
    const span = bySheet.get(p.sheetId);
    if (!span) bySheet.set(p.sheetId, { first: p.row, last: p.row, sheetId: p.sheetId });
    else span.last = Math.max(span.last, p.row);
  }
  return [...bySheet.values()].map((s) => ({
    sheetId: s.sheetId,
    row: s.first,
    col: 1,
    rows: s.last - s.first + 1,
    cols: 1,
  }));
}

function valueIn(ranges: readonly RangeValues[], p: Parameter): CellValue | undefined {
  const range = ranges.find(
    (r) => r.sheetId === p.sheetId && p.row >= r.row && p.row < r.row + r.rows && r.col === p.col,
  );
  return range ? range.values[p.row - range.row] : undefined;
}

export function createComparison(app: ComparisonHost, options: EvaluateNamedOptions = {}) {
  /** The stored workbooks that are scenarios, in the workbook list's order. */
  async function candidates(): Promise<ScenarioChoice[]> {
    const docs = await Promise.all(app.catalog().map((entry) => app.readWorkbook(entry.id)));
    return docs.flatMap((doc) =>
      doc && isScenarioDocument(doc) ? [{ id: doc.id, name: doc.meta.name }] : [],
    );
  }

  /** Evaluate the chosen scenarios (the open one as it is in memory) and compare their parameters. */
  async function compare(ids: readonly ScenarioId[]): Promise<Comparison> {
    const docs = (await Promise.all(ids.map((id) => app.readWorkbook(id)))).filter(
      (doc): doc is ScenarioDocument => doc !== null,
    );
    const evaluated = await evaluateWorkbooks(
      docs,
      SCENARIO_NAMES,
      (doc) => ({
        ranges: parameterRanges(doc),
        trace: {
          names: NUMERIC_NAMES,
          wantsTrace: (named) => (readScenarioResult(named)?.broken.length ?? 0) > 0,
        },
      }),
      options,
    );
    const scenarios = docs.map((doc, i): ComparedScenario => {
      const run = evaluated[i];
      if (!run?.ok) {
        return {
          id: doc.id,
          name: doc.meta.name,
          result: null,
          computable: false,
          origins: [],
          error: run ? run.reason : null,
        };
      }
      const read = readScenarioResult(run.value.named);
      const check = read ? checkScenario(read, scenarioParameters(doc), run.value.trace) : null;
      return {
        id: doc.id,
        name: doc.meta.name,
        result: check ? check.result : null,
        computable: check?.computable ?? false,
        origins: check?.origins ?? [],
        error: null,
      };
    });
    const parameters = compareParameters(docs, (i, p) => {
      const run = evaluated[i];
      return run?.ok ? valueIn(run.value.ranges, p) : undefined;
    });
    return { scenarios, parameters };
  }

  return { candidates, compare };
}
