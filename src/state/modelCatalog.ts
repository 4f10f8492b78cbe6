// The workbooks Bana ships with (models/): measure templates, region baselines, the seed workbook,
// and the scenarios built from them. Loaded lazily so they cost nothing until used.
import type { ScenarioDocument } from '../core/document';
import { migrateDocument } from '../core/migrations';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../core/scenario/shipped';

const templateFiles = import.meta.glob<unknown>('../../models/templates/*.bana.json', { import: 'default' });
const baselineFiles = import.meta.glob<unknown>('../../models/baselines/*.bana.json', { import: 'default' });
const seedFiles = import.meta.glob<unknown>('../../models/*.bana.json', { import: 'default' });

export interface CatalogModel {
  /** File stem, e.g. "fuel-conversion". */
  stem: string;
  doc: ScenarioDocument;
}

function stemOf(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.bana\.json$/, '');
}

async function loadAll(files: Record<string, () => Promise<unknown>>): Promise<CatalogModel[]> {
  const entries = await Promise.all(
    Object.entries(files).map(async ([path, load]) => {
      const migrated = migrateDocument(await load());
      return migrated.ok ? { stem: stemOf(path), doc: migrated.value } : null;
    }),
  );
  return entries
    .filter((e): e is CatalogModel => e !== null)
    .sort((a, b) => a.doc.meta.name.localeCompare(b.doc.meta.name, 'sv'));
}

/** Measure templates, sorted by name. */
export function loadTemplates(): Promise<CatalogModel[]> {
  return loadAll(templateFiles);
}

/** Region baselines, sorted by name. */
export function loadBaselines(): Promise<CatalogModel[]> {
  return loadAll(baselineFiles);
}

/** What a first run opens with: the seed workbook(s) and the shipped scenarios. */
export async function loadFirstRunWorkbooks(now = new Date()): Promise<ScenarioDocument[]> {
  const [seeds, templates, baselines] = await Promise.all([
    loadAll(seedFiles),
    loadTemplates(),
    loadBaselines(),
  ]);
  const byStem = new Map([...templates, ...baselines].map((m) => [m.stem, m.doc]));
  const scenarios = SHIPPED_SCENARIOS.map((recipe) =>
    buildShippedScenario(recipe, (stem) => byStem.get(stem), now),
  );
  return [...seeds.map((s) => s.doc), ...scenarios];
}
