// The fund through the app's state: the fund sheet's values read from the engine into the model, a
// new decision written as one undoable edit (the remaining budget follows), and a decision's measure
// added to a scenario in one step (the scenario opens with the measure on its trajectory).
import { readFileSync } from 'node:fs';
import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDocument } from '../../src/core/migrations';
import { fundBudget } from '../../src/core/fund/fund';
import { fail } from '../../src/core/result';
import { measureSlots } from '../../src/core/scenario/scenario';
import { type AppState, createAppState } from '../../src/state/createAppState';
import { type Fund, createFund } from '../../src/state/createFund';
import { inProcessEndpoints, shippedScenarios } from './support';

const apps: AppState[] = [];
const disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
  for (const app of apps.splice(0)) app.dispose();
});

function fundWorkbook() {
  const parsed = migrateDocument(
    JSON.parse(
      readFileSync(
        new URL('../../models/region-stockholm-climate-fund-2025.bana.json', import.meta.url),
        'utf8',
      ),
    ),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('createFund', () => {
  it('reads the fund, adds a decision, and adds a decision’s measure to a scenario', async () => {
    const seed = fundWorkbook();
    const [, dalarna] = shippedScenarios();
    const app = await createAppState({
      storage: fail({ kind: 'unavailable', message: 'no IndexedDB' }),
      createEndpoint: inProcessEndpoints().create,
      locale: () => 'en',
      seeds: async () => [seed, dalarna],
      download: () => {},
    });
    apps.push(app);
    expect(app.session().doc().id).toBe(seed.id);
    const fund = createRoot((dispose) => {
      disposers.push(dispose);
      return createFund(app);
    }) as Fund;
    expect(fund.isFund()).toBe(true);
    expect((await fund.read())?.decisions).toHaveLength(11);

    const added = fund.addDecision({
      project: 'Cykelpool',
      unit: 'Serviceförvaltningen',
      cost: 2_000_000,
      reduction: 40,
      kind: 'annual',
      year: 2026,
      lifetime: null,
      template: null,
      lines: [{ category: 'Resor och konferensavgifter', amount: 2_000_000, description: '' }],
    });
    expect(added).toEqual({ ok: true });
    const after = await fund.read();
    expect(after && fundBudget(after)[1]).toMatchObject({
      year: 2026,
      decided: 2_000_000,
      remaining: 8_000_000,
    });
    // A refused input writes nothing.
    const before = app.session().history().undo.length;
    expect(
      fund.addDecision({
        project: '',
        cost: 0,
        year: 2026,
        kind: 'one-off',
        reduction: null,
        lifetime: null,
        template: null,
        unit: '',
        lines: [],
      }),
    ).toEqual({ ok: false, problems: [{ kind: 'name' }, { kind: 'cost' }] });
    expect(app.session().history().undo.length).toBe(before);

    const steel = fund.data()?.decisions[0];
    if (!steel) throw new Error('no decision');
    expect(await fund.addToScenario(steel, dalarna!.id)).toEqual({ ok: true, scenario: dalarna!.meta.name });
    const doc = app.session().doc();
    expect(doc.id).toBe(dalarna!.id);
    const wired = measureSlots(doc).flatMap((s) => (s.sheet ? [s.sheet] : []));
    expect(wired.map((s) => s.cells[0]?.[0])).toContain(
      'Norra Danviksbron (stål med lågt klimatavtryck) (Trafikförvaltningen)',
    );
    expect(fund.isFund()).toBe(false);
  }, 60_000);
});
