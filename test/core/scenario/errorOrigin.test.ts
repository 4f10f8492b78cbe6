// A scenario result never turns an error into 0: it says it cannot be computed and names the
// origin; measures that end before the neutral year are said; the lifetime rule moves the 2035 figure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/core/commands';
import type { ScenarioDocument } from '../../../src/core/document';
import { migrateDocument } from '../../../src/core/migrations';
import { checkScenario, scenarioParameters } from '../../../src/core/scenario/errorOrigin';
import { CHART_NAME } from '../../../src/core/scenario/layout';
import { readScenarioResult } from '../../../src/core/scenario/result';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../../src/core/scenario/shipped';
import {
  cannotComputeSentence,
  endingMeasuresSentence,
  trajectorySentence,
} from '../../../src/i18n/sentences';
import { evaluateDocument } from '../../../src/cli/evaluate';

const read = (stem: string): ScenarioDocument | undefined => {
  for (const dir of ['templates', 'baselines']) {
    try {
      const url = new URL(`../../../models/${dir}/${stem}.bana.json`, import.meta.url);
      const parsed = migrateDocument(JSON.parse(readFileSync(url, 'utf8')));
      if (parsed.ok) return parsed.value;
    } catch {
      // the other folder
    }
  }
  return undefined;
};
const scenario = (id: string) => buildShippedScenario(SHIPPED_SCENARIOS.find((r) => r.id === id)!, read);

function setParam(doc: ScenarioDocument, sheet: string, label: string, value: string | number) {
  const s = doc.sheets.find((x) => x.name === sheet)!;
  const row = s.cells.findIndex((r) => r[0] === label);
  return applyCommand(doc, { type: 'setCells', sheetId: s.id, row, col: 1, values: [[value]] }).doc;
}

describe('readScenarioResult', () => {
  it('keeps an error as no number (null), never 0, and lists the range it broke', () => {
    const err = { error: '#N/A' as const, message: 'x' };
    const r = readScenarioResult({
      [CHART_NAME.years]: [[2018, 2019, 2020]],
      [CHART_NAME.projected]: [[100, err, 90]],
      [CHART_NAME.keyFigures]: [[err], [0.75]],
      [CHART_NAME.measureNames]: [['Stål'], [null]],
      [CHART_NAME.measures]: [[1, err, 'text']],
    })!;
    expect(r.projected).toEqual([100, null, 90]);
    expect(r.measures[0]!.values).toEqual([1, null, null]);
    expect(r.key.reductionAtTarget).toBeNull();
    expect(r.broken).toEqual([CHART_NAME.projected, CHART_NAME.measures, CHART_NAME.keyFigures]);
  });

  it('does not count "" (a formula’s "nothing to show") or text names as broken', () => {
    const r = readScenarioResult({
      [CHART_NAME.years]: [[2018]],
      [CHART_NAME.keyFigures]: [['']],
      [CHART_NAME.measureNames]: [['Stål']],
      [CHART_NAME.measureType]: [['engång']],
    })!;
    expect(r.broken).toEqual([]);
  });
});

describe('checkScenario', () => {
  it('a shipped scenario is computable with no origins', async () => {
    const doc = scenario('dalarna-2030');
    const check = (await (await evaluateDocument(doc)).check())!;
    expect(check.computable).toBe(true);
    expect(check.origins).toEqual([]);
  });

  it('the HVO typo: no line for the projection, the choice named with its allowed values', async () => {
    const doc = setParam(scenario('dalarna-2030'), 'Drivmedel', 'Alternativt bränsle', 'HVO');
    const check = (await (await evaluateDocument(doc)).check())!;
    expect(check.computable).toBe(false);
    const { projected, years } = check.result;
    expect(projected[years.indexOf(2022)]).toBeTypeOf('number');
    expect(projected.slice(years.indexOf(2023))).toEqual(new Array(2050 - 2023 + 1).fill(null));
    expect(check.origins).toHaveLength(1);
    expect(cannotComputeSentence(check.origins, 'sv')).toBe(
      'Resultatet kan inte beräknas: Drivmedel!B11: ”HVO” är inte ett av HVO100, RME, Biogas, El.',
    );
  });

  it('text in Startår stops the result though every formula still gives a number', async () => {
    const doc = setParam(scenario('dalarna-2030'), 'Drivmedel', 'Startår', 'nästa år');
    const ev = await evaluateDocument(doc);
    const plain = (await ev.result())!;
    expect(plain.broken).toEqual([]);
    const check = checkScenario(plain, scenarioParameters(doc), null);
    expect(check.computable).toBe(false);
    expect(check.result.projected.every((v) => v === null)).toBe(true);
    expect(check.result.key.residualAtNeutral).toBeNull();
    expect(check.result.key.baseEmissions).toBe(17_861);
    expect(cannotComputeSentence(check.origins, 'en')).toBe(
      'The result cannot be computed: Drivmedel!B5: "nästa år" is text where a year belongs.',
    );
  });

  it('a parameter on a sheet the trajectory does not read does not stop the result', async () => {
    const doc = scenario('dalarna-2030');
    const loose = read('fuel-conversion')!.sheets[0]!;
    const extra = { ...loose, id: 'sh_loose' as typeof loose.id, name: 'Utkast' };
    const withLoose = applyCommand(doc, { type: 'addSheet', sheet: extra, index: doc.sheets.length }).doc;
    const broken = setParam(withLoose, 'Utkast', 'Alternativt bränsle', 'HVO');
    expect((await (await evaluateDocument(broken)).check())!.computable).toBe(true);
  });
});

describe('lifetime rule', () => {
  it('ending a measure after its lifetime raises what is left in 2035, and the sentence says it ends', async () => {
    const doc = scenario('stockholm-climate-fund-2035');
    const lasting = (await (await evaluateDocument(doc)).result())!;
    const ending = (await (
      await evaluateDocument(setParam(doc, 'Sprutor', 'Efter livslängden', 'upphör'))
    ).result())!;
    const syringes = (350_000 * (50 - 10)) / 1e6;
    expect(ending.key.residualAtNeutral! - lasting.key.residualAtNeutral!).toBeCloseTo(syringes, 6);
    // Missing in the target year 2030 does not change: the syringes still run then.
    expect(ending.key.shortfallAtTarget).toBeCloseTo(lasting.key.shortfallAtTarget!, 6);
    expect(endingMeasuresSentence(ending, 'en')).toContain('Flergångssprutor (Folktandvården) (2034)');
    expect(endingMeasuresSentence(lasting, 'en')).not.toContain('Flergångssprutor');
    // The one-off steel delivery ends in its year, and the headline says so.
    expect(trajectorySentence(lasting, 'sv')).toContain(
      'Före 2035 upphör: Stål med lågt klimatavtryck (Norra Danviksbron) (2026)',
    );
  }, 60_000);
});
