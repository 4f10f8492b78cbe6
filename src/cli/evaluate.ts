// Evaluate a scenario document in Node with the same engine code the worker runs: used by the
// `bana` command line and by tests that check the templates' numbers.
import type { ScenarioDocument } from '../core/document';
import { type ScenarioCheck, checkScenario, scenarioParameters } from '../core/scenario/errorOrigin';
import {
  NUMERIC_NAMES,
  type ScenarioResult,
  SCENARIO_NAMES,
  readScenarioResult,
} from '../core/scenario/result';
import type { EngineApi } from '../../workers/contract';
import type { CellValue } from '../core/values';
import { createEngine } from '../../workers/engine';

export interface Evaluation {
  engine: EngineApi;
  /** Values of a whole sheet's used area, by sheet name. */
  sheet(name: string): Promise<CellValue[][]>;
  /** A cell by sheet name and A1-style row/column (0-based). */
  cell(name: string, row: number, col: number): Promise<CellValue>;
  /** The scenario's trajectory and key figures, or null for a plain workbook. */
  result(): Promise<ScenarioResult | null>;
  /** The result checked: computable, or where its errors and wrongly typed parameters start. */
  check(): Promise<ScenarioCheck | null>;
}

/** Load a document into a fresh engine. */
export async function evaluateDocument(doc: ScenarioDocument): Promise<Evaluation> {
  const engine = createEngine();
  await engine.load(
    { sheets: doc.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })), names: doc.names },
    1,
  );
  const byName = (name: string) => {
    const sheet = doc.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`no sheet named ${name}`);
    return sheet;
  };
  return {
    engine,
    async sheet(name) {
      const sheet = byName(name);
      const rows = sheet.cells.length;
      const cols = Math.max(0, ...sheet.cells.map((r) => r.length));
      const v = await engine.getValues({ sheetId: sheet.id, row: 0, col: 0, rows, cols });
      return Array.from({ length: rows }, (_, r) => v.values.slice(r * cols, (r + 1) * cols));
    },
    async cell(name, row, col) {
      const v = await engine.getValues({ sheetId: byName(name).id, row, col, rows: 1, cols: 1 });
      return v.values[0] ?? null;
    },
    async result() {
      return readScenarioResult(await engine.getNamed(SCENARIO_NAMES));
    },
    async check() {
      const result = readScenarioResult(await engine.getNamed(SCENARIO_NAMES));
      if (!result) return null;
      const trace = result.broken.length > 0 ? await engine.traceErrors(NUMERIC_NAMES) : null;
      return checkScenario(result, scenarioParameters(doc), trace);
    },
  };
}
