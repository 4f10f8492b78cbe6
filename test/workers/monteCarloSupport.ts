// Reads the shipped models from models/ for tests that build the shipped scenarios.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioDocument } from '../../src/core/document';
import { migrateDocument } from '../../src/core/migrations';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../src/core/scenario/shipped';
import type { EngineWorkbook } from '../../workers/contract';

const MODELS = join(import.meta.dirname, '..', '..', 'models');

/** A shipped model by file stem (templates and baselines), as buildShippedScenario asks for it. */
export function exportModelForTest(stem: string): ScenarioDocument | undefined {
  for (const dir of ['templates', 'baselines', '']) {
    if (!readdirSync(join(MODELS, dir)).includes(`${stem}.bana.json`)) continue;
    const migrated = migrateDocument(
      JSON.parse(readFileSync(join(MODELS, dir, `${stem}.bana.json`), 'utf8')),
    );
    if (migrated.ok) return migrated.value;
  }
  return undefined;
}

/** A shipped scenario as the engine worker receives it (raw sheets and names). */
export function shippedEngineWorkbook(id = 'dalarna-2030'): EngineWorkbook {
  const recipe = SHIPPED_SCENARIOS.find((r) => r.id === id);
  if (!recipe) throw new Error(`no shipped scenario ${id}`);
  const doc = buildShippedScenario(recipe, exportModelForTest);
  return { sheets: doc.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })), names: doc.names };
}
