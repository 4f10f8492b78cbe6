// A region's own scenario from the guided start: base, BAU and target values computed here from the
// pasted numbers (not from the workbook's formulas), each BAU rule, horizons of 2045 and 2060, another
// base year, and measures from templates fitted to the scenario's years.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/core/commands';
import type { ScenarioDocument } from '../../../src/core/document';
import { migrateDocument } from '../../../src/core/migrations';
import { type BaselineMatrix, parseBaselineMatrix } from '../../../src/core/region/baselineMatrix';
import {
  type RegionSpec,
  buildRegionScenario,
  regionProblems,
} from '../../../src/core/region/regionScenario';
import { yearCountOf } from '../../../src/core/scenario/layout';
import { addMeasureCommand, measureRows } from '../../../src/core/scenario/scenario';
import { validateDocument } from '../../../src/core/schema';
import { evaluateDocument } from '../../../src/cli/evaluate';

const matrix = parseBaselineMatrix(
  readFileSync(new URL('../../fixtures/region/baseline-6x5-sv.tsv', import.meta.url), 'utf8'),
).matrix;

// The fixture's numbers, typed again here: totals of the years every sector reports.
const ROWS = [
  [12345.6, 11980.2, 10512.0, 10877.4, 10120.9],
  [8450.0, 8120.5, 7610.3, 7402.8, 7005.1],
  [4210.4, 4198.7, 4150.2, 4133.9, 4101.6],
  [21034.9, 20511.3, 18972.4, 19450, 18803.2],
  [3120.7, 2980.1, 2801.6, 2755, 2640.3],
  [1050.2, 1012.8, Number.NaN, 965.4, 940],
];
const total = (i: number) => ROWS.reduce((s, r) => s + (r[i] as number), 0);
const T2018 = total(0);
const T2019 = total(1);
const T2021 = total(3);
const T2022 = total(4);

function spec(over: Partial<RegionSpec> = {}): RegionSpec {
  return {
    organisation: 'Region Testland',
    baseYear: 2018,
    targetYear: 2030,
    targetCut: 0.75,
    neutralYear: 2035,
    endYear: 2050,
    matrix,
    bau: 'rate',
    ...over,
  };
}

async function resultOf(doc: ScenarioDocument) {
  const ev = await evaluateDocument(doc);
  const result = await ev.result();
  if (!result) throw new Error('not a scenario');
  const at = (series: (number | null)[], year: number) => series[result.years.indexOf(year)] as number;
  return { result, at, ev };
}

