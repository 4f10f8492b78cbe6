// Comparing scenarios through the app's state: only scenario workbooks are offered, each is evaluated
// by an engine of its own (the open workbook's engine is left alone), and differing inputs are listed.
import { afterEach, describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/core/commands';
import { createDocument, newScenarioId } from '../../src/core/document';
import { fail } from '../../src/core/result';
import { evaluateDocument } from '../../src/cli/evaluate';
import { type AppState, createAppState } from '../../src/state/createAppState';
import { createComparison } from '../../src/state/createComparison';
import { inProcessEndpoints, shippedScenarios } from './support';

const apps: AppState[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.dispose();
});

describe('createComparison', () => {
  it('offers the scenarios, evaluates the chosen ones in their own engines and lists changed inputs', async () => {
    const [stockholm, dalarna] = shippedScenarios();
    const sheet = dalarna!.sheets.find((s) => s.name === 'Baslinje')!;
    const changed = applyCommand(
      { ...dalarna!, id: newScenarioId(), meta: { ...dalarna!.meta, name: 'Dalarna, senare mål' } },
      { type: 'setCells', sheetId: sheet.id, row: 6, col: 1, values: [[2032]] },
    ).doc;
    const plain = createDocument('Anteckningar');
    const app = await createAppState({
      storage: fail({ kind: 'unavailable', message: 'no IndexedDB' }),
      createEndpoint: inProcessEndpoints().create,
      locale: () => 'en',
      seeds: async () => [plain, stockholm, dalarna, changed],
      download: () => {},
    });
    apps.push(app);
    const engines = inProcessEndpoints();
    const comparison = createComparison(app, { createEndpoint: engines.create });

    const choices = await comparison.candidates();
    expect(choices.map((c) => c.name).sort()).toEqual(
      [stockholm!.meta.name, dalarna!.meta.name, 'Dalarna, senare mål'].sort(),
    );

    const result = await comparison.compare([dalarna!.id, changed.id]);
    expect(engines.stats).toEqual({ made: 2, open: 0 });
    expect(result.scenarios.map((s) => s.name)).toEqual([dalarna!.meta.name, 'Dalarna, senare mål']);
    expect(result.scenarios[0]?.result).toEqual(await (await evaluateDocument(dalarna!)).result());
    expect(result.scenarios[1]?.result?.key.targetYear).toBe(2032);
    expect(result.parameters).toEqual({
      differing: [{ sheet: 'Baslinje', name: 'Målår', unit: 'år', values: [2030, 2032] }],
      unmatched: [[], []],
    });
    // The open workbook is still the first seed, untouched.
    expect(app.session().doc().id).toBe(plain.id);

    // Across regions: parameters by name with the engine's values (Dalarna's BAU change is a formula).
    const regions = await comparison.compare([stockholm!.id, dalarna!.id]);
    const bau = regions.parameters.differing.find((d) =>
      d.name.startsWith('Förändring per år utan åtgärder'),
    );
    expect(bau?.values[0]).toBe(0);
    expect(typeof bau?.values[1]).toBe('number');
    expect(bau?.values[1]).toBeLessThan(0);
    expect(regions.parameters.unmatched[0]?.map((p) => p.sheet)).toContain('Stål');
    expect(regions.scenarios.map((s) => s.computable)).toEqual([true, true]);
  }, 60_000);

  it('names the cell where the error starts when a compared scenario cannot be computed', async () => {
    const [, dalarna] = shippedScenarios();
    const sheet = dalarna!.sheets.find((s) => s.name === 'Drivmedel')!;
    const row = sheet.cells.findIndex((r) => r[0] === 'Fossilt bränsle (MGO/diesel MK1), WTW');
    const broken = applyCommand(
      { ...dalarna!, id: newScenarioId(), meta: { ...dalarna!.meta, name: 'Dalarna, trasig' } },
      { type: 'setCells', sheetId: sheet.id, row, col: 1, values: [['=1/0']] },
    ).doc;
    const app = await createAppState({
      storage: fail({ kind: 'unavailable', message: 'no IndexedDB' }),
      createEndpoint: inProcessEndpoints().create,
      locale: () => 'en',
      seeds: async () => [dalarna, broken],
      download: () => {},
    });
    apps.push(app);
    const comparison = createComparison(app, { createEndpoint: inProcessEndpoints().create });
    const result = await comparison.compare([dalarna!.id, broken.id]);
    expect(result.scenarios.map((s) => s.computable)).toEqual([true, false]);
    expect(result.scenarios[1]?.origins[0]).toMatchObject({
      address: `Drivmedel!B${row + 1}`,
      reason: { kind: 'error', code: '#DIV/0!' },
    });
  }, 60_000);
});
