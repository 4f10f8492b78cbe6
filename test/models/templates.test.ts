// Measure templates and region baselines: each evaluates to the numbers computed here from the
// parameters (independently of the template's own formulas), and one-off savings never recur.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/core/commands';
import type { RawCell, ScenarioDocument } from '../../src/core/document';
import { migrateDocument } from '../../src/core/migrations';
import { FIRST_YEAR_COL, YEAR_COUNT } from '../../src/core/scenario/layout';
import { measureRows } from '../../src/core/scenario/scenario';
import { evaluateDocument } from '../../src/cli/evaluate';

function load(path: string): ScenarioDocument {
  const parsed = migrateDocument(
    JSON.parse(readFileSync(new URL(`../../models/${path}`, import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** Set a parameter (found by its label in column A) to a new value. */
function withParam(doc: ScenarioDocument, label: string, value: RawCell): ScenarioDocument {
  const sheet = doc.sheets[0]!;
  const row = sheet.cells.findIndex((r) => r[0] === label);
  if (row < 0) throw new Error(`no parameter ${label}`);
  return applyCommand(doc, { type: 'setCells', sheetId: sheet.id, row, col: 1, values: [[value]] }).doc;
}

/** Reductions per year (2018…2050) of a standalone template. */
async function reductions(doc: ScenarioDocument): Promise<{ year: number; t: number }[]> {
  const sheet = doc.sheets[0]!;
  const rows = measureRows(sheet)!;
  const ev = await evaluateDocument(doc);
  const values = await ev.sheet(sheet.name);
  return Array.from({ length: YEAR_COUNT }, (_, i) => ({
    year: values[rows.years]![FIRST_YEAR_COL + i] as number,
    t: values[rows.reduction]![FIRST_YEAR_COL + i] as number,
  }));
}

const nonZero = (series: { year: number; t: number }[]) => series.filter((p) => p.t !== 0);

describe('measure templates', () => {
  const files = readdirSync(new URL('../../models/templates/', import.meta.url));

  it('are valid workbooks with the marker rows the trajectory links to, and evaluate without errors', async () => {
    expect(files.length).toBe(7);
    for (const file of files) {
      const doc = load(`templates/${file}`);
      expect(measureRows(doc.sheets[0]!), file).not.toBeNull();
      const ev = await evaluateDocument(doc);
      const values = await ev.sheet(doc.sheets[0]!.name);
      const errors = values.flat().filter((v) => v !== null && typeof v === 'object');
      expect(errors, file).toEqual([]);
    }
  });

  it('fuel conversion: litres × (fossil − HVO) once, in the start year; TTW counts HVO as zero', async () => {
    const doc = load('templates/fuel-conversion.bana.json');
    // The volume is derived so that the sheet's own 0.48 kg/l for HVO gives the decision's 1 210 t.
    const litres = 429_078;
    const once = nonZero(await reductions(doc));
    expect(once).toEqual([{ year: 2025, t: expect.closeTo((litres * (3.3 - 0.48)) / 1000, 6) }]);
    expect(Math.round(once[0]!.t)).toBe(1210);
    const ttw = nonZero(await reductions(withParam(doc, 'Bokföring', 'TTW')));
    expect(ttw[0]?.t).toBeCloseTo((litres * 3.3) / 1000, 6);
    const rme = nonZero(await reductions(withParam(doc, 'Alternativt bränsle', 'RME')));
    expect(rme[0]?.t).toBeCloseTo((litres * (3.3 - 1.09)) / 1000, 6);
    const electric = nonZero(await reductions(withParam(doc, 'Alternativt bränsle', 'El')));
    expect(electric[0]?.t).toBeCloseTo((litres * (3.3 - (4.4 * 59) / 1000)) / 1000, 6);
  });

  it('fuel conversion as a lasting annual measure ramps up by the converted share', async () => {
    let doc = load('templates/fuel-conversion.bana.json');
    doc = withParam(
      withParam(withParam(doc, 'Typ', 'årlig'), 'Livslängd', 5),
      'Andel av volymen som konverteras per år',
      0.5,
    );
    const full = (429_078 * (3.3 - 0.48)) / 1000;
    const ending = nonZero(await reductions(withParam(doc, 'Efter livslängden', 'upphör')));
    expect(ending.map((p) => p.year)).toEqual([2025, 2026, 2027, 2028, 2029]);
    expect(ending[0]?.t).toBeCloseTo(full * 0.5, 6);
    expect(ending[1]?.t).toBeCloseTo(full, 6);
    // A fuel switch continues by default: every year from the start to 2050.
    const lasting = nonZero(await reductions(doc));
    expect(lasting.map((p) => p.year)).toEqual(Array.from({ length: 26 }, (_, i) => 2025 + i));
    expect(lasting.at(-1)?.t).toBeCloseTo(full, 6);
  });

  it('a typed lifetime rule or type outside its list is an error, never a silent branch', async () => {
    const doc = load('templates/reusable-syringes.bana.json');
    const sheet = doc.sheets[0]!;
    const rows = measureRows(sheet)!;
    for (const [label, value] of [
      ['Efter livslängden', 'för alltid'],
      ['Typ', 'varje år'],
    ] as const) {
      const values = await (await evaluateDocument(withParam(doc, label, value))).sheet(sheet.name);
      expect(values[rows.reduction]![FIRST_YEAR_COL + 2030 - 2018], label).toMatchObject({ error: '#N/A' });
    }
  });

  it('circular aprons: the volume basis is explicit; 750 t only fits the whole region', async () => {
    const doc = load('templates/circular-aprons.bana.json');
    const contract = 82_000 + 1_420_000 + 359_000 + 339_000 + 2_300_000;
    expect(contract).toBe(4_500_000);
    // The circular flow continues when the contract is renewed; ending after the lifetime gives 10 years.
    expect(nonZero(await reductions(doc))).toHaveLength(2050 - 2025 + 1);
    const annual = nonZero(await reductions(withParam(doc, 'Efter livslängden', 'upphör')));
    expect(annual).toHaveLength(10);
    expect(annual[0]).toEqual({ year: 2025, t: expect.closeTo((contract * 84 * 0.6) / 1e6, 6) });
    const region = nonZero(await reductions(withParam(doc, 'Volymbas', 'region')));
    expect(region[0]?.t).toBeCloseTo((12_000_000 * 84 * 0.6) / 1e6, 6);
    // The seed's 750 t per year implies 62.5 g per apron over 12 M, 167 g over 4.5 M (> 84 g for a whole apron).
    expect((750 * 1e6) / 12_000_000).toBeLessThan(84);
    expect((750 * 1e6) / 4_500_000).toBeGreaterThan(84);
  });

  it('low-carbon steel is a one-off saving in the delivery year', async () => {
    const series = nonZero(await reductions(load('templates/low-carbon-steel.bana.json')));
    expect(series).toEqual([{ year: 2026, t: expect.closeTo(594 * (2.1 - 0.5), 6) }]);
  });

  it('charging points save only as cars switch, and nothing when the fleet already runs on HVO', async () => {
    const doc = load('templates/charging-points.bana.json');
    const perCar = (12_000 * (0.06 * 2.89 - (0.18 * 59) / 1000)) / 1000;
    const series = nonZero(await reductions(doc));
    expect(series[0]).toEqual({ year: 2025, t: expect.closeTo(100 * perCar * 0.2, 6) });
    expect(series[4]?.t).toBeCloseTo(100 * perCar, 6);
    const hvo = nonZero(await reductions(withParam(doc, 'Flottans nuvarande drivmedel', 'HVO100')));
    expect(hvo[4]?.t).toBeCloseTo((100 * 12_000 * (0.06 * 0.48 - (0.18 * 59) / 1000)) / 1000, 6);
    expect(hvo[4]!.t).toBeLessThan(series[4]!.t / 5);
  });

  it('syringes, N2O destruction and ozonation reproduce the decision’s figures (and ozonation’s open 0 t)', async () => {
    const syringes = nonZero(await reductions(load('templates/reusable-syringes.bana.json')));
    expect(syringes[0]?.t).toBeCloseTo((350_000 * (50 - 10)) / 1e6, 6);
    expect(syringes[0]?.t).toBeCloseTo(14, 6);
    const n2o = nonZero(await reductions(load('templates/nitrous-oxide-destruction.bana.json')));
    expect(n2o[0]?.t).toBeCloseTo((139 * 0.6 * 0.97 * 273) / 1000, 6);
    expect(Math.round(n2o[0]!.t)).toBe(22);
    expect(nonZero(await reductions(load('templates/ozonation.bana.json')))).toEqual([]);
  });

  it('one-off measures never appear in more than one year, whatever their lifetime says', async () => {
    let steel = load('templates/low-carbon-steel.bana.json');
    steel = withParam(steel, 'Livslängd', 30);
    expect(nonZero(await reductions(steel))).toHaveLength(1);
  });
});

describe('region baselines', () => {
  it('Dalarna: the base is the 2018 sector sum 17 861, the reported 17 860 kept beside it, capital outside', async () => {
    const doc = load('baselines/region-dalarna.bana.json');
    const ev = await evaluateDocument(doc);
    const values = await ev.sheet('Baslinje');
    const label = (text: string) => values[doc.sheets[0]!.cells.findIndex((r) => r[0] === text)]!;
    const sectors2018 = 1191 + 3407 + 12126 + 1137;
    const sectors2021 = 1164 + 3719 + 10348 + 709;
    expect(label('Basutsläpp')[1]).toBe(sectors2018);
    expect(label('Totalt (summa)').slice(1, 4)).toEqual([
      sectors2018,
      sectors2021,
      sectors2021 - sectors2018,
    ]);
    expect(label('Totalt enligt bokslutet')[1]).toBe(17_860);
    expect(label('Placering av kapital (utanför totalen)').slice(1, 4)).toEqual([2095, 5522, 3427]);
    expect(label('Förändring per år utan åtgärder (BAU)')[1]).toBeCloseTo(
      (sectors2021 / sectors2018) ** (1 / 3) - 1,
      10,
    );
  });

  it('Stockholm: about 607 000 t in 2024, 30 % activity-based, the spend-based part as an uncertainty range', async () => {
    const doc = load('baselines/region-stockholm.bana.json');
    const ev = await evaluateDocument(doc);
    const values = await ev.sheet('Baslinje');
    const label = (text: string) => values[doc.sheets[0]!.cells.findIndex((r) => r[0] === text)]!;
    expect(label('Basutsläpp')[1]).toBeCloseTo(607_000, 6);
    expect(label('Basutsläpp, låg')[1]).toBeCloseTo(607_000 * 0.3 + 607_000 * 0.7 * 0.6, 6);
    expect(label('Basutsläpp, hög')[1]).toBeCloseTo(607_000 * 0.3 + 607_000 * 0.7 * 1.4, 6);
  });
});