function template(stem: string): ScenarioDocument {
  const raw = readFileSync(new URL(`../../../models/templates/${stem}.bana.json`, import.meta.url), 'utf8');
  const parsed = migrateDocument(JSON.parse(raw));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('buildRegionScenario', () => {
  it('starts at the pasted base-year total and meets the targets; BAU follows the observed years, then the rate', async () => {
    const doc = buildRegionScenario(spec());
    expect(validateDocument(doc).ok).toBe(true);
    const { result, at } = await resultOf(doc);
    expect(result.broken).toEqual([]);
    expect(result.years[0]).toBe(2018);
    expect(result.years.at(-1)).toBe(2050);
    expect(at(result.base, 2018)).toBeCloseTo(T2018, 6);
    expect(result.key.baseEmissions).toBeCloseTo(T2018, 6);
    // Observed years as they are; 2020 lacks one sector, so it lies on the line 2019 → 2021.
    expect(at(result.bau, 2019)).toBeCloseTo(T2019, 6);
    expect(at(result.bau, 2020)).toBeCloseTo((T2019 + T2021) / 2, 6);
    expect(at(result.bau, 2022)).toBeCloseTo(T2022, 6);
    const rate = (T2022 / T2018) ** (1 / 4) - 1;
    expect(at(result.bau, 2030)).toBeCloseTo(T2022 * (1 + rate) ** 8, 6);
    expect(at(result.projected, 2030)).toBeCloseTo(T2022 * (1 + rate) ** 8, 6);
    expect(at(result.targets.linear, 2030)).toBeCloseTo(T2018 * 0.25, 6);
    expect(at(result.targets.neutral, 2035)).toBeCloseTo(0, 6);
    expect(result.key.targetLevel).toBeCloseTo(T2018 * 0.25, 6);
    expect(result.key.shortfallAtTarget).toBeCloseTo(T2022 * (1 + rate) ** 8 - T2018 * 0.25, 6);
    // The sector table comes back for the per-sector chart, the gap included.
    expect(result.sectors?.years).toEqual([2018, 2019, 2020, 2021, 2022]);
    expect(result.sectors?.sectors.map((s) => s.name)).toHaveLength(6);
    expect(result.sectors?.sectors[5]?.values).toEqual([1050.2, 1012.8, null, 965.4, 940]);
    expect(result.sectors?.bau.rule).toBe('konstant takt');
    expect(result.sectors?.bau.change).toBeCloseTo(rate, 12);
    expect(result.sectors?.bau.slope).toBeCloseTo((T2022 - T2018) / 4, 9);
    expect(result.sectors?.bau.lastYear).toBe(2022);
  });

  it('flat keeps the last observed year; linear continues the observed change per year', async () => {
    const flat = await resultOf(buildRegionScenario(spec({ bau: 'flat' })));
    expect(flat.at(flat.result.bau, 2040)).toBeCloseTo(T2022, 6);
    // The rule is a choice cell on the baseline sheet: changing it there changes the BAU path.
    const doc = buildRegionScenario(spec({ bau: 'rate' }));
    const baseline = doc.sheets.find((s) => s.name === 'Baslinje')!;
    const ruleRow = baseline.cells.findIndex((r) => r[0] === 'Utveckling utan åtgärder');
    const switched = applyCommand(doc, {
      type: 'setCells',
      sheetId: baseline.id,
      row: ruleRow,
      col: 1,
      values: [['oförändrad']],
    }).doc;
    const again = await resultOf(switched);
    expect(again.at(again.result.bau, 2040)).toBeCloseTo(T2022, 6);
    const linear = await resultOf(buildRegionScenario(spec({ bau: 'linear' })));
    const slope = (T2022 - T2018) / 4;
    expect(linear.at(linear.result.bau, 2030)).toBeCloseTo(T2022 + slope * 8, 6);
    // Never below zero: a falling line stops at nothing.
    const zeroYear = 2022 + Math.ceil(T2022 / -slope);
    expect(linear.at(linear.result.bau, 2050)).toBe(zeroYear <= 2050 ? 0 : T2022 + slope * 28);
  });

  it('runs to 2045 and to 2060: the years, targets and key figures follow the horizon', async () => {
    for (const endYear of [2045, 2060]) {
      const doc = buildRegionScenario(spec({ endYear }));
      expect(yearCountOf(doc)).toBe(endYear - 2018 + 1);
      const { result, at } = await resultOf(doc);
      expect(result.broken).toEqual([]);
      expect(result.years).toEqual(Array.from({ length: endYear - 2017 }, (_, i) => 2018 + i));
      expect(result.base).toHaveLength(endYear - 2017);
      expect(at(result.targets.linear, 2030)).toBeCloseTo(T2018 * 0.25, 6);
      const rate = (T2022 / T2018) ** (1 / 4) - 1;
      expect(at(result.bau, endYear)).toBeCloseTo(T2022 * (1 + rate) ** (endYear - 2022), 6);
      expect(result.key.residualAtNeutral).toBeCloseTo(T2022 * (1 + rate) ** 13, 6);
    }
  });

  it('takes another base year: the trajectory starts there and earlier years only show per sector', async () => {
    const doc = buildRegionScenario(
      spec({ baseYear: 2019, targetYear: 2032, neutralYear: 2040, endYear: 2045 }),
    );
    const { result, at } = await resultOf(doc);
    expect(result.years[0]).toBe(2019);
    expect(result.years.at(-1)).toBe(2045);
    expect(at(result.base, 2019)).toBeCloseTo(T2019, 6);
    expect(at(result.targets.linear, 2032)).toBeCloseTo(T2019 * 0.25, 6);
    const rate = (T2022 / T2019) ** (1 / 3) - 1;
    expect(at(result.bau, 2032)).toBeCloseTo(T2022 * (1 + rate) ** 10, 6);
  });

  it('fits a measure template to a 2060 horizon: the same reductions where the years overlap, and beyond', async () => {
    const measure = template('charging-points');
    const own = await evaluateDocument(measure);
    const sheet = measure.sheets[0]!;
    const rows = measureRows(sheet)!;
    const standalone = (await own.sheet(sheet.name))[rows.reduction]!.slice(2) as number[];
    const doc = buildRegionScenario(spec({ endYear: 2060 }), { measures: [measure] });
    const { result, ev } = await resultOf(doc);
    expect(result.broken).toEqual([]);
    const m = result.measures[0]!;
    expect(m.values).toHaveLength(43);
    expect(m.values.slice(0, 33)).toEqual(standalone);
    // The lasting measure keeps its full effect after 2050.
    expect(m.values[42]).toBeCloseTo(standalone[32] as number, 9);
    const sum = (m.values as number[]).reduce((a, b) => a + b, 0);
    expect(m.total).toBeCloseTo(sum, 6);
    const fitted = doc.sheets.find((s) => s.name === sheet.name)!;
    expect(await ev.cell(fitted.name, rows.years, 2 + 42)).toBe(2060);
  });

  it('fits a measure added later to a 2045 horizon: its total sums the 28 years it has', async () => {
    let doc = buildRegionScenario(spec({ endYear: 2045 }));
    doc = applyCommand(doc, addMeasureCommand(doc, template('ozonation'))!).doc;
    const { result } = await resultOf(doc);
    expect(result.broken).toEqual([]);
    const m = result.measures[0]!;
    expect(m.values).toHaveLength(28);
    const sum = (m.values as number[]).reduce((a, b) => a + b, 0);
    expect(m.total).toBeCloseTo(sum, 6);
  });
});

describe('regionProblems', () => {
  it('names what stops a region: base year not pasted or incomplete, year order, a trend from one year', () => {
    const codes = (s: RegionSpec) => regionProblems(s).map((p) => p.code);
    expect(codes(spec())).toEqual([]);
    expect(codes(spec({ baseYear: 2017 }))).toContain('baseYearNotObserved');
    expect(codes(spec({ baseYear: 2020, targetYear: 2030 }))).toContain('baseYearIncomplete');
    expect(codes(spec({ targetYear: 2018 }))).toContain('targetYearOrder');
    expect(codes(spec({ neutralYear: 2030 }))).toContain('neutralYearOrder');
    expect(codes(spec({ endYear: 2034 }))).toContain('endYearOrder');
    expect(codes(spec({ organisation: ' ' }))).toContain('noOrganisation');
    expect(codes(spec({ targetCut: 1.2 }))).toContain('cutOutOfRange');
    const one: BaselineMatrix = { years: [2018], sectors: [{ name: 'A', values: [10] }] };
    expect(codes(spec({ matrix: one, bau: 'rate' }))).toContain('trendNeedsTwoYears');
    expect(codes(spec({ matrix: one, bau: 'flat' }))).toEqual([]);
    expect(() => buildRegionScenario(spec({ matrix: one, bau: 'linear' }))).toThrow(/trendNeedsTwoYears/);
  });
});
