// Durable storage: `navigator.storage.persist()` asked once per browser profile, after the first save.
// The answer is kept, so a refusal never becomes a prompt loop; a failure is not fatal.
import type { WorkbookStorage } from '../storage/db';

export async function askPersistenceOnce(
  storage: WorkbookStorage,
  request: () => Promise<boolean>,
): Promise<void> {
  try {
    if ((await storage.getMeta('persisted')) !== undefined) return;
    await storage.setMeta('persisted', await request());
  } catch {
    // Storage stays best-effort, as before.
  }
}
