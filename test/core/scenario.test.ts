// Scenario workbooks: the trajectory's formulas meet each target exactly in its year, measures are
// wired in and out of the trajectory by reversible commands, and the key figures match hand sums.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/core/commands';
import type { ScenarioDocument } from '../../src/core/document';
import { migrateDocument } from '../../src/core/migrations';
import { macBars } from '../../src/core/scenario/result';
import {
  addMeasureCommand,
  buildScenario,
  measureSlots,
  removeMeasureCommand,
} from '../../src/core/scenario/scenario';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../src/core/scenario/shipped';
import { validateDocument } from '../../src/core/schema';
import { evaluateDocument } from '../../src/cli/evaluate';

function model(stem: string): ScenarioDocument {
  for (const dir of ['templates', 'baselines']) {
    try {
      const raw = readFileSync(new URL(`../../models/${dir}/${stem}.bana.json`, import.meta.url), 'utf8');
      const parsed = migrateDocument(JSON.parse(raw));
      if (parsed.ok) return parsed.value;
    } catch {
      // try the next folder
    }
  }
  throw new Error(`no model ${stem}`);
}

const E0 = 1191 + 3407 + 12126 + 1137; // Dalarna 2018, summed from the sectors

describe('scenario trajectory', () => {
  it('starts at the baseline and meets each target path exactly in its year', async () => {
    const doc = buildScenario({ name: 'Dalarna', baseline: model('region-dalarna'), measures: [] });
    expect(validateDocument(doc).ok).toBe(true);
    const result = (await (await evaluateDocument(doc)).result())!;
    expect(result.years[0]).toBe(2018);
    expect(result.years.at(-1)).toBe(2050);
    const at = (series: (number | null)[], year: number) => series[result.years.indexOf(year)] as number;
    expect(at(result.base, 2018)).toBe(E0);
    expect(at(result.targets.linear, 2018)).toBe(E0);
    expect(at(result.targets.linear, 2030)).toBeCloseTo(E0 * 0.25, 9);
    expect(at(result.targets.linear, 2035)).toBeCloseTo(0, 9);
    expect(at(result.targets.neutral, 2035)).toBeCloseTo(0, 9);
    expect(at(result.targets.neutral, 2026)).toBeCloseTo(E0 * (1 - 8 / 17), 6);
    expect(at(result.targets.constant, 2030)).toBeCloseTo(E0 * 0.25, 9);
    const r = 1 - 0.25 ** (1 / 12);
    expect(at(result.targets.constant, 2019)).toBeCloseTo(E0 * (1 - r), 6);
    // Carbon budget path: E0·exp(−E0/B·t) with B = E0·(2035 − 2018)/2 by default.
    const B = (E0 * 17) / 2;
    expect(at(result.targets.budget, 2025)).toBeCloseTo(E0 * Math.exp((-E0 / B) * 7), 6);
    // No measures: the projection is business as usual, the observed 2018→2021 trend.
    const trend = ((1164 + 3719 + 10348 + 709) / E0) ** (1 / 3) - 1;
    expect(at(result.projected, 2030)).toBeCloseTo(E0 * (1 + trend) ** 12, 6);
    expect(result.key.reductionAtTarget).toBeCloseTo(1 - (1 + trend) ** 12, 9);
    expect(result.key.shortfallAtTarget).toBeCloseTo(E0 * (1 + trend) ** 12 - E0 * 0.25, 6);
    expect(result.key.targetLevel).toBeCloseTo(4465.25, 9);
  });

  it('subtracts each measure’s reductions in its years; a one-off saving lowers only its own year', async () => {
    const doc = buildScenario({
      name: 'Dalarna',
      baseline: model('region-dalarna'),
      measures: [model('low-carbon-steel'), model('reusable-syringes')],
    });
    const result = (await (await evaluateDocument(doc)).result())!;
    expect(result.measures.map((m) => m.name)).toEqual([
      'Stål med lågt klimatavtryck (Norra Danviksbron)',
      'Flergångssprutor (Folktandvården)',
    ]);
    const i = (year: number) => result.years.indexOf(year);
    const steel = 594 * 1.6;
    const syringes = (350_000 * 40) / 1e6;
    expect(result.measures[0]!.values[i(2026)]).toBeCloseTo(steel, 9);
    expect(result.measures[0]!.values.filter((v) => v !== 0)).toHaveLength(1);
    expect(result.projected[i(2026)]).toBeCloseTo(result.bau[i(2026)]! - steel - syringes, 6);
    expect(result.projected[i(2027)]).toBeCloseTo(result.bau[i(2027)]! - syringes, 6);
    expect(result.key.totalCost).toBe(1_000_000 + 900_000);
    // Reusable syringes continue after their 10-year lifetime (replaced by reusables): 2025–2050.
    const syringeYears = 2050 - 2025 + 1;
    expect(result.key.totalReduction).toBeCloseTo(steel + syringes * syringeYears, 6);
    expect(result.key.costPerTonne).toBeCloseTo(1_900_000 / (steel + syringes * syringeYears), 6);
  });

  it('adds a measure into the next free slot and removes it again, reversibly', async () => {
    const doc = buildScenario({
      name: 'x',
      baseline: model('region-dalarna'),
      measures: [model('ozonation')],
    });
    const add = addMeasureCommand(doc, model('nitrous-oxide-destruction'))!;
    const added = applyCommand(doc, add);
    const slots = measureSlots(added.doc).filter((s) => s.sheet);
    expect(slots.map((s) => s.sheet!.name)).toEqual(['Ozonering', 'Lustgas']);
    const result = (await (await evaluateDocument(added.doc)).result())!;
    const n2o = result.measures.find((m) => m.name.startsWith('Mobil lustgas'))!;
    expect(n2o.values[result.years.indexOf(2025)]).toBeCloseTo((139 * 0.6 * 0.97 * 273) / 1000, 9);
    // Adding the same template twice gives a second, uniquely named sheet.
    const twice = applyCommand(
      added.doc,
      addMeasureCommand(added.doc, model('nitrous-oxide-destruction'))!,
    ).doc;
    expect(twice.sheets.map((s) => s.name)).toContain('Lustgas 2');
    const remove = removeMeasureCommand(added.doc, slots[1]!.sheet!.id)!;
    const removed = applyCommand(added.doc, remove);
    expect(
      measureSlots(removed.doc)
        .filter((s) => s.sheet)
        .map((s) => s.sheet!.name),
    ).toEqual(['Ozonering']);
    expect(applyCommand(removed.doc, removed.inverse).doc).toEqual(added.doc);
  });
});

