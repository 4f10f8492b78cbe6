// A first run: the workbooks Bana ships with are written once, and the first (the climate fund
// workbook) is the one to open. Never again after that, even when the planner deletes them.
import type { ScenarioDocument } from '../core/document';
import { migrateDocument } from '../core/migrations';
import type { WorkbookStorage } from '../storage/db';

/** Seed `storage` unless it was seeded before; stamps the seeds a second apart, in their order. */
export async function seedFirstRun(
  storage: WorkbookStorage,
  seeds: () => Promise<unknown[]>,
  now: () => Date,
): Promise<void> {
  if (await storage.getMeta('seeded')) return;
  let firstSeed: ScenarioDocument | null = null;
  for (const [i, raw] of (await seeds()).entries()) {
    const migrated = migrateDocument(raw);
    if (!migrated.ok) continue;
    // A second apart, so the list (newest first) shows them in the seeds' order.
    const stamp = new Date(now().getTime() - i * 1000).toISOString();
    const seed = { ...migrated.value, meta: { ...migrated.value.meta, updatedAt: stamp } };
    await storage.save(seed);
    firstSeed ??= seed;
  }
  if (firstSeed) await storage.setMeta('lastOpened', firstSeed.id);
  await storage.setMeta('seeded', true);
}
