// The start view's scenarios: every stored scenario (not plain workbooks), each with the key figures
// its own engine computes, equal to what the CLI's engine gives for the same document.
import { describe, expect, it } from 'vitest';
import { createDocument } from '../../src/core/document';
import type { ScenarioDocument, ScenarioId } from '../../src/core/document';
import { evaluateDocument } from '../../src/cli/evaluate';
import { startScenarios } from '../../src/state/startScenarios';
import type { CatalogEntry } from '../../src/storage/db';
import { inProcessEndpoints, shippedScenarios } from './support';

function host(docs: ScenarioDocument[]) {
  const entries: CatalogEntry[] = docs.map((d) => ({
    id: d.id,
    name: d.meta.name,
    updatedAt: d.meta.updatedAt,
    sheetCount: d.sheets.length,
    cellCount: 0,
  }));
  return {
    catalog: () => entries,
    readWorkbook: async (id: ScenarioId) => docs.find((d) => d.id === id) ?? null,
  };
}

describe('startScenarios', () => {
  it('lists the scenarios with their own key figures and leaves plain workbooks out', async () => {
    const scenarios = shippedScenarios();
    const plain = createDocument('Anteckningar', 'Blad1', new Date('2026-01-01'));
    const { create } = inProcessEndpoints();
    const listed = await startScenarios(host([plain, ...scenarios]), { createEndpoint: create });
    expect(listed.map((s) => s.name)).toEqual(scenarios.map((d) => d.meta.name));
    for (const [i, doc] of scenarios.entries()) {
      const expected = await (await evaluateDocument(doc)).result();
      expect(listed[i]?.key).toEqual(expected?.key);
      expect(listed[i]?.key?.reductionAtTarget).toEqual(expect.any(Number));
    }
  }, 60_000);
});