describe('shipped scenarios', () => {
  it('build from the templates, validate, and evaluate without errors', async () => {
    for (const recipe of SHIPPED_SCENARIOS) {
      const doc = buildShippedScenario(recipe, model);
      expect(validateDocument(doc).ok, recipe.id).toBe(true);
      const ev = await evaluateDocument(doc);
      for (const sheet of doc.sheets) {
        const errors = (await ev.sheet(sheet.name)).flat().filter((v) => v !== null && typeof v === 'object');
        expect(errors, `${recipe.id} / ${sheet.name}`).toEqual([]);
      }
      expect((await ev.result())?.measures.length).toBe(recipe.measures.length);
    }
  });

  it('Stockholm: the fund’s measures are a tiny share of 607 000 t; the MAC curve orders them by kr per tonne', async () => {
    const doc = buildShippedScenario(SHIPPED_SCENARIOS[0]!, model);
    const result = (await (await evaluateDocument(doc)).result())!;
    expect(result.key.baseEmissions).toBeCloseTo(607_000, 6);
    expect(result.key.reductionAtTarget!).toBeLessThan(0.01);
    expect(result.key.totalCost).toBe(10_000_000);
    const bars = macBars(result.measures);
    expect(bars.map((b) => b.krPerTonne)).toEqual([...bars.map((b) => b.krPerTonne)].sort((a, b) => a - b));
    expect(bars.at(-1)!.x1).toBeCloseTo(
      bars.reduce((s, b) => s + (b.x1 - b.x0), 0),
      6,
    );
    // Ozonation saves 0 t by default, so it has no bar.
    expect(bars.some((b) => b.name.startsWith('Ozonering'))).toBe(false);
  });
});
