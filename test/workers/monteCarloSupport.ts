// Reads the shipped models from models/ for tests that build the shipped scenarios.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioDocument } from '../../src/core/document';
import { migrateDocument } from '../../src/core/migrations';

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
